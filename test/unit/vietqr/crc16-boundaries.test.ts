import { describe, expect, it } from 'vitest';
import {
  crc16,
  crc16Block,
  crc16Pair,
  crc16PrintableAscii,
  crc16Update,
  crcBlock,
  toHex4,
} from '../../../shared/vietqr/crc16';
import { decodeVietQr } from '../../../shared/vietqr/index';

/**
 * Fixed examples at the UTF-8 encoding boundaries. Expected values are CRC-16/CCITT-FALSE of the
 * listed bytes, computed outside this code base (Python: binascii.crc_hqx(bytes, 0xFFFF)); the
 * bytes are checked against TextEncoder so each row states what it tests. Property tests rarely
 * hit these exact code points.
 */
const BOUNDARIES: Array<[name: string, text: string, utf8: string, crc: number, crc0: number]> = [
  // name                       text                 UTF-8 bytes     CRC     CRC of "0" + text
  ['U+007F (last 1-byte)', '\u007f', '7f', 0x6e88, 0x97e2],
  ['U+0080 (first 2-byte)', '\u0080', 'c280', 0xfcb1, 0xe887],
  ['U+0080 U+0000', '\u0080\u0000', 'c28000', 0x9f93, 0xfb26],
  ['U+0000 U+0080', '\u0000\u0080', '00c280', 0x2d22, 0x4997],
  ['U+07FF (last 2-byte)', '\u07ff', 'dfbf', 0x4e22, 0x5a14],
  ['U+0800 (first 3-byte)', '\u0800', 'e0a080', 0xe05b, 0x84ee],
  ['U+FFFF (last 3-byte)', '\uffff', 'efbfbf', 0x189b, 0x7c2e],
  ['U+10000 (first 4-byte, surrogate pair)', '\ud800\udc00', 'f0908080', 0xe9a4, 0x7086],
  ['U+10FFFF (last code point)', '\udbff\udfff', 'f48fbfbf', 0x9e10, 0x0732],
  ['lone high surrogate → U+FFFD', '\ud800', 'efbfbd', 0x38d9, 0x5c6c],
  ['lone low surrogate → U+FFFD', '\udc00', 'efbfbd', 0x38d9, 0x5c6c],
  ['last high surrogate → U+FFFD', '\udbff', 'efbfbd', 0x38d9, 0x5c6c],
  ['first low surrogate after nothing', '\udfff', 'efbfbd', 0x38d9, 0x5c6c],
  ['reversed pair → two U+FFFD', '\udc00\ud800', 'efbfbdefbfbd', 0x37fe, 0x91ad],
  ['high surrogate then A', '\ud800A', 'efbfbd41', 0x36be, 0xaf9c],
];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('crc16 at UTF-8 boundaries (fixed examples)', () => {
  it.each(BOUNDARIES)('%s', (_name, text, utf8, crc, crc0) => {
    expect(hex(new TextEncoder().encode(text))).toBe(utf8);
    expect(crc16(text)).toBe(crc);
    // after one ASCII character the two-at-a-time path meets the character at an odd offset
    expect(crc16(`0${text}`)).toBe(crc0);
    expect(crc16Update(crc16('0'), text)).toBe(crc0);
  });

  it('a surrogate pair cut by `end` counts as a lone surrogate', () => {
    expect(crc16('\ud800\udc00', 0, 1)).toBe(0x38d9);
    expect(crc16('x\ud800\udc00', 1, 2)).toBe(0x38d9);
  });

  it('the check value, and ranges of a longer text', () => {
    expect(crc16('123456789')).toBe(0x29b1);
    expect(crc16('xx123456789yy', 2, 11)).toBe(0x29b1);
    expect(crc16Update(0xffff, '123456789')).toBe(0x29b1);
    expect(crc16('')).toBe(0xffff);
    expect(crc16('abc', 1, 1)).toBe(0xffff);
  });

  it('crc16Pair feeds two ASCII codes', () => {
    expect(crc16Pair(crc16Pair(0xffff, 0x31, 0x32), 0x33, 0x34)).toBe(crc16('1234'));
  });

  it('a precomputed block matches feeding it byte by byte, for every register byte', () => {
    const block = crcBlock('0010A000000727');
    // registers whose low or high byte is 0x00 or 0xFF reach the table's edges
    for (const register of [0x0000, 0x00ff, 0xff00, 0xffff, 0x1200, 0x0012, 0x8001, 0x7ffe]) {
      expect(crc16Block(register, block)).toBe(crc16Update(register, block.text));
    }
    for (let b = 0; b < 256; b++) {
      expect(crc16Block(b << 8, block)).toBe(crc16Update(b << 8, block.text));
      expect(crc16Block(b, block)).toBe(crc16Update(b, block.text));
    }
    expect(crcBlock('').table.length).toBe(512);
    expect(block.table).toBe(block.table); // computed once, on first use
  });

  it('toHex4 keeps leading zeros and uses upper case', () => {
    expect(toHex4(0)).toBe('0000');
    expect(toHex4(0x0abc)).toBe('0ABC');
    expect(toHex4(0xffff)).toBe('FFFF');
    expect(toHex4(0x29b1)).toBe('29B1');
  });
});

describe('crc16PrintableAscii (the decoder accepts printable ASCII 0x20–0x7E only)', () => {
  it('accepts the edges of the printable range, in pairs and singly', () => {
    expect(crc16PrintableAscii(' ~', 2)).toBe(crc16(' ~'));
    expect(crc16PrintableAscii(' ~~', 3)).toBe(crc16(' ~~'));
    expect(crc16PrintableAscii('~', 1)).toBe(crc16('~'));
  });

  it.each([
    ['DEL 0x7F', '\u007f'],
    ['0x1F', '\u001f'],
    ['U+0080', '\u0080'],
    ['NUL', '\u0000'],
    ['U+00E9', '\u00e9'],
  ])('refuses %s wherever it stands', (_name, bad) => {
    expect(crc16PrintableAscii(`${bad}A`, 2)).toBe(-1);
    expect(crc16PrintableAscii(`A${bad}`, 2)).toBe(-2);
    expect(crc16PrintableAscii(`AB${bad}`, 3)).toBe(-3);
    expect(crc16PrintableAscii(`${bad}`, 1)).toBe(-1);
    // beyond `end` (the CRC digits) too
    expect(crc16PrintableAscii(`AB${bad}`, 2)).toBe(-3);
    expect(crc16PrintableAscii(`ABC${bad}`, 2)).toBe(-4);
  });

  it('the decoder refuses a DEL inside an otherwise valid payload, naming its position', () => {
    const body = '000201010211' + '38570010A00000072701270006970415011300110019324180208QRIBFTTA';
    const tail = '5303704' + '5802VN' + '62050801\u007f' + '6304';
    const payload = `${body}${tail}`;
    const withCrc = `${payload}${toHex4(crc16(payload))}`;
    const result = decodeVietQr(withCrc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('vietqr.invalidField');
    expect(result.error.message).toContain('U+007F');
    expect(result.error.position).toBe(withCrc.indexOf('\u007f'));
  });
});
