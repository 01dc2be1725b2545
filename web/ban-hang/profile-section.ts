import { SellerProfileUpdateSchema } from '../../shared/sellers/seller';
import { ApiError, api } from '../lib/api';
import { $, h, replace } from '../lib/dom';
import { formatDate, SELLER_STATUS, SELLER_TYPE, statusBadge } from '../lib/format';
import { busy, FormErrors, field } from '../lib/forms';
import { type Bi, bi } from '../lib/i18n';
import type { Reference } from '../lib/reference';
import { bankFieldset, profileFields, profileValues } from '../lib/seller-fields';
import type { Me, SellerView } from '../lib/session';

/**
 * The seller's profile: shown as facts, edited in place on the version read (409 → reload). A new
 * bank account needs the current password and waits for an officer; until then orders keep paying
 * into the approved one, and the page says so. A suspended seller sees the profile, not the form.
 */
type PendingBank = { bin: string; accountNumber: string; holderName: string; requestedAt: string };
type ProfileView = SellerView & { pendingBank?: PendingBank };
const host = $('#profile-host');
let ref: Reference;
let onSaved: (seller: SellerView) => void;
let flash: (text: Bi, kind?: 'success' | 'error') => void;

function row(label: Bi, ...value: Array<string | Bi | Node | null>) {
  return [h('dt', null, label), h('dd', null, ...value)];
}

const bankText = (b: { bin: string; accountNumber: string; holderName: string }) =>
  `${ref.data.banks.find((x) => x.bin === b.bin)?.shortName ?? b.bin} · ${b.accountNumber} · ${b.holderName}`;

export function renderProfile(seller: ProfileView): void {
  const bank = ref.data.banks.find((b) => b.bin === seller.bank.bin);
  const suspended = seller.status === 'suspended';
  const editButton = suspended
    ? null
    : h(
        'button',
        { type: 'button', class: 'btn primary', onclick: () => edit(seller) },
        bi('Sửa hồ sơ', 'Edit profile'),
      );
  replace(
    host,
    h(
      'div',
      { class: 'panel' },
      h(
        'dl',
        { class: 'facts' },
        row(
          bi('Tên đăng ký kinh doanh', 'Registered business name'),
          h('span', { lang: 'vi' }, seller.legalName),
        ),
        row(bi('Loại hình', 'Type'), SELLER_TYPE[seller.type] ?? seller.type),
        row(bi('Mã số thuế', 'Tax code'), seller.taxCode),
        row(bi('Trạng thái', 'Status'), statusBadge(seller.status, SELLER_STATUS)),
        row(bi('Xã/phường', 'Commune'), ref.commune(seller.communeCode)),
        row(
          bi('Ngành nghề', 'Sector'),
          `${seller.sector.code} — `,
          bi(seller.sector.name ?? '', seller.sector.nameEn ?? seller.sector.name ?? ''),
        ),
        row(bi('Điện thoại', 'Phone'), seller.phone),
        row(
          bi('Tài khoản nhận tiền', 'Bank account'),
          `${bank?.shortName ?? seller.bank.bankName ?? seller.bank.bin} · ${seller.bank.accountNumber} · ${seller.bank.holderName}`,
        ),
        seller.pendingBank
          ? row(
              bi('Tài khoản mới chờ duyệt', 'New account awaiting review'),
              h('span', null, bankText(seller.pendingBank)),
              h(
                'span',
                { class: 'hint', style: 'display:block' },
                bi(
                  `Gửi lúc ${formatDate(seller.pendingBank.requestedAt)}. Đơn hàng vẫn chuyển tiền vào tài khoản đang dùng cho đến khi cán bộ duyệt.`,
                  `Sent ${formatDate(seller.pendingBank.requestedAt)}. Orders keep paying into the current account until an officer approves.`,
                ),
              ),
            )
          : null,
        row(bi('Ngày đăng ký', 'Registered'), formatDate(seller.createdAt)),
      ),
      suspended
        ? h(
            'p',
            { class: 'notice', 'data-kind': 'error' },
            bi(
              'Người bán đang bị tạm ngưng: bạn xem được hồ sơ, khóa API và cài đặt thanh toán nhưng không sửa được cho đến khi Sở Công Thương khôi phục.',
              'This seller is suspended: you can see the profile, API keys and payment settings but not change them until the Department of Industry and Trade reinstates you.',
            ),
          )
        : null,
      h(
        'p',
        { class: 'hint' },
        bi(
          'Loại hình và mã số thuế không tự sửa được; liên hệ Sở Công Thương nếu cần thay đổi.',
          'Type and tax code cannot be changed here; contact the Department of Industry and Trade if they must change.',
        ),
      ),
      h('div', { class: 'actions' }, editButton),
    ),
  );
}

