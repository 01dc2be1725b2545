import { api } from './api';
import {
  type CartLine,
  groupBySeller,
  readCart,
  type SellerGroup,
  unitPriceAt,
  writeCart,
} from './cart';
import { type Child, h } from './dom';
import { formatDate, formatNumber, formatVnd } from './format';
import { type Bi, bi } from './i18n';
import { nameOf, type PublicProduct, unitOf } from './products';
import type { Reference } from './reference';

/**
 * What the cart and checkout pages show per seller: lines with the tier price at their quantity,
 * subtotal, delivery fee for the chosen way of delivery and total. The lines are refreshed from the
 * catalog when a page opens (price, tiers, stock, the seller's delivery options); the server still
 * computes what is charged.
 */
export interface DeliveryOptions {
  pickup: { enabled: boolean; address?: string };
  shipping: { enabled: boolean; fee: number; freeFrom?: number };
  cod: boolean;
}

/** A product as the cart needs it now, or why it cannot be bought. */
export interface Fresh {
  product?: PublicProduct & { seller: PublicProduct['seller'] & { delivery?: DeliveryOptions } };
  gone?: boolean;
}

export interface RefreshedCart {
  lines: CartLine[];
  fresh: Map<string, Fresh>;
  delivery: Map<string, DeliveryOptions | undefined>;
}

/** Reads every product of the cart once (in parallel) and updates the stored snapshots. */
export async function refreshCart(): Promise<RefreshedCart> {
  const lines = readCart();
  const ids = [...new Set(lines.map((l) => l.productId))];
  const fresh = new Map<string, Fresh>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        const { product } = await api<{ product: Fresh['product'] }>(
          `/api/products/${encodeURIComponent(id)}`,
        );
        fresh.set(id, { product });
      } catch {
        fresh.set(id, { gone: true });
      }
    }),
  );
  const delivery = new Map<string, DeliveryOptions | undefined>();
  for (const line of lines) {
    const p = fresh.get(line.productId)?.product;
    if (!p) continue;
    line.price = p.price;
    line.priceTiers = p.priceTiers;
    line.name = p.name;
    if (p.kind === 'goods' && p.stock !== undefined) line.max = p.stock;
    line.seller = { id: p.seller.id, legalName: p.seller.legalName };
    delivery.set(p.seller.id, p.seller.delivery);
  }
  writeCart(lines);
  return { lines, fresh, delivery };
}

export type Method = 'pickup' | 'ship';

/** The delivery fee a seller charges for a subtotal: none for pickup, flat or free above. */
export function deliveryFee(
  options: DeliveryOptions | undefined,
  method: Method,
  subtotal: number,
): number {
  if (method === 'pickup' || !options?.shipping.enabled) return 0;
  const { fee, freeFrom } = options.shipping;
  return freeFrom !== undefined && subtotal >= freeFrom ? 0 : fee;
}

export const onlyServices = (lines: readonly CartLine[]) =>
  lines.length > 0 && lines.every((l) => l.kind === 'service');

export function lineDescription(line: CartLine, ref?: Reference): Child[] {
  const unit = unitOf(line, ref);
  const unitPrice = unitPriceAt(line.price, line.priceTiers, line.quantity);
  return [
    bi(
      `${formatNumber(line.quantity)} ${unit.vi} × `,
      `${formatNumber(line.quantity)} ${unit.en} × `,
    ),
    formatVnd(unitPrice),
    unitPrice < line.price ? h('span', { class: 'badge tier' }, bi('Giá sỉ', 'Tier price')) : null,
    line.date ? bi(` · ngày ${formatDate(line.date)}`, ` · on ${formatDate(line.date)}`) : null,
  ];
}

/** The subtotal / delivery / total rows of one seller's group. */
export function totalsTable(subtotal: number, fee: number | null, feeNote?: Bi) {
  const row = (label: Bi, value: string | Bi, strong = false) =>
    h(
      'div',
      { class: strong ? 'sum-row total' : 'sum-row' },
      h('dt', null, label),
      h('dd', null, strong ? h('strong', null, value) : value),
    );
  return h(
    'dl',
    { class: 'sums' },
    row(bi('Tạm tính', 'Subtotal'), formatVnd(subtotal)),
    row(
      bi('Phí giao hàng', 'Delivery fee'),
      fee === null
        ? bi('tính khi đặt hàng', 'at checkout')
        : fee === 0
          ? bi('Miễn phí', 'Free')
          : formatVnd(fee),
    ),
    feeNote ? h('p', { class: 'hint sum-note' }, feeNote) : null,
    row(bi('Tổng cộng', 'Total'), formatVnd(subtotal + (fee ?? 0)), true),
  );
}

/** A short description of a seller's delivery options, for the cart. */
export function deliveryNote(
  options: DeliveryOptions | undefined,
  subtotal: number,
): Bi | undefined {
  if (!options) return undefined;
  const parts: Bi[] = [];
  if (options.pickup.enabled)
    parts.push(
      bi(
        `Nhận tại chỗ miễn phí${options.pickup.address ? ` (${options.pickup.address})` : ''}`,
        `Free pickup${options.pickup.address ? ` (${options.pickup.address})` : ''}`,
      ),
    );
  if (
    options.shipping.enabled &&
    options.shipping.freeFrom !== undefined &&
    subtotal < options.shipping.freeFrom
  )
    parts.push(
      bi(
        `giao miễn phí từ ${formatVnd(options.shipping.freeFrom)}`,
        `free delivery from ${formatVnd(options.shipping.freeFrom)}`,
      ),
    );
  if (!options.shipping.enabled) parts.push(bi('không giao hàng', 'no delivery'));
  parts.push(
    options.cod
      ? bi('nhận tiền mặt khi giao', 'cash on delivery')
      : bi('chỉ chuyển khoản VietQR', 'VietQR transfer only'),
  );
  return bi(parts.map((p) => p.vi).join('; '), parts.map((p) => p.en).join('; '));
}

export { groupBySeller, nameOf, type SellerGroup };
