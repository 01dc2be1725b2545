import { getConfig } from '../../shared/config';
import { getOrderSellers } from '../../shared/db/orders';
import { getMany } from '../../shared/db/products';
import { offers } from '../../shared/orders/delivery';
import { priceCart, QuoteSchema } from '../../shared/orders/order';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/**
 * The cart priced by the server, nothing written: lines grouped by seller with tier prices, each
 * seller's subtotal, delivery fee and total for the chosen delivery, the seller's delivery options
 * (pickup address, shipping fee, cash on delivery) and the lines that cannot be ordered as asked.
 */
export const handler = httpHandler({ body: QuoteSchema }, async ({ body, now }) => {
  const products = await getMany(body.lines.map((l) => l.productId));
  const sellers = await getOrderSellers([...products.values()].map((p) => p.sellerId));
  const delivery = body.delivery ?? 'pickup';
  const { groups, failures } = priceCart({
    lines: body.lines,
    products,
    sellers,
    delivery,
    payment: body.payment ?? 'vietqr',
    now,
  });
  const indexOf = (productId: string, date?: string) =>
    body.lines.findIndex((l) => l.productId === productId && (l.date ?? '') === (date ?? ''));
  return ok({
    sellers: groups.map((g) => ({
      sellerId: g.seller.id,
      sellerName: g.seller.legalName,
      lines: g.lines.map(({ index: _i, ...line }) => line),
      goodsAmount: g.goodsAmount,
      servicesAmount: g.servicesAmount,
      subtotal: g.subtotal,
      deliveryMethod: g.deliveryMethod,
      deliveryFee: g.deliveryFee,
      total: g.total,
      options: {
        pickup: offers(g.seller.delivery, 'pickup'),
        pickupAddress: g.seller.delivery.pickup.address ?? null,
        shipping: offers(g.seller.delivery, 'ship'),
        shippingFee: g.seller.delivery.shipping.fee,
        freeShippingAbove: g.seller.delivery.shipping.freeAbove ?? null,
        cod: g.seller.delivery.cod,
      },
    })),
    failures: failures.map((f) => ({ ...f, index: indexOf(f.productId, f.date) })),
    total: groups.reduce((sum, g) => sum + g.total, 0),
  });
});
