import { AppError } from '../../errors';
import type { NewProduct } from '../product';
import { type Cell, columnLetters, type Grid, isBlank, textCell } from './cells';
import { COLUMNS, type ColumnId, column, EXAMPLE_NAME, headerOf } from './columns';
import { CsvSyntaxError, decodeText, parseCsv } from './csv';
import { rowWarningMessage } from './messages';
import { duplicateError, type HeaderMapping, mapHeader, type RowError, validateRow } from './rows';
import { foldKey } from './values';

/**
 * The pure part of a bulk import: file bytes → grid → header → validated rows → report. The shell
 * (functions/catalog/import-products.ts) adds ids and time, decides what to write and writes it.
 */
export type ImportFormat = 'csv' | 'xlsx';
export type ImportMode = 'allOrNothing' | 'validRows';

export const IMPORT_LIMITS = {
  /** Product rows per file (the header and a template example row do not count). */
  maxRows: 2000,
  /** Decoded file size. The request carries it as base64 (4/3 larger) inside JSON. */
  maxFileBytes: 3 * 1024 * 1024,
  /** XLSX parts we read, once inflated (zip bombs). */
  maxUncompressedBytes: 48 * 1024 * 1024,
  /** Row errors listed in a report; counts stay exact beyond it. */
  maxReportedErrors: 1000,
  /** Rows searched for the header row (a title above it is allowed). */
  headerSearchRows: 10,
} as const;

export interface ParsedFile {
  grid: Grid;
  /** Index in grid.rows of the header row. */
  headerIndex: number;
  mapping: HeaderMapping;
}

const invalidFile = (message: string, details?: Record<string, unknown>) =>
  new AppError('import.invalidFile', message, details);

/**
 * Reads CSV or XLSX bytes into a grid. Throws import.invalidFile / import.tooManyRows. The XLSX
 * reader (and its unzip library) is loaded only for an XLSX file, so it costs the import
 * function nothing at cold start (bench/cold-start.bench.ts).
 */
