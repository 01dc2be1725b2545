import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db } from '../../../shared/db/client';
import { getOrder } from '../../../shared/db/orders';
import { getTransfer, transferIdOf } from '../../../shared/db/payments';
import { officerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';
import { seller } from '../orders/fixtures';
import { connect, deliver, nextTxn, type Session, vietqrOrder } from './fixtures';

const confirm = (s: Session, code: string, body: unknown) =>
  call('POST /api/seller/orders/{code}/payments', { headers: s.headers, path: { code }, body });
const act = (headers: Record<string, string>, transferId: string, body: unknown) =>
  call('POST /api/seller/transfers/{transferId}/actions', { headers, path: { transferId }, body });

async function ledgerOf(sellerId: string) {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :l)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':l': 'LEDGER#' },
    }),
  );
  return out.Items ?? [];
}

/** An unmatched transfer of `s` (its text names no order). */
async function unmatched(s: Session, amount = 80_000) {
  const conn = await connect(s, 'casso');
  const txn = nextTxn();
  await deliver(conn, { amount, content: 'chuyen tien an trua', account: '7800205123456', txn });
  const record = await getTransfer(transferIdOf('casso', txn));
  expect(record).toMatchObject({ state: 'unmatched', reason: 'noCode' });
  return record?.id as string;
}

