import { currentInputs, listInputVersions } from '../db/inputs';
import { getCell, listCells, listSellerSums } from '../db/stats';
import { ALL_SECTORS, measureOf } from './cells';
import { computeIndicators, type Figure, inputMapKey, roundTo } from './indicators';
import { INPUT_KINDS, type InputVersion } from './inputs';

/**
 * Reads what the indicators of one (period, area, sector) need: the cell, the area's sector cells
 * of the period, the cell's per-seller sums (16 shard items), the inputs of the year and the
 * monthly cells of the year for the series. The number of reads depends on what is asked, never on
 * the number of sales.
 */
export async function loadInputs(year: number): Promise<Map<string, InputVersion>> {
  const out = new Map<string, InputVersion>();
  const lists = await Promise.all(
    INPUT_KINDS.map((kind) => listInputVersions(kind, kind === 'target' ? 0 : year)),
  );
  for (const list of lists)
    for (const v of currentInputs(list).values()) out.set(inputMapKey(v.kind, v.key), v);
  return out;
}

export interface SeriesPoint {
  period: string;
  netSales: number;
  onlineNetSales: number;
  orders: number;
  /** Platform contribution to the e-commerce share of the month (null: no monthly TMBL). */
  ecommerceShare: number | null;
}

export interface IndicatorsAnswer {
  period: string;
  area: string;
  sector: string;
  figures: Figure[];
  series: SeriesPoint[];
}

export async function indicatorsFor(
  q: { period: string; area: string; sector: string },
  provinceCode: string,
): Promise<IndicatorsAnswer> {
  const year = Number(q.period.slice(1, 5));
  const months = Array.from({ length: 12 }, (_, i) => `M${year}-${String(i + 1).padStart(2, '0')}`);
  const [cell, areaCells, sellers, inputs, monthCells] = await Promise.all([
    getCell(q),
    listCells(q.period, `${q.area}#`),
    listSellerSums(q.period, { area: q.area, sector: q.sector }),
    loadInputs(year),
    Promise.all(months.map((period) => getCell({ period, area: q.area, sector: q.sector }))),
  ]);
  const figures = computeIndicators(
    {
      ...q,
      cell: cell?.measures,
      sectorCells: areaCells
        .filter((c) => c.id.sector !== ALL_SECTORS)
        .map((c) => ({ sector: c.id.sector, measures: c.measures })),
      sellers,
      inputs,
    },
    provinceCode,
  );
  const series = months.map((period, i) => {
    const m = monthCells[i]?.measures;
    const online = measureOf(m, 'net', { channel: 'online' });
    const tmbl = inputs.get(inputMapKey('tmbl', `${period}|${q.area}`));
    const total = tmbl?.value.total;
    return {
      period,
      netSales: measureOf(m, 'net'),
      onlineNetSales: online,
      orders:
        measureOf(m, 'saleCount', { channel: 'online' }) -
        measureOf(m, 'cancelCount', { channel: 'online' }),
      ecommerceShare: total ? roundTo((online / total) * 100, 4) : null,
    };
  });
  return { ...q, figures, series };
}
