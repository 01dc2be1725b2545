import {
  type CartLine,
  groupBySeller,
  lineTotal,
  MAX_QUANTITY,
  onCartChange,
  orderPageUrl,
  placedOrders,
  removeLine,
  setQuantity,
} from '../lib/cart';
import { $, announce, h, replace } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { type Bi, bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import {
  deliveryNote,
  failureReason,
  type LineFailure,
  lineDescription,
  loadCart,
  type Quote,
  quote,
  shippingFee,
  totalsTable,
} from '../lib/order-summary';
import { nameOf, pictureOf } from '../lib/products';
import { loadReference, type Reference } from '../lib/reference';

/**
 * The cart: lines grouped by seller (one order, one bank account each) with subtotal, delivery fee
 * and total; quantities change in place, lines can be removed; problems found when the catalog is
 * read again (sold out, less left, no longer sold) are shown at the line and block checkout.
 */
setupPage({ section: 'cart' });
const root = $('#cart');
const notice = $('#notice');
let state: { lines: CartLine[]; quote?: Quote };
let ref: Reference | undefined;

const lineKey = (l: CartLine) => `${l.productId}-${l.date ?? 'x'}`;

/** What is wrong with a line now (from the server's quote), if anything. */
function problem(line: CartLine): Bi | null {
  const i = state.lines.indexOf(line);
  const f: LineFailure | undefined = state.quote?.failures.find((x) => x.index === i);
  if (!f) return null;
  const reason = failureReason(f);
  return bi(`${cap(reason.vi)}.`, `${cap(reason.en)}.`);
}
const cap = (s: string) => `${s.slice(0, 1).toUpperCase()}${s.slice(1)}`;

function lineItem(line: CartLine) {
  const issue = problem(line);
  const key = lineKey(line);
  const name = nameOf(line.name);
  const input = h('input', {
    id: `q-${key}`,
    type: 'number',
    inputmode: 'numeric',
    min: 1,
    max: line.max ?? MAX_QUANTITY,
    value: line.quantity,
    class: 'qty',
    'aria-describedby': issue ? `p-${key}` : undefined,
    'aria-invalid': issue ? 'true' : undefined,
    onchange: (e: Event) => {
      const n = Number.parseInt((e.target as HTMLInputElement).value, 10);
      setQuantity(line.productId, line.date, Number.isSafeInteger(n) && n > 0 ? n : 1);
    },
  });
  return h(
    'li',
    { class: 'cart-line' },
    pictureOf(
      { images: line.image ? [line.image] : [], category: '', kind: line.kind },
      undefined,
      'cart-thumb',
    ),
    h(
      'div',
      { class: 'cart-line-body' },
      h(
        'h3',
        null,
        h(
          'a',
          {
            href: `/san-pham/?id=${encodeURIComponent(line.productId)}`,
            lang: line.name.en ? undefined : 'vi',
          },
          name,
        ),
      ),
      h('p', { class: 'meta' }, lineDescription(line, ref)),
      issue ? h('p', { class: 'field-error', id: `p-${key}` }, issue) : null,
      h(
        'div',
        { class: 'cart-line-controls' },
        h(
          'label',
          { for: `q-${key}`, class: 'qty-label' },
          line.kind === 'service' ? bi('Số người', 'People') : bi('Số lượng', 'Quantity'),
          h('span', { class: 'sr-only' }, ': ', name),
        ),
        input,
        h(
          'button',
          {
            type: 'button',
            class: 'btn small danger',
            onclick: () => {
              removeLine(line.productId, line.date);
              announce(notice, bi(`Đã bỏ “${name.vi}” khỏi giỏ.`, `Removed “${name.en}”.`));
            },
          },
          bi('Bỏ', 'Remove'),
          h('span', { class: 'sr-only' }, ' ', name),
        ),
        h('strong', { class: 'cart-line-total' }, formatVnd(lineTotal(line))),
      ),
    ),
  );
}

function render() {
  const focused = document.activeElement?.id;
  const lines = state.lines;
  if (lines.length === 0) {
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
  const groups = groupBySeller(lines);
  let grand = 0;
  let blocked = false;
  const sections = groups.map((g, i) => {
    const priced = state.quote?.sellers.find((q) => q.sellerId === g.seller.id);
    const subtotal = priced?.subtotal ?? g.subtotal;
    const fee = priced ? shippingFee(priced.options, priced.goodsAmount) : 0;
    grand += subtotal + fee;
    for (const l of g.lines) if (problem(l)) blocked = true;
    return h(
      'section',
      { class: 'seller-group', 'aria-labelledby': `seller-${i}` },
      h(
        'h2',
        { id: `seller-${i}` },
        h('span', { class: 'sr-only' }, bi('Người bán: ', 'Seller: ')),
        h('span', { lang: 'vi' }, g.seller.legalName),
      ),
      h('ul', { class: 'cart-lines' }, g.lines.map(lineItem)),
      totalsTable(subtotal, fee, priced ? deliveryNote(priced.options, priced.goodsAmount) : null),
    );
  });
  replace(
    root,
    groups.length > 1
      ? h(
          'p',
          { class: 'hint' },
          bi(
            `Giỏ có hàng của ${groups.length} người bán: mỗi người bán là một đơn riêng, chuyển khoản vào tài khoản của người bán đó.`,
            `Your cart holds products of ${groups.length} sellers: one order each, paid into each seller's own account.`,
          ),
        )
      : null,
    sections,
    h(
      'div',
      { class: 'panel grand-total' },
      h(
        'p',
        null,
        bi('Tổng tất cả đơn', 'All orders together'),
        ': ',
        h('strong', null, formatVnd(grand)),
      ),
      h(
        'p',
        { class: 'hint' },
        bi(
          'Phí giao hàng tính theo cách nhận hàng bạn chọn ở bước sau.',
          'The delivery fee follows the delivery you choose in the next step.',
        ),
      ),
      blocked
        ? h(
            'p',
            { class: 'field-error' },
            bi(
              'Hãy sửa các dòng báo lỗi trước khi đặt hàng.',
              'Fix the lines marked above before checking out.',
            ),
          )
        : null,
      h(
        'div',
        { class: 'actions' },
        blocked
          ? h(
              'button',
              { type: 'button', class: 'btn primary', disabled: true },
              bi('Đặt hàng', 'Check out'),
            )
          : h('a', { class: 'btn primary', href: '/thanh-toan/' }, bi('Đặt hàng', 'Check out')),
        h('a', { class: 'btn', href: '/' }, bi('Mua thêm', 'Keep shopping')),
      ),
    ),
  );
  root.removeAttribute('aria-busy');
  if (focused) document.getElementById(focused)?.focus();
}

function renderOrders() {
  const orders = placedOrders();
  const section = $('#my-orders');
  section.hidden = orders.length === 0;
  replace(
    $('#my-orders-list'),
    orders.map((o) =>
      h(
        'li',
        { class: 'item' },
        h(
          'a',
          { href: orderPageUrl(o.code, o.accessToken) },
          bi(`Đơn ${o.code}`, `Order ${o.code}`),
        ),
        h(
          'p',
          { class: 'meta' },
          h('span', { lang: 'vi' }, o.sellerName),
          ' · ',
          formatVnd(o.total),
          ' · ',
          formatDateTime(o.placedAt),
        ),
      ),
    ),
  );
}

async function start() {
  ref = await loadReference().catch(() => undefined);
  state = await loadCart();
  render();
  let asked = 0;
  onCartChange(async (lines) => {
    state = { lines, quote: state.quote };
    render();
    // Price again; only the latest answer counts when quantities change quickly.
    const mine = ++asked;
    const fresh = lines.length > 0 ? await quote(lines).catch(() => undefined) : undefined;
    if (mine === asked) {
      state = { lines, ...(fresh ? { quote: fresh } : {}) };
      render();
    }
  });
  renderOrders();
}

start().catch(() => {
  announce(notice, bi('Không tải được giỏ hàng.', 'Could not load the cart.'), 'error');
  root.removeAttribute('aria-busy');
});
