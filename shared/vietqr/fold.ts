/**
 * ASCII folding for the free-text fields of a VietQR (62/08 purpose, 62/01, 62/05, 62/07 labels,
 * 59 merchant name, 60 merchant city).
 *
 * Folded: Vietnamese (and other Latin) diacritics are removed (NFD, then combining marks
 * U+0300–U+036F dropped), đ → d, Đ → D, every run of whitespace becomes one space, and leading or
 * trailing spaces go. Nothing else is changed: characters outside the field's set are rejected by
 * the encoder, never silently dropped, so a reference the payments side relies on can't shrink.
 *
 * Why ASCII: EMVCo lengths count characters while bank apps count bytes or strip accents anyway;
 * with ASCII the TLV lengths are unambiguous and the transfer content reaches the bank statement
 * unchanged. Why so few punctuation marks: bank apps differ; letters, digits and spaces survive all
 * of them (api.vietqr.vn: "in Vietnamese without diacritics, and no special characters"), and
 * `. , - /` survive most, so labels may use them but the purpose (the transfer content bank apps
 * prefill and statements show) may not.
 */

/** Characters allowed in the purpose (62/08) after folding: A-Z a-z 0-9 and space. */
export const PURPOSE_CHARSET_DESCRIPTION = 'letters A-Z a-z, digits and spaces';
/** Characters allowed in labels, merchant name and city after folding. */
export const LABEL_CHARSET_DESCRIPTION = 'letters A-Z a-z, digits, spaces and . , - /';

/** Character sets of the free-text fields, after folding. */
export type Charset = 'purpose' | 'label';

const PURPOSE_BIT = 1;
const LABEL_BIT = 2;
/** CLASSES[c] for an ASCII code c: which character sets accept it (one lookup per character). */
const CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (alnum || c === 32) CLASSES[c] = PURPOSE_BIT | LABEL_BIT;
  else if (c >= 44 && c <= 47) CLASSES[c] = LABEL_BIT; // , - . /
}

/** True for A-Z, a-z, 0-9. */
export function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Index of the first character of `text` outside `charset`, or -1. */
export function firstOutside(text: string, charset: Charset): number {
  const bit = charset === 'purpose' ? PURPOSE_BIT : LABEL_BIT;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || ((CLASSES[c] as number) & bit) === 0) return i;
  }
  return -1;
}

/**
 * True when `text` is non-empty, already folded (no leading, trailing or double spaces) and inside
 * `charset`: the common case, checked in one pass so most inputs skip foldToAscii.
 */
export function isFoldedIn(text: string, charset: Charset): boolean {
  const bit = charset === 'purpose' ? PURPOSE_BIT : LABEL_BIT;
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || ((CLASSES[c] as number) & bit) === 0 || (c === 32 && previous === 32)) {
      return false;
    }
    previous = c;
  }
  return true;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WHITESPACE_RUNS = /\s+/g;

/**
 * Folds `text` to plain ASCII where Vietnamese needs it (see the module comment). Characters with no
 * ASCII fold (€, 中, emoji) are kept, for the caller to reject with a precise message.
 * @example foldToAscii('  Ủng hộ   đồng bào ') === 'Ung ho dong bao'
 */
export function foldToAscii(text: string): string {
  if (isFoldedAscii(text)) return text;
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(WHITESPACE_RUNS, ' ')
    .trim();
}

/** Fast path: printable ASCII, no leading, trailing or double spaces; folding is the identity. */
function isFoldedAscii(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126 || (c === 32 && previous === 32)) return false;
    previous = c;
  }
  return true;
}

/** `"€" (U+20AC)` for messages. */
export function describeChar(text: string, index: number): string {
  const cp = text.codePointAt(index) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const shown = cp >= 32 && cp !== 127 ? String.fromCodePoint(cp) : '';
  return shown ? `"${shown}" (U+${hex})` : `U+${hex}`;
}
