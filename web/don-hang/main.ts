import { ApiError, api, asApiError } from '../lib/api';
import { $, announce, type Child, h, replace, setText } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { type Bi, bi, tr } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import {
  copyText,
  ENDED_STATUSES,
  FULFILMENT,
  type OrderLineView,
  orderBadge,
  orderFootRow,
  orderLinesTable,
  PAYMENT_METHOD,
  PAYMENT_STATUS,
  qrPng,
  saveBlob,
  svgDataUrl,
  type VietQrView,
} from '../lib/order-view';
import { loadReference, type Reference } from '../lib/reference';

/**
 * The buyer's order page (/don-hang/?code=…&t=…): for a VietQR order the QR of the amount still
 * due, large enough to scan from another phone, with bank, account, holder, amount and content as
 * text to copy, and "Lưu ảnh QR" for scanning from an image on the same phone. The page follows
 * the order by itself: conditional requests (ETag → 304 when nothing changed), slowing down while
 * nothing changes, paused while the tab is hidden, stopped once the order has ended.
 */
setupPage({ section: 'none' });
const root = $('#order');
const live = $('#live');

export interface BuyerOrderView {
  code: string;
  status: string;
  paymentStatus: string;
  payment: 'vietqr' | 'cod';
  lines: OrderLineView[];
  subtotal: number;
  deliveryFee: number;
  total: number;
  amountPaid: number;
  amountDue: number;
  expiresAt?: string;
  createdAt: string;
  seller: { name: string; communeCode?: string; commune?: { code: string; name: string } };
  buyer?: { name: string; phone: string; email?: string };
  delivery:
    | { method: 'pickup'; pickupAddress?: string }
    | { method: 'ship'; address?: { communeCode: string; line: string } };
  note?: string;
  cancelReason?: string;
  vietqr?: VietQrView;
}

const params = new URLSearchParams(location.search);
const code = (params.get('code') ?? '').trim().toUpperCase();
const token = params.get('t') ?? '';
let ref: Reference | undefined;
let shown: BuyerOrderView | undefined;

function fact(label: Bi, ...value: Child[]) {
  return [h('dt', null, label), h('dd', null, ...value)];
}

function copyRow(label: Bi, text: string, display: string | Node = text, copyLabel?: Bi) {
  return h(
    'div',
    { class: 'copy-row' },
    h('dt', null, label),
    h(
      'dd',
      null,
      h('span', { class: 'copy-value' }, display),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          onclick: async () => {
            const ok = await copyText(text);
            announce(
              live,
              ok
                ? bi(`Đã sao chép: ${text}`, `Copied: ${text}`)
                : bi(
                    'Không sao chép được; hãy chọn và sao chép tay.',
                    'Could not copy; select it by hand.',
                  ),
              ok ? 'success' : 'error',
            );
          },
        },
        bi('Sao chép', 'Copy'),
        h('span', { class: 'sr-only' }, ' ', copyLabel ?? label),
      ),
    ),
  );
}

