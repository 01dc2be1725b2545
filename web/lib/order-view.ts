import { type Child, h } from './dom';
import { formatDate, formatNumber, formatVnd } from './format';
import { type Bi, bi } from './i18n';
import { nameOf, unitOf } from './products';
import type { Reference } from './reference';

/** Order shapes and labels shared by the buyer's order page and the seller portal. */
export interface OrderLineView {
  productId: string;
  kind: 'goods' | 'service';
  name: { vi: string; en?: string };
  unit: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  date?: string;
}

export interface VietQrView {
  payload: string;
  svg: string;
  bank: { bin: string; name: string; accountNumber: string; holderName: string };
  amount: number;
  transferContent: string;
}

export const FULFILMENT: Record<string, Bi> = {
  placed: bi('Mới đặt', 'Placed'),
  confirmed: bi('Đã xác nhận', 'Confirmed'),
  shipped: bi('Đang giao', 'Shipped'),
  delivered: bi('Đã giao', 'Delivered'),
  pickedUp: bi('Đã nhận tại chỗ', 'Picked up'),
  cancelled: bi('Đã hủy', 'Cancelled'),
  expired: bi('Hết hạn thanh toán', 'Expired'),
};

export const PAYMENT_STATUS: Record<string, Bi> = {
  unpaid: bi('Chưa thanh toán', 'Unpaid'),
  partially_paid: bi('Đã trả một phần', 'Partly paid'),
  paid: bi('Đã thanh toán', 'Paid'),
  overpaid: bi('Trả dư', 'Overpaid'),
};

export const PAYMENT_METHOD: Record<string, Bi> = {
  vietqr: bi('Chuyển khoản VietQR', 'VietQR transfer'),
  cod: bi('Tiền mặt khi nhận hàng', 'Cash on delivery'),
  cash: bi('Tiền mặt', 'Cash'),
  other: bi('Khác', 'Other'),
};

/** Statuses after which an order changes no more. */
export const ENDED_STATUSES = new Set(['delivered', 'pickedUp', 'cancelled', 'expired']);

export function orderBadge(kind: 'status' | 'payment', value: string) {
  const labels = kind === 'status' ? FULFILMENT : PAYMENT_STATUS;
  return h('span', { class: `badge order-${kind} is-${value}` }, labels[value] ?? bi(value));
}

/** A footer row of an order's lines table: the label across two columns, the value in the last. */
export const orderFootRow = (label: Bi, value: Child, attrs: { class: string } | null = null) =>
  h('tr', attrs, h('th', { scope: 'row', colspan: 2 }, label), h('td', { class: 'num' }, value));

/** An order's lines (product with unit price, quantity, amount) as a scrollable table, `foot` under them. */
export function orderLinesTable(lines: OrderLineView[], ref: Reference | undefined, foot: Child[]) {
  return h(
    'div',
    {
      class: 'table-wrap',
      tabindex: 0,
      role: 'region',
      'aria-label': bi('Các dòng của đơn', 'Order lines'),
    },
    h(
      'table',
      { class: 'order-lines' },
      h('caption', { class: 'sr-only' }, bi('Các dòng của đơn', 'Order lines')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, bi('Sản phẩm', 'Product')),
          h('th', { scope: 'col', class: 'num' }, bi('Số lượng', 'Qty')),
          h('th', { scope: 'col', class: 'num' }, bi('Thành tiền', 'Amount')),
        ),
      ),
      h(
        'tbody',
        null,
        lines.map((l) =>
          h(
            'tr',
            null,
            h(
              'td',
              null,
              h('span', { lang: l.name.en ? undefined : 'vi' }, nameOf(l.name)),
              l.date
                ? h(
                    'span',
                    { class: 'meta' },
                    bi(` · ngày ${formatDate(l.date)}`, ` · ${formatDate(l.date)}`),
                  )
                : null,
              h('br'),
              h('span', { class: 'meta' }, formatVnd(l.unitPrice), '/', unitOf(l, ref)),
            ),
            h('td', { class: 'num' }, formatNumber(l.quantity)),
            h('td', { class: 'num' }, formatVnd(l.lineTotal)),
          ),
        ),
      ),
      h('tfoot', null, ...foot),
    ),
  );
}

/** An SVG text (from our API) as an image: an <img> never runs what it draws. */
export const svgDataUrl = (svg: string) =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * Draws a QR code's SVG on a white canvas with a caption under it and returns a PNG (what a
 * banking app's "scan from image" reads). Works offline: the SVG is already in the page.
 */
export async function qrPng(svg: string, caption: string[], size = 960): Promise<Blob> {
  const img = new Image();
  img.decoding = 'sync';
  img.src = svgDataUrl(svg);
  await img.decode();
  const pad = Math.round(size * 0.06);
  const lineHeight = Math.round(size * 0.05);
  const canvas = document.createElement('canvas');
  canvas.width = size + pad * 2;
  canvas.height = size + pad * 2 + caption.length * lineHeight + (caption.length ? pad / 2 : 0);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, pad, pad, size, size);
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  ctx.font = `${Math.round(lineHeight * 0.7)}px system-ui, sans-serif`;
  caption.forEach((text, i) => {
    ctx.fillText(text, canvas.width / 2, size + pad * 1.5 + (i + 0.7) * lineHeight, size);
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG failed'))), 'image/png'),
  );
}

/** Saves a blob as a file the way a browser downloads (phones put it in Photos/Downloads). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies a text; falls back to a selection for browsers without the clipboard API. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { readonly: true, class: 'sr-only' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
