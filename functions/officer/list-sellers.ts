import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { listSellersByStatus } from '../../shared/db/sellers';
import { SELLER_STATUSES } from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  status: z._default(z.enum(SELLER_STATUSES), 'pending'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});

/** Sellers by status, oldest first: `status=pending` is the approval queue. */
export const handler = httpHandler({ query: Query }, async ({ query }) => {
  const page = await listSellersByStatus(query.status, query.limit, query.cursor);
  return ok({
    items: page.items.map(sellerView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
