import { describe, expect, it } from 'vitest';
import { describeChar } from '../../../shared/vietqr/fold';
import {
  crc16,
  crc16Hex,
  decodeVietQr,
  encodeVietQr,
  type VietQrDecodeResult,
} from '../../../shared/vietqr/index';

/**
 * The whole error a decode returns (code, message, offset, field path), for one malformed payload
 * per rule, and the payloads at the edges of the checks: a CRC that is 0000, the 512-character
 * limit, another scheme's tags, no tag 62. The field tables of decode.test.ts check codes only.
 */
const tlv = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;
const withCrc = (body: string) => `${body}6304${crc16Hex(`${body}6304`)}`;
const MERCHANT =
  tlv('00', 'A000000727') + tlv('01', tlv('00', '970415') + tlv('01', '0011001932418'));
const M38 = tlv('38', `${MERCHANT}${tlv('02', 'QRIBFTTA')}`);
// 000201 010212 38… (12..72) 5303704 (73) 5406120000 (80) 5802VN (90) 62… (96)
const HEAD = `000201010212${M38}`;

function errorOf(result: VietQrDecodeResult) {
  if (result.ok) throw new Error(`expected a failure, decoded ${JSON.stringify(result.value)}`);
  return result.error;
}
const err = (payload: string) => errorOf(decodeVietQr(payload));

