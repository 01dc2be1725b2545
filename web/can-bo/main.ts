import { ApiError, api, asApiError, queryString } from '../lib/api';
import { confirmDialog } from '../lib/dialog';
import { $, announce, append, h, setText } from '../lib/dom';
import { formatDate, SELLER_STATUS, SELLER_TYPE, statusBadge } from '../lib/format';
import { type Bi, bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { loadReference, type Reference } from '../lib/reference';
import { requireRole, type SellerStatus, type SellerView } from '../lib/session';
import { oneTimePasswordButton } from './one-time-password';
import { showTransfers } from './transfers-section';

/**
 * The approval queue and the other statuses: approve or reject (with a reason the seller sees) a
 * pending application, suspend (with a reason), reinstate, each after a confirmation; and the
 * bank-account changes sellers asked for (approve, or reject with a reason).
 */
setupPage({ section: 'officer' });

type Action = 'approve' | 'reject' | 'suspend' | 'reinstate';
const list = $<HTMLUListElement>('#sellers');
const more = $<HTMLButtonElement>('#more');
const message = $('#message');
type View = SellerStatus | 'bank';
const VIEWS: View[] = ['pending', 'approved', 'suspended', 'rejected', 'bank'];
const param = new URLSearchParams(location.search).get('status') as View | null;
const status: View = param && VIEWS.includes(param) ? param : 'pending';
let cursor: string | undefined;
let ref: Reference;

const TITLES: Record<View, Bi> = {
  bank: bi('Yêu cầu đổi tài khoản ngân hàng', 'Bank-account change requests'),
  pending: bi('Hồ sơ chờ duyệt', 'Profiles waiting for approval'),
  approved: bi('Người bán đã duyệt', 'Approved sellers'),
  suspended: bi('Người bán bị tạm ngưng', 'Suspended sellers'),
  rejected: bi('Hồ sơ bị từ chối', 'Rejected applications'),
};
const EMPTY: Record<View, Bi> = {
  bank: bi('Không có yêu cầu đổi tài khoản nào.', 'No bank-account changes are waiting.'),
  pending: bi('Không có hồ sơ nào chờ duyệt.', 'No profiles are waiting.'),
  approved: bi('Chưa có người bán nào được duyệt.', 'No approved sellers yet.'),
  suspended: bi('Không có người bán nào bị tạm ngưng.', 'No suspended sellers.'),
  rejected: bi(
    'Không có hồ sơ nào bị từ chối (hồ sơ đã sửa lại quay về “Chờ duyệt”).',
    'No rejected applications (corrected ones go back to “Pending”).',
  ),
};

function actionsFor(s: SellerView): Array<[Action, Bi, boolean]> {
  if (s.status === 'pending')
    return [
      ['approve', bi('Duyệt', 'Approve'), false],
      ['reject', bi('Từ chối', 'Reject'), true],
      ['suspend', bi('Tạm ngưng', 'Suspend'), true],
    ];
  if (s.status === 'approved') return [['suspend', bi('Tạm ngưng', 'Suspend'), true]];
  if (s.status === 'suspended') return [['reinstate', bi('Khôi phục', 'Reinstate'), false]];
  return [];
}

function row(label: Bi, ...value: Array<string | Bi | Node | null>) {
  return [h('dt', null, label), h('dd', null, ...value)];
}

type PendingBank = { bin: string; accountNumber: string; holderName: string; requestedAt: string };
type WithPending = SellerView & { pendingBank?: PendingBank };

const bankText = (b: { bin: string; accountNumber: string; holderName: string }) =>
  `${ref.data.banks.find((x) => x.bin === b.bin)?.shortName ?? b.bin} · ${b.accountNumber} · ${b.holderName}`;

/** A requested bank-account change: the account paid today, the one asked for, and the decision. */
function bankItem(s: WithPending): HTMLLIElement {
  const p = s.pendingBank;
  const holderDiffers = p && p.holderName !== s.bank.holderName;
  return h(
    'li',
    { class: 'item', 'data-seller-id': s.id },
    h(
      'div',
      { class: 'item-head' },
      h('h3', { lang: 'vi' }, s.legalName),
      statusBadge(s.status, SELLER_STATUS),
    ),
    h(
      'dl',
      null,
      row(bi('Mã số thuế', 'Tax code'), s.taxCode),
      row(bi('Tài khoản đang nhận tiền', 'Account paid now'), bankText(s.bank)),
      p
        ? row(bi('Tài khoản xin đổi sang', 'Requested account'), h('strong', null, bankText(p)))
        : null,
      p ? row(bi('Gửi lúc', 'Requested'), formatDate(p.requestedAt)) : null,
      holderDiffers
        ? row(
            bi('Lưu ý', 'Note'),
            h(
              'span',
              { class: 'badge status-suspended' },
              bi('Chủ tài khoản khác tên cũ', 'Holder differs from the current one'),
            ),
          )
        : null,
    ),
    p
      ? h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'btn small primary',
              onclick: () => void decide(s, 'approve'),
            },
            bi('Duyệt tài khoản mới', 'Approve new account'),
            h('span', { class: 'sr-only', lang: 'vi' }, ` ${s.legalName}`),
          ),
          h(
            'button',
            { type: 'button', class: 'btn small danger', onclick: () => void decide(s, 'reject') },
            bi('Từ chối', 'Reject'),
            h('span', { class: 'sr-only', lang: 'vi' }, ` ${s.legalName}`),
          ),
        )
      : null,
  );
}

