import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../shared/catalog/import/cells';
import {
  columnLetters,
  excelSerialToIso,
  isDateFormatCode,
  parseCellRef,
  readXlsx,
  XlsxError,
} from '../../../shared/catalog/import/xlsx-read';
import { writeXlsx } from '../../../shared/catalog/import/xlsx-write';

/** exceljs is the oracle: it writes the files real tools write; our reader must read them. */
async function excelFile(build: (wb: ExcelJS.Workbook) => void, sharedStrings = true) {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings: sharedStrings }));
}

const texts = (rows: Cell[][]) => rows.map((r) => r.map((c) => c.text));

describe('readXlsx against exceljs-made workbooks', () => {
  it('reads shared strings, numbers, booleans and blanks in place', async () => {
    const bytes = await excelFile((wb) => {
      const ws = wb.addWorksheet('Sản phẩm');
      ws.addRow(['ten_san_pham (name)', 'gia (price)', 'con_hang']);
      ws.addRow(['Mật ong U Minh', 180000, true]);
      ws.getCell('A4').value = 'Cua gạch';
      ws.getCell('C4').value = 1.5;
    });
    const sheet = readXlsx(bytes);
    expect(sheet.sheetName).toBe('Sản phẩm');
    expect(sheet.rowNumbers).toEqual([1, 2, 4]);
    expect(texts(sheet.rows)).toEqual([
      ['ten_san_pham (name)', 'gia (price)', 'con_hang'],
      ['Mật ong U Minh', '180000', 'TRUE'],
      ['Cua gạch', '', '1.5'],
    ]);
    expect(sheet.rows[1]?.[1]).toEqual({ kind: 'number', value: 180000, text: '180000' });
    expect(sheet.rows[1]?.[2]).toMatchObject({ kind: 'boolean', value: true });
  });

  it('reads inline strings when the writer does not share them', async () => {
    const bytes = await excelFile((wb) => {
      wb.addWorksheet('S').addRow(['Tôm khô', 'x & <y>']);
    }, false);
    expect(texts(readXlsx(bytes).rows)).toEqual([['Tôm khô', 'x & <y>']]);
  });

  it('reads rich text as its plain text', async () => {
    const bytes = await excelFile((wb) => {
      wb.addWorksheet('S').getCell('A1').value = {
        richText: [{ text: 'Tôm ', font: { bold: true } }, { text: 'khô' }],
      };
    });
    expect(texts(readXlsx(bytes).rows)).toEqual([['Tôm khô']]);
  });

  it('turns date cells into ISO dates, built-in and custom formats alike', async () => {
    const bytes = await excelFile((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = new Date(Date.UTC(2027, 11, 31));
      ws.getCell('A1').numFmt = 'dd/mm/yyyy';
      ws.getCell('B1').value = new Date(Date.UTC(2026, 0, 2));
      ws.getCell('B1').numFmt = 'm/d/yy';
      ws.getCell('C1').value = new Date(Date.UTC(2026, 0, 2, 13, 30));
      ws.getCell('C1').numFmt = 'yyyy-mm-dd hh:mm';
      ws.getCell('D1').value = 45000;
      ws.getCell('D1').numFmt = '#,##0';
    });
    const row = readXlsx(bytes).rows[0] ?? [];
    expect(row.map((c) => [c.kind, c.text])).toEqual([
      ['date', '2027-12-31'],
      ['date', '2026-01-02'],
      ['date', '2026-01-02T13:30:00'],
      ['number', '45000'],
    ]);
  });

  it('gives a formula cell its cached result and never evaluates it', async () => {
    const bytes = await excelFile((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = { formula: '1+1', result: 2 };
      ws.getCell('B1').value = { formula: 'A1&"x"', result: '=HYPERLINK("http://evil")' };
      ws.getCell('C1').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
      ws.getCell('D1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    });
    const row = readXlsx(bytes).rows[0] ?? [];
    expect(row[0]).toMatchObject({ kind: 'number', value: 2 });
    expect(row[1]).toEqual({ kind: 'text', text: '=HYPERLINK("http://evil")' });
    expect(row[2]).toEqual({ kind: 'formula', text: '' });
    expect(row[3]).toEqual({ kind: 'error', text: '#N/A' });
  });

  it('reads the first visible sheet', async () => {
    const bytes = await excelFile((wb) => {
      wb.addWorksheet('Hidden', { state: 'hidden' }).addRow(['no']);
      wb.addWorksheet('Visible').addRow(['yes']);
    });
    const sheet = readXlsx(bytes);
    expect(sheet.sheetName).toBe('Visible');
    expect(texts(sheet.rows)).toEqual([['yes']]);
  });

  it('stops after maxRows and says so', async () => {
    const bytes = await excelFile((wb) => {
      const ws = wb.addWorksheet('S');
      for (let i = 0; i < 50; i++) ws.addRow([`r${i}`]);
    });
    const sheet = readXlsx(bytes, { maxRows: 10 });
    expect(sheet.rows).toHaveLength(10);
    expect(sheet.truncated).toBe(true);
  });
});

/** A hand-made workbook, for what exceljs never writes (prefixes, 1904 dates, no r attributes). */
function handMade(sheetXml: string, workbookPr = '', styles?: string) {
  return zipSync({
    'xl/workbook.xml': strToU8(
      `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${workbookPr}<x:sheets><x:sheet name="Một" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
    ),
    'xl/worksheets/data.xml': strToU8(sheetXml),
    ...(styles ? { 'xl/styles.xml': strToU8(styles) } : {}),
  });
}

describe('readXlsx on hand-made SpreadsheetML', () => {
  it('accepts namespace prefixes, absolute targets and cells without references', () => {
    const bytes = handMade(
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a&amp;b</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    );
    expect(texts(readXlsx(bytes).rows)).toEqual([['a&b', '7']]);
  });

  it('uses the 1904 date system when the workbook says so', () => {
    const styles =
      '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const bytes = handMade(
      '<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData></worksheet>',
      '<x:workbookPr date1904="1"/>',
      styles,
    );
    expect(readXlsx(bytes).rows[0]?.[0]).toEqual({ kind: 'date', text: '1904-01-01' });
  });

  it('refuses what is not a workbook', () => {
    expect(() => readXlsx(new TextEncoder().encode('ten,gia\n'))).toThrowError(XlsxError);
    expect(() => readXlsx(zipSync({ 'a.txt': strToU8('x') }))).toThrowError(/workbook/);
  });

  it('refuses a zip bomb by its declared size before inflating it', () => {
    const huge = new Uint8Array(4 * 1024 * 1024).fill(0x20);
    const bytes = zipSync({ 'xl/workbook.xml': huge }, { level: 9 });
    expect(bytes.length).toBeLessThan(64 * 1024);
    expect(() => readXlsx(bytes, { maxUncompressedBytes: 1024 * 1024 })).toThrowError(/too large/);
  });
});

describe('cell helpers', () => {
  it('converts Excel serials, with the 1900 leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(46387)).toBe('2026-12-31');
    expect(excelSerialToIso(46387.5)).toBe('2026-12-31T12:00:00');
  });

  it('tells date formats from number formats', () => {
    expect(isDateFormatCode('dd/mm/yyyy')).toBe(true);
    expect(isDateFormatCode('[$-42A]d mmmm yyyy')).toBe(true);
    expect(isDateFormatCode('#,##0 "đ"')).toBe(false);
    expect(isDateFormatCode('#,##0;[Red]-#,##0')).toBe(false);
    expect(isDateFormatCode('0.00%')).toBe(false);
  });

  it('maps cell references both ways', () => {
    expect(parseCellRef('A1')).toEqual({ col: 0, row: 1 });
    expect(parseCellRef('AB12')).toEqual({ col: 27, row: 12 });
    expect(parseCellRef('1A')).toBeUndefined();
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(27)).toBe('AB');
    expect(columnLetters(701)).toBe('ZZ');
    expect(columnLetters(702)).toBe('AAA');
  });
});

describe('writeXlsx, read back by exceljs and by our reader', () => {
  const bytes = writeXlsx([
    {
      name: 'Sản phẩm',
      header: true,
      rows: [
        ['ten', 'gia', 'ma_xa'],
        ['Tôm "khô" & cua', 1250000, '032248'],
      ],
      widths: [20, 10, 10],
      textColumns: [2],
      validations: [{ column: 0, lastRow: 100, source: "'Danh mục'!$A$2:$A$3" }],
    },
    { name: 'Danh mục', rows: [['danh_muc'], ['Gạo'], ['Cua']] },
  ]);

  it('is a workbook exceljs opens, with our values, types and drop-downs', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sản phẩm', 'Danh mục']);
    const ws = wb.getWorksheet('Sản phẩm') as ExcelJS.Worksheet;
    expect(ws.getCell('A2').value).toBe('Tôm "khô" & cua');
    expect(ws.getCell('B2').value).toBe(1250000);
    expect(ws.getCell('C2').value).toBe('032248');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A50').dataValidation).toMatchObject({
      type: 'list',
      formulae: ["'Danh mục'!$A$2:$A$3"],
    });
  });

  it('reads back with our reader', () => {
    expect(texts(readXlsx(bytes).rows)).toEqual([
      ['ten', 'gia', 'ma_xa'],
      ['Tôm "khô" & cua', '1250000', '032248'],
    ]);
  });

  it('is deterministic', () => {
    const again = writeXlsx([{ name: 'A', rows: [['x']] }]);
    expect(Buffer.from(again).equals(Buffer.from(writeXlsx([{ name: 'A', rows: [['x']] }])))).toBe(
      true,
    );
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML forbids', async () => {
    const { escapeXml } = await import('../../../shared/catalog/import/xml');
    expect(escapeXml('a<b>&"c"\u0001\u0008\tx\uFFFE')).toBe('a&lt;b&gt;&amp;&quot;c&quot;\tx');
  });
});
