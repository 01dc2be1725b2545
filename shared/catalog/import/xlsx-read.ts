import { unzipSync } from 'fflate';
import { type Cell, columnLetters, type Grid } from './cells';

export { columnLetters };

import { decodeXmlText, elements, findClose, nextTag, stringItemText } from './xml';

/**
 * A minimal XLSX (Office Open XML SpreadsheetML) reader: the first worksheet's cell values, with
 * shared strings, inline strings, numbers, booleans, error values and dates (number cells whose
 * format is a date format, in the 1900 or 1904 date system). Formulas are never evaluated: a
 * formula cell gives the result Excel cached in the file, or is marked when there is none.
 * Pure: bytes in, grid out.
 */
export class XlsxError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'XlsxError';
  }
}

export interface XlsxReadOptions {
  /** Refuse an archive whose parts we read would inflate beyond this (zip bombs). */
  maxUncompressedBytes?: number;
  /** Stop reading after this many rows (the caller reports "too many rows"). */
  maxRows?: number;
}

export interface XlsxSheet extends Grid {
  sheetName: string;
  /** Rows beyond maxRows were present. */
  truncated: boolean;
}

const DEFAULT_MAX_UNCOMPRESSED = 64 * 1024 * 1024;

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, plus the East Asian ids). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format code is a date when it has d, m, y, h or s outside quotes and brackets. */
export function isDateFormatCode(code: string): boolean {
  const stripped = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
  // Only the first section (positive numbers) decides.
  const first = stripped.split(';')[0] ?? '';
  return /[dmyhs]/i.test(first) && !/^[#0.,%\sE+-]*$/i.test(first);
}

/**
 * Excel serial date to ISO text: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with a time part. In the
 * 1900 system Excel counts a 29 February 1900 that never was (Lotus compatibility), so serials from
 * 61 on are one day ahead of a plain count from 1899-12-31.
 */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  let epochDays: number;
  if (date1904) epochDays = Date.UTC(1904, 0, 1) / 86_400_000 + days;
  else epochDays = Date.UTC(1899, 11, 31) / 86_400_000 + days - (days >= 61 ? 1 : 0);
  const date = new Date((epochDays * 86_400 + seconds) * 1000);
  const iso = date.toISOString();
  return seconds === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** `B12` → column 1 (0-based) and row 12; undefined when the reference is malformed. */
export function parseCellRef(ref: string): { col: number; row: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/** Normalises a zip part path relative to a base folder (`../x` and `/xl/x` forms). */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Number text as people read it: integers without exponent, others shortest round-trip. */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/**
 * Reads the first worksheet of an XLSX file.
 * @throws XlsxError when the bytes are not a readable XLSX workbook.
 */
export function readXlsx(bytes: Uint8Array, options: XlsxReadOptions = {}): XlsxSheet {
  const maxBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED;
  let files: Record<string, Uint8Array>;
  try {
    let total = 0;
    files = unzipSync(bytes, {
      filter: (file) => {
        const wanted =
          file.name === 'xl/workbook.xml' ||
          file.name === 'xl/_rels/workbook.xml.rels' ||
          file.name === 'xl/sharedStrings.xml' ||
          file.name === 'xl/styles.xml' ||
          file.name.startsWith('xl/worksheets/');
        if (!wanted) return false;
        // Declared sizes bound what fflate allocates, so checking them stops a zip bomb.
        total += file.originalSize;
        if (total > maxBytes) throw new XlsxError('The workbook is too large once unpacked');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof XlsxError) throw err;
    throw new XlsxError('Not a ZIP archive (is it really .xlsx?)', { cause: err });
  }
  const text = (name: string): string | undefined => {
    const data = files[name];
    if (!data) return undefined;
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
    } catch (err) {
      throw new XlsxError(`${name} is not UTF-8`, { cause: err });
    }
  };

  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new XlsxError('No xl/workbook.xml: not an XLSX workbook');
  const sheets = elements(workbook, 'sheet');
  const first =
    sheets.find((s) => s.attrs.state !== 'hidden' && s.attrs.state !== 'veryHidden') ?? sheets[0];
  if (!first) throw new XlsxError('The workbook has no sheet');
  const date1904 = elements(workbook, 'workbookPr').some(
    (w) => w.attrs.date1904 === '1' || w.attrs.date1904 === 'true',
  );

  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const relId = first.attrs.id ?? '';
  const rel = elements(rels, 'Relationship').find((r) => r.attrs.Id === relId);
  const sheetPath = rel?.attrs.Target
    ? resolvePart('xl', rel.attrs.Target)
    : 'xl/worksheets/sheet1.xml';
  const sheetXml = text(sheetPath);
  if (sheetXml === undefined) throw new XlsxError(`Worksheet ${sheetPath} is missing`);

  const shared = readSharedStrings(text('xl/sharedStrings.xml'));
  const dateStyles = readDateStyles(text('xl/styles.xml'));
  const grid = readSheet(sheetXml, shared, dateStyles, date1904, options.maxRows);
  return { sheetName: first.attrs.name ?? 'Sheet1', ...grid };
}

function readSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return elements(xml, 'si').map((si) => stringItemText(si.inner));
}

/** Indexes of cellXfs whose number format is a date format. */
function readDateStyles(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const custom = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) {
    custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
  }
  const cellXfs = elements(xml, 'cellXfs')[0];
  if (!cellXfs) return out;
  elements(cellXfs.inner, 'xf').forEach((xf, index) => {
    const id = Number(xf.attrs.numFmtId ?? '0');
    const code = custom.get(id);
    if (code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(index);
  });
  return out;
}

function readSheet(
  xml: string,
  shared: string[],
  dateStyles: Set<number>,
  date1904: boolean,
  maxRows: number | undefined,
): Grid & { truncated: boolean } {
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  let truncated = false;
  const dataStart = xml.search(/<(?:\w+:)?sheetData[\s>/]/);
  if (dataStart < 0) return { rows, rowNumbers, truncated };
  let i = dataStart;
  let lastRow = 0;
  for (let tag = nextTag(xml, i); tag; tag = nextTag(xml, i)) {
    if (tag.name === 'sheetData' && tag.kind === 'close') break;
    if (tag.name !== 'row' || tag.kind === 'close') {
      i = tag.end;
      continue;
    }
    const rowNumber = tag.attrs.r ? Number(tag.attrs.r) : lastRow + 1;
    lastRow = rowNumber;
    let inner = '';
    if (tag.kind === 'open') {
      const close = findClose(xml, 'row', tag.end);
      inner = xml.slice(tag.end, close.start);
      i = close.end;
    } else i = tag.end;
    const cells = readRow(inner, shared, dateStyles, date1904);
    if (cells.length === 0) continue;
    if (maxRows !== undefined && rows.length >= maxRows) {
      truncated = true;
      break;
    }
    rows.push(cells);
    rowNumbers.push(rowNumber);
  }
  return { rows, rowNumbers, truncated };
}

const MAX_COLUMNS = 256;

function readRow(
  inner: string,
  shared: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): Cell[] {
  const cells: Cell[] = [];
  let nextCol = 0;
  for (const c of elements(inner, 'c')) {
    const ref = c.attrs.r ? parseCellRef(c.attrs.r) : undefined;
    const col = ref ? ref.col : nextCol;
    nextCol = col + 1;
    if (col >= MAX_COLUMNS) continue;
    const cell = readCell(c.attrs, c.inner, shared, dateStyles, date1904);
    if (!cell) continue;
    while (cells.length < col) cells.push({ kind: 'text', text: '' });
    cells[col] = cell;
  }
  return cells;
}

function childText(inner: string, name: string): string | undefined {
  const el = elements(inner, name)[0];
  return el ? decodeXmlText(el.inner) : undefined;
}

function readCell(
  attrs: Record<string, string>,
  inner: string,
  shared: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): Cell | undefined {
  const type = attrs.t ?? 'n';
  const hasFormula = /<(?:\w+:)?f[\s>/]/.test(inner);
  if (type === 'inlineStr') {
    const is = elements(inner, 'is')[0];
    return { kind: 'text', text: is ? stringItemText(is.inner) : '' };
  }
  const v = childText(inner, 'v');
  if (v === undefined || (v === '' && type !== 'str')) {
    return hasFormula ? { kind: 'formula', text: '' } : undefined;
  }
  switch (type) {
    case 's': {
      const s = shared[Number(v)];
      if (s === undefined) throw new XlsxError(`Shared string ${v} is missing`);
      return { kind: 'text', text: s };
    }
    case 'str':
      return { kind: 'text', text: v };
    case 'b':
      return { kind: 'boolean', value: v === '1', text: v === '1' ? 'TRUE' : 'FALSE' };
    case 'e':
      return { kind: 'error', text: v };
    case 'd':
      // ISO 8601 date cell (strict OOXML): keep the date part when there is no time.
      return { kind: 'date', text: v.replace(/T00:00:00(?:\.000)?Z?$/, '') };
    default: {
      const value = Number(v);
      if (!Number.isFinite(value)) return { kind: 'text', text: v };
      const style = Number(attrs.s ?? '0');
      if (dateStyles.has(style)) return { kind: 'date', text: excelSerialToIso(value, date1904) };
      return { kind: 'number', value, text: numberText(value) };
    }
  }
}
