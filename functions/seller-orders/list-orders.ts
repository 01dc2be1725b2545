import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { listSellerOrders } from '../../shared/db/orders';
import { FULFILMENT_STATUSES, PAYMENT_STATUSES } from '../../shared/orders/order';
import { sellerOrderSummary } from '../../shared/orders/view';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { CursorParam, wholeParam } from '../_http/params';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  status: z.optional(z.enum(FULFILMENT_STATUSES)),
  paymentStatus: z.optional(z.enum(PAYMENT_STATUSES)),
  /** Province calendar dates (YYYY-MM-DD), both included. */
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
  limit: z.optional(wholeParam(1, 100)),
  cursor: z.optional(CursorParam),
});

/** Local midnight (UTC+7) of a province date, as an instant. */
const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+07:00`)).toISOString();
const endOf = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00+07:00`) + 86_400_000).toISOString();

/** The seller's orders, newest first; buyers masked. */
export const handler = httpHandler({ query: Query }, async ({ query, principal }) => {
  const { sellerId } = requireSeller(principal);
  const page = await listSellerOrders(sellerId, {
    status: query.status,
    paymentStatus: query.paymentStatus,
    from: query.from ? startOf(query.from) : undefined,
    to: query.to ? endOf(query.to) : undefined,
    limit: query.limit ?? 20,
    cursor: query.cursor,
  });
  return ok({
    items: page.items.map(sellerOrderSummary),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
