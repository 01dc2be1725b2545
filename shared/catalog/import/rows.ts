import type * as core from 'zod/v4/core';
import { communes } from '../../geo/communes';
import {
  CATEGORIES,
  CATEGORY_IDS,
  IMAGE_KEY,
  type NewProduct,
  NewProductSchema,
  type ProductCategory,
  type ProductUnit,
  UNIT_IDS,
  UNITS,
} from '../product';
import { type Cell, columnLetters } from './cells';
import { COLUMNS, type ColumnDef, type ColumnId, column, headerOf, matchHeader } from './columns';
import { type Bilingual, type RowErrorCode, rowMessage } from './messages';
import { foldKey, parseDate, parseWholeNumber, splitList } from './values';

/**
 * One data row to a validated new product, or to messages naming the row and column of each
 * problem. The product rules are NewProductSchema's (the same as the API and the form); this file
 * only turns cells into the schema's input and the schema's issues into cell messages.
 */
export interface RowError {
  /** Spreadsheet row number (the header is row 1 in the template). */
  row: number;
  /** The column's template header, e.g. `gia (price)`. */
  column: string;
  /** Where in the file: `G5` (the file's own column order). */
  cell?: string;
  code: RowErrorCode;
  message: Bilingual;
}

export interface HeaderMapping {
  /** Column id → 0-based index in the file. */
  index: Map<ColumnId, number>;
  /** Headers the importer does not know (ignored). */
  ignored: string[];
  /** Required columns absent from the header. */
  missing: ColumnId[];
  /** Headers that name a column already named by an earlier header. */
  repeated: string[];
}

export function mapHeader(header: readonly Cell[]): HeaderMapping {
  const index = new Map<ColumnId, number>();
  const ignored: string[] = [];
  const repeated: string[] = [];
  header.forEach((cell, i) => {
    const text = cell.text.trim();
    if (text === '') return;
    const id = matchHeader(text);
    if (!id) ignored.push(text);
    else if (index.has(id)) repeated.push(text);
    else index.set(id, i);
  });
  const missing = COLUMNS.filter((c) => c.required && !index.has(c.id)).map((c) => c.id);
  return { index, ignored, missing, repeated };
}

// ---- lookups for list values ------------------------------------------------------------------

/**
 * Folded names → values for the list columns, built on the first row read (not at import: folding
 * ~250 names costs the import function ~3 ms of its cold start, and the template route never reads
 * a row).
 */
let lookups:
  | {
      categoryByKey: Map<string, ProductCategory>;
      unitByKey: Map<string, ProductUnit>;
      communeByKey: Map<string, string | null>;
    }
  | undefined;
function listLookups(): NonNullable<typeof lookups> {
  if (lookups) return lookups;
  const categoryByKey = new Map<string, ProductCategory>();
  for (const id of CATEGORY_IDS) {
    for (const name of [id, CATEGORIES[id].vi, CATEGORIES[id].en])
      categoryByKey.set(foldKey(name), id);
    categoryByKey.set(foldKey(id.replace(/[A-Z]/g, (c) => ` ${c}`)), id);
  }

  const unitByKey = new Map<string, ProductUnit>();
  for (const id of UNIT_IDS) {
    for (const name of [id, UNITS[id].en]) unitByKey.set(foldKey(name), id);
  }
  unitByKey.set('l', 'lít');
  unitByKey.set('liter', 'lít');
  unitByKey.set('kilogram', 'kg');

  const communeByKey = new Map<string, string | null>();
  for (const c of communes) {
    for (const name of [c.name, c.shortName, c.nameEn]) {
      const key = foldKey(name);
      // Two communes folding to one name: the name is ambiguous, the code is required.
      const prev = communeByKey.get(key);
      communeByKey.set(key, prev === undefined || prev === c.code ? c.code : null);
    }
  }
  lookups = { categoryByKey, unitByKey, communeByKey };
  return lookups;
}

const STATUS_BY_KEY = new Map<string, 'draft' | 'active'>([
  ['nhap', 'draft'],
  ['ban nhap', 'draft'],
  ['draft', 'draft'],
  ['an', 'draft'],
  ['dang ban', 'active'],
  ['ban', 'active'],
  ['hien thi', 'active'],
  ['active', 'active'],
]);

