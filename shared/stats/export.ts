/**
 * Officer exports of the statistics tables (docs/statistics.md, "Exports"). Pure: the tables are
 * built from what shared/stats/export-load.ts read, then written as CSV here, as XLSX in
 * shared/stats/export-xlsx.ts (with the small writer of shared/stats/xlsx.ts) or returned as JSON. All three
 * carry the same rows: amounts are integer VND, percentages are in percent (7.5 = 7,5 %) rounded
 * to 4 decimals (XLSX stores them as fractions with a `0.00%` format, which shows the same
 * number), a figure that cannot be computed is empty (null), never 0.
 */
import { writeCsv } from '../catalog/import/csv';
import { neutralizeFormula } from '../catalog/import/spreadsheet-text';
import { communes } from '../geo/communes';
import { measureOf } from './cells';
import { activeSellers, type Figure, roundTo, type UsedInput } from './indicators';
import type { InputVersion } from './inputs';
import type { IndicatorsAnswer } from './query';

export const EXPORT_TABLES = [
  'indicators',
  'monthly-series',
  'sales-by-commune',
  'sales-by-sector',
  'inputs',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type Lang = 'vi' | 'en';

/**
 * How a column's numbers are kept and shown. `unit`: each row says (its `unit` field), for
 * columns mixing percentages, amounts and counts (the indicators, the inputs).
 */
export type ColumnKind = 'text' | 'vnd' | 'count' | 'percent' | 'ratio' | 'year' | 'unit';
export type RowUnit = Exclude<ColumnKind, 'unit'>;
export interface Column {
  key: string;
  vi: string;
  en: string;
  kind: ColumnKind;
}
export type CellValue = string | number | null;
export type Row = Record<string, CellValue>;

/** One line of the methodology: how an item (a figure or a column) is computed, from what. */
export interface MethodNote {
  item: string;
  label: string;
  formula: string;
  /** The numbers put into the formula, `name = value; …`. */
  terms: string;
  /** Each input used: kind, key, version, value, source, entry time, demo flag. */
  inputs: string;
  /** What is missing for the figure to be computed. */
  missing: string;
}

export interface TableData {
  id: ExportTable;
  title: { vi: string; en: string };
  columns: Column[];
  rows: Row[];
  methodology: MethodNote[];
}

export interface ExportQuery {
  period: string;
  area: string;
  sector: string;
}

export const PLATFORM_NOTE = {
  vi: 'Đóng góp của nền tảng Chợ Số (chỉ doanh số ghi nhận trên nền tảng): cận dưới của chỉ tiêu chính thức, không phải số liệu thống kê chính thức. Số liệu đầu vào đánh dấu demo là số liệu mẫu.',
  en: 'Platform contribution (sales recorded on Chợ Số only): lower bounds of the official indicators, not official statistics. Inputs marked demo are sample figures.',
};

const pct = (x: number | null): number | null => (x === null ? null : roundTo(x, 4));

const col = (key: string, vi: string, en: string, kind: ColumnKind): Column => ({
  key,
  vi,
  en,
  kind,
});

export const sourceText = (s: UsedInput['source']): string =>
  [s.type, s.reference, s.note].filter((x) => x !== undefined && x !== '').join(': ');

export function inputText(u: UsedInput): string {
  const value = Object.entries(u.value)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    `${u.kind} ${u.key}`,
    u.version !== undefined ? ` v${u.version}` : '',
    ` {${value}}`,
    ` [${sourceText(u.source)}]`,
    u.enteredAt ? ` ${u.enteredAt}` : '',
    u.demo ? ' (demo)' : '',
  ].join('');
}

const termsText = (terms: Record<string, number>) =>
  Object.entries(terms)
    .map(([k, v]) => `${k} = ${v}`)
    .join('; ');

const figureValue = (f: Figure): number | null =>
  f.unit === 'percent' ? pct(f.value) : f.value === null ? null : Math.round(f.value);

