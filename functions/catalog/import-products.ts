import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import {
  buildReport,
  chunk,
  findHeader,
  IMPORT_LIMITS,
  readGrid,
  validateImport,
} from '../../shared/catalog/import/import-file';
import { duplicateKeyOf } from '../../shared/catalog/import/rows';
import { ImportWriteError, writeAllOrNothing } from '../../shared/catalog/import/write';
import { assertSellerMayWrite, createProduct, type Product } from '../../shared/catalog/product';
import { getConfig } from '../../shared/config';
import {
  deleteUntouchedProducts,
  getSellerSnapshot,
  insertMany,
  listBySeller,
} from '../../shared/db/products';
import { AppError } from '../../shared/errors';
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

/** Ids and the writer; tests may replace them. */
export const importDeps = {
  newId: (): string => randomUUID(),
  insert: insertMany,
  remove: removeImported,
};

/** name|unit of the seller's products that are not archived (re-imports fail as already_exists). */
async function existingKeys(sellerId: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await listBySeller(sellerId, { limit: 100, cursor });
    for (const p of page.items)
      if (p.status !== 'archived') keys.add(duplicateKeyOf(p.name.vi, p.unit));
    cursor = page.nextCursor;
  } while (cursor);
  return keys;
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

    const options = { sellerId, existingKeys: await existingKeys(sellerId) };
    let validated = validateImport(file, options);
    // Image keys must name uploaded images (as for a single product): read each once, and
    // validate again with the missing ones so their rows fail like any other bad cell.
    const missingImages = await findMissingImages(
      validated.valid.flatMap(({ product }) => product.images ?? []),
    );
    if (missingImages.size > 0) validated = validateImport(file, { ...options, missingImages });
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

    const products: Array<{ row: number; product: Product }> = validated.valid.map(
      ({ row, product }) => ({
        row,
        product: createProduct(product, { id: importDeps.newId(), sellerId }, now),
      }),
    );
    try {
      await writeAllOrNothing(
        chunk(
          products.map((p) => p.product),
          BATCH_SIZE,
        ),
        {
          insert: (batch) => importDeps.insert(batch, seller.status, now),
          remove: (batch) => importDeps.remove(sellerId, batch, now),
          shouldStop: () => context.getRemainingTimeInMillis() < TIME_MARGIN_MS,
        },
      );
    } catch (err) {
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
    logger.info('products imported', { importId: base.importId, count: products.length });
    const report = buildReport(
      base,
      validated,
      products.map(({ row, product }) => ({ row, id: product.id })),
    );
    return created(report);
  },
);
