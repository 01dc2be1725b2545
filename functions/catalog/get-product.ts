import * as z from 'zod/mini';
import { ProductIdSchema } from '../../shared/catalog/product';
import { publicProductView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getListedProduct } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({ productId: ProductIdSchema });

/** One storefront product with its seller; 404 unless active and the seller approved now. */
export const handler = httpHandler({ path: Path }, async ({ path, now }) => {
  const found = await getListedProduct(path.productId);
  if (!found) throw new AppError('product.notFound', 'No such product');
  return ok({ product: publicProductView(found.product, found.seller, now) });
});
