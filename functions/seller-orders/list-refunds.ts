import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { listRefunds } from '../../shared/db/orders';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({ state: z.optional(z.enum(['open', 'closed'])) });

/** Money the seller owes buyers (cancelled orders that were paid), newest first. */
export const handler = httpHandler({ query: Query }, async ({ query, principal }) => {
  const { sellerId } = requireSeller(principal);
  return ok({ items: await listRefunds(sellerId, query.state) });
});
