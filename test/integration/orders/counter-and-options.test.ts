import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { listLedgerBySeller } from '../../../shared/db/ledger';
import { getProduct } from '../../../shared/db/products';
import { decodeVietQr } from '../../../shared/vietqr';
import { sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';
import { goods, OPTIONS, orderBody, place, seller, service, tomorrow } from './fixtures';

vi.hoisted(() => {
  process.env.ORDERS_PER_ADDRESS_PER_HOUR = '100000';
});

describe('counter sales', () => {
  it('records items as an offline sale, takes stock down never below zero, and warns', async () => {
    const s = await seller();
    const p = await goods(s.sellerId, { stock: 2 });
    const res = await call('POST /api/seller/counter-sales', {
      headers: s.headers,
      body: { items: [{ productId: p.id, quantity: 3 }], method: 'cash' },
    });
    expect(res.status).toBe(201);
    expect(res.body.counterSale).toMatchObject({
      goodsAmount: 1_350_000,
      servicesAmount: 0,
      amount: 1_350_000,
      method: 'cash',
    });
    expect(res.body.warnings).toEqual([
      expect.objectContaining({ code: 'stock.short', productId: p.id, requested: 3, available: 2 }),
    ]);
    expect((await getProduct(p.id))?.stock).toBe(0);
    const [entry] = await listLedgerBySeller(s.sellerId);
    expect(entry).toMatchObject({
      kind: 'sale',
      channel: 'offline',
      method: 'cash',
      amount: 1_350_000,
      deliveryFee: 0,
      reference: { type: 'counterSale', id: res.body.counterSale.id },
    });
  });

  it('records just an amount (VietQR, a service, earlier today), once per client id', async () => {
    const s = await seller();
    const id = randomUUID();
    const occurredAt = new Date(Date.now() - 3600_000).toISOString();
    const body = { id, amount: 700_000, kind: 'service', method: 'vietqr', occurredAt };
    const first = await call('POST /api/seller/counter-sales', { headers: s.headers, body });
    const again = await call('POST /api/seller/counter-sales', { headers: s.headers, body });
    expect(first.status).toBe(201);
    expect(again.body.counterSale).toEqual(first.body.counterSale);
    const entries = await listLedgerBySeller(s.sellerId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      servicesAmount: 700_000,
      goodsAmount: 0,
      method: 'vietqr',
      channel: 'offline',
      occurredAt,
    });
    const list = await call('GET /api/seller/counter-sales', { headers: s.headers, query: {} });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it("refuses another seller's products, future dates and both items and amount, writing nothing", async () => {
    const s = await seller();
    const other = await seller();
    const p = await goods(other.sellerId);
    const before = await tableSnapshot();
    const bad = [
      { items: [{ productId: p.id, quantity: 1 }], method: 'cash' },
      { amount: 1000, method: 'cash', occurredAt: new Date(Date.now() + 3600_000).toISOString() },
      { amount: 1000, items: [{ productId: p.id, quantity: 1 }], method: 'cash' },
    ];
    for (const body of bad) {
      const res = await call('POST /api/seller/counter-sales', { headers: s.headers, body });
      expect(res.status).toBe(400);
    }
    expect(await tableSnapshot()).toBe(before);
    expect((await getProduct(p.id))?.stock).toBe(100);
  });
});

describe('delivery options, quote, availability, static QR', () => {
  it('a seller reads and replaces its delivery options; checkout follows them', async () => {
    const s = await sellerSession();
    const initial = await call('GET /api/seller/delivery-options', { headers: s.headers });
    expect(initial.body.deliveryOptions).toEqual({
      pickup: { enabled: true },
      shipping: { enabled: false, fee: 0 },
      cod: false,
    });
    const p = await goods(s.sellerId);
    const ship = await place(
      orderBody([{ productId: p.id, quantity: 1 }], {
        delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
      }),
    );
    expect(ship.body.error.details.lines[0].code).toBe('order.deliveryUnavailable');
    const put = await call('PUT /api/seller/delivery-options', {
      headers: s.headers,
      body: OPTIONS,
    });
    expect(put.status).toBe(200);
    expect(
      (await call('GET /api/seller/delivery-options', { headers: s.headers })).body.deliveryOptions,
    ).toEqual(OPTIONS);
    const again = await place(
      orderBody([{ productId: p.id, quantity: 1 }], {
        payment: 'cod',
        delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
      }),
    );
    expect(again.status).toBe(201);
    expect(again.body.orders[0]).toMatchObject({
      deliveryFee: 30_000,
      total: 530_000,
      payment: 'cod',
    });
    const noAddress = await call('PUT /api/seller/delivery-options', {
      headers: s.headers,
      body: { ...OPTIONS, pickup: { enabled: true } },
    });
    expect(noAddress.status).toBe(400);
  });

  it('quotes a cart without writing anything', async () => {
    const a = await seller();
    const b = await seller();
    const pa = await goods(a.sellerId);
    const pb = await goods(b.sellerId, { stock: 1 });
    const before = await tableSnapshot();
    const res = await call('POST /api/orders/quote', {
      body: {
        delivery: 'ship',
        lines: [
          { productId: pa.id, quantity: 3 },
          { productId: pb.id, quantity: 2 },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.sellers).toEqual([
      expect.objectContaining({
        sellerId: a.sellerId,
        subtotal: 1_350_000,
        deliveryFee: 0,
        total: 1_350_000,
        options: expect.objectContaining({
          cod: true,
          shippingFee: 30_000,
          freeShippingAbove: 1_000_000,
          pickupAddress: OPTIONS.pickup.address,
        }),
      }),
    ]);
    expect(res.body.failures).toEqual([
      { index: 1, productId: pb.id, code: 'order.outOfStock', available: 1 },
    ]);
    expect(await tableSnapshot()).toBe(before);
  });

  it("shows a service's places left per date", async () => {
    const a = await seller();
    const tour = await service(a.sellerId, 6);
    const date = tomorrow();
    await place(orderBody([{ productId: tour.id, quantity: 4, date }]));
    const res = await call('GET /api/products/{productId}/availability', {
      path: { productId: tour.id },
      query: { days: '3' },
    });
    expect(res.status).toBe(200);
    expect(res.body.capacityPerDate).toBe(6);
    expect(res.body.dates).toHaveLength(3);
    expect(res.body.dates.find((d: { date: string }) => d.date === date)).toEqual({
      date,
      booked: 4,
      left: 2,
    });
    const goodsProduct = await goods(a.sellerId);
    const notService = await call('GET /api/products/{productId}/availability', {
      path: { productId: goodsProduct.id },
      query: {},
    });
    expect(notService.status).toBe(400);
  });

  it("gives the seller's static VietQR (no amount) of the approved account", async () => {
    const s = await seller();
    const res = await call('GET /api/seller/static-qr', { headers: s.headers });
    expect(res.status).toBe(200);
    const { staticQr } = res.body;
    expect(staticQr).toMatchObject({
      bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX THU NGHIEM' },
      content: 'Hop tac xa Thu nghiem',
      sellerName: 'Hợp tác xã Thử nghiệm',
    });
    expect(staticQr.svg).toContain('<svg');
    const decoded = decodeVietQr(staticQr.payload);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.value.amount).toBeUndefined();
      expect(decoded.value).toMatchObject({
        bin: '970405',
        accountNumber: '7800205123456',
        purpose: 'Hop tac xa Thu nghiem',
      });
    }
  });
});
