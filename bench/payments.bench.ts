/**
 * Payment confirmation through the local host: signed webhook deliveries (payOS, SePay HMAC and
 * Casso in turn), each paying one order in full over HTTP, against DynamoDB Local's own
 * TransactWriteItems rate with the same number of actions (5: the order replaced on its version,
 * the transfer claim, the payment record, the buyer's hold released, the ledger sale, of the same
 * shapes and conditions), measured in the same run through the same database endpoint (the host's
 * durable proxy) at the same concurrency.
 *
 *   npm run bench -- payments [deliveries=300] [concurrency=4]
 *
 * Goal: ≥ 0.5× the baseline's rate; p50/p95 are reported too. Orders are placed beforehand
 * through the real checkout (not timed).
 */
import { randomUUID } from 'node:crypto';
import type { BenchModule } from './harness';
import {
  benchBuyer,
  benchProduct,
  joined,
  putBenchSeller,
  rateAndLatencyRows,
  runClients,
  startBenchHost,
} from './local-host';

const bench: BenchModule = {
  description:
    'signed webhook deliveries confirmed (each pays an order in full) through the local host vs TransactWriteItems with the same 5 actions, same DynamoDB Local, same run',
  async run(args) {
    const total = Number(args[0] ?? 300);
    const concurrency = Number(args[1] ?? 4);
    const warm = concurrency * 5;
    const host = await startBenchHost('payments', {
      ORDERS_PER_ADDRESS_PER_HOUR: '1000000',
      ORDERS_UNPAID_PER_PHONE: '100',
    });
    try {
      const { db } = await import('../shared/db/client');
      const { PutCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
      const { insertMany } = await import('../shared/db/products');
      const { putConnectionIfAbsent } = await import('../shared/db/payments');
      const { sealConnectionSecret } = await import('../functions/payments/connection-secrets');
      const { newConnectionId } = await import('../functions/payments/create-connection');
      const { buildDelivery } = await import('../shared/payments/simulate');
      const { doc, tableName } = db();
      const now = new Date();
      const account = '7800205123456';
      const sellerId = await putBenchSeller(account);
      const productId = `pr-bench-${randomUUID().slice(0, 8)}`;
      await insertMany([benchProduct(sellerId, productId, 'Tôm khô', [], now)], 'approved', now);
      const secret = `bench-secret-${randomUUID()}`;
      const connections: Array<{ id: string; provider: 'payos' | 'sepay' | 'casso' }> = [];
      for (const provider of ['payos', 'sepay', 'casso'] as const) {
        const id = newConnectionId();
        await putConnectionIfAbsent({
          id,
          sellerId,
          provider,
          ...(provider === 'sepay' ? { sepayAuth: 'hmac' as const } : {}),
          sealed: await sealConnectionSecret(secret, id, sellerId),
          secretLast4: secret.slice(-4),
          createdAt: now.toISOString(),
        });
        connections.push({ id, provider });
      }
      // One order per delivery, placed through the real checkout beforehand.
      const codes: Array<{ code: string; total: number }> = [];
      await runClients(warm + total, concurrency, async () => {
        const res = await fetch(`${host.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            buyer: benchBuyer(),
            delivery: { method: 'pickup' },
            payment: 'vietqr',
            lines: [{ productId, quantity: 1 }],
          }),
        });
        const body = (await res.json()) as { orders?: Array<{ code: string; total: number }> };
        const placed = body.orders?.[0];
        if (res.status !== 201 || !placed) throw new Error(`checkout answered ${res.status}`);
        codes.push({ code: placed.code, total: placed.total ?? 500_000 });
      });
      let txn = 1_000_000;
      const deliver = async (i: number) => {
        const order = codes[i] as { code: string; total: number };
        const connection = connections[i % 3] as {
          id: string;
          provider: 'payos' | 'sepay' | 'casso';
        };
        const d = buildDelivery(
          connection.provider,
          { secret, sepayAuth: 'hmac' },
          {
            transactionId: String(++txn),
            amount: order.total,
            content: `MBVCB.${txn}.${order.code}.CT tu 0912345678`,
            accountNumber: account,
            at: new Date(),
          },
        );
        const res = await fetch(
          `${host.url}/api/webhooks/${connection.provider}/${connection.id}`,
          {
            method: 'POST',
            headers: d.headers,
            body: d.rawBody,
          },
        );
        if (res.status !== 200)
          throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };

      /** The same five actions, shaped like a confirmation's, on items of their own. */
      const baselineIds: string[] = [];
      await runClients(warm + total + 1, concurrency, async () => {
        const id = randomUUID();
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { pk: `BENCHORDER#${id}`, sk: 'ORDER', version: 1 },
          }),
        );
        baselineIds.push(id);
      });
      let nextBaseline = 0;
      const transaction = async () => {
        const at = new Date().toISOString();
        const id = baselineIds[nextBaseline++] as string;
        const orderPk = `BENCHORDER#${id}`;
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: orderPk,
                    sk: 'ORDER',
                    version: 2,
                    gsi1pk: `SELLER#${sellerId}`,
                    gsi1sk: `BENCH#${at}`,
                    payload: 'x'.repeat(1500),
                  },
                  ConditionExpression: '#version = :v',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':v': 1 },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: `BENCHTRANSFER#${id}`,
                    sk: 'TRANSFER',
                    gsi1pk: `SELLER#${sellerId}`,
                    gsi1sk: `BENCHT#${at}`,
                    payload: 'x'.repeat(500),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: orderPk,
                    sk: `PAYMENT#${id}`,
                    amount: 500_000,
                    payload: 'x'.repeat(150),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: { pk: `BENCHHOLD#${id}`, sk: 'HOLD' },
                  UpdateExpression: 'DELETE holds :e',
                  ExpressionAttributeValues: { ':e': new Set([id]) },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: `BENCHLEDGER#${at.slice(0, 7)}`,
                    sk: `${at}#${id}`,
                    gsi1pk: `SELLER#${sellerId}`,
                    gsi1sk: `BENCHL#${at}`,
                    payload: 'x'.repeat(300),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
      };

      // Warm both paths, then alternate halves so drift hits both alike. The baseline's orders
      // exist beforehand (untimed), as the receiver's do; the receiver also reads the connection
      // and the order before its transaction, the baseline reads nothing.
      await runClients(warm, concurrency, (i) => deliver(i));
      await runClients(warm, concurrency, () => transaction());
      const half = Math.ceil(total / 2);
      const a1 = await runClients(half, concurrency, (i) => deliver(warm + i));
      const b1 = await runClients(half, concurrency, () => transaction());
      const b2 = await runClients(half, concurrency, () => transaction());
      const a2 = await runClients(total - half, concurrency, (i) => deliver(warm + half + i));
      return rateAndLatencyRows(joined(a1, a2), joined(b1, b2), {
        figure: `deliveries confirmed/s (concurrency ${concurrency})`,
        baselineName: 'TransactWriteItems (5 actions)/s',
      });
    } finally {
      await host.stop();
    }
  },
};

export default bench;
