import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product';
import { AppError } from '../../../shared/errors';
import { DeliveryOptionsSchema } from '../../../shared/orders/delivery';
import {
  applyAction,
  applyPayment,
  buildOrders,
  expireOrder,
  linesFailed,
  localDate,
  type Order,
  type OrderSeller,
  PlaceOrderSchema,
  priceCart,
  refusal,
} from '../../../shared/orders/order';
import { product as baseProduct, seller as baseSeller, NOW, refusedWith } from './fixtures';

const product = baseProduct;
const tour = product({
  id: 't1',
  category: 'tour',
  unit: 'người',
  price: 350_000,
  stock: undefined,
  capacityPerDate: 10,
});
const seller: OrderSeller = baseSeller();
const catalog = new Map([
  ['p1', product({})],
  ['t1', tour],
]);
const sellers = new Map([['s1', seller]]);
type Line = { productId: string; quantity: number; date?: string };
const price = (lines: Line[], now = NOW, products: ReadonlyMap<string, Product> = catalog) =>
  priceCart({ lines, products, sellers, delivery: 'ship', payment: 'vietqr', now });

describe('a booked date is checked against the catalog, naming the line', () => {
  const first = { productId: 'p1', quantity: 1 };
  it.each([
    [{ productId: 'p1', quantity: 1, date: '2026-12-05' }, 'Goods are not booked for a date'],
    [{ productId: 't1', quantity: 1 }, 'A service needs a date'],
    [{ productId: 't1', quantity: 1, date: '2026-12-01' }, 'The date has passed'],
    [{ productId: 't1', quantity: 1, date: '2027-12-03' }, 'The date is too far ahead'],
  ])('%j: %s', (line, message) => {
    // Line 0 is fine (and merged apart from line 1 unless the same product without a date).
    const lines =
      line.productId === 'p1'
        ? [{ productId: 't1', quantity: 1, date: '2026-12-05' }, line]
        : [first, line];
    expect(refusedWith(() => price(lines))).toEqual({
      code: 'request.invalid',
      message,
      details: { issues: [{ in: 'body', path: 'lines.1.date', code: 'custom', message }] },
    });
  });

  it("counts days in the province's calendar (UTC+7), not UTC", () => {
    expect(localDate(new Date('2026-12-02T16:59:59Z'))).toBe('2026-12-02');
    expect(localDate(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
    // 00:30 on 3 December in Cà Mau, still 2 December in UTC.
    const lateNight = new Date('2026-12-02T17:30:00Z');
    expect(
      refusedWith(() => price([{ productId: 't1', quantity: 1, date: '2026-12-02' }], lateNight))
        .message,
    ).toBe('The date has passed');
    expect(
      price([{ productId: 't1', quantity: 1, date: '2026-12-03' }], lateNight).failures,
    ).toEqual([]);
    expect(
      price([{ productId: 't1', quantity: 1, date: '2027-12-03' }], lateNight).failures,
    ).toEqual([]);
  });
});

describe('pricing details', () => {
  it('a product whose seller is unknown is a seller.notApproved failure, not a crash', () => {
    const orphan = new Map([['o1', product({ id: 'o1', sellerId: 'gone' })]]);
    expect(price([{ productId: 'o1', quantity: 1 }], NOW, orphan)).toEqual({
      groups: [],
      failures: [{ index: 0, productId: 'o1', code: 'seller.notApproved' }],
    });
  });

  it('a priced service line keeps its date', () => {
    expect(price([{ productId: 't1', quantity: 2, date: '2026-12-05' }]).groups[0]?.lines).toEqual([
      {
        index: 0,
        productId: 't1',
        kind: 'service',
        name: { vi: 'Tôm khô' },
        unit: 'người',
        unitPrice: 350_000,
        quantity: 2,
        lineTotal: 700_000,
        date: '2026-12-05',
      },
    ]);
  });

  it('refuses a total beyond exact integers instead of rounding money', () => {
    const huge = new Map([
      ['a', product({ id: 'a', price: 5e15, stock: 1 })],
      ['b', product({ id: 'b', price: 5e15, stock: 1 })],
    ]);
    expect(() =>
      price(
        [
          { productId: 'a', quantity: 1 },
          { productId: 'b', quantity: 1 },
        ],
        NOW,
        huge,
      ),
    ).toThrowError(new RangeError('Amount out of range'));
  });

  it('the 409 of failed lines names each one', () => {
    const failures = [
      { index: 2, productId: 'p1', code: 'order.outOfStock' as const, available: 1 },
    ];
    const err = linesFailed(failures);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'order.linesUnavailable',
      message: 'Some lines cannot be ordered',
      details: { lines: failures },
    });
  });
});

