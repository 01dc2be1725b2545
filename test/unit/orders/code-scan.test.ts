import { describe, expect, it } from 'vitest';
import { checkCharacter, extractOrderCodes, orderCodeFromBytes } from '../../../shared/orders/code';

const code = (b: string) => `CS${b}${checkCharacter(b)}`;
const REAL = code('7K3QX9'); // CS7K3QX9Y
const OTHER = code('ABCDEF');
const spaced = (c: string) => c.split('').join(' ');

describe('order code errors name the problem', () => {
  it('a body character outside the alphabet', () => {
    expect(() => checkCharacter('7K3QX0')).toThrowError(
      new RangeError('Not an order-code character: 0'),
    );
    expect(() => checkCharacter('o')).toThrowError(
      new RangeError('Not an order-code character: o'),
    );
  });

  it('too few usable random bytes', () => {
    expect(() => orderCodeFromBytes(new Uint8Array([1, 2, 3]))).toThrowError(
      new RangeError('Not enough random bytes for an order code'),
    );
  });
});

describe('extractOrderCodes reads Vietnamese bank texts', () => {
  it('reads an accented letter as the plain letter (a phone keyboard that adds tone marks)', () => {
    // OTHER = CSABCDEF?: the A after CS typed as Á (precomposed, folded through NFD).
    expect(extractOrderCodes(`Thanh toan CSÁ${OTHER.slice(3)}`)).toEqual([OTHER]);
    // Decomposed: A + combining acute, as some keyboards send it.
    expect(extractOrderCodes(`CSA\u0301${OTHER.slice(3)} chuyen khoan`)).toEqual([OTHER]);
  });

  it('reads đ as d (Telex turns "dd" into đ)', () => {
    expect(extractOrderCodes(`don hang ${OTHER.replace('D', 'đ')}`)).toEqual([OTHER]);
    expect(extractOrderCodes(`DON HANG ${OTHER.replace('D', 'Đ')}`)).toEqual([OTHER]);
  });

  it('an accented code standing alone still counts as a token of its own', () => {
    expect(extractOrderCodes(`CSA\u0301${OTHER.slice(3)} ${REAL}`)).toEqual([OTHER, REAL]);
  });

  it('prefers a code standing as a token over one broken up by spaces', () => {
    // A code of its own, the whole token.
    expect(extractOrderCodes(`${spaced(OTHER)} ${REAL}`)).toEqual([REAL]);
    // A code glued inside a longer token (bank reference before and after).
    expect(extractOrderCodes(`${spaced(OTHER)} REF:FT26336${REAL}GD`)).toEqual([REAL]);
    // No token holds a code: read across the separators.
    expect(extractOrderCodes(`${spaced(OTHER)} ${spaced(REAL)}`)).toEqual([OTHER, REAL]);
  });

  it('reads the first 2000 characters only', () => {
    const pad = (n: number) => 'x '.repeat(n / 2);
    // The first code ends at character 1999, the second starts after 2000: only the first.
    expect(extractOrderCodes(`${pad(1990)}${REAL} ${OTHER}`)).toEqual([REAL]);
    // Characters 1993-2000 are `CS7K3QX9`: the check character is cut off.
    expect(extractOrderCodes(`${pad(1992)}${REAL}`)).toEqual([]);
  });
});
