import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { PRODUCT_CONTENT_KEYS } from '../../shared/catalog/fields';
import { headerOf, column as importColumn } from '../../shared/catalog/import/columns';
import {
  buildReport,
  chunk,
  type ExistingProduct,
  findHeader,
  IMPORT_LIMITS,
  readGrid,
  type ValidatedImport,
  type ValidRow,
  validateImport,
} from '../../shared/catalog/import/import-file';
import { rowMessage } from '../../shared/catalog/import/messages';
import { duplicateKeyOf } from '../../shared/catalog/import/rows';
import {
  ImportStoppedError,
  ImportWriteError,
  writeAllOrNothing,
} from '../../shared/catalog/import/write';
import {
  applyUpdate,
  assertSellerMayWrite,
  createProduct,
  type Product,
  type ProductUpdate,
} from '../../shared/catalog/product';
import { getConfig } from '../../shared/config';
import {
  deleteUntouchedProducts,
  getSellerSnapshot,
  insertMany,
  listBySeller,
  updateProduct,
} from '../../shared/db/products';
import { AppError, isAppError } from '../../shared/errors';
import { provinceDate } from '../../shared/province-date';
import { findMissingImages } from '../../shared/storage/images';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { created } from '../_http/respond';

getConfig();

/** base64 of the largest file we read. */
const MAX_BASE64 = Math.ceil(IMPORT_LIMITS.maxFileBytes / 3) * 4;

const Body = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  fileName: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  contentBase64: z
    .string()
    .check(z.minLength(4), z.maxLength(MAX_BASE64), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')),
  mode: z._default(z.enum(['allOrNothing', 'validRows']), 'allOrNothing'),
});

/** One transaction per batch: 99 products + the seller check that insertMany adds. */
export const BATCH_SIZE = 99;
/** Stop (and undo) rather than be cut off by the Lambda timeout mid-write. */
const TIME_MARGIN_MS = 5_000;

/**
 * Compensation: removes what this import wrote, unless something touched it since (an edit, an
 * order taking stock): such products stay and are reported (ImportWriteError, logged).
 */
async function removeImported(
  sellerId: string,
  batch: readonly Product[],
  now: Date,
): Promise<{ kept: readonly Product[] }> {
  const kept = new Set(
    (
      await deleteUntouchedProducts(
        sellerId,
        batch.map((p) => p.id),
        now,
      )
    ).kept,
  );
  return { kept: batch.filter((p) => kept.has(p.id)) };
}

/** Ids and the writers; tests may replace them. */
export const importDeps = {
  newId: (): string => randomUUID(),
  insert: insertMany,
  remove: removeImported,
  update: updateProduct,
  /** What the invocation has left (the Lambda context's clock); tests bring it forward. */
  remainingMs: (context: Context): number => context.getRemainingTimeInMillis(),
};

/** The seller's products that are not archived, by name|unit (a row with that key updates it). */
async function existingProducts(sellerId: string): Promise<Map<string, Product>> {
  const byKey = new Map<string, Product>();
  let cursor: string | undefined;
  do {
    const page = await listBySeller(sellerId, { limit: 100, cursor });
    for (const p of page.items)
      if (p.status !== 'archived') byKey.set(duplicateKeyOf(p.name.vi, p.unit), p);
    cursor = page.nextCursor;
  } while (cursor);
  return byKey;
}

/**
 * What a row changes on the product it matches: the required columns always, the others only
 * when their cell is filled (an empty cell keeps what is stored, e.g. images added in the form).
 */
/** Key order does not matter (items read back from DynamoDB come in any order). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** Same content and status: what a product page or the storefront would show is unchanged. */
function sameContent(a: Product, b: Product): boolean {
  return (
    a.status === b.status &&
    PRODUCT_CONTENT_KEYS.every((key) => canonical(a[key]) === canonical(b[key]))
  );
}

function updateOf(row: ValidRow, stored: Product): ProductUpdate {
  const p = row.product;
  const has = (...ids: ValidRow['filled']) => ids.some((id) => row.filled.includes(id));
  const en = (filled: boolean, fresh: string | undefined, old: string | undefined) => {
    const value = filled ? fresh : old;
    return value === undefined ? {} : { en: value };
  };
  return {
    version: stored.version,
    name: { vi: p.name.vi, ...en(has('nameEn'), p.name.en, stored.name.en) },
    ...(has('description', 'descriptionEn')
      ? {
          description: {
            vi: has('description') ? p.description.vi : stored.description.vi,
            ...en(has('descriptionEn'), p.description.en, stored.description.en),
          },
        }
      : {}),
    category: p.category,
    unit: p.unit,
    price: p.price,
    originCommuneCode: p.originCommuneCode,
    ...(has('priceTiers') ? { priceTiers: p.priceTiers } : {}),
    ...(has('stock') ? { stock: p.stock } : {}),
    ...(has('capacityPerDate') ? { capacityPerDate: p.capacityPerDate } : {}),
    ...(has('ocopStars', 'ocopNumber', 'ocopExpiresOn', 'otherCertifications')
      ? { certifications: p.certifications }
      : {}),
    ...(has('images') ? { images: p.images } : {}),
    ...(has('status') ? { status: p.status } : {}),
  };
}

/** A row that could not be applied to its product, as a row error (validation stays pure). */
function failRow(
  validated: ValidatedImport,
  row: ValidRow,
  code: 'invalid_combination' | 'changed_meanwhile',
  rule?: string,
) {
  const def = importColumn('name');
  validated.errors.push({
    row: row.row,
    column: headerOf(def),
    code,
    message: rowMessage({ code, column: def, ...(rule ? { rule } : {}) }),
  });
  validated.failedRows.push(row.row);
  validated.valid = validated.valid.filter((v) => v !== row);
  validated.counts = {
    ...validated.counts,
    valid: validated.counts.valid - 1,
    failed: validated.counts.failed + 1,
  };
}

