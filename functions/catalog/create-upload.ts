import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { assertSellerMayWrite } from '../../shared/catalog/product';
import { getConfig } from '../../shared/config';
import { getSellerSnapshot } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { imageStore, MAX_IMAGE_BYTES, publicPathOf } from '../../shared/storage/images';
import {
  IMAGE_CONTENT_TYPES,
  type ImageContentType,
  imageKeyFor,
} from '../../shared/storage/upload-url';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { created } from '../_http/respond';

getConfig();

const Body = z.strictObject({
  contentType: z.string().check(z.minLength(1), z.maxLength(100)),
  contentLength: z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
});

/** Ids of new images; tests may replace it. */
export const uploadIds = { next: (): string => randomUUID() };

/**
 * A pre-signed URL for one product image: the browser PUTs the file there (exact type and length,
 * signed), then names `imageKey` in the product's `images`. The key carries the seller id from the
 * credential, so a seller can only ever upload under their own prefix.
 */
export const handler = httpHandler({ body: Body }, async ({ body, principal, now }) => {
  const { sellerId } = requireSeller(principal);
  const contentType = body.contentType.trim().toLowerCase();
  if (!IMAGE_CONTENT_TYPES.includes(contentType as ImageContentType)) {
    throw new AppError('upload.unsupportedType', 'Only JPEG, PNG or WebP images', {
      allowed: IMAGE_CONTENT_TYPES,
    });
  }
  if (body.contentLength > MAX_IMAGE_BYTES) {
    throw new AppError('upload.tooLarge', `Images are at most ${MAX_IMAGE_BYTES} bytes`, {
      maxBytes: MAX_IMAGE_BYTES,
    });
  }
  const seller = await getSellerSnapshot(sellerId);
  if (!seller) throw new AppError('seller.notFound', 'No such seller');
  assertSellerMayWrite(seller.status);
  const imageKey = imageKeyFor(sellerId, uploadIds.next(), contentType as ImageContentType);
  const ticket = await imageStore().createUpload({
    key: imageKey,
    contentType: contentType as ImageContentType,
    contentLength: body.contentLength,
    now,
  });
  return created({
    imageKey,
    imageUrl: publicPathOf(imageKey),
    maxBytes: MAX_IMAGE_BYTES,
    ...ticket,
  });
});
