import { getConfig } from '../../shared/config';
import { getOrderSeller } from '../../shared/db/orders';
import { AppError } from '../../shared/errors';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/** The seller's delivery options (defaults until set: pickup only, no COD). */
export const handler = httpHandler({}, async ({ principal }) => {
  const { sellerId } = requireSeller(principal);
  const seller = await getOrderSeller(sellerId);
  if (!seller) throw new AppError('seller.notFound', 'No such seller');
  return ok({ deliveryOptions: seller.delivery });
});
