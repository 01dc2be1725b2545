import { parseMoneyInput } from '../../shared/money-input';
import { OrderActionSchema } from '../../shared/orders/order';
import { ApiError, api, asApiError, queryString } from '../lib/api';
import { confirmDialog } from '../lib/dialog';
import { $, announce, h, replace, setText } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { busy, echoMoney, FormErrors, field, moneyProblem } from '../lib/forms';
import { type Bi, bi } from '../lib/i18n';
import {
  FULFILMENT,
  type OrderLineView,
  orderBadge,
  orderFootRow,
  orderLinesTable,
  PAYMENT_METHOD,
  PAYMENT_STATUS,
} from '../lib/order-view';
import type { Reference } from '../lib/reference';

/**
 * The seller's orders: a list (buyers masked) filtered by status, payment status and dates, paged
 * by cursor; the detail of one order (the buyer whole, lines, amounts, history) with the actions
 * the API says are allowed now; and the refunds owed to buyers, closed with the bank reference.
 */
interface OrderSummary {
  code: string;
  status: string;
  paymentStatus: string;
  payment: string;
  deliveryMethod: 'pickup' | 'ship';
  buyer: { name: string; phone: string } | null;
  lineCount: number;
  total: number;
  amountDue: number;
  createdAt: string;
}

interface OrderDetail {
  code: string;
  status: string;
  paymentStatus: string;
  payment: string;
  lines: OrderLineView[];
  subtotal: number;
  deliveryFee: number;
  total: number;
  amountPaid: number;
  amountDue: number;
  delivery:
    | { method: 'pickup'; pickupAddress?: string }
    | { method: 'ship'; address?: { communeCode: string; line: string; communeName?: string } };
  buyer: { name: string; phone: string; email?: string } | null;
  note?: string;
  createdAt: string;
  expiresAt: string | null;
  cancelReason?: string;
  piiPurgedAt: string | null;
  history: Array<{ at: string; action: string; by: string; reason?: string }>;
  allowedActions: string[];
}

interface Refund {
  id: string;
  orderCode: string;
  amount: number;
  reason: string;
  state: 'open' | 'closed';
  createdAt: string;
  bankReference?: string;
}

const ACTION_LABEL: Record<string, Bi> = {
  confirm: bi('Xác nhận đơn', 'Confirm the order'),
  ship: bi('Đã gửi hàng', 'Mark as shipped'),
  deliver: bi('Đã giao hàng', 'Mark as delivered'),
  pickedUp: bi('Khách đã nhận hàng', 'Mark as picked up'),
  cancel: bi('Hủy đơn', 'Cancel the order'),
  fulfil: bi('Vẫn giao hàng (mở lại đơn)', 'Fulfil anyway (reopen the order)'),
};
const ACTION_DONE: Record<string, Bi> = {
  confirm: bi('Đã xác nhận đơn.', 'Order confirmed.'),
  ship: bi('Đã ghi nhận gửi hàng.', 'Marked as shipped.'),
  deliver: bi('Đã ghi nhận giao hàng.', 'Marked as delivered.'),
  pickedUp: bi('Đã ghi nhận khách nhận hàng.', 'Marked as picked up.'),
  cancel: bi('Đã hủy đơn; hàng đã trả lại kho.', 'Order cancelled; stock given back.'),
  fulfil: bi(
    'Đã mở lại đơn: hàng đã giữ lại trong kho, tiền được tính cho đơn.',
    'Order reopened: stock taken again, the money pays the order.',
  ),
};
const HISTORY_LABEL: Record<string, Bi> = {
  place: bi('Khách đặt hàng', 'Placed by the buyer'),
  expire: bi('Hết hạn thanh toán', 'Payment time ran out'),
  pay: bi('Nhận tiền chuyển khoản', 'Transfer received'),
  ...ACTION_LABEL,
};

const host = () => $('#orders-host');
let ref: Reference;
let flash: (text: Bi, kind?: 'success' | 'error' | 'info') => void;
let filters: Record<string, string> = {};

