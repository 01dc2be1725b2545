/**
 * Published VietQR payloads, byte for byte, with where each comes from. Every CRC was checked
 * independently (bit-by-bit CRC-16/CCITT-FALSE) before being copied here.
 */
import type { VietQrInput } from '../../../shared/vietqr/index';

export interface PublishedVector {
  name: string;
  source: string;
  input: VietQrInput;
  payload: string;
}

export const PUBLISHED_VECTORS: PublishedVector[] = [
  {
    name: 'dynamic, accented purpose folded (STYLE.md pin)',
    // subiz/vietqr README.md (commit 8da5679a): Generate(120000, "970415", "0011001932418", "ủng hộ lũ lụt")
    source: 'subiz/vietqr README',
    input: {
      bin: '970415',
      accountNumber: '0011001932418',
      amount: 120000,
      purpose: 'ủng hộ lũ lụt',
    },
    payload:
      '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C',
  },
  {
    name: 'static, account only',
    // subiz/vietqr vietqr_test.go (commit 0861e8ad), first case
    source: 'subiz/vietqr vietqr_test.go',
    input: { bin: '970423', accountNumber: '0099999999' },
    payload:
      '00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4',
  },
  {
    name: 'dynamic with ASCII purpose',
    // subiz/vietqr vietqr_test.go, second case
    source: 'subiz/vietqr vietqr_test.go',
    input: {
      bin: '970422',
      accountNumber: '0023457923442',
      amount: 40123,
      purpose: 'test text string',
    },
    payload:
      '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62200816test text string6304D9C6',
  },
  {
    name: 'dynamic, "chuyển khoản" folded',
    // subiz/vietqr vietqr_test.go, fourth case
    source: 'subiz/vietqr vietqr_test.go',
    input: {
      bin: '970422',
      accountNumber: '0023457923442',
      amount: 40123,
      purpose: 'chuyển khoản',
    },
    payload:
      '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62160812chuyen khoan6304722F',
  },
  {
    name: '19-character alphanumeric account, 25-character purpose',
    // subiz/vietqr vietqr_test.go, sixth case (subiz truncates the note; we pass the 25 characters)
    source: 'subiz/vietqr vietqr_test.go',
    input: {
      bin: '970422',
      accountNumber: '0023457923442ASDFLJ',
      amount: 40123,
      purpose: 'chuyen khoan alsdkf laksj',
    },
    payload:
      '00020101021238630010A0000007270133000697042201190023457923442ASDFLJ0208QRIBFTTA53037045405401235802VN62290825chuyen khoan alsdkf laksj6304E5DB',
  },
  {
    name: 'static ACB',
    // xuannghia/vietnam-qr-pay README "VietQR Tĩnh"
    source: 'vietnam-qr-pay README',
    input: { bin: '970416', accountNumber: '257678859' },
    payload:
      '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F',
  },
  {
    name: 'dynamic ACB',
    // xuannghia/vietnam-qr-pay README "VietQR Động"
    source: 'vietnam-qr-pay README',
    input: { bin: '970416', accountNumber: '257678859', amount: 10000, purpose: 'Chuyen tien' },
    payload:
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6',
  },
  {
    name: 'dynamic ACB, 1 000 đồng',
    // xuannghia/vietnam-qr-pay README "Decode mã QR" and test/test-vietqr.spec.ts
    source: 'vietnam-qr-pay README and test/test-vietqr.spec.ts',
    input: { bin: '970416', accountNumber: '257678859', amount: 1000, purpose: 'Chuyen tien' },
    payload:
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB8',
  },
  {
    name: 'dynamic ACB rebuilt',
    // xuannghia/vietnam-qr-pay README "build() method"
    source: 'vietnam-qr-pay README',
    input: { bin: '970416', accountNumber: '257678859', amount: 999999, purpose: 'Cam on nhe' },
    payload:
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA530370454069999995802VN62140810Cam on nhe6304E786',
  },
  {
    name: 'MoMo wallet (BIN 971025) with reference label',
    // xuannghia/vietnam-qr-pay README "MoMo, tài khoản MỚI"
    source: 'vietnam-qr-pay README',
    input: {
      bin: '971025',
      accountNumber: 'PSP123456789000000',
      referenceLabel: 'MOMOW2W12345678',
    },
    payload:
      '00020101021138620010A000000727013200069710250118PSP1234567890000000208QRIBFTTA53037045802VN62190515MOMOW2W123456786304821F',
  },
  {
    name: 'ZaloPay through BVBank',
    // xuannghia/vietnam-qr-pay README "ZaloPay"
    source: 'vietnam-qr-pay README',
    input: { bin: '970454', accountNumber: '99ZP24009M07248267' },
    payload:
      '00020101021138620010A00000072701320006970454011899ZP24009M072482670208QRIBFTTA53037045802VN6304073C',
  },
  {
    name: 'bill number and purpose',
    // duyquoc1508/napas-qr README "Quick start"
    source: 'napas-qr README',
    input: {
      bin: '970416',
      accountNumber: '224528479',
      amount: 10000,
      billNumber: 'NPS6869',
      purpose: 'TRANSFER TO SOMEONE',
    },
    payload:
      '00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13',
  },
  {
    name: 'NAPAS sample: static transfer to a card (QRIBFTTC)',
    // NAPAS IBFT QR format v1.5.2 sample, as quoted in binhnguyenduc/vietqr-ts
    // tests/compliance/napas-static-card.test.ts ("qr_format_v1.5.2.md line 953")
    source: 'NAPAS v1.5.2 sample via vietqr-ts',
    input: { bin: '970403', accountNumber: '9704031101234567', service: 'card' },
    payload:
      '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52',
  },
  {
    name: 'NAPAS sample: dynamic account with bill number and purpose',
    // NAPAS IBFT QR format v1.5.2 sample, as quoted in binhnguyenduc/vietqr-ts
    // tests/compliance/napas-dynamic-account.test.ts ("qr_format_v1.5.2.md line 981")
    source: 'NAPAS v1.5.2 sample via vietqr-ts',
    input: {
      bin: '970403',
      accountNumber: '0011012345678',
      amount: 180000,
      billNumber: 'NPS6869',
      purpose: 'thanh toan don hang',
    },
    payload:
      '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E',
  },
];

/**
 * NAPAS v1.5.2 static-account sample (same source, "line 925"): its CRC F4E5 is right for the text,
 * but 38.01.01 declares 12 characters for a 13-character account, so the nested lengths don't add
 * up. Lenient parsers read it; we reject it.
 */
export const NAPAS_STATIC_SAMPLE_WITH_LENGTH_TYPO =
  '00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5';

/** xuannghia/vietnam-qr-pay README "VNPay": a VNPAY-QR payload (tag 26, GUID A000000775). */
export const VNPAY_QR =
  '00020101021126280010A0000007750110010531314453037045408210900005802VN5910CELLPHONES62600312CPSHN ONLINE0517021908061613127850705ONLHN0810CellphoneS63047685';

/** xuannghia/vietnam-qr-pay README "MoMo, tài khoản CŨ": VietQR plus unreserved tag 80. */
export const MOMO_WITH_TAG_80 =
  '00020101021138620010A00000072701320006970454011899MM24011M348750800208QRIBFTTA53037045802VN62190515MOMOW2W3487508080030466304EBC8';

/** xuannghia/vietnam-qr-pay test/test-vietqr.spec.ts "Invalid CRC VietQR": BBB8 changed to BBB5. */
export const VIETNAM_QR_PAY_BAD_CRC =
  '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB5';
