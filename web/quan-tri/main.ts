import { AUDIT_ACTIONS } from '../../shared/audit/audit';
import { ApiError, api, asApiError, queryString } from '../lib/api';
import { confirmDialog } from '../lib/dialog';
import { $, announce, append, h, setText } from '../lib/dom';
import { formatDate } from '../lib/format';
import { type Bi, bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { type AccountView, type Role, requireRole } from '../lib/session';

/**
 * The admin page: accounts by role (disable with a reason, enable) and the audit trail (filter by
 * account and action, newest first, a page at a time). Admin accounts are listed, not managed here.
 */
setupPage({ section: 'officer' });

const message = $('#message');
const accountsList = $<HTMLUListElement>('#accounts');
const moreAccounts = $<HTMLButtonElement>('#more-accounts');
const auditBody = $<HTMLTableSectionElement>('#audit');
const moreAudit = $<HTMLButtonElement>('#more-audit');
const filterForm = $<HTMLFormElement>('#audit-filter');
const accountInput = $<HTMLInputElement>('#audit-account');
const actionSelect = $<HTMLSelectElement>('#audit-action');
const auditError = $('#audit-error');

const ROLES: Role[] = ['officer', 'seller', 'admin'];
const roleParam = new URLSearchParams(location.search).get('role') as Role | null;
const role: Role = roleParam && ROLES.includes(roleParam) ? roleParam : 'officer';
let accountsCursor: string | undefined;
let auditCursor: string | undefined;
let myId = '';

const ACTION_LABELS: Record<string, Bi> = {
  'auth.signIn': bi('Đăng nhập', 'Signed in'),
  'auth.signInFailed': bi('Đăng nhập sai', 'Failed sign-in'),
  'auth.signInThrottled': bi('Đăng nhập bị chặn (quá nhiều lần)', 'Sign-in throttled'),
  'auth.signOut': bi('Đăng xuất', 'Signed out'),
  'account.signUp': bi('Đăng ký người bán', 'Seller sign-up'),
  'account.signUpRefused': bi('Đăng ký trùng email/điện thoại', 'Sign-up with a taken login'),
  'account.passwordChanged': bi('Đổi mật khẩu', 'Password changed'),
  'account.disabled': bi('Khóa tài khoản', 'Account disabled'),
  'account.enabled': bi('Mở khóa tài khoản', 'Account enabled'),
  'officer.created': bi('Tạo tài khoản cán bộ', 'Officer created'),
  'seller.approve': bi('Duyệt người bán', 'Seller approved'),
  'seller.reject': bi('Từ chối hồ sơ người bán', 'Seller application rejected'),
  'seller.suspend': bi('Tạm ngưng người bán', 'Seller suspended'),
  'seller.reinstate': bi('Khôi phục người bán', 'Seller reinstated'),
  'seller.profileChanged': bi('Sửa hồ sơ người bán', 'Seller profile changed'),
  'seller.bankChangeRequested': bi('Xin đổi tài khoản ngân hàng', 'Bank change requested'),
  'seller.bankChangeApproved': bi('Duyệt tài khoản ngân hàng mới', 'Bank change approved'),
  'seller.bankChangeRejected': bi('Từ chối đổi tài khoản ngân hàng', 'Bank change rejected'),
  'apiKey.created': bi('Tạo khóa API', 'API key created'),
  'apiKey.revoked': bi('Thu hồi khóa API', 'API key revoked'),
  'apiKey.revokedBySuspension': bi(
    'Thu hồi khóa API do tạm ngưng',
    'API keys revoked (suspension)',
  ),
};
const ROLE_LABELS: Record<string, Bi> = {
  officer: bi('Cán bộ', 'Officer'),
  seller: bi('Người bán', 'Seller'),
  admin: bi('Quản trị viên', 'Admin'),
};
const actionLabel = (action: string) => ACTION_LABELS[action] ?? bi(action);

// ---- accounts -------------------------------------------------------------------------------

function accountItem(a: AccountView & { version?: number }): HTMLLIElement {
  const disabled = a.status === 'disabled';
  const manageable = a.role !== 'admin' && a.id !== myId;
  return h(
    'li',
    { class: 'item', 'data-account-id': a.id },
    h(
      'div',
      { class: 'item-head' },
      h('h3', { lang: 'vi' }, a.displayName),
      h(
        'span',
        { class: `badge status-${disabled ? 'suspended' : 'approved'}` },
        disabled ? bi('Đã khóa', 'Disabled') : bi('Đang hoạt động', 'Active'),
      ),
    ),
    h(
      'dl',
      null,
      h('dt', null, bi('Email', 'Email')),
      h('dd', null, a.email),
      h('dt', null, bi('Vai trò', 'Role')),
      h('dd', null, ROLE_LABELS[a.role] ?? a.role),
      h('dt', null, bi('Mã tài khoản', 'Account id')),
      h('dd', null, h('code', null, a.id)),
      h('dt', null, bi('Tạo lúc', 'Created')),
      h('dd', null, formatDate(a.createdAt)),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'btn small', onclick: () => showAuditOf(a.id) },
        bi('Xem nhật ký', 'Show audit trail'),
        h('span', { class: 'sr-only' }, ` ${a.email}`),
      ),
      manageable
        ? h(
            'button',
            {
              type: 'button',
              class: disabled ? 'btn small primary' : 'btn small danger',
              onclick: () => void setStatus(a, disabled ? 'enable' : 'disable'),
            },
            disabled ? bi('Mở khóa', 'Enable') : bi('Khóa đăng nhập', 'Disable sign-in'),
            h('span', { class: 'sr-only' }, ` ${a.email}`),
          )
        : null,
    ),
  );
}

