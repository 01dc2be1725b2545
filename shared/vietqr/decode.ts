/**
 * Strict, total VietQR decoder. Any string in, a result out: `{ ok: true, value }` for a payload
 * that satisfies every rule in docs/vietqr.md, otherwise `{ ok: false, error }` with a stable code
 * and, where known, the offset that failed. It never throws.
 *
 * Order of checks: length (512), top-level TLV structure, characters (printable ASCII) and CRC,
 * then the meaning of each field. So a damaged scan reports `vietqr.badCrc`, and a well-formed
 * payload with a correct CRC reports what is wrong with its content.
 *
 * Hot path: charCode loops over the payload, no regular expressions, no intermediate arrays (two
 * four-word tag sets apart) or cursor objects; strings are only sliced for the values returned.
 */
import { findBankByBin, type VietQrBank } from './banks';
import { crc16PrintableAscii, toHex4 } from './crc16';
import { SERVICE_CODES, VIETQR_GUID, type VietQrService } from './encode';
import type { VietQrDecodeErrorCode } from './errors';
import { twoDigits } from './tlv';

/** Tags 00-99 seen so far, one bit each in four 32-bit words (no allocation per tag). */
const newTagSet = () => new Uint32Array(4);

/** True the first time `tag` is marked in `seen`, false when it was there already. */
function firstTime(seen: Uint32Array, tag: number): boolean {
  const word = tag >> 5;
  const bit = 1 << (tag & 31);
  if (((seen[word] as number) & bit) !== 0) return false;
  seen[word] = (seen[word] as number) | bit;
  return true;
}

/** EMVCo MPM: a payload is at most 512 characters. */
export const MAX_PAYLOAD_LENGTH = 512;

export interface VietQrPayment {
  /** Tag 01: 11 static (reusable), 12 dynamic (one payment). */
  initiation: 'static' | 'dynamic';
  /** 38.01.00 */
  bin: string;
  /** 38.01.01 */
  accountNumber: string;
  /** 38.02: QRIBFTTA account, QRIBFTTC card. */
  service: VietQrService;
  /** 54, whole đồng. */
  amount?: number;
  /** 62.08 */
  purpose?: string;
  /** 62.01 */
  billNumber?: string;
  /** 62.05 */
  referenceLabel?: string;
  /** 62.07 */
  terminalLabel?: string;
  /** 59 */
  merchantName?: string;
  /** 60 */
  merchantCity?: string;
  /** 63, uppercase. */
  crc: string;
  /** The registry entry for `bin`, when known. */
  bank?: VietQrBank;
}

export interface VietQrDecodeError {
  code: VietQrDecodeErrorCode;
  message: string;
  /** Offset in the payload of the data object (or character) that failed. */
  position?: number;
  /** Tag path of the field concerned, e.g. `54`, `38.01.00`, `62.08`. */
  field?: string;
}

export type VietQrDecodeResult =
  | { ok: true; value: VietQrPayment }
  | { ok: false; error: VietQrDecodeError };

/**
 * Decodes and validates a VietQR payload (the text inside the QR code).
 * @example
 * const result = decodeVietQr(scanned);
 * if (result.ok) result.value.amount; else result.error.code; // e.g. 'vietqr.badCrc'
 */
export function decodeVietQr(payload: string): VietQrDecodeResult {
  if (typeof payload !== 'string') {
    return { ok: false, error: { code: 'vietqr.notVietQr', message: 'payload is not a string' } };
  }
  if (payload.length > MAX_PAYLOAD_LENGTH) {
    return failure(
      'vietqr.tooLong',
      `payload is ${payload.length} characters, at most ${MAX_PAYLOAD_LENGTH}`,
      MAX_PAYLOAD_LENGTH,
    );
  }
  try {
    return { ok: true, value: parse(payload) };
  } catch (err) {
    if (err instanceof DecodeFailure) return { ok: false, error: err.error };
    throw err;
  }
}

class DecodeFailure {
  constructor(readonly error: VietQrDecodeError) {}
}

function failure(
  code: VietQrDecodeErrorCode,
  message: string,
  position?: number,
  field?: string,
): { ok: false; error: VietQrDecodeError } {
  const error: VietQrDecodeError = { code, message };
  if (position !== undefined) error.position = position;
  if (field !== undefined) error.field = field;
  return { ok: false, error };
}

function fail(
  code: VietQrDecodeErrorCode,
  message: string,
  position?: number,
  field?: string,
): never {
  throw new DecodeFailure(failure(code, message, position, field).error);
}

// Why a data object header is not valid (negative results of `header`).
const TRUNCATED = -1;
const BAD_ID = -2;
const BAD_LEN = -3;
const ZERO_LEN = -4;
const OVERRUN = -5;