function payPanel(o: BuyerOrderView, qr: VietQrView) {
  const save = h(
    'button',
    {
      type: 'button',
      class: 'btn primary',
      onclick: async () => {
        try {
          const png = await qrPng(qr.svg, [
            `${qr.bank.name} · ${qr.bank.accountNumber}`,
            `${formatVnd(qr.amount)} · ${qr.transferContent}`,
          ]);
          saveBlob(png, `VietQR-${o.code}.png`);
          announce(
            live,
            bi(
              'Đã lưu ảnh QR. Mở ứng dụng ngân hàng, chọn quét mã từ ảnh.',
              'QR image saved. In your banking app, scan it from the image.',
            ),
            'success',
          );
        } catch {
          announce(live, bi('Không lưu được ảnh.', 'Could not save the image.'), 'error');
        }
      },
    },
    bi('Lưu ảnh QR', 'Save QR image'),
  );
  return h(
    'section',
    { class: 'pay panel', 'aria-labelledby': 'h-pay' },
    h('h2', { id: 'h-pay' }, bi('Thanh toán bằng VietQR', 'Pay by VietQR')),
    h(
      'p',
      { class: 'pay-amount' },
      bi('Cần chuyển ', 'Amount to pay '),
      h('strong', null, formatVnd(qr.amount)),
    ),
    o.expiresAt
      ? h(
          'p',
          { class: 'hint' },
          bi(
            `Hãy chuyển trước ${formatDateTime(o.expiresAt)}; sau đó đơn tự hủy và hàng được trả lại kho.`,
            `Pay before ${formatDateTime(o.expiresAt)}; after that the order is cancelled.`,
          ),
        )
      : null,
    h(
      'div',
      { class: 'pay-grid' },
      h(
        'figure',
        { class: 'qr' },
        h('img', {
          id: 'vietqr',
          src: svgDataUrl(qr.svg),
          width: 320,
          height: 320,
          alt: bi(
            `Mã VietQR: chuyển ${formatVnd(qr.amount)} cho ${qr.bank.holderName}, nội dung ${qr.transferContent}`,
            `VietQR code: pay ${formatVnd(qr.amount)} to ${qr.bank.holderName}, content ${qr.transferContent}`,
          ),
        }),
        h(
          'figcaption',
          null,
          bi(
            'Quét bằng ứng dụng ngân hàng bất kỳ. Trên cùng điện thoại: lưu ảnh rồi quét từ ảnh.',
            'Scan with any banking app. On this phone: save the image, then scan it from the image.',
          ),
        ),
        h('div', { class: 'actions' }, save),
      ),
      h(
        'dl',
        { class: 'copy-list' },
        h(
          'div',
          { class: 'copy-row' },
          h('dt', null, bi('Ngân hàng', 'Bank')),
          h('dd', null, h('span', { class: 'copy-value' }, qr.bank.name)),
        ),
        copyRow(bi('Số tài khoản', 'Account number'), qr.bank.accountNumber),
        h(
          'div',
          { class: 'copy-row' },
          h('dt', null, bi('Chủ tài khoản', 'Account holder')),
          h('dd', null, h('span', { class: 'copy-value', lang: 'vi' }, qr.bank.holderName)),
        ),
        copyRow(bi('Số tiền', 'Amount'), String(qr.amount), formatVnd(qr.amount)),
        copyRow(
          bi('Nội dung chuyển khoản', 'Transfer content'),
          qr.transferContent,
          h('strong', { class: 'transfer-content' }, qr.transferContent),
        ),
      ),
    ),
    h(
      'p',
      { class: 'hint' },
      bi(
        `Giữ đúng nội dung ${qr.transferContent} để đơn được ghi nhận tự động.`,
        `Keep the content ${qr.transferContent} exactly, so the payment is matched to the order.`,
      ),
    ),
  );
}

function statusPanel(o: BuyerOrderView): HTMLElement | null {
  const texts: Record<string, Bi> = {
    cancelled: bi(
      `Đơn đã bị hủy${o.cancelReason ? `: ${o.cancelReason}` : '.'}`,
      `The order was cancelled${o.cancelReason ? `: ${o.cancelReason}` : '.'}`,
    ),
    expired: bi(
      'Đơn đã hết hạn thanh toán và đã hủy. Nếu bạn đã chuyển tiền, hãy liên hệ người bán.',
      'The payment time ran out and the order was cancelled. If you did pay, contact the seller.',
    ),
  };
  if (texts[o.status])
    return h('p', { class: 'notice', 'data-kind': 'error' }, texts[o.status] as Bi);
  if (o.payment === 'cod' && o.amountDue > 0)
    return h(
      'p',
      { class: 'notice', 'data-kind': 'info' },
      bi(
        `Trả ${formatVnd(o.amountDue)} tiền mặt khi nhận hàng.`,
        `Pay ${formatVnd(o.amountDue)} in cash when you receive the order.`,
      ),
    );
  if (o.amountDue === 0 && o.amountPaid > 0)
    return h(
      'p',
      { class: 'notice', 'data-kind': 'success' },
      bi(
        'Người bán đã nhận đủ tiền. Cảm ơn bạn!',
        'The seller has received the full amount. Thank you!',
      ),
    );
  return null;
}

/** The local host only (npm start): a button that simulates the bank transfer (docs/payments.md). */
const LOCAL_HOST = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);

