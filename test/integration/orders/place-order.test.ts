import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { getOrder } from '../../../shared/db/orders';
import { getProduct } from '../../../shared/db/products';
import { isOrderCode } from '../../../shared/orders/code';
import { decodeVietQr } from '../../../shared/vietqr';
import { tableSnapshot } from '../../helpers/local-dynamo';
import { getOrderAsBuyer, goods, orderBody, place, seller, service, tomorrow } from './fixtures';

vi.hoisted(() => {
  // Many checkouts in this file come from the sample's one address.
  process.env.ORDERS_PER_ADDRESS_PER_HOUR = '100000';
});

describe('POST /api/orders', () => {
  it('places one order per seller with tier prices, delivery fee apart, and a VietQR for the amount due', async () => {
    const a = await seller();
    const b = await seller();
    const shrimp = await goods(a.sellerId); // 500k, 450k from 3
    const honey = await goods(b.sellerId, { price: 250_000, priceTiers: [] });
    const res = await place(
      orderBody(
        [
          { productId: shrimp.id, quantity: 3 },
          { productId: honey.id, quantity: 1 },
        ],
        {
          delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp Khai Long 12' } },
        },
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body.orders).toHaveLength(2);
    const [oa, ob] = res.body.orders;
    expect(oa).toMatchObject({
      sellerId: a.sellerId,
      status: 'placed',
      paymentStatus: 'unpaid',
      subtotal: 1_350_000,
      deliveryFee: 0, // free above 1,000,000
      total: 1_350_000,
      amountPaid: 0,
      amountDue: 1_350_000,
    });
    expect(ob).toMatchObject({
      sellerId: b.sellerId,
      subtotal: 250_000,
      deliveryFee: 30_000,
      total: 280_000,
    });
    for (const o of res.body.orders) {
      expect(isOrderCode(o.code)).toBe(true);
      expect(o.accessToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(o.url).toBe(`/don-hang/?code=${o.code}&t=${o.accessToken}`);
      expect(Date.parse(o.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
      const decoded = decodeVietQr(o.vietqr.payload);
      expect(decoded.ok).toBe(true);
      if (decoded.ok) {
        expect(decoded.value).toMatchObject({
          bin: '970405',
          accountNumber: '7800205123456',
          amount: o.amountDue,
          purpose: o.code,
          service: 'account',
        });
      }
      expect(o.vietqr.svg).toContain('<svg');
      expect(o.vietqr).toMatchObject({ amount: o.amountDue, transferContent: o.code });
    }
    expect((await getProduct(shrimp.id))?.stock).toBe(97);
    expect((await getProduct(honey.id))?.stock).toBe(99);
    const stored = await getOrder(oa.code);
    expect(stored?.lines[0]).toMatchObject({
      name: { vi: 'Tôm khô loại 1' },
      unit: 'kg',
      unitPrice: 450_000,
      kind: 'goods',
      lineTotal: 1_350_000,
    });
    expect(stored?.accessTokenHash).not.toContain(oa.accessToken);
  });

  it('the order page reads the order with its token only, and answers 304 to its ETag', async () => {
    const a = await seller();
    const p = await goods(a.sellerId);
    const res = await place(orderBody([{ productId: p.id, quantity: 1 }]));
    const { code, accessToken } = res.body.orders[0];
    const ok = await getOrderAsBuyer(code, accessToken);
    expect(ok.status).toBe(200);
    expect(ok.body.order).toMatchObject({
      code,
      status: 'placed',
      total: 500_000,
      seller: { name: 'Hợp tác xã Thử nghiệm', commune: { code: '32248' } },
    });
    expect(ok.body.order.vietqr.svg).toContain('<svg');
    const etag = String(ok.headers.etag);
    const again = await getOrderAsBuyer(code, accessToken, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const wrong = await getOrderAsBuyer(
      code,
      `${accessToken.slice(0, 21)}${accessToken[21] === 'A' ? 'B' : 'A'}`,
    );
    const unknown = await getOrderAsBuyer('CS2345678', accessToken);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body.error.code).toBe('order.notFound');
    expect(unknown.body.error.code).toBe('order.notFound');
    const missing = await getOrderAsBuyer(code, undefined as unknown as string);
    expect(missing.status).toBe(404);
  });

  it('requires an Idempotency-Key; a retry with the same body answers the first result and writes nothing', async () => {
    const a = await seller();
    const p = await goods(a.sellerId);
    const body = orderBody([{ productId: p.id, quantity: 2 }]);
    const key = randomUUID();
    const first = await place(body, key);
    expect(first.status).toBe(201);
    const before = await tableSnapshot();
    const second = await place(body, key);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await tableSnapshot()).toBe(before);
    const other = await place({ ...body, note: 'khác' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency.mismatch');
    expect(await tableSnapshot()).toBe(before);
    expect((await getProduct(p.id))?.stock).toBe(98);
  });

  it('refuses a checkout without an Idempotency-Key', async () => {
    const a = await seller();
    const p = await goods(a.sellerId);
    const res = await place(orderBody([{ productId: p.id, quantity: 1 }]), '');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency.keyRequired');
  });

  it('two requests with one key at the same moment make one checkout', async () => {
    const a = await seller();
    const p = await goods(a.sellerId);
    const body = orderBody([{ productId: p.id, quantity: 1 }]);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => place(body, key)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.body.orders[0].code)).size).toBe(1);
    expect((await getProduct(p.id))?.stock).toBe(99);
  });

  it('is all-or-nothing across two sellers: one short line fails the whole checkout, naming it', async () => {
    const a = await seller();
    const b = await seller();
    const pa = await goods(a.sellerId, { stock: 5 });
    const pb = await goods(b.sellerId, { stock: 1 });
    const before = await tableSnapshot();
    const res = await place(
      orderBody([
        { productId: pa.id, quantity: 2 },
        { productId: pb.id, quantity: 2 },
      ]),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('order.linesUnavailable');
    expect(res.body.error.details.lines).toEqual([
      { index: 1, productId: pb.id, code: 'order.outOfStock', available: 1 },
    ]);
    expect(await tableSnapshot()).toBe(before);
  });

  it('names unavailable products and sellers that are not approved', async () => {
    const a = await seller();
    const pending = await seller();
    const draft = await goods(a.sellerId, { status: 'draft' });
    const ok = await goods(a.sellerId);
    const { setSellerStatusForTest } = await import('./seller-status');
    const fromPending = await goods(pending.sellerId);
    await setSellerStatusForTest(pending.sellerId, 'suspended');
    const res = await place(
      orderBody([
        { productId: draft.id, quantity: 1 },
        { productId: ok.id, quantity: 1 },
        { productId: fromPending.id, quantity: 1 },
        { productId: 'pr-does-not-exist', quantity: 1 },
      ]),
    );
    expect(res.status).toBe(409);
    expect(
      res.body.error.details.lines.map((l: { index: number; code: string }) => [l.index, l.code]),
    ).toEqual([
      [0, 'product.unavailable'],
      [2, 'seller.notApproved'],
      [3, 'product.unavailable'],
    ]);
  });

  it('50 buyers at once for the last 10 units: exactly 10 orders, stock 0, 40 × 409', async () => {
    const a = await seller();
    const p = await goods(a.sellerId, { stock: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => place(orderBody([{ productId: p.id, quantity: 1 }]))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const r of results.filter((r) => r.status === 409)) {
      expect(r.body.error.details.lines[0]).toMatchObject({
        code: 'order.outOfStock',
        available: 0,
      });
    }
    expect((await getProduct(p.id))?.stock).toBe(0);
  }, 120_000);

  it("50 buyers at once for a tour date's last 10 places: exactly 10 bookings", async () => {
    const a = await seller();
    const tour = await service(a.sellerId, 10);
    const date = tomorrow();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        place(orderBody([{ productId: tour.id, quantity: 1, date }])),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(results.find((r) => r.status === 409)?.body.error.details.lines[0]).toMatchObject({
      code: 'order.capacityFull',
      date,
      available: 0,
    });
    const orders = results.filter((r) => r.status === 201).map((r) => r.body.orders[0]);
    expect(orders[0]).toMatchObject({ subtotal: 350_000, deliveryFee: 0 });
  }, 120_000);

  it('limits unpaid orders per phone (429 with retryAfterSeconds) and orders per address per hour', async () => {
    const a = await seller();
    const p = await goods(a.sellerId);
    const body = orderBody([{ productId: p.id, quantity: 1 }]);
    for (let i = 0; i < 3; i++) expect((await place(body)).status).toBe(201);
    const fourth = await place(body);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('order.tooManyUnpaid');
    expect(fourth.body.error.details.retryAfterSeconds).toBeGreaterThan(3500);
    expect((await getProduct(p.id))?.stock).toBe(97);
  });
});