function filterForm(onApply: () => void) {
  const status = field({
    label: bi('Trạng thái đơn', 'Order status'),
    path: 'status',
    kind: 'select',
    optional: true,
    options: Object.entries(FULFILMENT).map(([value, label]) => ({ value, label })),
    placeholderOption: bi('Tất cả', 'All'),
    value: filters.status ?? '',
  });
  const payment = field({
    label: bi('Thanh toán', 'Payment'),
    path: 'paymentStatus',
    kind: 'select',
    optional: true,
    options: Object.entries(PAYMENT_STATUS).map(([value, label]) => ({ value, label })),
    placeholderOption: bi('Tất cả', 'All'),
    value: filters.paymentStatus ?? '',
  });
  const from = field({
    label: bi('Từ ngày', 'From'),
    path: 'from',
    type: 'date',
    optional: true,
    value: filters.from ?? '',
  });
  const to = field({
    label: bi('Đến ngày', 'To'),
    path: 'to',
    type: 'date',
    optional: true,
    value: filters.to ?? '',
  });
  const form = h(
    'form',
    { class: 'order-filters', 'aria-label': bi('Lọc đơn hàng', 'Filter orders') },
    h('div', { class: 'filter-grid' }, status.wrap, payment.wrap, from.wrap, to.wrap),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, bi('Lọc', 'Filter')),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => {
            filters = {};
            onApply();
          },
        },
        bi('Bỏ lọc', 'Clear'),
      ),
    ),
  );
  const active = Object.values(filters).some(Boolean);
  const box = h(
    'details',
    { class: 'filters', open: active },
    h('summary', null, active ? bi('Lọc đơn (đang lọc)', 'Filter (on)') : bi('Lọc đơn', 'Filter')),
    form,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    filters = {
      status: status.value,
      paymentStatus: payment.value,
      from: from.value,
      to: to.value,
    };
    onApply();
  });
  return box;
}

function summaryItem(o: OrderSummary) {
  return h(
    'li',
    { class: 'item' },
    h(
      'div',
      { class: 'item-head' },
      h(
        'h3',
        null,
        h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => void showOrder(o.code) },
          bi(`Đơn ${o.code}`, `Order ${o.code}`),
        ),
      ),
      h('strong', null, formatVnd(o.total)),
    ),
    h(
      'p',
      { class: 'badges' },
      orderBadge('status', o.status),
      ' ',
      orderBadge('payment', o.paymentStatus),
    ),
    h(
      'p',
      { class: 'meta' },
      formatDateTime(o.createdAt),
      ' · ',
      PAYMENT_METHOD[o.payment] ?? o.payment,
      ' · ',
      o.deliveryMethod === 'ship' ? bi('Giao tận nơi', 'Delivery') : bi('Nhận tại chỗ', 'Pickup'),
      o.buyer ? [' · ', h('span', { lang: 'vi' }, o.buyer.name), ` ${o.buyer.phone}`] : null,
    ),
  );
}

