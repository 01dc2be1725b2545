import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db } from '../../../shared/db/client';
import { getOrder, listRefunds } from '../../../shared/db/orders';
import { getTransfer, listOrderPayments, transferIdOf } from '../../../shared/db/payments';
import { officerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';
import { payosDocData } from '../../unit/payments/fixtures';
import { seller } from '../orders/fixtures';
import { bankText, type Connection, connect, deliver, nextTxn, vietqrOrder } from './fixtures';

/** Ledger sales of one order (a Query on the seller's ledger, filtered to the order). */
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

const PROVIDERS = [
  ['payos', undefined],
  ['sepay', 'apikey'],
  ['sepay', 'hmac'],
  ['casso', undefined],
] as const;

describe('webhook receivers', () => {
  it.each(PROVIDERS)('%s (%s): a signed delivery pays the order, once', async (provider, auth) => {
    const s = await seller();
    const conn = await connect(s, provider, auth);
    const order = await vietqrOrder(s);
    const txn = nextTxn();
    const transfer = {
      amount: order.total,
      content: bankText(order.code),
      account: order.account,
      txn,
    };

    const first = await deliver(conn, transfer);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ success: true });
    const paid = await getOrder(order.code);
    expect(paid).toMatchObject({
      amountPaid: order.total,
      paymentStatus: 'paid',
      saleRecorded: true,
    });
    expect(await salesOf(s.sellerId, order.code)).toHaveLength(1);

    // The buyer's page shows it paid.
    const page = await call('GET /api/orders/{code}', {
      path: { code: order.code },
      query: { t: order.accessToken },
    });
    expect(page.body.paymentStatus ?? page.body.order?.paymentStatus).toBe('paid');

    // The same delivery again (a provider retry): 200, nothing written.
    const before = await tableSnapshot();
    const again = await deliver(conn, transfer);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ success: true });
    expect(await tableSnapshot()).toBe(before);
    expect(await listOrderPayments(order.code)).toHaveLength(1);
  });

  it.each(PROVIDERS)(
    '%s (%s): bad, stale, foreign-connection and one-byte-altered deliveries are 401 and write nothing',
    async (provider, auth) => {
      const s = await seller();
      const conn = await connect(s, provider, auth);
      const other = await connect(s, provider, auth);
      const order = await vietqrOrder(s);
      const transfer = {
        amount: order.total,
        content: bankText(order.code),
        account: order.account,
      };
      const before = await tableSnapshot();
      const attempts = [
        deliver({ ...conn, secret: `${conn.secret}x` }, transfer),
        deliver(other, transfer, { to: conn.id }),
        deliver(conn, transfer, { to: 'Zz3dEf6hIj9kLm2nOp5qRs8t' }),
      ];
      // SePay's API-key mode sends the key and signs nothing: only the signing schemes catch an
      // altered body (docs/payments.md recommends SePay's HMAC mode for that reason).
      if (!(provider === 'sepay' && auth === 'apikey'))
        attempts.push(
          deliver(conn, transfer, {
            tamper: (raw) => raw.replace(String(order.total), String(order.total + 1)),
          }),
          deliver(conn, transfer, {
            tamper: (raw) => raw.replace(order.code, order.code.toLowerCase()),
          }),
        );
      if (provider !== 'payos' && !(provider === 'sepay' && auth === 'apikey'))
        attempts.push(deliver(conn, { ...transfer, at: new Date(Date.now() - 6 * 60_000) }));
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('webhook.unauthorized');
      }
      const missing = await call('POST /api/webhooks/{provider}/{connectionId}', {
        path: { provider, connectionId: conn.id },
        rawBody: JSON.stringify({ data: { amount: 1 } }),
        headers: { 'content-type': 'application/json', authorization: '' },
      });
      expect(missing.status).toBe(401);
      // The connection's provider is part of its URL: the right secret at another provider's URL fails.
      const wrongProvider = await call('POST /api/webhooks/{provider}/{connectionId}', {
        path: { provider: provider === 'casso' ? 'payos' : 'casso', connectionId: conn.id },
        rawBody: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(wrongProvider.status).toBe(401);
      expect(await tableSnapshot()).toBe(before);
      expect((await getOrder(order.code))?.amountPaid).toBe(0);
    },
  );

  it('a disabled connection is refused', async () => {
    const s = await seller();
    const conn = await connect(s, 'casso');
    const order = await vietqrOrder(s);
    const off = await call('DELETE /api/seller/payment-connections/{connectionId}', {
      headers: s.headers,
      path: { connectionId: conn.id },
    });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('disabled');
    const res = await deliver(conn, {
      amount: order.total,
      content: bankText(order.code),
      account: order.account,
    });
    expect(res.status).toBe(401);
    expect((await getOrder(order.code))?.amountPaid).toBe(0);
  });

  it('partial payments add up: unpaid → partially_paid → paid, one sale; the buyer page asks for the rest', async () => {
    const s = await seller();
    const conn = await connect(s, 'sepay', 'hmac');
    const order = await vietqrOrder(s, 300_000);
    await deliver(conn, { amount: 100_000, content: bankText(order.code), account: order.account });
    expect(await getOrder(order.code)).toMatchObject({
      amountPaid: 100_000,
      paymentStatus: 'partially_paid',
      saleRecorded: false,
    });
    expect(await salesOf(s.sellerId, order.code)).toHaveLength(0);
    const page = await call('GET /api/orders/{code}', {
      path: { code: order.code },
      query: { t: order.accessToken },
    });
    expect(JSON.stringify(page.body)).toContain('"paymentStatus":"partially_paid"');
    await deliver(conn, {
      amount: order.total - 100_000,
      content: bankText(order.code),
      account: order.account,
    });
    expect(await getOrder(order.code)).toMatchObject({
      amountPaid: order.total,
      paymentStatus: 'paid',
      saleRecorded: true,
    });
    expect(await salesOf(s.sellerId, order.code)).toHaveLength(1);
  });

  it('over-payment leaves a refund-due record for the excess only', async () => {
    const s = await seller();
    const conn = await connect(s, 'payos');
    const order = await vietqrOrder(s, 200_000);
    await deliver(conn, { amount: 150_000, content: bankText(order.code), account: order.account });
    await deliver(conn, { amount: 100_000, content: bankText(order.code), account: order.account });
    expect(await getOrder(order.code)).toMatchObject({
      amountPaid: 250_000,
      paymentStatus: 'overpaid',
    });
    const refunds = await listRefunds(s.sellerId, 'open');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ orderCode: order.code, amount: 50_000, reason: 'overpaid' });
    // The seller closes it with the bank reference of the transfer back.
    const closed = await call('POST /api/seller/refunds/{refundId}/close', {
      headers: s.headers,
      path: { refundId: refunds[0]?.id as string },
      body: { bankReference: 'FT-REFUND-001' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(await listRefunds(s.sellerId, 'open')).toEqual([]);
    expect(await salesOf(s.sellerId, order.code)).toHaveLength(1);
  });

  it('money for a cancelled order is recorded, flagged for refund, and makes no sale', async () => {
    const s = await seller();
    const conn = await connect(s, 'casso');
    const order = await vietqrOrder(s);
    const cancel = await call('POST /api/seller/orders/{code}/actions', {
      headers: s.headers,
      path: { code: order.code },
      body: { action: 'cancel', reason: 'Hết hàng' },
    });
    expect(cancel.status).toBe(200);
    const res = await deliver(conn, {
      amount: order.total,
      content: bankText(order.code),
      account: order.account,
    });
    expect(res.status).toBe(200);
    expect(await getOrder(order.code)).toMatchObject({
      status: 'cancelled',
      amountPaid: order.total,
      saleRecorded: false,
    });
    expect(await salesOf(s.sellerId, order.code)).toHaveLength(0);
    const refunds = await listRefunds(s.sellerId, 'open');
    expect(refunds.map((r) => [r.amount, r.reason])).toEqual([[order.total, 'paidAfterCancel']]);
  });

  it("seller A's connection never pays seller B's order: the transfer is A's unmatched, B's order untouched", async () => {
    const a = await seller();
    const b = await seller();
    const connA = await connect(a, 'sepay');
    const orderB = await vietqrOrder(b);
    const txn = nextTxn();
    const res = await deliver(connA, {
      amount: orderB.total,
      content: bankText(orderB.code),
      account: orderB.account,
      txn,
    });
    expect(res.status).toBe(200);
    expect(await getOrder(orderB.code)).toMatchObject({ amountPaid: 0, paymentStatus: 'unpaid' });
    const record = await getTransfer(transferIdOf('sepay', txn));
    expect(record).toMatchObject({
      state: 'unmatched',
      reason: 'otherSeller',
      sellerId: a.sellerId,
    });
    // A cannot match it to B's order by hand either.
    const match = await call('POST /api/seller/transfers/{transferId}/actions', {
      headers: a.headers,
      path: { transferId: record?.id as string },
      body: { action: 'match', orderCode: orderB.code },
    });
    expect(match.status).toBe(404);
    expect(await getOrder(orderB.code)).toMatchObject({ amountPaid: 0 });
    // B does not see A's transfer.
    const listB = await call('GET /api/seller/transfers', {
      headers: b.headers,
      query: { state: 'unmatched' },
    });
    expect(listB.body.items).toEqual([]);
  });

  it('a transfer into another account than the order asked for is unmatched (wrongAccount)', async () => {
    const s = await seller();
    const conn = await connect(s, 'payos');
    const order = await vietqrOrder(s);
    const txn = nextTxn();
    await deliver(conn, {
      amount: order.total,
      content: bankText(order.code),
      account: '9999999999',
      txn,
    });
    expect(await getTransfer(transferIdOf('payos', txn))).toMatchObject({
      state: 'unmatched',
      reason: 'wrongAccount',
    });
    expect((await getOrder(order.code))?.amountPaid).toBe(0);
  });

  it("answers payOS's registration test 200 and keeps signed deliveries it cannot read for review", async () => {
    const s = await seller();
    const conn = await connect(s, 'payos');
    const { payosSignature } = await import('../../../shared/payments/providers/payos');
    const data = payosDocData();
    const test = await call('POST /api/webhooks/{provider}/{connectionId}', {
      path: { provider: 'payos', connectionId: conn.id },
      rawBody: JSON.stringify({
        code: '00',
        desc: 'success',
        success: true,
        data,
        signature: payosSignature(data, conn.secret),
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(test.status).toBe(200);
    expect(test.body).toEqual({ success: true });
    const sepay = await connect(s, 'sepay');
    const odd = JSON.stringify({
      id: 5551212,
      transferType: 'in',
      transferAmount: 'many',
      content: 'x',
    });
    const res = await call('POST /api/webhooks/{provider}/{connectionId}', {
      path: { provider: 'sepay', connectionId: sepay.id },
      rawBody: odd,
      headers: { 'content-type': 'application/json', authorization: `Apikey ${sepay.secret}` },
    });
    expect(res.status).toBe(200);
    const kept = await getTransfer(transferIdOf('sepay', '5551212'));
    expect(kept).toMatchObject({ state: 'review', rawBody: odd, sellerId: s.sellerId });
    const officer = await officerSession();
    const queue = await call('GET /api/seller/transfers', {
      headers: officer.headers,
      query: { state: 'review' },
    });
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(kept?.id);
  });

  it('concurrent transfers to one order lose no amount (20 at once, three providers)', async () => {
    const s = await seller();
    const conns: Connection[] = [
      await connect(s, 'payos'),
      await connect(s, 'sepay', 'hmac'),
      await connect(s, 'casso'),
    ];
    const order = await vietqrOrder(s, 2_000_000);
    const amounts = Array.from({ length: 20 }, (_, i) => 10_000 + i * 1_000);
    const results = await Promise.all(
      amounts.map((amount, i) =>
        deliver(conns[i % 3] as Connection, {
          amount,
          content: bankText(order.code),
          account: order.account,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(amounts.map(() => 200));
    const after = await getOrder(order.code);
    const sum = amounts.reduce((a, b) => a + b, 0);
    expect(after?.amountPaid).toBe(sum);
    const payments = await listOrderPayments(order.code);
    expect(payments).toHaveLength(20);
    expect(payments.reduce((a, p) => a + p.amount, 0)).toBe(sum);
  });

  it('stores the secret sealed: the item never holds it, and a sealed secret moved to another connection does not open', async () => {
    const s = await seller();
    const a = await connect(s, 'casso');
    const b = await connect(s, 'casso');
    const { doc, tableName } = db();
    const item = (
      await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk: `PAYCONN#${a.id}`, sk: 'PAYCONN' } }),
      )
    ).Item;
    expect(JSON.stringify(item)).not.toContain(a.secret);
    expect(JSON.stringify(item)).not.toContain(a.secret.slice(0, 12));
    // Move A's sealed secret onto B: B's webhooks then fail closed (the seal is bound to its connection).
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `PAYCONN#${b.id}`, sk: 'PAYCONN' },
        UpdateExpression: 'SET sealed = :s',
        ExpressionAttributeValues: { ':s': item?.sealed },
      }),
    );
    const order = await vietqrOrder(s);
    const res = await deliver(
      { ...b, secret: a.secret },
      { amount: order.total, content: bankText(order.code), account: order.account },
    );
    expect(res.status).toBe(401);
  });
});
