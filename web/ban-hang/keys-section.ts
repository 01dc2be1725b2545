import { ApiError, api, asApiError } from '../lib/api';
import { confirmDialog } from '../lib/dialog';
import { $, announce, h, replace, setText } from '../lib/dom';
import { formatDateTime } from '../lib/format';
import { busy, FormErrors, field } from '../lib/forms';
import { bi } from '../lib/i18n';

/** API keys: list, create (the key is shown once, with a copy button), revoke after a confirm. */
interface KeyItem {
  keyId: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
}

const host = $('#keys-host');
const errors = new FormErrors();
const name = field({
  label: bi('Tên khóa', 'Key name'),
  path: 'name',
  hint: bi(
    'Để nhớ khóa dùng ở đâu, ví dụ “Máy tính quầy”.',
    'To remember where it is used, e.g. “Shop PC”.',
  ),
  attrs: { maxlength: 60, autocomplete: 'off' },
});
errors.register(name);
const create = h('button', { type: 'submit', class: 'btn primary' }, bi('Tạo khóa', 'Create key'));
const form = h(
  'form',
  { class: 'stack', novalidate: true },
  h('h3', { style: 'margin-top:0' }, bi('Tạo khóa mới', 'Create a new key')),
  errors.summary,
  name.wrap,
  h('div', { class: 'actions' }, create),
);
const fresh = h('div');
const message = h('div', { class: 'notice', role: 'status' });
const listHost = h('div', { 'aria-live': 'polite' });

function showNewKey(key: string, keyName: string) {
  const output = h('p', { class: 'secret', id: 'new-key' }, key);
  const copied = h('span', { role: 'status' });
  const heading = h(
    'h3',
    { tabindex: '-1', style: 'margin-top:0' },
    bi(`Khóa “${keyName}” đã được tạo`, `Key “${keyName}” created`),
  );
  replace(
    fresh,
    h(
      'section',
      { class: 'status-box pending', 'aria-labelledby': 'new-key-title' },
      h('span', { id: 'new-key-title', class: 'sr-only' }, bi('Khóa API mới', 'New API key')),
      heading,
      h(
        'p',
        null,
        h(
          'strong',
          null,
          bi(
            'Sao chép và cất khóa này ngay: đây là lần duy nhất khóa được hiển thị.',
            'Copy and store this key now: it is shown only this once.',
          ),
        ),
      ),
      output,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn primary',
            onclick: async () => {
              try {
                await navigator.clipboard.writeText(key);
                setText(copied, bi('Đã sao chép.', 'Copied.'));
              } catch {
                const range = document.createRange();
                range.selectNodeContents(output);
                getSelection()?.removeAllRanges();
                getSelection()?.addRange(range);
                setText(
                  copied,
                  bi(
                    'Đã chọn khóa: nhấn Ctrl+C để sao chép.',
                    'Key selected: press Ctrl+C to copy.',
                  ),
                );
              }
            },
          },
          bi('Sao chép khóa', 'Copy key'),
        ),
        h(
          'button',
          { type: 'button', class: 'btn', onclick: () => fresh.replaceChildren() },
          bi('Tôi đã cất khóa', 'I have stored the key'),
        ),
        copied,
      ),
    ),
  );
  heading.focus();
}

function renderList(items: KeyItem[]) {
  if (items.length === 0) {
    replace(listHost, h('p', null, bi('Chưa có khóa API nào.', 'No API keys yet.')));
    return;
  }
  replace(
    listHost,
    h('h3', null, bi('Khóa của bạn', 'Your keys')),
    h(
      'ul',
      { class: 'list' },
      items.map((k) =>
        h(
          'li',
          { class: 'item' },
          h(
            'div',
            { class: 'item-head' },
            h('h4', { style: 'margin:0' }, k.name),
            k.revokedAt
              ? h('span', { class: 'badge status-archived' }, bi('Đã thu hồi', 'Revoked'))
              : h('span', { class: 'badge status-active' }, bi('Đang dùng', 'Active')),
          ),
          h(
            'p',
            { class: 'meta' },
            h('code', null, k.keyId),
            ' · ',
            bi(`Tạo lúc ${formatDateTime(k.createdAt)}`, `Created ${formatDateTime(k.createdAt)}`),
            k.revokedAt
              ? bi(
                  ` · thu hồi lúc ${formatDateTime(k.revokedAt)}`,
                  ` · revoked ${formatDateTime(k.revokedAt)}`,
                )
              : null,
          ),
          k.revokedAt
            ? null
            : h(
                'button',
                { type: 'button', class: 'btn small danger', onclick: () => void revoke(k) },
                bi('Thu hồi', 'Revoke'),
                h('span', { class: 'sr-only' }, ` ${k.name}`),
              ),
        ),
      ),
    ),
  );
}

async function revoke(k: KeyItem) {
  const ok = await confirmDialog({
    title: bi(`Thu hồi khóa “${k.name}”?`, `Revoke the key “${k.name}”?`),
    body: bi(
      'Phần mềm đang dùng khóa này sẽ không gọi API được nữa. Không thể hoàn tác.',
      'Software using this key will no longer reach the API. This cannot be undone.',
    ),
    confirm: bi('Thu hồi', 'Revoke'),
    danger: true,
  });
  if (!ok) return;
  try {
    await api(`/api/seller/api-keys/${encodeURIComponent(k.keyId)}`, { method: 'DELETE' });
    if (justCreated?.keyId === k.keyId) justCreated = undefined;
    announce(message, bi(`Đã thu hồi khóa “${k.name}”.`, `Revoked “${k.name}”.`), 'success');
    await loadKeys();
    listHost.querySelector<HTMLElement>('h3')?.setAttribute('tabindex', '-1');
    listHost.querySelector<HTMLElement>('h3')?.focus();
  } catch (err) {
    announce(message, asApiError(err).bi(), 'error');
  }
}

/** A key just created, shown even if the list (an index read) does not have it yet. */
let justCreated: KeyItem | undefined;

async function loadKeys() {
  try {
    const { items } = await api<{ items: KeyItem[] }>('/api/seller/api-keys');
    if (justCreated && !items.some((k) => k.keyId === justCreated?.keyId))
      items.unshift(justCreated);
    renderList(items);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) location.reload();
    announce(message, asApiError(err).bi(), 'error');
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const keyName = name.value.trim();
  if (!keyName) {
    errors.showIssues([{ code: 'too_small', origin: 'string', path: ['name'] }], { name: '' });
    return;
  }
  void busy(create, async () => {
    try {
      const created = await api<KeyItem & { key: string }>('/api/seller/api-keys', {
        method: 'POST',
        body: { name: keyName },
      });
      errors.clear();
      name.value = '';
      justCreated = { keyId: created.keyId, name: created.name, createdAt: created.createdAt };
      showNewKey(created.key, created.name);
      await loadKeys();
    } catch (err) {
      if (err instanceof ApiError) errors.showApiError(err, {}, { name: keyName });
      else errors.showError(bi('Không kết nối được.', 'Could not connect.'));
    }
  });
});

let started = false;
export function setupKeys(): void {
  if (started) return;
  started = true;
  host.append(message, fresh, form, listHost);
  void loadKeys();
}
