import { ApiError, api, asApiError, queryString } from '../lib/api';
import { confirmDialog } from '../lib/dialog';
import { announce, h } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { type Bi, bi } from '../lib/i18n';

/**
 * Officers' view of the unmatched transfers of every seller (GET /api/seller/transfers?state=
 * unmatched, which answers an officer with all sellers' queue and each seller's name), with the
 * actions the manifest allows officers on a transfer (POST /api/seller/transfers/{id}/actions):
 * match to an order of that seller, counter sale, not a sale. Each after a confirmation; the
 * action is recorded with the officer's account (docs/payments.md §4).
 */
interface Transfer {
  id: string;
  provider: string;
  sellerId: string;
  sellerName?: string;
  amount: number;
  content: string;
  reason?: string;
  orderCode?: string;
  receivedAt: string;
  bankTime?: string;
}

const PROVIDER: Record<string, string> = {
  payos: 'payOS',
  sepay: 'SePay',
  casso: 'Casso',
  manual: 'Nhập tay',
};
const REASON: Record<string, Bi> = {
  noCode: bi('Không có mã đơn trong nội dung', 'No order code in the text'),
  ambiguousCode: bi('Nội dung có nhiều mã đơn', 'Several order codes in the text'),
  orderNotFound: bi('Không tìm thấy đơn', 'Order not found'),
  otherSeller: bi('Mã đơn thuộc người bán khác', 'The code is another seller’s order'),
  wrongAccount: bi('Tiền vào tài khoản khác tài khoản của đơn', 'Paid into another account'),
  notPayable: bi('Đơn thanh toán khi nhận hàng', 'A cash-on-delivery order'),
};

type Action =
  | { action: 'match'; orderCode: string }
  | { action: 'notSale' }
  | { action: 'counterSale'; kind: 'goods' | 'service' };

const DONE: Record<Action['action'], Bi> = {
  match: bi('Đã ghi nhận chuyển khoản vào đơn.', 'Transfer matched to the order.'),
  notSale: bi('Đã ghi là không phải bán hàng.', 'Marked as not a sale.'),
  counterSale: bi('Đã ghi là bán tại quầy.', 'Recorded as a counter sale.'),
};

export function transfersSection(): { element: HTMLElement; load: () => Promise<void> } {
  const message = h('div', { class: 'notice', role: 'status' });
  const list = h('ul', { class: 'list', id: 'officer-transfers', 'aria-busy': 'true' });
  const more = h(
    'button',
    { type: 'button', class: 'btn', hidden: true },
    bi('Xem thêm', 'Load more'),
  );
  let cursor: string | undefined;

  const act = async (t: Transfer, body: Action, question: Bi) => {
    const ok = await confirmDialog({
      title: bi('Xử lý chuyển khoản?', 'Resolve this transfer?'),
      body: question,
      confirm: bi('Xác nhận', 'Confirm'),
    });
    if (ok === null) return;
    try {
      await api(`/api/seller/transfers/${encodeURIComponent(t.id)}/actions`, {
        method: 'POST',
        body,
      });
      announce(message, DONE[body.action], 'success');
      await load(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) location.reload();
      announce(message, asApiError(err).bi(), 'error');
    }
  };

  const item = (t: Transfer) => {
    const codeId = `otr-${t.id}`;
    const code = h('input', {
      id: codeId,
      name: 'orderCode',
      autocomplete: 'off',
      maxlength: 20,
      placeholder: 'CS…',
    }) as HTMLInputElement;
    const who = t.sellerName ?? t.sellerId;
    const money = formatVnd(t.amount);
    return h(
      'li',
      { class: 'item', 'data-transfer-id': t.id },
      h(
        'div',
        { class: 'item-head' },
        h('h3', { lang: 'vi', class: 'seller-name' }, who),
        h('strong', null, money),
      ),
      h(
        'p',
        { class: 'meta' },
        `${PROVIDER[t.provider] ?? t.provider} · `,
        formatDateTime(t.bankTime ?? t.receivedAt),
      ),
      h('p', null, h('span', { lang: 'vi' }, t.content || '—')),
      t.reason ? h('p', { class: 'hint' }, REASON[t.reason] ?? bi(t.reason)) : null,
      h(
        'div',
        { class: 'field' },
        h('label', { for: codeId }, bi('Mã đơn của người bán này', 'An order code of this seller')),
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
            onclick: () => {
              const orderCode = code.value.trim();
              if (!orderCode) {
                announce(message, bi('Nhập mã đơn trước.', 'Enter an order code first.'), 'error');
                code.focus();
                return;
              }
              void act(
                t,
                { action: 'match', orderCode },
                bi(
                  `Ghi nhận ${money} vào đơn ${orderCode} của ${who}?`,
                  `Record ${money} on order ${orderCode} of ${who}?`,
                ),
              );
            },
          },
          bi('Ghi nhận cho đơn', 'Match to order'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            onclick: () =>
              void act(
                t,
                { action: 'counterSale', kind: 'goods' },
                bi(
                  `Ghi ${money} là bán tại quầy của ${who} (vào sổ bán hàng)?`,
                  `Record ${money} as a counter sale of ${who} (into the ledger)?`,
                ),
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
              void act(
                t,
                { action: 'notSale' },
                bi(
                  `Ghi ${money} là chuyển khoản cá nhân, không phải bán hàng?`,
                  `Mark ${money} as a personal transfer, not a sale?`,
                ),
              ),
          },
          bi('Không phải bán hàng', 'Not a sale'),
        ),
      ),
    );
  };

  async function load(appendPage: boolean) {
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api<{ items: Transfer[]; nextCursor?: string }>(
        `/api/seller/transfers${queryString({ state: 'unmatched', cursor: appendPage ? cursor : undefined })}`,
      );
      if (!appendPage) list.replaceChildren();
      list.append(...page.items.map(item));
      if (list.childElementCount === 0)
        list.append(
          h(
            'li',
            { class: 'empty' },
            bi('Không có chuyển khoản nào chưa khớp.', 'No unmatched transfers.'),
          ),
        );
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (err) {
      announce(message, asApiError(err).bi(), 'error');
    } finally {
      list.removeAttribute('aria-busy');
    }
  }
  more.addEventListener('click', () => void load(true));

  const element = h(
    'section',
    { id: 'chuyen-khoan', 'aria-labelledby': 'h-transfers', class: 'officer-transfers' },
    h(
      'h2',
      { id: 'h-transfers', tabindex: '-1' },
      bi('Chuyển khoản chưa khớp đơn (mọi người bán)', 'Unmatched transfers (all sellers)'),
    ),
    h(
      'p',
      { class: 'hint' },
      bi(
        'Tiền vào tài khoản của người bán mà hệ thống không tự gắn được vào đơn. Khớp với đơn của chính người bán đó, ghi là bán tại quầy, hoặc là chuyển khoản cá nhân. Mỗi thao tác được ghi lại kèm tài khoản của bạn.',
        'Money received by a seller that could not be tied to an order by itself. Match it to an order of that same seller, record it as a counter sale, or as a personal transfer. Each action is recorded with your account.',
      ),
    ),
    message,
    list,
    h('div', { class: 'load-more' }, more),
  );
  return { element, load: () => load(false) };
}

/** Mounts the section at the end of the officer page and loads it. */
export async function showTransfers(parent: HTMLElement): Promise<void> {
  const section = transfersSection();
  parent.append(section.element);
  await section.load();
}