function simulatePanel(o: BuyerOrderView) {
  const status = h('p', { role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      onclick: async () => {
        button.setAttribute('disabled', '');
        try {
          await api('/api/dev/simulate-transfer', { method: 'POST', body: { orderCode: o.code } });
          setText(status, bi('Đã gửi thông báo chuyển khoản giả lập.', 'Simulated transfer sent.'));
          delay = FIRST_DELAY;
          void poll();
        } catch (err) {
          setText(status, asApiError(err).bi());
        } finally {
          button.removeAttribute('disabled');
        }
      },
    },
    bi('Giả lập chuyển khoản', 'Simulate the transfer'),
  );
  return h(
    'section',
    { class: 'panel', 'aria-label': bi('Thử nghiệm trên máy', 'Local testing') },
    h(
      'p',
      null,
      bi(
        'Chỉ trên máy chạy thử: gửi một thông báo chuyển khoản như ngân hàng sẽ gửi, cho số tiền còn thiếu.',
        'Local host only: sends a transfer notification as the bank would, for the amount due.',
      ),
    ),
    button,
    status,
  );
}

function render(o: BuyerOrderView) {
  shown = o;
  setText($('#title'), bi(`Đơn ${o.code}`, `Order ${o.code}`));
  document.title = `${tr(bi(`Đơn ${o.code}`, `Order ${o.code}`))} · Chợ Số`;
  const payable =
    o.payment === 'vietqr' && o.vietqr && o.amountDue > 0 && !ENDED_STATUSES.has(o.status);
  const commune = o.seller.communeCode ?? o.seller.commune?.code;
  replace(
    root,
    h(
      'p',
      { class: 'badges' },
      orderBadge('status', o.status),
      ' ',
      orderBadge('payment', o.paymentStatus),
    ),
    statusPanel(o),
    payable && o.vietqr ? payPanel(o, o.vietqr) : null,
    payable && LOCAL_HOST ? simulatePanel(o) : null,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'h-details' },
      h('h2', { id: 'h-details' }, bi('Chi tiết đơn', 'Order details')),
      h(
        'dl',
        { class: 'facts' },
        fact(
          bi('Người bán', 'Seller'),
          h('span', { lang: 'vi' }, o.seller.name),
          commune ? [', ', ref ? ref.commune(commune) : (o.seller.commune?.name ?? commune)] : null,
        ),
        fact(bi('Ngày đặt', 'Placed'), formatDateTime(o.createdAt)),
        fact(bi('Thanh toán', 'Payment'), PAYMENT_METHOD[o.payment] ?? o.payment),
        fact(
          bi('Nhận hàng', 'Delivery'),
          o.delivery.method === 'ship'
            ? bi('Giao tận nơi', 'Delivered')
            : bi('Nhận tại chỗ người bán', "Pick up at the seller's"),
          o.delivery.method === 'pickup' && o.delivery.pickupAddress
            ? [': ', h('span', { lang: 'vi' }, o.delivery.pickupAddress)]
            : null,
          o.delivery.method === 'ship' && o.delivery.address
            ? [
                ': ',
                h('span', { lang: 'vi' }, o.delivery.address.line),
                ', ',
                ref ? ref.commune(o.delivery.address.communeCode) : o.delivery.address.communeCode,
              ]
            : null,
        ),
        o.buyer
          ? fact(
              bi('Người nhận', 'Recipient'),
              h('span', { lang: 'vi' }, o.buyer.name),
              ` · ${o.buyer.phone}`,
              o.buyer.email ? ` · ${o.buyer.email}` : null,
            )
          : null,
        o.note ? fact(bi('Ghi chú', 'Note'), h('span', { lang: 'vi' }, o.note)) : null,
      ),
      orderLinesTable(o.lines, ref, [
        orderFootRow(bi('Tạm tính', 'Subtotal'), formatVnd(o.subtotal)),
        orderFootRow(
          bi('Phí giao hàng', 'Delivery fee'),
          o.deliveryFee === 0 ? bi('Miễn phí', 'Free') : formatVnd(o.deliveryFee),
        ),
        orderFootRow(bi('Tổng cộng', 'Total'), h('strong', null, formatVnd(o.total)), {
          class: 'total',
        }),
        o.amountPaid > 0 ? orderFootRow(bi('Đã trả', 'Paid'), formatVnd(o.amountPaid)) : null,
      ]),
    ),
    h(
      'p',
      { class: 'hint' },
      bi(
        'Trang này tự cập nhật khi người bán nhận tiền hoặc xử lý đơn. Ai có đường dẫn này đều xem được đơn: đừng chia sẻ công khai.',
        'This page updates by itself when the seller receives the money or handles the order. Anyone with this link can see the order: do not share it publicly.',
      ),
    ),
  );
  root.removeAttribute('aria-busy');
}

