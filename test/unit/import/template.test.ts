import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, headerOf } from '../../../shared/catalog/import/columns';
import { parseCsv } from '../../../shared/catalog/import/csv';
import { findHeader, readGrid, validateImport } from '../../../shared/catalog/import/import-file';
import { neutralizeFormula } from '../../../shared/catalog/import/spreadsheet-text';
import { csvTemplate, EXAMPLE_NAME, xlsxTemplate } from '../../../shared/catalog/import/template';
import { CATEGORY_IDS, UNIT_IDS } from '../../../shared/catalog/product';
import { communes } from '../../../shared/geo/communes';

const withRow = (template: string, row: string) => `${template}${row}\r\n`;

describe('CSV template', () => {
  const csv = csvTemplate();

  it('starts with a UTF-8 BOM so Excel reads Vietnamese', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).subarray(0, 3)).toEqual(
      Uint8Array.from([0xef, 0xbb, 0xbf]),
    );
  });

  it('has plain Vietnamese headers, the English names in a second row, and one example row', () => {
    const rows = parseCsv(csv).rows;
    expect(rows[0]).toEqual(COLUMNS.map((c) => c.label.vi));
    expect(rows[0]?.slice(0, 3)).toEqual(['Tên sản phẩm', 'Tên tiếng Anh', 'Mô tả']);
    expect(rows[1]).toEqual(COLUMNS.map((c) => c.en));
    expect(rows).toHaveLength(3);
    expect(rows[2]?.[0]).toBe(EXAMPLE_NAME);
    expect(rows[2]?.[COLUMNS.findIndex((c) => c.id === 'price')]).toBe('1.250.000');
  });

  it('still reads files with the old "vietnamese_key (english)" or bare English headers', async () => {
    for (const header of [COLUMNS.map(headerOf), COLUMNS.map((c) => c.en)]) {
      const line = 'Cua gạch Năm Căn,,,,Cua,con,"350.000",,20,,32191,,,,,,';
      const bytes = new TextEncoder().encode(`${header.join(',')}\r\n${line}\r\n`);
      const out = validateImport(findHeader(await readGrid('csv', bytes)), { sellerId: 'sl-x' });
      expect(out.counts).toMatchObject({ received: 1, valid: 1 });
    }
  });

  it('imports as is: the example row is skipped, a real row added below it is valid', async () => {
    const bytes = new TextEncoder().encode(
      withRow(csv, 'Cua gạch Năm Căn,,,,Cua,con,"350.000",,20,,32191,,,,,,'),
    );
    const out = validateImport(findHeader(await readGrid('csv', bytes)), { sellerId: 'sl-x' });
    expect(out.counts).toMatchObject({ received: 1, valid: 1, skipped: 1 });
  });

  it('would also pass validation for its example row, were it not skipped', async () => {
    const renamed = csv.replace(EXAMPLE_NAME, 'Tôm khô Đất Mũi loại 1');
    const out = validateImport(
      findHeader(await readGrid('csv', new TextEncoder().encode(renamed))),
      {
        sellerId: 'sl-x',
      },
    );
    expect(out.errors).toEqual([]);
    expect(out.counts.valid).toBe(1);
  });
});

describe('XLSX template (read by exceljs)', () => {
  it('has the products, lists and guide sheets, the example, drop-downs and text columns', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsxTemplate()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sản phẩm', 'Danh mục', 'Hướng dẫn']);
    const products = wb.getWorksheet('Sản phẩm') as ExcelJS.Worksheet;
    expect((products.getRow(1).values as unknown[]).slice(1)).toEqual(
      COLUMNS.map((c) => c.label.vi),
    );
    expect((products.getRow(2).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.en));
    expect(products.getCell('A3').value).toBe(EXAMPLE_NAME);
    const priceCol = COLUMNS.findIndex((c) => c.id === 'price') + 1;
    expect(products.getRow(3).getCell(priceCol).value).toBe(1250000);
    const guide = wb.getWorksheet('Hướng dẫn') as ExcelJS.Worksheet;
    const legend = guide.getSheetValues().flat().map(String).join('\n');
    expect(legend).toMatch(/CẬP NHẬT sản phẩm đó/);
    expect(legend).toMatch(/same Name .* and the same Unit/);
    const categoryCol = COLUMNS.findIndex((c) => c.id === 'category') + 1;
    expect(products.getRow(500).getCell(categoryCol).dataValidation).toMatchObject({
      type: 'list',
    });

    const lists = wb.getWorksheet('Danh mục') as ExcelJS.Worksheet;
    const column = (letter: string, n: number) =>
      Array.from({ length: n }, (_, i) => lists.getCell(`${letter}${i + 2}`).value);
    expect(column('B', CATEGORY_IDS.length)).toEqual([...CATEGORY_IDS]);
    expect(column('F', UNIT_IDS.length)).toEqual([...UNIT_IDS]);
    expect(column('I', communes.length)).toEqual(communes.map((c) => c.code));
  });

  it('imports as is with the example row skipped', async () => {
    const grid = await readGrid('xlsx', xlsxTemplate());
    expect(() => validateImport(findHeader(grid), { sellerId: 'sl-x' })).toThrowError(
      expect.objectContaining({
        code: 'import.invalidFile',
        details: expect.objectContaining({ reason: 'noRows' }),
      }),
    );
  });
});

describe('formula injection when writing spreadsheets', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (v) => {
    expect(neutralizeFormula(v)).toBe(`'${v}`);
  });

  it('leaves other text alone', () => {
    expect(neutralizeFormula('Tôm khô')).toBe('Tôm khô');
    expect(neutralizeFormula("'quoted")).toBe("'quoted");
  });
});
