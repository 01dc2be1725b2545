import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeWorkbook, type XlsxWorkbook } from '../../../shared/stats/xlsx';

/**
 * shared/stats/xlsx.ts part by part: every XML part of a small two-sheet workbook compared whole
 * (styles deduplicated in order of first use, built-in format ids, alignment variants, shared
 * strings with xml:space, column/row/cell references), and the ZIP's fixed timestamp.
 */
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const makeBook = (): XlsxWorkbook => ({
  creator: 'A&B',
  created: new Date('2026-06-01T02:03:04.567Z'),
  sheets: [
    {
      // 40 characters: cut to 31.
      name: 'Một hai ba bốn năm sáu bảy tám chín mười',
      columns: [
        { width: 10 },
        { width: 20, style: { numFmt: '0.00%' } },
        { width: 5, style: { vertical: 'middle' } },
      ],
      rows: [
        { cells: [{ value: 'a' }, { value: ' lead' }, { value: 'x\ny' }, { value: 'a' }] },
        {
          style: { wrapText: true },
          cells: [
            { value: 1.5, style: { numFmt: '#,##0' } },
            { value: null },
            { value: -2, style: { bold: true, numFmt: '0.0' } },
            { value: 3, style: { numFmt: '0.0' } },
          ],
        },
      ],
    },
    { name: 'B&C', columns: [], rows: [], freezeHeader: true },
  ],
});

const parts = () => {
  const files = unzipSync(writeWorkbook(makeBook()));
  return Object.fromEntries(
    Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)]),
  ) as Record<string, string>;
};

describe('writeWorkbook parts, whole', () => {
  it('the package: content types, relationships and core properties (dates without milliseconds)', () => {
    const p = parts();
    expect(Object.keys(p)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
    ]);
    const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
    expect(p['[Content_Types].xml']).toBe(
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${ct}.worksheet+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    );
    expect(p['_rels/.rels']).toBe(
      `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${PKG}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    );
    expect(p['docProps/core.xml']).toBe(
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        '<dc:creator>A&amp;B</dc:creator>' +
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-06-01T02:03:04Z</dcterms:created>' +
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-06-01T02:03:04Z</dcterms:modified></cp:coreProperties>',
    );
    expect(p['xl/workbook.xml']).toBe(
      `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>` +
        '<sheet name="Một hai ba bốn năm sáu bảy tám " sheetId="1" r:id="rId1"/>' +
        '<sheet name="B&amp;C" sheetId="2" r:id="rId2"/></sheets></workbook>',
    );
    expect(p['xl/_rels/workbook.xml.rels']).toBe(
      `${HEAD}<Relationships xmlns="${PKG}">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    );
  });

  it('the sheets: columns with widths and styles, rows and cells by reference, the frozen pane', () => {
    const p = parts();
    expect(p['xl/worksheets/sheet1.xml']).toBe(
      `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
        '<cols><col min="1" max="1" width="10" customWidth="1"/><col min="2" max="2" width="20" style="1" customWidth="1"/><col min="3" max="3" width="5" style="2" customWidth="1"/></cols>' +
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>0</v></c></row>' +
        '<row r="2" s="3" customFormat="1"><c r="A2" s="4"><v>1.5</v></c><c r="C2" s="5"><v>-2</v></c><c r="D2" s="6"><v>3</v></c></row></sheetData></worksheet>',
    );
    expect(p['xl/worksheets/sheet2.xml']).toBe(
      `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData></sheetData></worksheet>`,
    );
  });

  it('shared strings: each text once, uses counted, space kept only where it matters', () => {
    expect(parts()['xl/sharedStrings.xml']).toBe(
      `${HEAD}<sst xmlns="${MAIN}" count="4" uniqueCount="3"><si><t>a</t></si><si><t xml:space="preserve"> lead</t></si><si><t xml:space="preserve">x\ny</t></si></sst>`,
    );
  });

  it('styles: built-in formats by id (not listed), custom ones from 164 once, alignment only when asked', () => {
    const xf = (attrs: string, inner?: string) =>
      inner ? `<xf ${attrs}>${inner}</xf>` : `<xf ${attrs}/>`;
    expect(parts()['xl/styles.xml']).toBe(
      `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>` +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="7">' +
        xf('numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"') +
        xf('numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"') +
        xf(
          'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"',
          '<alignment vertical="center"/>',
        ) +
        xf(
          'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"',
          '<alignment wrapText="1"/>',
        ) +
        xf('numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"') +
        xf(
          'numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"',
        ) +
        xf('numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"') +
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    );
  });

  it('only built-in formats: no numFmts element; vertical top with wrapping in one alignment', () => {
    const files = unzipSync(
      writeWorkbook({
        creator: 'x',
        created: new Date(0),
        sheets: [
          {
            name: 'S',
            columns: [{ width: 1, style: { vertical: 'top', wrapText: true, bold: false } }],
            rows: [{ cells: [{ value: 0.5, style: { numFmt: '0%' } }] }],
          },
        ],
      }),
    );
    const styles = new TextDecoder().decode(files['xl/styles.xml']);
    expect(styles).toContain(`<styleSheet xmlns="${MAIN}"><fonts count="2">`);
    expect(styles).toContain(
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
        '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
    );
    expect(new TextDecoder().decode(files['docProps/core.xml'])).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created>',
    );
  });

  it('every entry carries the fixed time 2025-01-01 00:00 (same input, same bytes on any day)', () => {
    const bytes = writeWorkbook(makeBook());
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The first local file header: signature, then DOS time at 10 and DOS date at 12.
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const d = new Date(Date.UTC(2025, 0, 1)); // fflate writes it in local time
    const dosTime = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
    const dosDate = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
    expect(view.getUint16(10, true)).toBe(dosTime);
    expect(view.getUint16(12, true)).toBe(dosDate);
    // Compressed (deflate), not stored.
    expect(view.getUint16(8, true)).toBe(8);
  });
});