/**
 * Reads the data object header at `pos` inside `[pos, end)`: `tag * 128 + length` (tag 0..99,
 * length 1..99), or a reason < 0. One read of the four digits serves both the check and the use.
 */
function header(p: string, pos: number, end: number): number {
  if (pos + 4 > end) return TRUNCATED;
  const tag = twoDigits(p, pos);
  if (tag < 0) return BAD_ID;
  const length = twoDigits(p, pos + 2);
  if (length < 0) return BAD_LEN;
  if (length === 0) return ZERO_LEN;
  return pos + 4 + length > end ? OVERRUN : tag * 128 + length;
}

function malformed(p: string, pos: number, end: number, reason: number, template: string): never {
  const where = template ? ` in ${template}` : '';
  const tag = p.slice(pos, pos + 2);
  let message: string;
  if (reason === TRUNCATED) message = `truncated data object${where}`;
  else if (reason === BAD_ID) message = `ID${where} is not two digits`;
  else if (reason === BAD_LEN) message = `LEN of ${tag}${where} is not two digits`;
  else if (reason === ZERO_LEN) message = `LEN of ${tag}${where} is 00`;
  else {
    const declared = twoDigits(p, pos + 2);
    message = `${tag}${where} declares ${declared} characters but ${end - pos - 4} remain`;
  }
  fail('vietqr.malformedTlv', message, pos, template || undefined);
}

function parse(p: string): VietQrPayment {
  const len = p.length;
  // EMVCo MPM ID 00: the Payload Format Indicator comes first
  if (len < 2 || p.charCodeAt(0) !== 48 || p.charCodeAt(1) !== 48) {
    fail('vietqr.notVietQr', 'not an EMVCo payload: it must start with tag 00', 0);
  }

  // Pass 1: top-level structure; remember where each field we need starts.
  const seen = newTagSet();
  let f01 = -1;
  let f38 = -1;
  let f53 = -1;
  let f54 = -1;
  let f58 = -1;
  let f59 = -1;
  let f60 = -1;
  let f62 = -1;
  let f63 = -1;
  let otherScheme = -1;
  let fee = -1;
  let pos = 0;
  while (pos < len) {
    const read = header(p, pos, len);
    if (read < 0) malformed(p, pos, len, read, '');
    const tag = read >> 7;
    const length = read & 127;
    const duplicate = !firstTime(seen, tag);
    if (duplicate) fail('vietqr.duplicateField', `tag ${id(tag)} appears twice`, pos, id(tag));
    switch (tag) {
      case 0:
        // the payload starts with "00" (checked above), so a second 00 is a duplicate
        break;
      case 1:
        f01 = pos;
        break;
      case 38:
        f38 = pos;
        break;
      case 53:
        f53 = pos;
        break;
      case 54:
        f54 = pos;
        break;
      case 55:
      case 56:
      case 57:
        if (fee < 0) fee = pos;
        break;
      case 58:
        f58 = pos;
        break;
      case 59:
        f59 = pos;
        break;
      case 60:
        f60 = pos;
        break;
      case 62:
        f62 = pos;
        break;
      case 63:
        // EMVCo MPM ID 63: the CRC is the last data object, "6304" and 4 hex digits
        if (pos + 4 + length !== len) {
          fail('vietqr.malformedTlv', 'tag 63 (CRC) must be the last field', pos, '63');
        }
        if (length !== 4) {
          fail('vietqr.malformedTlv', 'tag 63 (CRC) must have length 04', pos, '63');
        }
        f63 = pos;
        break;
      default:
        // EMVCo MPM IDs 02-51: merchant account information of other schemes (VNPAY-QR uses 26)
        if (tag >= 2 && tag <= 51 && otherScheme < 0) otherScheme = pos;
    }
    pos += 4 + length;
  }
  if (f63 < 0) fail('vietqr.missingField', 'tag 63 (CRC) is missing', len, '63');

  // Pass 2: printable ASCII (EMVCo "ans"; keeps character lengths unambiguous) and the CRC.
  const crcStart = len - 4;
  const expected = crc16PrintableAscii(p, crcStart);
  if (expected < 0) {
    const at = -1 - expected;
    const code = p.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
    fail('vietqr.invalidField', `character U+${code} at ${at} is not printable ASCII`, at);
  }
  if (readHex4(p, crcStart) !== expected) {
    fail(
      'vietqr.badCrc',
      `CRC is ${p.slice(crcStart)} but the payload's CRC-16/CCITT-FALSE is ${toHex4(expected)}`,
      crcStart,
      '63',
    );
  }

  // Pass 3: meaning, field by field.
  if (!p.startsWith('0201', 2)) {
    fail('vietqr.invalidField', 'Payload Format Indicator (00) must be "01"', 0, '00');
  }
  if (f01 < 0) fail('vietqr.missingField', 'Point of Initiation Method (01) is missing', len, '01');
  let initiation: VietQrPayment['initiation'];
  if (p.startsWith('0211', f01 + 2)) initiation = 'static';
  else if (p.startsWith('0212', f01 + 2)) initiation = 'dynamic';
  else fail('vietqr.invalidField', 'Point of Initiation Method (01) must be 11 or 12', f01, '01');

  if (f38 < 0) {
    if (otherScheme >= 0) {
      const tag = p.slice(otherScheme, otherScheme + 2);
      fail('vietqr.notVietQr', `no NAPAS tag 38; tag ${tag} is another scheme's`, otherScheme, tag);
    }
    fail('vietqr.missingField', 'Merchant Account Information (38) is missing', len, '38');
  }
  const value = merchantAccount(p, f38, initiation);

  if (f53 < 0) fail('vietqr.missingField', 'Transaction Currency (53) is missing', len, '53');
  if (!p.startsWith('5303704', f53)) {
    fail('vietqr.wrongCurrency', `currency is ${quotedValue(p, f53)}, not 704 (VND)`, f53, '53');
  }
  if (f54 >= 0) value.amount = parseAmount(p, f54);
  if (fee >= 0) {
    const tag = p.slice(fee, fee + 2);
    fail('vietqr.invalidField', `tip or convenience fee (${tag}) is not supported`, fee, tag);
  }
  if (f58 < 0) fail('vietqr.missingField', 'Country Code (58) is missing', len, '58');
  if (!p.startsWith('5802VN', f58)) {
    fail('vietqr.wrongCountry', `country is ${quotedValue(p, f58)}, not VN`, f58, '58');
  }
  if (f59 >= 0) value.merchantName = text(p, f59, 25, '59');
  if (f60 >= 0) value.merchantCity = text(p, f60, 15, '60');
  if (f62 >= 0) additionalData(p, f62, value);
  value.crc = toHex4(expected);
  const bank = findBankByBin(value.bin);
  if (bank) value.bank = bank;
  return value;
}

