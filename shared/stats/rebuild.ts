import { listLedgerMonth } from '../db/ledger';
import { cellKey, listPeriodItems, replaceStatsItem, sellerSumKey } from '../db/stats';
import type { LedgerEntry } from '../ledger/entry';
import { type Delta, foldEntries, monthsOfPeriod, periodsOf } from './cells';

/**
 * Recomputes every statistics item of a range of months from the ledger (paged Queries of the
 * month partitions, never a Scan) and compares it with what the stream consumer stored.
 */
export interface RebuildDifference {
  item: string;
  measure: string;
  stored: number;
  recomputed: number;
}

export interface RebuildReport {
  months: string[];
  entries: number;
  items: number;
  differences: RebuildDifference[];
  written: number;
}

/** YYYY-MM months from `from` to `to` inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function compare(
  name: string,
  stored: Delta | undefined,
  recomputed: Delta | undefined,
  out: RebuildDifference[],
) {
  const keys = new Set([...Object.keys(stored ?? {}), ...Object.keys(recomputed ?? {})]);
  for (const k of keys) {
    const s = stored?.[k] ?? 0;
    const r = recomputed?.[k] ?? 0;
    if (s !== r) out.push({ item: name, measure: k, stored: s, recomputed: r });
  }
}

/**
 * `write`: puts the recomputed items in place of differing ones (only with the stream consumer
 * stopped: the watermarks are kept as stored, so the consumer does not fold again what the
 * ledger already holds).
 */
export async function rebuildStats(options: {
  from: string;
  to: string;
  provinceCode: string;
  write?: boolean;
}): Promise<RebuildReport> {
  const months = monthRange(options.from, options.to);
  const entries: LedgerEntry[] = [];
  for (const month of months) {
    let cursor: string | undefined;
    do {
      const page = await listLedgerMonth(month, { cursor, limit: 1000 });
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  const folded = foldEntries(entries, options.provinceCode);
  // Every period a month of the range touches (quarters and years may reach outside the range:
  // they are compared only when the range covers them wholly).
  const periods = new Set<string>();
  const wholly = new Set(months);
  for (const month of months) {
    const p = periodsOf(`${month}-01`);
    const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
    for (let d = 1; d <= days.getUTCDate(); d++)
      periods.add(`D${month}-${String(d).padStart(2, '0')}`);
    periods.add(p.month);
    const qMonths = monthsOfPeriod(p.quarter);
    if (qMonths.every((m) => wholly.has(m))) periods.add(p.quarter);
    if (monthsOfPeriod(p.year).every((m) => wholly.has(m))) periods.add(p.year);
  }
  // Recomputed items by key, in the layout of shared/db/stats.ts.
  type Item = { key: { pk: string; sk: string }; fields: Record<string, unknown>; measures: Delta };
  const recomputed = new Map<string, Map<string, Item>>();
  const put = (period: string, item: Item) => {
    const byKey = recomputed.get(period) ?? new Map<string, Item>();
    const k = `${item.key.pk}|${item.key.sk}`;
    const prev = byKey.get(k);
    if (prev)
      for (const [m, v] of Object.entries(item.measures))
        prev.measures[m] = (prev.measures[m] ?? 0) + v;
    else byKey.set(k, item);
    recomputed.set(period, byKey);
  };
  for (const c of folded.cells.values())
    put(c.id.period, {
      key: cellKey(c.id),
      fields: { entity: 'statsCell', ...c.id },
      measures: { ...c.delta },
    });
  for (const s of folded.sellers.values()) {
    const key = sellerSumKey(s.id, s.sellerId);
    put(s.id.period, {
      key,
      fields: {
        entity: 'statsSellerSums',
        ...s.id,
        shard: key.sk.slice(key.sk.lastIndexOf('#') + 1),
      },
      measures: Object.fromEntries(
        Object.entries(s.delta).map(([m, v]) => [`${m}@${s.sellerId}`, v]),
      ),
    });
  }
  const differences: RebuildDifference[] = [];
  let written = 0;
  let items = 0;
  for (const period of [...periods].sort()) {
    const stored = await listPeriodItems(period);
    const storedByKey = new Map<string, Item>();
    for (const c of stored.cells)
      storedByKey.set(`${c.key.pk}|${c.key.sk}`, { key: c.key, fields: {}, measures: c.measures });
    for (const s of stored.shards)
      storedByKey.set(`${s.key.pk}|${s.key.sk}`, { key: s.key, fields: {}, measures: s.measures });
    const mine = recomputed.get(period) ?? new Map<string, Item>();
    const keys = new Set([...storedByKey.keys(), ...mine.keys()]);
    for (const k of [...keys].sort()) {
      const before = differences.length;
      const r = mine.get(k);
      const st = storedByKey.get(k);
      compare(k, st?.measures, r?.measures, differences);
      if (r) items++;
      if (options.write && differences.length > before) {
        const key = (r ?? st)?.key as { pk: string; sk: string };
        const wm = stored.watermarks.get(k) ?? {};
        await replaceStatsItem(key, { ...(r?.fields ?? {}), ...(r?.measures ?? {}), ...wm });
        written++;
      }
    }
  }
  return { months, entries: entries.length, items, differences, written };
}
