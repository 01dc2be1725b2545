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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BenchModule, type Comparison, percentile } from './harness';

interface Timed {
  ms: number[];
  wallMs: number;
}

async function runClients(
  total: number,
  concurrency: number,
  one: (client: number, i: number) => Promise<void>,
): Promise<Timed> {
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t = performance.now();
        await one(client, i);
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms, wallMs: performance.now() - started };
}

const bench: BenchModule = {
  description:
    'POST /api/orders (2 lines, 1 seller) through the local host vs TransactWriteItems with the same 6 actions, same DynamoDB Local, same run',
  async run(args) {
    const total = Number(args[0] ?? 300);
    const concurrency = Number(args[1] ?? 4);
    const dataDir = mkdtempSync(join(tmpdir(), 'cho-so-bench-orders-'));
    Object.assign(process.env, {
      TABLE_NAME: `bench-orders-${randomUUID().slice(0, 8)}`,
      POWERTOOLS_LOG_LEVEL: 'WARN',
      ORDERS_PER_ADDRESS_PER_HOUR: '1000000',
      HOST_KIND: 'local',
    });
    const { freePort } = await import('../infra/local/dynamodb-local');
    const { startLocalHost } = await import('../infra/local/host');
    const host = await startLocalHost({
      port: await freePort(),
      dataDir,
      webDir: resolve(import.meta.dirname, '..', 'web', 'dist'),
    });
    try {
      const { db } = await import('../shared/db/client');
      const { PutCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
      const { insertMany } = await import('../shared/db/products');
      const { sellerKey } = await import('../shared/db/keys');
      const { doc, tableName } = db();
      const now = new Date();
      const sellerId = `sl-bench-${randomUUID()}`;
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...sellerKey(sellerId),
            entity: 'seller',
            id: sellerId,
            legalName: 'Hợp tác xã Đo tải',
            type: 'cooperative',
            taxCode: '2001234565',
            communeCode: '32248',
            sector: { code: '1020', classification: 'VSIC2025' },
            phone: '0912345678',
            bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX DO TAI' },
            status: 'approved',
            deliveryOptions: {
              pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
              shipping: { enabled: true, fee: 30_000 },
              cod: true,
            },
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
            version: 1,
          },
        }),
      );
      const products = Array.from({ length: concurrency * 2 }, (_, i) => ({
        id: `pr-bench-${i}-${randomUUID().slice(0, 8)}`,
        sellerId,
        name: { vi: `Tôm khô ${i}` },
        description: { vi: '' },
        category: 'driedSeafood' as const,
        unit: 'kg' as const,
        price: 500_000,
        priceTiers: [{ minQuantity: 3, unitPrice: 450_000 }],
        stock: 1_000_000,
        originCommuneCode: '32248',
        certifications: [],
        images: [],
        status: 'active' as const,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      }));
      await insertMany(products, 'approved', now);

      const order = async (client: number) => {
        const res = await fetch(`${host.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            buyer: {
              name: 'Nguyễn Văn Đo',
              phone: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
            },
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
      await runClients(concurrency * 5, concurrency, (c) => order(c));
      await runClients(concurrency * 5, concurrency, (c) => transaction(c));
      const half = Math.ceil(total / 2);
      const a1 = await runClients(half, concurrency, (c) => order(c));
      const b1 = await runClients(half, concurrency, (c) => transaction(c));
      const b2 = await runClients(half, concurrency, (c) => transaction(c));
      const a2 = await runClients(half, concurrency, (c) => order(c));
      const ours = { ms: [...a1.ms, ...a2.ms], wallMs: a1.wallMs + a2.wallMs };
      const base = { ms: [...b1.ms, ...b2.ms], wallMs: b1.wallMs + b2.wallMs };
      const rate = (t: Timed) => (t.ms.length / t.wallMs) * 1000;
      const rows: Comparison[] = [
        {
          figure: `orders placed/s (concurrency ${concurrency})`,
          unit: 'ops/s',
          value: rate(ours),
          baselineName: 'TransactWriteItems (6 actions)/s',
          baseline: rate(base),
          higherIsBetter: true,
          goal: { ratio: 0.5, comparison: 'atLeast' },
        },
        {
          figure: 'p50 latency',
          unit: 'ms',
          value: percentile(ours.ms, 50),
          baselineName: 'TransactWriteItems p50',
          baseline: percentile(base.ms, 50),
          higherIsBetter: false,
        },
        {
          figure: 'p95 latency',
          unit: 'ms',
          value: percentile(ours.ms, 95),
          baselineName: 'TransactWriteItems p95',
          baseline: percentile(base.ms, 95),
          higherIsBetter: false,
        },
      ];
      return rows;
    } finally {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
