/**
 * VietQR encoder (NAPAS "QR chuyển nhanh 24/7", a profile of EMVCo QRCPS-MPM). Builds the payload
 * string that a QR code carries; rendering lives in render.ts.
 */
import { crcBlock } from './crc16';
import { invalidInput } from './errors';
import {
  type Charset,
  describeChar,
  firstOutside,
  foldToAscii,
  isAlnum,
  isFoldedIn,
  LABEL_CHARSET_DESCRIPTION,
  PURPOSE_CHARSET_DESCRIPTION,
} from './fold';
import { MAX_VALUE_LENGTH, PayloadWriter } from './tlv';

/** Transfer to a bank account (QRIBFTTA) or to a card number (QRIBFTTC). */
export type VietQrService = 'account' | 'card';

export interface VietQrInput {
  /** 6-digit NAPAS BIN of the beneficiary bank (tag 38.01.00), e.g. `970415`, `971025`. */
  bin: string;
  /** Account number (1–19 letters or digits) or, for `service: 'card'`, card number (digits). */
  accountNumber: string;
  /** Default `account`. */
  service?: VietQrService;
  /** Whole đồng, 1..9 999 999 999 999. Present: dynamic code (01 = 12); absent: static (11). */
  amount?: number;
  /** Transfer content bank apps prefill (62/08). Folded to ASCII; letters, digits, spaces; ≤ 25. */
  purpose?: string;
  /** 62/01, folded; letters, digits, spaces and . , - /; ≤ 25. */
  billNumber?: string;
  /** 62/05, folded; as billNumber. */
  referenceLabel?: string;
  /** 62/07, folded; as billNumber. */
  terminalLabel?: string;
  /** 59, folded; as billNumber; ≤ 25. */
  merchantName?: string;
  /** 60, folded; as billNumber; ≤ 15. */
  merchantCity?: string;
}

/** NAPAS GUID, tag 38.00. */
export const VIETQR_GUID = 'A000000727';
export const SERVICE_CODES = { account: 'QRIBFTTA', card: 'QRIBFTTC' } as const;
/** EMVCo MPM ID 54 (Transaction Amount): at most 13 characters. */
export const MAX_AMOUNT = 9_999_999_999_999;
/** EMVCo: each 62 sub-field (01–08) is at most 25 characters. */
export const MAX_LABEL_LENGTH = 25;
/** EMVCo MPM ID 59 (Merchant Name): at most 25 characters. */
export const MAX_MERCHANT_NAME_LENGTH = 25;
/** EMVCo MPM ID 60 (Merchant City): at most 15 characters. */
export const MAX_MERCHANT_CITY_LENGTH = 15;
/** NAPAS: account or card number (38.01.01) at most 19 characters. */
export const MAX_ACCOUNT_LENGTH = 19;

/**
 * Builds a VietQR payload. Dynamic (tag 01 = 12) when `amount` is given, static (11) otherwise.
 * Free text is folded to ASCII first (see fold.ts); anything still outside the field's character
 * set, too long or of the wrong type throws `VietQrError('vietqr.invalidInput')` whose `details`
 * name the field and the rule.
 *
 * @example
 * encodeVietQr({ bin: '970415', accountNumber: '0011001932418', amount: 120000, purpose: 'ủng hộ lũ lụt' })
 * // '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA5303704540612000058
 * //  02VN62170813ung ho lu lut6304C15C' (one line)
 */
