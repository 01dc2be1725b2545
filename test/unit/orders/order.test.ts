import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product';
import type { AppError } from '../../../shared/errors';
import { ledgerEntry, localDateOf, orderLedgerEntry } from '../../../shared/ledger/entry';
import {
  DEFAULT_DELIVERY_OPTIONS,
  DeliveryOptionsSchema,
  deliveryFeeFor,
} from '../../../shared/orders/delivery';
import {
  applyAction,
  applyPayment,
  buildOrders,
  expireOrder,
  isExpired,
  mergeLines,
  ORDER_LIMITS,
  type Order,
  type OrderSeller,
  PlaceOrderSchema,
  priceCart,
  refusal,
  transactionActions,
} from '../../../shared/orders/order';
import { maskName, maskPhone } from '../../../shared/orders/view';
import { counterSaleSchemaCheck } from './counter-sale-helpers';
import { product as baseProduct, seller as baseSeller, NOW } from './fixtures';

const product = (over: Partial<Product>): Product =>
  baseProduct({
    priceTiers: [
      { minQuantity: 3, unitPrice: 450_000 },
      { minQuantity: 10, unitPrice: 400_000 },
    ],
    ...over,
  });

const seller = (over: Partial<OrderSeller> = {}): OrderSeller =>
  baseSeller({
    delivery: {
      pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
      shipping: { enabled: true, fee: 30_000, freeAbove: 1_000_000 },
      cod: true,
    },
    ...over,
  });

const tour = product({
  id: 't1',
  category: 'tour',
  unit: 'người',
  price: 350_000,
  priceTiers: [],
  stock: undefined,
  capacityPerDate: 10,
});
const honey = product({ id: 'h1', sellerId: 's2', price: 250_000, priceTiers: [], stock: 5 });
const catalog = new Map([
  ['p1', product({})],
  ['t1', tour],
  ['h1', honey],
]);
const sellers = new Map([
  ['s1', seller()],
  ['s2', seller({ id: 's2', legalName: 'HTX Mật ong', delivery: { ...DEFAULT_DELIVERY_OPTIONS } })],
]);

const price = (
  lines: Array<{ productId: string; quantity: number; date?: string }>,
  delivery: 'pickup' | 'ship' = 'ship',
  payment: 'vietqr' | 'cod' = 'vietqr',
) => priceCart({ lines, products: catalog, sellers, delivery, payment, now: NOW });

