import { PlaceOrderSchema } from '../../shared/orders/order';
import { ApiError, api } from '../lib/api';
import {
  type CartLine,
  clearCart,
  groupBySeller,
  orderPageUrl,
  type PlacedOrder,
  readCart,
  rememberOrders,
} from '../lib/cart';
import { $, announce, h, replace, setText } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { busy, FormErrors, field, radios } from '../lib/forms';
import { type Bi, bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import {
  failureReason,
  type LineFailure,
  lineDescription,
  type Method,
  onlyServices,
  type Quote,
  quote,
  totalsTable,
} from '../lib/order-summary';
import { nameOf } from '../lib/products';
import { loadReference, type Reference } from '../lib/reference';
import { communeOptions } from '../lib/seller-fields';

/**
 * Checkout, mobile first: who receives, how (pickup, or shipping to an address in an official
 * commune), a note, how to pay (VietQR; cash on delivery only when every seller in the cart takes
 * it). Checked with the API's own schema (shared/orders) before sending; the API's answers
 * (lines no longer available, too many unpaid orders) are shown where they belong. One order per
 * seller comes back, each with its own page.
 */
setupPage({ section: 'cart' });
const root = $('#checkout');
const notice = $('#notice');

export interface PlacedOrderView {
  code: string;
  accessToken: string;
  url?: string;
  sellerId: string;
  status: string;
  paymentStatus: string;
  subtotal: number;
  deliveryFee: number;
  total: number;
  amountDue: number;
  expiresAt?: string;
}

/** The Idempotency-Key is kept with the body it was sent with: a retry of the same body reuses it. */
const KEY_STORE = 'choso.checkout.key';
function idempotencyKey(body: string): string {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY_STORE) ?? 'null') as {
      key: string;
      body: string;
    } | null;
    if (saved?.body === body) return saved.key;
    const key = crypto.randomUUID();
    sessionStorage.setItem(KEY_STORE, JSON.stringify({ key, body }));
    return key;
  } catch {
    return crypto.randomUUID();
  }
}

function failureText(f: LineFailure, line: CartLine | undefined): Bi {
  const name = line ? nameOf(line.name) : bi(f.productId);
  const reason = failureReason(f);
  return bi(`${name.vi}: ${reason.vi}`, `${name.en}: ${reason.en}`);
}

function placed(orders: PlacedOrderView[], sellers: Map<string, string>) {
  setText($('#title'), bi('Đã đặt hàng', 'Order placed'));
  document.title = orders.length > 1 ? `${orders.length} đơn · Chợ Số` : 'Đã đặt hàng · Chợ Số';
  replace(
    root,
    h(
      'div',
      { class: 'panel' },
      h(
        'p',
        null,
        orders.length > 1
          ? bi(
              `Bạn có ${orders.length} đơn, mỗi người bán một đơn. Mở từng đơn để thanh toán và theo dõi.`,
              `You have ${orders.length} orders, one per seller. Open each to pay and follow it.`,
            )
          : bi('Mở đơn để thanh toán và theo dõi.', 'Open the order to pay and follow it.'),
      ),
      h(
        'p',
        { class: 'hint' },
        bi(
          'Các đơn được lưu trên máy này (mục “Giỏ hàng”). Hãy giữ đường dẫn của đơn: ai có đường dẫn đều xem được đơn.',
          'The orders are remembered on this device (under “Cart”). Keep each order’s link: anyone with it can see the order.',
        ),
      ),
      h(
        'ul',
        { class: 'list' },
        orders.map((o) =>
          h(
            'li',
            { class: 'item' },
            h(
              'h2',
              { class: 'item-title' },
              h(
                'a',
                { href: o.url ?? orderPageUrl(o.code, o.accessToken) },
                bi(`Đơn ${o.code}`, `Order ${o.code}`),
              ),
            ),
            h(
              'p',
              { class: 'meta' },
              h('span', { lang: 'vi' }, sellers.get(o.sellerId) ?? ''),
              ' · ',
              bi('Tổng ', 'Total '),
              h('strong', null, formatVnd(o.total)),
            ),
            o.expiresAt
              ? h(
                  'p',
                  { class: 'meta' },
                  bi(
                    `Chuyển khoản trước ${formatDateTime(o.expiresAt)}, sau đó đơn tự hủy.`,
                    `Pay before ${formatDateTime(o.expiresAt)}; the order is cancelled after that.`,
                  ),
                )
              : null,
            h(
              'a',
              { class: 'btn primary', href: o.url ?? orderPageUrl(o.code, o.accessToken) },
              o.expiresAt
                ? bi('Xem đơn và mã QR thanh toán', 'Open the order and its QR code')
                : bi('Xem đơn', 'Open the order'),
            ),
          ),
        ),
      ),
    ),
  );
  root.removeAttribute('aria-busy');
  $('#title').setAttribute('tabindex', '-1');
  $('#title').focus();
}

