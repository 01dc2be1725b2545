/**
 * VietQR payment codes: strict codec and bank registry. Pure and dependency-free; rendering to
 * SVG/PNG is in ./render (imported explicitly, so the codec never pulls `qrcode` into a bundle).
 * Format, rules and where we are stricter than the libraries: docs/vietqr.md.
 */
export {
  BANKS,
  BANKS_SOURCE,
  findBankByBin,
  findBankByCode,
  listBanksForPicker,
  type VietQrBank,
  type VietQrSupport,
} from './banks';
export { crc16, crc16Hex } from './crc16';
export {
  decodeVietQr,
  MAX_PAYLOAD_LENGTH,
  type VietQrDecodeError,
  type VietQrDecodeResult,
  type VietQrPayment,
} from './decode';
export {
  encodeVietQr,
  MAX_ACCOUNT_LENGTH,
  MAX_AMOUNT,
  MAX_LABEL_LENGTH,
  MAX_MERCHANT_CITY_LENGTH,
  MAX_MERCHANT_NAME_LENGTH,
  SERVICE_CODES,
  VIETQR_GUID,
  type VietQrInput,
  type VietQrService,
} from './encode';
export {
  isVietQrError,
  VIETQR_ERROR_CODES,
  type VietQrDecodeErrorCode,
  VietQrError,
  type VietQrErrorCode,
  type VietQrErrorDetails,
  type VietQrInputRule,
} from './errors';
export { foldToAscii, LABEL_CHARSET_DESCRIPTION, PURPOSE_CHARSET_DESCRIPTION } from './fold';