async function decide(s: WithPending, decision: 'approve' | 'reject') {
  const p = s.pendingBank;
  if (!p) return;
  const typed = await confirmDialog({
    title:
      decision === 'approve'
        ? bi(
            `Duyệt tài khoản mới của “${s.legalName}”?`,
            `Approve the new account of “${s.legalName}”?`,
          )
        : bi(`Từ chối yêu cầu của “${s.legalName}”?`, `Reject the request of “${s.legalName}”?`),
    body:
      decision === 'approve'
        ? bi(
            `Từ nay mã VietQR của đơn hàng sẽ chuyển tiền vào ${bankText(p)}. Hãy xác minh chủ tài khoản với người bán trước.`,
            `From now on order VietQR codes pay into ${bankText(p)}. Verify the holder with the seller first.`,
          )
        : bi(
            'Tài khoản đang nhận tiền giữ nguyên. Người bán thấy lý do bạn ghi.',
            'The account paid now stays. The seller sees the reason you give.',
          ),
    confirm: decision === 'approve' ? bi('Duyệt', 'Approve') : bi('Từ chối', 'Reject'),
    danger: decision === 'reject',
    ...(decision === 'reject'
      ? { reason: { label: bi('Lý do từ chối', 'Reason for rejecting') } }
      : {}),
  });
  if (typed === null) return;
  try {
    await api(`/api/officer/sellers/${encodeURIComponent(s.id)}/bank-change`, {
      method: 'POST',
      body: {
        decision,
        requestedAt: p.requestedAt,
        ...(decision === 'reject' ? { reason: typed } : {}),
      },
    });
    announce(
      message,
      decision === 'approve'
        ? bi(
            `Đã duyệt tài khoản mới của “${s.legalName}”.`,
            `Approved the new account of “${s.legalName}”.`,
          )
        : bi(
            `Đã từ chối yêu cầu của “${s.legalName}”.`,
            `Rejected the request of “${s.legalName}”.`,
          ),
      'success',
    );
    list.querySelector(`[data-seller-id="${CSS.escape(s.id)}"] .actions`)?.replaceChildren();
    message.setAttribute('tabindex', '-1');
    message.focus();
  } catch (err) {
    const e = asApiError(err);
    announce(message, e.bi(), 'error');
    if (e.code === 'seller.bankChangeNotFound') await load(false);
  }
}

/** `0912 345 678` for reading; the link dials the plain number. */
const phoneText = (phone: string) => phone.replace(/^(\d{4})(\d{3})(\d{3})$/, '$1 $2 $3');

const REASON_LABEL: Partial<Record<SellerStatus, Bi>> = {
  suspended: bi('Lý do tạm ngưng', 'Reason for the suspension'),
  rejected: bi('Lý do từ chối', 'Reason for rejecting'),
};

