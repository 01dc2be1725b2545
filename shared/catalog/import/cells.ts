/**
 * One spreadsheet cell as the importer sees it, whichever file it came from. CSV gives text only;
 * XLSX also says whether Excel stored a number (so `1.234` typed in a comma-decimal locale is not
 * mistaken for 1234), a date, or a formula whose result was never computed.
 */
export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'date'; text: string }
  | { kind: 'boolean'; value: boolean; text: string }
  /** `#N/A`, `#VALUE!`…: a formula that failed in Excel. */
  | { kind: 'error'; text: string }
  /** A formula cell without a cached result (written by a program, never opened in Excel). */
  | { kind: 'formula'; text: string };

export const textCell = (text: string): Cell => ({ kind: 'text', text });

export const isBlank = (cell: Cell | undefined): boolean =>
  cell === undefined || (cell.kind === 'text' && cell.text.trim() === '');

/** A grid read from a file: row 0 is the header; `rowNumbers[i]` is row i's spreadsheet row. */
export interface Grid {
  rows: Cell[][];
  rowNumbers: number[];
}

/** Column index (0-based) to letters: 0 → A, 27 → AB. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
