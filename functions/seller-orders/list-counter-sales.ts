import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { listCounterSales } from '../../shared/db/orders';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { CursorParam, wholeParam } from '../_http/params';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  limit: z.optional(wholeParam(1, 100)),
  cursor: z.optional(CursorParam),
});

/** The seller's counter sales, newest first. */
export const handler = httpHandler({ query: Query }, async ({ query, principal }) => {
  const { sellerId } = requireSeller(principal);
  const page = await listCounterSales(sellerId, { limit: query.limit ?? 20, cursor: query.cursor });
  return ok({ items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
});
