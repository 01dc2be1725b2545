import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  checkCharacter,
  extractOrderCode,
  extractOrderCodes,
  isOrderCode,
  normaliseOrderCode,
  orderCodeFromBytes,
} from '../../../shared/orders/code';

const body = (code: string) => code.slice(2, 8);
const code = (b: string) => `CS${b}${checkCharacter(b)}`;
const REAL = code('7K3QX9'); // CS7K3QX9 + its check character

describe('order codes', () => {
  it('uses 31 characters without look-alikes', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    for (const ch of '01OIL') expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('pins the check character', () => {
    // Σ (i+1)·v: 7→5, K→17, 3→1, Q→21, X→28, 9→7 → 5+34+3+84+140+42 = 308 = 9·31 + 29 → 'Y'
    expect(checkCharacter('7K3QX9')).toBe('Y');
    expect(REAL).toBe('CS7K3QX9Y');
    expect(isOrderCode(REAL)).toBe(true);
  });

  it('makes 9-character codes from random bytes, skipping biased bytes', () => {
    expect(orderCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5]))).toBe(code('234567'));
    expect(orderCodeFromBytes(new Uint8Array([255, 250, 248, 0, 1, 2, 3, 4, 5]))).toBe(
      code('234567'),
    );
    expect(() => orderCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4]))).toThrow(RangeError);
    expect(() => orderCodeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 255]))).toThrow(RangeError);
    fc.assert(
      fc.property(
        fc
          .uint8Array({ minLength: 16, maxLength: 16 })
          .filter((b) => b.filter((x) => x < 248).length >= 6),
        (bytes) => {
          const c = orderCodeFromBytes(bytes);
          return c.length === 9 && isOrderCode(c);
        },
      ),
    );
  });

  it('rejects any single wrong character and any swap of two different characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: 6, maxLength: 6 }),
        fc.nat(6),
        fc.constantFrom(...CODE_ALPHABET),
        (chars, pos, replacement) => {
          const good = code(chars.join(''));
          const wrong = good.slice(0, 2 + pos) + replacement + good.slice(3 + pos);
          return wrong === good || !isOrderCode(wrong);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: 6, maxLength: 6 }),
        fc.nat(5),
        fc.nat(5),
        (chars, i, j) => {
          const good = code(chars.join(''));
          const b = body(good).split('');
          [b[i], b[j]] = [b[j] as string, b[i] as string];
          const swapped = `CS${b.join('')}${good[8]}`;
          return swapped === good || !isOrderCode(swapped);
        },
      ),
    );
  });

  it('refuses malformed codes', () => {
    for (const bad of [
      '',
      'CS',
      'CS7K3QX9',
      `${REAL}X`,
      REAL.toLowerCase(),
      'XX7K3QX9Y',
      'CS7K3QX0Y',
      'CS7K3QXOY',
    ]) {
      expect(isOrderCode(bad)).toBe(false);
    }
    expect(normaliseOrderCode(' cs-7k3.qx9 y ')).toBe(REAL);
    expect(normaliseOrderCode('CS7K3QX98')).toBeUndefined();
  });
});

describe('extractOrderCodes (what banks write around the transfer content)', () => {
  const other = code('ABCDEF');
  const cases: Array<[string, string[]]> = [
    [
      `MBVCB.3278907687.${REAL}.CT tu 0912345678 NGUYEN VAN A toi 7800205123456 HTX TOM KHO`,
      [REAL],
    ],
    [`${REAL.toLowerCase()} chuyen tien`, [REAL]],
    [`IBFT ${REAL} thanh toan don hang`, [REAL]],
    ['CS 7K3 QX9Y chuyen khoan', [REAL]],
    ['cs.7k3.qx9.y', [REAL]],
    ['C S 7 K 3 Q X 9 Y', [REAL]],
    [`REF:FT26336${REAL}GD`, [REAL]],
    [`Thanh toán đơn ${REAL} - cảm ơn`, [REAL]],
    [`TKThe :7800205123456, tai VCB. ${REAL} -CTLNHIDI000012345678`, [REAL]],
    [`${REAL} ${REAL}`, [REAL]],
    [`${REAL} va ${other}`, [REAL, other]],
    ['CS7K3QX98 gan dung', []],
    ['CS7K3QX9 thieu ky tu kiem tra', []],
    ['NGUYEN VAN A CHUYEN TIEN AN COM', []],
    ['', []],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(extractOrderCodes(text)).toEqual(expected);
  });

  it('gives one code only when the text names exactly one', () => {
    expect(extractOrderCode(`MBVCB.1.${REAL}.CT`)).toBe(REAL);
    expect(extractOrderCode(`${REAL} ${other}`)).toBeUndefined();
    expect(extractOrderCode('nothing here')).toBeUndefined();
  });

  it('finds any code in any surrounding text of separators and digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: 6, maxLength: 6 }),
        fc.stringMatching(/^[0-9 .]{0,20}$/),
        fc.stringMatching(/^[ .][0-9 .]{0,20}$/),
        (chars, before, after) => {
          const c = code(chars.join(''));
          return extractOrderCodes(`${before} ${c}${after}`).includes(c);
        },
      ),
    );
  });
});
