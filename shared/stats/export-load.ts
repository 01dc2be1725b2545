/**
 * Reads what the officer exports need and builds their tables (shared/stats/export.ts). Each table
 * reads only its own items: the indicators and the monthly series reuse the indicators' reads
 * (shared/stats/query.ts); a breakdown reads the period's cells and per-seller sums (one paged
 * Query each); the inputs table reads the year's inputs. Officer exports are not disclosure
 * controlled: they are the department's working tables, not publications (open data is).
 */
import { getCell, listCells, listSellerSums, type SellerSum } from '../db/stats';
import { ALL_SECTORS } from './cells';
import {
  type BreakdownCell,
  breakdownTable,
  communeCells,
  EXPORT_TABLES,
  type ExportQuery,
  type ExportTable,
  indicatorsTable,
  inputsTable,
  type Lang,
  seriesTable,
  type TableData,
} from './export';
import { type IndicatorsAnswer, indicatorsFor, loadInputs } from './query';

const sellersByCell = (sums: SellerSum[]) => {
  const out = new Map<string, BreakdownCell['sellers']>();
  for (const s of sums) {
    const k = `${s.id.area}#${s.id.sector}`;
    out.set(k, [...(out.get(k) ?? []), { sellerId: s.sellerId, measures: s.measures }]);
  }
  return out;
};

async function breakdown(
  id: 'sales-by-commune' | 'sales-by-sector',
  q: ExportQuery,
  provinceCode: string,
  lang: Lang,
): Promise<TableData> {
  const byCommune = id === 'sales-by-commune';
  const totalArea = byCommune ? `P${provinceCode}` : q.area;
  const totalSector = byCommune ? q.sector : ALL_SECTORS;
  const [cells, sums, totalCell] = await Promise.all([
    listCells(q.period, byCommune ? 'C' : `${q.area}#`),
    listSellerSums(q.period),
    getCell({ period: q.period, area: totalArea, sector: totalSector }),
  ]);
  const sellers = sellersByCell(sums);
  const measures = new Map(cells.map((c) => [`${c.id.area}#${c.id.sector}`, c.measures]));
  const cellOf = (area: string, sector: string) => ({
    measures: measures.get(`${area}#${sector}`),
    sellers: sellers.get(`${area}#${sector}`) ?? [],
  });
  const rows: BreakdownCell[] = byCommune
    ? communeCells(
        (code) => cellOf(`C${code}`, q.sector),
        q.area.startsWith('C') ? q.area.slice(1) : undefined,
      )
    : cells
        .filter(
          (c) =>
            c.id.area === q.area &&
            c.id.sector !== ALL_SECTORS &&
            (q.sector === ALL_SECTORS || c.id.sector === q.sector),
        )
        .map((c) => c.id.sector)
        .sort()
        .map((sector) => ({ code: sector, name: '', ...cellOf(q.area, sector) }));
  const total: BreakdownCell = {
    code: totalArea,
    name: lang === 'vi' ? 'Tổng' : 'Total',
    measures: totalCell?.measures,
    sellers: sellers.get(`${totalArea}#${totalSector}`) ?? [],
  };
  return breakdownTable(id, rows, total, lang);
}

/** The tables asked for (`all`: every table), in EXPORT_TABLES order. */
export async function loadExport(
  table: ExportTable | 'all',
  q: ExportQuery,
  provinceCode: string,
  lang: Lang,
): Promise<TableData[]> {
  const wanted = table === 'all' ? [...EXPORT_TABLES] : [table];
  let answer: Promise<IndicatorsAnswer> | undefined;
  const indicators = () => {
    answer ??= indicatorsFor(q, provinceCode);
    return answer;
  };
  return Promise.all(
    wanted.map(async (id): Promise<TableData> => {
      switch (id) {
        case 'indicators':
          return indicatorsTable(await indicators(), lang);
        case 'monthly-series':
          return seriesTable(await indicators(), lang);
        case 'sales-by-commune':
        case 'sales-by-sector':
          return breakdown(id, q, provinceCode, lang);
        case 'inputs':
          return inputsTable([...(await loadInputs(Number(q.period.slice(1, 5)))).values()], lang);
      }
    }),
  );
}
