import { api, asApiError } from '../lib/api';
import { $, h, replace } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { type Bi, bi } from '../lib/i18n';

/**
 * "Kết nối thanh toán": the seller's payOS / SePay / Casso connections (webhook URL to paste,
 * never the secret), a form to add one, and the unmatched transfers with their actions (match to
 * an order, not a sale, counter sale). docs/payments.md explains each provider step by step.
 */
interface Connection {
  id: string;
  provider: 'payos' | 'sepay' | 'casso';
  sepayAuth?: 'apikey' | 'hmac';
  webhookPath: string;
  secretLast4: string;
  createdAt: string;
  status: 'active' | 'disabled';
}
interface Transfer {
  id: string;
  provider: string;
  amount: number;
  content: string;
  reason?: string;
  receivedAt: string;
  bankTime?: string;
}

const PROVIDER: Record<string, string> = {
  payos: 'payOS',
  sepay: 'SePay',
  casso: 'Casso',
  manual: 'Nhập tay',
};
const WHERE: Record<string, Bi> = {
  payos: bi(
    'payOS: Kênh thanh toán → Checksum Key. Dán URL dưới đây vào ô Webhook URL của kênh.',
    'payOS: payment channel → Checksum Key. Paste the URL below into the channel’s Webhook URL.',
  ),
  sepay: bi(
    'SePay: Tích hợp WebHooks → Thêm webhooks, chọn chứng thực HMAC (khuyên dùng) hoặc API Key; “Bỏ qua nếu không có mã thanh toán”: Không.',
    'SePay: WebHooks → Add webhook, authentication HMAC (recommended) or API Key; “skip without a payment code”: No.',
  ),
  casso: bi(
    'Casso: Tích hợp → Webhook V2 → Thêm webhook; Khóa bảo mật là chuỗi bí mật bạn dán ở cả hai nơi.',
    'Casso: Integrations → Webhook V2 → Add; the secret key is a random text pasted in both places.',
  ),
};
const REASON: Record<string, Bi> = {
  noCode: bi('Không có mã đơn trong nội dung', 'No order code in the text'),
  ambiguousCode: bi('Nội dung có nhiều mã đơn', 'Several order codes in the text'),
  orderNotFound: bi('Không tìm thấy đơn', 'Order not found'),
  otherSeller: bi('Mã đơn không thuộc cửa hàng của bạn', 'The code is not one of your orders'),
  wrongAccount: bi(
    'Tiền vào tài khoản khác tài khoản của đơn',
    'Paid into another account than the order’s',
  ),
  notPayable: bi('Đơn thanh toán khi nhận hàng', 'A cash-on-delivery order'),
};

const host = () => $('#payments-host');
let flash: (text: Bi, kind?: 'success' | 'error' | 'info') => void = () => {};

function connectionItem(c: Connection) {
  const url = `${location.origin}${c.webhookPath}`;
  return h(
    'li',
    { class: 'card' },
    h('strong', null, PROVIDER[c.provider] ?? c.provider),
    c.provider === 'sepay' ? ` (${c.sepayAuth === 'hmac' ? 'HMAC' : 'API Key'})` : '',
    ' · ',
    c.status === 'active' ? bi('Đang dùng', 'Active') : bi('Đã tắt', 'Disabled'),
    h('p', null, bi('Webhook URL: ', 'Webhook URL: '), h('code', { class: 'secret' }, url)),
    h(
      'p',
      { class: 'hint' },
      bi(
        `Khóa bí mật kết thúc bằng …${c.secretLast4}; tạo ngày `,
        `Secret ending …${c.secretLast4}; created `,
      ),
      formatDateTime(c.createdAt),
    ),
    c.status === 'active'
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn',
            onclick: async () => {
              try {
                await api(`/api/seller/payment-connections/${c.id}`, { method: 'DELETE' });
                flash(bi('Đã tắt kết nối.', 'Connection disabled.'));
                await showPayments(flash);
              } catch (err) {
                flash(asApiError(err).bi(), 'error');
              }
            },
          },
          bi('Tắt kết nối', 'Disable'),
        )
      : null,
  );
}

