import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { expireDueOrders } from '../../../functions/jobs/expire-orders';
import { db } from '../../../shared/db/client';
import { getOrder, listOrderRefunds } from '../../../shared/db/orders';
import { getProduct } from '../../../shared/db/products';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';
import { goods, orderBody, place, seller } from '../orders/fixtures';
import { bankText, connect, deliver, type Session } from './fixtures';

/**
 * "Fulfil anyway": money that arrives for an expired (or cancelled) order is recorded and owed
 * back; the seller may instead reopen the order into the normal flow when the stock allows.
 */
async function salesOf(sellerId: string, code: string) {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :l)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':l': 'LEDGER#' },
    }),
  );
  return (out.Items ?? []).filter(
    (i) => i.kind === 'sale' && (i.reference as { id: string }).id === code,
  );
}

let address = 0;
/** A VietQR order of `quantity` of a fresh product with `stock`, left to expire, then paid `paid`. */
async function expiredThenPaid(s: Session, o: { stock: number; quantity: number; paid?: number }) {
  const product = await goods(s.sellerId, { price: 100_000, priceTiers: [], stock: o.stock });
  const placed = await place(
    orderBody([{ productId: product.id, quantity: o.quantity }]),
    randomUUID(),
    `198.51.200.${++address}`,
  );
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const code = placed.body.orders[0].code as string;
  await expireDueOrders(new Date(Date.now() + 24 * 60 * 60_000));
  const order = await getOrder(code);
  expect(order?.status).toBe('expired');
  const conn = await connect(s, 'casso');
  const res = await deliver(conn, {
    amount: o.paid ?? order?.total ?? 0,
    content: bankText(code),
    account: order?.payee?.accountNumber ?? '',
  });
  expect(res.status).toBe(200);
  return { code, total: order?.total ?? 0, productId: product.id };
}

const act = (s: Session, code: string, action: string) =>
  call('POST /api/seller/orders/{code}/actions', {
    headers: s.headers,
    path: { code },
    body: { action },
  });

