import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product';
import { AppError } from '../../../shared/errors';
import {
  CounterSaleSchema,
  priceCounterSale,
  staticContent,
  staticQr,
} from '../../../shared/orders/counter-sale';
import type { Order } from '../../../shared/orders/order';
import {
  buyerOrderView,
  orderPageUrl,
  orderVietQr,
  placedOrderView,
  sellerOrderSummary,
  sellerOrderView,
} from '../../../shared/orders/view';
import { decodeVietQr } from '../../../shared/vietqr';
import { BANK, order as baseOrder, product as baseProduct, NOW } from './fixtures';

const order = (over: Partial<Order> = {}): Order =>
  baseOrder({
    delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
    deliveryFee: 30_000,
    total: 530_000,
    amountPaid: 30_000,
    paymentStatus: 'partially_paid',
    version: 3,
    ...over,
  });

describe('order views', () => {
  it('the VietQR asks for the amount still due, with the code as content, into the payee account', () => {
    const qr = orderVietQr(order());
    expect(qr).toMatchObject({
      amount: 500_000,
      transferContent: 'CS7K3QX9Y',
      bank: { ...BANK, name: expect.any(String) },
    });
    expect(qr?.bank.name).not.toBe('970405');
    const decoded = decodeVietQr(qr?.payload ?? '');
    expect(decoded.ok && decoded.value).toMatchObject({
      amount: 500_000,
      purpose: 'CS7K3QX9Y',
      bin: '970405',
      accountNumber: '7800205123456',
    });
    expect(orderVietQr(order({ amountPaid: 530_000 }))?.payload).toBeUndefined();
    expect(orderVietQr(order({ payment: 'cod', payee: undefined }))).toBeUndefined();
  });

  it('the placed answer carries the link, amounts and deadline; COD has none', () => {
    const v = placedOrderView(order(), 'tok-en_1');
    expect(v).toMatchObject({
      code: 'CS7K3QX9Y',
      accessToken: 'tok-en_1',
      url: '/don-hang/?code=CS7K3QX9Y&t=tok-en_1',
      amountDue: 500_000,
      amountPaid: 30_000,
      total: 530_000,
      subtotal: 500_000,
      deliveryFee: 30_000,
      expiresAt: '2026-12-02T04:00:00.000Z',
      status: 'placed',
      paymentStatus: 'partially_paid',
      sellerId: 's1',
    });
    const { expiresAt: _e, payee: _p, ...cod } = order({ payment: 'cod' });
    const codView = placedOrderView(cod as Order, 't');
    expect(codView.expiresAt).toBeNull();
    expect('vietqr' in codView).toBe(false);
    expect(orderPageUrl('CS 1', 'a&b')).toBe('/don-hang/?code=CS%201&t=a%26b');
  });

  it('the buyer sees their own details and the commune names; sellers see them masked in lists', () => {
    const b = buyerOrderView(order({ note: 'Gọi trước', cancelReason: 'x' }));
    expect(b).toMatchObject({
      buyer: { name: 'Nguyễn Thị Lan' },
      note: 'Gọi trước',
      cancelReason: 'x',
      seller: {
        id: 's1',
        name: 'HTX Tôm khô Rạch Gốc',
        commune: { code: '32248', name: 'Xã Đất Mũi' },
      },
      delivery: {
        method: 'ship',
        address: { communeCode: '32248', line: 'Ấp 1', communeName: 'Xã Đất Mũi' },
      },
      version: 3,
    });
    const purged = buyerOrderView(order({ buyer: undefined }));
    expect('buyer' in purged).toBe(false);
    const s = sellerOrderSummary(order());
    expect(s).toMatchObject({
      buyer: { name: 'N. T. Lan', phone: '09******78' },
      deliveryMethod: 'ship',
      lineCount: 0,
      amountDue: 500_000,
    });
    expect(sellerOrderSummary(order({ buyer: undefined })).buyer).toBeNull();
    const d = sellerOrderView(order({ buyer: undefined, piiPurgedAt: 'x', endedAt: 'y' }), [
      'cancel',
    ]);
    expect(d).toMatchObject({
      buyer: null,
      piiPurgedAt: 'x',
      endedAt: 'y',
      allowedActions: ['cancel'],
      history: [],
    });
    expect(sellerOrderView(order(), []).buyer).toEqual({
      name: 'Nguyễn Thị Lan',
      phone: '0912345678',
    });
  });
});

const product = (over: Partial<Product> = {}) =>
  baseProduct({
    priceTiers: [{ minQuantity: 3, unitPrice: 450_000 }],
    stock: 5,
    status: 'archived',
    ...over,
  });