function edit(seller: ProfileView) {
  const errors = new FormErrors();
  const f = profileFields(ref, {
    legalName: seller.legalName,
    phone: seller.phone,
    communeCode: seller.communeCode,
    sectorCode: seller.sector.code,
    bin: seller.bank.bin,
    accountNumber: seller.bank.accountNumber,
    holderName: seller.bank.holderName,
  });
  const password = field({
    label: bi('Mật khẩu hiện tại', 'Current password'),
    path: 'currentPassword',
    type: 'password',
    hint: bi(
      'Chỉ cần khi đổi tài khoản ngân hàng. Tài khoản mới được dùng sau khi cán bộ Sở duyệt.',
      'Needed only to change the bank account. The new account is used once an officer approves it.',
    ),
    attrs: { autocomplete: 'current-password' },
  });
  errors.register(...Object.values(f), password);
  const save = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    seller.status === 'rejected'
      ? bi('Lưu và gửi lại để duyệt', 'Save and send for approval again')
      : bi('Lưu hồ sơ', 'Save profile'),
  );
  const heading = h(
    'h3',
    { tabindex: '-1', style: 'margin-top:0' },
    bi('Sửa hồ sơ', 'Edit profile'),
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    heading,
    errors.summary,
    f.legalName.wrap,
    f.phone.wrap,
    f.communeCode.wrap,
    f.sectorCode.wrap,
    bankFieldset(f),
    password.wrap,
    h(
      'div',
      { class: 'actions' },
      save,
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => renderProfile(seller) },
        bi('Hủy', 'Cancel'),
      ),
    ),
  );
  replace(host, form);
  heading.focus();

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = { version: seller.version, ...profileValues(f) };
    const checked = SellerProfileUpdateSchema.safeParse(values);
    if (!checked.success) {
      errors.showIssues(checked.error.issues, values);
      return;
    }
    const wanted = checked.data.bank;
    const bankChanges =
      wanted !== undefined &&
      (wanted.bin !== seller.bank.bin ||
        wanted.accountNumber !== seller.bank.accountNumber ||
        wanted.holderName !== seller.bank.holderName);
    if (bankChanges && password.value === '') {
      errors.showIssues(
        [{ path: ['currentPassword'], message: 'required', code: 'too_small' }],
        values,
      );
      return;
    }
    const input = bankChanges ? { ...values, currentPassword: password.value } : values;
    void busy(save, async () => {
      try {
        const { seller: saved } = await api<{ seller: SellerView }>('/api/seller/profile', {
          method: 'PUT',
          body: input,
        });
        onSaved(saved);
        renderProfile(saved);
        flash(
          seller.status === 'rejected'
            ? bi(
                'Đã lưu và gửi lại hồ sơ. Cán bộ Sở sẽ xem lại.',
                'Saved and sent again. An officer will review it.',
              )
            : bankChanges
              ? bi(
                  'Đã lưu hồ sơ. Tài khoản ngân hàng mới đang chờ cán bộ Sở duyệt.',
                  'Profile saved. The new bank account waits for an officer’s approval.',
                )
              : bi('Đã lưu hồ sơ.', 'Profile saved.'),
          'success',
        );
      } catch (err) {
        if (err instanceof ApiError && err.code === 'seller.versionConflict') {
          errors.showError(err.bi());
          errors.summary.append(
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                onclick: async () => {
                  const me = await api<Me>('/api/me');
                  if (me.seller) {
                    onSaved(me.seller);
                    edit(me.seller);
                  }
                },
              },
              bi(
                'Tải lại hồ sơ mới nhất (bỏ thay đổi của bạn)',
                'Reload the latest profile (drops your changes)',
              ),
            ),
          );
          return;
        }
        if (err instanceof ApiError)
          errors.showApiError(err, { 'account.wrongPassword': 'currentPassword' }, input);
        else errors.showError(bi('Không kết nối được.', 'Could not connect.'));
      }
    });
  });
}

export function setupProfile(
  reference: Reference,
  seller: SellerView,
  saved: (seller: SellerView) => void,
  show: (text: Bi, kind?: 'success' | 'error') => void,
): void {
  ref = reference;
  onSaved = saved;
  flash = show;
  renderProfile(seller);
}
