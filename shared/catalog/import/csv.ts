/**
 * A small RFC 4180 CSV reader and writer, with what Vietnamese spreadsheets actually produce:
 * a UTF-8 byte-order mark (Excel "CSV UTF-8"), semicolon separators (Excel with a vi-VN locale,
 * whose decimal separator is the comma), an optional Excel `sep=;` first line, CRLF, LF or CR line
 * ends, and quoted fields holding separators, quotes (`""`) and line breaks. Pure: text in, rows out.
 */
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvTable {
  delimiter: CsvDelimiter;
  /** Records in file order; a record's index + 1 is its spreadsheet row number. */
  rows: string[][];
}

/** A CSV the reader refuses, with the 1-based record and physical line where it went wrong. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const BOM = '\uFEFF';
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * Bytes to text. UTF-8 (a BOM is dropped) when the bytes are valid UTF-8; otherwise Windows-1258,
 * the code page Excel on Vietnamese Windows uses for plain "CSV (Comma delimited)". Windows-1258
 * writes tone marks as combining characters, so the result is NFC-normalised (`ô` + U+0301 → `ố`).
 */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'windows-1258';
} {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return {
      text: (text.startsWith(BOM) ? text.slice(1) : text).normalize('NFC'),
      encoding: 'utf-8',
    };
  } catch {
    const text = new TextDecoder('windows-1258').decode(bytes);
    return { text: text.normalize('NFC'), encoding: 'windows-1258' };
  }
}

/**
 * Picks the separator from the first record: the one of `,` `;` TAB that occurs most often outside
 * quotes (ties go to the comma). A header line `sep=;` (Excel's own hint) decides by itself.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c as CsvDelimiter))
      counts.set(c as CsvDelimiter, (counts.get(c as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

const SEP_LINE = /^sep=([,;\t])[ \t]*(?:\r\n|\n|\r|$)/i;

/**
 * Parses CSV text into records of fields. Quoted fields may hold the separator, `""` for a quote and
 * line breaks (kept as written). A quote inside an unquoted field is kept as a character (Excel
 * writes such fields); text after a closing quote is refused, and so is a quote left open at the
 * end of the file. A final line break does not make an empty record.
 *
 * @example parseCsv('ten;gia\r\n"Tôm; khô";"1.250.000"') // rows [['ten','gia'],['Tôm; khô','1.250.000']]
 */
export function parseCsv(input: string, options: { delimiter?: CsvDelimiter } = {}): CsvTable {
  let text = input.startsWith(BOM) ? input.slice(1) : input;
  let delimiter = options.delimiter;
  let line = 1;
  const sep = SEP_LINE.exec(text);
  if (sep) {
    delimiter ??= sep[1] as CsvDelimiter;
    text = text.slice(sep[0].length);
    line = 2;
  }
  delimiter ??= detectDelimiter(text);

  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  // A record is open once any of its characters was read (so "" at EOF is not a record).
  let open = false;
  const endRecord = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    open = false;
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '"' && field === '') {
      // Quoted field: read to the closing quote.
      const startLine = line;
      i++;
      let value = '';
      for (;;) {
        if (i >= n) {
          throw new CsvSyntaxError('A quoted field is not closed', rows.length + 1, startLine);
        }
        const q = text.indexOf('"', i);
        if (q < 0) {
          throw new CsvSyntaxError('A quoted field is not closed', rows.length + 1, startLine);
        }
        const chunk = text.slice(i, q);
        line += countLineBreaks(chunk);
        value += chunk;
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      field = value;
      open = true;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(
          'Characters after a closing quote (write "" for a quote inside a quoted field)',
          rows.length + 1,
          line,
        );
      }
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      open = true;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      endRecord();
      continue;
    }
    // Unquoted run up to the next separator or line break.
    let j = i;
    while (j < n) {
      const d = text[j];
      if (d === delimiter || d === '\n' || d === '\r') break;
      j++;
    }
    field += text.slice(i, j);
    open = true;
    i = j;
  }
  if (open || row.length > 0) endRecord();
  return { delimiter, rows };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\n') count++;
    else if (c === '\r' && s[k + 1] !== '\n') count++;
  }
  return count;
}

/** Quotes a field when it holds the separator, a quote, a line break or edge spaces (RFC 4180). */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  const needs =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Rows to CSV text with CRLF line ends and a UTF-8 BOM (without it Excel reads UTF-8 as the ANSI
 * code page and Vietnamese turns to mojibake). Callers neutralise formula-like cells first
 * (see spreadsheet-text.ts).
 */
export function writeCsv(
  rows: readonly (readonly string[])[],
  delimiter: CsvDelimiter = ',',
): string {
  return `${BOM}${rows.map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}
