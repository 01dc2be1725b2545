import { ApiError, api } from '../lib/api';
import { $, h } from '../lib/dom';
import { busy, FormErrors, field } from '../lib/forms';
import { bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { type AccountView, homeOf, safeNext, setSessionHint } from '../lib/session';

/**
 * Sign-in with email or phone. The API sets the HttpOnly session cookie; the page only keeps a
 * hint for the header, then goes where the person was heading (or their role's home).
 */
setupPage({ section: 'signin' });

const errors = new FormErrors();
const login = field({
  label: bi('Email hoặc số điện thoại', 'Email or phone number'),
  path: 'login',
  attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' },
});
const password = field({
  label: bi('Mật khẩu', 'Password'),
  path: 'password',
  type: 'password',
  attrs: { autocomplete: 'current-password' },
});
errors.register(login, password);
const show = h('input', { type: 'checkbox', id: 'show-password' });
show.addEventListener('change', () => {
  (password.control as HTMLInputElement).type = show.checked ? 'text' : 'password';
});
const submit = h('button', { type: 'submit', class: 'btn primary' }, bi('Đăng nhập', 'Sign in'));
const form = h(
  'form',
  { class: 'stack', novalidate: true },
  errors.summary,
  login.wrap,
  password.wrap,
  h(
    'div',
    { class: 'choice field' },
    show,
    h('label', { for: 'show-password' }, bi('Hiện mật khẩu', 'Show password')),
  ),
  h('div', { class: 'actions' }, submit),
);
$('#form-host').append(form);

interface SignInResult {
  account: AccountView;
}

const next = safeNext(new URLSearchParams(location.search).get('next'));

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = { login: login.value.trim(), password: password.value };
  const missing = [
    ...(input.login ? [] : [{ code: 'too_small', origin: 'string', path: ['login'] }]),
    ...(input.password ? [] : [{ code: 'too_small', origin: 'string', path: ['password'] }]),
  ];
  if (errors.showIssues(missing, input)) return;
  void busy(submit, async () => {
    try {
      const result = await api<SignInResult>('/api/auth/sign-in', { method: 'POST', body: input });
      setSessionHint(result.account);
      if (result.account.mustChangePassword) {
        location.assign(`/doi-mat-khau/${next ? `?next=${encodeURIComponent(next)}` : ''}`);
        return;
      }
      location.assign(next ?? homeOf(result.account.role));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'auth.throttled') {
        const seconds = Number((err.details as { retryAfterSeconds?: number })?.retryAfterSeconds);
        const minutes = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : undefined;
        errors.showError(
          minutes
            ? bi(
                `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau khoảng ${minutes} phút.`,
                `Too many attempts. Please try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
              )
            : err.bi(),
        );
        return;
      }
      if (err instanceof ApiError) {
        errors.showError(err.bi(), err.code === 'auth.invalidCredentials' ? 'password' : undefined);
        if (err.code === 'auth.invalidCredentials') password.value = '';
        return;
      }
      errors.showError(
        bi('Không kết nối được, vui lòng thử lại.', 'Could not connect, please try again.'),
      );
    }
  });
});
