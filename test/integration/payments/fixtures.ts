import { randomBytes, randomUUID } from 'node:crypto';
import { getOrder } from '../../../shared/db/orders';
import type { Provider } from '../../../shared/payments/providers/common';
import type { SepayAuth } from '../../../shared/payments/providers/sepay';
import { buildDelivery } from '../../../shared/payments/simulate';
import { call } from '../../helpers/call';
import { goods, orderBody, place, type seller } from '../orders/fixtures';

export type Session = Awaited<ReturnType<typeof seller>>;

let addressCounter = 0;
/** A seller's VietQR order of `price` (one line), placed through the real checkout. */
export async function vietqrOrder(s: Session, price = 250_000) {
  const product = await goods(s.sellerId, { price, priceTiers: [] });
  const address = `198.51.${Math.floor(++addressCounter / 200)}.${addressCounter % 200}`;
  const res = await place(
    orderBody([{ productId: product.id, quantity: 1 }]),
    randomUUID(),
    address,
  );
  if (res.status !== 201)
    throw new Error(`checkout failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { code, accessToken } = res.body.orders[0] as { code: string; accessToken: string };
  const order = await getOrder(code);
  if (!order?.payee) throw new Error('order without payee');
  return { code, accessToken, total: order.total, account: order.payee.accountNumber };
}

/** A new connection through the API; the secret is returned for signing test deliveries. */
export async function connect(s: Session, provider: Provider, sepayAuth?: SepayAuth) {
  const secret = `test-${provider}-${randomBytes(16).toString('hex')}`;
  const res = await call('POST /api/seller/payment-connections', {
    headers: s.headers,
    body: { provider, secret, ...(sepayAuth ? { sepayAuth } : {}) },
  });
  if (res.status !== 201)
    throw new Error(`connect failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, provider, secret, ...(sepayAuth ? { sepayAuth } : {}) };
}
export type Connection = Awaited<ReturnType<typeof connect>>;

let txn = 700_000;
export const nextTxn = () => String(++txn);

/** POSTs a delivery signed as the provider would for `connection`, to `connectionId`'s URL. */
export function deliver(
  connection: Connection,
  transfer: { amount: number; content: string; account: string; txn?: string; at?: Date },
  options: { to?: string; tamper?: (raw: string) => string } = {},
) {
  const { rawBody, headers } = buildDelivery(connection.provider, connection, {
    transactionId: transfer.txn ?? nextTxn(),
    amount: transfer.amount,
    content: transfer.content,
    accountNumber: transfer.account,
    at: transfer.at ?? new Date(),
  });
  return call('POST /api/webhooks/{provider}/{connectionId}', {
    path: { provider: connection.provider, connectionId: options.to ?? connection.id },
    rawBody: options.tamper ? options.tamper(rawBody) : rawBody,
    headers,
  });
}

export const bankText = (code: string) => `MBVCB.3278907687.${code}.CT tu 0912345678 NGUYEN VAN A`;

/** The same delivery as `deliver`, POSTed over real HTTP to a running host at `baseUrl`. */
export async function deliverOverHttp(
  baseUrl: string,
  connection: Connection,
  transfer: { amount: number; content: string; account: string; txn: string; at?: Date },
): Promise<{ status: number; body: unknown }> {
  const { rawBody, headers } = buildDelivery(connection.provider, connection, {
    transactionId: transfer.txn,
    amount: transfer.amount,
    content: transfer.content,
    accountNumber: transfer.account,
    at: transfer.at ?? new Date(),
  });
  const res = await fetch(`${baseUrl}/api/webhooks/${connection.provider}/${connection.id}`, {
    method: 'POST',
    headers,
    body: rawBody,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: res.status, body };
}