describe('pricing', () => {
  it('applies the tier for the quantity: base, first tier, second tier', () => {
    const at = (q: number) =>
      price([{ productId: 'p1', quantity: q }]).groups[0]?.lines[0]?.unitPrice;
    expect([at(1), at(2), at(3), at(9), at(10), at(20)]).toEqual([
      500_000, 500_000, 450_000, 450_000, 400_000, 400_000,
    ]);
  });

  it('totals in whole VND per seller with the delivery fee apart, free above the threshold', () => {
    const small = price([{ productId: 'p1', quantity: 1 }]).groups[0];
    expect(small).toMatchObject({
      goodsAmount: 500_000,
      servicesAmount: 0,
      subtotal: 500_000,
      deliveryFee: 30_000,
      total: 530_000,
    });
    const big = price([{ productId: 'p1', quantity: 3 }]).groups[0];
    expect(big).toMatchObject({ subtotal: 1_350_000, deliveryFee: 0, total: 1_350_000 });
    const pickup = price([{ productId: 'p1', quantity: 1 }], 'pickup').groups[0];
    expect(pickup).toMatchObject({ deliveryFee: 0, total: 500_000, deliveryMethod: 'pickup' });
  });

  it('splits goods and services; an order of services only has no delivery', () => {
    const { groups } = price([
      { productId: 'p1', quantity: 1 },
      { productId: 't1', quantity: 2, date: '2026-12-05' },
    ]);
    // The fee follows the goods subtotal (500 000 < 1 000 000), not the services.
    expect(groups[0]).toMatchObject({
      goodsAmount: 500_000,
      servicesAmount: 700_000,
      subtotal: 1_200_000,
      deliveryFee: 30_000,
      total: 1_230_000,
    });
    const services = price([{ productId: 't1', quantity: 2, date: '2026-12-05' }]).groups[0];
    expect(services).toMatchObject({ deliveryMethod: 'pickup', deliveryFee: 0, total: 700_000 });
  });

  it('merges repeated lines of one product (and date) before pricing', () => {
    expect(
      mergeLines([
        { productId: 'p1', quantity: 1 },
        { productId: 'p1', quantity: 2 },
        { productId: 't1', quantity: 1, date: '2026-12-05' },
        { productId: 't1', quantity: 1, date: '2026-12-06' },
      ]),
    ).toEqual([
      { productId: 'p1', quantity: 3 },
      { productId: 't1', quantity: 1, date: '2026-12-05' },
      { productId: 't1', quantity: 1, date: '2026-12-06' },
    ]);
    expect(
      price([
        { productId: 'p1', quantity: 1 },
        { productId: 'p1', quantity: 2 },
      ]).groups[0]?.lines[0],
    ).toMatchObject({ quantity: 3, unitPrice: 450_000, lineTotal: 1_350_000 });
  });

  it('groups by seller and names each failing line', () => {
    const { groups, failures } = price(
      [
        { productId: 'p1', quantity: 21 },
        { productId: 'h1', quantity: 1 },
        { productId: 'nope', quantity: 1 },
      ],
      'ship',
    );
    expect(groups.map((g) => g.seller.id)).toEqual(['s2']);
    expect(failures).toEqual([
      { index: 0, productId: 'p1', code: 'order.outOfStock', available: 20 },
      { index: 1, productId: 'h1', code: 'order.deliveryUnavailable' },
      { index: 2, productId: 'nope', code: 'product.unavailable' },
    ]);
    const cod = price([{ productId: 'h1', quantity: 1 }], 'pickup', 'cod');
    expect(cod.failures).toEqual([{ index: 0, productId: 'h1', code: 'order.codUnavailable' }]);
    const unapproved = priceCart({
      lines: [{ productId: 'p1', quantity: 1 }],
      products: catalog,
      sellers: new Map([['s1', seller({ status: 'suspended' })]]),
      delivery: 'pickup',
      payment: 'vietqr',
      now: NOW,
    });
    expect(unapproved.failures[0]?.code).toBe('seller.notApproved');
    const draft = priceCart({
      lines: [{ productId: 'p1', quantity: 1 }],
      products: new Map([['p1', product({ status: 'draft' })]]),
      sellers,
      delivery: 'pickup',
      payment: 'vietqr',
      now: NOW,
    });
    expect(draft.failures[0]?.code).toBe('product.unavailable');
  });

  it('needs a date for services (today or later, within the horizon) and none for goods', () => {
    const invalid = (lines: Array<{ productId: string; quantity: number; date?: string }>) => {
      try {
        price(lines);
        return undefined;
      } catch (err) {
        return (err as AppError).code;
      }
    };
    expect(invalid([{ productId: 't1', quantity: 1 }])).toBe('request.invalid');
    expect(invalid([{ productId: 't1', quantity: 1, date: '2026-12-01' }])).toBe('request.invalid');
    expect(invalid([{ productId: 't1', quantity: 1, date: '2026-12-02' }])).toBeUndefined();
    expect(invalid([{ productId: 't1', quantity: 1, date: '2027-12-03' }])).toBe('request.invalid');
    expect(invalid([{ productId: 'p1', quantity: 1, date: '2026-12-05' }])).toBe('request.invalid');
  });

  it('fits any checkout into one transaction', () => {
    expect(
      transactionActions(ORDER_LIMITS.maxLines, ORDER_LIMITS.maxLines, ORDER_LIMITS.maxLines),
    ).toBeLessThanOrEqual(100);
    const body = {
      buyer: { name: 'Lan', phone: '0912345678' },
      delivery: { method: 'pickup' },
      payment: 'vietqr',
    };
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ productId: `p${i}`, quantity: 1 }));
    expect(PlaceOrderSchema.safeParse({ ...body, lines: lines(30) }).success).toBe(true);
    expect(PlaceOrderSchema.safeParse({ ...body, lines: lines(31) }).success).toBe(false);
    expect(PlaceOrderSchema.safeParse({ ...body, lines: [] }).success).toBe(false);
    expect(
      PlaceOrderSchema.safeParse({ ...body, lines: [{ productId: 'p1', quantity: 1.5 }] }).success,
    ).toBe(false);
    expect(
      PlaceOrderSchema.safeParse({
        ...body,
        buyer: { name: 'Lan', phone: '0123' },
        lines: lines(1),
      }).success,
    ).toBe(false);
    const parsed = PlaceOrderSchema.safeParse({
      ...body,
      buyer: { name: 'Lan', phone: '+84 912 345 678' },
      lines: lines(1),
    });
    expect(parsed.success && parsed.data.buyer.phone).toBe('0912345678');
  });
});