const GUID_FIELD = `0010${VIETQR_GUID}`;
const ACCOUNT_SERVICE_FIELD = `0208${SERVICE_CODES.account}`;
const CARD_SERVICE_FIELD = `0208${SERVICE_CODES.card}`;

/** NAPAS tag 38: 00 GUID, 01 beneficiary (00 BIN, 01 account or card), 02 service code. */
function merchantAccount(
  p: string,
  field: number,
  initiation: VietQrPayment['initiation'],
): VietQrPayment {
  const end = field + 4 + twoDigits(p, field + 2);
  let guid = -1;
  let beneficiary = -1;
  let service = -1;
  for (let pos = field + 4; pos < end; ) {
    const read = header(p, pos, end);
    if (read < 0) malformed(p, pos, end, read, '38');
    const tag = read >> 7;
    const length = read & 127;
    if (tag > 2) {
      fail('vietqr.invalidField', `38.${id(tag)} is not a NAPAS field`, pos, `38.${id(tag)}`);
    }
    if ((tag === 0 ? guid : tag === 1 ? beneficiary : service) >= 0) {
      fail('vietqr.duplicateField', `38.${id(tag)} appears twice`, pos, `38.${id(tag)}`);
    }
    if (tag === 0) guid = pos;
    else if (tag === 1) beneficiary = pos;
    else service = pos;
    pos += 4 + length;
  }
  if (guid < 0) fail('vietqr.missingField', 'GUID (38.00) is missing', field, '38.00');
  if (!p.startsWith(GUID_FIELD, guid) || twoDigits(p, guid + 2) !== 10) {
    fail('vietqr.wrongGuid', `GUID is ${quotedValue(p, guid)}, not ${VIETQR_GUID}`, guid, '38.00');
  }
  if (beneficiary < 0) {
    fail('vietqr.missingField', 'beneficiary (38.01) is missing', field, '38.01');
  }
  if (service < 0) fail('vietqr.missingField', 'service code (38.02) is missing', field, '38.02');
  let serviceName: VietQrService;
  if (p.startsWith(ACCOUNT_SERVICE_FIELD, service)) serviceName = 'account';
  else if (p.startsWith(CARD_SERVICE_FIELD, service)) serviceName = 'card';
  else {
    const code = quotedValue(p, service);
    fail('vietqr.unknownService', `service ${code} is not QRIBFTTA or QRIBFTTC`, service, '38.02');
  }

  const innerEnd = beneficiary + 4 + twoDigits(p, beneficiary + 2);
  let bin = -1;
  let account = -1;
  for (let pos = beneficiary + 4; pos < innerEnd; ) {
    const read = header(p, pos, innerEnd);
    if (read < 0) malformed(p, pos, innerEnd, read, '38.01');
    const tag = read >> 7;
    const length = read & 127;
    const path = tag === 0 ? '38.01.00' : '38.01.01';
    if (tag > 1) {
      fail('vietqr.invalidField', `38.01.${id(tag)} is not a NAPAS field`, pos, `38.01.${id(tag)}`);
    }
    if ((tag === 0 ? bin : account) >= 0) {
      fail('vietqr.duplicateField', `${path} appears twice`, pos, path);
    }
    if (tag === 0) bin = pos;
    else account = pos;
    pos += 4 + length;
  }
  if (bin < 0) fail('vietqr.missingField', 'BIN (38.01.00) is missing', beneficiary, '38.01.00');
  if (account < 0) {
    fail('vietqr.missingField', 'account number (38.01.01) is missing', beneficiary, '38.01.01');
  }
  if (twoDigits(p, bin + 2) !== 6 || !digits(p, bin + 4, bin + 10)) {
    fail('vietqr.invalidField', `BIN ${quotedValue(p, bin)} is not 6 digits`, bin, '38.01.00');
  }
  const accountLength = twoDigits(p, account + 2);
  const accountEnd = account + 4 + accountLength;
  if (accountLength > 19) {
    fail('vietqr.invalidField', 'account number is longer than 19 characters', account, '38.01.01');
  }
  if (
    serviceName === 'card'
      ? !digits(p, account + 4, accountEnd)
      : !alnum(p, account + 4, accountEnd)
  ) {
    const rule =
      serviceName === 'card' ? 'a card number must be digits' : 'must be letters and digits';
    fail('vietqr.invalidField', `account number (38.01.01): ${rule}`, account, '38.01.01');
  }
  return {
    initiation,
    bin: p.slice(bin + 4, bin + 10),
    accountNumber: p.slice(account + 4, accountEnd),
    service: serviceName,
    crc: '',
  };
}

