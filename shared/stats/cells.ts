/**
 * Statistics cells: what one ledger entry adds to which aggregate. Pure; the DynamoDB side is
 * shared/db/stats.ts. Definitions follow docs/statistics.md.
 *
 * A cell is period × area × sector. Inside it, every measure is kept per channel × method
 * (online|offline × vietqr|cash|other, six combinations), so any total over channel or method is
 * a sum of at most six numbers read from the same item: the item count per entry stays small
 * (4 periods × 2 areas × 2 sectors = 16 cells) and a cell's size is fixed whatever the volume.
 *
 * Per-seller sums (needed for distinct-seller counts, SME adoption and disclosure control) are
 * separate items, one per cell and seller, so no item grows with the number of sellers.
 */
import type { LedgerChannel, LedgerEntry, LedgerMethod } from '../ledger/entry';

export const PERIOD_KINDS = ['day', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const CHANNELS: readonly LedgerChannel[] = ['online', 'offline'];
export const METHODS: readonly LedgerMethod[] = ['vietqr', 'cash', 'other'];
export const COMBOS = CHANNELS.flatMap((c) => METHODS.map((m) => `${c}_${m}` as const));
export type Combo = (typeof COMBOS)[number];

/**
 * Measures kept per channel × method. Amounts are integer VND, VAT included, delivery fees
 * excluded. `gross*` sums sale entries; `cancelled`/`refunded` are the (negative) sums of
 * cancellation and refund entries; `net* = gross* + cancelled* + refunded*`.
 */
export const MEASURES = [
  'saleCount',
  'cancelCount',
  'refundCount',
  'gross',
  'grossGoods',
  'grossServices',
  'cancelled',
  'refunded',
  'net',
  'netGoods',
  'netServices',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Per-seller measures (over all channels and methods). */
export const SELLER_MEASURES = ['saleCount', 'cancelCount', 'net', 'netOnline'] as const;
export type SellerMeasure = (typeof SELLER_MEASURES)[number];

/** A sparse map attribute-name → delta. Cell attributes are `<combo>_<measure>`. */
export type Delta = Record<string, number>;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Period ids of a local date: D2026-05-14, M2026-05, Q2026-2, Y2026. */
export function periodsOf(localDate: string): Record<PeriodKind, string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate)) throw new RangeError(`Bad local date ${localDate}`);
  const year = localDate.slice(0, 4);
  const month = Number(localDate.slice(5, 7));
  return {
    day: `D${localDate}`,
    month: `M${localDate.slice(0, 7)}`,
    quarter: `Q${year}-${Math.ceil(month / 3)}`,
    year: `Y${year}`,
  };
}

/** The day/month ids a period covers (month → its days, quarter → its months, year → months). */
export function monthsOfPeriod(period: string): string[] {
  const kind = period[0];
  const body = period.slice(1);
  if (kind === 'M') return [body];
  if (kind === 'Q') {
    const [y, q] = body.split('-');
    const first = (Number(q) - 1) * 3 + 1;
    return [0, 1, 2].map((i) => `${y}-${pad2(first + i)}`);
  }
  if (kind === 'Y') return Array.from({ length: 12 }, (_, i) => `${body}-${pad2(i + 1)}`);
  if (kind === 'D') return [body.slice(0, 7)];
  throw new RangeError(`Bad period ${period}`);
}

/** Parses a period id; undefined when malformed. */
export function parsePeriod(period: string): { kind: PeriodKind; id: string } | undefined {
  let m: RegExpExecArray | null = /^D(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) {
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === period.slice(1)
      ? { kind: 'day', id: period }
      : undefined;
  }
  m = /^M(\d{4})-(\d{2})$/.exec(period);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? { kind: 'month', id: period } : undefined;
  if (/^Q\d{4}-[1-4]$/.test(period)) return { kind: 'quarter', id: period };
  if (/^Y\d{4}$/.test(period)) return { kind: 'year', id: period };
  return undefined;
}

/** Year of a period id. */
export const yearOfPeriod = (period: string): number => Number(period.slice(1, 5));

/** Area ids: `P<province code>` or `C<commune code>`. */
export const provinceArea = (provinceCode: string) => `P${provinceCode}`;
export const communeArea = (communeCode: string) => `C${communeCode}`;
/** Sector ids: `*` (all) or the 2-digit division of VSIC. */
export const ALL_SECTORS = '*';
export const divisionOf = (sectorCode: string) => sectorCode.slice(0, 2);

