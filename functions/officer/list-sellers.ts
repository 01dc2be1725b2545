import * as z from 'zod';
import { getConfig } from '../../shared/config';
import { listSellersByStatus } from '../../shared/db/sellers';
import { SELLER_STATUSES } from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  status: z.enum(SELLER_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(1024).optional(),
});

/** Sellers by status, oldest first: `status=pending` is the approval queue. */
export const handler = httpHandler({ query: Query }, async ({ query }) => {
  const page = await listSellersByStatus(query.status, query.limit, query.cursor);
  return ok({
    items: page.items.map(sellerView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
