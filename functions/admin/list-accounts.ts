import * as z from 'zod/mini';
import { accountView } from '../../shared/accounts/account';
import { ROLES } from '../../shared/accounts/principal';
import { getConfig } from '../../shared/config';
import { listAccountsByRole } from '../../shared/db/accounts';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  role: z._default(z.enum(ROLES), 'officer'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});

/** Accounts of one role, oldest first (admins pick whom to disable or enable here). */
export const handler = httpHandler({ query: Query }, async ({ query }) => {
  const page = await listAccountsByRole(query.role, query.limit, query.cursor);
  return ok({
    // The version is what a status change is made on (optimistic concurrency).
    items: page.items.map((a) => ({ ...accountView(a), version: a.version })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