async function setStatus(a: AccountView, action: 'disable' | 'enable') {
  const typed = await confirmDialog({
    title:
      action === 'disable'
        ? bi(`Khóa đăng nhập của ${a.email}?`, `Disable the sign-in of ${a.email}?`)
        : bi(`Mở khóa ${a.email}?`, `Enable ${a.email}?`),
    body:
      action === 'disable'
        ? bi(
            'Mọi phiên đăng nhập của tài khoản này kết thúc ngay và không đăng nhập lại được cho đến khi mở khóa.',
            'Every session of this account ends at once; it cannot sign in again until enabled.',
          )
        : bi(
            'Tài khoản đăng nhập lại được bằng mật khẩu của mình.',
            'The account can sign in again with its password.',
          ),
    confirm: action === 'disable' ? bi('Khóa', 'Disable') : bi('Mở khóa', 'Enable'),
    danger: action === 'disable',
    ...(action === 'disable' ? { reason: { label: bi('Lý do', 'Reason') } } : {}),
  });
  if (typed === null) return;
  try {
    const version = (a as AccountView & { version?: number }).version;
    const res = await api<{ account: AccountView; sessionsEnded: number }>(
      `/api/admin/accounts/${encodeURIComponent(a.id)}/status`,
      {
        method: 'POST',
        body: { action, version, ...(action === 'disable' ? { reason: typed } : {}) },
      },
    );
    announce(
      message,
      action === 'disable'
        ? bi(
            `Đã khóa ${a.email}; ${res.sessionsEnded} phiên đăng nhập đã kết thúc.`,
            `Disabled ${a.email}; ${res.sessionsEnded} sessions ended.`,
          )
        : bi(`Đã mở khóa ${a.email}.`, `Enabled ${a.email}.`),
      'success',
    );
    await loadAccounts(false);
    await loadAudit(false);
  } catch (err) {
    announce(message, asApiError(err).bi(), 'error');
    if (asApiError(err).code === 'account.invalidTransition') await loadAccounts(false);
  }
}

async function loadAccounts(appendPage: boolean) {
  accountsList.setAttribute('aria-busy', 'true');
  try {
    const page = await api<{ items: AccountView[]; nextCursor?: string }>(
      `/api/admin/accounts${queryString({ role, cursor: appendPage ? accountsCursor : undefined })}`,
    );
    if (!appendPage) accountsList.replaceChildren();
    append(accountsList, page.items.map(accountItem));
    if (!appendPage && page.items.length === 0)
      accountsList.append(
        h('li', { class: 'empty' }, bi('Chưa có tài khoản nào.', 'No accounts yet.')),
      );
    accountsCursor = page.nextCursor;
    moreAccounts.hidden = !accountsCursor;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) location.reload();
    announce(message, asApiError(err).bi(), 'error');
  } finally {
    accountsList.removeAttribute('aria-busy');
  }
}