export async function showList(): Promise<void> {
  const list = h('ul', { class: 'list', 'aria-busy': 'true', id: 'orders-list' });
  const more = h(
    'button',
    { type: 'button', class: 'btn', hidden: true },
    bi('Xem thêm', 'Load more'),
  );
  const error = h('div', { class: 'notice', role: 'alert', 'data-kind': 'error' });
  replace(
    host(),
    filterForm(() => void showList()),
    error,
    list,
    h('div', { class: 'load-more' }, more),
    h('div', { id: 'refunds-host' }),
  );
  let cursor: string | undefined;
  const load = async () => {
    try {
      const page = await api<{ items: OrderSummary[]; nextCursor?: string }>(
        `/api/seller/orders${queryString({ ...filters, cursor })}`,
      );
      list.append(...page.items.map(summaryItem));
      if (list.childElementCount === 0)
        list.append(
          h(
            'li',
            { class: 'empty' },
            Object.values(filters).some(Boolean)
              ? bi('Không có đơn nào khớp bộ lọc.', 'No order matches the filter.')
              : bi('Chưa có đơn hàng nào.', 'No orders yet.'),
          ),
        );
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (err) {
      announce(error, asApiError(err).bi(), 'error');
    } finally {
      list.removeAttribute('aria-busy');
    }
  };
  more.addEventListener('click', () => void busy(more, load));
  await load();
  await showRefunds();
}

async function showRefunds() {
  const box = document.getElementById('refunds-host');
  if (!box) return;
  const { items } = await api<{ items: Refund[] }>('/api/seller/refunds').catch(() => ({
    items: [] as Refund[],
  }));
  const open = items.filter((r) => r.state === 'open');
  if (open.length === 0) return;
  replace(
    box,
    h('h3', null, bi('Tiền cần hoàn cho khách', 'Money to give back to buyers')),
    h(
      'p',
      { class: 'hint' },
      bi(
        'Các đơn đã nhận tiền rồi bị hủy. Chuyển trả khách, rồi ghi mã giao dịch của ngân hàng.',
        'Orders cancelled after money arrived. Transfer it back, then enter the bank reference.',
      ),
    ),
    h('ul', { class: 'list' }, open.map(refundItem)),
  );
}

function refundItem(r: Refund) {
  const errors = new FormErrors();
  const reference = field({
    label: bi(
      `Mã giao dịch hoàn tiền (đơn ${r.orderCode})`,
      `Refund bank reference (order ${r.orderCode})`,
    ),
    path: 'bankReference',
    attrs: { maxlength: 64, autocomplete: 'off' },
  });
  errors.register(reference);
  const save = h(
    'button',
    { type: 'submit', class: 'btn primary small' },
    bi('Đã hoàn tiền', 'Refunded'),
  );
  const form = h('form', { novalidate: true }, errors.summary, reference.wrap, save);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const bankReference = reference.value.trim();
    if (!/^[A-Za-z0-9 ._/-]{3,64}$/.test(bankReference)) {
      errors.showError(
        bi(
          'Nhập mã giao dịch 3–64 ký tự (chữ, số, . _ / -).',
          'Enter the 3–64 character reference.',
        ),
        'bankReference',
      );
      return;
    }
    void busy(save, async () => {
      try {
        await api(`/api/seller/refunds/${encodeURIComponent(r.id)}/close`, {
          method: 'POST',
          body: { bankReference },
        });
        flash(bi('Đã ghi nhận hoàn tiền.', 'Refund recorded.'), 'success');
        await showRefunds();
        form.closest('li')?.remove();
      } catch (err) {
        if (err instanceof ApiError) errors.showApiError(err, {}, { bankReference });
      }
    });
  });
  return h(
    'li',
    { class: 'item' },
    h(
      'p',
      null,
      bi(`Đơn ${r.orderCode}: `, `Order ${r.orderCode}: `),
      h('strong', null, formatVnd(r.amount)),
    ),
    h(
      'p',
      { class: 'meta' },
      formatDateTime(r.createdAt),
      ' · ',
      h('span', { lang: 'vi' }, r.reason),
    ),
    form,
  );
}

function cancelForm(o: OrderDetail, done: (next: OrderDetail) => void) {
  const errors = new FormErrors();
  const reason = field({
    label: bi('Lý do hủy (khách xem được)', 'Reason (the buyer sees it)'),
    path: 'reason',
    kind: 'textarea',
    attrs: { maxlength: 300, rows: 2 },
  });
  errors.register(reason);
  const submit = h(
    'button',
    { type: 'submit', class: 'btn danger' },
    bi('Hủy đơn này', 'Cancel this order'),
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    errors.summary,
    o.amountPaid > 0
      ? h(
          'p',
          { class: 'notice', 'data-kind': 'info' },
          bi(
            `Đơn đã nhận ${formatVnd(o.amountPaid)}: sau khi hủy, bạn phải hoàn tiền cho khách.`,
            `${formatVnd(o.amountPaid)} was received: after cancelling you must refund the buyer.`,
          ),
        )
      : null,
    reason.wrap,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const input = { action: 'cancel', reason: reason.value.trim() };
    const checked = OrderActionSchema.safeParse(input);
    if (!checked.success) {
      errors.showIssues(checked.error.issues, input);
      return;
    }
    void busy(submit, async () => {
      try {
        done(await act(o.code, input));
      } catch (err) {
        if (err instanceof ApiError) errors.showApiError(err, {}, input);
      }
    });
  });
  return form;
}

