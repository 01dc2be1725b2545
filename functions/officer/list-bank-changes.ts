import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { listPendingBankChanges } from '../../shared/db/sellers';
import { sellerView } from '../../shared/sellers/view';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});

/** Sellers whose bank-account change waits for review, oldest request first. */
export const handler = httpHandler({ query: Query }, async ({ query }) => {
  const page = await listPendingBankChanges(query.limit, query.cursor);
  return ok({
    items: page.items.map(sellerView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
