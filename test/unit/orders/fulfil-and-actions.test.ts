import { describe, expect, it } from 'vitest';
import {
  applyAction,
  ORDER_LIMITS,
  type Order,
  OrderActionSchema,
  PlaceOrderSchema,
  QuoteSchema,
  refusal,
} from '../../../shared/orders/order';
import { NOW, order, refusedWith } from './fixtures';

/**
 * "Fulfil anyway" (money paid in full reached an order that had expired or been cancelled), the
 * action and quote bodies, and the messages of the order body rules.
 */
const at = NOW.toISOString();
const expiredPaid = (over: Partial<Order> = {}) => {
  const { expiresAt: _x, ...rest } = order({
    status: 'expired',
    paymentStatus: 'paid',
    amountPaid: 500_000,
    endedAt: '2026-12-02T04:00:00.000Z',
    ...over,
  });
  return rest as Order;
};

describe('fulfil: reopen an ended VietQR order that money paid in full', () => {
  it('turns an expired order into a confirmed sale, taking the stock again', () => {
    const { order: next, effects } = applyAction(expiredPaid(), { action: 'fulfil' }, NOW);
    expect(next.status).toBe('confirmed');
    expect(next.saleRecorded).toBe(true);
    expect(next.endedAt).toBeUndefined();
    expect('endedAt' in next).toBe(false);
    expect(next.version).toBe(2);
    expect(next.updatedAt).toBe(at);
    expect(next.history).toEqual([{ at, action: 'fulfil', by: 'seller' }]);
    expect(effects).toEqual({
      releaseStock: false,
      leavesPaymentQueue: false,
      ledger: 'sale',
      fulfil: { excess: 0 },
    });
  });

  it('a cancelled order loses its reason and owes back only what is beyond the total', () => {
    const cancelled = expiredPaid({
      status: 'cancelled',
      cancelReason: 'Hết hàng',
      paymentStatus: 'overpaid',
      amountPaid: 620_000,
    });
    const { order: next, effects } = applyAction(cancelled, { action: 'fulfil' }, NOW);
    expect('cancelReason' in next).toBe(false);
    expect(next.status).toBe('confirmed');
    expect(effects.fulfil).toEqual({ excess: 120_000 });
  });

  it.each([
    [{ paymentStatus: 'partially_paid', amountPaid: 100_000 }, 'not paid in full'],
    [{ paymentStatus: 'unpaid', amountPaid: 0 }, 'unpaid'],
    [{ payment: 'cod', paymentStatus: 'paid' }, 'cash on delivery'],
  ] as Array<[Partial<Order>, string]>)('is refused for %j (%s)', (over) => {
    expect(refusal(expiredPaid(over), 'fulfil')).toBe(
      'Only an order paid in full can be fulfilled after it ended',
    );
    expect(refusedWith(() => applyAction(expiredPaid(over), { action: 'fulfil' }, NOW))).toEqual({
      code: 'order.actionNotAllowed',
      message: 'Only an order paid in full can be fulfilled after it ended',
      details: {
        action: 'fulfil',
        status: 'expired',
        paymentStatus: over.paymentStatus,
      },
    });
  });

  it('is refused once the order was a sale (a second fulfil, or a sale later cancelled)', () => {
    expect(refusal(expiredPaid({ saleRecorded: true }), 'fulfil')).toBe(
      'This order was already sold once; it cannot be reopened',
    );
    expect(refusal(expiredPaid({ status: 'cancelled', saleRecorded: true }), 'fulfil')).toBe(
      'This order was already sold once; it cannot be reopened',
    );
  });

  it('is refused for an order that has not ended', () => {
    expect(refusal(order({ paymentStatus: 'paid', amountPaid: 500_000 }), 'fulfil')).toBe(
      'A placed order cannot be fulfilled',
    );
    expect(refusal(order({ status: 'confirmed', paymentStatus: 'paid' }), 'fulfil')).toBe(
      'A confirmed order cannot be fulfilled',
    );
  });

  it('only fulfil is about payment: the other checks stay silent for it', () => {
    expect(refusal(expiredPaid({ paymentStatus: 'overpaid' }), 'fulfil')).toBeUndefined();
  });
});

