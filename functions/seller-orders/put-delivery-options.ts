import { getConfig } from '../../shared/config';
import { setDeliveryOptions } from '../../shared/db/orders';
import { DeliveryOptionsSchema } from '../../shared/orders/delivery';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/** Replaces the seller's delivery options whole (pickup + address, shipping fee, COD). */
export const handler = httpHandler({ body: DeliveryOptionsSchema }, async ({ body, principal }) => {
  const { sellerId } = requireSeller(principal);
  await setDeliveryOptions(sellerId, body);
  return ok({ deliveryOptions: body });
});
