import { getConfig } from '../../shared/config';
import { saveOrderChange } from '../../shared/db/orders';
import { applyAction, OrderActionSchema } from '../../shared/orders/order';
import { sellerOrderView } from '../../shared/orders/view';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';
import { allowedActions, OrderPath, ownOrderOr404 } from './order-path';

const config = getConfig();

/**
 * confirm | ship | deliver | pickedUp | cancel (with a reason). 409 order.actionNotAllowed from a
 * state that does not allow it. Saved with its effects (stock back, ledger entry, refund due) in
 * one transaction on the version read; a concurrent change (expiry, another click) re-reads and
 * decides again, so effects happen once.
 */
export const handler = httpHandler(
  { path: OrderPath, body: OrderActionSchema },
  async ({ path, body, principal, now }) => {
    const { sellerId } = requireSeller(principal);
    for (let attempt = 0; attempt < 5; attempt++) {
      const order = await ownOrderOr404(sellerId, path.code);
      const { order: next, effects } = applyAction(order, body, now);
      const saved = await saveOrderChange(
        order,
        next,
        { ...effects, ...(body.action === 'cancel' ? { refundReason: body.reason } : {}) },
        { now, piiDays: config.PII_RETENTION_DAYS },
      );
      if (saved) {
        logger.info('order action applied', { code: order.code, action: body.action });
        return ok({ order: sellerOrderView(next, allowedActions(next)) });
      }
    }
    throw new Error('Order kept changing');
  },
);