const CERT_BY_KEY = new Map<string, 'vietgap' | 'asc' | 'organic'>([
  ['vietgap', 'vietgap'],
  ['viet gap', 'vietgap'],
  ['asc', 'asc'],
  ['organic', 'organic'],
  ['huu co', 'organic'],
]);

// ---- one row ------------------------------------------------------------------------------------

export interface RowInput {
  /** Spreadsheet row number. */
  row: number;
  cells: readonly Cell[];
}

export type RowResult =
  | { ok: true; row: number; product: NewProduct; duplicateKey: string }
  | { ok: false; row: number; errors: RowError[]; duplicateKey?: string };

interface CellProblem {
  column: ColumnId;
  code: RowErrorCode;
  value?: string;
}

/** Name + unit, compared case-insensitively with spaces collapsed (accents matter: khô ≠ kho). */
export function duplicateKeyOf(name: string, unit: string): string {
  return `${name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()}|${unit.normalize('NFC')}`;
}

/**
 * Validates one row. `sellerId` checks that image keys are the seller's own uploads.
 */
export function validateRow(
  input: RowInput,
  mapping: HeaderMapping,
  sellerId: string,
  /** Image keys found not uploaded (shared/storage assertImagesUploaded's rule). */
  missingImages?: ReadonlySet<string>,
): RowResult {
  const problems: CellProblem[] = [];
  const blank = new Set<ColumnId>();
  const get = (id: ColumnId): Cell | undefined => {
    const i = mapping.index.get(id);
    const cell = i === undefined ? undefined : input.cells[i];
    if (!cell || (cell.kind === 'text' && cell.text.trim() === '')) {
      blank.add(id);
      return undefined;
    }
    if (cell.kind === 'error') {
      problems.push({ column: id, code: 'formula_error', value: cell.text });
      return undefined;
    }
    if (cell.kind === 'formula') {
      problems.push({ column: id, code: 'formula_not_computed' });
      return undefined;
    }
    return cell;
  };
  const text = (id: ColumnId): string | undefined => get(id)?.text;
  const whole = (id: ColumnId): number | undefined => {
    const cell = get(id);
    if (!cell) return undefined;
    const parsed = parseWholeNumber(cell);
    if (parsed.ok) return parsed.value;
    problems.push({ column: id, code: parsed.code, value: cell.text });
    return undefined;
  };
  const lookup = <T>(id: ColumnId, map: ReadonlyMap<string, T | null>): T | undefined => {
    const value = text(id);
    if (value === undefined) return undefined;
    const found = map.get(foldKey(value));
    if (found === undefined || found === null) {
      problems.push({ column: id, code: 'invalid_value', value });
      return undefined;
    }
    return found;
  };

  const out: Record<string, unknown> = {};
  const nameVi = text('name');
  const nameEn = text('nameEn');
  if (nameVi !== undefined || nameEn !== undefined) {
    out.name = {
      ...(nameVi !== undefined ? { vi: nameVi } : {}),
      ...(nameEn !== undefined ? { en: nameEn } : {}),
    };
  }
  const descVi = text('description');
  const descEn = text('descriptionEn');
  if (descVi !== undefined || descEn !== undefined)
    out.description = { vi: descVi ?? '', ...(descEn !== undefined ? { en: descEn } : {}) };
  const { categoryByKey, unitByKey } = listLookups();
  const category = lookup('category', categoryByKey);
  if (category) out.category = category;
  const unit = lookup('unit', unitByKey);
  if (unit) out.unit = unit;
  const price = whole('price');
  if (price !== undefined) out.price = price;
  const tiers = parseTiers(get('priceTiers'), problems);
  if (tiers) out.priceTiers = tiers;
  const stock = whole('stock');
  if (stock !== undefined) out.stock = stock;
  const capacity = whole('capacityPerDate');
  if (capacity !== undefined) out.capacityPerDate = capacity;
  const commune = communeOf(get('communeCode'), problems);
  if (commune !== undefined) out.originCommuneCode = commune;

  // Certifications: the OCOP columns make one entry (first, so its index is known), then the others.
  const certifications: Record<string, unknown>[] = [];
  const stars = whole('ocopStars');
  const ocopNumber = text('ocopNumber');
  const ocopDateCell = get('ocopExpiresOn');
  let ocopExpiresOn: string | undefined;
  if (ocopDateCell) {
    const parsed = parseDate(ocopDateCell);
    if (parsed.ok) ocopExpiresOn = parsed.value;
    else problems.push({ column: 'ocopExpiresOn', code: parsed.code, value: ocopDateCell.text });
  }
  const hasOcop =
    !blank.has('ocopStars') || !blank.has('ocopNumber') || !blank.has('ocopExpiresOn');
  if (hasOcop) {
    certifications.push({
      kind: 'ocop',
      ...(stars !== undefined ? { stars } : {}),
      ...(ocopNumber !== undefined ? { number: ocopNumber } : {}),
      ...(ocopExpiresOn !== undefined ? { expiresOn: ocopExpiresOn } : {}),
    });
  }
  const others = text('otherCertifications');
  if (others !== undefined) {
    for (const item of splitList(others)) {
      const kind = CERT_BY_KEY.get(foldKey(item));
      if (kind) certifications.push({ kind });
      else problems.push({ column: 'otherCertifications', code: 'invalid_value', value: item });
    }
  }
  if (certifications.length) out.certifications = certifications;

  const images = text('images');
  if (images !== undefined) {
    const keys = images.split(/[\s;,|]+/).filter(Boolean);
    const foreign = keys.find((key) => {
      const owner = IMAGE_KEY.exec(key)?.[1];
      return owner !== undefined && owner !== sellerId;
    });
    const missing = keys.find((key) => missingImages?.has(key));
    if (foreign) problems.push({ column: 'images', code: 'not_own_image', value: foreign });
    else if (missing)
      problems.push({ column: 'images', code: 'image_not_uploaded', value: missing });
    else out.images = keys;
  }
  const status = lookup('status', STATUS_BY_KEY);
  if (status) out.status = status;

  const duplicateKey =
    nameVi !== undefined && unit !== undefined ? duplicateKeyOf(nameVi, unit) : undefined;
  const parsed = NewProductSchema.safeParse(out);
  const convertedColumns = new Set(problems.map((p) => p.column));
  const errors: RowError[] = problems.map((p) =>
    toRowError(input, mapping, p.column, {
      code: p.code,
      ...(p.value !== undefined ? { value: p.value } : {}),
    }),
  );
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const id = columnOfPath(issue.path, hasOcop);
      // A cell that could not be converted already has its message; the schema only saw it missing.
      if (convertedColumns.has(id)) continue;
      const error = toRowError(input, mapping, id, issueContext(issue, blank.has(id)));
      const key = `${error.column}|${error.code}|${error.message.en}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(error);
    }
  }
  if (errors.length || !parsed.success) {
    return { ok: false, row: input.row, errors, ...(duplicateKey ? { duplicateKey } : {}) };
  }
  return {
    ok: true,
    row: input.row,
    product: parsed.data,
    duplicateKey: duplicateKeyOf(parsed.data.name.vi, parsed.data.unit),
  };
}

function communeOf(cell: Cell | undefined, problems: CellProblem[]): string | undefined {
  if (!cell) return undefined;
  // A number cell loses leading zeros (00004 → 4): codes are 5 digits, so put them back.
  if (
    cell.kind === 'number' &&
    Number.isInteger(cell.value) &&
    cell.value >= 0 &&
    cell.value < 100_000
  ) {
    return String(cell.value).padStart(5, '0');
  }
  const value = cell.text.trim();
  if (/^\d+$/.test(value)) return value;
  const { communeByKey } = listLookups();
  const byName = communeByKey.get(foldKey(value.replace(/^(xã|phường|đặc khu)\s+/i, '')));
  if (byName) return byName;
  const byFullName = communeByKey.get(foldKey(value));
  if (byFullName) return byFullName;
  problems.push({ column: 'communeCode', code: 'invalid_value', value });
  return undefined;
}

/** `10: 95000; 50: 90.000` (optionally `từ 10: …` or `from 10 = …`) → tiers. */
function parseTiers(
  cell: Cell | undefined,
  problems: CellProblem[],
): Array<{ minQuantity: number; unitPrice: number }> | undefined {
  if (!cell) return undefined;
  const tiers: Array<{ minQuantity: number; unitPrice: number }> = [];
  for (const part of cell.text
    .split(/[;\n\r|]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(?:từ|tu|from|>=|≥)?\s*([^:=]+?)\s*[:=]\s*(.+)$/i.exec(part);
    const qty = m ? parseWholeNumber({ kind: 'text', text: m[1] as string }) : undefined;
    const price = m ? parseWholeNumber({ kind: 'text', text: m[2] as string }) : undefined;
    if (!qty?.ok) {
      problems.push({ column: 'priceTiers', code: 'invalid_format', value: part });
      return undefined;
    }
    if (!price?.ok) {
      problems.push({ column: 'priceTiers', code: price?.code ?? 'invalid_format', value: part });
      return undefined;
    }
    tiers.push({ minQuantity: qty.value, unitPrice: price.value });
  }
  return tiers;
}

/** Where a schema issue belongs in the file. */
function columnOfPath(path: readonly PropertyKey[], hasOcop: boolean): ColumnId {
  const [head, second, third] = path;
  switch (head) {
    case 'name':
      return second === 'en' ? 'nameEn' : 'name';
    case 'description':
      return second === 'en' ? 'descriptionEn' : 'description';
    case 'category':
      return 'category';
    case 'unit':
      return 'unit';
    case 'price':
      return 'price';
    case 'priceTiers':
      return 'priceTiers';
    case 'stock':
      return 'stock';
    case 'capacityPerDate':
      return 'capacityPerDate';
    case 'originCommuneCode':
      return 'communeCode';
    case 'certifications':
      if (second === 0 && hasOcop) {
        if (third === 'number') return 'ocopNumber';
        if (third === 'expiresOn') return 'ocopExpiresOn';
        return 'ocopStars';
      }
      return second === undefined && hasOcop ? 'ocopStars' : 'otherCertifications';
    case 'images':
      return 'images';
    case 'status':
      return 'status';
    default:
      return 'name';
  }
}

function issueContext(
  issue: core.$ZodIssue,
  cellBlank: boolean,
): Omit<Parameters<typeof rowMessage>[0], 'column'> {
  switch (issue.code) {
    case 'invalid_type':
      return { code: cellBlank ? 'required' : 'invalid_format' };
    case 'too_small': {
      const length = issue.origin === 'string' || issue.origin === 'array';
      if (length && cellBlank) return { code: 'required' };
      return { code: 'too_small', minimum: Number(issue.minimum), length };
    }
    case 'too_big':
      return {
        code: 'too_big',
        maximum: Number(issue.maximum),
        length: issue.origin === 'string' || issue.origin === 'array',
      };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'invalid_value' };
    case 'invalid_format':
      return { code: 'invalid_format', rule: issue.message };
    case 'custom':
      return /commune|image key|each image/i.test(issue.message)
        ? { code: 'invalid_format', rule: issue.message }
        : { code: 'invalid_combination', rule: issue.message };
    default:
      return { code: 'invalid_format', rule: issue.message };
  }
}

function toRowError(
  input: RowInput,
  mapping: HeaderMapping,
  id: ColumnId,
  ctx: Omit<Parameters<typeof rowMessage>[0], 'column'>,
): RowError {
  const def: ColumnDef = column(id);
  const index = mapping.index.get(id);
  return {
    row: input.row,
    column: headerOf(def),
    ...(index !== undefined ? { cell: `${columnLetters(index)}${input.row}` } : {}),
    code: ctx.code,
    message: rowMessage({ ...ctx, column: def }),
  };
}

/** The error that marks a row as a repeat of an earlier one (or of an existing product). */
export function duplicateError(
  input: { row: number },
  mapping: HeaderMapping,
  firstRow: number | undefined,
): RowError {
  return toRowError(
    { row: input.row, cells: [] },
    mapping,
    'name',
    firstRow === undefined ? { code: 'already_exists' } : { code: 'duplicate', firstRow },
  );
}