describe('schemas normalise text to NFC', () => {
  it('the note and the pickup address', () => {
    const nfd = 'Gọi trước khi giao'.normalize('NFD');
    const parsed = PlaceOrderSchema.parse({
      buyer: { name: 'Lan', phone: '0912345678' },
      delivery: { method: 'pickup' },
      payment: 'cod',
      lines: [{ productId: 'p1', quantity: 1 }],
      note: nfd,
    });
    expect(parsed.note).toBe('Gọi trước khi giao'.normalize('NFC'));
    const options = DeliveryOptionsSchema.parse({
      pickup: { enabled: true, address: 'Ấp Rạch Gốc'.normalize('NFD') },
      shipping: { enabled: false, fee: 0 },
      cod: false,
    });
    expect(options.pickup.address).toBe('Ấp Rạch Gốc'.normalize('NFC'));
  });

  it('pickup needs an address only when it is on', () => {
    const opts = (pickup: { enabled: boolean; address?: string }) =>
      DeliveryOptionsSchema.safeParse({ pickup, shipping: { enabled: true, fee: 0 }, cod: false });
    expect(opts({ enabled: true, address: 'Ấp 1' }).success).toBe(true);
    expect(opts({ enabled: false }).success).toBe(true);
    expect(opts({ enabled: false, address: 'Ấp 1' }).success).toBe(true);
    const missing = opts({ enabled: true });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues).toMatchObject([
      { message: 'Pickup needs an address', path: ['pickup', 'address'] },
    ]);
  });
});

const body = (over: Record<string, unknown> = {}) =>
  PlaceOrderSchema.parse({
    buyer: { name: 'Lan', phone: '0912345678' },
    delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
    payment: 'vietqr',
    lines: [{ productId: 'p1', quantity: 1 }],
    ...over,
  });

const build = (b = body(), lines: Line[] = [{ productId: 'p1', quantity: 1 }]) => {
  const [o] = buildOrders({
    groups: price(lines).groups,
    body: b,
    checkoutId: 'c1',
    codes: ['CS7K3QX9Y'],
    tokenHashes: ['ab'],
    now: NOW,
    paymentMinutes: 60,
  });
  return o as Order;
};

describe('the order record', () => {
  it('holds the lines without their cart index, the note and the placing in its history', () => {
    expect(build(body({ note: 'Gọi trước' }))).toEqual({
      code: 'CS7K3QX9Y',
      checkoutId: 'c1',
      sellerId: 's1',
      sellerName: 'HTX Tôm khô Rạch Gốc',
      sellerCommuneCode: '32248',
      sellerSector: { code: '1020', classification: 'VSIC2025' },
      accessTokenHash: 'ab',
      buyer: { name: 'Lan', phone: '0912345678' },
      delivery: { method: 'ship', address: { communeCode: '32248', line: 'Ấp 1' } },
      payment: 'vietqr',
      payee: seller.bank,
      note: 'Gọi trước',
      lines: [
        {
          productId: 'p1',
          kind: 'goods',
          name: { vi: 'Tôm khô' },
          unit: 'kg',
          unitPrice: 500_000,
          quantity: 1,
          lineTotal: 500_000,
        },
      ],
      goodsAmount: 500_000,
      servicesAmount: 0,
      subtotal: 500_000,
      deliveryFee: 30_000,
      total: 530_000,
      amountPaid: 0,
      status: 'placed',
      paymentStatus: 'unpaid',
      saleRecorded: false,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      expiresAt: '2026-12-02T04:00:00.000Z',
      history: [{ at: NOW.toISOString(), action: 'place', by: 'buyer' }],
      version: 1,
    });
    expect('note' in build()).toBe(false);
  });

  it('is shipped only when the buyer chose shipping with an address', () => {
    expect(build(body({ delivery: { method: 'pickup' } })).delivery).toEqual({
      method: 'pickup',
      pickupAddress: 'Ấp Rạch Gốc',
    });
  });
});

describe('refusals say why', () => {
  const o = (over: Partial<Order> = {}) => ({ ...build(), ...over });
  it.each([
    [{ status: 'delivered' }, 'confirm', 'A delivered order cannot be confirmed'],
    [{}, 'ship', 'A placed order cannot be shipped'],
    [{}, 'deliver', 'A placed order cannot be delivered'],
    [{}, 'pickedUp', 'A placed order cannot be picked up'],
    [{ status: 'expired' }, 'cancel', 'An expired order cannot be cancelled'],
    [
      { status: 'confirmed', paymentStatus: 'paid', delivery: { method: 'pickup' } },
      'ship',
      'This order is picked up, not shipped',
    ],
    [
      { status: 'shipped', paymentStatus: 'paid', delivery: { method: 'pickup' } },
      'deliver',
      'This order is picked up, not shipped',
    ],
    [
      { status: 'confirmed', paymentStatus: 'paid' },
      'pickedUp',
      'This order is shipped, not picked up',
    ],
    [
      { status: 'confirmed', paymentStatus: 'partially_paid' },
      'ship',
      'A VietQR order is handed over only once it is paid in full',
    ],
    [
      { status: 'confirmed', paymentStatus: 'unpaid', delivery: { method: 'pickup' } },
      'pickedUp',
      'A VietQR order is handed over only once it is paid in full',
    ],
  ] as Array<[Partial<Order>, Parameters<typeof refusal>[1], string]>)(
    '%j %s',
    (over, action, message) => {
      expect(refusal(o(over), action)).toBe(message);
      expect(refusedWith(() => applyAction(o(over), { action } as never, NOW)).message).toBe(
        message,
      );
    },
  );

  it('an overpaid VietQR order is paid in full: it may be handed over', () => {
    expect(refusal(o({ status: 'confirmed', paymentStatus: 'overpaid' }), 'ship')).toBeUndefined();
    expect(
      refusal(
        o({ status: 'confirmed', paymentStatus: 'overpaid', delivery: { method: 'pickup' } }),
        'pickedUp',
      ),
    ).toBeUndefined();
  });
});

