import { province } from '../geo/communes';
import type { DisclosureThresholds } from './disclosure';
import type { OpenRow, OpenTables, Published } from './open-data';

/**
 * The open data as a Frictionless Data Package (https://datapackage.org): the table-schema fields
 * of the long (tidy) open-data table, the rows of that table made from `openTables()` output, and
 * the `datapackage.json` descriptor. The fields, the rows and the descriptor come from this one
 * list, so the descriptor cannot drift from what the API publishes. Pure.
 */
export const SUPPRESSED = 'c' as const;

/** Frictionless table-schema field types (v1 and v2). */
export const TABLE_SCHEMA_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'date',
  'time',
  'datetime',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any',
  'list',
] as const;
export type TableSchemaType = (typeof TABLE_SCHEMA_TYPES)[number];

export interface OpenDataField {
  name: 'breakdown' | 'code' | 'period' | 'period_type' | 'net_sales' | 'sales_count';
  type: TableSchemaType;
  title: string;
  /** Vietnamese title (a custom property; table schema allows them). */
  'title:vi': string;
  description: string;
  /** Unit of a measure (custom property): `VND` or `count`. */
  unit?: 'VND' | 'count';
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
  example?: string;
}

export const BREAKDOWNS = ['commune', 'sector', 'province'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const PERIOD_TYPES = ['month', 'year'] as const;

export const OPEN_DATA_FIELDS: readonly OpenDataField[] = [
  {
    name: 'breakdown',
    type: 'string',
    title: 'Breakdown',
    'title:vi': 'Bảng',
    description:
      'Which table the row belongs to: commune (one row per commune of the province), sector (one row per VSIC division with sales) or province (the totals).',
    constraints: { required: true, enum: [...BREAKDOWNS] },
  },
  {
    name: 'code',
    type: 'string',
    title: 'Area or sector code',
    'title:vi': 'Mã xã hoặc mã ngành',
    description:
      'commune: 5-digit commune code (Decision 19/2025/QĐ-TTg list); sector: 2-digit VSIC division; province: the province code.',
    constraints: { required: true, pattern: '\\d{2,5}' },
    example: '32248',
  },
  {
    name: 'period',
    type: 'string',
    title: 'Period',
    'title:vi': 'Kỳ',
    description:
      'A month (YYYY-MM) or a whole year (YYYY), by the local date in Asia/Ho_Chi_Minh (UTC+7).',
    constraints: { required: true, pattern: '\\d{4}(-(0[1-9]|1[0-2]))?' },
    example: '2026-05',
  },
  {
    name: 'period_type',
    type: 'string',
    title: 'Period type',
    'title:vi': 'Loại kỳ',
    description: 'month or year; the 12 months of a row add up to its year.',
    constraints: { required: true, enum: [...PERIOD_TYPES] },
  },
  {
    name: 'net_sales',
    type: 'integer',
    title: 'Net sales (VND)',
    'title:vi': 'Doanh số thuần (đồng)',
    description:
      'Sales minus cancellations and refunds recorded on Chợ Số, VAT included, delivery fees excluded, whole VND. c = suppressed (disclosure control).',
    unit: 'VND',
  },
  {
    name: 'sales_count',
    type: 'integer',
    title: 'Sales counted',
    'title:vi': 'Số lượt bán',
    description:
      'Sale entries minus cancellation entries (a refund does not remove a sale). c = suppressed (disclosure control).',
    unit: 'count',
  },
];

export type OpenDataRecord = {
  breakdown: Breakdown;
  code: string;
  period: string;
  period_type: (typeof PERIOD_TYPES)[number];
  net_sales: Published;
  sales_count: Published;
};

/** `M2026-05` → `2026-05` (month); `Y2026` → `2026` (year): the API's columns as periods. */
export function periodOfColumn(column: string): { period: string; type: 'month' | 'year' } {
  const month = /^M(\d{4}-\d{2})$/.exec(column);
  if (month) return { period: month[1] as string, type: 'month' };
  const year = /^Y(\d{4})$/.exec(column);
  if (year) return { period: year[1] as string, type: 'year' };
  throw new Error(`Not an open-data column: ${column}`);
}

/** The long table: one record per breakdown × code × column, keys in field order. */
export function openDataRecords(tables: OpenTables): OpenDataRecord[] {
  const periods = tables.columns.map(periodOfColumn);
  const rowsOf = (breakdown: Breakdown, rows: OpenRow[]) =>
    rows.flatMap((row) =>
      periods.map(
        ({ period, type }, i): OpenDataRecord => ({
          breakdown,
          code: row.code,
          period,
          period_type: type,
          net_sales: row.netSales[i] ?? 0,
          sales_count: row.salesCount[i] ?? 0,
        }),
      ),
    );
  return [
    ...rowsOf('commune', tables.byCommune),
    ...rowsOf('sector', tables.bySector),
    ...rowsOf('province', [tables.province]),
  ];
}

/** Where the methodology is explained (the public page, both languages). */
export const METHODOLOGY_PATH = '/du-lieu-mo/phuong-phap/';
export const OPEN_DATA_PAGE_PATH = '/du-lieu-mo/';
export const FIRST_OPEN_DATA_YEAR = 2025;

/** Every year from `first` to `current`, at least `first`. */
export const publishedYears = (first: number, current: number): number[] =>
  Array.from({ length: Math.max(1, current - first + 1) }, (_, i) => first + i);

export interface DescriptorOptions {
  /** The site's origin (`https://cho-so.example.vn`): resource paths are absolute URLs. */
  origin: string;
  /** The years published (one CSV and one JSON resource each). */
  years: number[];
  thresholds: DisclosureThresholds;
  /** ISO time the descriptor was made (`created`). */
  created: string;
}

/** The `datapackage.json` of the open data. */
export function openDataDescriptor(o: DescriptorOptions) {
  const schema = () => ({
    fields: OPEN_DATA_FIELDS.map((f) => ({
      ...f,
      constraints: f.constraints && { ...f.constraints },
    })),
    missingValues: ['', SUPPRESSED],
    primaryKey: ['breakdown', 'code', 'period'],
  });
  const suppression = `Disclosure control: a cell with sales from fewer than ${o.thresholds.minSellers} sellers, or failing the p%-rule with p = ${o.thresholds.p} (total minus the two largest sellers' contributions below ${o.thresholds.p} % of the largest), is published as "${SUPPRESSED}", and enough other cells are "${SUPPRESSED}" that none can be derived from the totals.`;
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'cho-so-ca-mau-open-sales',
    id: `${o.origin}/api/open-data/datapackage.json`,
    title: 'Chợ Số Cà Mau: sales on the platform by commune and sector (open data)',
    description: `Net sales (VND) and sales counted on the Chợ Số platform of ${province.name}, by commune and by VSIC division, per month and per year. Platform contribution only (sales recorded on Chợ Số), not official statistics: the statistics office computes the official indicators from all channels. Periods by local date in Asia/Ho_Chi_Minh (UTC+7). ${suppression} Figures of past periods can change when late cancellations or refunds are recorded.`,
    homepage: `${o.origin}${OPEN_DATA_PAGE_PATH}`,
    version: '1.0.0',
    created: o.created,
    keywords: ['e-commerce', 'digital economy', 'Cà Mau', 'Vietnam', 'thương mại điện tử'],
    licenses: [
      {
        name: 'CC-BY-4.0',
        title: 'Creative Commons Attribution 4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
      },
    ],
    sources: [
      {
        title:
          'Chợ Số sales ledger: online orders (VietQR transfer, cash on delivery) and counter sales; methodology in Vietnamese and English',
        path: `${o.origin}${METHODOLOGY_PATH}`,
      },
      { title: 'Commune codes: Decision 19/2025/QĐ-TTg list of administrative units' },
    ],
    contributors: [{ title: 'Chợ Số Cà Mau', roles: ['publisher'] }],
    resources: o.years.flatMap((year) => [
      {
        name: `sales-${year}`,
        title: `Sales ${year} by commune and sector, monthly and yearly (CSV)`,
        description: `${year}: one row per breakdown, code and period. ${SUPPRESSED} = suppressed. UTF-8 with a byte-order mark (BOM), CRLF line ends.`,
        path: `${o.origin}/api/open-data/sales?year=${year}&format=csv`,
        type: 'table',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        // RFC 4180 with CRLF; the file starts with a UTF-8 byte-order mark for spreadsheet programs.
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', header: true },
        licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
        schema: schema(),
      },
      {
        name: `sales-${year}-json`,
        title: `Sales ${year} (JSON, as the API answers)`,
        description: `${year}: {columns, byCommune, bySector, province}; each row's netSales and salesCount hold 12 months then the year, "${SUPPRESSED}" where suppressed.`,
        path: `${o.origin}/api/open-data/sales?year=${year}`,
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
      },
    ]),
  };
}
export type OpenDataDescriptor = ReturnType<typeof openDataDescriptor>;
