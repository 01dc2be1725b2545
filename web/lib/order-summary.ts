import { api } from './api';
import { type CartLine, readCart, unitPriceAt } from './cart';
import { type Child, h } from './dom';
import { formatDate, formatNumber, formatVnd } from './format';
import { type Bi, bi } from './i18n';
import { unitOf } from './products';
import type { Reference } from './reference';

/**
 * What the cart and checkout pages show per seller, priced by the server (POST /api/orders/quote:
 * tier prices, subtotal, delivery fee for the chosen delivery, total, the seller's delivery
 * options, and the lines that cannot be ordered as asked). Nothing is written by a quote.
 */
export type Method = 'pickup' | 'ship';

export interface QuoteOptions {
  pickup: boolean;
  pickupAddress: string | null;
  shipping: boolean;
  shippingFee: number;
  freeShippingAbove: number | null;
  cod: boolean;
}

export interface QuoteSeller {
  sellerId: string;
  sellerName: string;
  lines: Array<{
    productId: string;
    date?: string;
    unitPrice: number;
    quantity: number;
    lineTotal: number;
  }>;
  goodsAmount: number;
  servicesAmount: number;
  subtotal: number;
  deliveryMethod: Method;
  deliveryFee: number;
  total: number;
  options: QuoteOptions;
}

export interface LineFailure {
  index: number;
  productId: string;
  date?: string;
  code: string;
  available?: number;
}

export interface Quote {
  sellers: QuoteSeller[];
  failures: LineFailure[];
  total: number;
}

export const orderLines = (lines: readonly CartLine[]) =>
  lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    ...(l.date ? { date: l.date } : {}),
  }));

export function quote(
  lines: readonly CartLine[],
  delivery?: Method,
  payment?: 'vietqr' | 'cod',
): Promise<Quote> {
  return api<Quote>('/api/orders/quote', {
    method: 'POST',
    body: {
      lines: orderLines(lines),
      ...(delivery ? { delivery } : {}),
      ...(payment ? { payment } : {}),
    },
  });
}

/** The cart as stored, with the server's quote of it (no quote for an empty cart). */
export async function loadCart(): Promise<{ lines: CartLine[]; quote?: Quote }> {
  const lines = readCart();
  if (lines.length === 0) return { lines };
  return { lines, quote: await quote(lines) };
}

/** The shipping fee a seller would charge for these goods (what the server computes for 'ship'). */
export function shippingFee(o: QuoteOptions, goodsAmount: number): number {
  if (!o.shipping || goodsAmount === 0) return 0;
  return o.freeShippingAbove !== null && goodsAmount >= o.freeShippingAbove ? 0 : o.shippingFee;
}

export const onlyServices = (lines: readonly CartLine[]) =>
  lines.length > 0 && lines.every((l) => l.kind === 'service');

/** The reason a line cannot be ordered, as the buyer reads it. */
export function failureReason(f: LineFailure): Bi {
  const texts: Record<string, Bi> = {
    'order.outOfStock':
      (f.available ?? 0) === 0
        ? bi('đã hết hàng', 'sold out')
        : bi(
            `chỉ còn ${formatNumber(f.available ?? 0)}`,
            `only ${formatNumber(f.available ?? 0)} left`,
          ),
    'order.capacityFull': bi(
      `ngày này chỉ còn ${formatNumber(f.available ?? 0)} chỗ`,
      `only ${formatNumber(f.available ?? 0)} places left on that date`,
    ),
    'product.unavailable': bi('không còn bán', 'no longer sold'),
    'seller.notApproved': bi('người bán đang tạm ngưng', 'the seller is not selling now'),
    'order.deliveryUnavailable': bi(
      'người bán không có cách nhận hàng đã chọn',
      'the seller does not offer the delivery chosen',
    ),
    'order.codUnavailable': bi(
      'người bán không nhận tiền mặt khi giao',
      'the seller does not take cash on delivery',
    ),
  };
  return texts[f.code] ?? bi('không đặt được', 'cannot be ordered');
}

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
export function totalsTable(subtotal: number, fee: number, feeNote?: Bi | null) {
  const row = (label: Bi, value: string | Bi, strong = false) =>
    h(
      'div',
      { class: strong ? 'sum-row total' : 'sum-row' },
      h('dt', null, label),
      h('dd', null, strong ? h('strong', null, value) : value),
    );
  return h(
    'div',
    { class: 'sums' },
    h(
      'dl',
      null,
      row(bi('Tạm tính', 'Subtotal'), formatVnd(subtotal)),
      row(bi('Phí giao hàng', 'Delivery fee'), fee === 0 ? bi('Miễn phí', 'Free') : formatVnd(fee)),
      row(bi('Tổng cộng', 'Total'), formatVnd(subtotal + fee), true),
    ),
    feeNote ? h('p', { class: 'hint sum-note' }, feeNote) : null,
  );
}

/** A seller's delivery options in one sentence, for the cart. */
export function deliveryNote(o: QuoteOptions, goodsAmount: number): Bi {
  const parts: Bi[] = [];
  if (o.pickup)
    parts.push(
      bi(
        `Nhận tại chỗ miễn phí${o.pickupAddress ? ` (${o.pickupAddress})` : ''}`,
        `Free pickup${o.pickupAddress ? ` (${o.pickupAddress})` : ''}`,
      ),
    );
  if (o.shipping)
    parts.push(
      o.freeShippingAbove !== null && goodsAmount < o.freeShippingAbove
        ? bi(
            `giao tận nơi ${formatVnd(o.shippingFee)}, miễn phí từ ${formatVnd(o.freeShippingAbove)}`,
            `delivery ${formatVnd(o.shippingFee)}, free from ${formatVnd(o.freeShippingAbove)}`,
          )
        : bi('có giao tận nơi', 'delivers'),
    );
  else parts.push(bi('không giao tận nơi', 'no delivery'));
  parts.push(
    o.cod
      ? bi('nhận tiền mặt khi giao', 'cash on delivery')
      : bi('chỉ chuyển khoản VietQR', 'VietQR transfer only'),
  );
  const text = (lang: 'vi' | 'en') => parts.map((p) => p[lang]).join('; ');
  return bi(`${text('vi')}.`, `${text('en')}.`);
}