describe('fulfil anyway', () => {
  it('reopens a paid expired order as confirmed: stock taken again, one sale, the refund withdrawn; then the normal flow', async () => {
    const s = await seller();
    const o = await expiredThenPaid(s, { stock: 5, quantity: 2 });
    expect((await getProduct(o.productId))?.stock).toBe(5);
    expect((await listOrderRefunds(s.sellerId, o.code)).map((r) => [r.reason, r.state])).toEqual([
      ['paidAfterExpiry', 'open'],
    ]);
    const view = await call('GET /api/seller/orders/{code}', {
      headers: s.headers,
      path: { code: o.code },
    });
    expect(view.body.order.allowedActions).toEqual(['fulfil']);

    const res = await act(s, o.code, 'fulfil');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.order).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
    expect(res.body.order.allowedActions).toEqual(['pickedUp', 'cancel']);
    const after = await getOrder(o.code);
    expect(after).toMatchObject({ status: 'confirmed', saleRecorded: true });
    expect(after?.endedAt).toBeUndefined();
    expect(after?.history.at(-1)).toMatchObject({ action: 'fulfil', by: 'seller' });
    expect((await getProduct(o.productId))?.stock).toBe(3);
    expect(await salesOf(s.sellerId, o.code)).toHaveLength(1);
    expect((await listOrderRefunds(s.sellerId, o.code)).map((r) => r.state)).toEqual(['withdrawn']);
    // The normal flow from here; fulfilling again is refused.
    expect((await act(s, o.code, 'fulfil')).status).toBe(409);
    expect((await act(s, o.code, 'pickedUp')).status).toBe(200);
    expect(await salesOf(s.sellerId, o.code)).toHaveLength(1);
  });

  it('an overpaid expired order: the excess stays owed back', async () => {
    const s = await seller();
    const o = await expiredThenPaid(s, { stock: 5, quantity: 1, paid: 130_000 });
    const res = await act(s, o.code, 'fulfil');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const refunds = await listOrderRefunds(s.sellerId, o.code);
    expect(
      refunds
        .map((r) => [r.reason, r.state, r.amount])
        .sort((a, b) => String(a).localeCompare(String(b))),
    ).toEqual([
      ['overpaid', 'open', 130_000 - o.total],
      ['paidAfterExpiry', 'withdrawn', 130_000],
    ]);
  });

  it('not enough stock any more: 409 order.outOfStock and nothing written', async () => {
    const s = await seller();
    const o = await expiredThenPaid(s, { stock: 3, quantity: 3 });
    // Someone else buys the stock the expiry gave back.
    const other = await place(
      orderBody([{ productId: o.productId, quantity: 2 }]),
      randomUUID(),
      '198.51.201.1',
    );
    expect(other.status).toBe(201);
    const before = await tableSnapshot();
    const res = await act(s, o.code, 'fulfil');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('order.outOfStock');
    expect(await tableSnapshot()).toBe(before);
    expect((await getOrder(o.code))?.status).toBe('expired');
  });

  it('two parallel attempts: one wins, the stock is taken once, one sale', async () => {
    const s = await seller();
    const o = await expiredThenPaid(s, { stock: 10, quantity: 2 });
    const results = await Promise.all([act(s, o.code, 'fulfil'), act(s, o.code, 'fulfil')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe('order.actionNotAllowed');
    expect((await getProduct(o.productId))?.stock).toBe(8);
    expect(await salesOf(s.sellerId, o.code)).toHaveLength(1);
    expect((await getOrder(o.code))?.history.filter((e) => e.action === 'fulfil')).toHaveLength(1);
  });

  it('refused once the money was given back, and for an expired order paid only in part', async () => {
    const s = await seller();
    const refunded = await expiredThenPaid(s, { stock: 5, quantity: 1 });
    const [refund] = await listOrderRefunds(s.sellerId, refunded.code);
    const closed = await call('POST /api/seller/refunds/{refundId}/close', {
      headers: s.headers,
      path: { refundId: refund?.id as string },
      body: { bankReference: 'FT-BACK-001' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const res = await act(s, refunded.code, 'fulfil');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('order.actionNotAllowed');
    expect((await getOrder(refunded.code))?.status).toBe('expired');

    const partly = await expiredThenPaid(s, { stock: 5, quantity: 1, paid: 10_000 });
    expect((await act(s, partly.code, 'fulfil')).status).toBe(409);
    const view = await call('GET /api/seller/orders/{code}', {
      headers: s.headers,
      path: { code: partly.code },
    });
    expect(view.body.order.allowedActions).toEqual([]);
  });

  it('a cancelled order: not while unpaid; paid after the cancel, it can be fulfilled', async () => {
    const s = await seller();
    const product = await goods(s.sellerId, { price: 100_000, priceTiers: [], stock: 5 });
    const placed = await place(orderBody([{ productId: product.id, quantity: 1 }]));
    const code = placed.body.orders[0].code as string;
    const cancel = await call('POST /api/seller/orders/{code}/actions', {
      headers: s.headers,
      path: { code },
      body: { action: 'cancel', reason: 'Khách đổi ý' },
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body.order.allowedActions).toEqual([]);
    expect((await act(s, code, 'fulfil')).status).toBe(409);
    const order = await getOrder(code);
    const conn = await connect(s, 'payos');
    await deliver(conn, {
      amount: order?.total ?? 0,
      content: bankText(code),
      account: order?.payee?.accountNumber ?? '',
    });
    const res = await act(s, code, 'fulfil');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await getOrder(code);
    expect(after).toMatchObject({ status: 'confirmed', saleRecorded: true });
    expect(after?.cancelReason).toBeUndefined();
    expect((await getProduct(product.id))?.stock).toBe(4);
    expect((await listOrderRefunds(s.sellerId, code)).map((r) => [r.reason, r.state])).toEqual([
      ['paidAfterCancel', 'withdrawn'],
    ]);
  });
});
