/**
 * Checkout through the local host: `POST /api/orders` over HTTP (two goods lines of one seller,
 * VietQR, so the answer carries the QR) against DynamoDB Local's own TransactWriteItems rate with
 * the same number of actions (6: idempotency record, phone hold, address count, order, two stock
 * updates, of the same shapes and conditions), measured in the same run through the same database
 * endpoint (the host's durable proxy) at the same concurrency.
 *
 *   npm run bench -- orders [orders=300] [concurrency=4]
 *
 * Each client orders its own two products, so neither side measures conflicts between buyers (the
 * integration tests cover those). Goal: ≥ 0.5× the baseline's rate; p50/p95 are reported too.
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
    'POST /api/orders (2 lines, 1 seller) through the local host vs TransactWriteItems with the same 6 actions, same DynamoDB Local, same run',
  async run(args) {
    const total = Number(args[0] ?? 300);
    const concurrency = Number(args[1] ?? 4);
    const host = await startBenchHost('orders', { ORDERS_PER_ADDRESS_PER_HOUR: '1000000' });
    try {
      const { db } = await import('../shared/db/client');
      const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
      const { insertMany } = await import('../shared/db/products');
      const { doc, tableName } = db();
      const now = new Date();
      const sellerId = await putBenchSeller('7800205123456', {
        pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
        shipping: { enabled: true, fee: 30_000 },
        cod: true,
      });
      const products = Array.from({ length: concurrency * 2 }, (_, i) =>
        benchProduct(
          sellerId,
          `pr-bench-${i}-${randomUUID().slice(0, 8)}`,
          `Tôm khô ${i}`,
          [{ minQuantity: 3, unitPrice: 450_000 }],
          now,
        ),
      );
      await insertMany(products, 'approved', now);

      const order = async (client: number) => {
        const res = await fetch(`${host.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            buyer: benchBuyer(),
            delivery: { method: 'pickup' },
            payment: 'vietqr',
            lines: [
              { productId: products[client * 2]?.id, quantity: 1 },
              { productId: products[client * 2 + 1]?.id, quantity: 3 },
            ],
          }),
        });
        if (res.status !== 201)
          throw new Error(`order answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };

      /** The same six actions, shaped like the checkout's, on items of their own. */
      const transaction = async (client: number) => {
        const at = new Date().toISOString();
        const code = `BENCH${randomUUID()}`;
        const stock = (id: string, q: number) => ({
          Update: {
            TableName: tableName,
            Key: { pk: `PRODUCT#${id}`, sk: 'PRODUCT' },
            UpdateExpression: 'SET changedAt = :at, gsi2sk = :sk ADD stock :delta, listingSeq :one',
            ConditionExpression:
              'attribute_exists(pk) AND #status = :active AND stock >= :q AND #version = :v AND sellerListed = :listed',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ':at': at,
              ':sk': `${at}#${id}`,
              ':delta': -q,
              ':one': 1,
              ':active': 'active',
              ':q': q,
              ':v': 1,
              ':listed': true,
            },
          },
        });
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: `BENCHIDEM#${code}`,
                    sk: 'X',
                    bodyHash: 'x'.repeat(64),
                    response: 'x'.repeat(1500),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: { pk: `BENCHHOLD#${code}`, sk: 'HOLD' },
                  UpdateExpression: 'ADD holds :e',
                  ConditionExpression: 'attribute_not_exists(holds) OR size(holds) <= :room',
                  ExpressionAttributeValues: { ':e': new Set([code]), ':room': 2 },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: { pk: `BENCHRATE#${client}`, sk: 'RATE' },
                  UpdateExpression: 'ADD placed :n',
                  ConditionExpression: 'attribute_not_exists(placed) OR placed <= :room',
                  ExpressionAttributeValues: { ':n': 1, ':room': 1e9 },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: `BENCHORDER#${code}`,
                    sk: 'ORDER',
                    gsi1pk: `SELLER#${sellerId}`,
                    gsi1sk: `BENCH#${at}#${code}`,
                    payload: 'x'.repeat(1200),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              stock(products[client * 2]?.id as string, 1),
              stock(products[client * 2 + 1]?.id as string, 3),
            ],
          }),
        );
      };

      // Warm both paths (handler imports, QR renderer, connections), then alternate halves so
      // drift hits both alike.
      await runClients(concurrency * 5, concurrency, (_, c) => order(c));
      await runClients(concurrency * 5, concurrency, (_, c) => transaction(c));
      const half = Math.ceil(total / 2);
      const a1 = await runClients(half, concurrency, (_, c) => order(c));
      const b1 = await runClients(half, concurrency, (_, c) => transaction(c));
      const b2 = await runClients(half, concurrency, (_, c) => transaction(c));
      const a2 = await runClients(half, concurrency, (_, c) => order(c));
      return rateAndLatencyRows(joined(a1, a2), joined(b1, b2), {
        figure: `orders placed/s (concurrency ${concurrency})`,
        baselineName: 'TransactWriteItems (6 actions)/s',
      });
    } finally {
      await host.stop();
    }
  },
};

export default bench;
