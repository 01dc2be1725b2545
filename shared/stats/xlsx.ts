import { strToU8, zipSync } from 'fflate';
import { columnLetters } from '../catalog/import/cells';
import { escapeXml } from '../catalog/import/xml';

/**
 * A small XLSX (SpreadsheetML) writer for the statistics exports: text and number cells, a style
 * per cell, row and column (number format, bold, vertical alignment and wrapping), column widths,
 * a frozen first row, the workbook's creator and dates. It writes the parts exceljs wrote for the
 * same workbook (shared strings, built-in number format ids where Excel has one), so Excel,
 * LibreOffice and exceljs read the same values and formats; exceljs itself (about 1 MB bundled)
 * is no longer loaded by the export function. Deterministic: same input, same bytes. Pure.
 */
export type XlsxValue = string | number | null;

export interface XlsxStyle {
  /** Excel number format code, e.g. `#,##0`, `0.00%`, `@` (text). */
  numFmt?: string;
  bold?: boolean;
  vertical?: 'top' | 'middle';
  wrapText?: boolean;
}

export interface XlsxCell {
  /** `null`: an empty cell that still carries its style (its number format). */
  value: XlsxValue;
  style?: XlsxStyle;
}

export interface XlsxRow {
  cells: readonly XlsxCell[];
  /** The row's own style (what a new cell typed in the row gets). */
  style?: XlsxStyle;
}

export interface XlsxColumn {
  /** Width in characters. */
  width: number;
  style?: XlsxStyle;
}

export interface XlsxSheet {
  /** At most 31 characters, none of `[]:*?/\` (others are replaced). */
  name: string;
  columns: readonly XlsxColumn[];
  rows: readonly XlsxRow[];
  /** Keeps the first row in view while scrolling. */
  freezeHeader?: boolean;
}

export interface XlsxWorkbook {
  sheets: readonly XlsxSheet[];
  creator: string;
  /** Creation (and modification) time in the document properties. */
  created: Date;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** ECMA-376 Part 1, 18.8.30: the number formats every reader knows by id. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};
const FIRST_CUSTOM_FORMAT = 164;

/** The styles part: one `xf` per distinct style, fonts and number formats as needed. */
class Styles {
  private readonly xfs: string[] = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  ];
  private readonly byKey = new Map<string, number>();
  private readonly customFormats = new Map<string, number>();

  /** The `s` index of a style (0 = default). */
  id(style: XlsxStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify([style.numFmt, style.bold, style.vertical, style.wrapText]);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let numFmtId = 0;
    if (style.numFmt !== undefined) {
      numFmtId =
        BUILT_IN_FORMATS[style.numFmt] ??
        this.customFormats.get(style.numFmt) ??
        FIRST_CUSTOM_FORMAT + this.customFormats.size;
      if (!(style.numFmt in BUILT_IN_FORMATS)) this.customFormats.set(style.numFmt, numFmtId);
    }
    const fontId = style.bold ? 1 : 0;
    const aligned = style.vertical !== undefined || style.wrapText;
    const attrs = [
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"`,
      numFmtId ? ' applyNumberFormat="1"' : '',
      fontId ? ' applyFont="1"' : '',
      aligned ? ' applyAlignment="1"' : '',
    ].join('');
    const alignment = aligned
      ? `<alignment${style.vertical ? ` vertical="${style.vertical === 'middle' ? 'center' : 'top'}"` : ''}${style.wrapText ? ' wrapText="1"' : ''}/>`
      : '';
    this.xfs.push(alignment ? `<xf ${attrs}>${alignment}</xf>` : `<xf ${attrs}/>`);
    this.byKey.set(key, this.xfs.length - 1);
    return this.xfs.length - 1;
  }

  xml(): string {
    const formats = [...this.customFormats]
      .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
      .join('');
    return `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">${
      formats ? `<numFmts count="${this.customFormats.size}">${formats}</numFmts>` : ''
    }<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  }
}

/** The shared-strings part: each distinct text once. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private uses = 0;

  id(text: string): number {
    this.uses++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = [...this.index.keys()]
      .map((text) => {
        const space = text !== text.trim() || text.includes('\n') ? ' xml:space="preserve"' : '';
        return `<si><t${space}>${escapeXml(text)}</t></si>`;
      })
      .join('');
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.index.size}">${items}</sst>`;
  }
}

function cellXml(ref: string, cell: XlsxCell, styles: Styles, strings: SharedStrings): string {
  const s = styles.id(cell.style);
  const style = s ? ` s="${s}"` : '';
  const { value } = cell;
  if (typeof value === 'number' && Number.isFinite(value))
    return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (typeof value === 'string')
    return `<c r="${ref}"${style} t="s"><v>${strings.id(value)}</v></c>`;
  return s ? `<c r="${ref}"${style}/>` : '';
}

function sheetXml(sheet: XlsxSheet, styles: Styles, strings: SharedStrings): string {
  const cols = sheet.columns
    .map((col, i) => {
      const s = styles.id(col.style);
      return `<col min="${i + 1}" max="${i + 1}" width="${col.width}"${s ? ` style="${s}"` : ''} customWidth="1"/>`;
    })
    .join('');
  const rows = sheet.rows
    .map((row, r) => {
      const s = styles.id(row.style);
      const cells = row.cells
        .map((cell, c) => cellXml(`${columnLetters(c)}${r + 1}`, cell, styles, strings))
        .join('');
      return `<row r="${r + 1}"${s ? ` s="${s}" customFormat="1"` : ''}>${cells}</row>`;
    })
    .join('');
  const pane = sheet.freezeHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    : '';
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${
    cols ? `<cols>${cols}</cols>` : ''
  }<sheetData>${rows}</sheetData></worksheet>`;
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';

/** W3CDTF without milliseconds, as Excel writes it. */
const w3cdtf = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The workbook's bytes (a ZIP with fixed timestamps). */
export function writeWorkbook(book: XlsxWorkbook): Uint8Array {
  const styles = new Styles();
  const strings = new SharedStrings();
  const names = book.sheets.map((s) => sheetName(s.name));
  const sheets = book.sheets.map((sheet) => sheetXml(sheet, styles, strings));
  const created = w3cdtf(book.created);
  const files: Record<string, string> = {
    '[Content_Types].xml': `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join(
        '',
      )}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    'docProps/core.xml': `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${escapeXml(book.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
    'xl/workbook.xml': `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${names
      .map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${names
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${names.length + 1}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${names.length + 2}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  };
  sheets.forEach((xml, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = xml;
  });
  // After the sheets: their cells fill the shared strings and the styles.
  files['xl/sharedStrings.xml'] = strings.xml();
  files['xl/styles.xml'] = styles.xml();
  const zipped = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]));
  return zipSync(zipped, { level: 6, mtime: new Date(Date.UTC(2025, 0, 1)) });
}