/** The reason the seller was told: of the current status, or of a rejection now corrected. */
function reasonRow(s: SellerView) {
  if (!s.statusReason) return null;
  const label =
    REASON_LABEL[s.status] ??
    (s.status === 'pending' && s.lastStatusAction === 'reject'
      ? bi('Lần trước bị từ chối vì', 'Rejected before because')
      : undefined);
  return label ? row(label, h('span', { lang: 'vi' }, s.statusReason)) : null;
}

function item(s: SellerView): HTMLLIElement {
  const bank = ref.data.banks.find((b) => b.bin === s.bank.bin);
  return h(
    'li',
    { class: 'item', 'data-seller-id': s.id },
    h(
      'div',
      { class: 'item-head' },
      h('h3', { lang: 'vi' }, s.legalName),
      statusBadge(s.status, SELLER_STATUS),
    ),
    h(
      'dl',
      null,
      row(
        bi('Tên đăng ký kinh doanh', 'Registered business name'),
        h('span', { lang: 'vi' }, s.legalName),
      ),
      row(bi('Loại hình', 'Type'), SELLER_TYPE[s.type] ?? s.type),
      row(bi('Mã số thuế', 'Tax code'), s.taxCode),
      row(bi('Địa chỉ (xã/phường)', 'Address (commune)'), ref.commune(s.communeCode)),
      row(
        bi('Ngành nghề chính', 'Main line of business'),
        bi(s.sector.name ?? s.sector.code, s.sector.nameEn ?? s.sector.name ?? s.sector.code),
        h('span', { class: 'muted' }, ` (${s.sector.code})`),
      ),
      row(
        bi('Điện thoại', 'Phone'),
        h('a', { href: `tel:${s.phone}`, class: 'contact-link' }, phoneText(s.phone)),
      ),
      row(
        bi('Email', 'Email'),
        s.email
          ? h('a', { href: `mailto:${s.email}`, class: 'contact-link' }, s.email)
          : bi('(chưa có)', '(none on record)'),
      ),
      row(
        bi('Ngân hàng nhận tiền', 'Bank'),
        `${bank?.shortName ?? s.bank.bankName ?? s.bank.bin} · ${s.bank.accountNumber}`,
      ),
      row(bi('Chủ tài khoản', 'Account holder'), h('strong', null, s.bank.holderName)),
      row(bi('Đăng ký', 'Registered'), formatDate(s.createdAt)),
      reasonRow(s),
    ),
    h(
      'div',
      { class: 'actions spaced' },
      actionsFor(s).map(([action, label, danger]) =>
        h(
          'button',
          {
            type: 'button',
            class: danger ? 'btn small danger' : 'btn small primary',
            onclick: () => void act(s, action),
          },
          label,
          h('span', { class: 'sr-only', lang: 'vi' }, ` ${s.legalName}`),
        ),
      ),
    ),
    s.status === 'rejected' ? null : oneTimePasswordButton(s),
  );
}

/** What the officer confirms before each action (the ones the seller is told come with a reason). */
function confirmation(s: SellerView, action: Action) {
  const name = s.legalName;
  switch (action) {
    case 'approve':
      return {
        title: bi(`Duyệt hồ sơ “${name}”?`, `Approve “${name}”?`),
        body: bi(
          'Bạn đã đối chiếu tên, mã số thuế và chủ tài khoản với giấy đăng ký kinh doanh. Sản phẩm đang bán của người bán sẽ hiện trên cửa hàng ngay.',
          "You checked the name, tax code and account holder against the business registration. The seller's products on sale appear in the shop at once.",
        ),
        confirm: bi('Duyệt', 'Approve'),
      };
    case 'reject':
      return {
        title: bi(`Từ chối hồ sơ “${name}”?`, `Reject the application of “${name}”?`),
        body: bi(
          'Người bán thấy lý do bạn ghi, sửa hồ sơ và gửi lại; khi đó hồ sơ quay về “Chờ duyệt”.',
          'The seller sees the reason you give, corrects the profile and sends it again; it then comes back to “Pending”.',
        ),
        confirm: bi('Từ chối', 'Reject'),
        danger: true,
        reason: {
          label: bi('Lý do từ chối', 'Reason for rejecting'),
          hint: bi(
            'Ghi rõ điều cần sửa, ví dụ: “Mã số thuế không khớp giấy đăng ký kinh doanh”.',
            'Say what to correct, e.g. “The tax code does not match the business registration”.',
          ),
        },
      };
    case 'suspend':
      return {
        title: bi(`Tạm ngưng “${name}”?`, `Suspend “${name}”?`),
        body: bi(
          'Sản phẩm của người bán sẽ rời khỏi cửa hàng ngay. Người bán thấy lý do bạn ghi.',
          "The seller's products leave the shop at once. The seller sees the reason you give.",
        ),
        confirm: bi('Tạm ngưng', 'Suspend'),
        danger: true,
        reason: { label: bi('Lý do tạm ngưng', 'Reason for the suspension') },
      };
    default:
      return {
        title: bi(`Khôi phục “${name}”?`, `Reinstate “${name}”?`),
        body: bi(
          'Sản phẩm đang bán của người bán hiện lại trên cửa hàng ngay.',
          "The seller's products on sale are back in the shop at once.",
        ),
        confirm: bi('Khôi phục', 'Reinstate'),
      };
  }
}