/** EMVCo MPM ID 54 (Transaction Amount), VND: 1-13 digits, no leading zero, no decimal point, above 0. */
function parseAmount(p: string, field: number): number {
  const length = twoDigits(p, field + 2);
  const start = field + 4;
  if (length > 13) fail('vietqr.badAmount', 'amount has more than 13 characters', field, '54');
  let amount = 0;
  for (let i = start; i < start + length; i++) {
    const d = p.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      fail('vietqr.badAmount', `amount ${quotedValue(p, field)} is not whole đồng`, field, '54');
    }
    amount = amount * 10 + d;
  }
  if (p.charCodeAt(start) === 48) {
    fail(
      'vietqr.badAmount',
      `amount ${quotedValue(p, field)} is zero or has a leading zero`,
      field,
      '54',
    );
  }
  return amount;
}

/** EMVCo MPM ID 62 (Additional Data Field Template): 01 bill number, 05 reference, 07 terminal, 08 purpose; others ignored. */
function additionalData(p: string, field: number, value: VietQrPayment): void {
  const end = field + 4 + twoDigits(p, field + 2);
  const seen = newTagSet();
  for (let pos = field + 4; pos < end; ) {
    const read = header(p, pos, end);
    if (read < 0) malformed(p, pos, end, read, '62');
    const tag = read >> 7;
    const length = read & 127;
    const duplicate = !firstTime(seen, tag);
    if (duplicate) {
      fail('vietqr.duplicateField', `62.${id(tag)} appears twice`, pos, `62.${id(tag)}`);
    }
    if (tag === 8) value.purpose = text(p, pos, 25, '62.08');
    else if (tag === 1) value.billNumber = text(p, pos, 25, '62.01');
    else if (tag === 5) value.referenceLabel = text(p, pos, 25, '62.05');
    else if (tag === 7) value.terminalLabel = text(p, pos, 25, '62.07');
    pos += 4 + length;
  }
}

function text(p: string, field: number, maxLength: number, path: string): string {
  const length = twoDigits(p, field + 2);
  if (length > maxLength) {
    fail(
      'vietqr.invalidField',
      `${path} is ${length} characters, at most ${maxLength}`,
      field,
      path,
    );
  }
  return p.slice(field + 4, field + 4 + length);
}

function digits(p: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = p.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function alnum(p: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = p.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** Value of the (well-formed) data object at `field`, quoted for messages. */
function quotedValue(p: string, field: number): string {
  return JSON.stringify(p.slice(field + 4, field + 4 + twoDigits(p, field + 2)));
}

/** The 4 hex digits at `start` (either case, EMVCo writes uppercase), or -1. */
function readHex4(p: string, start: number): number {
  let value = 0;
  for (let i = start; i < start + 4; i++) {
    const c = p.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else return -1;
    value = value * 16 + d;
  }
  return value;
}

function id(tag: number): string {
  return tag < 10 ? `0${tag}` : `${tag}`;
}
