import { ApiError, api } from '../lib/api';
import { $, announce, h } from '../lib/dom';
import { busy, FormErrors, field } from '../lib/forms';
import { bi } from '../lib/i18n';
import type { IssueLike } from '../lib/issues';
import { setupPage } from '../lib/layout';
import { newPasswordFields } from '../lib/new-password';
import {
  type AccountView,
  homeOf,
  type Me,
  safeNext,
  setSessionHint,
  signInUrl,
} from '../lib/session';
import { showPasswordToggle } from '../lib/show-password';

/** Changes the password (required after a one-time password); checked with the API's schema. */
setupPage({ section: 'none' });

const errors = new FormErrors();
const current = field({
  label: bi('Mật khẩu hiện tại', 'Current password'),
  path: 'currentPassword',
  type: 'password',
  hint: bi(
    'Mật khẩu bạn vừa dùng để đăng nhập, kể cả mật khẩu dùng một lần do cán bộ cấp.',
    'The password you just signed in with, a one-time password from an officer included.',
  ),
  attrs: { autocomplete: 'current-password' },
});
const password = newPasswordFields();
const { fresh, again } = password;
errors.register(current, fresh, again);
const done = h('div', { class: 'notice', role: 'status' });
const submit = h(
  'button',
  { type: 'submit', class: 'btn primary' },
  bi('Đổi mật khẩu', 'Change password'),
);
const form = h(
  'form',
  { class: 'stack', novalidate: true },
  errors.summary,
  current.wrap,
  fresh.wrap,
  again.wrap,
  showPasswordToggle(current.control, fresh.control, again.control),
  h('div', { class: 'actions' }, submit),
);
$('#form-host').append(done, form);

let account: AccountView | undefined;
api<Me>('/api/me')
  .then((me) => {
    account = me.account;
  })
  .catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) location.assign(signInUrl());
  });

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = { currentPassword: current.value, newPassword: fresh.value, confirm: again.value };
  const issues: IssueLike[] = [];
  if (!input.currentPassword)
    issues.push({ code: 'too_small', origin: 'string', path: ['currentPassword'] });
  issues.push(...password.issues());
  if (errors.showIssues(issues, input) || password.mismatch(errors)) return;
  void busy(submit, async () => {
    try {
      await api('/api/me/password', {
        method: 'POST',
        body: { currentPassword: input.currentPassword, newPassword: input.newPassword },
      });
      errors.clear();
      form.hidden = true;
      if (account) setSessionHint({ ...account, mustChangePassword: false });
      announce(
        done,
        bi('Đã đổi mật khẩu. Đang chuyển trang…', 'Password changed. Redirecting…'),
        'success',
      );
      const next = safeNext(new URLSearchParams(location.search).get('next'));
      location.assign(next ?? (account ? homeOf(account.role) : '/'));
    } catch (err) {
      if (err instanceof ApiError)
        errors.showApiError(err, { 'account.wrongPassword': 'currentPassword' }, input);
      else errors.showError(bi('Không kết nối được.', 'Could not connect.'));
    }
  });
});