describe('decode errors, whole', () => {
  it('not a string, too long: no offset or field beyond what is known', () => {
    expect(err(42 as unknown as string)).toStrictEqual({
      code: 'vietqr.notVietQr',
      message: 'payload is not a string',
    });
    expect(err('0'.repeat(513))).toStrictEqual({
      code: 'vietqr.tooLong',
      message: 'payload is 513 characters, at most 512',
      position: 512,
    });
    // 512 is allowed: the failure is about the content
    expect(err('0'.repeat(512))).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'LEN of 00 is 00',
      position: 0,
    });
  });

  it('must start with tag 00', () => {
    for (const p of ['', '0', 'X0', '0X', '10', `01${HEAD.slice(2)}`])
      expect(err(p), p).toStrictEqual({
        code: 'vietqr.notVietQr',
        message: 'not an EMVCo payload: it must start with tag 00',
        position: 0,
      });
    // "00" alone starts right, then runs out
    expect(err('00')).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'truncated data object',
      position: 0,
    });
  });

  it('top-level TLV faults name the offset, never a template', () => {
    expect(err('0002010')).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'truncated data object',
      position: 6,
    });
    // exactly four characters left: a whole header whose value is missing
    expect(err('0002010102')).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: '01 declares 2 characters but 0 remain',
      position: 6,
    });
    expect(err('000201X100')).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'ID is not two digits',
      position: 6,
    });
    expect(err('00020101X12')).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'LEN of 01 is not two digits',
      position: 6,
    });
    expect(err('0002010100')).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'LEN of 01 is 00',
      position: 6,
    });
    expect(err('000201010912')).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: '01 declares 9 characters but 2 remain',
      position: 6,
    });
  });

  it('faults inside a template name it', () => {
    // 38 holds only "0015A000000727": its 00 declares 15, 10 remain
    expect(err(withCrc(`000201010212${tlv('38', '0015A000000727')}`))).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: '00 in 38 declares 15 characters but 10 remain',
      position: 16,
      field: '38',
    });
    expect(err(withCrc(`000201010212${tlv('38', '00')}`))).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'truncated data object in 38',
      position: 16,
      field: '38',
    });
    const m62 = (v: string) => withCrc(`${HEAD}53037045802VN${tlv('62', v)}`);
    expect(err(m62('08X1'))).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'LEN of 08 in 62 is not two digits',
      position: 90,
      field: '62',
    });
    expect(err(m62('0800'))).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'LEN of 08 in 62 is 00',
      position: 90,
      field: '62',
    });
    expect(err(m62('X801'))).toStrictEqual({
      code: 'vietqr.malformedTlv',
      message: 'ID in 62 is not two digits',
      position: 90,
      field: '62',
    });
  });

  it('a wrong CRC quotes the one written and the one computed', () => {
    const good = withCrc(`${HEAD}53037045802VN`);
    const crc = good.slice(-4);
    const wrong = crc === 'ABCD' ? 'ABCE' : 'ABCD';
    expect(err(`${good.slice(0, -4)}${wrong}`)).toStrictEqual({
      code: 'vietqr.badCrc',
      message: `CRC is ${wrong} but the payload's CRC-16/CCITT-FALSE is ${crc}`,
      position: good.length - 4,
      field: '63',
    });
  });

  it('a CRC of 0000 is a CRC like any other', () => {
    // found by search: this payload's CRC-16/CCITT-FALSE is 0x0000
    const body =
      '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA53037045802VN62110807CK 6351';
    expect(crc16(`${body}6304`)).toBe(0);
    const result = decodeVietQr(`${body}63040000`);
    expect(result.ok && result.value).toMatchObject({ crc: '0000', purpose: 'CK 6351' });
  });

  it('another scheme: the first of tags 02–51 is named when 38 is absent', () => {
    const base = (fields: string) => withCrc(`000201010212${fields}53037045802VN`);
    expect(err(base(`${tlv('52', '5812')}${tlv('26', 'x')}${tlv('27', 'y')}`))).toStrictEqual({
      code: 'vietqr.notVietQr',
      message: "no NAPAS tag 38; tag 26 is another scheme's",
      position: 20,
      field: '26',
    });
    expect(err(base(tlv('02', 'visa')))).toMatchObject({ code: 'vietqr.notVietQr', field: '02' });
    expect(err(base(tlv('51', 'x')))).toMatchObject({ code: 'vietqr.notVietQr', field: '51' });
    // 52 (merchant category) and 80 are not schemes: 38 is simply missing
    expect(err(base(`${tlv('52', '5812')}${tlv('80', 'x')}`))).toStrictEqual({
      code: 'vietqr.missingField',
      message: 'Merchant Account Information (38) is missing',
      // a missing field is reported at the end of the payload
      position: 46,
      field: '38',
    });
  });

  it('a payload without tag 62 decodes, without purpose or labels', () => {
    const result = decodeVietQr(withCrc(`${HEAD}53037045802VN`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.purpose).toBeUndefined();
    expect(result.value.billNumber).toBeUndefined();
    expect(result.value.amount).toBeUndefined();
    expect(result.value.initiation).toBe('dynamic');
  });

  it('38.00 twice is a duplicate', () => {
    const twice = tlv(
      '38',
      `${tlv('00', 'A000000727')}${tlv('00', 'A000000727')}${tlv('01', tlv('00', '970415') + tlv('01', '1'))}${tlv('02', 'QRIBFTTA')}`,
    );
    expect(err(withCrc(`000201010212${twice}53037045802VN`))).toStrictEqual({
      code: 'vietqr.duplicateField',
      message: '38.00 appears twice',
      position: 30,
      field: '38.00',
    });
  });

  it('a merchant name over 25 characters names tag 59', () => {
    const p = withCrc(`${HEAD}53037045802VN${tlv('59', 'N'.repeat(26))}`);
    expect(err(p)).toStrictEqual({
      code: 'vietqr.invalidField',
      message: '59 is 26 characters, at most 25',
      position: 86,
      field: '59',
    });
  });
});

describe('encode and fold edges', () => {
  it('an account number that is not a string', () => {
    expect(() =>
      encodeVietQr({ bin: '970415', accountNumber: 5 as unknown as string }),
    ).toThrowError(
      expect.objectContaining({
        code: 'vietqr.invalidInput',
        message: 'accountNumber: must be a string',
        details: { field: 'accountNumber', rule: 'type' },
      }),
    );
  });

  it('describeChar shows printable characters and names the others', () => {
    expect(describeChar('a€', 1)).toBe('"€" (U+20AC)');
    expect(describeChar('\t', 0)).toBe('U+0009');
    expect(describeChar('\u007f', 0)).toBe('U+007F');
    expect(describeChar('😀', 0)).toBe('"😀" (U+1F600)');
    expect(describeChar('', 0)).toBe('U+0000');
  });

  it('CRC over UTF-8: a low surrogate after a non-surrogate is a lone one (U+FFFD)', () => {
    expect(crc16('é\udc00')).toBe(crc16('é\ufffd'));
    expect(crc16('a\udc00b')).toBe(crc16('a\ufffdb'));
  });
});