function order(over: Partial<Order> = {}): Order {
  const { groups } = price(
    [{ productId: 'p1', quantity: 1 }],
    (over.delivery?.method ?? 'ship') as 'pickup' | 'ship',
    over.payment ?? 'vietqr',
  );
  const [built] = buildOrders({
    groups,
    body: {
      buyer: { name: 'Lan', phone: '0912345678' },
      delivery:
        over.delivery?.method === 'pickup'
          ? { method: 'pickup' }
          : { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
      payment: over.payment ?? 'vietqr',
      lines: [{ productId: 'p1', quantity: 1 }],
    },
    checkoutId: 'c1',
    codes: ['CS7K3QX9Y'],
    tokenHashes: ['ab'],
    now: NOW,
    paymentMinutes: 60,
  });
  return { ...(built as Order), ...over };
}

describe('the order state machine', () => {
  it('builds placed, unpaid orders; VietQR ones with a payment deadline and the approved account as payee', () => {
    const o = order();
    expect(o).toMatchObject({
      status: 'placed',
      paymentStatus: 'unpaid',
      total: 530_000,
      deliveryFee: 30_000,
      expiresAt: '2026-12-02T04:00:00.000Z',
      payee: { accountNumber: '7800205123456' },
    });
    const [cod] = buildOrders({
      groups: price([{ productId: 'p1', quantity: 1 }], 'ship', 'cod').groups,
      body: {
        buyer: { name: 'Lan', phone: '0912345678' },
        delivery: { method: 'pickup' },
        payment: 'cod',
        lines: [],
      },
      checkoutId: 'c',
      codes: ['CS2345678'],
      tokenHashes: ['x'],
      now: NOW,
      paymentMinutes: 60,
    });
    expect(cod?.expiresAt).toBeUndefined();
    expect(cod?.payee).toBeUndefined();
  });

  const all = ['confirm', 'ship', 'deliver', 'pickedUp', 'cancel'] as const;
  const allowed = (o: Order) => all.filter((a) => refusal(o, a) === undefined);

  it('allows exactly these actions from each state', () => {
    expect(allowed(order())).toEqual(['confirm', 'cancel']);
    expect(allowed(order({ status: 'confirmed' }))).toEqual(['cancel']); // unpaid VietQR: not handed over
    expect(allowed(order({ status: 'confirmed', paymentStatus: 'paid' }))).toEqual([
      'ship',
      'cancel',
    ]);
    expect(
      allowed(
        order({ status: 'confirmed', paymentStatus: 'paid', delivery: { method: 'pickup' } }),
      ),
    ).toEqual(['pickedUp', 'cancel']);
    expect(allowed(order({ status: 'confirmed', payment: 'cod' }))).toEqual(['ship', 'cancel']);
    expect(allowed(order({ status: 'shipped', paymentStatus: 'paid' }))).toEqual(['deliver']);
    for (const status of ['delivered', 'pickedUp', 'cancelled', 'expired'] as const)
      expect(allowed(order({ status }))).toEqual([]);
  });

  it('refuses with order.actionNotAllowed and the current state', () => {
    expect(() =>
      applyAction(order({ status: 'expired' }), { action: 'confirm' }, NOW),
    ).toThrowError(
      expect.objectContaining({
        code: 'order.actionNotAllowed',
        details: { action: 'confirm', status: 'expired', paymentStatus: 'unpaid' },
      }),
    );
  });

  it('confirming stops the payment clock; cancelling gives stock back and undoes a recorded sale with a refund due', () => {
    const confirmed = applyAction(order(), { action: 'confirm' }, NOW);
    expect(confirmed.order.expiresAt).toBeUndefined();
    expect(confirmed.effects).toEqual({ releaseStock: false, leavesPaymentQueue: true });
    expect(applyAction(order(), { action: 'cancel', reason: 'Hết hàng' }, NOW).effects).toEqual({
      releaseStock: true,
      leavesPaymentQueue: true,
    });
    const paid = applyPayment(order(), 530_000, NOW).order;
    const cancelled = applyAction(
      { ...paid, status: 'confirmed' },
      { action: 'cancel', reason: 'Hết hàng' },
      NOW,
    );
    expect(cancelled.order).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Hết hàng',
      endedAt: NOW.toISOString(),
    });
    expect(cancelled.effects).toEqual({
      releaseStock: true,
      leavesPaymentQueue: false,
      ledger: 'cancellation',
      refundDue: 530_000,
    });
  });

  it('a COD order becomes paid and a sale when delivered or picked up', () => {
    const shipped = order({ payment: 'cod', status: 'shipped' });
    const d = applyAction(shipped, { action: 'deliver' }, NOW);
    expect(d.order).toMatchObject({
      status: 'delivered',
      paymentStatus: 'paid',
      amountPaid: shipped.total,
      saleRecorded: true,
    });
    expect(d.effects.ledger).toBe('sale');
    const vq = applyAction(
      order({ status: 'shipped', paymentStatus: 'paid', saleRecorded: true }),
      { action: 'deliver' },
      NOW,
    );
    expect(vq.effects.ledger).toBeUndefined();
  });

  it('payments: partial, paid once, over', () => {
    const o = order();
    const part = applyPayment(o, 30_000, NOW);
    expect(part).toMatchObject({
      becamePaid: false,
      order: { paymentStatus: 'partially_paid', amountPaid: 30_000 },
    });
    expect(part.order.expiresAt).toBeUndefined();
    const full = applyPayment(part.order, 500_000, NOW);
    expect(full).toMatchObject({
      becamePaid: true,
      order: { paymentStatus: 'paid', saleRecorded: true },
    });
    const over = applyPayment(full.order, 5, NOW);
    expect(over).toMatchObject({
      becamePaid: false,
      order: { paymentStatus: 'overpaid', amountPaid: 530_005 },
    });
    expect(applyPayment({ ...o, status: 'expired' }, 530_000, NOW)).toMatchObject({
      becamePaid: false,
      order: { paymentStatus: 'paid', saleRecorded: false },
    });
    expect(applyPayment({ ...o, status: 'cancelled' }, 530_000, NOW).becamePaid).toBe(false);
    expect(applyPayment({ ...o, payment: 'cod' }, 530_000, NOW).becamePaid).toBe(false);
    expect(() => applyPayment(o, 0, NOW)).toThrow(RangeError);
    expect(() => applyPayment(o, 1.5, NOW)).toThrow(RangeError);
  });

  it('expires only placed, unpaid VietQR orders past the deadline', () => {
    const o = order();
    expect(isExpired(o, new Date('2026-12-02T03:59:59Z'))).toBe(false);
    expect(isExpired(o, new Date('2026-12-02T04:00:00Z'))).toBe(true);
    expect(isExpired({ ...o, status: 'confirmed' }, new Date('2026-12-03T00:00:00Z'))).toBe(false);
    expect(
      isExpired({ ...o, paymentStatus: 'partially_paid' }, new Date('2026-12-03T00:00:00Z')),
    ).toBe(false);
    expect(expireOrder(o, NOW)).toMatchObject({
      status: 'expired',
      endedAt: NOW.toISOString(),
      version: 2,
    });
  });
});

