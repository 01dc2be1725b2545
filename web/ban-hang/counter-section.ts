import { CounterSaleSchema } from '../../shared/orders/counter-sale';
import { ApiError, api, asApiError, queryString } from '../lib/api';
import { unitPriceAt } from '../lib/cart';
import { $, announce, h, replace } from '../lib/dom';
import { formatDateTime, formatNumber, formatVnd } from '../lib/format';
import { busy, type Field, FormErrors, field, numberOrUndefined, radios } from '../lib/forms';
import { type Bi, bi } from '../lib/i18n';
import { PAYMENT_METHOD } from '../lib/order-view';
import { nameOf, type OwnProduct } from '../lib/products';

/**
 * Counter sales: an in-person sale recorded from the seller's products (quantities; the catalog
 * price with tiers unless another price was charged) or as just an amount, paid in cash or by the
 * stall's static VietQR, now or earlier. Checked with the API's schema; a sale of more than the
 * stock is recorded anyway (it happened) and the answer's warning is shown. Below: the sales list
 * and the link to the printable stall sign.
 */
interface CounterSale {
  id: string;
  items: Array<{
    productId: string;
    name: { vi: string; en?: string };
    quantity: number;
    lineTotal: number;
  }>;
  amount: number;
  method: 'cash' | 'vietqr';
  note?: string;
  occurredAt: string;
}

const host = () => $('#counter-host');
let flash: (text: Bi, kind?: 'success' | 'error' | 'info') => void;
let products: OwnProduct[] = [];
let started = false;

/** `2026-12-02T14:30` typed in the province's time → an ISO instant with its offset. */
const localToIso = (value: string) => (value ? `${value}:00+07:00` : undefined);

async function loadProducts(): Promise<OwnProduct[]> {
  const all: OwnProduct[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<{ items: OwnProduct[]; nextCursor?: string }>(
      `/api/seller/products${queryString({ cursor, limit: 100 })}`,
    );
    all.push(...page.items.filter((p) => p.status !== 'archived'));
    cursor = page.nextCursor;
  } while (cursor && all.length < 500);
  return all;
}

interface Row {
  product: Field;
  quantity: Field;
  el: HTMLElement;
}

