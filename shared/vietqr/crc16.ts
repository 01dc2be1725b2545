/**
 * CRC-16/CCITT-FALSE (EMVCo MPM ID 63 "CRC"): polynomial 0x1021, initial value 0xFFFF, no
 * reflection, no final XOR. Check value: crc16("123456789") = 0x29B1.
 * Computed over the UTF-8 bytes of the text, like the EMVCo reference and every library we compare
 * with; VietQR payloads are ASCII, so the fast paths take one byte per UTF-16 code unit.
 */

/** T1[b]: CRC register after feeding byte b into a zero register (classic byte table). */
const T1 = new Uint16Array(256);
/** T2[b]: the same for b followed by a zero byte, so two bytes take one step ("slicing by 2"). */
const T2 = new Uint16Array(256);
for (let n = 0; n < 256; n++) {
  let crc = n << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
  T1[n] = crc & 0xffff;
}
for (let n = 0; n < 256; n++) T2[n] = update(T1[n] as number, 0);

function update(crc: number, byte: number): number {
  return ((crc << 8) ^ (T1[((crc >>> 8) ^ byte) & 0xff] as number)) & 0xffff;
}

/**
 * CRC-16/CCITT-FALSE of `text[start, end)` encoded as UTF-8 (lone surrogates count as U+FFFD,
 * as TextEncoder does).
 */
export function crc16(text: string, start = 0, end = text.length): number {
  return crc16Update(0xffff, text, start, end);
}

/** Continues a CRC register `crc` over `text[start, end)` (UTF-8), for payloads built in pieces. */
export function crc16Update(crc: number, text: string, start = 0, end = text.length): number {
  let i = start;
  // two ASCII characters per step: the 16-bit register folds into both bytes, and by CRC
  // linearity crc' = T2[hi ^ c0] ^ T1[lo ^ c1]
  while (i + 1 < end) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    if ((c0 | c1) >= 0x80) break;
    crc = (T2[(crc >>> 8) ^ c0] as number) ^ (T1[(crc & 0xff) ^ c1] as number);
    i += 2;
  }
  for (; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      crc = update(crc, c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    if (c < 0x800) {
      crc = update(crc, 0xc0 | (c >> 6));
    } else if (c < 0x10000) {
      crc = update(crc, 0xe0 | (c >> 12));
      crc = update(crc, 0x80 | ((c >> 6) & 0x3f));
    } else {
      crc = update(crc, 0xf0 | (c >> 18));
      crc = update(crc, 0x80 | ((c >> 12) & 0x3f));
      crc = update(crc, 0x80 | ((c >> 6) & 0x3f));
    }
    crc = update(crc, 0x80 | (c & 0x3f));
  }
  return crc;
}

/**
 * A constant piece of payload whose effect on the CRC register is precomputed, so feeding it
 * costs two table reads whatever its length. Feeding a block is affine in the register:
 * f(r) = L(r) ^ f(0) with L linear, hence f(r) = high[r >>> 8] ^ low[r & 0xff].
 * The table is computed on first use, not when the block is made: the encoder's blocks are module
 * constants, and building them (~50,000 register steps) cost every function that imports the
 * codec about 1 ms at cold start, used or not.
 */
export class CrcBlock {
  #table: Uint16Array | undefined;
  constructor(readonly text: string) {}
  /** 512 entries: [0, 256) for the register's high byte (f(0) folded in), [256, 512) for the low. */
  get table(): Uint16Array {
    if (this.#table === undefined) {
      const table = new Uint16Array(512);
      const constant = crc16Update(0, this.text);
      for (let b = 0; b < 256; b++) {
        table[b] = feedZeros(b << 8, this.text.length) ^ constant;
        table[256 + b] = feedZeros(b, this.text.length);
      }
      this.#table = table;
    }
    return this.#table;
  }
}

/** A CrcBlock for an ASCII constant. */
export function crcBlock(text: string): CrcBlock {
  return new CrcBlock(text);
}

function feedZeros(crc: number, count: number): number {
  for (let i = 0; i < count; i++) crc = update(crc, 0);
  return crc;
}

/** The register after feeding the two ASCII codes c0, c1: T2[hi ^ c0] ^ T1[lo ^ c1]. */
export function crc16Pair(crc: number, c0: number, c1: number): number {
  return (T2[(crc >>> 8) ^ c0] as number) ^ (T1[(crc & 0xff) ^ c1] as number);
}

/** The register after feeding `block` to register `crc`. */
export function crc16Block(crc: number, block: CrcBlock): number {
  const table = block.table;
  return (table[crc >>> 8] as number) ^ (table[256 + (crc & 0xff)] as number);
}

/**
 * For the decoder: CRC of `text[0, end)` when every character of `text` (all of it, CRC digits
 * included) is printable ASCII (0x20–0x7E); otherwise `-1 - index` of the first one that is not.
 * One pass does both checks.
 */
export function crc16PrintableAscii(text: string, end: number): number {
  const n = text.length;
  let crc = 0xffff;
  let i = 0;
  for (; i + 1 < end; i += 2) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    // (c - 32) | (126 - c) is negative exactly when c is outside 0x20..0x7E
    if (((c0 - 32) | (126 - c0) | (c1 - 32) | (126 - c1)) < 0) break;
    crc = (T2[(crc >>> 8) ^ c0] as number) ^ (T1[(crc & 0xff) ^ c1] as number);
  }
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (((c - 32) | (126 - c)) < 0) return -1 - i;
    if (i < end) crc = update(crc, c);
  }
  return crc;
}

const HEX = '0123456789ABCDEF';
const HEX2: string[] = [];
for (let n = 0; n < 256; n++) HEX2.push(HEX.charAt(n >>> 4) + HEX.charAt(n & 0xf));

/** A 16-bit value as 4 uppercase hex digits (EMVCo MPM ID 63 value). */
export function toHex4(value: number): string {
  return (HEX2[(value >>> 8) & 0xff] as string) + (HEX2[value & 0xff] as string);
}

/** crc16 of the whole text as 4 uppercase hex digits. */
export function crc16Hex(text: string): string {
  return toHex4(crc16(text));
}