function form(ref: Reference, lines: CartLine[], first: Quote) {
  const services = onlyServices(lines);
  const groups = groupBySeller(lines);
  const optionsOf = (sellerId: string) =>
    first.sellers.find((q) => q.sellerId === sellerId)?.options;
  // Sellers of services only need no delivery: the buyer comes on the date.
  const withGoods = groups.filter((g) => g.lines.some((l) => l.kind === 'goods'));
  const canPickup = withGoods.every((g) => optionsOf(g.seller.id)?.pickup !== false);
  const canShip = withGoods.length > 0 && withGoods.every((g) => optionsOf(g.seller.id)?.shipping);
  const canCod = groups.every((g) => optionsOf(g.seller.id)?.cod);

  const errors = new FormErrors();
  const name = field({
    label: bi('Họ và tên người nhận', 'Name of the person receiving'),
    path: 'buyer.name',
    attrs: { autocomplete: 'name', maxlength: 100 },
  });
  const phone = field({
    label: bi('Số điện thoại di động', 'Mobile phone number'),
    path: 'buyer.phone',
    type: 'tel',
    hint: bi(
      'Ví dụ 0912 345 678. Người bán gọi số này khi giao hàng.',
      'E.g. 0912 345 678. The seller calls it to deliver.',
    ),
    attrs: { autocomplete: 'tel', inputmode: 'tel', maxlength: 20 },
  });
  const email = field({
    label: bi('Email', 'Email'),
    path: 'buyer.email',
    type: 'email',
    optional: true,
    attrs: { autocomplete: 'email', maxlength: 254 },
  });
  const methodOptions = [
    ...(canPickup
      ? [{ value: 'pickup', label: bi('Nhận tại chỗ người bán', "Pick up at the seller's") }]
      : []),
    ...(canShip && !services
      ? [{ value: 'ship', label: bi('Giao tận nơi', 'Deliver to an address') }]
      : []),
  ];
  const method = radios({
    legend: bi('Cách nhận hàng', 'Delivery'),
    path: 'delivery.method',
    options: methodOptions,
    value:
      methodOptions.length === 1
        ? methodOptions[0]?.value
        : canShip && !services
          ? 'ship'
          : 'pickup',
    hint: services
      ? bi('Dịch vụ: bạn đến đúng ngày đã chọn.', 'Services: come on the date you chose.')
      : undefined,
  });
  const commune = field({
    label: bi('Xã/phường', 'Commune'),
    path: 'delivery.address.communeCode',
    kind: 'select',
    options: communeOptions(ref),
    placeholderOption: bi('Chọn xã/phường…', 'Choose a commune…'),
  });
  const line = field({
    label: bi('Địa chỉ (số nhà, đường, ấp/khóm)', 'Address (house, street, hamlet)'),
    path: 'delivery.address.line',
    attrs: { autocomplete: 'street-address', maxlength: 200 },
  });
  const shipFields = h('div', { class: 'ship-fields' }, commune.wrap, line.wrap);
  const note = field({
    label: bi('Ghi chú cho người bán', 'Note to the seller'),
    path: 'note',
    kind: 'textarea',
    optional: true,
    attrs: { maxlength: 500, rows: 3 },
  });
  const payment = radios({
    legend: bi('Thanh toán', 'Payment'),
    path: 'payment',
    options: [
      {
        value: 'vietqr',
        label: bi(
          'Chuyển khoản VietQR (quét mã bằng ứng dụng ngân hàng)',
          'VietQR bank transfer (scan with a banking app)',
        ),
      },
      ...(canCod
        ? [{ value: 'cod', label: bi('Tiền mặt khi nhận hàng', 'Cash on delivery') }]
        : []),
    ],
    value: 'vietqr',
    hint: canCod
      ? undefined
      : bi(
          groups.length > 1
            ? 'Tiền mặt khi nhận hàng chỉ có khi mọi người bán trong giỏ đều nhận.'
            : 'Người bán này chỉ nhận chuyển khoản.',
          groups.length > 1
            ? 'Cash on delivery only when every seller in the cart takes it.'
            : 'This seller takes bank transfers only.',
        ),
  });
  errors.register(name, phone, email, method, commune, line, note, payment);

  const summary = h('div', { class: 'checkout-summary', 'aria-live': 'polite' });
  const selectedMethod = (): Method => (method.selected() === 'ship' ? 'ship' : 'pickup');
  const submit = h('button', { type: 'submit', class: 'btn primary wide' });
  let current = first;
  let asked = 0;
  const renderSummary = () => {
    shipFields.hidden = selectedMethod() !== 'ship';
    const q = current;
    replace(
      summary,
      h(
        'h2',
        null,
        groups.length > 1
          ? bi(`${groups.length} đơn`, `${groups.length} orders`)
          : bi('Đơn hàng', 'Your order'),
      ),
      q.failures.length > 0
        ? h(
            'div',
            { class: 'notice', 'data-kind': 'error' },
            h('p', null, bi('Một số dòng không đặt được:', 'Some lines cannot be ordered:')),
            h(
              'ul',
              null,
              q.failures.map((f) => h('li', null, failureText(f, lines[f.index]))),
            ),
            h('a', { href: '/gio-hang/' }, bi('Sửa giỏ hàng', 'Fix the cart')),
          )
        : null,
      groups.map((g) => {
        const priced = q.sellers.find((x) => x.sellerId === g.seller.id);
        const o = priced?.options;
        return h(
          'section',
          {
            class: 'seller-group compact',
            'aria-label': bi(`Đơn của ${g.seller.legalName}`, `Order from ${g.seller.legalName}`),
          },
          h('h3', { lang: 'vi' }, g.seller.legalName),
          h(
            'ul',
            { class: 'summary-lines' },
            g.lines.map((l) =>
              h(
                'li',
                null,
                h('span', { lang: l.name.en ? undefined : 'vi' }, nameOf(l.name)),
                h('span', { class: 'meta' }, ' · ', lineDescription(l, ref)),
              ),
            ),
          ),
          totalsTable(priced?.subtotal ?? g.subtotal, priced?.deliveryFee ?? 0),
          priced?.deliveryMethod === 'pickup' && o?.pickupAddress
            ? h(
                'p',
                { class: 'hint' },
                bi('Nhận tại: ', 'Pick up at: '),
                h('span', { lang: 'vi' }, o.pickupAddress),
              )
            : null,
        );
      }),
      groups.length > 1
        ? h(
            'p',
            { class: 'grand' },
            bi('Tổng tất cả đơn: ', 'All orders: '),
            h('strong', null, formatVnd(q.total)),
          )
        : null,
    );
    replace(
      submit,
      groups.length > 1
        ? bi(
            `Đặt ${groups.length} đơn · ${formatVnd(q.total)}`,
            `Place ${groups.length} orders · ${formatVnd(q.total)}`,
          )
        : bi(`Đặt hàng · ${formatVnd(q.total)}`, `Place order · ${formatVnd(q.total)}`),
    );
  };
  const requote = async () => {
    shipFields.hidden = selectedMethod() !== 'ship';
    const mine = ++asked;
    const pay = payment.selected() === 'cod' ? 'cod' : 'vietqr';
    const next = await quote(lines, selectedMethod(), pay).catch(() => undefined);
    if (next && mine === asked) {
      current = next;
      renderSummary();
    }
  };
  for (const input of payment.wrap.querySelectorAll('input'))
    input.addEventListener('change', () => void requote());
  for (const input of method.wrap.querySelectorAll('input'))
    input.addEventListener('change', () => void requote());

  const formEl = h(
    'form',
    { class: 'stack checkout-form', novalidate: true },
    errors.summary,
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, bi('Người nhận', 'Recipient')),
      name.wrap,
      phone.wrap,
      email.wrap,
    ),
    method.wrap,
    shipFields,
    payment.wrap,
    note.wrap,
    summary,
    h('div', { class: 'actions' }, submit),
    h(
      'p',
      { class: 'hint' },
      bi(
        'Giá, phí giao hàng và tổng tiền do hệ thống tính lại khi đặt. Thông tin người nhận chỉ người bán của đơn thấy, và được xóa sau khi đơn kết thúc một thời gian.',
        'Prices, delivery fees and totals are computed again when you order. Only the seller of an order sees your details, and they are deleted some time after the order ends.',
      ),
    ),
  );
  renderSummary();
  replace(root, formEl);
  if (selectedMethod() !== 'pickup') void requote();
  root.removeAttribute('aria-busy');

  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    const m = selectedMethod();
    const input = {
      buyer: {
        name: name.value.trim(),
        phone: phone.value.trim(),
        ...(email.value.trim() ? { email: email.value.trim() } : {}),
      },
      delivery:
        m === 'ship'
          ? { method: 'ship', address: { communeCode: commune.value, line: line.value.trim() } }
          : { method: method.selected() },
      payment: payment.selected(),
      lines: lines.map((l) => ({
        productId: l.productId,
        quantity: l.quantity,
        ...(l.date ? { date: l.date } : {}),
      })),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    const checked = PlaceOrderSchema.safeParse(input);
    if (!checked.success) {
      errors.showIssues(checked.error.issues, input);
      return;
    }
    void busy(submit, () => send(input, errors, lines, requote));
  });
}

