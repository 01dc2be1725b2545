import { getConfig } from '../../shared/config';
import { sellerOrderView } from '../../shared/orders/view';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';
import { allowedActions, OrderPath, ownOrderOr404 } from './order-path';

getConfig();

/** One of the seller's orders, the buyer's details whole, with the actions allowed now. */
export const handler = httpHandler({ path: OrderPath }, async ({ path, principal }) => {
  const { sellerId } = requireSeller(principal);
  const order = await ownOrderOr404(sellerId, path.code);
  return ok({ order: sellerOrderView(order, allowedActions(order)) });
});
