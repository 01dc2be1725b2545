import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { unitPriceFor } from '../../../shared/catalog/product';
import { ORDER_LIMITS } from '../../../shared/orders/order';
import {
  addToCart,
  type CartLine,
  clearCart,
  groupBySeller,
  lineTotal,
  MAX_LINES,
  MAX_QUANTITY,
  placedOrders,
  readCart,
  rememberOrders,
  removeLine,
  setQuantity,
  unitPriceAt,
} from '../../../web/lib/cart';

/**
 * The browser cart (web/lib/cart.ts): kept in localStorage (a Map-backed Storage here, the Web
 * Storage interface the page uses), merged by product and date, capped at what was left, grouped
 * by seller; its tier price agrees with the server's for every quantity.
 */
class MemoryStorage {
  private readonly data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, String(v));
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  clear() {
    this.data.clear();
  }
}
const storage = new MemoryStorage();
Object.assign(globalThis, { localStorage: storage, window: { addEventListener: () => undefined } });

const line = (over: Partial<CartLine> = {}): CartLine => ({
  productId: 'pr-tomkho',
  quantity: 1,
  kind: 'goods',
  name: { vi: 'Tôm khô' },
  unit: 'kg',
  price: 1_250_000,
  priceTiers: [
    { minQuantity: 3, unitPrice: 1_200_000 },
    { minQuantity: 10, unitPrice: 1_150_000 },
  ],
  max: 12,
  seller: { id: 'sl-a', legalName: 'HTX A' },
  ...over,
});

beforeEach(() => storage.clear());

describe('cart', () => {
  it('applies the tier reached, like the server, for any tiers and quantity', () => {
    expect(unitPriceAt(1_250_000, line().priceTiers, 2)).toBe(1_250_000);
    expect(unitPriceAt(1_250_000, line().priceTiers, 3)).toBe(1_200_000);
    expect(unitPriceAt(1_250_000, line().priceTiers, 10)).toBe(1_150_000);
    expect(lineTotal(line({ quantity: 3 }))).toBe(3_600_000);
    const tiers = fc
      .uniqueArray(fc.integer({ min: 2, max: 1000 }), { maxLength: 5 })
      .map((mins) => mins.sort((a, b) => a - b))
      .chain((mins) =>
        fc
          .uniqueArray(fc.integer({ min: 1, max: 999_999 }), {
            minLength: mins.length,
            maxLength: mins.length,
          })
          .map((prices) =>
            mins.map((minQuantity, i) => ({
              minQuantity,
              unitPrice: [...prices].sort((a, b) => b - a)[i] as number,
            })),
          ),
      );
    fc.assert(
      fc.property(tiers, fc.integer({ min: 1, max: 2000 }), (priceTiers, quantity) => {
        const price = 1_000_000;
        expect(unitPriceAt(price, priceTiers, quantity)).toBe(
          unitPriceFor({ price, priceTiers }, quantity),
        );
      }),
    );
  });

  it('keeps lines in storage, merges the same product and date, and caps at what was left', () => {
    addToCart(line({ quantity: 2 }));
    const again = addToCart(line({ quantity: 4 }));
    expect(again.ok && again.capped).toBe(false);
    expect(readCart()).toHaveLength(1);
    expect(readCart()[0]?.quantity).toBe(6);
    const capped = addToCart(line({ quantity: 10 }));
    expect(capped.ok && capped.capped).toBe(true);
    expect(readCart()[0]?.quantity).toBe(12);
    // A service on two dates is two lines.
    const tour = line({ productId: 'pr-tour', kind: 'service', priceTiers: [], max: 5 });
    addToCart({ ...tour, date: '2026-12-05', quantity: 2 });
    addToCart({ ...tour, date: '2026-12-06', quantity: 2 });
    expect(readCart()).toHaveLength(3);
    setQuantity('pr-tour', '2026-12-05', 99);
    expect(readCart().find((l) => l.date === '2026-12-05')?.quantity).toBe(5);
    setQuantity('pr-tour', '2026-12-05', 0);
    expect(readCart().find((l) => l.date === '2026-12-05')?.quantity).toBe(1);
    removeLine('pr-tour', '2026-12-06');
    expect(readCart()).toHaveLength(2);
  });

  it('refuses more lines than one checkout takes, and drops unreadable storage', () => {
    expect(MAX_LINES).toBe(ORDER_LIMITS.maxLines);
    expect(MAX_QUANTITY).toBe(ORDER_LIMITS.maxQuantity);
    for (let i = 0; i < MAX_LINES; i++)
      expect(addToCart(line({ productId: `pr-${i}` })).ok).toBe(true);
    expect(addToCart(line({ productId: 'pr-one-more' }))).toEqual({ ok: false, reason: 'full' });
    storage.setItem('choso.cart.v1', '{not json');
    expect(readCart()).toEqual([]);
    storage.setItem('choso.cart.v1', JSON.stringify([{ productId: 'x', quantity: -1 }, line()]));
    expect(readCart()).toHaveLength(1);
  });

  it('groups by seller with subtotals, and clears only the sellers whose orders were placed', () => {
    addToCart(line({ quantity: 3 }));
    addToCart(
      line({
        productId: 'pr-cua',
        price: 450_000,
        priceTiers: [],
        quantity: 2,
        seller: { id: 'sl-b', legalName: 'HTX B' },
      }),
    );
    addToCart(line({ productId: 'pr-kho', price: 185_000, priceTiers: [], quantity: 1 }));
    const groups = groupBySeller(readCart());
    expect(groups.map((g) => [g.seller.id, g.lines.length, g.subtotal])).toEqual([
      ['sl-a', 2, 3_600_000 + 185_000],
      ['sl-b', 1, 900_000],
    ]);
    clearCart(['sl-a']);
    expect(readCart().map((l) => l.productId)).toEqual(['pr-cua']);
  });

  it('remembers placed orders, newest first, without duplicates', () => {
    const order = (code: string) => ({
      code,
      accessToken: `t-${code}`,
      sellerName: 'HTX A',
      total: 1,
      placedAt: '2026-12-02T10:00:00Z',
    });
    rememberOrders([order('CS1'), order('CS2')]);
    rememberOrders([order('CS3'), order('CS1')]);
    expect(placedOrders().map((o) => o.code)).toEqual(['CS3', 'CS1', 'CS2']);
  });
});
