import { describe, expect, it } from 'vitest';
import { orderCodeFromBytes } from '../../../shared/orders/code';
import type { Order } from '../../../shared/orders/order';
import { decidePayment, findOrderCode } from '../../../shared/payments/match-transfer';
import {
  deriveSecretKey,
  openSecret,
  sealSecret,
  secretAad,
} from '../../../shared/payments/secret-box';

const NOW = new Date('2026-12-02T10:00:00Z');
const CODE = orderCodeFromBytes(new Uint8Array([1, 2, 3, 4, 5, 6]));
const OTHER = orderCodeFromBytes(new Uint8Array([9, 8, 7, 6, 5, 4]));

const order = (over: Partial<Order> = {}): Order =>
  ({
    code: CODE,
    sellerId: 'sl-a',
    payment: 'vietqr',
    payee: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX' },
    total: 300_000,
    amountPaid: 0,
    status: 'placed',
    paymentStatus: 'unpaid',
    saleRecorded: false,
    expiresAt: '2026-12-02T11:00:00.000Z',
    history: [],
    version: 3,
    ...over,
  }) as Order;

describe('findOrderCode', () => {
  it("prefers the provider's code field, then one code in the text; none or two is no match", () => {
    expect(findOrderCode({ codeHint: CODE.toLowerCase(), content: `x ${OTHER}` })).toEqual({
      code: CODE,
    });
    expect(findOrderCode({ content: `MBVCB.123.${CODE}.CT tu` })).toEqual({ code: CODE });
    expect(findOrderCode({ codeHint: 'garbage', content: CODE })).toEqual({ code: CODE });
    expect(findOrderCode({ content: 'chuyen tien an trua' })).toEqual({ reason: 'noCode' });
    expect(findOrderCode({ content: `${CODE} ${OTHER}` })).toEqual({ reason: 'ambiguousCode' });
  });
});

describe('decidePayment', () => {
  const pay = (amount: number, o: Order | undefined, extra: Record<string, unknown> = {}) =>
    decidePayment({ facts: { amount, ...extra }, order: o, sellerId: 'sl-a', now: NOW });

  it('pays in full: paid, a sale, one version up, off the expiry clock', () => {
    const d = pay(300_000, order(), { accountNumber: '7800 2051 23456' });
    expect(d.kind).toBe('pay');
    if (d.kind !== 'pay') return;
    expect(d.next).toMatchObject({
      amountPaid: 300_000,
      paymentStatus: 'paid',
      saleRecorded: true,
      version: 4,
    });
    expect(d.next.expiresAt).toBeUndefined();
    expect(d.sale).toBe(true);
    expect(d.refund).toBeUndefined();
  });

  it('partial, then over: only the excess this transfer added is due back, and no second sale', () => {
    const partial = pay(100_000, order());
    expect(partial).toMatchObject({
      kind: 'pay',
      sale: false,
      next: { paymentStatus: 'partially_paid' },
    });
    const over = pay(250_000, order({ amountPaid: 100_000, paymentStatus: 'partially_paid' }));
    expect(over).toMatchObject({
      kind: 'pay',
      sale: true,
      refund: { amount: 50_000, reason: 'overpaid' },
    });
    const again = pay(
      20_000,
      order({ amountPaid: 350_000, paymentStatus: 'overpaid', saleRecorded: true }),
    );
    expect(again).toMatchObject({
      kind: 'pay',
      sale: false,
      refund: { amount: 20_000, reason: 'overpaid' },
    });
  });

  it('refuses another seller’s order, another account, cash on delivery and an unknown order', () => {
    expect(pay(1, order({ sellerId: 'sl-b' }))).toEqual({
      kind: 'unmatched',
      reason: 'otherSeller',
    });
    expect(pay(1, order(), { accountNumber: '999' })).toEqual({
      kind: 'unmatched',
      reason: 'wrongAccount',
    });
    expect(pay(1, order({ payment: 'cod' }))).toEqual({ kind: 'unmatched', reason: 'notPayable' });
    expect(pay(1, undefined)).toEqual({ kind: 'unmatched', reason: 'orderNotFound' });
    const trusted = decidePayment({
      facts: { amount: 1, accountNumber: '999' },
      order: order(),
      sellerId: 'sl-a',
      now: NOW,
      trustAccount: true,
    });
    expect(trusted.kind).toBe('pay');
  });

  it('records money for a cancelled or expired order with no sale and the whole amount due back', () => {
    for (const [status, reason] of [
      ['cancelled', 'paidAfterCancel'],
      ['expired', 'paidAfterExpiry'],
    ] as const) {
      const d = pay(300_000, order({ status }));
      expect(d).toMatchObject({ kind: 'pay', sale: false, refund: { amount: 300_000, reason } });
      if (d.kind === 'pay')
        expect(d.next).toMatchObject({ amountPaid: 300_000, status, saleRecorded: false });
    }
  });
});

describe('sealed secrets', () => {
  const key = deriveSecretKey('signing-secret-0123456789-abcdefghijklmnop');
  const old = deriveSecretKey('previous-signing-secret-0123456789-abcdefg');
  const iv = new Uint8Array(12).fill(7);
  const aad = secretAad('conn1', 'sl-a');

  it('opens with its key and binding only', () => {
    const sealed = sealSecret('payos-checksum-key-1234', key, aad, iv);
    expect(JSON.stringify(sealed)).not.toContain('payos-checksum');
    expect(openSecret(sealed, [key], aad)).toBe('payos-checksum-key-1234');
    expect(openSecret(sealed, [old, key], aad)).toBe('payos-checksum-key-1234');
    expect(openSecret(sealed, [old], aad)).toBeUndefined();
    expect(openSecret(sealed, [key], secretAad('conn2', 'sl-a'))).toBeUndefined();
    expect(openSecret(sealed, [key], secretAad('conn1', 'sl-b'))).toBeUndefined();
    const flipped = Buffer.from(sealed.ct, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(openSecret({ ...sealed, ct: flipped.toString('base64') }, [key], aad)).toBeUndefined();
    expect(() => sealSecret('x', key, aad, new Uint8Array(8))).toThrow(RangeError);
  });
});