const BANK_REFERENCE = /^[A-Za-z0-9 ._/-]{3,64}$/;

/**
 * "Xác nhận đã nhận tiền": a transfer seen in the bank app, entered by hand (amount as the seller
 * writes it, the bank's reference), confirmed in a dialog, then POST /api/seller/orders/{code}/payments
 * (the same path as a webhook; the reference is the dedupe key).
 */
function manualPaymentForm(o: OrderDetail) {
  const errors = new FormErrors();
  const amount = field({
    label: bi('Số tiền đã nhận', 'Amount received'),
    path: 'amount',
    hint: bi('Ví dụ 150000, 150k, 1,2tr.', 'E.g. 150000, 150k, 1,2tr.'),
    value: o.amountDue > 0 ? String(o.amountDue) : '',
    attrs: { autocomplete: 'off', autocapitalize: 'off', inputmode: 'decimal' },
  });
  const reference = field({
    label: bi('Mã giao dịch ngân hàng', 'Bank reference'),
    path: 'bankReference',
    hint: bi(
      'Mã trong ứng dụng ngân hàng hoặc sao kê (3–64 ký tự).',
      'The reference in the bank app or statement (3–64 characters).',
    ),
    attrs: { maxlength: 64, autocomplete: 'off', autocapitalize: 'characters' },
  });
  echoMoney(amount);
  errors.register(amount, reference);
  const submit = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    bi('Xác nhận đã nhận tiền', 'Confirm payment received'),
  );
  const form = h(
    'form',
    {
      class: 'stack manual-payment',
      novalidate: true,
      'aria-label': bi('Xác nhận thanh toán thủ công', 'Manual payment confirmation'),
    },
    errors.summary,
    h('div', { class: 'grid-2' }, amount.wrap, reference.wrap),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const parsed = parseMoneyInput(amount.value);
    if (!parsed.ok || parsed.value < 1) {
      errors.showError(
        moneyProblem(amount.value) ?? bi('Nhập số tiền đã nhận.', 'Enter the amount received.'),
        'amount',
      );
      return;
    }
    const bankReference = reference.value.trim();
    if (!BANK_REFERENCE.test(bankReference)) {
      errors.showError(
        bi(
          'Nhập mã giao dịch 3–64 ký tự (chữ, số, khoảng trắng, . _ / -).',
          'Enter the 3–64 character reference (letters, digits, spaces, . _ / -).',
        ),
        'bankReference',
      );
      return;
    }
    errors.clear();
    const body = { amount: parsed.value, bankReference };
    void busy(submit, async () => {
      const ok = await confirmDialog({
        title: bi('Xác nhận đã nhận tiền?', 'Confirm the payment?'),
        body: bi(
          `Ghi nhận ${formatVnd(body.amount)} cho đơn ${o.code}, mã giao dịch ${bankReference}. Chỉ xác nhận khi tiền đã vào tài khoản.`,
          `Record ${formatVnd(body.amount)} for order ${o.code}, bank reference ${bankReference}. Confirm only once the money is in the account.`,
        ),
        confirm: bi('Xác nhận', 'Confirm'),
      });
      if (ok === null) return;
      try {
        await api(`/api/seller/orders/${encodeURIComponent(o.code)}/payments`, {
          method: 'POST',
          body,
        });
        flash(
          bi(
            `Đã ghi nhận ${formatVnd(body.amount)} cho đơn ${o.code}.`,
            `${formatVnd(body.amount)} recorded for order ${o.code}.`,
          ),
          'success',
        );
        await showOrder(o.code);
      } catch (err) {
        if (err instanceof ApiError) errors.showApiError(err, {}, body);
        else flash(asApiError(err).bi(), 'error');
      }
    });
  });
  return form;
}

