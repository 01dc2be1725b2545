import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { db } from '../../../shared/db/client';
import { getOrder, listRefunds } from '../../../shared/db/orders';
import { listOrderPayments } from '../../../shared/db/payments';
import { call } from '../../helpers/call';
import { seller } from '../orders/fixtures';
import { bankText, type Connection, connect, deliver, vietqrOrder } from './fixtures';

vi.hoisted(() => {
  // The logger reads its level when it is built: everything this file runs logs at DEBUG.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

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

describe('the storm', () => {
  it('1000 deliveries of 100 transfers (shuffled, three providers, 32 at a time) → exactly 100 payments, sums hold, one sale per paid order; logs hold no secret and no buyer data', async () => {
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      const s = await seller();
      const conns: Connection[] = [
        await connect(s, 'payos'),
        await connect(s, 'sepay', 'hmac'),
        await connect(s, 'casso'),
      ];
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
      // delivered 10 times: 1000 deliveries.
      const deliveries = shuffle(
        transfers.flatMap((t, i) =>
          Array.from(
            { length: 10 },
            () => () =>
              deliver(conns[i % 3] as Connection, {
                amount: t.amount,
                content: bankText(t.order.code),
                account: t.order.account,
                txn: t.txn,
              }),
          ),
        ),
      );
      expect(deliveries).toHaveLength(1000);
      const results = await pool(deliveries, 32);
      expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);

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
  }, 600_000);
});
