/**
 * Order codes: `CS` + 6 characters + 1 check character, from an alphabet without the look-alikes
 * 0/O, 1/I/L: `CS7K3QX9M`. The code is the transfer content of the order's VietQR (tag 62.08) and
 * what a reader of bank transfer texts looks for (see `extractOrderCodes`).
 *
 * The check character is a weighted sum modulo 31 (the alphabet has 31 characters, a prime): any
 * one wrong character and any swap of two characters changes it, so a near miss of a real code
 * is rejected instead of matching another order. Pure: randomness comes in as bytes.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_PREFIX = 'CS';
export const CODE_BODY_LENGTH = 6;
/** `CS` + 6 + check. */
export const CODE_LENGTH = CODE_PREFIX.length + CODE_BODY_LENGTH + 1;
const BASE = CODE_ALPHABET.length; // 31

const charValue = (ch: string): number => CODE_ALPHABET.indexOf(ch);

/** The check character of a 6-character body (characters of the alphabet, upper case). */
export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const v = charValue(body[i] as string);
    if (v < 0) throw new RangeError(`Not an order-code character: ${body[i]}`);
    // Distinct weights 1..6 modulo a prime: substitutions and transpositions both change the sum.
    sum += (i + 1) * v;
  }
  return CODE_ALPHABET[sum % BASE] as string;
}

/**
 * A new order code from random bytes (at least 6; more are used to avoid modulo bias: a byte
 * ≥ 248 is skipped, so pass extra). Throws when the bytes run out.
 */
export function orderCodeFromBytes(bytes: Uint8Array): string {
  let body = '';
  for (const b of bytes) {
    if (b >= 248) continue; // 248 = 8 × 31: keep the draw uniform
    body += CODE_ALPHABET[b % BASE];
    if (body.length === CODE_BODY_LENGTH) return `${CODE_PREFIX}${body}${checkCharacter(body)}`;
  }
  throw new RangeError('Not enough random bytes for an order code');
}

const CODE_PATTERN = new RegExp(`^${CODE_PREFIX}[${CODE_ALPHABET}]{${CODE_BODY_LENGTH + 1}}$`);

/** True for a well-formed code whose check character is right (exact, upper case). */
export function isOrderCode(code: string): boolean {
  if (!CODE_PATTERN.test(code)) return false;
  const body = code.slice(CODE_PREFIX.length, CODE_PREFIX.length + CODE_BODY_LENGTH);
  return code[CODE_LENGTH - 1] === checkCharacter(body);
}

/** A code as a buyer or bank may write it (lower case, spaces, dots, dashes) → canonical or undefined. */
export function normaliseOrderCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return isOrderCode(compact) ? compact : undefined;
}

/** Folds Vietnamese letters to ASCII (đ → d, ư → u …) so bank texts with accents scan alike. */
function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toUpperCase();
}

const MAX_SCAN_LENGTH = 2000;

/**
 * Every order code found in a bank transfer text, in order of appearance, each once. Banks write
 * text around the content (`MBVCB.3278907687.CS7K3QX9M.CT tu 0912… NGUYEN VAN A`), may lower-case
 * it, and people insert spaces, dots or dashes (`cs 7k3 qx9m`, `CS.7K3QX9M`). The reader drops
 * every character that is not a letter or digit and tries each `CS` that follows: a candidate
 * counts only when its check character is right, so a mistyped code or a stray run of letters
 * (1 chance in 31 for random text) does not pay the wrong order. When a text holds two different
 * valid codes the caller must not guess: see `extractOrderCode`.
 */
export function extractOrderCodes(text: string): string[] {
  const folded = foldText(text.slice(0, MAX_SCAN_LENGTH));
  // Pass 1: codes standing as a token of their own (the usual case) are preferred.
  const found: string[] = [];
  const add = (code: string) => {
    if (!found.includes(code)) found.push(code);
  };
  for (const token of folded.split(/[^A-Z0-9]+/)) {
    if (token.length >= CODE_LENGTH) {
      for (let i = token.indexOf(CODE_PREFIX); i >= 0; i = token.indexOf(CODE_PREFIX, i + 1)) {
        const candidate = token.slice(i, i + CODE_LENGTH);
        if (isOrderCode(candidate)) add(candidate);
      }
    }
  }
  if (found.length > 0) return found;
  // Pass 2: codes broken up by spaces, dots or dashes, read across the separators.
  const compact = folded.replace(/[^A-Z0-9]/g, '');
  for (let i = compact.indexOf(CODE_PREFIX); i >= 0; i = compact.indexOf(CODE_PREFIX, i + 1)) {
    const candidate = compact.slice(i, i + CODE_LENGTH);
    if (isOrderCode(candidate)) add(candidate);
  }
  return found;
}

/** The one order code in a transfer text; undefined when there is none or more than one. */
export function extractOrderCode(text: string): string | undefined {
  const codes = extractOrderCodes(text);
  return codes.length === 1 ? codes[0] : undefined;
}
