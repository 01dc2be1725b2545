/**
 * The officer exports as an XLSX workbook: one sheet per table, then the methodology sheet
 * ("Phương pháp"): each figure's or column's formula, the numbers put into it, its inputs with
 * their sources, what is missing. Written by the small writer of ./xlsx (fflate), not exceljs:
 * exceljs is about 1 MB bundled and parsing it cost the statsExport function's cold start ~33 ms
 * even when only loaded on use (docs/architecture.md, Cold starts); tests read the bytes back with
 * exceljs.
 */
import {
  type Column,
  type ExportQuery,
  kindOf,
  type Lang,
  PLATFORM_NOTE,
  type Row,
  type RowUnit,
  type TableData,
} from './export';
import { writeWorkbook, type XlsxRow, type XlsxSheet, type XlsxStyle } from './xlsx';

/**
 * Excel number formats by kind; percentages are stored as fractions (7.5 % → 0.075). Text cells
 * are `@` (text), so a code such as `0111` stays text when an officer edits the cell.
 */
export const NUMBER_FORMATS: Record<RowUnit, string> = {
  text: '@',
  vnd: '#,##0',
  count: '#,##0',
  percent: '0.00%',
  ratio: '0.0000',
  year: '0',
};

const METHOD_COLUMNS = [
  { key: 'table', vi: 'Bảng', en: 'Table', width: 18 },
  { key: 'item', vi: 'Mục', en: 'Item', width: 22 },
  { key: 'label', vi: 'Tên', en: 'Name', width: 40 },
  { key: 'formula', vi: 'Công thức', en: 'Formula', width: 70 },
  { key: 'terms', vi: 'Số hạng', en: 'Terms', width: 40 },
  { key: 'inputs', vi: 'Đầu vào và nguồn', en: 'Inputs and sources', width: 70 },
  { key: 'missing', vi: 'Thiếu', en: 'Missing', width: 40 },
] as const;

export const METHODOLOGY_SHEET = { vi: 'Phương pháp', en: 'Methodology' };

/** The header row: bold, vertically centred, wrapped; the sheet keeps it in view. */
const HEADER: XlsxStyle = { bold: true, vertical: 'middle', wrapText: true };
/** Methodology columns: long texts, top-aligned and wrapped. */
const METHOD_TEXT: XlsxStyle = { vertical: 'top', wrapText: true };

const shown = (v: Row[string]) => String(v ?? '');

function tableSheet(table: TableData, lang: Lang): XlsxSheet {
  const header: XlsxRow = {
    style: HEADER,
    cells: table.columns.map((c) => ({ value: c[lang], style: HEADER })),
  };
  const rows = table.rows.map(
    (r): XlsxRow => ({
      cells: table.columns.map((c: Column) => {
        const kind = kindOf(c, r);
        const v = r[c.key] ?? null;
        return {
          value: kind === 'percent' && typeof v === 'number' ? v / 100 : v,
          style: { numFmt: NUMBER_FORMATS[kind] },
        };
      }),
    }),
  );
  const columns = table.columns.map((c) => {
    const longest = Math.max(
      c[lang].length,
      ...table.rows.map((r) => shown(r[c.key] ?? null).length + 2),
    );
    return { width: Math.min(60, Math.max(10, longest + 2)) };
  });
  return { name: table.title[lang], columns, rows: [header, ...rows], freezeHeader: true };
}

function methodologySheet(
  tables: TableData[],
  meta: { query: ExportQuery; generatedAt: Date; lang: Lang },
): XlsxSheet {
  const { lang, query } = meta;
  const line = (values: string[]): XlsxRow => ({
    cells: METHOD_COLUMNS.map((_, i) => ({ value: values[i] ?? null, style: METHOD_TEXT })),
  });
  const rows: XlsxRow[] = [
    {
      style: HEADER,
      cells: METHOD_COLUMNS.map((c) => ({ value: c[lang], style: { ...HEADER, vertical: 'top' } })),
    },
    line(['', 'note', PLATFORM_NOTE[lang]]),
    line([
      '',
      'filters',
      `period ${query.period}, area ${query.area}, sector ${query.sector}; generated ${meta.generatedAt.toISOString()}`,
    ]),
  ];
  for (const t of tables)
    for (const n of t.methodology)
      rows.push(line([t.title[lang], n.item, n.label, n.formula, n.terms, n.inputs, n.missing]));
  return {
    name: METHODOLOGY_SHEET[lang],
    columns: METHOD_COLUMNS.map((c) => ({ width: c.width, style: METHOD_TEXT })),
    rows,
    freezeHeader: true,
  };
}

/** The workbook's bytes. */
export async function toXlsx(
  tables: TableData[],
  meta: { query: ExportQuery; generatedAt: Date; lang: Lang },
): Promise<Buffer> {
  const sheets = [...tables.map((t) => tableSheet(t, meta.lang)), methodologySheet(tables, meta)];
  const bytes = writeWorkbook({ sheets, creator: 'Chợ Số', created: meta.generatedAt });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
