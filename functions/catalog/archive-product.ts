import * as z from 'zod/mini';
import {
  archiveProduct,
  assertSellerMayWrite,
  ProductIdSchema,
} from '../../shared/catalog/product';
import { ownProductView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getOwnProduct, getSellerSnapshot, updateProduct } from '../../shared/db/products';
import { AppError, isAppError } from '../../shared/errors';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({ productId: ProductIdSchema });

/**
 * Takes a product off the storefront for good (a seller may later restore it to draft).
 * Idempotent, and needs no version: a concurrent edit is simply re-read and archived.
 */
export const handler = httpHandler({ path: Path }, async ({ path, principal, now }) => {
  const { sellerId } = requireSeller(principal);
  const seller = await getSellerSnapshot(sellerId);
  if (!seller) throw new AppError('seller.notFound', 'No such seller');
  assertSellerMayWrite(seller.status);
  for (let attempt = 1; ; attempt++) {
    const product = await getOwnProduct(sellerId, path.productId);
    if (!product) throw new AppError('product.notFound', 'No such product');
    const next = archiveProduct(product, now);
    if (next === product) return ok({ product: ownProductView(product, seller.status) });
    try {
      const saved = await updateProduct(next, {
        expectedVersion: product.version,
        writeStock: false,
        now,
      });
      return ok({ product: ownProductView(saved, seller.status) });
    } catch (err) {
      if (!(isAppError(err) && err.code === 'product.versionConflict') || attempt >= 3) throw err;
    }
  }
});
