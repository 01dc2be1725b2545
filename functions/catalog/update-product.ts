import * as z from 'zod/mini';
import {
  applyUpdate,
  assertSellerMayWrite,
  ProductIdSchema,
  ProductUpdateSchema,
} from '../../shared/catalog/product';
import { ownProductView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getOwnProduct, getSellerSnapshot, updateProduct } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { assertImagesUploaded } from '../../shared/storage/images';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({ productId: ProductIdSchema });

/** Changes a product on the version the seller read (409 product.versionConflict otherwise). */
export const handler = httpHandler(
  { path: Path, body: ProductUpdateSchema },
  async ({ path, body, principal, now }) => {
    const { sellerId } = requireSeller(principal);
    const [product, seller] = await Promise.all([
      getOwnProduct(sellerId, path.productId),
      getSellerSnapshot(sellerId),
    ]);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    assertSellerMayWrite(seller.status);
    if (!product) throw new AppError('product.notFound', 'No such product');
    const next = applyUpdate(product, body, now);
    // Images newly named must have been uploaded and be the images their keys name (the ones
    // already on the product were checked when they were added).
    if (next !== product)
      await assertImagesUploaded(next.images, { skip: new Set(product.images) });
    const saved =
      next === product
        ? product
        : await updateProduct(next, {
            expectedVersion: product.version,
            writeStock: body.stock !== undefined,
            now,
          });
    return ok({ product: ownProductView(saved, seller.status) });
  },
);
