/**
 * Errors of the VietQR codec. One class, dotted stable codes (same style as shared/errors.ts):
 * callers and tests branch on `code`, never on `message`. Every code is a client error (the lead
 * maps `VietQrError` to HTTP 400), so a new code only has to be appended here.
 */
export const VIETQR_ERROR_CODES = [
  /** Tag 63 does not match the CRC-16/CCITT-FALSE of the payload, or is not 4 hex digits. */
  'vietqr.badCrc',
  /** ID/LEN not two digits, a zero length, a value running past its template, 63 not last. */
  'vietqr.malformedTlv',
  /** A mandatory field (00, 01, 38, 38.00, 38.01, 38.01.00, 38.01.01, 38.02, 53, 58, 63) is absent. */
  'vietqr.missingField',
  /** The same ID twice in one template. */
  'vietqr.duplicateField',
  /** 38.00 is not the NAPAS GUID A000000727. */
  'vietqr.wrongGuid',
  /** 53 is not 704 (VND). */
  'vietqr.wrongCurrency',
  /** 58 is not VN. */
  'vietqr.wrongCountry',
  /** 54 is not a whole positive number of đồng written with at most 13 digits. */
  'vietqr.badAmount',
  /** 38.02 is neither QRIBFTTA (account) nor QRIBFTTC (card). */
  'vietqr.unknownService',
  /** An EMVCo payload of another scheme (VNPAY-QR, card schemes) or not an EMVCo payload at all. */
  'vietqr.notVietQr',
  /** More than 512 characters (EMVCo limit). */
  'vietqr.tooLong',
  /** A present field breaks a value rule (format indicator, initiation, BIN, account, text). */
  'vietqr.invalidField',
  /** encodeVietQr input breaks a rule; `details` names the field and the rule. */
  'vietqr.invalidInput',
] as const;

export type VietQrErrorCode = (typeof VIETQR_ERROR_CODES)[number];

/** Codes that decodeVietQr can return (everything but the encode-side `vietqr.invalidInput`). */
export type VietQrDecodeErrorCode = Exclude<VietQrErrorCode, 'vietqr.invalidInput'>;

/** Rules an encode input can break, named in `VietQrError.details.rule`. */
export type VietQrInputRule =
  | 'required'
  | 'type'
  | 'format'
  | 'maxLength'
  | 'empty'
  | 'charset'
  | 'positiveSafeInteger'
  | 'maxDigits'
  | 'oneOf';

export interface VietQrErrorDetails {
  /** Input field (encode) or tag path such as `38.01.00` (decode). */
  field?: string;
  rule?: VietQrInputRule | string;
  /** Offset in the payload where decoding stopped. */
  position?: number;
}

export class VietQrError extends Error {
  constructor(
    readonly code: VietQrErrorCode,
    message: string,
    readonly details?: VietQrErrorDetails,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'VietQrError';
  }
}

export const isVietQrError = (err: unknown): err is VietQrError => err instanceof VietQrError;

/** Throws the encode-side error for `field` breaking `rule`. */
export function invalidInput(field: string, rule: VietQrInputRule, message: string): never {
  throw new VietQrError('vietqr.invalidInput', `${field}: ${message}`, { field, rule });
}