/** The indicators of one period, area and sector: one row per figure. */
export function indicatorsTable(answer: IndicatorsAnswer, lang: Lang): TableData {
  return {
    id: 'indicators',
    title: { vi: 'Chỉ tiêu', en: 'Indicators' },
    columns: [
      col('id', 'Mã', 'Id', 'text'),
      col('labelVi', 'Chỉ tiêu', 'Indicator (vi)', 'text'),
      col('labelEn', 'Chỉ tiêu (tiếng Anh)', 'Indicator', 'text'),
      col('unit', 'Đơn vị', 'Unit', 'text'),
      col('value', 'Giá trị', 'Value', 'unit'),
      col('target', 'Mục tiêu (%)', 'Target (%)', 'percent'),
      col('targetYear', 'Năm mục tiêu', 'Target year', 'year'),
      col('progress', 'Tiến độ so với mục tiêu (%)', 'Progress to target (%)', 'percent'),
      col('missing', 'Thiếu số liệu', 'Missing', 'text'),
    ],
    rows: answer.figures.map((f) => ({
      id: f.id,
      labelVi: f.label.vi,
      labelEn: f.label.en,
      unit: f.unit,
      value: figureValue(f),
      target: f.target ? f.target.percent : null,
      targetYear: f.target ? f.target.year : null,
      progress: f.target ? f.target.progress : null,
      missing: f.missing.map((m) => m.message).join('; '),
    })),
    methodology: answer.figures.map((f) => ({
      item: f.id,
      label: f.label[lang],
      formula: f.formula,
      terms: termsText(f.terms),
      inputs: [
        ...f.inputs.map(inputText),
        ...(f.target ? [`target: ${inputText(f.target.source)}`] : []),
      ].join('\n'),
      missing: f.missing.map((m) => `${m.kind} ${m.key}: ${m.message}`).join('\n'),
    })),
  };
}

const LEDGER_SOURCE = 'Chợ Số ledger (sales, cancellations, refunds), folded into cells';

/** The monthly series of the year of the period, for the area and sector. */
export function seriesTable(answer: IndicatorsAnswer, lang: Lang): TableData {
  const columns = [
    col('period', 'Tháng', 'Month', 'text'),
    col('netSales', 'Doanh số thuần (VND)', 'Net sales (VND)', 'vnd'),
    col('onlineNetSales', 'Doanh số thuần trực tuyến (VND)', 'Net online sales (VND)', 'vnd'),
    col('orders', 'Số đơn hàng trực tuyến', 'Online orders', 'count'),
    col(
      'ecommerceShare',
      'Đóng góp vào tỷ trọng TMĐT trong TMBL (%)',
      'Contribution to the e-commerce share of retail sales (%)',
      'percent',
    ),
  ];
  const formulas: Record<string, string> = {
    netSales: 'Σ sales − cancellations − refunds of the month, online and at the counter',
    onlineNetSales: 'Σ online sales − cancellations − refunds of the month',
    orders: 'online sales − cancelled online sales of the month',
    ecommerceShare:
      "net online sales ÷ the month's TMBL of the area × 100; empty when no monthly TMBL is entered",
  };
  return {
    id: 'monthly-series',
    title: { vi: 'Chuỗi theo tháng', en: 'Monthly series' },
    columns,
    rows: answer.series.map((p) => ({
      period: p.period,
      netSales: p.netSales,
      onlineNetSales: p.onlineNetSales,
      orders: p.orders,
      ecommerceShare: pct(p.ecommerceShare),
    })),
    methodology: columns.slice(1).map((c) => ({
      item: c.key,
      label: c[lang],
      formula: formulas[c.key] as string,
      terms: '',
      inputs:
        c.key === 'ecommerceShare'
          ? `${LEDGER_SOURCE}; officer input tmbl M<month>|${answer.area} (see the inputs table)`
          : LEDGER_SOURCE,
      missing: '',
    })),
  };
}

/** A cell of sales and its per-seller sums, as read for one row of a breakdown. */
export interface BreakdownCell {
  code: string;
  name: string;
  measures: Record<string, number> | undefined;
  sellers: Array<{ sellerId: string; measures: Record<string, number> }>;
}

