import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { listTransfers, TRANSFER_STATES } from '../../shared/db/payments';
import { getSellerSnapshots } from '../../shared/db/products';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';
import { transferView } from './transfer-view';

getConfig();

const Query = z.strictObject({
  state: z._default(z.enum(TRANSFER_STATES), 'unmatched'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
  /** Officers: one seller's transfers (any state). */
  sellerId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'A seller id'))),
});

/**
 * Bank transfers by state, newest first. A seller sees only its own (a `sellerId` it gives is
 * ignored in favour of its credential's); officers and admins see every seller's unmatched and
 * review queues, or one seller's transfers in any state with `sellerId`; each item then also
 * names its seller (`sellerName`, the legal name) so the queue reads without a lookup per row.
 */
export const handler = httpHandler({ query: Query }, async ({ query, principal }) => {
  const own = principal.kind !== 'anonymous' && principal.role === 'seller';
  const sellerId = own ? (principal.sellerId as string) : query.sellerId;
  const page = await listTransfers({
    state: query.state,
    limit: query.limit,
    ...(sellerId !== undefined ? { sellerId } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const names = own ? undefined : await getSellerSnapshots(page.items.map((t) => t.sellerId));
  return ok({
    items: page.items.map((t) => {
      const view = transferView(t);
      const name = names?.get(t.sellerId)?.legalName;
      return name === undefined ? view : { ...view, sellerName: name };
    }),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