async function act(code: string, body: { action: string; reason?: string }): Promise<OrderDetail> {
  const { order } = await api<{ order: OrderDetail }>(
    `/api/seller/orders/${encodeURIComponent(code)}/actions`,
    { method: 'POST', body },
  );
  flash(ACTION_DONE[body.action] ?? bi('Đã lưu.', 'Saved.'), 'success');
  return order;
}

function renderDetail(o: OrderDetail) {
  const actionsBox = h('div', { class: 'actions order-actions' });
  const cancelBox = h('div');
  const rerender = (next: OrderDetail) => renderDetail(next);
  for (const action of o.allowedActions) {
    const label =
      action === 'deliver' && o.payment === 'cod'
        ? bi('Đã giao, đã nhận tiền mặt', 'Delivered, cash received')
        : action === 'pickedUp' && o.payment === 'cod'
          ? bi('Khách đã nhận, đã trả tiền mặt', 'Picked up, cash received')
          : (ACTION_LABEL[action] ?? bi(action));
    const button = h(
      'button',
      { type: 'button', class: action === 'cancel' ? 'btn danger' : 'btn primary' },
      label,
    );
    button.addEventListener('click', () => {
      if (action === 'cancel') {
        replace(cancelBox, cancelForm(o, rerender));
        cancelBox.querySelector('textarea')?.focus();
        return;
      }
      void busy(button, async () => {
        if (action === 'fulfil') {
          const ok = await confirmDialog({
            title: bi('Vẫn giao đơn này?', 'Fulfil this order anyway?'),
            body: bi(
              `Đơn ${o.code} đã ${o.status === 'expired' ? 'hết hạn' : 'bị hủy'} nhưng khách đã trả ${formatVnd(o.amountPaid)}. Đơn sẽ mở lại ở trạng thái “Đã xác nhận”, hàng được giữ lại trong kho (nếu còn đủ) và không cần hoàn tiền nữa (trừ phần trả dư).`,
              `Order ${o.code} ${o.status === 'expired' ? 'expired' : 'was cancelled'} but the buyer paid ${formatVnd(o.amountPaid)}. It reopens as “Confirmed”, the stock is taken again (if enough is left) and no refund is owed any more (except an overpayment).`,
            ),
            confirm: bi('Vẫn giao hàng', 'Fulfil anyway'),
          });
          if (ok === null) return;
        }
        try {
          rerender(await act(o.code, { action }));
        } catch (err) {
          flash(asApiError(err).bi(), 'error');
          if (err instanceof ApiError && err.status === 409) void showOrder(o.code);
        }
      });
    });
    actionsBox.append(button);
  }
  const d = o.delivery;
  const heading = h(
    'h3',
    { tabindex: '-1', class: 'order-heading' },
    bi(`Đơn ${o.code}`, `Order ${o.code}`),
  );
  replace(
    host(),
    h(
      'p',
      null,
      h(
        'button',
        { type: 'button', class: 'btn small', onclick: () => void showList() },
        bi('← Danh sách đơn', '← All orders'),
      ),
    ),
    h(
      'article',
      { class: 'panel order-detail' },
      heading,
      h(
        'p',
        { class: 'badges' },
        orderBadge('status', o.status),
        ' ',
        orderBadge('payment', o.paymentStatus),
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, bi('Ngày đặt', 'Placed')),
        h('dd', null, formatDateTime(o.createdAt)),
        h('dt', null, bi('Người nhận', 'Buyer')),
        h(
          'dd',
          null,
          o.buyer
            ? [
                h('span', { lang: 'vi' }, o.buyer.name),
                ' · ',
                h('a', { href: `tel:${o.buyer.phone}` }, o.buyer.phone),
                o.buyer.email ? [' · ', o.buyer.email] : null,
              ]
            : bi('Đã xóa theo thời hạn lưu giữ', 'Deleted after the retention period'),
        ),
        h('dt', null, bi('Nhận hàng', 'Delivery')),
        h(
          'dd',
          null,
          d.method === 'ship'
            ? [
                bi('Giao tận nơi', 'Deliver'),
                d.address
                  ? [
                      ': ',
                      h('span', { lang: 'vi' }, d.address.line),
                      ', ',
                      ref.commune(d.address.communeCode),
                    ]
                  : null,
              ]
            : bi('Nhận tại chỗ', 'Pickup'),
        ),
        h('dt', null, bi('Thanh toán', 'Payment')),
        h(
          'dd',
          null,
          PAYMENT_METHOD[o.payment] ?? o.payment,
          ' · ',
          bi(`đã trả ${formatVnd(o.amountPaid)}`, `${formatVnd(o.amountPaid)} paid`),
          o.amountDue > 0
            ? bi(`, còn ${formatVnd(o.amountDue)}`, `, ${formatVnd(o.amountDue)} due`)
            : null,
        ),
        o.expiresAt
          ? [
              h('dt', null, bi('Hạn thanh toán', 'Pay by')),
              h('dd', null, formatDateTime(o.expiresAt)),
            ]
          : null,
        o.note ? [h('dt', null, bi('Ghi chú', 'Note')), h('dd', { lang: 'vi' }, o.note)] : null,
        o.cancelReason
          ? [
              h('dt', null, bi('Lý do hủy', 'Cancel reason')),
              h('dd', { lang: 'vi' }, o.cancelReason),
            ]
          : null,
      ),
      orderLinesTable(o.lines, ref, [
        orderFootRow(bi('Phí giao hàng', 'Delivery fee'), formatVnd(o.deliveryFee)),
        orderFootRow(bi('Tổng cộng', 'Total'), h('strong', null, formatVnd(o.total)), {
          class: 'total',
        }),
      ]),
      o.allowedActions.length > 0
        ? [h('h4', null, bi('Xử lý đơn', 'Handle the order')), actionsBox, cancelBox]
        : null,
      o.allowedActions.includes('fulfil')
        ? h(
            'p',
            { class: 'notice', 'data-kind': 'info' },
            bi(
              'Tiền đến sau khi đơn đã kết thúc. Bạn có thể vẫn giao hàng (nếu còn hàng), hoặc hoàn tiền cho khách ở mục “Tiền cần hoàn cho khách”.',
              'The money arrived after the order ended. Fulfil it anyway (if the stock allows), or give the money back under “Money to give back to buyers”.',
            ),
          )
        : null,
      o.payment === 'vietqr' &&
        o.paymentStatus !== 'paid' &&
        o.paymentStatus !== 'overpaid' &&
        o.allowedActions.includes('confirm')
        ? h(
            'p',
            { class: 'hint' },
            bi(
              'Đơn VietQR chỉ giao khi khách đã chuyển đủ tiền.',
              'A VietQR order is handed over only once it is paid in full.',
            ),
          )
        : null,
      o.payment === 'vietqr' && o.amountDue > 0 && o.status !== 'cancelled'
        ? [
            h('h4', null, bi('Xác nhận chuyển khoản thủ công', 'Confirm a transfer by hand')),
            h(
              'p',
              { class: 'hint' },
              bi(
                'Khi không có dịch vụ báo giao dịch (hoặc dịch vụ bỏ sót), nhập khoản tiền bạn thấy trong ứng dụng ngân hàng.',
                'Without a notification service (or when it missed one), enter the transfer you see in the bank app.',
              ),
            ),
            manualPaymentForm(o),
          ]
        : null,
      h('h4', null, bi('Lịch sử', 'History')),
      h(
        'ol',
        { class: 'history' },
        o.history.map((e) =>
          h(
            'li',
            null,
            formatDateTime(e.at),
            ' — ',
            HISTORY_LABEL[e.action] ?? bi(e.action),
            e.reason ? [': ', h('span', { lang: 'vi' }, e.reason)] : null,
          ),
        ),
      ),
    ),
  );
  heading.focus();
}

