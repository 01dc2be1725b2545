import { strToU8, zipSync } from 'fflate';
import { columnLetters } from './cells';
import { escapeXml } from './xml';

/**
 * A minimal XLSX writer for templates and exports: sheets of text and number cells (inline strings,
 * so no shared-string table), a bold header row that stays frozen, column widths, text-formatted
 * columns (so Excel keeps `032248` and never turns a code into a number or date), and list
 * validations (drop-downs) that point at a range of another sheet. Deterministic: the same input
 * gives the same bytes (fixed ZIP timestamps). Pure.
 */
export type XlsxValue = string | number;

export interface XlsxListValidation {
  /** 0-based column this drop-down applies to, rows 2…`lastRow`. */
  column: number;
  lastRow: number;
  /** A range formula, e.g. `'Danh mục'!$A$2:$A$12`. */
  source: string;
}

export interface XlsxSheetSpec {
  name: string;
  rows: readonly (readonly XlsxValue[])[];
  /** Character widths per column. */
  widths?: readonly number[];
  /** Columns (0-based) formatted as text, so typed values stay text. */
  textColumns?: readonly number[];
  /** Bold, frozen first row. */
  header?: boolean;
  validations?: readonly XlsxListValidation[];
}

// Styles (cellXfs): 0 default, 1 header (bold, green fill, text), 2 text (number format @).
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE2EFDA"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const MTIME = new Date(Date.UTC(2025, 0, 1));

function sheetXml(sheet: XlsxSheetSpec): string {
  const text = new Set(sheet.textColumns ?? []);
  const cols = (sheet.widths ?? [])
    .map((w, i) => {
      const style = text.has(i) ? ' style="2"' : '';
      return `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"${style}/>`;
    })
    .join('');
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const ref = `${columnLetters(c)}${r + 1}`;
          const style = sheet.header && r === 0 ? ' s="1"' : text.has(c) ? ' s="2"' : '';
          if (typeof value === 'number') return `<c r="${ref}"${style}><v>${value}</v></c>`;
          if (value === '') return '';
          const space =
            value !== value.trim() || value.includes('\n') ? ' xml:space="preserve"' : '';
          return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(value)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const pane = sheet.header
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const validations = sheet.validations?.length
    ? `<dataValidations count="${sheet.validations.length}">${sheet.validations
        .map((v) => {
          const col = columnLetters(v.column);
          return `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${col}2:${col}${v.lastRow}"><formula1>${escapeXml(v.source)}</formula1></dataValidation>`;
        })
        .join('')}</dataValidations>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${pane}<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData>${validations}</worksheet>`;
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`. */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
}

/** Builds an XLSX workbook. */
export function writeXlsx(sheets: readonly XlsxSheetSpec[]): Uint8Array {
  const names = sheets.map((s) => safeSheetName(s.name));
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${names
        .map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(STYLES),
  };
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet));
  });
  return zipSync(files, { level: 6, mtime: MTIME });
}
