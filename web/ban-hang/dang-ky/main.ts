import { SellerSignUpSchema } from '../../../shared/sellers/seller';
import { ApiError, api, asApiError } from '../../lib/api';
import { $, h, replace } from '../../lib/dom';
import { busy, FormErrors, field, radios } from '../../lib/forms';
import { bi } from '../../lib/i18n';
import { setupPage } from '../../lib/layout';
import { loadReference, type Reference } from '../../lib/reference';
import { bankFieldset, profileFields, profileValues } from '../../lib/seller-fields';
import { showPasswordToggle } from '../../lib/show-password';

/**
 * Seller sign-up: the same zod schema as the API checks every field before sending; the API's
 * answer (taken email, tax code…) is shown at the field it concerns. Ends on "pending approval".
 */
setupPage({ section: 'sell' });
const host = $('#form-host');

function build(ref: Reference) {
  const errors = new FormErrors();
  const f = profileFields(ref);
  const type = radios({
    legend: bi('Loại hình', 'Type of business'),
    path: 'type',
    options: [
      { value: 'cooperative', label: bi('Hợp tác xã', 'Cooperative (HTX)') },
      { value: 'enterprise', label: bi('Doanh nghiệp', 'Enterprise') },
      { value: 'household', label: bi('Hộ kinh doanh', 'Household business') },
    ],
  });
  const taxCode = field({
    label: bi('Mã số thuế', 'Tax code'),
    path: 'taxCode',
    hint: bi(
      '10 số (chi nhánh: thêm -001). Hộ kinh doanh có thể dùng số định danh cá nhân 12 số.',
      '10 digits (branches add -001). Household businesses may use their 12-digit personal number.',
    ),
    attrs: { inputmode: 'numeric', autocomplete: 'off', maxlength: 20 },
  });
  const email = field({
    label: bi('Email', 'Email'),
    path: 'email',
    type: 'email',
    hint: bi('Dùng để đăng nhập.', 'Used to sign in.'),
    attrs: { autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false' },
  });
  const password = field({
    label: bi('Mật khẩu', 'Password'),
    path: 'password',
    type: 'password',
    hint: bi('Ít nhất 10 ký tự, không quá đơn giản.', 'At least 10 characters, not too simple.'),
    attrs: { autocomplete: 'new-password' },
  });
  errors.register(
    f.legalName,
    type,
    taxCode,
    f.communeCode,
    f.sectorCode,
    f.phone,
    email,
    password,
    f.bin,
    f.accountNumber,
    f.holderName,
  );
  const submit = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    bi('Gửi đăng ký', 'Send sign-up'),
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    errors.summary,
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, bi('Thông tin đơn vị', 'Your business')),
      f.legalName.wrap,
      type.wrap,
      taxCode.wrap,
      f.communeCode.wrap,
      f.sectorCode.wrap,
    ),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, bi('Tài khoản đăng nhập', 'Sign-in details')),
      f.phone.wrap,
      email.wrap,
      password.wrap,
      showPasswordToggle(password.control),
    ),
    bankFieldset(f),
    h('div', { class: 'actions' }, submit),
  );
  replace(host, form);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const input = {
      ...profileValues(f),
      email: email.value.trim(),
      password: password.value,
      type: type.selected(),
      taxCode: taxCode.value.trim(),
    };
    const checked = SellerSignUpSchema.safeParse(input);
    if (!checked.success) {
      errors.showIssues(checked.error.issues, input);
      return;
    }
    void busy(submit, async () => {
      try {
        // The answer is the same whether or not the email/phone already had an account
        // (no account discovery): what was sent is what the page confirms.
        const result = await api<{ email: string; legalName: string }>('/api/sellers', {
          method: 'POST',
          body: input,
        });
        done(result.legalName, result.email);
      } catch (err) {
        const e = asApiError(err);
        // Today's API never says a login is taken (same answer either way); should one answer
        // so, name the field that was taken (phone or email) and offer the sign-in page.
        const taken = (e.details as { fields?: string[] } | undefined)?.fields;
        const takenField = taken?.includes('phone') && !taken.includes('email') ? 'phone' : 'email';
        errors.showApiError(
          e,
          { 'account.loginTaken': takenField, 'seller.taxCodeTaken': 'taxCode' },
          input,
          () => form.requestSubmit(),
        );
        if (e.code === 'account.loginTaken')
          errors.summary.append(
            h(
              'p',
              null,
              h(
                'a',
                { href: '/dang-nhap/?next=%2Fban-hang%2F' },
                bi('Đã có tài khoản? Đăng nhập', 'Already have an account? Sign in'),
              ),
            ),
          );
      }
    });
  });
}

function done(legalName: string, email: string) {
  const heading = h(
    'h2',
    { tabindex: '-1' },
    bi('Đã gửi đăng ký — hồ sơ đang chờ duyệt', 'Sign-up sent — waiting for approval'),
  );
  replace(
    host,
    h(
      'section',
      { class: 'status-box pending', role: 'status' },
      heading,
      h(
        'p',
        null,
        bi(
          `Hồ sơ “${legalName}” đã được ghi nhận và đang chờ cán bộ Sở duyệt.`,
          `The profile “${legalName}” is recorded and waits for an officer's approval.`,
        ),
      ),
      h(
        'p',
        null,
        bi(
          `Bạn có thể đăng nhập bằng ${email} ngay để chuẩn bị sản phẩm (bản nháp); sản phẩm sẽ hiện trên cửa hàng sau khi hồ sơ được duyệt. Nếu email hoặc số điện thoại này đã có tài khoản, hãy đăng nhập bằng mật khẩu cũ (hoặc liên hệ Sở Công Thương).`,
          `You can sign in with ${email} now to prepare products (drafts); they appear in the shop once the profile is approved. If this email or phone already had an account, sign in with its existing password (or contact the Department of Industry and Trade).`,
        ),
      ),
      h(
        'p',
        null,
        h(
          'a',
          { class: 'btn primary', href: '/dang-nhap/?next=%2Fban-hang%2F' },
          bi('Đăng nhập', 'Sign in'),
        ),
      ),
    ),
  );
  heading.focus();
}

loadReference()
  .then(build)
  .catch((err: unknown) => {
    replace(
      host,
      h(
        'p',
        { class: 'notice', 'data-kind': 'error', role: 'alert' },
        err instanceof ApiError
          ? err.bi()
          : bi('Không tải được biểu mẫu.', 'Could not load the form.'),
      ),
    );
  });
