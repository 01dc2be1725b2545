import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { getConfig } from '../../shared/config';
import { placeOrders, readCheckout } from '../../shared/db/orders';
import { AppError } from '../../shared/errors';
import { orderCodeFromBytes } from '../../shared/orders/code';
import { buildOrders, linesFailed, PlaceOrderSchema, priceCart } from '../../shared/orders/order';
import { placedOrderView } from '../../shared/orders/view';
import { renderVietQr } from '../../shared/vietqr/render';
import { clientAddress } from '../_http/client-address';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { json } from '../_http/respond';

const config = getConfig();

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Placed = { orders: Array<ReturnType<typeof placedOrderView>> };

/** The stored answer carries no images (kept small); QR SVGs are drawn again when sent. */
async function withImages(statusCode: number, text: string) {
  const body = JSON.parse(text) as Placed;
  for (const order of body.orders) {
    const qr = order.vietqr as (Record<string, unknown> & { payload?: string }) | undefined;
    if (qr?.payload) qr.svg = await renderVietQr(qr.payload);
  }
  return json(statusCode, body);
}

/**
 * Checkout: one order per seller, all written in one transaction or none (409 naming each line
 * that failed). Idempotency-Key required: the same key and body answer the first result and
 * write nothing; another body under the key is 422 idempotency.mismatch.
 */
export const handler = httpHandler({ body: PlaceOrderSchema }, async ({ body, event, now }) => {
  const key = event.headers?.['idempotency-key'];
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new AppError(
      'idempotency.keyRequired',
      'Send an Idempotency-Key header (8–128 characters: letters, digits, - _ . :)',
    );
  }
  const bodyHash = sha256(JSON.stringify(body));
  const mismatch = () =>
    new AppError('idempotency.mismatch', 'This Idempotency-Key was used with another body');
  // One read: the products, their sellers and an earlier answer under this key.
  const first = await readCheckout(
    body.lines.map((l) => l.productId),
    key,
    now,
  );
  const prior = first.prior;
  if (prior) {
    if (prior.bodyHash !== bodyHash) throw mismatch();
    return withImages(prior.statusCode, prior.response);
  }

  // Lines as sent → their index, for failures (the core merges repeated product/date lines).
  const indexOf = (productId: string, date?: string) =>
    body.lines.findIndex((l) => l.productId === productId && (l.date ?? '') === (date ?? ''));

  for (let attempt = 0; attempt < 5; attempt++) {
    const { products, sellers } =
      attempt === 0
        ? first
        : await readCheckout(
            body.lines.map((l) => l.productId),
            undefined,
            now,
          );
    const { groups, failures } = priceCart({
      lines: body.lines,
      products,
      sellers,
      delivery: body.delivery.method,
      payment: body.payment,
      now,
    });
    if (failures.length > 0)
      throw linesFailed(failures.map((f) => ({ ...f, index: indexOf(f.productId, f.date) })));

    const tokens = groups.map(() => randomBytes(16).toString('base64url'));
    const orders = buildOrders({
      groups,
      body,
      checkoutId: randomUUID(),
      codes: groups.map(() => orderCodeFromBytes(randomBytes(16))),
      tokenHashes: tokens.map(sha256),
      now,
      paymentMinutes: config.ORDER_PAYMENT_MINUTES,
    });
    const response = JSON.stringify({
      orders: orders.map((order, i) => placedOrderView(order, tokens[i] as string)),
    });
    const outcome = await placeOrders({
      orders,
      products,
      idempotency: { key, bodyHash, response, statusCode: 201 },
      hoarding: {
        phone: body.buyer.phone,
        maxUnpaid: config.ORDERS_UNPAID_PER_PHONE,
        address: clientAddress(event),
        maxPerHour: config.ORDERS_PER_ADDRESS_PER_HOUR,
      },
      piiDays: config.PII_RETENTION_DAYS,
      now,
    });
    switch (outcome.kind) {
      case 'placed':
        logger.info('orders placed', {
          codes: orders.map((o) => o.code),
          lines: body.lines.length,
        });
        return withImages(201, response);
      case 'replay':
        if (outcome.record.bodyHash !== bodyHash) throw mismatch();
        return withImages(outcome.record.statusCode, outcome.record.response);
      case 'linesFailed':
        throw linesFailed(
          outcome.failures.map((f) => ({ ...f, index: indexOf(f.productId, f.date) })),
        );
      case 'tooManyUnpaid':
        throw new AppError(
          'order.tooManyUnpaid',
          'This phone number holds too many unpaid orders',
          {
            limit: config.ORDERS_UNPAID_PER_PHONE,
            retryAfterSeconds: outcome.retryAfterSeconds,
          },
        );
      case 'rateLimited':
        throw new AppError('order.rateLimited', 'Too many orders from this address this hour', {
          limit: config.ORDERS_PER_ADDRESS_PER_HOUR,
          retryAfterSeconds: outcome.retryAfterSeconds,
        });
      case 'stale':
      case 'codeTaken':
        continue; // the catalog changed under us, or a code collided: price and write again
    }
  }
  throw new Error('Checkout did not settle after 5 attempts');
});
