import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { assertSellerMayWrite } from '../../shared/catalog/product';
import { getConfig } from '../../shared/config';
import { getSellerSnapshot } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { imageStore, MAX_IMAGE_BYTES, publicPathOf } from '../../shared/storage/images';
import {
  EXTENSION_OF,
  IMAGE_CONTENT_TYPES,
  type ImageContentType,
  imageKeyFor,
  smallImageKeyOf,
} from '../../shared/storage/upload-url';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { created } from '../_http/respond';

getConfig();

const Body = z.strictObject({
  contentType: z.string().check(z.minLength(1), z.maxLength(100)),
  contentLength: z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
  /** The main image this upload is the small copy of (one of the seller's own keys, same type). */
  variantOf: z.optional(z.string().check(z.maxLength(200))),
});

/**
 * The small copy's key of one of the seller's own main images, of the same type. Anything else is a
 * 400 naming `variantOf`: another seller's key, a small key, a key of another type.
 */
function smallKeyFor(variantOf: string, sellerId: string, contentType: ImageContentType): string {
  const small = smallImageKeyOf(variantOf);
  const own = variantOf.startsWith(`img/${sellerId}/`);
  const sameType = variantOf.endsWith(`.${EXTENSION_OF[contentType]}`);
  if (!small || !own || !sameType)
    throw new AppError('request.invalid', 'variantOf must be one of your image keys, same type', {
      issues: [
        {
          in: 'body',
          path: 'variantOf',
          code: 'custom',
          message: !small
            ? 'Not a main image key'
            : !own
              ? 'Not your upload'
              : 'The small copy has the type of its main image',
        },
      ],
    });
  return small;
}

/** Ids of new images; tests may replace it. */
export const uploadIds = { next: (): string => randomUUID() };

/**
 * A pre-signed URL for one product image: the browser PUTs the file there (exact type and length,
 * signed), then names `imageKey` in the product's `images`. The key carries the seller id from the
 * credential, so a seller can only ever upload under their own prefix. With `variantOf`, the URL is
 * for that image's small copy (`…-w480.<ext>`, see SMALL_IMAGE_WIDTH), which pages use in `srcset`.
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
  const imageKey =
    body.variantOf === undefined
      ? imageKeyFor(sellerId, uploadIds.next(), contentType as ImageContentType)
      : smallKeyFor(body.variantOf, sellerId, contentType as ImageContentType);
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
