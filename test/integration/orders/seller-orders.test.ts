import { describe, expect, it, vi } from 'vitest';
import { expireDueOrders } from '../../../functions/jobs/expire-orders';
import { purgeDueBuyerData } from '../../../functions/jobs/purge-buyer-data';
import { listLedgerBySeller, listLedgerMonth } from '../../../shared/db/ledger';
import { getBooked, getOrder, listRefunds, recordPayment } from '../../../shared/db/orders';
import { getProduct } from '../../../shared/db/products';
import { decodeVietQr } from '../../../shared/vietqr';
import { sellerApiKey } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';
import {
  BUYER,
  getOrderAsBuyer,
  goods,
  orderBody,
  place,
  seller,
  service,
  tomorrow,
} from './fixtures';

vi.hoisted(() => {
  process.env.ORDERS_PER_ADDRESS_PER_HOUR = '100000';
  process.env.ORDERS_UNPAID_PER_PHONE = '50';
});

type Session = Awaited<ReturnType<typeof seller>>;
const act = (s: Session | { headers: Record<string, string> }, code: string, body: unknown) =>
  call('POST /api/seller/orders/{code}/actions', { headers: s.headers, path: { code }, body });

async function placeOne(
  sellerSession: Session,
  lines: (productId: string) => Array<{ productId: string; quantity: number; date?: string }>,
  over: Record<string, unknown> = {},
) {
  const p = await goods(sellerSession.sellerId, { stock: 10 });
  const res = await place(orderBody(lines(p.id), over));
  expect(res.status).toBe(201);
  return { product: p, order: res.body.orders[0] };
}