export async function showOrder(code: string): Promise<void> {
  try {
    const { order } = await api<{ order: OrderDetail }>(
      `/api/seller/orders/${encodeURIComponent(code)}`,
    );
    renderDetail(order);
  } catch (err) {
    flash(asApiError(err).bi(), 'error');
  }
}

export function setupOrders(
  reference: Reference,
  show: (text: Bi, kind?: 'success' | 'error' | 'info') => void,
): void {
  ref = reference;
  flash = show;
}

/**
 * New paid orders without a reload: while the page is visible, every 10 s, the newest matched
 * transfers (GET /api/seller/transfers?state=matched, newest first) are read until one already
 * seen (following the cursor for a burst); each order they made paid in full since the page opened
 * counts once. The count shows in the navigation ("Đã thanh toán mới (n)"); the orders list, when
 * shown, is refreshed; opening the orders tab clears the count. Hidden page: no polling.
 */
interface MatchedTransfer {
  id: string;
  provider: string;
  orderCode?: string;
  result?: { orderCode: string; paymentStatus: string };
}

export const PAID_POLL_MS = 10_000;
const seenTransfers = new Set<string>();
const newlyPaid = new Set<string>();
let watchTimer: ReturnType<typeof setTimeout> | undefined;
let baselineTaken = false;