function form(onSaved: () => void) {
  const errors = new FormErrors();
  let saleId = crypto.randomUUID();
  const rowsBox = h('div', { class: 'counter-rows' });
  const rows: Row[] = [];
  const total = h('p', { class: 'line-total', 'aria-live': 'polite' });

  const computeTotal = () => {
    let sum = 0;
    for (const r of rows) {
      const p = products.find((x) => x.id === r.product.value);
      const q = numberOrUndefined(r.quantity.value);
      if (p && q && q > 0) sum += unitPriceAt(p.price, p.priceTiers, q) * q;
    }
    replace(
      total,
      bi('Tổng theo giá bán: ', 'Total at catalog prices: '),
      h('strong', null, formatVnd(sum)),
    );
  };
  const reindex = () => {
    errors.unregister('items');
    rows.forEach((r, i) => {
      (r.product as { path: string }).path = `items.${i}.productId`;
      (r.quantity as { path: string }).path = `items.${i}.quantity`;
      errors.register(r.product, r.quantity);
    });
  };
  const addRow = () => {
    const i = rows.length;
    const product = field({
      label: bi(`Sản phẩm ${i + 1}`, `Product ${i + 1}`),
      path: `items.${i}.productId`,
      kind: 'select',
      options: products.map((p) => ({ value: p.id, label: nameOf(p.name) })),
      placeholderOption: bi('Chọn sản phẩm…', 'Choose a product…'),
    });
    const quantity = field({
      label: bi(`Số lượng ${i + 1}`, `Quantity ${i + 1}`),
      path: `items.${i}.quantity`,
      type: 'number',
      value: '1',
      attrs: { inputmode: 'numeric', min: 1, class: 'qty' },
    });
    const row: Row = { product, quantity, el: h('div') };
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'btn small danger',
        onclick: () => {
          rows.splice(rows.indexOf(row), 1);
          row.el.remove();
          reindex();
          computeTotal();
        },
      },
      bi('Bỏ dòng', 'Remove line'),
    );
    row.el = h(
      'div',
      { class: 'repeat-row counter-row' },
      product.wrap,
      quantity.wrap,
      i > 0 ? remove : null,
    );
    rows.push(row);
    rowsBox.append(row.el);
    product.control.addEventListener('change', computeTotal);
    quantity.control.addEventListener('input', computeTotal);
    reindex();
  };

  const mode = radios({
    legend: bi('Ghi bán theo', 'Record as'),
    path: 'mode',
    options: [
      { value: 'items', label: bi('Sản phẩm và số lượng', 'Products and quantities') },
      { value: 'amount', label: bi('Chỉ số tiền', 'Just an amount') },
    ],
    value: products.length > 0 ? 'items' : 'amount',
  });
  const amount = field({
    label: bi('Số tiền (₫)', 'Amount (₫)'),
    path: 'amount',
    hint: bi(
      'Số tiền bằng đồng, ví dụ 150000 hoặc 150.000.',
      'An amount in đồng, e.g. 150000 or 150.000.',
    ),
    attrs: { inputmode: 'numeric', autocomplete: 'off' },
  });
  const method = radios({
    legend: bi('Khách trả bằng', 'Paid by'),
    path: 'method',
    options: [
      { value: 'cash', label: bi('Tiền mặt', 'Cash') },
      {
        value: 'vietqr',
        label: bi('Chuyển khoản VietQR (mã tĩnh tại quầy)', 'VietQR transfer (stall code)'),
      },
    ],
    value: 'cash',
  });
  const when = field({
    label: bi('Thời điểm bán', 'When'),
    path: 'occurredAt',
    type: 'datetime-local',
    optional: true,
    hint: bi('Để trống nếu là bây giờ.', 'Leave empty for now.'),
  });
  const note = field({
    label: bi('Ghi chú', 'Note'),
    path: 'note',
    optional: true,
    attrs: { maxlength: 500 },
  });
  errors.register(amount, method, when, note);
  const itemsBox = h(
    'div',
    null,
    rowsBox,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'btn small', onclick: addRow },
        bi('Thêm dòng', 'Add a line'),
      ),
    ),
    total,
  );
  const sync = () => {
    const byItems = mode.selected() === 'items';
    itemsBox.hidden = !byItems;
    amount.wrap.hidden = byItems;
  };
  for (const r of mode.wrap.querySelectorAll('input')) r.addEventListener('change', sync);
  if (products.length > 0) addRow();
  sync();
  computeTotal();

  const submit = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    bi('Ghi nhận bán', 'Record the sale'),
  );
  const el = h(
    'form',
    { class: 'stack', novalidate: true, 'aria-labelledby': 'h-counter-new' },
    h(
      'h3',
      { id: 'h-counter-new', style: 'margin-top:0' },
      bi('Ghi một lần bán tại quầy', 'Record a counter sale'),
    ),
    errors.summary,
    products.length > 0 ? mode.wrap : null,
    itemsBox,
    amount.wrap,
    method.wrap,
    when.wrap,
    note.wrap,
    h('div', { class: 'actions' }, submit),
  );
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const byItems = mode.selected() === 'items' && products.length > 0;
    const occurredAt = localToIso(when.value);
    const input = {
      id: saleId,
      ...(byItems
        ? {
            items: rows.map((r) => ({
              productId: r.product.value,
              quantity: numberOrUndefined(r.quantity.value) ?? Number.NaN,
            })),
          }
        : { amount: numberOrUndefined(amount.value) }),
      method: method.selected(),
      ...(occurredAt ? { occurredAt } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    const checked = CounterSaleSchema.safeParse(input);
    if (!checked.success) {
      errors.showIssues(checked.error.issues, input);
      return;
    }
    void busy(submit, async () => {
      try {
        const res = await api<{
          counterSale: CounterSale;
          warnings: Array<{ productId: string; requested: number; available: number }>;
        }>('/api/seller/counter-sales', { method: 'POST', body: checked.data });
        saleId = crypto.randomUUID();
        const warn = res.warnings.map((w) => {
          const p = products.find((x) => x.id === w.productId);
          const n = p ? nameOf(p.name) : bi(w.productId);
          return bi(
            `${n.vi}: bán ${formatNumber(w.requested)} nhưng kho chỉ còn ${formatNumber(w.available)}; tồn kho nay là 0.`,
            `${n.en}: sold ${formatNumber(w.requested)} but only ${formatNumber(w.available)} in stock; stock is now 0.`,
          );
        });
        flash(
          bi(
            `Đã ghi nhận bán ${formatVnd(res.counterSale.amount)}.${warn.map((w) => ` ${w.vi}`).join('')}`,
            `Sale of ${formatVnd(res.counterSale.amount)} recorded.${warn.map((w) => ` ${w.en}`).join('')}`,
          ),
          warn.length > 0 ? 'info' : 'success',
        );
        onSaved();
      } catch (err) {
        if (err instanceof ApiError) errors.showApiError(err, {}, input);
        else errors.showError(bi('Không kết nối được.', 'Could not connect.'));
      }
    });
  });
  return el;
}

function saleItem(s: CounterSale) {
  return h(
    'li',
    { class: 'item' },
    h(
      'div',
      { class: 'item-head' },
      h('strong', null, formatVnd(s.amount)),
      h('span', { class: 'meta' }, formatDateTime(s.occurredAt)),
    ),
    h(
      'p',
      { class: 'meta' },
      PAYMENT_METHOD[s.method] ?? s.method,
      s.items.length > 0
        ? [
            ' · ',
            s.items.map((i, k) => [
              k > 0 ? ', ' : '',
              nameOf(i.name),
              ` × ${formatNumber(i.quantity)}`,
            ]),
          ]
        : null,
      s.note ? [' · ', h('span', { lang: 'vi' }, s.note)] : null,
    ),
  );
}

async function render() {
  const list = h('ul', { class: 'list', 'aria-busy': 'true', id: 'counter-list' });
  const error = h('div', { class: 'notice', role: 'alert', 'data-kind': 'error' });
  replace(
    host(),
    h(
      'div',
      { class: 'actions' },
      h(
        'a',
        { class: 'btn', href: '/ban-hang/ma-qr/' },
        bi('In biển mã QR tại quầy', 'Print the stall QR sign'),
      ),
    ),
    form(() => void render()),
    h('h3', null, bi('Các lần bán tại quầy', 'Counter sales')),
    error,
    list,
  );
  try {
    const page = await api<{ items: CounterSale[] }>('/api/seller/counter-sales?limit=50');
    replace(
      list,
      page.items.length > 0
        ? page.items.map(saleItem)
        : h('li', { class: 'empty' }, bi('Chưa có lần bán nào.', 'No counter sales yet.')),
    );
  } catch (err) {
    announce(error, asApiError(err).bi(), 'error');
  } finally {
    list.removeAttribute('aria-busy');
  }
}

/** Loads the section the first time it is shown. */
export async function showCounter(
  show: (text: Bi, kind?: 'success' | 'error' | 'info') => void,
): Promise<void> {
  flash = show;
  if (started) return;
  started = true;
  products = await loadProducts().catch(() => []);
  await render();
}
