import { describe, expect, it } from 'vitest';
import { applyAction, OrderActionSchema, refusal } from '../../../shared/orders/order';
import { NOW, order, refusedWith } from '../orders/fixtures';

/** "Fulfil anyway": the rule and the next order, without a database (the transaction is tested in integration). */
const expiredPaid = (over = {}) =>
  order({
    status: 'expired',
    paymentStatus: 'paid',
    amountPaid: 500_000,
    endedAt: '2026-12-02T04:00:00.000Z',
    expiresAt: undefined,
    ...over,
  });

describe('fulfil', () => {
  it('is an action of the schema', () => {
    expect(OrderActionSchema.safeParse({ action: 'fulfil' }).success).toBe(true);
    expect(OrderActionSchema.safeParse({ action: 'fulfil', reason: 'x' }).success).toBe(false);
  });

  it('is allowed for an expired or cancelled VietQR order paid in full and never sold', () => {
    expect(refusal(expiredPaid(), 'fulfil')).toBeUndefined();
    expect(refusal(expiredPaid({ paymentStatus: 'overpaid', amountPaid: 600_000 }), 'fulfil')).toBe(
      undefined,
    );
    expect(refusal(expiredPaid({ status: 'cancelled' }), 'fulfil')).toBeUndefined();
  });

  it('is refused from any other status, unpaid or part paid, for COD, and after a sale', () => {
    for (const status of ['placed', 'confirmed', 'shipped', 'delivered', 'pickedUp'] as const)
      expect(refusal(expiredPaid({ status }), 'fulfil')).toBe(
        `A ${status} order cannot be fulfilled`,
      );
    const money = 'Only an order paid in full can be fulfilled after it ended';
    expect(refusal(expiredPaid({ paymentStatus: 'unpaid', amountPaid: 0 }), 'fulfil')).toBe(money);
    expect(refusal(expiredPaid({ paymentStatus: 'partially_paid' }), 'fulfil')).toBe(money);
    expect(refusal(expiredPaid({ payment: 'cod' }), 'fulfil')).toBe(money);
    expect(refusal(expiredPaid({ saleRecorded: true }), 'fulfil')).toBe(
      'This order was already sold once; it cannot be reopened',
    );
    expect(
      refusedWith(() =>
        applyAction(expiredPaid({ saleRecorded: true }), { action: 'fulfil' }, NOW),
      ),
    ).toEqual({
      code: 'order.actionNotAllowed',
      message: 'This order was already sold once; it cannot be reopened',
      details: { action: 'fulfil', status: 'expired', paymentStatus: 'paid' },
    });
  });

  it('reopens the order as confirmed with its sale; the excess beyond the total stays owed', () => {
    const { order: next, effects } = applyAction(
      expiredPaid({
        status: 'cancelled',
        cancelReason: 'Hết hàng',
        paymentStatus: 'overpaid',
        amountPaid: 530_000,
      }),
      { action: 'fulfil' },
      NOW,
    );
    expect(next).toMatchObject({ status: 'confirmed', saleRecorded: true, version: 2 });
    expect(next).not.toHaveProperty('endedAt');
    expect(next).not.toHaveProperty('cancelReason');
    expect(next).not.toHaveProperty('expiresAt');
    expect(next.history).toEqual([{ at: NOW.toISOString(), action: 'fulfil', by: 'seller' }]);
    expect(effects).toEqual({
      releaseStock: false,
      leavesPaymentQueue: false,
      ledger: 'sale',
      fulfil: { excess: 30_000 },
    });
    expect(applyAction(expiredPaid(), { action: 'fulfil' }, NOW).effects.fulfil).toEqual({
      excess: 0,
    });
  });
});