function paidBadge(): HTMLElement | null {
  const tab = document.querySelector<HTMLAnchorElement>('.tabs a[href="#don-hang"]');
  if (!tab) return null;
  let badge = tab.querySelector<HTMLElement>('.nav-count');
  if (!badge) {
    badge = h('span', {
      class: 'badge nav-count order-payment is-paid',
      'aria-live': 'polite',
      hidden: true,
    });
    tab.append(' ', badge);
  }
  return badge;
}

function showPaidCount() {
  const badge = paidBadge();
  if (!badge) return;
  badge.hidden = newlyPaid.size === 0;
  setText(badge, bi(`Đã thanh toán mới (${newlyPaid.size})`, `Newly paid (${newlyPaid.size})`));
}

/** Clears the count (the seller is looking at the orders). */
export function clearPaidCount() {
  newlyPaid.clear();
  showPaidCount();
}

async function pollPaid(): Promise<void> {
  let cursor: string | undefined;
  const fresh: MatchedTransfer[] = [];
  for (let page = 0; page < 5; page++) {
    const res = await api<{ items: MatchedTransfer[]; nextCursor?: string }>(
      `/api/seller/transfers${queryString({ state: 'matched', limit: 20, cursor })}`,
    );
    const unseen = res.items.filter((t) => !seenTransfers.has(t.id));
    fresh.push(...unseen);
    // Newest first: once a known one (or the end) is reached, the rest is known too.
    if (!baselineTaken || unseen.length < res.items.length || !res.nextCursor) break;
    cursor = res.nextCursor;
  }
  for (const t of fresh) seenTransfers.add(t.id);
  if (!baselineTaken) {
    baselineTaken = true;
    return;
  }
  let added = 0;
  for (const t of fresh) {
    const status = t.result?.paymentStatus;
    const code = t.result?.orderCode ?? t.orderCode;
    if (code && (status === 'paid' || status === 'overpaid') && !newlyPaid.has(code)) {
      newlyPaid.add(code);
      added++;
    }
  }
  if (added === 0) return;
  if (location.hash === '#don-hang' && document.getElementById('orders-list')) void showList();
  showPaidCount();
}

function schedule(delay: number) {
  clearTimeout(watchTimer);
  watchTimer = setTimeout(async () => {
    watchTimer = undefined;
    try {
      await pollPaid();
    } catch {
      // Offline or signed out: the next tick tries again.
    }
    if (document.visibilityState === 'visible') schedule(PAID_POLL_MS);
  }, delay);
}

/** Starts the watch; it pauses while the page is hidden and resumes (at once) when shown. */
export function startPaidWatch(): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') schedule(0);
    else {
      clearTimeout(watchTimer);
      watchTimer = undefined;
    }
  });
  if (document.visibilityState === 'visible') schedule(0);
}