export interface CellId {
  period: string;
  area: string;
  sector: string;
}
export const cellIdString = (c: CellId) => `${c.period}|${c.area}|${c.sector}`;

/** The 16 cells an entry belongs to. */
export function cellsOf(entry: LedgerEntry, provinceCode: string): CellId[] {
  const periods = Object.values(periodsOf(entry.localDate));
  const areas = [provinceArea(provinceCode), communeArea(entry.seller.communeCode)];
  const sectors = [ALL_SECTORS, divisionOf(entry.seller.sectorCode)];
  const out: CellId[] = [];
  for (const period of periods)
    for (const area of areas) for (const sector of sectors) out.push({ period, area, sector });
  return out;
}

/** What an entry adds to each of its cells (same delta for all 16). */
export function cellDelta(entry: LedgerEntry): Delta {
  const p = `${entry.channel}_${entry.method}_`;
  const d: Delta = {};
  const add = (m: Measure, v: number) => {
    if (v !== 0) d[p + m] = (d[p + m] ?? 0) + v;
  };
  if (entry.kind === 'sale') {
    add('saleCount', 1);
    add('gross', entry.amount);
    add('grossGoods', entry.goodsAmount);
    add('grossServices', entry.servicesAmount);
  } else if (entry.kind === 'cancellation') {
    add('cancelCount', 1);
    add('cancelled', entry.amount);
  } else {
    add('refundCount', 1);
    add('refunded', entry.amount);
  }
  add('net', entry.amount);
  add('netGoods', entry.goodsAmount);
  add('netServices', entry.servicesAmount);
  return d;
}

/** What an entry adds to its seller's sums in each of its cells. */
export function sellerDelta(entry: LedgerEntry): Delta {
  const d: Delta = {};
  if (entry.kind === 'sale') d.saleCount = 1;
  if (entry.kind === 'cancellation') d.cancelCount = 1;
  if (entry.amount !== 0) d.net = entry.amount;
  if (entry.channel === 'online' && entry.amount !== 0) d.netOnline = entry.amount;
  return d;
}

export function addDelta(into: Delta, d: Delta): Delta {
  for (const [k, v] of Object.entries(d)) into[k] = (into[k] ?? 0) + v;
  return into;
}

/** The contributions of entries, per cell and per seller-in-cell, summed in memory. */
export interface Folded {
  cells: Map<string, { id: CellId; delta: Delta }>;
  sellers: Map<string, { id: CellId; sellerId: string; delta: Delta }>;
}

export function foldEntries(entries: Iterable<LedgerEntry>, provinceCode: string): Folded {
  const out: Folded = { cells: new Map(), sellers: new Map() };
  for (const entry of entries) {
    const cd = cellDelta(entry);
    const sd = sellerDelta(entry);
    for (const id of cellsOf(entry, provinceCode)) {
      const key = cellIdString(id);
      const cell = out.cells.get(key) ?? { id, delta: {} };
      addDelta(cell.delta, cd);
      out.cells.set(key, cell);
      const skey = `${key}|${entry.sellerId}`;
      const seller = out.sellers.get(skey) ?? { id, sellerId: entry.sellerId, delta: {} };
      addDelta(seller.delta, sd);
      out.sellers.set(skey, seller);
    }
  }
  return out;
}

/** Sum of one measure over the channels and methods given (default: all). */
export function measureOf(
  cell: Delta | undefined,
  measure: Measure,
  filter: { channel?: LedgerChannel; method?: LedgerMethod | 'cashless' } = {},
): number {
  if (!cell) return 0;
  let sum = 0;
  for (const c of CHANNELS) {
    if (filter.channel && filter.channel !== c) continue;
    for (const m of METHODS) {
      if (filter.method === 'cashless' ? m === 'cash' : filter.method && filter.method !== m)
        continue;
      sum += cell[`${c}_${m}_${measure}`] ?? 0;
    }
  }
  return sum;
}

/**
 * Stream sequence numbers are decimal strings of up to 40 digits; padded to 48 they compare as
 * strings in DynamoDB conditions.
 */
export function padSequence(sequence: string): string {
  if (!/^\d{1,48}$/.test(sequence))
    throw new RangeError(`Not a stream sequence number: ${sequence}`);
  return sequence.padStart(48, '0');
}
