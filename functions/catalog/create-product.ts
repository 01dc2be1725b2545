import { randomUUID } from 'node:crypto';
import {
  assertSellerMayWrite,
  createProduct,
  NewProductSchema,
} from '../../shared/catalog/product';
import { ownProductView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getSellerSnapshot, insertProduct } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { assertImagesUploaded } from '../../shared/storage/images';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { created } from '../_http/respond';

getConfig();

/** Creates a product for the calling seller (pending or approved; not suspended). */
export const handler = httpHandler({ body: NewProductSchema }, async ({ body, principal, now }) => {
  const { sellerId } = requireSeller(principal);
  const seller = await getSellerSnapshot(sellerId);
  if (!seller) throw new AppError('seller.notFound', 'No such seller');
  assertSellerMayWrite(seller.status);
  const product = createProduct(body, { id: randomUUID(), sellerId }, now);
  // Each image must have been uploaded, and its bytes must be the image its key names.
  await assertImagesUploaded(product.images);
  await insertProduct(product, seller.status);
  return created(
    { product: ownProductView(product, seller.status) },
    { location: `/api/seller/products/${product.id}` },
  );
});
