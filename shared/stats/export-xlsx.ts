/**
 * The officer exports as an XLSX workbook: one sheet per table, then the methodology sheet
 * ("Phương pháp"): each figure's or column's formula, the numbers put into it, its inputs with
 * their sources, what is missing. exceljs is loaded here only, by dynamic import, and only the
 * statsExport function bundles this module (test/infra/bundling.test.ts).
 */
import type { Worksheet } from 'exceljs';
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

function header(ws: Worksheet, titles: string[]) {
  const row = ws.addRow(titles);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const shown = (v: Row[string]) => String(v ?? '');

function addTable(ws: Worksheet, table: TableData, lang: Lang) {
  header(
    ws,
    table.columns.map((c) => c[lang]),
  );
  for (const r of table.rows) {
    const row = ws.addRow(
      table.columns.map((c) => {
        const v = r[c.key] ?? null;
        return kindOf(c, r) === 'percent' && typeof v === 'number' ? v / 100 : v;
      }),
    );
    table.columns.forEach((c: Column, i) => {
      row.getCell(i + 1).numFmt = NUMBER_FORMATS[kindOf(c, r)];
    });
  }
  table.columns.forEach((c, i) => {
    const longest = Math.max(
      c[lang].length,
      ...table.rows.map((r) => shown(r[c.key] ?? null).length + 2),
    );
    ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
}

/** The workbook's bytes. */
export async function toXlsx(
  tables: TableData[],
  meta: { query: ExportQuery; generatedAt: Date; lang: Lang },
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { lang, query } = meta;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chợ Số';
  wb.created = meta.generatedAt;
  for (const t of tables) addTable(wb.addWorksheet(t.title[lang]), t, lang);

  const ws = wb.addWorksheet(METHODOLOGY_SHEET[lang]);
  header(
    ws,
    METHOD_COLUMNS.map((c) => c[lang]),
  );
  ws.addRow(['', 'note', PLATFORM_NOTE[lang]]);
  ws.addRow([
    '',
    'filters',
    `period ${query.period}, area ${query.area}, sector ${query.sector}; generated ${meta.generatedAt.toISOString()}`,
  ]);
  for (const t of tables)
    for (const n of t.methodology)
      ws.addRow([t.title[lang], n.item, n.label, n.formula, n.terms, n.inputs, n.missing]);
  METHOD_COLUMNS.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    column.alignment = { vertical: 'top', wrapText: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