describe('manual confirmation', () => {
  it('pays through the same path, answers a repeat with the first result, refuses a reused reference', async () => {
    const s = await seller();
    const order = await vietqrOrder(s);
    const first = await confirm(s, order.code, {
      amount: order.total,
      bankReference: 'FT 2433 7812',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      provider: 'manual',
      state: 'matched',
      orderCode: order.code,
      duplicate: false,
    });
    expect(first.body.result).toMatchObject({ paymentStatus: 'paid', sale: true });
    expect(await getOrder(order.code)).toMatchObject({
      amountPaid: order.total,
      paymentStatus: 'paid',
    });
    const other = await vietqrOrder(s);
    const before = await tableSnapshot();
    const again = await confirm(s, order.code, {
      amount: order.total,
      bankReference: 'ft 2433 7812',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true });
    const reused = await confirm(s, other.code, {
      amount: other.total,
      bankReference: 'FT 2433 7812',
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('payment.referenceUsed');
    const wrongAmount = await confirm(s, order.code, { amount: 1, bankReference: 'FT 2433 7812' });
    expect(wrongAmount.status).toBe(409);
    expect(await tableSnapshot()).toBe(before);
  });

  it("refuses another seller's order (404) and bad input (400), writing nothing", async () => {
    const a = await seller();
    const b = await seller();
    const orderB = await vietqrOrder(b);
    const before = await tableSnapshot();
    const res = await confirm(a, orderB.code, { amount: orderB.total, bankReference: 'FT999001' });
    expect(res.status).toBe(404);
    for (const body of [
      { amount: 0, bankReference: 'FT1234' },
      { amount: 12.5, bankReference: 'FT1234' },
      { amount: 1000, bankReference: 'x' },
      { amount: 1000, bankReference: 'FT<script>' },
      { amount: 1000 },
    ]) {
      const bad = await confirm(b, orderB.code, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('parallel confirmations with the same reference pay once', async () => {
    const s = await seller();
    const order = await vietqrOrder(s);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        confirm(s, order.code, { amount: 50_000, bankReference: 'FT-PARALLEL-1' }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    expect((await getOrder(order.code))?.amountPaid).toBe(50_000);
  });
});

describe('the unmatched queue', () => {
  it('the seller sees its own; officers see every seller’s; B sees none of A’s', async () => {
    const a = await seller();
    const b = await seller();
    const id = await unmatched(a);
    const mine = await call('GET /api/seller/transfers', {
      headers: a.headers,
      query: { state: 'unmatched' },
    });
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([id]);
    // A seller's own view does not carry seller names (it is all its own).
    expect(mine.body.items[0]).not.toHaveProperty('sellerName');
    const theirs = await call('GET /api/seller/transfers', {
      headers: b.headers,
      query: { state: 'unmatched', sellerId: a.sellerId },
    });
    expect(theirs.body.items).toEqual([]);
    const officer = await officerSession();
    const all = await call('GET /api/seller/transfers', {
      headers: officer.headers,
      query: { state: 'unmatched', limit: '100' },
    });
    expect(all.body.items.map((t: { id: string }) => t.id)).toContain(id);
    // Officers read each transfer with its seller's legal name.
    const row = all.body.items.find((t: { id: string }) => t.id === id);
    expect(row).toMatchObject({ sellerId: a.sellerId, sellerName: 'Hợp tác xã Thử nghiệm' });
    const bad = await call('GET /api/seller/transfers', {
      headers: officer.headers,
      query: { state: 'matched' },
    });
    expect(bad.status).toBe(400);
  });

  it('match: pays the order in the same transaction, records who and when, is safe to repeat', async () => {
    const s = await seller();
    const order = await vietqrOrder(s, 80_000);
    const id = await unmatched(s, 80_000);
    const res = await act(s.headers, id, { action: 'match', orderCode: order.code.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'matched', orderCode: order.code, duplicate: false });
    expect(res.body.resolution).toMatchObject({
      action: 'match',
      by: { accountId: s.accountId, role: 'seller' },
    });
    expect(await getOrder(order.code)).toMatchObject({ amountPaid: 80_000, paymentStatus: 'paid' });
    const before = await tableSnapshot();
    const again = await act(s.headers, id, { action: 'match', orderCode: order.code });
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    const otherAction = await act(s.headers, id, { action: 'notSale' });
    expect(otherAction.status).toBe(409);
    expect(otherAction.body.error.code).toBe('transfer.alreadyResolved');
    expect(await tableSnapshot()).toBe(before);
    expect((await ledgerOf(s.sellerId)).filter((e) => e.kind === 'sale')).toHaveLength(1);
  });

  it('parallel matches of one transfer to two orders pay exactly one of them', async () => {
    const s = await seller();
    const one = await vietqrOrder(s, 80_000);
    const two = await vietqrOrder(s, 80_000);
    const id = await unmatched(s, 80_000);
    const results = await Promise.all([
      act(s.headers, id, { action: 'match', orderCode: one.code }),
      act(s.headers, id, { action: 'match', orderCode: two.code }),
      act(s.headers, id, { action: 'notSale' }),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const paid = [(await getOrder(one.code))?.amountPaid, (await getOrder(two.code))?.amountPaid];
    expect(paid.reduce((x, y) => (x ?? 0) + (y ?? 0), 0)).toBeLessThanOrEqual(80_000);
  });

  it('not a sale, and counter sale (an offline vietqr sale in the ledger), each once; officers may act', async () => {
    const s = await seller();
    const personal = await unmatched(s, 30_000);
    const officer = await officerSession();
    const ns = await act(officer.headers, personal, { action: 'notSale' });
    expect(ns.status).toBe(200);
    expect(ns.body).toMatchObject({
      state: 'notSale',
      resolution: { action: 'notSale', by: { role: 'officer' } },
    });
    const counter = await unmatched(s, 45_000);
    const cs = await act(s.headers, counter, { action: 'counterSale', kind: 'goods' });
    expect(cs.status).toBe(200);
    expect(cs.body.state).toBe('counterSale');
    const again = await act(s.headers, counter, { action: 'counterSale' });
    expect(again.body.duplicate).toBe(true);
    const sales = (await ledgerOf(s.sellerId)).filter((e) => e.kind === 'sale');
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ channel: 'offline', method: 'vietqr', amount: 45_000 });
    const list = await call('GET /api/seller/counter-sales', { headers: s.headers });
    expect(JSON.stringify(list.body)).toContain(cs.body.resolution.counterSaleId);
  });

  it("another seller cannot act on A's transfer (404) and nothing changes", async () => {
    const a = await seller();
    const b = await seller();
    const id = await unmatched(a);
    const before = await tableSnapshot();
    for (const body of [
      { action: 'notSale' },
      { action: 'counterSale' },
      { action: 'match', orderCode: 'CS7K3QX9A' },
    ]) {
      const res = await act(b.headers, id, body);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('transfer.notFound');
    }
    expect(await tableSnapshot()).toBe(before);
  });
});