describe('each action: the next order and its effects exactly', () => {
  const at = NOW.toISOString();
  const paid = {
    ...build(),
    status: 'confirmed' as const,
    paymentStatus: 'paid' as const,
    amountPaid: 530_000,
    saleRecorded: true,
  };
  const { expiresAt: _e, ...paidNoDeadline } = paid;

  it('confirm', () => {
    const { order, effects } = applyAction(build(), { action: 'confirm' }, NOW);
    expect(order.status).toBe('confirmed');
    expect(order.history).toEqual([
      { at, action: 'place', by: 'buyer' },
      { at, action: 'confirm', by: 'seller' },
    ]);
    expect(effects).toEqual({ releaseStock: false, leavesPaymentQueue: true });
  });

  it('ship', () => {
    const { order, effects } = applyAction(paidNoDeadline as Order, { action: 'ship' }, NOW);
    expect(order).toEqual({
      ...paidNoDeadline,
      status: 'shipped',
      updatedAt: at,
      history: [...paid.history, { at, action: 'ship', by: 'seller' }],
      version: paid.version + 1,
    });
    expect(effects).toEqual({ releaseStock: false, leavesPaymentQueue: false });
  });

  it('deliver and pick up a VietQR order: ended, no new ledger entry', () => {
    const shipped = { ...paidNoDeadline, status: 'shipped' } as Order;
    const d = applyAction(shipped, { action: 'deliver' }, NOW);
    expect(d.order).toEqual({
      ...shipped,
      status: 'delivered',
      endedAt: at,
      updatedAt: at,
      history: [...shipped.history, { at, action: 'deliver', by: 'seller' }],
      version: shipped.version + 1,
    });
    expect(d.effects).toEqual({ releaseStock: false, leavesPaymentQueue: false });
    const pickup = { ...paidNoDeadline, delivery: { method: 'pickup' } } as Order;
    const p = applyAction(pickup, { action: 'pickedUp' }, NOW);
    expect(p.order).toMatchObject({ status: 'pickedUp', endedAt: at });
    expect(p.order.history.at(-1)).toEqual({ at, action: 'pickedUp', by: 'seller' });
    expect(p.effects).toEqual({ releaseStock: false, leavesPaymentQueue: false });
  });

  it('pick up a COD order: paid and a sale, nothing else', () => {
    const cod = {
      ...build(body({ payment: 'cod', delivery: { method: 'pickup' } })),
      status: 'confirmed',
    } as Order;
    const r = applyAction(cod, { action: 'pickedUp' }, NOW);
    expect(r.order).toMatchObject({
      status: 'pickedUp',
      paymentStatus: 'paid',
      amountPaid: cod.total,
      saleRecorded: true,
    });
    expect(r.effects).toEqual({ releaseStock: false, ledger: 'sale', leavesPaymentQueue: false });
  });

  it('a cancel reason goes into the history only with a cancel', () => {
    const r = applyAction(build(), { action: 'confirm', reason: 'ignored' } as never, NOW);
    expect(r.order.history.at(-1)).toEqual({ at, action: 'confirm', by: 'seller' });
  });

  it('a placed order without a deadline (COD) is not in the payment queue', () => {
    const cod = build(body({ payment: 'cod' }));
    expect(cod.expiresAt).toBeUndefined();
    expect(applyAction(cod, { action: 'confirm' }, NOW).effects.leavesPaymentQueue).toBe(false);
    expect(
      applyAction(
        { ...build(), status: 'confirmed' },
        { action: 'cancel', reason: 'Hết hàng' },
        NOW,
      ).effects.leavesPaymentQueue,
    ).toBe(false);
  });

  it('expiry and payments are recorded in the history as the system', () => {
    const o = build();
    expect(expireOrder(o, NOW).history).toEqual([
      { at, action: 'place', by: 'buyer' },
      { at, action: 'expire', by: 'system' },
    ]);
    const paidOnce = applyPayment(o, 1_000, NOW).order;
    expect(paidOnce.history).toEqual([
      { at, action: 'place', by: 'buyer' },
      { at, action: 'pay', by: 'system' },
    ]);
    expect(() => applyPayment(o, -5, NOW)).toThrowError(
      new RangeError('A payment is a positive whole VND amount'),
    );
  });
});
