import { getConfig } from '../../shared/config';
import { getOrderSeller } from '../../shared/db/orders';
import { AppError } from '../../shared/errors';
import { staticQr } from '../../shared/orders/counter-sale';
import { renderVietQr } from '../../shared/vietqr/render';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/** The seller's static VietQR (no amount) for the printed sign on the stall. */
export const handler = httpHandler({}, async ({ principal }) => {
  const { sellerId } = requireSeller(principal);
  const seller = await getOrderSeller(sellerId);
  if (!seller) throw new AppError('seller.notFound', 'No such seller');
  const qr = staticQr(seller);
  return ok({ staticQr: { ...qr, svg: await renderVietQr(qr.payload) } });
});
