import { parseWholeNumber } from './catalog/import/values';

/**
 * A price typed by a person, the ways Vietnamese sellers write them, to whole đồng. Accepted:
 * - everything the import accepts (shared/catalog/import/values.ts, parseWholeNumber): `150000`,
 *   `150.000`, `150,000`, `150 000`, with `đ`, `₫`, `đồng`, `VND`, `VNĐ` before or after;
 * - an amount with a word for thousands or millions (or billions): `150k`, `150 nghìn`, `150 ngàn`,
 *   `1,2tr`, `1.2 triệu`, `1,5 củ`, `2 tỷ`; the number before the word may have a decimal part
 *   (`.` or `,` then 1–2 digits) or thousands groups (`1.500k` = 1.500 × 1.000);
 * - the spoken short form with digits after the word: `1tr2` = 1.200.000, `2tr50` = 2.500.000,
 *   `1k5` = 1.500 (the digits are the next places: up to three of them);
 * - several parts, largest first: `1 triệu 200 nghìn`, `1tr200k`, `2 tỷ 300 triệu`.
 * The result must be whole đồng (`1,2345k` is refused as `not_integer`). Never guesses between two
 * readings: anything else is `not_a_number`. An empty text is `empty`.
 */
export type MoneyInput =
  | { ok: true; value: number }
  | { ok: false; code: 'empty' | 'not_a_number' | 'not_integer' };

const UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:tỷ|tỉ|ty|ti)$/, 1_000_000_000],
  [/^(?:triệu|trieu|tr|củ|cu|m)$/, 1_000_000],
  [/^(?:nghìn|nghin|ngàn|ngan|k)$/, 1_000],
];

const unitValue = (word: string): number | undefined => UNITS.find(([re]) => re.test(word))?.[1];

/** Currency words at either end, as the import strips them. */
const CURRENCY_END = /\s*(?:₫|đ|đồng|dong|vnd|vnđ)$/;
const CURRENCY_START = /^(?:₫|vnd|vnđ)\s*/;

/** One number before a unit word: digits, thousands groups, or a short decimal part. */
function unitNumber(text: string): { units: bigint; scale: bigint } | undefined {
  if (/^\d+$/.test(text)) return { units: BigInt(text), scale: 1n };
  for (const sep of ['.', ',']) {
    const parts = text.split(sep);
    if (parts.length < 2) continue;
    const [head, ...rest] = parts as [string, ...string[]];
    if (/^\d{1,3}$/.test(head) && rest.length >= 1 && rest.every((g) => /^\d{3}$/.test(g)))
      return { units: BigInt(parts.join('')), scale: 1n };
    if (rest.length === 1 && /^\d+$/.test(head) && /^\d{1,2}$/.test(rest[0] as string))
      return {
        units: BigInt(`${head}${rest[0]}`),
        scale: 10n ** BigInt((rest[0] as string).length),
      };
    // A 3+ digit fraction with a unit (1,2345k) reads as a decimal: whole đồng decides below.
    if (rest.length === 1 && /^\d+$/.test(head) && /^\d+$/.test(rest[0] as string))
      return {
        units: BigInt(`${head}${rest[0]}`),
        scale: 10n ** BigInt((rest[0] as string).length),
      };
  }
  return undefined;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export function parseMoneyInput(raw: string): MoneyInput {
  let s = raw.normalize('NFC').trim().toLowerCase();
  if (s === '') return { ok: false, code: 'empty' };
  s = s.replace(CURRENCY_END, '').replace(CURRENCY_START, '').trim();
  if (s === '') return { ok: false, code: 'not_a_number' };

  // No unit word: exactly what the import reads.
  if (!/[a-zà-ỹđ]/.test(s)) {
    const plain = parseWholeNumber({ kind: 'text', text: s });
    return plain.ok
      ? { ok: true, value: plain.value }
      : { ok: false, code: plain.code === 'not_integer' ? 'not_integer' : 'not_a_number' };
  }

  // Parts: <number> <unit>, largest unit first, then optionally trailing digits (1tr2).
  const part = /^(\d[\d.,]*)\s*([a-zà-ỹđ]+)\s*/;
  let rest = s;
  let totalNum = 0n; // total × 1000 (room for up to three decimal places of a unit)
  let lastUnit: number | undefined;
  let fractional = false;
  for (;;) {
    const m = part.exec(rest);
    if (!m) break;
    const unit = unitValue(m[2] as string);
    if (unit === undefined) return { ok: false, code: 'not_a_number' };
    if (lastUnit !== undefined && unit >= lastUnit) return { ok: false, code: 'not_a_number' };
    const n = unitNumber(m[1] as string);
    if (!n) return { ok: false, code: 'not_a_number' };
    const scaled = n.units * BigInt(unit) * 1000n;
    if (scaled % n.scale !== 0n) fractional = true;
    totalNum += scaled / n.scale;
    lastUnit = unit;
    rest = rest.slice(m[0].length);
  }
  if (lastUnit === undefined) return { ok: false, code: 'not_a_number' };
  if (rest !== '') {
    // 1tr2, 2tr50, 1k5: up to three digits are the next places below the last unit.
    if (!/^\d{1,3}$/.test(rest) || lastUnit < 1000) return { ok: false, code: 'not_a_number' };
    totalNum += BigInt(rest.padEnd(3, '0')) * BigInt(lastUnit / 1000) * 1000n;
  }
  if (fractional || totalNum % 1000n !== 0n) return { ok: false, code: 'not_integer' };
  const total = totalNum / 1000n;
  if (total > MAX) return { ok: false, code: 'not_a_number' };
  return { ok: true, value: Number(total) };
}