const BREAKDOWN_FORMULAS: Record<string, string> = {
  netSales: 'Σ sales − cancellations − refunds, online and at the counter (VAT included)',
  onlineNetSales: 'Σ online sales − cancellations − refunds',
  salesCount: 'sales − cancelled sales, online and at the counter',
  onlineOrders: 'online sales − cancelled online sales',
  counterSales: 'counter sales − cancelled counter sales',
  cashlessShareValue:
    'cashless net sales ÷ net sales × 100 (cashless = VietQR or other non-cash); empty when net sales are 0',
  activeSellers: 'distinct sellers with at least one sale not cancelled in the period',
  shareOfTotal: "the row's net sales ÷ the total row's net sales × 100; empty when the total is 0",
};

function breakdownRow(c: BreakdownCell, totalNet: number): Row {
  const m = c.measures;
  const net = measureOf(m, 'net');
  const count = (channel?: 'online' | 'offline') =>
    measureOf(m, 'saleCount', channel ? { channel } : {}) -
    measureOf(m, 'cancelCount', channel ? { channel } : {});
  return {
    code: c.code,
    name: c.name,
    netSales: net,
    onlineNetSales: measureOf(m, 'net', { channel: 'online' }),
    salesCount: count(),
    onlineOrders: count('online'),
    counterSales: count('offline'),
    cashlessShareValue:
      net === 0 ? null : pct((measureOf(m, 'net', { method: 'cashless' }) * 100) / net),
    activeSellers: activeSellers(c.sellers),
    shareOfTotal: totalNet === 0 ? null : pct((net * 100) / totalNet),
  };
}

/**
 * Sales by commune or by sector: one row per commune (every commune of the province, or the one
 * asked for) or per VSIC division with sales, then the total row (the province, or the area).
 */
export function breakdownTable(
  id: 'sales-by-commune' | 'sales-by-sector',
  rows: BreakdownCell[],
  total: BreakdownCell,
  lang: Lang,
): TableData {
  const byCommune = id === 'sales-by-commune';
  const columns = [
    col(
      'code',
      byCommune ? 'Mã xã, phường' : 'Mã ngành (VSIC cấp 2)',
      byCommune ? 'Commune code' : 'Sector (VSIC division)',
      'text',
    ),
    col('name', 'Tên', 'Name', 'text'),
    col('netSales', 'Doanh số thuần (VND)', 'Net sales (VND)', 'vnd'),
    col('onlineNetSales', 'Doanh số thuần trực tuyến (VND)', 'Net online sales (VND)', 'vnd'),
    col('salesCount', 'Số giao dịch bán', 'Sales counted', 'count'),
    col('onlineOrders', 'Số đơn hàng trực tuyến', 'Online orders', 'count'),
    col('counterSales', 'Số giao dịch tại quầy', 'Counter sales', 'count'),
    col(
      'cashlessShareValue',
      'Tỷ lệ không dùng tiền mặt theo giá trị (%)',
      'Cashless share by value (%)',
      'percent',
    ),
    col('activeSellers', 'Số người bán có giao dịch', 'Active sellers', 'count'),
    col('shareOfTotal', 'Tỷ trọng trong tổng (%)', 'Share of the total (%)', 'percent'),
  ];
  const totalNet = measureOf(total.measures, 'net');
  return {
    id,
    title: byCommune
      ? { vi: 'Theo xã, phường', en: 'By commune' }
      : { vi: 'Theo ngành', en: 'By sector' },
    columns,
    rows: [...rows, total].map((c) => breakdownRow(c, totalNet)),
    methodology: columns.slice(2).map((c) => ({
      item: c.key,
      label: c[lang],
      formula: BREAKDOWN_FORMULAS[c.key] as string,
      terms: '',
      inputs: LEDGER_SOURCE,
      missing: '',
    })),
  };
}

/** The commune rows of a breakdown, in the province's list order; `only` keeps one commune. */
export function communeCells(
  cellOf: (code: string) => Pick<BreakdownCell, 'measures' | 'sellers'>,
  only?: string,
): BreakdownCell[] {
  return communes
    .filter((c) => only === undefined || c.code === only)
    .map((c) => ({ code: c.code, name: c.name, ...cellOf(c.code) }));
}

