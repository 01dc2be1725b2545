import { randomInt } from 'node:crypto';
import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { getOrder } from '../../shared/db/orders';
import { listConnections } from '../../shared/db/payments';
import { AppError } from '../../shared/errors';
import { normaliseOrderCode } from '../../shared/orders/code';
import { amountDue } from '../../shared/orders/order';
import { PROVIDERS } from '../../shared/payments/providers/common';
import { buildDelivery } from '../../shared/payments/simulate';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';
import { openConnectionSecret } from './connection-secrets';

const config = getConfig();

const Body = z.strictObject({
  orderCode: z.string().check(z.regex(/^[A-Za-z0-9 .-]{9,20}$/, 'An order code')),
  amount: z.optional(z.int().check(z.minimum(1), z.maximum(10_000_000_000))),
  provider: z.optional(z.enum(PROVIDERS)),
});

/**
 * LOCAL HOST ONLY (infra/routes.ts `localOnly`; never deployed, and refused here outside the local
 * host and tests): what a bank transfer for an order looks like to this service. Builds the
 * delivery exactly as the provider would sign it for the order seller's own connection and POSTs
 * it to the real receiver over HTTP, so the demo exercises the whole path. Default amount: what
 * is still due.
 */
export const handler = httpHandler({ body: Body }, async ({ body, event, now }) => {
  if (config.HOST_KIND === 'aws') throw new AppError('route.notFound', 'No such route');
  const code = normaliseOrderCode(body.orderCode);
  const order = code ? await getOrder(code) : undefined;
  if (!order?.payee) throw new AppError('order.notFound', 'No such order');
  const connections = (await listConnections(order.sellerId)).filter(
    (c) => !c.disabledAt && (!body.provider || c.provider === body.provider),
  );
  const connection = connections.find((c) => c.provider === 'payos') ?? connections[0];
  const secret = connection ? await openConnectionSecret(connection) : undefined;
  if (!connection || secret === undefined)
    throw new AppError('paymentConnection.notFound', 'The seller has no such payment connection');
  const amount = body.amount ?? (amountDue(order) || order.total);
  const delivery = buildDelivery(
    connection.provider,
    { secret, ...(connection.sepayAuth ? { sepayAuth: connection.sepayAuth } : {}) },
    {
      transactionId: String(randomInt(100_000_000, 999_999_999)),
      amount,
      content: `MBVCB.${randomInt(1e9, 9e9)}.${order.code}.CT tu 0900000000 NGUOI MUA THU`,
      accountNumber: order.payee.accountNumber,
      at: now,
    },
  );
  const host = event.headers?.host ?? 'localhost';
  const path = `/api/webhooks/${connection.provider}/${connection.id}`;
  const res = await fetch(`http://${host}${path}`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.rawBody,
  });
  const answer = (await res.json().catch(() => ({}))) as unknown;
  logger.info('simulated transfer sent', {
    orderCode: order.code,
    provider: connection.provider,
    status: res.status,
  });
  return ok({
    provider: connection.provider,
    amount,
    webhookPath: path,
    status: res.status,
    answer,
  });
});
