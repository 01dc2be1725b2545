import { describe, expect, it } from 'vitest';
import {
  encodeVietQr,
  foldToAscii,
  isVietQrError,
  VietQrError,
  type VietQrInput,
} from '../../../shared/vietqr/index';
import { PUBLISHED_VECTORS } from './vectors';

const base: VietQrInput = { bin: '970415', accountNumber: '0011001932418' };

/** The VietQrError thrown by `fn`, failing the test when nothing or something else is thrown. */
function errorOf(fn: () => unknown): VietQrError {
  try {
    fn();
  } catch (err) {
    if (isVietQrError(err)) return err;
    throw err;
  }
  throw new Error('expected a VietQrError');
}

describe('encodeVietQr', () => {
  it.each(PUBLISHED_VECTORS)(
    'reproduces the published payload byte for byte: $name ($source)',
    ({ input, payload }) => {
      expect(encodeVietQr(input)).toBe(payload);
    },
  );

  it('makes a static code (01 = 11) without an amount and a dynamic one (12) with it', () => {
    expect(encodeVietQr(base).slice(6, 12)).toBe('010211');
    expect(encodeVietQr({ ...base, amount: 50_000 }).slice(6, 12)).toBe('010212');
    expect(encodeVietQr(base)).not.toContain('5406');
  });

  it('writes QRIBFTTC for a card and QRIBFTTA by default', () => {
    expect(encodeVietQr(base)).toContain('0208QRIBFTTA');
    expect(encodeVietQr({ ...base, service: 'account' })).toContain('0208QRIBFTTA');
    expect(encodeVietQr({ ...base, accountNumber: '9704151234567890', service: 'card' })).toContain(
      '0208QRIBFTTC',
    );
  });

  it('accepts BINs outside 9704xx (MoMo, Timo, CAKE)', () => {
    for (const bin of ['971025', '963388', '546034']) {
      expect(encodeVietQr({ bin, accountNumber: '0123456789' })).toContain(`0006${bin}`);
    }
  });

  it('writes 62 sub-fields in ID order: bill 01, reference 05, terminal 07, purpose 08', () => {
    const payload = encodeVietQr({
      ...base,
      purpose: 'P',
      terminalLabel: 'T',
      referenceLabel: 'R',
      billNumber: 'B',
    });
    expect(payload).toContain('62200101B0501R0701T0801P6304');
  });

  it('writes merchant name (59) and city (60) before the additional data (62)', () => {
    const payload = encodeVietQr({
      ...base,
      merchantName: 'HTX Tôm Cà Mau',
      merchantCity: 'Cà Mau',
      purpose: 'x',
    });
    expect(payload).toContain('5802VN5914HTX Tom Ca Mau6006Ca Mau62050801x6304');
  });

  it('accepts the largest amount with 13 digits', () => {
    expect(encodeVietQr({ ...base, amount: 9_999_999_999_999 })).toContain('54139999999999999');
  });

  it('folds purpose and labels to ASCII: accents removed, đ to d, spaces collapsed', () => {
    const payload = encodeVietQr({ ...base, purpose: '  Đơn\thàng   ĐH 1 ' });
    expect(payload).toContain('0813Don hang DH 16304');
    expect(foldToAscii('Nguyễn Thị Bưởi, Cà Mau')).toBe('Nguyen Thi Buoi, Ca Mau');
    expect(foldToAscii('ĐẶNG VĂN ÁNH')).toBe('DANG VAN ANH');
    // decomposed input (macOS keyboards) folds the same as precomposed
    expect(foldToAscii('Tiê\u0300n')).toBe('Tien');
  });
});

