import fc from 'fast-check';
import { QRPay } from 'vietnam-qr-pay';
import { describe, expect, it } from 'vitest';
import {
  crc16Hex,
  decodeVietQr,
  foldToAscii,
  VIETQR_ERROR_CODES,
  type VietQrDecodeErrorCode,
  type VietQrDecodeResult,
} from '../../../shared/vietqr/index';
import { runs } from './runs';
import {
  MOMO_WITH_TAG_80,
  NAPAS_STATIC_SAMPLE_WITH_LENGTH_TYPO,
  PUBLISHED_VECTORS,
  VIETNAM_QR_PAY_BAD_CRC,
  VNPAY_QR,
} from './vectors';

type Fields = [id: string, value: string][];

const tlv = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;
/** Joins data objects and appends a correct CRC, so each case fails only for the rule it breaks. */
const withCrc = (body: string) => `${body}6304${crc16Hex(`${body}6304`)}`;
const build = (fields: Fields) => withCrc(fields.map(([id, value]) => tlv(id, value)).join(''));

const beneficiary = (bin = '970415', account = '0011001932418') =>
  tlv('00', bin) + tlv('01', account);
const merchant = (guid = 'A000000727', ben = beneficiary(), service = 'QRIBFTTA') =>
  tlv('00', guid) + tlv('01', ben) + tlv('02', service);

const GOOD: Fields = [
  ['00', '01'],
  ['01', '12'],
  ['38', merchant()],
  ['53', '704'],
  ['54', '120000'],
  ['58', 'VN'],
  ['62', tlv('08', 'ung ho lu lut')],
];
const STYLE_VECTOR =
  '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';

const replace = (id: string, value: string): Fields =>
  GOOD.map(([k, v]) => [k, k === id ? value : v] as [string, string]);
const without = (id: string): Fields => GOOD.filter(([k]) => k !== id);
const plus = (...extra: Fields): Fields => [...GOOD, ...extra];