/**
 * Bulk product import from CSV or XLSX (see docs/import.md). Every row is validated with the same
 * schema as the API; with mode allOrNothing any bad row → 422 import.invalidRows and nothing is
 * written; with validRows the good rows are imported and the bad ones reported. Writes are batched
 * transactions; a failed batch undoes the committed ones.
 */
export const handler = httpHandler(
  { body: Body, maxBodyBytes: MAX_BASE64 + 64 * 1024 },
  async ({ body, principal, now, context }) => {
    const { sellerId } = requireSeller(principal);
    const file = findHeader(await readGrid(body.format, Buffer.from(body.contentBase64, 'base64')));
    const seller = await getSellerSnapshot(sellerId);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    assertSellerMayWrite(seller.status);

    const stored = await existingProducts(sellerId);
    const existing = new Map<string, ExistingProduct>(
      [...stored].map(([key, p]) => [key, { id: p.id, version: p.version }]),
    );
    const today = provinceDate(now);
    const options = { sellerId, existing, today };
    let validated = validateImport(file, options);
    // Image keys must name uploaded images (as for a single product): read each once, and
    // validate again with the missing ones so their rows fail like any other bad cell.
    const missingImages = await findMissingImages(
      validated.valid.flatMap(({ product }) => product.images ?? []),
    );
    if (missingImages.size > 0) validated = validateImport(file, { ...options, missingImages });
    // Rows that update a product: the merged result must still be a consistent product.
    const byId = new Map([...stored.values()].map((p) => [p.id, p]));
    const updates: Array<{ row: ValidRow; before: Product; next: Product }> = [];
    for (const row of [...validated.valid]) {
      const before = row.existing && byId.get(row.existing.id);
      if (!before) continue;
      try {
        const next = applyUpdate(before, updateOf(row, before), now);
        // A row that says what is stored already changes nothing: no write, no new version.
        updates.push({ row, before, next: sameContent(next, before) ? before : next });
      } catch (err) {
        if (!isAppError(err)) throw err;
        const issue = (err.details?.issues as Array<{ message?: string }> | undefined)?.[0];
        failRow(validated, row, 'invalid_combination', issue?.message ?? err.message);
      }
    }
    const base = {
      importId: importDeps.newId(),
      mode: body.mode,
      format: body.format,
      fileName: body.fileName,
    };
    if (
      validated.valid.length === 0 ||
      (body.mode === 'allOrNothing' && validated.failedRows.length > 0)
    ) {
      const report = buildReport(base, validated, []);
      throw new AppError(
        'import.invalidRows',
        `${validated.failedRows.length} rows have errors; nothing was imported`,
        { ...report },
      );
    }

    const products: Array<{ row: number; product: Product }> = validated.valid
      .filter((v) => !v.existing)
      .map(({ row, product }) => ({
        row,
        product: createProduct(product, { id: importDeps.newId(), sellerId }, now),
      }));
    try {
      await writeAllOrNothing(
        chunk(
          products.map((p) => p.product),
          BATCH_SIZE,
        ),
        {
          insert: (batch) => importDeps.insert(batch, seller.status, now),
          remove: (batch) => importDeps.remove(sellerId, batch, now),
          shouldStop: () => importDeps.remainingMs(context) < TIME_MARGIN_MS,
        },
      );
    } catch (err) {
      if (err instanceof ImportStoppedError)
        // Stopped before the Lambda's time ran out and every written batch removed again: a
        // clear "nothing saved, try again or split the file", not an internal error.
        throw new AppError('import.timeLimit', 'Import stopped at the time limit; nothing saved', {
          rows: products.length,
          retryAfterSeconds: 60,
        });
      if (err instanceof ImportWriteError) {
        // Products stayed that compensation could not remove: name them for whoever cleans up.
        logger.error('import compensation incomplete', {
          importId: base.importId,
          sellerId,
          keptProductIds: err.kept.map((p) => (p as Product).id),
          error: err,
        });
      }
      throw err;
    }
    // Updates after the new products: each on the version read at the start, so a product the
    // seller (or an order) changed meanwhile is not overwritten; its row is reported instead.
    const updated: Array<{ row: number; id: string; updated: true }> = [];
    for (const u of updates) {
      if (u.next !== u.before) {
        try {
          await importDeps.update(u.next, {
            expectedVersion: u.before.version,
            writeStock: u.row.filled.includes('stock'),
            now,
          });
        } catch (err) {
          if (!isAppError(err) || err.code !== 'product.versionConflict') throw err;
          failRow(validated, u.row, 'changed_meanwhile');
          continue;
        }
      }
      updated.push({ row: u.row.row, id: u.before.id, updated: true });
    }
    if (products.length + updated.length === 0) {
      // Every row was valid but none could be written (all changed meanwhile): nothing imported.
      throw new AppError(
        'import.invalidRows',
        `${validated.failedRows.length} rows could not be written; nothing was imported`,
        { ...buildReport(base, validated, []) },
      );
    }
    logger.info('products imported', {
      importId: base.importId,
      count: products.length,
      updated: updated.length,
    });
    const report = buildReport(
      base,
      validated,
      [...products.map(({ row, product }) => ({ row, id: product.id })), ...updated].sort(
        (a, b) => a.row - b.row,
      ),
    );
    return created(report);
  },
);