describe('encodeVietQr input errors', () => {
  const cases: [string, Partial<Record<keyof VietQrInput, unknown>>, string, string][] = [
    ['a BIN that is not 6 digits', { bin: '97041' }, 'bin', 'format'],
    ['a BIN with letters', { bin: '97041A' }, 'bin', 'format'],
    ['a BIN that is not a string', { bin: 970415 }, 'bin', 'type'],
    ['an empty account number', { accountNumber: '' }, 'accountNumber', 'empty'],
    [
      'a 20-character account number',
      { accountNumber: '1'.repeat(20) },
      'accountNumber',
      'maxLength',
    ],
    ['an account number with a dash', { accountNumber: '0011-0019' }, 'accountNumber', 'charset'],
    [
      'a card number with letters',
      { accountNumber: '9704AB', service: 'card' },
      'accountNumber',
      'charset',
    ],
    ['an unknown service', { service: 'wallet' }, 'service', 'oneOf'],
    ['an amount of 0', { amount: 0 }, 'amount', 'positiveSafeInteger'],
    ['a negative amount', { amount: -1000 }, 'amount', 'positiveSafeInteger'],
    ['a fractional amount', { amount: 1000.5 }, 'amount', 'positiveSafeInteger'],
    ['NaN', { amount: Number.NaN }, 'amount', 'positiveSafeInteger'],
    ['Infinity', { amount: Number.POSITIVE_INFINITY }, 'amount', 'positiveSafeInteger'],
    ['an amount above the safe integers', { amount: 2 ** 53 }, 'amount', 'positiveSafeInteger'],
    ['an amount with 14 digits', { amount: 10_000_000_000_000 }, 'amount', 'maxDigits'],
    ['an amount as a string', { amount: '120000' }, 'amount', 'type'],
    ['a purpose with punctuation', { purpose: 'Don hang #12' }, 'purpose', 'charset'],
    ['a purpose with a comma', { purpose: 'Don hang, cam on' }, 'purpose', 'charset'],
    ['a purpose with an emoji', { purpose: 'Cam on 🙏' }, 'purpose', 'charset'],
    ['a purpose in Chinese', { purpose: '谢谢' }, 'purpose', 'charset'],
    ['a purpose of 26 characters', { purpose: 'a'.repeat(26) }, 'purpose', 'maxLength'],
    ['a purpose that is only spaces', { purpose: '   ' }, 'purpose', 'empty'],
    ['a purpose that is not a string', { purpose: 42 }, 'purpose', 'type'],
    ['a bill number with #', { billNumber: 'HD#1' }, 'billNumber', 'charset'],
    [
      'a reference label of 26 characters',
      { referenceLabel: 'R'.repeat(26) },
      'referenceLabel',
      'maxLength',
    ],
    ['a terminal label with a quote', { terminalLabel: "Quay'1" }, 'terminalLabel', 'charset'],
    [
      'a merchant name of 26 characters',
      { merchantName: 'N'.repeat(26) },
      'merchantName',
      'maxLength',
    ],
    [
      'a merchant city of 16 characters',
      { merchantCity: 'C'.repeat(16) },
      'merchantCity',
      'maxLength',
    ],
    [
      'labels that overflow tag 62 (99 characters)',
      {
        purpose: 'p'.repeat(25),
        billNumber: 'b'.repeat(25),
        referenceLabel: 'r'.repeat(25),
        terminalLabel: 't'.repeat(9),
      },
      'additionalData',
      'maxLength',
    ],
  ];

  it.each(cases)('rejects %s, naming the field and the rule', (_, override, field, rule) => {
    const error = errorOf(() => encodeVietQr({ ...base, ...override } as VietQrInput));

    expect(error).toBeInstanceOf(VietQrError);
    expect(error.name).toBe('VietQrError');
    expect(error.code).toBe('vietqr.invalidInput');
    expect(error.details).toEqual({ field, rule });
    expect(error.message).toContain(field);
  });

  it('rejects an input that is not an object', () => {
    expect(errorOf(() => encodeVietQr(null as unknown as VietQrInput)).details).toEqual({
      field: 'input',
      rule: 'type',
    });
  });

  it('names the offending character in charset errors', () => {
    expect(errorOf(() => encodeVietQr({ ...base, purpose: 'Giá 100€' })).message).toContain(
      '"€" (U+20AC)',
    );
  });

  it('accepts labels at 25 characters and a tag 62 of exactly 99', () => {
    const payload = encodeVietQr({
      ...base,
      purpose: 'p'.repeat(25),
      billNumber: 'b'.repeat(25),
      referenceLabel: 'r'.repeat(25),
      terminalLabel: 't'.repeat(99 - 3 * 29 - 4),
    });
    expect(payload).toContain('6299');
  });

  it('allows . , - / in labels but not in the purpose', () => {
    expect(encodeVietQr({ ...base, billNumber: 'HD-2024/01,A.1' })).toContain('0114HD-2024/01,A.1');
    expect(errorOf(() => encodeVietQr({ ...base, purpose: 'HD-2024' })).details?.rule).toBe(
      'charset',
    );
  });
});