describe('counter sales', () => {
  const products = new Map([
    ['p1', product()],
    ['t1', product({ id: 't1', category: 'tour', unit: 'người', price: 300_000, priceTiers: [] })],
    ['x1', product({ id: 'x1', sellerId: 'other' })],
  ]);
  const parse = (v: unknown) => {
    const r = CounterSaleSchema.safeParse(v);
    if (!r.success) throw new Error('invalid');
    return r.data;
  };

  it('prices items from the catalog (tiers, any status) or at the price given, split by kind', () => {
    const sale = priceCounterSale(
      parse({
        items: [
          { productId: 'p1', quantity: 3 },
          { productId: 't1', quantity: 2, unitPrice: 250_000 },
        ],
        method: 'cash',
      }),
      products,
      's1',
      NOW,
    );
    expect(sale.items).toEqual([
      {
        productId: 'p1',
        name: { vi: 'Tôm khô' },
        kind: 'goods',
        quantity: 3,
        unitPrice: 450_000,
        lineTotal: 1_350_000,
      },
      {
        productId: 't1',
        name: { vi: 'Tôm khô' },
        kind: 'service',
        quantity: 2,
        unitPrice: 250_000,
        lineTotal: 500_000,
      },
    ]);
    expect(sale).toMatchObject({
      goodsAmount: 1_350_000,
      servicesAmount: 500_000,
      occurredAt: NOW,
    });
  });

  it('takes an amount alone, goods unless it says service', () => {
    expect(
      priceCounterSale(parse({ amount: 90_000, method: 'cash' }), products, 's1', NOW),
    ).toEqual({ items: [], goodsAmount: 90_000, servicesAmount: 0, occurredAt: NOW });
    expect(
      priceCounterSale(
        parse({ amount: 90_000, kind: 'service', method: 'cash' }),
        products,
        's1',
        NOW,
      ),
    ).toMatchObject({ goodsAmount: 0, servicesAmount: 90_000 });
  });

  it('accepts a time up to five minutes ahead and a year back, not beyond', () => {
    const at = (ms: number) =>
      parse({ amount: 1, method: 'cash', occurredAt: new Date(NOW.getTime() + ms).toISOString() });
    expect(priceCounterSale(at(4 * 60_000), products, 's1', NOW).occurredAt.getTime()).toBe(
      NOW.getTime() + 4 * 60_000,
    );
    expect(() => priceCounterSale(at(6 * 60_000), products, 's1', NOW)).toThrow(AppError);
    expect(() => priceCounterSale(at(-365 * 86_400_000), products, 's1', NOW)).not.toThrow();
    expect(() => priceCounterSale(at(-367 * 86_400_000), products, 's1', NOW)).toThrow(AppError);
  });

  it("refuses another seller's or an unknown product, naming the item", () => {
    for (const productId of ['x1', 'nope']) {
      try {
        priceCounterSale(
          parse({
            items: [
              { productId: 'p1', quantity: 1 },
              { productId, quantity: 1 },
            ],
            method: 'cash',
          }),
          products,
          's1',
          NOW,
        );
        expect.unreachable();
      } catch (err) {
        expect((err as AppError).code).toBe('request.invalid');
        expect((err as AppError).details).toMatchObject({
          issues: [{ path: 'items.1.productId' }],
        });
      }
    }
  });

  it('the static QR has no amount and a short ASCII content from the name', () => {
    expect(staticContent('Hợp tác xã Tôm khô Rạch Gốc')).toBe('Hop tac xa Tom kho Rach');
    expect(staticContent('Hợp tác xã Cua Năm Căn')).toBe('Hop tac xa Cua Nam Can');
    expect(staticContent('HTX Tom kho Rach Goc Ca Mau')).toBe('HTX Tom kho Rach Goc Ca');
    expect(staticContent('abcdefghij klmnopqrstu vwxyz')).toBe('abcdefghij klmnopqrstu');
    // 25 letters then a space: the whole 25 are kept.
    expect(staticContent('abcdefghij klmnopqrstu vw yz')).toBe('abcdefghij klmnopqrstu vw');
    expect(staticContent('abcdefghijklmnopqrstuvwxyz0123')).toBe('abcdefghijklmnopqrstuvwxy');
    expect(staticContent('abcdefghij klmnopqrstu vw')).toBe('abcdefghij klmnopqrstu vw');
    expect(staticContent('HTX "Đất Mũi" & co.')).toBe('HTX Dat Mui co');
    expect(staticContent('***')).toBe('CHO SO');
    const qr = staticQr({ legalName: 'HTX Đất Mũi', bank: BANK });
    expect(qr).toMatchObject({
      content: 'HTX Dat Mui',
      sellerName: 'HTX Đất Mũi',
      bank: { ...BANK },
    });
    const decoded = decodeVietQr(qr.payload);
    expect(decoded.ok && decoded.value).toMatchObject({
      bin: '970405',
      accountNumber: '7800205123456',
      purpose: 'HTX Dat Mui',
    });
    expect(decoded.ok && decoded.value.amount).toBeUndefined();
  });
});