// ---- audit trail ----------------------------------------------------------------------------

interface AuditItem {
  id: string;
  at: string;
  action: string;
  outcome: 'success' | 'failure';
  actor: {
    kind: string;
    accountId?: string;
    role?: string;
    keyId?: string;
    address?: string;
    name?: string;
  };
  target?: { kind: string; id: string };
  details?: Record<string, unknown>;
}

function actorText(a: AuditItem['actor']): Bi {
  const where = a.address ? ` · ${a.address}` : '';
  if (a.kind === 'account')
    return bi(
      `${a.accountId} (${ROLE_LABELS[a.role ?? '']?.vi ?? a.role})${where}`,
      `${a.accountId} (${ROLE_LABELS[a.role ?? '']?.en ?? a.role})${where}`,
    );
  if (a.kind === 'apiKey') return bi(`Khóa API ${a.keyId}${where}`, `API key ${a.keyId}${where}`);
  if (a.kind === 'system') return bi(`Hệ thống (${a.name})`, `System (${a.name})`);
  return bi(`Khách${where}`, `Public${where}`);
}

function auditRow(e: AuditItem): HTMLTableRowElement {
  const details = Object.entries(e.details ?? {})
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
  return h(
    'tr',
    { class: e.outcome === 'failure' ? 'failure' : '' },
    h('td', null, formatDate(e.at), ' ', new Date(e.at).toLocaleTimeString('vi-VN')),
    h(
      'td',
      null,
      actionLabel(e.action),
      e.outcome === 'failure'
        ? h('span', { class: 'badge status-suspended' }, bi(' thất bại', ' failed'))
        : null,
    ),
    h('td', null, actorText(e.actor)),
    h('td', null, e.target ? `${e.target.kind} ${e.target.id}` : '—'),
    h('td', { lang: 'vi' }, details || '—'),
  );
}

function showAuditOf(accountId: string) {
  accountInput.value = accountId;
  actionSelect.value = '';
  void loadAudit(false);
  $('#audit-title').scrollIntoView();
}

async function loadAudit(appendPage: boolean) {
  auditError.replaceChildren();
  const account = accountInput.value.trim();
  if (account && !/^[A-Za-z0-9-]{1,64}$/.test(account)) {
    setText(auditError, bi('Mã tài khoản có dạng ac-…', 'An account id looks like ac-…'));
    accountInput.setAttribute('aria-invalid', 'true');
    accountInput.focus();
    return;
  }
  accountInput.removeAttribute('aria-invalid');
  try {
    const page = await api<{ items: AuditItem[]; nextCursor?: string }>(
      `/api/admin/audit${queryString({
        account,
        action: actionSelect.value,
        limit: 50,
        cursor: appendPage ? auditCursor : undefined,
      })}`,
    );
    if (!appendPage) auditBody.replaceChildren();
    append(auditBody, page.items.map(auditRow));
    if (!appendPage && page.items.length === 0)
      auditBody.append(
        h('tr', null, h('td', { colspan: 5 }, bi('Không có mục nào.', 'Nothing recorded.'))),
      );
    auditCursor = page.nextCursor;
    moreAudit.hidden = !auditCursor;
  } catch (err) {
    setText(auditError, asApiError(err).bi());
  }
}

async function start() {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#roles a')) {
    if (a.dataset.role === role) a.setAttribute('aria-current', 'page');
  }
  append(
    actionSelect,
    AUDIT_ACTIONS.map((action) => h('option', { value: action }, actionLabel(action))),
  );
  const me = await requireRole(['admin']);
  myId = me.account.id;
  moreAccounts.addEventListener('click', () => void loadAccounts(true));
  moreAudit.addEventListener('click', () => void loadAudit(true));
  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void loadAudit(false);
  });
  await Promise.all([loadAccounts(false), loadAudit(false)]);
}

start().catch((err: unknown) => announce(message, asApiError(err).bi(), 'error'));
