import { listCells, listSellerSums } from '../db/stats';
import { communes, province } from '../geo/communes';
import { measureOf } from './cells';
import {
  DEFAULT_THRESHOLDS,
  type DisclosureThresholds,
  type Equation,
  type ProtectedCell,
  suppress,
} from './disclosure';

/**
 * The open-data tables of a year: net sales and sales counted by commune and by sector, per month
 * and for the year, with the province totals; disclosure control over all of them at once (the
 * month columns add up to the year, communes and sectors add up to the province). Suppressed
 * values are `"c"`. No seller id or per-seller value leaves this function.
 */
export type Published = number | 'c';
export interface OpenRow {
  code: string;
  netSales: Published[];
  salesCount: Published[];
}
export interface OpenTables {
  year: number;
  /** 12 months then the year. */
  columns: string[];
  byCommune: OpenRow[];
  bySector: OpenRow[];
  province: OpenRow;
  thresholds: DisclosureThresholds;
}

export async function openTables(
  year: number,
  thresholds: DisclosureThresholds = DEFAULT_THRESHOLDS,
): Promise<OpenTables> {
  const columns = [
    ...Array.from({ length: 12 }, (_, i) => `M${year}-${String(i + 1).padStart(2, '0')}`),
    `Y${year}`,
  ];
  const P = `P${province.code}`;
  const cells = new Map<string, ProtectedCell & { count: number }>();
  const sectors = new Set<string>();
  for (const period of columns) {
    const [stored, sellers] = await Promise.all([listCells(period), listSellerSums(period)]);
    const contributions = new Map<string, number[]>();
    for (const s of sellers) {
      const k = `${s.id.area}#${s.id.sector}`;
      contributions.set(k, [...(contributions.get(k) ?? []), Math.max(0, s.measures.net ?? 0)]);
    }
    for (const c of stored) {
      const isCommune = c.id.area.startsWith('C') && c.id.sector === '*';
      const isSector = c.id.area === P && c.id.sector !== '*';
      const isProvince = c.id.area === P && c.id.sector === '*';
      if (!isCommune && !isSector && !isProvince) continue;
      if (isSector) sectors.add(c.id.sector);
      const id = `${period}|${c.id.area}|${c.id.sector}`;
      cells.set(id, {
        id,
        value: measureOf(c.measures, 'net'),
        count: measureOf(c.measures, 'saleCount') - measureOf(c.measures, 'cancelCount'),
        contributions: contributions.get(`${c.id.area}#${c.id.sector}`) ?? [],
      });
    }
  }
  const rowsOf = (
    area: (code: string) => string,
    sector: (code: string) => string,
    codes: string[],
  ) =>
    codes.map((code) => ({ code, ids: columns.map((p) => `${p}|${area(code)}|${sector(code)}`) }));
  const communeRows = rowsOf(
    (c) => `C${c}`,
    () => '*',
    communes.map((c) => c.code),
  );
  const sectorRows = rowsOf(
    () => P,
    (s) => s,
    [...sectors].sort(),
  );
  const provinceRow = rowsOf(
    () => P,
    () => '*',
    [province.code],
  )[0] as { code: string; ids: string[] };
  // Empty cells are true zeros: published, known to everyone.
  for (const row of [...communeRows, ...sectorRows, provinceRow])
    for (const id of row.ids)
      if (!cells.has(id)) cells.set(id, { id, value: 0, count: 0, contributions: [] });
  const equations: Equation[] = [];
  for (const [i] of columns.entries()) {
    const total = provinceRow.ids[i] as string;
    equations.push({ total, parts: communeRows.map((r) => r.ids[i] as string) });
    equations.push({ total, parts: sectorRows.map((r) => r.ids[i] as string) });
  }
  for (const row of [...communeRows, ...sectorRows, provinceRow])
    equations.push({ total: row.ids[12] as string, parts: row.ids.slice(0, 12) });
  const suppressed = suppress(cells, equations, thresholds);
  const publish = (row: { code: string; ids: string[] }): OpenRow => ({
    code: row.code,
    netSales: row.ids.map((id) => (suppressed.has(id) ? 'c' : (cells.get(id)?.value ?? 0))),
    salesCount: row.ids.map((id) => (suppressed.has(id) ? 'c' : (cells.get(id)?.count ?? 0))),
  });
  return {
    year,
    columns,
    byCommune: communeRows.map(publish),
    bySector: sectorRows.map(publish),
    province: publish(provinceRow),
    thresholds,
  };
}

/** The equations tying published cells, for tests that attack the tables. */
export function tableEquations(t: OpenTables): Equation[] {
  const eqs: Equation[] = [];
  const id = (table: string, code: string, i: number) => `${table}|${code}|${i}`;
  for (let i = 0; i < 13; i++) {
    eqs.push({
      total: id('p', t.province.code, i),
      parts: t.byCommune.map((r) => id('c', r.code, i)),
    });
    eqs.push({
      total: id('p', t.province.code, i),
      parts: t.bySector.map((r) => id('s', r.code, i)),
    });
  }
  for (const [table, rows] of [
    ['c', t.byCommune],
    ['s', t.bySector],
    ['p', [t.province]],
  ] as const)
    for (const r of rows)
      eqs.push({
        total: id(table, r.code, 12),
        parts: Array.from({ length: 12 }, (_, i) => id(table, r.code, i)),
      });
  return eqs;
}
