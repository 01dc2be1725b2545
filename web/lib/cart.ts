/**
 * The buyer's cart: kept in this browser (localStorage), so it survives a reload and is shared by
 * the tabs of one browser. It holds what the pages need to show lines without asking the API
 * (name, unit, price and tiers, seller); the server recomputes every amount from the catalog at
 * checkout, so nothing here decides what anybody pays.
 */
export interface CartLine {
  productId: string;
  /** A service's date, `YYYY-MM-DD` (the province's calendar); goods have none. */
  date?: string;
  quantity: number;
  kind: 'goods' | 'service';
  name: { vi: string; en?: string };
  unit: string;
  unitLabel?: { vi: string; en: string };
  price: number;
  priceTiers: Array<{ minQuantity: number; unitPrice: number }>;
  image?: string;
  /** Stock (goods) or capacity left on the date (services) when the line was last changed. */
  max?: number;
  seller: { id: string; legalName: string };
}

const KEY = 'choso.cart.v1';
/** What one checkout takes (ORDER_LIMITS in shared/orders/order.ts; a unit test keeps them equal). */
export const MAX_LINES = 30;
export const MAX_QUANTITY = 10_000;

const listeners = new Set<(lines: CartLine[]) => void>();

const isLine = (v: unknown): v is CartLine => {
  const l = v as CartLine;
  return (
    typeof l === 'object' &&
    l !== null &&
    typeof l.productId === 'string' &&
    Number.isSafeInteger(l.quantity) &&
    l.quantity > 0 &&
    (l.kind === 'goods' || l.kind === 'service') &&
    typeof l.name?.vi === 'string' &&
    Number.isSafeInteger(l.price) &&
    Array.isArray(l.priceTiers) &&
    typeof l.seller?.id === 'string'
  );
};

/** The lines stored in this browser; anything unreadable is dropped, never thrown. */
export function readCart(): CartLine[] {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isLine) : [];
  } catch {
    return [];
  }
}

/** Stores the lines as they are (after a refresh from the catalog) and tells the listeners. */
export function writeCart(lines: CartLine[]): CartLine[] {
  try {
    if (lines.length === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(lines));
  } catch {
    // storage full or blocked: the cart lives as long as the page
  }
  for (const listener of listeners) listener(lines);
  return lines;
}

/** Called when this page or another tab changes the cart. */
export function onCartChange(listener: (lines: CartLine[]) => void): void {
  if (listeners.size === 0)
    window.addEventListener('storage', (e) => {
      if (e.key === KEY || e.key === null) for (const l of listeners) l(readCart());
    });
  listeners.add(listener);
}

const sameLine = (a: { productId: string; date?: string }, productId: string, date?: string) =>
  a.productId === productId && (a.date ?? '') === (date ?? '');

const clamp = (quantity: number, max?: number) =>
  Math.max(1, Math.min(quantity, max ?? MAX_QUANTITY, MAX_QUANTITY));

export type AddResult =
  | { ok: true; lines: CartLine[]; capped: boolean }
  | { ok: false; reason: 'full' };

/**
 * Adds a line, or adds to the quantity of the same product (and date); the quantity stops at
 * `max` (what was left when the buyer looked) and `capped` says so.
 */
export function addToCart(line: CartLine): AddResult {
  const lines = readCart();
  const existing = lines.find((l) => sameLine(l, line.productId, line.date));
  if (existing) {
    const wanted = existing.quantity + line.quantity;
    const quantity = clamp(wanted, line.max);
    Object.assign(existing, { ...line, quantity });
    return { ok: true, lines: writeCart(lines), capped: quantity < wanted };
  }
  if (lines.length >= MAX_LINES) return { ok: false, reason: 'full' };
  const quantity = clamp(line.quantity, line.max);
  lines.push({ ...line, quantity });
  return { ok: true, lines: writeCart(lines), capped: quantity < line.quantity };
}

export function setQuantity(productId: string, date: string | undefined, quantity: number) {
  const lines = readCart();
  const line = lines.find((l) => sameLine(l, productId, date));
  if (line) line.quantity = clamp(quantity, line.max);
  return writeCart(lines);
}

export function removeLine(productId: string, date: string | undefined) {
  return writeCart(readCart().filter((l) => !sameLine(l, productId, date)));
}

/** Empties the cart, or only the lines of the given sellers (after their orders are placed). */
export function clearCart(sellerIds?: readonly string[]) {
  return writeCart(sellerIds ? readCart().filter((l) => !sellerIds.includes(l.seller.id)) : []);
}

/** The number of lines, for the header link. */
export const cartCount = () => readCart().length;

/** The unit price for a quantity: the base price, or the tier with the highest minimum reached. */
export function unitPriceAt(
  price: number,
  tiers: ReadonlyArray<{ minQuantity: number; unitPrice: number }>,
  quantity: number,
): number {
  let unit = price;
  let reached = 0;
  for (const tier of tiers)
    if (quantity >= tier.minQuantity && tier.minQuantity > reached) {
      unit = tier.unitPrice;
      reached = tier.minQuantity;
    }
  return unit;
}

export const lineTotal = (l: Pick<CartLine, 'price' | 'priceTiers' | 'quantity'>) =>
  unitPriceAt(l.price, l.priceTiers, l.quantity) * l.quantity;

export interface SellerGroup {
  seller: { id: string; legalName: string };
  lines: CartLine[];
  subtotal: number;
}

/** Lines grouped by seller, in the order sellers were first added. */
export function groupBySeller(lines: readonly CartLine[]): SellerGroup[] {
  const groups = new Map<string, SellerGroup>();
  for (const line of lines) {
    let g = groups.get(line.seller.id);
    if (!g) {
      g = { seller: line.seller, lines: [], subtotal: 0 };
      groups.set(line.seller.id, g);
    }
    g.lines.push(line);
    g.subtotal += lineTotal(line);
  }
  return [...groups.values()];
}

/** Orders placed from this browser, so the buyer finds their order pages again. */
export interface PlacedOrder {
  code: string;
  accessToken: string;
  sellerName: string;
  total: number;
  placedAt: string;
}
const ORDERS_KEY = 'choso.orders.v1';
const MAX_REMEMBERED = 20;

export function placedOrders(): PlacedOrder[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(ORDERS_KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(
          (o): o is PlacedOrder =>
            typeof o?.code === 'string' && typeof o?.accessToken === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export function rememberOrders(orders: PlacedOrder[]): void {
  const known = placedOrders().filter((o) => !orders.some((n) => n.code === o.code));
  try {
    localStorage.setItem(
      ORDERS_KEY,
      JSON.stringify([...orders, ...known].slice(0, MAX_REMEMBERED)),
    );
  } catch {
    // the order pages' addresses are also shown after checkout
  }
}

export const orderPageUrl = (code: string, token: string) =>
  `/don-hang/?code=${encodeURIComponent(code)}&t=${encodeURIComponent(token)}`;
