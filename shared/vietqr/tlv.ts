/**
 * EMVCo MPM data objects: ID (2 digits) LEN (2 digits, "01".."99") VALUE.
 * Lengths count characters; our payloads are ASCII, so characters, UTF-16 units and bytes agree.
 */
import { type CrcBlock, crc16Block, crc16Pair, crc16Update, crcBlock, toHex4 } from './crc16';

/** Longest value one data object can hold (two-digit LEN). */
export const MAX_VALUE_LENGTH = 99;

/** `n` (0..99) as two digits. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** The two decimal digits at `pos` as a number, or -1 when either is not 0-9. */
export function twoDigits(text: string, pos: number): number {
  const hi = text.charCodeAt(pos) - 48;
  const lo = text.charCodeAt(pos + 1) - 48;
  // NaN (past the end) fails both comparisons, like any non-digit
  if (!(hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9)) return -1;
  return hi * 10 + lo;
}

/**
 * Writes an EMVCo payload and its CRC in one go: each piece updates the CRC register as it is
 * appended, constant pieces in two table reads (CrcBlock), so the finished text never has to be
 * read again. `finish` appends "6304" and the CRC (EMVCo MPM ID 63).
 */
export class PayloadWriter {
  text: string;
  private crc: number;

  /** Starts with the constant `head`. */
  constructor(head: CrcBlock) {
    this.text = head.text;
    this.crc = crc16Block(0xffff, head);
  }

  constant(block: CrcBlock): void {
    this.text += block.text;
    this.crc = crc16Block(this.crc, block);
  }

  /** Two decimal digits: an ID or a LEN (0..99). */
  digits2(n: number): void {
    const tens = (n / 10) | 0;
    this.text += pad2(n);
    this.crc = crc16Pair(this.crc, 48 + tens, 48 + n - tens * 10);
  }

  /** A value that is already known to be ASCII. */
  value(text: string): void {
    this.text += text;
    this.crc = crc16Update(this.crc, text);
  }

  /** ID, LEN and VALUE of one data object; `id` 0..99, `value` 1..99 ASCII characters. */
  field(id: number, value: string): void {
    this.digits2(id);
    this.digits2(value.length);
    this.value(value);
  }

  /** Appends the CRC data object and returns the payload. */
  finish(): string {
    this.constant(CRC_TAG);
    return this.text + toHex4(this.crc);
  }
}

const CRC_TAG = crcBlock('6304');
