import { ApiError, api, asApiError } from '../lib/api';
import { $, announce, h } from '../lib/dom';
import { busy, FormErrors, field } from '../lib/forms';
import { bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';

/**
 * Asks for a password-reset link. The API answers the same for every login (it does not say
 * whether an account exists), so the page does too.
 */
setupPage({ section: 'signin' });

const errors = new FormErrors();
const login = field({
  label: bi('Email hoặc số điện thoại', 'Email or phone number'),
  path: 'login',
  attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' },
});
errors.register(login);
const done = h('div', { class: 'notice', role: 'status' });
const submit = h(
  'button',
  { type: 'submit', class: 'btn primary' },
  bi('Gửi liên kết đặt lại', 'Send the reset link'),
);
const form = h(
  'form',
  { class: 'stack', novalidate: true },
  errors.summary,
  login.wrap,
  h('div', { class: 'actions' }, submit),
);
$('#form-host').append(done, form);
const given = new URLSearchParams(location.search).get('login');
if (given) login.value = given;

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = { login: login.value.trim() };
  if (
    errors.showIssues(
      input.login.length >= 3
        ? []
        : [{ code: 'too_small', origin: 'string', path: ['login'], minimum: 3 }],
      input,
    )
  )
    return;
  void busy(submit, async () => {
    try {
      await api('/api/auth/password-reset/request', { method: 'POST', body: input });
      errors.clear();
      announce(
        done,
        bi(
          `Nếu ${input.login} là thông tin đăng nhập của một tài khoản, chúng tôi vừa gửi liên kết đặt lại mật khẩu đến email của tài khoản đó. Hãy xem hộp thư (cả thư rác) và mở liên kết trong 30 phút.`,
          `If ${input.login} signs in to an account, we just emailed that account a reset link. Check your inbox (and spam) and open the link within 30 minutes.`,
        ),
        'success',
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === 'auth.throttled') {
        const seconds = Number((err.details as { retryAfterSeconds?: number })?.retryAfterSeconds);
        const minutes = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 60;
        errors.showError(
          bi(
            `Đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau khoảng ${minutes} phút, hoặc xem lại thư đã nhận.`,
            `Too many requests. Try again in about ${minutes} minutes, or check the mail you already got.`,
          ),
        );
        return;
      }
      errors.showApiError(asApiError(err), {}, input, () => form.requestSubmit());
    }
  });
});
