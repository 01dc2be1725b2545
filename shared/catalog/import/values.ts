import type { Cell } from './cells';

/**
 * Cell values to typed values, the way Vietnamese sellers write them. Each parser returns the value
 * or a problem code (see docs/import.md); none guesses between two readings.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ValueProblem };
export type ValueProblem = 'not_a_number' | 'not_integer' | 'invalid_date';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: ValueProblem): Parsed<never> => ({ ok: false, code });

/** Spaces Excel and phones put between digit groups: space, no-break and narrow no-break space. */
const GROUP_SPACE = /[\u0020\u00a0\u202f]/;
const CURRENCY = /^(?:₫|đ|đồng|dong|vnd|vnđ)$/i;

/**
 * A whole number of VND (prices) or units (stock). Accepted:
 * - plain digits `1250000`;
 * - digits grouped by thousands with one separator used throughout: `1.250.000` (Vietnamese),
 *   `1,250,000` (English), `1 250 000`; every group after the first has exactly 3 digits;
 * - a currency word before or after: `₫`, `đ`, `đồng`, `VND`, `VNĐ` (any case);
 * - an XLSX number cell holding an integer.
 * Refused: decimals (`1250000.5`, `1,5`), mixed separators (`1.250,00`), a separator that is not
 * followed by exactly 3 digits (`1.25`, `12,50`): these are `not_integer` when they look like a
 * decimal number and `not_a_number` otherwise. Negative numbers parse (the schema then says
 * "must be at least…").
 */
export function parseWholeNumber(cell: Cell): Parsed<number> {
  if (cell.kind === 'number')
    return Number.isSafeInteger(cell.value) ? ok(cell.value) : fail('not_integer');
  if (cell.kind !== 'text') return fail('not_a_number');
  let s = cell.text.trim().normalize('NFC');
  // Currency word at either end, e.g. "1.250.000 đ", "VND 50,000", "50.000₫".
  const words = s.split(/\s+/);
  if (words.length > 1 && CURRENCY.test(words[words.length - 1] as string))
    s = words.slice(0, -1).join(' ');
  else if (words.length > 1 && CURRENCY.test(words[0] as string)) s = words.slice(1).join(' ');
  s = s.replace(/(?:₫|đ)$/i, '').trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = -1;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  if (/^\d+$/.test(s)) return safe(sign * Number(s));
  for (const sep of ['.', ',', ' ']) {
    const parts = sep === ' ' ? s.split(GROUP_SPACE) : s.split(sep);
    if (parts.length < 2) continue;
    const [head, ...groups] = parts as [string, ...string[]];
    if (/^\d{1,3}$/.test(head) && groups.every((g) => /^\d{3}$/.test(g))) {
      return safe(sign * Number(parts.join('')));
    }
  }
  // Something like 12.5 or 1.250,50: a decimal number, which money and stock never are.
  if (/^\d[\d.,\s\u00a0\u202f]*$/.test(s)) return fail('not_integer');
  return fail('not_a_number');
}

function safe(n: number): Parsed<number> {
  return Number.isSafeInteger(n) ? ok(n) : fail('not_a_number');
}

/**
 * A calendar date as `YYYY-MM-DD`. Accepted: an XLSX date cell; `YYYY-MM-DD`; `DD/MM/YYYY`,
 * `DD-MM-YYYY` and `DD.MM.YYYY` (day first, as Vietnamese write dates; never month first).
 * The date must exist (no 31/02).
 */
export function parseDate(cell: Cell): Parsed<string> {
  if (cell.kind === 'date') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:T00:00:00)?$/.exec(cell.text);
    return m ? checkDate(m[1] as string) : fail('invalid_date');
  }
  if (cell.kind !== 'text') return fail('invalid_date');
  const s = cell.text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return checkDate(`${iso[1]}-${pad(iso[2])}-${pad(iso[3])}`);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dmy) return checkDate(`${dmy[3]}-${pad(dmy[2])}-${pad(dmy[1])}`);
  return fail('invalid_date');
}

const pad = (s: string | undefined) => (s ?? '').padStart(2, '0');

function checkDate(iso: string): Parsed<string> {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
    ? ok(iso)
    : fail('invalid_date');
}

/**
 * Lower-case, accents removed, đ → d, punctuation and runs of space/underscore to one space.
 * Used to match headers and list values (`Hải sản khô`, `hai san kho`, `HAI_SAN_KHO` are equal).
 */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Splits a list cell on `;`, `,`, `|` or line breaks; blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[;,|\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