// ---- following the order ---------------------------------------------------------------------

const FIRST_DELAY = 4_000;
const MAX_DELAY = 60_000;
let etag: string | undefined;
let delay = FIRST_DELAY;
let timer: ReturnType<typeof setTimeout> | undefined;

/** One conditional read: the order when it changed, undefined on 304. */
async function fetchOrder(): Promise<BuyerOrderView | undefined> {
  const res = await fetch(
    `/api/orders/${encodeURIComponent(code)}?t=${encodeURIComponent(token)}`,
    {
      cache: 'no-store',
      credentials: 'omit',
      headers: etag ? { 'if-none-match': etag } : {},
    },
  );
  if (res.status === 304) return undefined;
  const data = (await res.json().catch(() => undefined)) as
    | { order?: BuyerOrderView; error?: { code: string; message: string } }
    | undefined;
  if (!res.ok || !data?.order) {
    throw new ApiError(
      data?.error?.code ?? 'internal',
      res.status,
      data?.error?.message ?? res.statusText,
    );
  }
  etag = res.headers.get('etag') ?? undefined;
  return data.order;
}

function announceChange(before: BuyerOrderView, after: BuyerOrderView) {
  if (before.paymentStatus !== after.paymentStatus)
    announce(
      live,
      bi(
        `Thanh toán: ${PAYMENT_STATUS[after.paymentStatus]?.vi ?? after.paymentStatus}`,
        `Payment: ${PAYMENT_STATUS[after.paymentStatus]?.en ?? after.paymentStatus}`,
      ),
      'success',
    );
  else if (before.status !== after.status)
    announce(
      live,
      bi(
        `Trạng thái đơn: ${FULFILMENT[after.status]?.vi ?? after.status}`,
        `Order status: ${FULFILMENT[after.status]?.en ?? after.status}`,
      ),
      'info',
    );
}

function schedule() {
  clearTimeout(timer);
  if (document.hidden || (shown && ENDED_STATUSES.has(shown.status))) return;
  timer = setTimeout(poll, delay);
}

async function poll() {
  try {
    const next = await fetchOrder();
    if (next) {
      const before = shown;
      render(next);
      if (before) announceChange(before, next);
      delay = FIRST_DELAY;
    } else {
      delay = Math.min(MAX_DELAY, Math.round(delay * 1.5));
    }
  } catch {
    // offline for a moment: try again later, slower
    delay = Math.min(MAX_DELAY, delay * 2);
  }
  schedule();
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && shown && !ENDED_STATUSES.has(shown.status)) {
    delay = FIRST_DELAY;
    void poll();
  } else clearTimeout(timer);
});

function notFound() {
  setText($('#title'), bi('Không tìm thấy đơn', 'Order not found'));
  replace(
    root,
    h(
      'p',
      null,
      bi(
        'Đường dẫn không đúng hoặc không còn hiệu lực. Hãy mở lại đường dẫn đầy đủ của đơn (có cả phần “t=”).',
        'The link is wrong or no longer valid. Open the order’s full link again (including “t=”).',
      ),
    ),
    h(
      'p',
      null,
      h(
        'a',
        { href: '/gio-hang/' },
        bi('Các đơn đã đặt trên máy này', 'Orders placed on this device'),
      ),
    ),
  );
  root.removeAttribute('aria-busy');
}

async function start() {
  if (!/^[A-Z0-9]{4,16}$/.test(code) || token.length < 8) {
    notFound();
    return;
  }
  ref = await loadReference().catch(() => undefined);
  try {
    const order = await fetchOrder();
    if (order) render(order);
    schedule();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    else {
      announce(
        live,
        bi('Không tải được đơn. Đang thử lại…', 'Could not load the order. Retrying…'),
        'error',
      );
      delay = FIRST_DELAY;
      timer = setTimeout(() => {
        announce(live, null);
        void start();
      }, delay);
    }
  }
}

void start();