describe('seller fulfilment', () => {
  it("lists the seller's orders with the buyer masked, shows one whole, and hides other sellers' orders (404)", async () => {
    const a = await seller();
    const b = await seller();
    const { order } = await placeOne(a, (id) => [{ productId: id, quantity: 1 }], {
      buyer: BUYER,
    });
    const list = await call('GET /api/seller/orders', { headers: a.headers, query: {} });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      code: order.code,
      buyer: { name: 'N. T. Lan', phone: '09******78' },
      total: 500_000,
    });
    expect(JSON.stringify(list.body)).not.toContain(BUYER.phone);
    const detail = await call('GET /api/seller/orders/{code}', {
      headers: a.headers,
      path: { code: order.code },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.order.buyer).toEqual(BUYER);
    expect(detail.body.order.allowedActions).toEqual(['confirm', 'cancel']);
    const other = await call('GET /api/seller/orders/{code}', {
      headers: b.headers,
      path: { code: order.code },
    });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('order.notFound');
    const before = await tableSnapshot();
    const otherAct = await act(b, order.code, { action: 'cancel', reason: 'thử phá' });
    expect(otherAct.status).toBe(404);
    expect(await tableSnapshot()).toBe(before);
    expect(
      (await call('GET /api/seller/orders', { headers: b.headers, query: {} })).body.items,
    ).toEqual([]);
  });

  it('filters by status and payment status and pages with a cursor', async () => {
    const a = await seller();
    const p = await goods(a.sellerId);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await place(orderBody([{ productId: p.id, quantity: 1 }]))).body.orders[0].code);
    await act(a, codes[0] as string, { action: 'confirm' });
    const confirmed = await call('GET /api/seller/orders', {
      headers: a.headers,
      query: { status: 'confirmed' },
    });
    expect(confirmed.body.items.map((o: { code: string }) => o.code)).toEqual([codes[0]]);
    const page1 = await call('GET /api/seller/orders', {
      headers: a.headers,
      query: { limit: '2', paymentStatus: 'unpaid' },
    });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await call('GET /api/seller/orders', {
      headers: a.headers,
      query: { limit: '10', cursor: page1.body.nextCursor },
    });
    expect(page2.body.items).toHaveLength(3);
    expect(
      new Set([...page1.body.items, ...page2.body.items].map((o: { code: string }) => o.code)).size,
    ).toBe(5);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const byDate = await call('GET /api/seller/orders', {
      headers: a.headers,
      query: { from: today, to: today },
    });
    expect(byDate.body.items).toHaveLength(5);
    const past = await call('GET /api/seller/orders', {
      headers: a.headers,
      query: { from: '2020-01-01', to: '2020-01-31' },
    });
    expect(past.body.items).toHaveLength(0);
    const b = await seller();
    const stolen = await call('GET /api/seller/orders', {
      headers: b.headers,
      query: { cursor: page1.body.nextCursor },
    });
    expect(stolen.status).toBe(400);
  });

  it('refuses actions the state does not allow (409) and changes nothing', async () => {
    const a = await seller();
    const { order } = await placeOne(a, (id) => [{ productId: id, quantity: 1 }]);
    const before = await tableSnapshot();
    for (const action of ['ship', 'deliver', 'pickedUp']) {
      const res = await act(a, order.code, { action });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('order.actionNotAllowed');
    }
    expect(await tableSnapshot()).toBe(before);
    expect((await act(a, order.code, { action: 'confirm' })).status).toBe(200);
    // A VietQR order is not handed over before it is paid.
    const pick = await act(a, order.code, { action: 'pickedUp' });
    expect(pick.status).toBe(409);
    expect((await act(a, order.code, { action: 'confirm' })).status).toBe(409);
    const noReason = await act(a, order.code, { action: 'cancel' });
    expect(noReason.status).toBe(400);
  });

  it('a COD order becomes a sale (cash, online) when delivered, exactly once, with no buyer data in the ledger', async () => {
    const a = await seller();
    const { order, product } = await placeOne(a, (id) => [{ productId: id, quantity: 3 }], {
      payment: 'cod',
      buyer: BUYER,
      delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp Khai Long 12' } },
    });
    expect(order.vietqr).toBeUndefined();
    expect(order.expiresAt).toBeNull();
    expect(order).toMatchObject({ subtotal: 1_350_000, deliveryFee: 0, total: 1_350_000 });
    expect((await act(a, order.code, { action: 'confirm' })).status).toBe(200);
    expect((await act(a, order.code, { action: 'ship' })).status).toBe(200);
    const delivered = await Promise.all([
      act(a, order.code, { action: 'deliver' }),
      act(a, order.code, { action: 'deliver' }),
      act(a, order.code, { action: 'deliver' }),
    ]);
    expect(delivered.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const after = await getOrder(order.code);
    expect(after).toMatchObject({
      status: 'delivered',
      paymentStatus: 'paid',
      amountPaid: 1_350_000,
      saleRecorded: true,
    });
    const entries = await listLedgerBySeller(a.sellerId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: `sale:order:${order.code}`,
      kind: 'sale',
      amount: 1_350_000,
      goodsAmount: 1_350_000,
      servicesAmount: 0,
      deliveryFee: 0,
      channel: 'online',
      method: 'cash',
      sellerId: a.sellerId,
      seller: { communeCode: '32248', sectorCode: '1020', classification: 'VSIC2025' },
      reference: { type: 'order', id: order.code },
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(BUYER.phone);
    expect(text).not.toContain(BUYER.name);
    expect(text).not.toContain('Khai Long');
    const month = entries[0]?.localDate.slice(0, 7) as string;
    const byTime = await listLedgerMonth(month);
    expect(byTime.items.filter((e) => e.sellerId === a.sellerId)).toHaveLength(1);
    expect((await getProduct(product.id))?.stock).toBe(7);
  });

  it('works with an API key', async () => {
    const a = await seller();
    const { order } = await placeOne(a, (id) => [{ productId: id, quantity: 1 }]);
    const key = await sellerApiKey(a.sellerId);
    expect((await act({ headers: key }, order.code, { action: 'confirm' })).status).toBe(200);
  });

  it('cancelling gives stock and capacity back once, even clicked twice at once', async () => {
    const a = await seller();
    const p = await goods(a.sellerId, { stock: 10 });
    const tour = await service(a.sellerId, 5);
    const date = tomorrow();
    const res = await place(
      orderBody([
        { productId: p.id, quantity: 4 },
        { productId: tour.id, quantity: 2, date },
      ]),
    );
    const { code } = res.body.orders[0];
    expect((await getProduct(p.id))?.stock).toBe(6);
    expect((await getBooked(tour.id, [date])).get(date)).toBe(2);
    const results = await Promise.all([
      act(a, code, { action: 'cancel', reason: 'Hết hàng' }),
      act(a, code, { action: 'cancel', reason: 'Hết hàng' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await getProduct(p.id))?.stock).toBe(10);
    expect((await getBooked(tour.id, [date])).get(date)).toBe(0);
    expect(await getOrder(code)).toMatchObject({ status: 'cancelled', cancelReason: 'Hết hàng' });
    const page = await getOrderAsBuyer(code, res.body.orders[0].accessToken);
    expect(page.body.order).toMatchObject({ status: 'cancelled', cancelReason: 'Hết hàng' });
  });

  it('cancelling a paid order writes a cancellation and a refund due, which the seller closes with the bank reference', async () => {
    const a = await seller();
    const { order, product } = await placeOne(a, (id) => [{ productId: id, quantity: 2 }]);
    const paid = await recordPayment(order.code, 1_000_000, { now: new Date(), piiDays: 180 });
    expect(paid).toMatchObject({
      becamePaid: true,
      order: { paymentStatus: 'paid', amountPaid: 1_000_000 },
    });
    // The QR of a paid order asks for nothing more.
    const view = await getOrderAsBuyer(order.code, order.accessToken);
    expect(view.body.order).toMatchObject({ paymentStatus: 'paid', amountDue: 0 });
    expect(view.body.order.vietqr.payload).toBeUndefined();
    const res = await act(a, order.code, { action: 'cancel', reason: 'Khách đổi ý' });
    expect(res.status).toBe(200);
    const kinds = (await listLedgerBySeller(a.sellerId)).map((e) => [e.kind, e.amount]);
    expect(kinds.sort()).toEqual([
      ['cancellation', -1_000_000],
      ['sale', 1_000_000],
    ]);
    expect((await getProduct(product.id))?.stock).toBe(10);
    const refunds = await call('GET /api/seller/refunds', {
      headers: a.headers,
      query: { state: 'open' },
    });
    expect(refunds.body.items).toEqual([
      expect.objectContaining({
        id: `RF-${order.code}`,
        orderCode: order.code,
        amount: 1_000_000,
        state: 'open',
        reason: 'Khách đổi ý',
      }),
    ]);
    const b = await seller();
    const stolen = await call('POST /api/seller/refunds/{refundId}/close', {
      headers: b.headers,
      path: { refundId: `RF-${order.code}` },
      body: { bankReference: 'FT999' },
    });
    expect(stolen.status).toBe(404);
    const close = () =>
      call('POST /api/seller/refunds/{refundId}/close', {
        headers: a.headers,
        path: { refundId: `RF-${order.code}` },
        body: { bankReference: 'FT26336123456' },
      });
    expect((await close()).body.refund).toMatchObject({
      state: 'closed',
      bankReference: 'FT26336123456',
    });
    expect((await close()).status).toBe(200);
    const again = await call('POST /api/seller/refunds/{refundId}/close', {
      headers: a.headers,
      path: { refundId: `RF-${order.code}` },
      body: { bankReference: 'FT-OTHER' },
    });
    expect(again.status).toBe(409);
    expect(await listRefunds(a.sellerId, 'open')).toEqual([]);
  });

  it('concurrent partial payments lose no amount and record one sale', async () => {
    const a = await seller();
    const { order } = await placeOne(a, (id) => [{ productId: id, quantity: 2 }]);
    await Promise.all(
      Array.from({ length: 4 }, () =>
        recordPayment(order.code, 250_000, { now: new Date(), piiDays: 180 }),
      ),
    );
    expect(await getOrder(order.code)).toMatchObject({
      amountPaid: 1_000_000,
      paymentStatus: 'paid',
    });
    expect((await listLedgerBySeller(a.sellerId)).filter((e) => e.kind === 'sale')).toHaveLength(1);
    const view = await getOrderAsBuyer(order.code, order.accessToken);
    expect(view.body.order.amountDue).toBe(0);
  });

  it('a partly paid order asks the QR for the rest', async () => {
    const a = await seller();
    const { order } = await placeOne(a, (id) => [{ productId: id, quantity: 2 }]);
    await recordPayment(order.code, 400_000, { now: new Date(), piiDays: 180 });
    const view = await getOrderAsBuyer(order.code, order.accessToken);
    expect(view.body.order).toMatchObject({ paymentStatus: 'partially_paid', amountDue: 600_000 });
    const qr = decodeVietQr(view.body.order.vietqr.payload);
    expect(qr.ok && qr.value.amount).toBe(600_000);
  });
});

describe('expiry', () => {
  it('expires unpaid VietQR orders after the deadline, giving stock back once even when two runs race a cancel', async () => {
    const a = await seller();
    const p = await goods(a.sellerId, { stock: 10 });
    const tour = await service(a.sellerId, 4);
    const date = tomorrow();
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await place(
        orderBody([
          { productId: p.id, quantity: 2 },
          { productId: tour.id, quantity: 1, date },
        ]),
      );
      codes.push(res.body.orders[0].code);
    }
    const cod = await place(orderBody([{ productId: p.id, quantity: 1 }], { payment: 'cod' }));
    expect((await getProduct(p.id))?.stock).toBe(3);
    // Not yet due: nothing happens.
    await expireDueOrders(new Date());
    expect((await getOrder(codes[0] as string))?.status).toBe('placed');

    const later = new Date(Date.now() + 61 * 60_000);
    const [r1, r2, cancel] = await Promise.all([
      expireDueOrders(later),
      expireDueOrders(later),
      act(a, codes[0] as string, { action: 'cancel', reason: 'Khách không chuyển khoản' }),
    ]);
    expect(r1.expired + r2.expired).toBeGreaterThanOrEqual(cancel.status === 200 ? 2 : 3);
    expect((await getProduct(p.id))?.stock).toBe(9); // only the COD order's unit is still out
    expect((await getBooked(tour.id, [date])).get(date)).toBe(0);
    const statuses = await Promise.all(codes.map(async (c) => (await getOrder(c))?.status));
    expect(
      statuses.filter((s) => s === 'expired').length +
        statuses.filter((s) => s === 'cancelled').length,
    ).toBe(3);
    expect((await getOrder(cod.body.orders[0].code))?.status).toBe('placed');
    expect(statuses.filter((s) => s === 'cancelled').length).toBe(cancel.status === 200 ? 1 : 0);
    // A third run finds nothing left to do.
    expect((await expireDueOrders(later)).expired).toBe(0);
    expect((await getProduct(p.id))?.stock).toBe(9);
  });

  it('an order confirmed by the seller no longer expires', async () => {
    const a = await seller();
    const p = await goods(a.sellerId, { stock: 10 });
    const { code } = (await place(orderBody([{ productId: p.id, quantity: 1 }]))).body.orders[0];
    await act(a, code, { action: 'confirm' });
    await expireDueOrders(new Date(Date.now() + 2 * 3600_000));
    expect((await getOrder(code))?.status).toBe('confirmed');
  });
});

describe('buyer data', () => {
  it('is purged PII_RETENTION_DAYS after the order ended, keeping amounts', async () => {
    const a = await seller();
    const p = await goods(a.sellerId);
    const res = await place(
      orderBody([{ productId: p.id, quantity: 1 }], { buyer: BUYER, note: 'Gọi trước khi giao' }),
    );
    const { code } = res.body.orders[0];
    await act(a, code, { action: 'cancel', reason: 'Khách hủy' });
    expect((await purgeDueBuyerData(new Date(Date.now() + 179 * 86_400_000))).purged).toBe(0);
    expect(
      (await purgeDueBuyerData(new Date(Date.now() + 181 * 86_400_000))).purged,
    ).toBeGreaterThanOrEqual(1);
    const order = await getOrder(code);
    expect(order?.buyer).toBeUndefined();
    expect(order?.note).toBeUndefined();
    expect(order?.piiPurgedAt).toBeDefined();
    expect(order?.total).toBe(500_000);
    const detail = await call('GET /api/seller/orders/{code}', {
      headers: a.headers,
      path: { code },
    });
    expect(detail.body.order.buyer).toBeNull();
  });
});
