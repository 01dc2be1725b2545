import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crc16Block,
  crc16PrintableAscii,
  crc16Update,
  crcBlock,
} from '../../../shared/vietqr/crc16';
import { crc16, crc16Hex } from '../../../shared/vietqr/index';
import { runs } from './runs';

/** Bit-by-bit reference over UTF-8 bytes: the textbook definition, nothing shared with crc16.ts. */
function referenceCrc(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

const anyUtf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
});

describe('crc16 (CRC-16/CCITT-FALSE)', () => {
  it('gives the catalogue check value 29B1 for "123456789"', () => {
    expect(crc16('123456789')).toBe(0x29b1);
    expect(crc16Hex('123456789')).toBe('29B1');
  });

  it('starts from 0xFFFF, so the empty input gives FFFF', () => {
    expect(crc16Hex('')).toBe('FFFF');
  });

  it('pads to four uppercase hex digits', () => {
    // any short input whose CRC is below 0x1000 shows the leading zero is kept
    const zeroLed = Array.from({ length: 5000 }, (_, i) => `x${i}`).find((t) => crc16(t) < 0x1000);
    expect(zeroLed).toBeDefined();
    expect(crc16Hex(zeroLed as string)).toMatch(/^0[0-9A-F]{3}$/);
  });

  it('equals the bit-by-bit definition over UTF-8 for any text, lone surrogates included', () => {
    fc.assert(
      fc.property(anyUtf16, (text) => crc16(text) === referenceCrc(text)),
      { numRuns: runs(500) },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => crc16(text) === referenceCrc(text)),
      { numRuns: runs(500) },
    );
  });

  it('continues over pieces and over precomputed constant blocks to the same register', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii' }),
        fc.string({ unit: 'grapheme-ascii', minLength: 1 }),
        fc.string(),
        (a, block, c) => {
          const whole = crc16(a + block + c);
          const pieces = crc16Update(crc16Update(crc16(a), block), c);
          const viaBlock = crc16Update(crc16Block(crc16(a), crcBlock(block)), c);
          return whole === pieces && whole === viaBlock;
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('checks printable ASCII while computing the CRC for the decoder', () => {
    expect(crc16PrintableAscii('123456789ABCD', 9)).toBe(0x29b1);
    expect(crc16PrintableAscii('1234\u00e9', 5)).toBe(-1 - 4);
    expect(crc16PrintableAscii('12\n4', 4)).toBe(-1 - 2);
    // characters after `end` (the CRC digits) are checked too
    expect(crc16PrintableAscii('1234\u0000', 4)).toBe(-1 - 4);
  });
});
