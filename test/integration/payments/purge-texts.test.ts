import { describe, expect, it } from 'vitest';
import { purgeDueBuyerData } from '../../../functions/jobs/purge-buyer-data';
import { getOrder } from '../../../shared/db/orders';
import { getTransfer, transferIdOf } from '../../../shared/db/payments';
import { call } from '../../helpers/call';
import { seller } from '../orders/fixtures';
import { bankText, connect, deliver, nextTxn, vietqrOrder } from './fixtures';

/** Buyer data retention: the bank texts tied to an order go with its buyer data. */
describe('purging buyer data purges the transfer texts too', () => {
  it('empties the text of every transfer that paid the order or names it in the queue; others keep theirs; idempotent', async () => {
    const s = await seller();
    const conn = await connect(s, 'casso');
    const order = await vietqrOrder(s, 200_000);
    const keep = await vietqrOrder(s, 150_000);
    const send = async (code: string, amount: number, account: string) => {
      const txn = nextTxn();
      const res = await deliver(conn, { amount, content: bankText(code), account, txn });
      expect(res.status).toBe(200);
      return transferIdOf('casso', txn);
    };
    const part1 = await send(order.code, 50_000, order.account);
    // Into another account than the order's: unmatched (wrongAccount), naming the order.
    const wrong = await send(order.code, 10_000, '0000111122223333');
    const part2 = await send(order.code, order.total - 50_000, order.account);
    const other = await send(keep.code, 20_000, keep.account);
    const manual = await call('POST /api/seller/orders/{code}/payments', {
      headers: s.headers,
      path: { code: keep.code },
      body: { amount: 5_000, bankReference: 'FT-KEEP-1' },
    });
    expect(manual.status).toBe(201);
    expect(await getTransfer(wrong)).toMatchObject({ state: 'unmatched', orderCode: order.code });
    for (const id of [part1, wrong, part2])
      expect((await getTransfer(id))?.content).toContain('NGUYEN VAN A');

    const confirmed = await call('POST /api/seller/orders/{code}/actions', {
      headers: s.headers,
      path: { code: order.code },
      body: { action: 'confirm' },
    });
    expect(confirmed.status).toBe(200);
    const picked = await call('POST /api/seller/orders/{code}/actions', {
      headers: s.headers,
      path: { code: order.code },
      body: { action: 'pickedUp' },
    });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect((await purgeDueBuyerData(later)).purged).toBeGreaterThanOrEqual(1);

    expect((await getOrder(order.code))?.piiPurgedAt).toBeDefined();
    for (const id of [part1, wrong, part2]) {
      const t = await getTransfer(id);
      expect(t?.content).toBe('');
      expect(t?.textPurgedAt).toBe(later.toISOString());
    }
    // Amounts and results stay.
    expect((await getTransfer(part1))?.amount).toBe(50_000);
    expect((await getTransfer(part2))?.result).toMatchObject({ paymentStatus: 'paid' });
    // The other order's transfers (not ended, not purged) keep their text.
    expect((await getTransfer(other))?.content).toBe(bankText(keep.code));
    expect((await getTransfer(other))?.textPurgedAt).toBeUndefined();
    // What the seller reads in the queue.
    const queue = await call('GET /api/seller/transfers', {
      headers: s.headers,
      query: { state: 'unmatched' },
    });
    const row = queue.body.items.find((t: { id: string }) => t.id === wrong);
    expect(row).toMatchObject({ content: '', textPurgedAt: later.toISOString() });

    // A second run changes nothing.
    expect((await purgeDueBuyerData(new Date(later.getTime() + 86_400_000))).purged).toBe(0);
    expect((await getTransfer(part1))?.textPurgedAt).toBe(later.toISOString());
  });
});