async function act(s: SellerView, action: Action) {
  const typed = await confirmDialog(confirmation(s, action));
  if (typed === null) return;
  const reason = action === 'reject' || action === 'suspend' ? typed : undefined;
  try {
    const { seller } = await api<{ seller: SellerView }>(
      `/api/officer/sellers/${encodeURIComponent(s.id)}/status`,
      { method: 'POST', body: { action, version: s.version, ...(reason ? { reason } : {}) } },
    );
    const done: Record<Action, Bi> = {
      approve: bi(`Đã duyệt “${seller.legalName}”.`, `Approved “${seller.legalName}”.`),
      reject: bi(
        `Đã từ chối hồ sơ “${seller.legalName}”.`,
        `Rejected the application of “${seller.legalName}”.`,
      ),
      suspend: bi(`Đã tạm ngưng “${seller.legalName}”.`, `Suspended “${seller.legalName}”.`),
      reinstate: bi(`Đã khôi phục “${seller.legalName}”.`, `Reinstated “${seller.legalName}”.`),
    };
    announce(message, done[action], 'success');
    const old = list.querySelector(`[data-seller-id="${CSS.escape(s.id)}"]`);
    const next = item(seller);
    // Left in place (with its new status) so the list does not jump under the reader.
    next.querySelector('.actions')?.replaceChildren();
    old?.replaceWith(next);
    message.setAttribute('tabindex', '-1');
    message.focus();
  } catch (err) {
    const e = asApiError(err);
    if (e.code === 'seller.versionConflict' || e.code === 'seller.invalidTransition') {
      announce(
        message,
        bi(
          'Hồ sơ vừa được thay đổi ở nơi khác; danh sách đã được tải lại.',
          'The profile was just changed elsewhere; the list was reloaded.',
        ),
        'error',
      );
      await load(false);
      return;
    }
    announce(message, e.bi(), 'error');
  }
}

async function load(appendPage: boolean) {
  list.setAttribute('aria-busy', 'true');
  try {
    const after = appendPage ? cursor : undefined;
    const page = await api<{ items: WithPending[]; nextCursor?: string }>(
      status === 'bank'
        ? `/api/officer/bank-changes${queryString({ cursor: after })}`
        : `/api/officer/sellers${queryString({ status, cursor: after })}`,
    );
    if (!appendPage) list.replaceChildren();
    append(
      list,
      page.items.map((s) => (status === 'bank' ? bankItem(s) : item(s))),
    );
    if (!appendPage && page.items.length === 0)
      list.append(h('li', { class: 'empty' }, EMPTY[status]));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) location.reload();
    announce(message, asApiError(err).bi(), 'error');
  } finally {
    list.removeAttribute('aria-busy');
  }
}

async function start() {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.tabs a')) {
    if (a.dataset.status === status) a.setAttribute('aria-current', 'page');
  }
  setText($('#list-title'), TITLES[status]);
  const [me, reference] = await Promise.all([requireRole(['officer', 'admin']), loadReference()]);
  ref = reference;
  $('#admin-link').hidden = me.account.role !== 'admin';
  more.addEventListener('click', () => void load(true));
  await load(false);
  await showTransfers($('#main'));
}

start().catch((err: unknown) => announce(message, asApiError(err).bi(), 'error'));