describe('the ledger entry', () => {
  it('carries the split, the seller snapshot and the local date, and no buyer data', () => {
    const o = order();
    const e = orderLedgerEntry(o, 'sale', new Date('2026-12-31T17:30:00Z'));
    expect(e).toEqual({
      id: 'sale:order:CS7K3QX9Y',
      kind: 'sale',
      amount: 500_000,
      goodsAmount: 500_000,
      servicesAmount: 0,
      deliveryFee: 30_000,
      channel: 'online',
      method: 'vietqr',
      sellerId: 's1',
      seller: { communeCode: '32248', sectorCode: '1020', classification: 'VSIC2025' },
      occurredAt: '2026-12-31T17:30:00.000Z',
      localDate: '2027-01-01',
      reference: { type: 'order', id: 'CS7K3QX9Y' },
      recordedAt: '2026-12-31T17:30:00.000Z',
    });
    expect(JSON.stringify(e)).not.toMatch(/0912345678|Lan|Ấp 1/);
    const c = orderLedgerEntry({ ...o, payment: 'cod' }, 'cancellation', NOW);
    expect(c).toMatchObject({
      amount: -500_000,
      goodsAmount: -500_000,
      servicesAmount: 0,
      deliveryFee: -30_000,
      method: 'cash',
    });
  });

  it('refuses amounts that are not whole VND', () => {
    const base = {
      kind: 'sale' as const,
      servicesAmount: 0,
      deliveryFee: 0,
      channel: 'offline' as const,
      method: 'cash' as const,
      sellerId: 's',
      seller: { communeCode: '1', sectorCode: '1', classification: 'V' },
      occurredAt: NOW,
      reference: { type: 'counterSale' as const, id: 'x' },
      recordedAt: NOW,
    };
    expect(() => ledgerEntry({ ...base, goodsAmount: 1.5 })).toThrow(RangeError);
    expect(() => ledgerEntry({ ...base, goodsAmount: -1 })).toThrow(RangeError);
    expect(localDateOf(new Date('2026-12-02T16:59:59Z'))).toBe('2026-12-02');
    expect(localDateOf(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
  });
});

describe('delivery options and masking', () => {
  it('needs a pickup address when pickup is on; shipping is free from freeAbove', () => {
    expect(
      DeliveryOptionsSchema.safeParse({
        pickup: { enabled: true },
        shipping: { enabled: false, fee: 0 },
        cod: false,
      }).success,
    ).toBe(false);
    expect(
      DeliveryOptionsSchema.safeParse({
        pickup: { enabled: false },
        shipping: { enabled: true, fee: -1 },
        cod: false,
      }).success,
    ).toBe(false);
    const opts = seller().delivery;
    expect([
      deliveryFeeFor(opts, 'ship', 999_999),
      deliveryFeeFor(opts, 'ship', 1_000_000),
      deliveryFeeFor(opts, 'pickup', 10),
      deliveryFeeFor(opts, 'ship', 0),
    ]).toEqual([30_000, 0, 0, 0]);
  });

  it('masks buyers in lists', () => {
    expect(maskPhone('0912345678')).toBe('09******78');
    expect(maskName('Nguyễn Thị Lan')).toBe('N. T. Lan');
    expect(maskName('Lan')).toBe('Lan');
  });

  it('counter sales take items or an amount', () => {
    expect(counterSaleSchemaCheck()).toEqual([true, false, false, true]);
  });
});

describe('boundaries the mutation run pointed at', () => {
  it('counts the transaction actions exactly', () => {
    expect(transactionActions(30, 30, 30)).toBe(93);
    expect(transactionActions(2, 1, 0)).toBe(6);
    expect(transactionActions(3, 2, 1)).toBe(9);
  });

  it('books a date up to its capacity and up to the horizon, not beyond', () => {
    expect(price([{ productId: 't1', quantity: 10, date: '2026-12-05' }]).failures).toEqual([]);
    expect(price([{ productId: 't1', quantity: 11, date: '2026-12-05' }]).failures).toEqual([
      { index: 0, productId: 't1', date: '2026-12-05', code: 'order.capacityFull', available: 10 },
    ]);
    expect(price([{ productId: 't1', quantity: 1, date: '2027-12-02' }]).failures).toEqual([]);
    expect(price([{ productId: 'p1', quantity: 20 }]).failures).toEqual([]);
  });

  it('records each action in the history with a new version', () => {
    const o = order();
    const { order: next } = applyAction(o, { action: 'cancel', reason: 'Hết hàng' }, NOW);
    expect(next.version).toBe(o.version + 1);
    expect(next.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      action: 'cancel',
      by: 'seller',
      reason: 'Hết hàng',
    });
    const { order: confirmed } = applyAction(o, { action: 'confirm' }, NOW);
    expect(confirmed.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      action: 'confirm',
      by: 'seller',
    });
    expect(applyPayment(o, 1, NOW).order.version).toBe(o.version + 1);
  });

  it('only an order waiting in the payment queue leaves it', () => {
    const { expiresAt: _e, ...noDeadline } = order();
    expect(
      applyAction(
        { ...noDeadline, status: 'confirmed' } as Order,
        { action: 'cancel', reason: 'x y z' },
        NOW,
      ).effects.leavesPaymentQueue,
    ).toBe(false);
    expect(
      applyAction(noDeadline as Order, { action: 'cancel', reason: 'x y z' }, NOW).effects
        .leavesPaymentQueue,
    ).toBe(false);
    expect(
      applyAction({ ...order(), paymentStatus: 'partially_paid' }, { action: 'confirm' }, NOW)
        .effects.leavesPaymentQueue,
    ).toBe(false);
  });

  it('an order of services only is not shipped, even when the checkout asked for shipping', () => {
    const { groups } = price([{ productId: 't1', quantity: 1, date: '2026-12-05' }], 'ship');
    const [built] = buildOrders({
      groups,
      body: {
        buyer: { name: 'Lan', phone: '0912345678' },
        delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
        payment: 'vietqr',
        lines: [],
      },
      checkoutId: 'c',
      codes: ['CS7K3QX9Y'],
      tokenHashes: ['h'],
      now: NOW,
      paymentMinutes: 60,
    });
    expect(built?.delivery).toEqual({ method: 'pickup', pickupAddress: 'Ấp Rạch Gốc' });
    const [shipped] = buildOrders({
      groups: price([{ productId: 'p1', quantity: 1 }], 'ship').groups,
      body: {
        buyer: { name: 'Lan', phone: '0912345678' },
        delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
        payment: 'vietqr',
        lines: [],
      },
      checkoutId: 'c',
      codes: ['CS7K3QX9Y'],
      tokenHashes: ['h'],
      now: NOW,
      paymentMinutes: 60,
    });
    expect(shipped?.delivery).toEqual({
      method: 'ship',
      address: { communeCode: '32248', line: 'Ấp 1' },
    });
  });
});
