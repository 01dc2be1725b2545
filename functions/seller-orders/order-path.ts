import * as z from 'zod/mini';
import { getOwnOrder } from '../../shared/db/orders';
import { AppError } from '../../shared/errors';
import { normaliseOrderCode } from '../../shared/orders/code';
import { ORDER_ACTIONS, type Order, refusal } from '../../shared/orders/order';

/** `{code}` in seller order paths. */
export const OrderPath = z.strictObject({
  code: z.string().check(z.regex(/^[A-Za-z0-9]{9,16}$/, 'An order code')),
});

/** The seller's own order by code; unknown, malformed and other sellers' codes are one 404. */
export async function ownOrderOr404(sellerId: string, rawCode: string): Promise<Order> {
  const code = normaliseOrderCode(rawCode);
  const order = code ? await getOwnOrder(sellerId, code) : undefined;
  if (!order) throw new AppError('order.notFound', 'No such order');
  return order;
}

export const allowedActions = (order: Order) =>
  ORDER_ACTIONS.filter((action) => refusal(order, action) === undefined);
