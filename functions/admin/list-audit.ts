import * as z from 'zod/mini';
import { AUDIT_ACTION_PATTERN } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { listAudit } from '../../shared/db/audit';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Id = z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/));
const Query = z
  .strictObject({
    /** Events by or about this account (actor or target). */
    account: z.optional(Id),
    /** Events about this seller. */
    seller: z.optional(Id),
    action: z.optional(z.string().check(z.regex(AUDIT_ACTION_PATTERN))),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
  })
  .check(
    z.refine((q) => !(q.account && q.seller), {
      path: ['seller'],
      message: 'Filter by account or by seller, not both',
    }),
  );

/** The audit trail, newest first, filtered by account or seller and by action; cursor paging. */
export const handler = httpHandler({ query: Query }, async ({ query }) => {
  const page = await listAudit({
    limit: query.limit,
    ...(query.account ? { accountId: query.account } : {}),
    ...(query.seller ? { sellerId: query.seller } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return ok({ items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
});
