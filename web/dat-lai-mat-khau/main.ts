import { ApiError, api, asApiError } from '../lib/api';
import { $, announce, h } from '../lib/dom';
import { busy, FormErrors } from '../lib/forms';
import { bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { newPasswordFields } from '../lib/new-password';
import { showPasswordToggle } from '../lib/show-password';

/**
 * Sets a new password with the mailed link `/dat-lai-mat-khau/#token=…`. The token is in the
 * fragment (never sent to a server, never in a Referer) and leaves the address bar at once.
 */
setupPage({ section: 'signin' });

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
if (location.hash) history.replaceState(null, '', location.pathname);

const errors = new FormErrors();
const password = newPasswordFields();
const { fresh, again } = password;
errors.register(fresh, again);
const done = h('div', { class: 'notice', role: 'status' });
const submit = h(
  'button',
  { type: 'submit', class: 'btn primary' },
  bi('Đặt mật khẩu mới', 'Set the new password'),
);
const form = h(
  'form',
  { class: 'stack', novalidate: true },
  errors.summary,
  fresh.wrap,
  again.wrap,
  showPasswordToggle(fresh.control, again.control),
  h('div', { class: 'actions' }, submit),
);
const askAgain = () =>
  h(
    'p',
    null,
    h('a', { href: '/quen-mat-khau/' }, bi('Yêu cầu liên kết mới', 'Ask for a new link')),
  );

if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
  announce(
    done,
    bi(
      'Liên kết không đầy đủ. Hãy mở đúng liên kết trong thư, hoặc yêu cầu liên kết mới.',
      'This link is incomplete. Open the link from the email exactly, or ask for a new one.',
    ),
    'error',
  );
  $('#form-host').append(done, askAgain());
} else {
  $('#form-host').append(done, form);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = { newPassword: fresh.value, confirm: again.value };
  if (errors.showIssues(password.issues(), input) || password.mismatch(errors)) return;
  void busy(submit, async () => {
    try {
      await api('/api/auth/password-reset/confirm', {
        method: 'POST',
        body: { token, newPassword: input.newPassword },
      });
      errors.clear();
      form.hidden = true;
      announce(
        done,
        bi(
          'Đã đặt mật khẩu mới. Mọi phiên đăng nhập cũ đã kết thúc. Hãy đăng nhập bằng mật khẩu mới.',
          'Your new password is set and every old session has ended. Sign in with the new password.',
        ),
        'success',
      );
      $('#form-host').append(
        h(
          'p',
          null,
          h('a', { href: '/dang-nhap/', class: 'btn primary' }, bi('Đăng nhập', 'Sign in')),
        ),
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === 'auth.resetTokenInvalid') {
        form.hidden = true;
        announce(done, err.bi(), 'error');
        $('#form-host').append(askAgain());
        return;
      }
      errors.showApiError(asApiError(err), {}, input, () => form.requestSubmit());
    }
  });
});
