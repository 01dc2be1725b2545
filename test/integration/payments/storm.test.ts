import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../infra/local/dynamodb-local';
import { type LocalHost, startLocalHost } from '../../../infra/local/host';
import { getConfig } from '../../../shared/config';
import { db } from '../../../shared/db/client';
import { getOrder, listRefunds } from '../../../shared/db/orders';
import { listOrderPayments, listTransfers } from '../../../shared/db/payments';
import { call } from '../../helpers/call';
import { seller } from '../orders/fixtures';
import { bankText, type Connection, connect, deliverOverHttp, vietqrOrder } from './fixtures';

vi.hoisted(() => {
  // The logger reads its level when it is built: everything this file runs logs at DEBUG.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

/**
 * The storm goes through the real local host (infra/local/host.ts: node:http, the manifest's
 * router, the API Gateway event adapter and the same handler modules), started in this process
 * on its own DynamoDB Local. Set-up (sellers, connections, orders) calls handlers directly; every
 * delivery is a signed HTTP POST to the host.
 */
let host: LocalHost;
const dataDir = mkdtempSync(join(tmpdir(), 'cho-so-storm-'));
beforeAll(async () => {
  host = await startLocalHost({
    port: await freePort(),
    dataDir,
    webDir: dataDir,
    log: () => undefined,
  });
}, 180_000);
afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

/** Deterministic shuffle (a seeded LCG), so a failure replays. */
function shuffle<T>(items: T[], seed = 20261202): T[] {
  const a = [...items];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

async function ledgerSales(sellerId: string) {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :l)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':l': 'LEDGER#' },
    }),
  );
  return (out.Items ?? []).filter((i) => i.kind === 'sale');
}