function addForm() {
  const provider = h(
    'select',
    { id: 'pc-provider', name: 'provider' },
    h('option', { value: 'payos' }, 'payOS'),
    h('option', { value: 'sepay' }, 'SePay'),
    h('option', { value: 'casso' }, 'Casso'),
  ) as HTMLSelectElement;
  const auth = h(
    'select',
    { id: 'pc-auth', name: 'sepayAuth' },
    h('option', { value: 'hmac' }, 'HMAC'),
    h('option', { value: 'apikey' }, 'API Key'),
  ) as HTMLSelectElement;
  const secret = h('input', {
    id: 'pc-secret',
    name: 'secret',
    type: 'password',
    autocomplete: 'off',
    minlength: 16,
    maxlength: 256,
    required: true,
  }) as HTMLInputElement;
  const where = h('p', { class: 'hint', id: 'pc-where' }, WHERE.payos ?? '');
  const authWrap = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: 'pc-auth' }, bi('Kiểu chứng thực SePay', 'SePay authentication')),
    auth,
  );
  provider.addEventListener('change', () => {
    replace(where, WHERE[provider.value] ?? '');
    authWrap.hidden = provider.value !== 'sepay';
  });
  return h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await api('/api/seller/payment-connections', {
            method: 'POST',
            body: {
              provider: provider.value,
              secret: secret.value.trim(),
              ...(provider.value === 'sepay' ? { sepayAuth: auth.value } : {}),
            },
          });
          secret.value = '';
          flash(
            bi(
              'Đã thêm kết nối. Dán URL webhook vào trang của nhà cung cấp.',
              'Connection added. Paste its webhook URL into the provider’s dashboard.',
            ),
          );
          await showPayments(flash);
        } catch (err) {
          flash(asApiError(err).bi(), 'error');
        }
      },
    },
    h('h3', { style: 'margin-top:0' }, bi('Thêm kết nối', 'Add a connection')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'pc-provider' }, bi('Nhà cung cấp', 'Provider')),
      provider,
    ),
    where,
    authWrap,
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: 'pc-secret' },
        bi(
          'Khóa bí mật (chỉ lưu mã hóa, không hiện lại)',
          'Secret (stored encrypted, never shown again)',
        ),
      ),
      secret,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, bi('Thêm kết nối', 'Add connection')),
    ),
  );
}

function transferItem(t: Transfer) {
  const codeId = `tr-${t.id}`;
  const code = h('input', {
    id: codeId,
    name: 'orderCode',
    autocomplete: 'off',
    maxlength: 20,
    placeholder: 'CS…',
  }) as HTMLInputElement;
  const act = async (body: Record<string, string>, done: Bi) => {
    try {
      await api(`/api/seller/transfers/${t.id}/actions`, { method: 'POST', body });
      flash(done);
      await showPayments(flash);
    } catch (err) {
      flash(asApiError(err).bi(), 'error');
    }
  };
  return h(
    'li',
    { class: 'card' },
    h('strong', null, formatVnd(t.amount)),
    ` · ${PROVIDER[t.provider] ?? t.provider} · `,
    formatDateTime(t.bankTime ?? t.receivedAt),
    h('p', null, h('span', { lang: 'vi' }, t.content || '—')),
    t.reason ? h('p', { class: 'hint' }, REASON[t.reason] ?? t.reason) : null,
    h(
      'div',
      { class: 'field' },
      h('label', { for: codeId }, bi('Mã đơn để ghi nhận', 'Order code to pay')),
      code,
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn primary',
          onclick: () =>
            act(
              { action: 'match', orderCode: code.value.trim() },
              bi('Đã ghi nhận vào đơn.', 'Matched to the order.'),
            ),
        },
        bi('Ghi nhận cho đơn', 'Match to order'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () =>
            act(
              { action: 'counterSale', kind: 'goods' },
              bi('Đã ghi là bán tại quầy.', 'Recorded as a counter sale.'),
            ),
        },
        bi('Bán tại quầy', 'Counter sale'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () =>
            act(
              { action: 'notSale' },
              bi('Đã ghi là không phải bán hàng.', 'Marked as not a sale.'),
            ),
        },
        bi('Không phải bán hàng', 'Not a sale'),
      ),
    ),
  );
}

/** Loads and shows the section (called when its tab opens, and after each change). */
export async function showPayments(show: typeof flash): Promise<void> {
  flash = show;
  const el = host();
  el.setAttribute('aria-busy', 'true');
  try {
    const [connections, transfers] = await Promise.all([
      api<{ items: Connection[] }>('/api/seller/payment-connections'),
      api<{ items: Transfer[] }>('/api/seller/transfers?state=unmatched'),
    ]);
    replace(
      el,
      h(
        'p',
        null,
        bi(
          'Khi người mua chuyển khoản, dịch vụ theo dõi tài khoản (payOS, SePay hoặc Casso) báo cho Chợ Số và đơn tự chuyển sang “Đã thanh toán”. Không có dịch vụ? Ghi nhận tiền bằng tay ở trang đơn hàng.',
          'When a buyer transfers money, the service watching your account (payOS, SePay or Casso) tells Chợ Số and the order turns paid by itself. No such service? Confirm the money by hand on the order.',
        ),
      ),
      h('h3', null, bi('Kết nối của bạn', 'Your connections')),
      connections.items.length
        ? h('ul', { class: 'list' }, connections.items.map(connectionItem))
        : h('p', null, bi('Chưa có kết nối nào.', 'No connection yet.')),
      addForm(),
      h(
        'h3',
        null,
        bi(
          `Chuyển khoản chưa khớp đơn (${transfers.items.length})`,
          `Unmatched transfers (${transfers.items.length})`,
        ),
      ),
      transfers.items.length
        ? h('ul', { class: 'list' }, transfers.items.map(transferItem))
        : h('p', null, bi('Không có chuyển khoản nào cần xử lý.', 'Nothing to sort out.')),
    );
  } catch (err) {
    show(asApiError(err).bi(), 'error');
  } finally {
    el.removeAttribute('aria-busy');
  }
}
