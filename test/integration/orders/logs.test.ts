import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { handler as expireJob } from '../../../functions/jobs/expire-orders';
import { handler as purgeJob } from '../../../functions/jobs/purge-buyer-data';
import { call } from '../../helpers/call';
import { getOrderAsBuyer, goods, orderBody, place, seller } from './fixtures';

vi.hoisted(() => {
  // The logger reads its level when it is built: everything this file runs logs at DEBUG.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

type Session = Awaited<ReturnType<typeof seller>>;
const act = (s: Session, code: string, body: unknown) =>
  call('POST /api/seller/orders/{code}/actions', { headers: s.headers, path: { code }, body });

describe('buyer data in logs', () => {
  it('never reaches the logs: a full order flow logged at DEBUG holds neither phone nor name', async () => {
    const lines: string[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const a = await seller();
      const p = await goods(a.sellerId);
      const buyer = { name: 'Trần Văn Bưởi', phone: '0987001122', email: 'buoi@example.vn' };
      const body = orderBody([{ productId: p.id, quantity: 1 }], {
        buyer,
        payment: 'cod',
        delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp Mũi 77' } },
      });
      const key = randomUUID();
      const res = await place(body, key);
      await place(body, key);
      await place({ ...body, note: 'x' }, key);
      await call('POST /api/orders/quote', { body: { lines: body.lines } });
      const { code, accessToken } = res.body.orders[0];
      await getOrderAsBuyer(code, accessToken);
      await call('GET /api/seller/orders', { headers: a.headers, query: {} });
      await call('GET /api/seller/orders/{code}', { headers: a.headers, path: { code } });
      for (const action of ['confirm', 'ship', 'deliver', 'deliver'])
        await act(a, code, { action });
      await expireJob({ time: new Date(Date.now() + 3600_000 * 2).toISOString() });
      await purgeJob({ time: new Date(Date.now() + 200 * 86_400_000).toISOString() });
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThan(5);
      expect(text).toContain(code);
      for (const secret of [buyer.phone, buyer.name, buyer.email, 'Ấp Mũi 77', accessToken])
        expect(text).not.toContain(secret);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