describe('the storm, over HTTP', () => {
  it('1000 deliveries of 100 transfers (shuffled, three providers, 32 at a time) through the HTTP receivers → exactly 100 payments, sums hold, one sale per paid order; cross-seller transfers pay nothing; logs hold no secret and no buyer data', async () => {
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      const health = await fetch(`${host.url}/api/health`);
      expect(health.status).toBe(200);
      // Everything in this process (the host's handlers, the fixtures) uses the host's database.
      expect(getConfig().DYNAMODB_ENDPOINT).toBe(host.databaseEndpoint);
      const s = await seller();
      const conns: Connection[] = [
        await connect(s, 'payos'),
        await connect(s, 'sepay', 'hmac'),
        await connect(s, 'casso'),
      ];
      // Another seller with orders of its own: seller A's connections name them, never pay them.
      const other = await seller();
      const theirs: Array<Awaited<ReturnType<typeof vietqrOrder>>> = [];
      for (let i = 0; i < 5; i++) theirs.push(await vietqrOrder(other, 90_000 + i * 1_000));
      // 100 transfers over 40 orders, the amounts chosen so 25 orders end paid (in 1 to 4 parts),
      // 5 overpaid by 10 000 ₫ (in 3 parts) and 10 partially paid.
      const orders = [];
      for (let i = 0; i < 40; i++) orders.push(await vietqrOrder(s, 100_000 + i * 1_000));
      const transfers: Array<{ order: (typeof orders)[number]; amount: number; txn: string }> = [];
      let txn = 9_100_000;
      orders.forEach((order, i) => {
        const parts =
          i < 25
            ? [order.total - 20_000 * (i % 4), ...Array.from({ length: i % 4 }, () => 20_000)]
            : i < 30
              ? [order.total, 7_000, 3_000]
              : [10_000, 5_000];
        for (const amount of parts) transfers.push({ order, amount, txn: String(++txn) });
      });
      // Pad to exactly 100 transfers with small partial payments on the last orders.
      for (let k = 0; transfers.length < 100; k++) {
        const order = orders[30 + (k % 10)] as (typeof orders)[number];
        transfers.push({ order, amount: 1_000, txn: String(++txn) });
      }
      expect(transfers).toHaveLength(100);
      // Each transfer goes through one provider (its transaction id is that provider's) and is
      // delivered 7 or 13 times (alternately): 1000 deliveries.
      const paying = transfers.flatMap((t, i) =>
        Array.from(
          { length: i % 2 ? 13 : 7 },
          () => () =>
            deliverOverHttp(host.url, conns[i % 3] as Connection, {
              amount: t.amount,
              content: bankText(t.order.code),
              account: t.order.account,
              txn: t.txn,
            }),
        ),
      );
      expect(paying).toHaveLength(1000);
      // And 10 transfers through seller A's connections naming seller B's orders, 3 times each.
      const crossing = Array.from({ length: 10 }, (_, i) => {
        const target = theirs[i % 5] as (typeof theirs)[number];
        const t = { amount: target.total, txn: String(9_500_000 + i) };
        return Array.from(
          { length: 3 },
          () => () =>
            deliverOverHttp(host.url, conns[i % 3] as Connection, {
              amount: t.amount,
              content: bankText(target.code),
              account: target.account,
              txn: t.txn,
            }),
        );
      }).flat();
      const results = await pool(shuffle([...paying, ...crossing]), 32);
      expect(results).toHaveLength(1030);
      expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
      expect(results.every((r) => JSON.stringify(r.body) === '{"success":true}')).toBe(true);

      let payments = 0;
      let paidOrders = 0;
      for (const order of orders) {
        const mine = transfers.filter((t) => t.order.code === order.code);
        const stored = await listOrderPayments(order.code);
        const after = await getOrder(order.code);
        payments += stored.length;
        expect(stored.length).toBe(mine.length);
        expect(after?.amountPaid).toBe(stored.reduce((a, p) => a + p.amount, 0));
        expect(after?.amountPaid).toBe(mine.reduce((a, t) => a + t.amount, 0));
        const expected =
          (after?.amountPaid ?? 0) > order.total
            ? 'overpaid'
            : (after?.amountPaid ?? 0) === order.total
              ? 'paid'
              : 'partially_paid';
        expect(after?.paymentStatus).toBe(expected);
        if ((after?.amountPaid ?? 0) >= order.total) paidOrders++;
      }
      expect(payments).toBe(100);
      expect(paidOrders).toBe(30);
      const sales = await ledgerSales(s.sellerId);
      expect(sales).toHaveLength(30);
      expect(new Set(sales.map((e) => (e.reference as { id: string }).id)).size).toBe(30);
      const refunds = await listRefunds(s.sellerId, 'open');
      // Each over-paid order owes back exactly its excess, whatever order its transfers came in.
      const owed = new Map<string, number>();
      for (const r of refunds) owed.set(r.orderCode, (owed.get(r.orderCode) ?? 0) + r.amount);
      expect([...owed.values()]).toEqual(Array(5).fill(10_000));
      expect(refunds.every((r) => r.reason === 'overpaid')).toBe(true);

      // Seller B's orders: untouched. Seller A's queue: the 10 crossing transfers, once each.
      for (const order of theirs) {
        expect(await listOrderPayments(order.code)).toEqual([]);
        const after = await getOrder(order.code);
        expect(after?.amountPaid ?? 0).toBe(0);
        expect(after?.paymentStatus).toBe('unpaid');
      }
      expect(await ledgerSales(other.sellerId)).toEqual([]);
      const queue = await listTransfers({ state: 'unmatched', sellerId: s.sellerId, limit: 50 });
      expect(queue.items).toHaveLength(10);
      expect(queue.items.every((t) => t.reason === 'otherSeller')).toBe(true);
      expect(
        (await listTransfers({ state: 'unmatched', sellerId: other.sellerId, limit: 50 })).items,
      ).toEqual([]);

      // The logs: facts and ids, never a secret, a signature, a buyer's name or phone.
      const text = lines.join('\n');
      expect(text).toContain('webhook accepted');
      for (const c of conns) expect(text).not.toContain(c.secret);
      const page = await call('GET /api/orders/{code}', {
        path: { code: orders[0]?.code as string },
        query: { t: orders[0]?.accessToken as string },
      });
      expect(page.status).toBe(200);
      for (const secret of [
        'NGUYEN VAN A',
        '0912345678',
        'Nguyễn Thị Lan',
        orders[0]?.account as string,
      ])
        expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"signature"|x-casso-signature|x-sepay-signature/i);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }, 900_000);
});
