import * as z from 'zod/mini';
import { PRODUCT_STATUSES } from '../../shared/catalog/product';
import { ownProductView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getSellerSnapshot, listBySeller } from '../../shared/db/products';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { CursorParam, wholeParam } from '../_http/params';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  status: z.optional(z.enum(PRODUCT_STATUSES)),
  limit: z.optional(wholeParam(1, 100)),
  cursor: z.optional(CursorParam),
});

/** The seller's own products, newest first, any status (or one). */
export const handler = httpHandler({ query: Query }, async ({ query, principal }) => {
  const { sellerId } = requireSeller(principal);
  const [page, seller] = await Promise.all([
    listBySeller(sellerId, {
      status: query.status,
      limit: query.limit ?? 20,
      cursor: query.cursor,
    }),
    getSellerSnapshot(sellerId),
  ]);
  return ok({
    items: page.items.map((p) => ownProductView(p, seller?.status)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