async function send(
  raw: unknown,
  errors: FormErrors,
  lines: CartLine[],
  requote: () => Promise<void>,
) {
  const text = JSON.stringify(raw);
  try {
    const { orders } = await api<{ orders: PlacedOrderView[] }>('/api/orders', {
      method: 'POST',
      body: raw,
      headers: { 'idempotency-key': idempotencyKey(text) },
    });
    const sellers = new Map(lines.map((l) => [l.seller.id, l.seller.legalName]));
    const at = new Date().toISOString();
    rememberOrders(
      orders.map(
        (o): PlacedOrder => ({
          code: o.code,
          accessToken: o.accessToken,
          sellerName: sellers.get(o.sellerId) ?? '',
          total: o.total,
          placedAt: at,
        }),
      ),
    );
    clearCart(orders.map((o) => o.sellerId));
    sessionStorage.removeItem(KEY_STORE);
    placed(orders, sellers);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const failures = (err.details as { lines?: LineFailure[] } | undefined)?.lines;
    if (err.status === 409 && Array.isArray(failures)) {
      errors.showError(
        bi(
          'Một số dòng không đặt được; chưa có đơn nào được tạo. Hãy sửa giỏ hàng rồi đặt lại.',
          'Some lines cannot be ordered; no order was placed. Fix the cart, then try again.',
        ),
      );
      errors.summary.append(
        h(
          'ul',
          null,
          failures.map((f) => h('li', null, failureText(f, lines[f.index]))),
        ),
        h('a', { class: 'btn', href: '/gio-hang/' }, bi('Sửa giỏ hàng', 'Fix the cart')),
      );
      // The summary shows the lines as they are now.
      void requote();
      return;
    }
    if (err.status === 429) {
      const seconds = (err.details as { retryAfterSeconds?: number } | undefined)
        ?.retryAfterSeconds;
      errors.showError(
        bi(
          `${err.bi().vi}${seconds ? ` Thử lại sau ${Math.ceil(seconds / 60)} phút.` : ''}`,
          `${err.bi().en}${seconds ? ` Try again in ${Math.ceil(seconds / 60)} min.` : ''}`,
        ),
        err.code.includes('phone') || err.code.includes('unpaid')
          ? 'buyer.phone'
          : 'delivery.address.line',
      );
      return;
    }
    if (err.status === 0) {
      errors.showError(
        bi(
          'Không kết nối được. Bấm đặt hàng lần nữa: đơn không bị tạo hai lần.',
          'Could not connect. Press the button again: the order will not be placed twice.',
        ),
      );
      return;
    }
    errors.showApiError(err, {}, raw);
  }
}

async function start() {
  if (readCart().length === 0) {
    replace(
      root,
      h('p', { class: 'empty' }, bi('Giỏ hàng đang trống.', 'Your cart is empty.')),
      h(
        'div',
        { class: 'actions' },
        h('a', { class: 'btn primary', href: '/' }, bi('Xem sản phẩm', 'Browse products')),
      ),
    );
    root.removeAttribute('aria-busy');
    return;
  }
  const lines = readCart();
  const [ref, first] = await Promise.all([loadReference(), quote(lines)]);
  form(ref, lines, first);
}

start().catch((err: unknown) => {
  announce(
    notice,
    err instanceof ApiError ? err.bi() : bi('Không tải được trang.', 'Could not load the page.'),
    'error',
  );
  root.removeAttribute('aria-busy');
});
