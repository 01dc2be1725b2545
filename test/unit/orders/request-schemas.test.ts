import { describe, expect, it } from 'vitest';
import { CounterSaleSchema } from '../../../shared/orders/counter-sale';
import {
  DEFAULT_DELIVERY_OPTIONS,
  DeliveryOptionsSchema,
  deliveryFeeFor,
} from '../../../shared/orders/delivery';

/**
 * The rules of the counter-sale and delivery-options bodies, one by one: ids anchored at both
 * ends, control characters refused anywhere in a text, the messages and paths of the cross-field
 * rules (the web forms show them next to the field they name).
 */
const sale = (over: Record<string, unknown>) =>
  CounterSaleSchema.safeParse({ method: 'cash', amount: 1000, ...over });
const issuesOf = (result: { success: boolean; error?: { issues: unknown[] } }) =>
  result.success ? [] : (result.error?.issues ?? []);

describe('CounterSaleSchema', () => {
  it('takes product ids of letters, digits and dashes only, whole', () => {
    const items = (productId: string) => ({
      amount: undefined,
      items: [{ productId, quantity: 1 }],
    });
    expect(sale(items('p-1A')).success).toBe(true);
    for (const bad of ['x/abc', 'abc/x', '', 'a'.repeat(65)]) {
      expect(issuesOf(sale(items(bad)))).toMatchObject([
        { path: ['items', 0, 'productId'], message: 'A product id' },
      ]);
    }
  });

  it('takes an amount of goods or of a service', () => {
    expect(sale({ kind: 'goods' })).toMatchObject({ success: true, data: { kind: 'goods' } });
    expect(sale({ kind: 'service' })).toMatchObject({ success: true, data: { kind: 'service' } });
    expect(sale({ kind: 'both' }).success).toBe(false);
  });

  it('takes a time with its offset, as a phone sends it', () => {
    expect(sale({ occurredAt: '2026-12-02T09:30:00+07:00' }).success).toBe(true);
    expect(sale({ occurredAt: '2026-12-02T02:30:00Z' }).success).toBe(true);
    expect(sale({ occurredAt: '2026-12-02 09:30' }).success).toBe(false);
  });

  it('names the field of each cross-field rule', () => {
    expect(issuesOf(sale({ items: [{ productId: 'p', quantity: 1 }] }))).toMatchObject([
      { path: ['items'], message: 'Give either items or an amount' },
    ]);
    expect(
      issuesOf(
        sale({ amount: undefined, kind: 'goods', items: [{ productId: 'p', quantity: 1 }] }),
      ),
    ).toMatchObject([{ path: ['kind'], message: 'kind goes with amount only' }]);
  });

  it('takes notes on several lines, and no control or direction characters anywhere', () => {
    expect(sale({ note: 'Khách quen\nTrả tiền mặt\tđủ' }).success).toBe(true);
    for (const bad of ['a\u0007b', '\u0007ab', 'ab\u0007', '\u202eab', 'ab\u2066']) {
      expect(sale({ note: bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('DeliveryOptionsSchema and the default options', () => {
  const options = (address: string) => ({
    pickup: { enabled: true, address },
    shipping: { enabled: false, fee: 0 },
    cod: false,
  });

  it('takes a pickup address on one line, with no control character at either end', () => {
    expect(DeliveryOptionsSchema.safeParse(options('Chợ Cà Mau, quầy 12')).success).toBe(true);
    for (const bad of ['\u0007Chợ Cà Mau', 'Chợ Cà Mau\u0007', 'Chợ\nCà Mau']) {
      expect(issuesOf(DeliveryOptionsSchema.safeParse(options(bad)))).toMatchObject([
        { path: ['pickup', 'address'], message: 'One line, no control characters' },
      ]);
    }
  });

  it('defaults to pickup by arrangement, no shipping, no cash on delivery', () => {
    expect(DEFAULT_DELIVERY_OPTIONS).toEqual({
      pickup: { enabled: true },
      shipping: { enabled: false, fee: 0 },
      cod: false,
    });
    expect(deliveryFeeFor(DEFAULT_DELIVERY_OPTIONS, 'ship', 50_000)).toBe(0);
  });
});