const INPUT_UNITS: Record<string, RowUnit> = {
  total: 'vnd',
  goods: 'vnd',
  currentPrices: 'vnd',
  amount: 'vnd',
  enterprises: 'count',
  cooperatives: 'count',
  householdBusinesses: 'count',
  outputRatio: 'ratio',
  valueAddedRatio: 'ratio',
  percent: 'percent',
  year: 'year',
};

/** The current version of each officer input of the year: one row per value field. */
export function inputsTable(inputs: InputVersion[], lang: Lang): TableData {
  const sorted = [...inputs].sort((a, b) =>
    a.kind === b.kind ? a.key.localeCompare(b.key) : a.kind.localeCompare(b.kind),
  );
  return {
    id: 'inputs',
    title: { vi: 'Số liệu đầu vào', en: 'Inputs' },
    columns: [
      col('kind', 'Loại', 'Kind', 'text'),
      col('key', 'Khóa', 'Key', 'text'),
      col('field', 'Trường', 'Field', 'text'),
      col('unit', 'Đơn vị', 'Unit', 'text'),
      col('value', 'Giá trị', 'Value', 'unit'),
      col('version', 'Phiên bản', 'Version', 'count'),
      col('sourceType', 'Loại nguồn', 'Source type', 'text'),
      col('reference', 'Nguồn', 'Reference', 'text'),
      col('note', 'Ghi chú', 'Note', 'text'),
      col('enteredAt', 'Thời điểm nhập', 'Entered at', 'text'),
      col('demo', 'Số liệu mẫu', 'Demo', 'text'),
    ],
    rows: sorted.flatMap((v) =>
      Object.entries(v.value).map(([field, value]) => ({
        kind: v.kind,
        key: v.key,
        field,
        unit: INPUT_UNITS[field] ?? 'ratio',
        value,
        version: v.version,
        sourceType: v.source.type,
        reference: v.source.reference ?? '',
        note: v.source.note ?? '',
        enteredAt: v.enteredAt,
        demo: v.demo ? 'demo' : '',
      })),
    ),
    methodology: [
      {
        item: 'inputs',
        label: lang === 'vi' ? 'Số liệu đầu vào' : 'Inputs',
        formula:
          'Entered by officers with their source; the current version of each input (older versions stay readable in GET /api/officer/inputs)',
        terms: '',
        inputs: '',
        missing: '',
      },
    ],
  };
}

/** The kind of one cell: the column's, or the row's unit for `unit` columns. */
export function kindOf(column: Column, row: Row): RowUnit {
  if (column.kind !== 'unit') return column.kind;
  const u = row.unit;
  if (u === 'percent' || u === 'vnd' || u === 'count' || u === 'ratio' || u === 'year') return u;
  return 'text';
}

// --- CSV ------------------------------------------------------------------------------------

/** One CSV cell: numbers as numbers, null empty, text neutralised against formula injection. */
export const csvText = (v: CellValue): string =>
  v === null ? '' : typeof v === 'number' ? String(v) : neutralizeFormula(v);

/**
 * A table as CSV (RFC 4180, shared/catalog/import/csv.ts): UTF-8 BOM, one header row in the
 * chosen language, CRLF line ends.
 */
export function toCsv(table: TableData, lang: Lang): string {
  return writeCsv([
    table.columns.map((c) => c[lang]),
    ...table.rows.map((r) => table.columns.map((c) => csvText(r[c.key] ?? null))),
  ]);
}

/** `cho-so-indicators-Y2026-P96-all.csv`: ASCII only, safe in a Content-Disposition header. */
export function exportFilename(
  table: ExportTable | 'all',
  q: ExportQuery,
  format: ExportFormat,
): string {
  const sector = q.sector === '*' ? 'all' : q.sector;
  return `cho-so-${table}-${q.period}-${q.area}-${sector}.${format}`;
}