export async function readGrid(
  format: ImportFormat,
  bytes: Uint8Array,
  maxRows: number = IMPORT_LIMITS.maxRows,
): Promise<Grid> {
  if (bytes.length === 0) throw invalidFile('The file is empty', { reason: 'empty' });
  if (bytes.length > IMPORT_LIMITS.maxFileBytes) {
    throw invalidFile('The file is too large', {
      reason: 'tooLarge',
      maxBytes: IMPORT_LIMITS.maxFileBytes,
    });
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (format === 'csv') {
    if (isZip)
      throw invalidFile('This is an XLSX file; send it with format "xlsx"', {
        reason: 'formatMismatch',
      });
    const { text } = decodeText(bytes);
    try {
      const table = parseCsv(text);
      return {
        rows: table.rows.map((r) => r.map(textCell)),
        rowNumbers: table.rows.map((_, i) => i + 1),
      };
    } catch (err) {
      if (err instanceof CsvSyntaxError) {
        throw invalidFile(`CSV syntax error in row ${err.row}: ${err.message}`, {
          reason: 'csvSyntax',
          row: err.row,
          line: err.line,
        });
      }
      throw err;
    }
  }
  if (!isZip) throw invalidFile('Not an XLSX file (an .xls or CSV file?)', { reason: 'notXlsx' });
  const { readXlsx, XlsxError } = await import('./xlsx-read');
  try {
    // Header, a possible title above it and the example row come on top of the product rows.
    const sheet = readXlsx(bytes, {
      maxUncompressedBytes: IMPORT_LIMITS.maxUncompressedBytes,
      maxRows: maxRows + IMPORT_LIMITS.headerSearchRows + 1,
    });
    return { rows: sheet.rows, rowNumbers: sheet.rowNumbers };
  } catch (err) {
    if (err instanceof XlsxError) throw invalidFile(err.message, { reason: 'xlsx' });
    throw invalidFile('The XLSX file cannot be read', { reason: 'xlsx' });
  }
}

/** Finds the header row (the first of the top rows naming at least two known columns). */
export function findHeader(grid: Grid): ParsedFile {
  const limit = Math.min(grid.rows.length, IMPORT_LIMITS.headerSearchRows);
  for (let i = 0; i < limit; i++) {
    const row = grid.rows[i] ?? [];
    if (row.every((c) => isBlank(c))) continue;
    const mapping = mapHeader(row);
    if (mapping.index.size >= 2) {
      if (mapping.missing.length) {
        throw invalidFile('Required columns are missing', {
          reason: 'missingColumns',
          missingColumns: mapping.missing.map((id) => headerOf(column(id))),
        });
      }
      if (mapping.repeated.length) {
        throw invalidFile('A column appears twice', {
          reason: 'repeatedColumns',
          repeatedColumns: mapping.repeated,
        });
      }
      return { grid, headerIndex: i, mapping };
    }
  }
  throw invalidFile('No header row with the template column names was found', {
    reason: 'noHeader',
    expected: [
      'ten_san_pham (name)',
      'danh_muc (category)',
      'don_vi (unit)',
      'gia (price)',
      'ma_xa (commune code)',
    ],
  });
}

export interface ImportCounts {
  /** Product rows read (blank rows and the example row not counted). */
  received: number;
  valid: number;
  /** Filled in by the shell after writing: rows written, new products and updates together. */
  imported: number;
  /** Of `imported`, rows that updated a product the seller already had (filled in by the shell). */
  updated: number;
  failed: number;
  /** Template example rows left out. */
  skipped: number;
}

/** A product the seller already has, matched by a row (see validateImport). */
export interface ExistingProduct {
  id: string;
  version: number;
}

/** Something the seller should know about a row that was still imported. */
export interface RowWarning {
  row: number;
  column: string;
  cell?: string;
  code: 'certificate_expired';
  message: { vi: string; en: string };
}

export interface ValidRow {
  row: number;
  product: NewProduct;
  /** Columns the row filled (an update changes only these; empty cells keep what is stored). */
  filled: ColumnId[];
  /** Set when the row updates this product instead of creating one. */
  existing?: ExistingProduct;
}

export interface ValidatedImport {
  /** Rows that passed, in file order, with their row numbers. */
  valid: ValidRow[];
  errors: RowError[];
  warnings: RowWarning[];
  /** Rows with at least one error. */
  failedRows: number[];
  skippedRows: number[];
  ignoredColumns: string[];
  counts: ImportCounts;
}

export interface ValidateOptions {
  sellerId: string;
  /**
   * The seller's products that are not archived, by duplicate key (name + unit, see
   * duplicateKeyOf): a row with such a key updates that product.
   */
  existing?: ReadonlyMap<string, ExistingProduct>;
  /** The province's date (YYYY-MM-DD): an OCOP certificate expired before it is left out, with a warning. */
  today?: string;
  /** Image keys that were never uploaded: rows naming one fail as `image_not_uploaded`. */
  missingImages?: ReadonlySet<string>;
  maxRows?: number;
}

/**
 * A second header row right under the first (the template's English names: `name`, `price`…):
 * every filled cell names a column, at least two do.
 */
function isHeaderRow(cells: readonly Cell[]): boolean {
  const mapping = mapHeader(cells);
  return mapping.index.size >= 2 && mapping.ignored.length === 0;
}

/**
 * Validates every row. Duplicates (same name and unit) within the file fail from their second
 * occurrence on. A row whose name and unit match a product the seller already has (not archived)
 * UPDATES that product (so a corrected file can be sent again); the match rule is name + unit
 * because products carry no seller SKU. An OCOP certificate whose expiry date has passed is left
 * out of the product, with a warning naming the row. Throws import.tooManyRows when the file has
 * more than maxRows product rows.
 */
export function validateImport(file: ParsedFile, options: ValidateOptions): ValidatedImport {
  const maxRows = options.maxRows ?? IMPORT_LIMITS.maxRows;
  const { grid, headerIndex, mapping } = file;
  const nameIndex = mapping.index.get('name');
  const examples = new Set([foldKey(EXAMPLE_NAME)]);
  const data: Array<{ row: number; cells: Cell[] }> = [];
  const skippedRows: number[] = [];
  for (let i = headerIndex + 1; i < grid.rows.length; i++) {
    const cells = grid.rows[i] ?? [];
    if (cells.every((c) => isBlank(c))) continue;
    if (i === headerIndex + 1 && isHeaderRow(cells)) continue;
    const row = grid.rowNumbers[i] ?? i + 1;
    const name = nameIndex === undefined ? undefined : cells[nameIndex];
    if (name && examples.has(foldKey(name.text))) {
      skippedRows.push(row);
      continue;
    }
    data.push({ row, cells });
  }
  if (data.length > maxRows) {
    throw new AppError('import.tooManyRows', `At most ${maxRows} product rows per file`, {
      maxRows,
      received: data.length,
    });
  }
  if (data.length === 0) {
    throw invalidFile('The file has no product rows', { reason: 'noRows', skippedRows });
  }

  const errors: RowError[] = [];
  const warnings: RowWarning[] = [];
  const failedRows: number[] = [];
  const valid: ValidatedImport['valid'] = [];
  const firstRowOf = new Map<string, number>();
  for (const input of data) {
    const result = validateRow(input, mapping, options.sellerId, options.missingImages);
    const rowErrors = result.ok ? [] : [...result.errors];
    const key = result.duplicateKey;
    if (key !== undefined) {
      const first = firstRowOf.get(key);
      if (first !== undefined) rowErrors.unshift(duplicateError(input, mapping, first));
      else firstRowOf.set(key, input.row);
    }
    if (rowErrors.length === 0 && result.ok) {
      const filled = COLUMNS.filter((c) => {
        const index = mapping.index.get(c.id);
        return index !== undefined && !isBlank(input.cells[index]);
      }).map((c) => c.id);
      const existing = options.existing?.get(result.duplicateKey);
      valid.push({
        row: input.row,
        product: withoutExpired(result.product, input.row, mapping, options.today, warnings),
        filled,
        ...(existing ? { existing } : {}),
      });
    } else {
      failedRows.push(input.row);
      errors.push(...rowErrors);
    }
  }
  return {
    valid,
    errors,
    warnings,
    failedRows,
    skippedRows,
    ignoredColumns: mapping.ignored,
    counts: {
      received: data.length,
      valid: valid.length,
      imported: 0,
      updated: 0,
      failed: failedRows.length,
      skipped: skippedRows.length,
    },
  };
}

/** The product without an OCOP certificate expired before `today`, which gets a warning. */
function withoutExpired(
  product: NewProduct,
  row: number,
  mapping: HeaderMapping,
  today: string | undefined,
  warnings: RowWarning[],
): NewProduct {
  if (today === undefined) return product;
  const expired = product.certifications.find(
    (c) => c.expiresOn !== undefined && c.expiresOn < today,
  );
  if (!expired?.expiresOn) return product;
  const index = mapping.index.get('ocopExpiresOn');
  warnings.push({
    row,
    column: headerOf(column('ocopExpiresOn')),
    ...(index !== undefined ? { cell: `${columnLetters(index)}${row}` } : {}),
    code: 'certificate_expired',
    message: rowWarningMessage('certificate_expired', expired.expiresOn),
  });
  return { ...product, certifications: product.certifications.filter((c) => c !== expired) };
}

/** The report sent back (200, 201 or inside a 422's details). */
export interface ImportReport {
  importId: string;
  mode: ImportMode;
  format: ImportFormat;
  fileName: string;
  counts: ImportCounts;
  /** Imported products, row → id, in file order; `updated` when the row changed an existing one. */
  products: Array<{ row: number; id: string; updated?: true }>;
  errors: RowError[];
  /** Rows imported with a remark (an expired OCOP certificate left out). */
  warnings: RowWarning[];
  /** More errors than maxReportedErrors: the list is cut, counts are exact. */
  errorsTruncated: boolean;
  skippedRows: number[];
  ignoredColumns: string[];
}

export function buildReport(
  base: Pick<ImportReport, 'importId' | 'mode' | 'format' | 'fileName'>,
  validated: ValidatedImport,
  products: ImportReport['products'],
): ImportReport {
  const max = IMPORT_LIMITS.maxReportedErrors;
  return {
    ...base,
    counts: {
      ...validated.counts,
      imported: products.length,
      updated: products.filter((p) => p.updated).length,
    },
    products,
    errors: validated.errors.slice(0, max),
    warnings: validated.warnings.slice(0, max),
    errorsTruncated: validated.errors.length > max,
    skippedRows: validated.skippedRows,
    ignoredColumns: validated.ignoredColumns,
  };
}

/**
 * Splits products into write batches of at most `size` (one DynamoDB transaction each), keeping
 * file order.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError('chunk size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