describe('the action body', () => {
  it('takes the five plain actions without a reason', () => {
    for (const action of ['confirm', 'ship', 'deliver', 'pickedUp', 'fulfil'])
      expect(OrderActionSchema.parse({ action })).toEqual({ action });
    expect(OrderActionSchema.safeParse({ action: 'confirm', reason: 'x' }).success).toBe(false);
  });

  it('needs a one-line reason of 3 to 300 characters to cancel', () => {
    expect(OrderActionSchema.parse({ action: 'cancel', reason: '  Hết hàng  ' })).toEqual({
      action: 'cancel',
      reason: 'Hết hàng',
    });
    expect(OrderActionSchema.safeParse({ action: 'cancel' }).success).toBe(false);
    expect(OrderActionSchema.safeParse({ action: 'cancel', reason: 'ab' }).success).toBe(false);
    const max = 'x'.repeat(ORDER_LIMITS.reasonLength);
    expect(OrderActionSchema.safeParse({ action: 'cancel', reason: max }).success).toBe(true);
    expect(OrderActionSchema.safeParse({ action: 'cancel', reason: `${max}x` }).success).toBe(
      false,
    );
    expect(
      OrderActionSchema.safeParse({ action: 'cancel', reason: 'Hết\nhàng' }).error?.issues[0]
        ?.message,
    ).toBe('One line, no control characters');
  });

  it('refuses unknown actions', () => {
    expect(OrderActionSchema.safeParse({ action: 'refund' }).success).toBe(false);
    expect(OrderActionSchema.safeParse({ action: 'place' }).success).toBe(false);
    expect(OrderActionSchema.safeParse({}).success).toBe(false);
  });
});

describe('the quote body', () => {
  const lines = [{ productId: 'p1', quantity: 2 }];
  it('prices a cart with or without a delivery and payment choice', () => {
    expect(QuoteSchema.parse({ lines })).toEqual({ lines });
    expect(QuoteSchema.parse({ lines, delivery: 'pickup', payment: 'cod' })).toEqual({
      lines,
      delivery: 'pickup',
      payment: 'cod',
    });
    expect(QuoteSchema.parse({ lines, delivery: 'ship', payment: 'vietqr' }).delivery).toBe('ship');
  });

  it('refuses other delivery and payment values, an empty cart and unknown keys', () => {
    expect(QuoteSchema.safeParse({ lines, delivery: 'drone' }).success).toBe(false);
    expect(QuoteSchema.safeParse({ lines, payment: 'card' }).success).toBe(false);
    expect(QuoteSchema.safeParse({ lines: [] }).success).toBe(false);
    expect(QuoteSchema.safeParse({ lines, coupon: 'X' }).success).toBe(false);
  });
});

describe('order body messages', () => {
  const body = {
    buyer: { name: 'Nguyễn Thị Lan', phone: '0912345678' },
    delivery: { method: 'pickup' },
    payment: 'vietqr',
    lines: [{ productId: 'p1', quantity: 1 }],
  };
  const messages = (change: Record<string, unknown>) =>
    Object.fromEntries(
      (PlaceOrderSchema.safeParse({ ...body, ...change }).error?.issues ?? []).map((issue) => [
        issue.path.join('.'),
        issue.message,
      ]),
    );

  it('say what a product id is, anchored at both ends', () => {
    for (const productId of ['p/1', 'x p1', 'p1 ', '', 'p'.repeat(65)])
      expect(messages({ lines: [{ productId, quantity: 1 }] })).toEqual({
        'lines.0.productId': 'A product id',
      });
    expect(messages({ lines: [{ productId: 'P-1'.padEnd(64, '0'), quantity: 1 }] })).toEqual({});
  });

  it('say that a name is one line', () => {
    expect(messages({ buyer: { ...body.buyer, name: 'Lan\u202e' } })).toEqual({
      'buyer.name': 'One line, no control characters',
    });
  });

  it('say that a note holds no control characters (line breaks are fine)', () => {
    expect(messages({ note: 'Giao\u0007 sáng' })).toEqual({ note: 'No control characters' });
    expect(messages({ note: 'Giao buổi sáng\nGọi trước' })).toEqual({});
  });
});