function errorOf(result: VietQrDecodeResult) {
  if (result.ok) throw new Error(`expected a failure, decoded ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('decodeVietQr on published payloads', () => {
  it('builds the STYLE.md vector from its parts (sanity of the test helpers)', () => {
    expect(build(GOOD)).toBe(STYLE_VECTOR);
  });

  it.each(PUBLISHED_VECTORS)('decodes every field of $name ($source)', ({ input, payload }) => {
    const result = decodeVietQr(payload);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { bank, crc, ...fields } = result.value;
    expect(fields).toEqual({
      initiation: input.amount === undefined ? 'static' : 'dynamic',
      bin: input.bin,
      accountNumber: input.accountNumber,
      service: input.service ?? 'account',
      ...(input.amount !== undefined && { amount: input.amount }),
      ...(input.purpose && { purpose: foldToAscii(input.purpose) }),
      ...(input.billNumber && { billNumber: input.billNumber }),
      ...(input.referenceLabel && { referenceLabel: input.referenceLabel }),
    });
    expect(crc).toBe(payload.slice(-4));
    expect(bank?.bin).toBe(input.bin);
  });

  it('names the bank from the registry, including BINs outside 9704xx', () => {
    const momo = decodeVietQr(
      PUBLISHED_VECTORS.find((v) => v.input.bin === '971025')?.payload ?? '',
    );
    expect(momo.ok && momo.value.bank?.code).toBe('MOMO');
    const vietin = decodeVietQr(STYLE_VECTOR);
    expect(vietin.ok && vietin.value.bank?.shortName).toBe('VietinBank');
  });

  it('leaves the bank out for a BIN the registry does not know', () => {
    const result = decodeVietQr(build(replace('38', merchant(undefined, beneficiary('970499')))));
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.bank).toBeUndefined();
    expect(result.ok && result.value.bin).toBe('970499');
  });

  it('accepts a lowercase CRC and reports it uppercase', () => {
    const lower = `${STYLE_VECTOR.slice(0, -4)}c15c`;
    const result = decodeVietQr(lower);
    expect(result.ok && result.value.crc).toBe('C15C');
  });

  it('reads merchant name, city, bill number, reference and terminal labels', () => {
    const payload = build([
      ...GOOD.slice(0, 6),
      ['59', 'HTX TOM CA MAU'],
      ['60', 'CA MAU'],
      ['62', tlv('01', 'HD-1') + tlv('05', 'REF.2') + tlv('07', 'QUAY/3') + tlv('08', 'DH 4')],
    ]);
    const result = decodeVietQr(payload);
    expect(result.ok && result.value).toMatchObject({
      merchantName: 'HTX TOM CA MAU',
      merchantCity: 'CA MAU',
      billNumber: 'HD-1',
      referenceLabel: 'REF.2',
      terminalLabel: 'QUAY/3',
      purpose: 'DH 4',
    });
  });

  it('tolerates EMVCo fields it does not model: MCC 52, unreserved 80 (MoMo), 62 store label', () => {
    expect(decodeVietQr(MOMO_WITH_TAG_80)).toMatchObject({
      ok: true,
      value: { accountNumber: '99MM24011M34875080', referenceLabel: 'MOMOW2W34875080' },
    });
    expect(decodeVietQr(build(plus(['52', '5812'])))).toMatchObject({ ok: true });
    const withStore = replace('62', tlv('03', 'CUA HANG 1') + tlv('08', 'x'));
    expect(decodeVietQr(build(withStore))).toMatchObject({ ok: true, value: { purpose: 'x' } });
  });

  it('does not pair initiation with the amount: 11 with an amount and 12 without are read as written', () => {
    expect(decodeVietQr(build(replace('01', '11')))).toMatchObject({
      ok: true,
      value: { initiation: 'static', amount: 120000 },
    });
    const dynamicNoAmount = decodeVietQr(build(replace('01', '12').filter(([k]) => k !== '54')));
    expect(dynamicNoAmount.ok && dynamicNoAmount.value.amount).toBeUndefined();
  });

  it('accepts fields in any order after 00, as EMVCo allows', () => {
    const [first, ...rest] = GOOD;
    expect(decodeVietQr(build([first as [string, string], ...rest.reverse()])).ok).toBe(true);
  });
});

describe('decodeVietQr rejections', () => {
  const cases: [string, string, VietQrDecodeErrorCode, string?][] = [
    // vietqr.badCrc
    ['a wrong CRC (vietnam-qr-pay test sample)', VIETNAM_QR_PAY_BAD_CRC, 'vietqr.badCrc', '63'],
    ['a CRC that is not hex', `${STYLE_VECTOR.slice(0, -4)}C15G`, 'vietqr.badCrc', '63'],
    ['one changed amount digit', STYLE_VECTOR.replace('120000', '920000'), 'vietqr.badCrc', '63'],
    // vietqr.malformedTlv
    ['a payload cut in the middle of a field', STYLE_VECTOR.slice(0, 40), 'vietqr.malformedTlv'],
    ['a payload cut inside an ID/LEN', STYLE_VECTOR.slice(0, 8), 'vietqr.malformedTlv'],
    ['a non-digit LEN', withCrc('000201011X12'), 'vietqr.malformedTlv'],
    ['a zero LEN', withCrc('000201010212530005802VN'), 'vietqr.malformedTlv'],
    ['a non-digit ID', withCrc('0002010102125X03704'), 'vietqr.malformedTlv'],
    ['a CRC that is not the last field', `${withCrc('000201')}5802VN`, 'vietqr.malformedTlv', '63'],
    ['a CRC of length 5', `${STYLE_VECTOR.slice(0, -8)}6305C15C0`, 'vietqr.malformedTlv', '63'],
    [
      'a payload that starts with 01 instead of 00',
      build([['01', '12'], ...without('01')]),
      'vietqr.notVietQr',
    ],
    ['tag 00 repeated later', build(plus(['00', '01'])), 'vietqr.duplicateField', '00'],
    [
      'nested lengths that do not add up (NAPAS sample typo)',
      NAPAS_STATIC_SAMPLE_WITH_LENGTH_TYPO,
      'vietqr.malformedTlv',
      '38.01',
    ],
    [
      'a 62 sub-field running past its template',
      build(replace('62', '0820abc')),
      'vietqr.malformedTlv',
      '62',
    ],
    [
      'a 38 sub-field running past its template',
      build(replace('38', '0015A000000727')),
      'vietqr.malformedTlv',
      '38',
    ],
    // vietqr.missingField
    ['no CRC at all', STYLE_VECTOR.slice(0, -8), 'vietqr.missingField', '63'],
    ['no point of initiation (01)', build(without('01')), 'vietqr.missingField', '01'],
    [
      'no merchant account (38) nor other scheme',
      build(without('38')),
      'vietqr.missingField',
      '38',
    ],
    ['no currency (53)', build(without('53')), 'vietqr.missingField', '53'],
    ['no country (58)', build(without('58')), 'vietqr.missingField', '58'],
    [
      'no GUID (38.00)',
      build(replace('38', tlv('01', beneficiary()) + tlv('02', 'QRIBFTTA'))),
      'vietqr.missingField',
      '38.00',
    ],
    [
      'no beneficiary (38.01)',
      build(replace('38', tlv('00', 'A000000727') + tlv('02', 'QRIBFTTA'))),
      'vietqr.missingField',
      '38.01',
    ],
    [
      'no service code (38.02)',
      build(replace('38', tlv('00', 'A000000727') + tlv('01', beneficiary()))),
      'vietqr.missingField',
      '38.02',
    ],
    [
      'no BIN (38.01.00)',
      build(replace('38', merchant(undefined, tlv('01', '0011001932418')))),
      'vietqr.missingField',
      '38.01.00',
    ],
    [
      'no account number (38.01.01)',
      build(replace('38', merchant(undefined, tlv('00', '970415')))),
      'vietqr.missingField',
      '38.01.01',
    ],
    // vietqr.duplicateField
    ['two amounts (54)', build(plus(['54', '1000'])), 'vietqr.duplicateField', '54'],
    [
      'two purposes (62.08)',
      build(replace('62', tlv('08', 'a') + tlv('08', 'b'))),
      'vietqr.duplicateField',
      '62.08',
    ],
    [
      'two GUIDs (38.00)',
      build(replace('38', tlv('00', 'A000000727') + merchant())),
      'vietqr.duplicateField',
      '38.00',
    ],
    [
      'two BINs (38.01.00)',
      build(replace('38', merchant(undefined, tlv('00', '970415') + beneficiary()))),
      'vietqr.duplicateField',
      '38.01.00',
    ],
    // vietqr.wrongGuid
    [
      'the VNPAY GUID in tag 38',
      build(replace('38', merchant('A000000775'))),
      'vietqr.wrongGuid',
      '38.00',
    ],
    [
      'a GUID with extra characters',
      build(replace('38', merchant('A0000007270'))),
      'vietqr.wrongGuid',
      '38.00',
    ],
    // vietqr.wrongCurrency
    ['USD (840)', build(replace('53', '840')), 'vietqr.wrongCurrency', '53'],
    ['currency 7040', build(replace('53', '7040')), 'vietqr.wrongCurrency', '53'],
    // vietqr.wrongCountry
    ['country US', build(replace('58', 'US')), 'vietqr.wrongCountry', '58'],
    ['country vn in lowercase', build(replace('58', 'vn')), 'vietqr.wrongCountry', '58'],
    // vietqr.badAmount
    ['an amount of 0', build(replace('54', '0')), 'vietqr.badAmount', '54'],
    ['an amount with a leading zero', build(replace('54', '0120000')), 'vietqr.badAmount', '54'],
    ['an amount with decimals', build(replace('54', '120000.00')), 'vietqr.badAmount', '54'],
    ['a negative amount', build(replace('54', '-120000')), 'vietqr.badAmount', '54'],
    ['an amount in exponent form', build(replace('54', '1.2E5')), 'vietqr.badAmount', '54'],
    ['an amount with 14 digits', build(replace('54', '12345678901234')), 'vietqr.badAmount', '54'],
    ['an amount with a space', build(replace('54', '120 000')), 'vietqr.badAmount', '54'],
    // vietqr.unknownService
    [
      'service QRPUSH',
      build(replace('38', merchant(undefined, undefined, 'QRPUSH'))),
      'vietqr.unknownService',
      '38.02',
    ],
    [
      'service qribftta in lowercase',
      build(replace('38', merchant(undefined, undefined, 'qribftta'))),
      'vietqr.unknownService',
      '38.02',
    ],
    // vietqr.notVietQr
    ['a VNPAY-QR payload (vietnam-qr-pay README)', VNPAY_QR, 'vietqr.notVietQr', '26'],
    ['a URL', 'https://vietqr.net/', 'vietqr.notVietQr'],
    ['an empty string', '', 'vietqr.notVietQr'],
    // vietqr.tooLong
    ['513 characters', `${STYLE_VECTOR}${'0'.repeat(513 - STYLE_VECTOR.length)}`, 'vietqr.tooLong'],
    ['a megabyte', '0'.repeat(1 << 20), 'vietqr.tooLong'],
    // vietqr.invalidField
    ['payload format 02', build(replace('00', '02')), 'vietqr.invalidField', '00'],
    ['initiation 13', build(replace('01', '13')), 'vietqr.invalidField', '01'],
    [
      'a 5-digit BIN',
      build(replace('38', merchant(undefined, beneficiary('97041')))),
      'vietqr.invalidField',
      '38.01.00',
    ],
    [
      'a BIN with a letter',
      build(replace('38', merchant(undefined, beneficiary('97041A')))),
      'vietqr.invalidField',
      '38.01.00',
    ],
    [
      'an account with a dash',
      build(replace('38', merchant(undefined, beneficiary(undefined, '0011-001')))),
      'vietqr.invalidField',
      '38.01.01',
    ],
    [
      'a 20-character account',
      build(replace('38', merchant(undefined, beneficiary(undefined, '1'.repeat(20))))),
      'vietqr.invalidField',
      '38.01.01',
    ],
    [
      'a card number with letters',
      build(replace('38', merchant(undefined, beneficiary(undefined, '9704AB'), 'QRIBFTTC'))),
      'vietqr.invalidField',
      '38.01.01',
    ],
    [
      'an unknown 38 sub-field',
      build(replace('38', merchant() + tlv('03', 'x'))),
      'vietqr.invalidField',
      '38.03',
    ],
    [
      'an unknown 38.01 sub-field',
      build(replace('38', merchant(undefined, beneficiary() + tlv('02', 'x')))),
      'vietqr.invalidField',
      '38.01.02',
    ],
    [
      'a purpose of 26 characters',
      build(replace('62', tlv('08', 'a'.repeat(26)))),
      'vietqr.invalidField',
      '62.08',
    ],
    [
      'a merchant city of 16 characters',
      build(plus(['60', 'C'.repeat(16)])),
      'vietqr.invalidField',
      '60',
    ],
    [
      'a convenience fee (55)',
      build(plus(['55', '02'], ['56', '1000'])),
      'vietqr.invalidField',
      '55',
    ],
    [
      'an accented purpose, even with a UTF-8 CRC',
      build(replace('62', tlv('08', 'Thanh toán'))),
      'vietqr.invalidField',
    ],
    ['a control character', build(replace('62', tlv('08', 'a\nb'))), 'vietqr.invalidField'],
  ];

  it.each(cases)('rejects %s', (_, payload, code, field) => {
    const error = errorOf(decodeVietQr(payload));

    expect(error.code).toBe(code);
    if (field !== undefined) expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('exercises every decode error code (and encode covers vietqr.invalidInput)', () => {
    const exercised = new Set<string>(cases.map(([, , code]) => code));
    exercised.add('vietqr.invalidInput');
    expect([...exercised].sort()).toEqual([...VIETQR_ERROR_CODES].sort());
  });

  it('reports the offset of the failing field', () => {
    expect(errorOf(decodeVietQr(build(replace('53', '840')))).position).toBe(
      build(replace('53', '840')).indexOf('5303840'),
    );
    expect(errorOf(decodeVietQr(VIETNAM_QR_PAY_BAD_CRC)).position).toBe(
      VIETNAM_QR_PAY_BAD_CRC.length - 4,
    );
    expect(
      errorOf(decodeVietQr(`${STYLE_VECTOR.slice(0, 20)}é${STYLE_VECTOR.slice(21)}`)).code,
    ).toBe('vietqr.invalidField');
  });

  it('is stricter than vietnam-qr-pay on the NAPAS sample whose nested lengths are wrong', () => {
    expect(new QRPay(NAPAS_STATIC_SAMPLE_WITH_LENGTH_TYPO).isValid).toBe(true);
    expect(decodeVietQr(NAPAS_STATIC_SAMPLE_WITH_LENGTH_TYPO).ok).toBe(false);
  });
});

describe('decodeVietQr is total', () => {
  const expectFailureWithoutThrowing = (input: unknown) => {
    const result = decodeVietQr(input as string);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(VIETQR_ERROR_CODES).toContain(result.error.code);
  };

  it('returns a failure, never throws, for values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, [], Symbol('x'), () => STYLE_VECTOR]) {
      expectFailureWithoutThrowing(value);
    }
  });

  it('returns a failure for emoji, lone surrogates and other non-ASCII text', () => {
    for (const text of [
      '🙂',
      '\ud800',
      '\udc00',
      `${STYLE_VECTOR}\ud83d`,
      `\ufeff${STYLE_VECTOR}`,
      'Thanh toán',
    ]) {
      expectFailureWithoutThrowing(text);
    }
  });

  const utf16 = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 600,
  });

  it('never throws on arbitrary UTF-16 strings (lone surrogates included)', () => {
    fc.assert(
      fc.property(utf16, (text) => {
        const result = decodeVietQr(text);
        return result.ok === false || result.ok === true;
      }),
      { numRuns: runs(2000) },
    );
  });

  it('never throws on strings made of digits and TLV-looking pieces', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '00',
        '01',
        '02',
        '11',
        '12',
        '38',
        '53',
        '54',
        '58',
        '62',
        '63',
        '04',
        '99',
        'A000000727',
        'QRIBFTTA',
        '704',
        'VN',
      ),
      fc.stringMatching(/^[0-9]{1,4}$/),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.boolean(), (pieces, addCrc) => {
        const body = pieces.join('');
        const text = addCrc ? withCrc(body) : body;
        const result = decodeVietQr(text);
        // whatever decodes must re-encode its own CRC correctly
        return !result.ok || text.slice(-4).toUpperCase() === crc16Hex(text.slice(0, -4));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('never throws when a valid payload is truncated, extended or spliced', () => {
    fc.assert(
      fc.property(
        fc.nat(STYLE_VECTOR.length),
        fc.nat(STYLE_VECTOR.length),
        utf16,
        (from, to, insert) => {
          const text =
            STYLE_VECTOR.slice(0, Math.min(from, to)) +
            insert +
            STYLE_VECTOR.slice(Math.max(from, to));
          const result = decodeVietQr(text);
          return result.ok ? text.length <= 512 : typeof result.error.message === 'string';
        },
      ),
      { numRuns: runs(2000) },
    );
  });
});
