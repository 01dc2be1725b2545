import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeWorkbook, type XlsxWorkbook } from '../../../shared/stats/xlsx';

/** The statistics exports' XLSX writer, read back by exceljs (the oracle) and as raw parts. */
const book: XlsxWorkbook = {
  creator: 'Chợ Số & <co>',
  created: new Date('2026-06-01T02:03:04.567Z'),
  sheets: [
    {
      name: 'Tỷ lệ [a/b]: c*d?',
      columns: [{ width: 12 }, { width: 30, style: { vertical: 'top', wrapText: true } }],
      freezeHeader: true,
      rows: [
        { style: { bold: true }, cells: [{ value: 'Ratio', style: { bold: true } }] },
        {
          cells: [
            { value: 0.12345, style: { numFmt: '0.0000' } },
            { value: '  two\nlines <&> "q"  ' },
            { value: Number.NaN, style: { numFmt: '0.0000' } },
            { value: null },
            { value: 7, style: { numFmt: '#,##0.0 "₫"' } },
          ],
        },
      ],
    },
    { name: '', columns: [], rows: [{ cells: [{ value: 'x' }, { value: 'x' }] }] },
  ],
};

const read = async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(writeWorkbook(book)) as unknown as ArrayBuffer);
  return wb;
};

describe('writeWorkbook', () => {
  it('custom number formats get ids from 164, each once; values and texts as written', async () => {
    const wb = await read();
    expect(wb.creator).toBe('Chợ Số & <co>');
    expect(wb.created?.toISOString()).toBe('2026-06-01T02:03:04.000Z');
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Tỷ lệ  a b   c d ');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe(0.12345);
    expect(row.getCell(1).numFmt).toBe('0.0000');
    expect(row.getCell(2).value).toBe('  two\nlines <&> "q"  ');
    expect(row.getCell(3).value).toBeNull(); // not a finite number: left empty, format kept
    expect(row.getCell(3).numFmt).toBe('0.0000');
    expect(row.getCell(5).numFmt).toBe('#,##0.0 "₫"');
    expect(ws.getColumn(2).alignment).toEqual({ vertical: 'top', wrapText: true });
    expect(ws.getColumn(2).width).toBe(30);
    expect(wb.worksheets[1]?.name).toBe('Sheet');
    expect(wb.worksheets[1]?.views[0]?.state).not.toBe('frozen');

    const parts = unzipSync(writeWorkbook(book));
    const styles = new TextDecoder().decode(parts['xl/styles.xml']);
    expect(styles).toContain(
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0000"/><numFmt numFmtId="165" formatCode="#,##0.0 &quot;₫&quot;"/></numFmts>',
    );
    const strings = new TextDecoder().decode(parts['xl/sharedStrings.xml']);
    expect(strings).toContain('count="4" uniqueCount="3"');
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="C2" s="3"/><c r="E2"'); // NaN: styled, empty; D2 (no style) omitted
  });

  it('is deterministic: same input, same bytes', () => {
    expect(writeWorkbook(book)).toEqual(writeWorkbook(book));
  });
});