export function encodeVietQr(input: VietQrInput): string {
  if (typeof input !== 'object' || input === null) {
    invalidInput('input', 'type', 'must be an object');
  }
  const { bin, accountNumber, amount } = input;
  const service = input.service ?? 'account';

  // NAPAS 38.01.00: BIN, exactly 6 digits
  if (typeof bin !== 'string') invalidInput('bin', 'type', 'must be a string');
  if (bin.length !== 6 || !allDigits(bin)) invalidInput('bin', 'format', 'must be 6 digits');

  if (service !== 'account' && service !== 'card') {
    invalidInput('service', 'oneOf', "must be 'account' or 'card'");
  }

  // NAPAS 38.01.01: account/card number, up to 19 characters
  if (typeof accountNumber !== 'string') invalidInput('accountNumber', 'type', 'must be a string');
  if (accountNumber.length === 0) invalidInput('accountNumber', 'empty', 'must not be empty');
  if (accountNumber.length > MAX_ACCOUNT_LENGTH) {
    invalidInput('accountNumber', 'maxLength', `must be at most ${MAX_ACCOUNT_LENGTH} characters`);
  }
  if (service === 'card' ? !allDigits(accountNumber) : !allAlnum(accountNumber)) {
    invalidInput(
      'accountNumber',
      'charset',
      service === 'card' ? 'a card number must be digits' : 'must be letters and digits',
    );
  }

  // EMVCo MPM ID 54; VND has no minor unit, so a whole positive number of đồng
  let amountText = '';
  if (amount !== undefined) {
    if (typeof amount !== 'number') invalidInput('amount', 'type', 'must be a number');
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      invalidInput('amount', 'positiveSafeInteger', 'must be a whole number of đồng above 0');
    }
    if (amount > MAX_AMOUNT) invalidInput('amount', 'maxDigits', 'must have at most 13 digits');
    amountText = `${amount}`;
  }

  const purpose = text(input.purpose, 'purpose', MAX_LABEL_LENGTH, 'purpose');
  const billNumber = text(input.billNumber, 'billNumber', MAX_LABEL_LENGTH, 'label');
  const referenceLabel = text(input.referenceLabel, 'referenceLabel', MAX_LABEL_LENGTH, 'label');
  const terminalLabel = text(input.terminalLabel, 'terminalLabel', MAX_LABEL_LENGTH, 'label');
  const merchantName = text(input.merchantName, 'merchantName', MAX_MERCHANT_NAME_LENGTH, 'label');
  const merchantCity = text(input.merchantCity, 'merchantCity', MAX_MERCHANT_CITY_LENGTH, 'label');

  // EMVCo MPM ID 62: sub-fields in ascending ID order; the template itself is at most 99
  const additionalLength =
    (billNumber ? 4 + billNumber.length : 0) +
    (referenceLabel ? 4 + referenceLabel.length : 0) +
    (terminalLabel ? 4 + terminalLabel.length : 0) +
    (purpose ? 4 + purpose.length : 0);
  if (additionalLength > MAX_VALUE_LENGTH) {
    invalidInput(
      'additionalData',
      'maxLength',
      `purpose and labels take ${additionalLength} characters in tag 62, at most ${MAX_VALUE_LENGTH}`,
    );
  }

  // 00 "01", 01 "11"/"12", then NAPAS tag 38: 00 GUID, 01 beneficiary (00 BIN, 01 account),
  // 02 service code. Lengths: 38.01 = 10 + 4 + account, 38 = 14 + 4 + 38.01 + 12, both below 99.
  const beneficiaryLength = 14 + accountNumber.length;
  const w = new PayloadWriter(amount === undefined ? HEAD_STATIC : HEAD_DYNAMIC);
  w.digits2(beneficiaryLength + 30);
  w.constant(GUID_AND_BENEFICIARY);
  w.digits2(beneficiaryLength);
  w.constant(BIN_ID);
  w.value(bin);
  w.field(1, accountNumber);
  // 38.02 service code, then 53 currency "704" (EMVCo MPM ID 53, ISO 4217)
  w.constant(service === 'card' ? CARD_SERVICE_AND_CURRENCY : ACCOUNT_SERVICE_AND_CURRENCY);
  if (amountText) w.field(54, amountText);
  w.constant(COUNTRY); // 58 "VN" (EMVCo MPM ID 58, ISO 3166-1)
  if (merchantName) w.field(59, merchantName);
  if (merchantCity) w.field(60, merchantCity);
  if (additionalLength > 0) {
    w.digits2(62);
    w.digits2(additionalLength);
    if (billNumber) w.field(1, billNumber);
    if (referenceLabel) w.field(5, referenceLabel);
    if (terminalLabel) w.field(7, terminalLabel);
    if (purpose) w.field(8, purpose);
  }
  // EMVCo MPM ID 63: the CRC covers everything up to and including "6304"
  return w.finish();
}

// Constant pieces of every payload, with their effect on the CRC precomputed.
const HEAD_STATIC = crcBlock('00020101021138');
const HEAD_DYNAMIC = crcBlock('00020101021238');
const GUID_AND_BENEFICIARY = crcBlock(`0010${VIETQR_GUID}01`);
const BIN_ID = crcBlock('0006');
const ACCOUNT_SERVICE_AND_CURRENCY = crcBlock(`0208${SERVICE_CODES.account}5303704`);
const CARD_SERVICE_AND_CURRENCY = crcBlock(`0208${SERVICE_CODES.card}5303704`);
const COUNTRY = crcBlock('5802VN');

const CHARSET_DESCRIPTIONS: Record<Charset, string> = {
  purpose: PURPOSE_CHARSET_DESCRIPTION,
  label: LABEL_CHARSET_DESCRIPTION,
};

/** Folds and checks one optional free-text field; '' when absent. */
function text(
  value: string | undefined,
  field: string,
  maxLength: number,
  charset: Charset,
): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') invalidInput(field, 'type', 'must be a string');
  let folded = value;
  if (!isFoldedIn(value, charset)) {
    folded = foldToAscii(value);
    if (folded.length === 0) invalidInput(field, 'empty', 'is empty after folding to ASCII');
    const bad = firstOutside(folded, charset);
    if (bad >= 0) {
      const char = describeChar(folded, bad);
      const allowed = CHARSET_DESCRIPTIONS[charset];
      invalidInput(field, 'charset', `character ${char} is not allowed; use ${allowed}`);
    }
  }
  if (folded.length > maxLength) {
    invalidInput(
      field,
      'maxLength',
      `is ${folded.length} characters after folding, at most ${maxLength}`,
    );
  }
  return folded;
}

function allDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function allAlnum(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isAlnum(value.charCodeAt(i))) return false;
  return true;
}
