import * as z from 'zod/mini';
import { ProductIdSchema } from '../../shared/catalog/product';
import { ownProductView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getOwnProduct, getSellerSnapshot } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({ productId: ProductIdSchema });

/** One of the seller's products; another seller's is 404, so ids don't leak. */
export const handler = httpHandler({ path: Path }, async ({ path, principal }) => {
  const { sellerId } = requireSeller(principal);
  const [product, seller] = await Promise.all([
    getOwnProduct(sellerId, path.productId),
    getSellerSnapshot(sellerId),
  ]);
  if (!product) throw new AppError('product.notFound', 'No such product');
  return ok({ product: ownProductView(product, seller?.status) });
});
