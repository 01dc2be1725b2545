import { SellerProfileUpdateSchema } from '../../shared/sellers/seller';
import { ApiError, api } from '../lib/api';
import { $, h, replace } from '../lib/dom';
import { formatDate, SELLER_STATUS, SELLER_TYPE, statusBadge } from '../lib/format';
import { busy, FormErrors } from '../lib/forms';
import { type Bi, bi } from '../lib/i18n';
import type { Reference } from '../lib/reference';
import { bankFieldset, profileFields, profileValues } from '../lib/seller-fields';
import type { Me, SellerView } from '../lib/session';

/** The seller's profile: shown as facts, edited in place on the version read (409 → reload). */
const host = $('#profile-host');
let ref: Reference;
let onSaved: (seller: SellerView) => void;
let flash: (text: Bi, kind?: 'success' | 'error') => void;

function row(label: Bi, ...value: Array<string | Bi | Node | null>) {
  return [h('dt', null, label), h('dd', null, ...value)];
}

export function renderProfile(seller: SellerView): void {
  const bank = ref.data.banks.find((b) => b.bin === seller.bank.bin);
  const editButton = h(
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
        row(bi('Tên pháp lý', 'Legal name'), h('span', { lang: 'vi' }, seller.legalName)),
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
        row(bi('Ngày đăng ký', 'Registered'), formatDate(seller.createdAt)),
      ),
      h(
        'p',
        { class: 'hint' },
        bi(
          'Loại hình và mã số thuế không tự sửa được; liên hệ Sở nếu cần thay đổi.',
          'Type and tax code cannot be changed here; contact the department if they must change.',
        ),
      ),
      h('div', { class: 'actions' }, editButton),
    ),
  );
}

function edit(seller: SellerView) {
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
  errors.register(...Object.values(f));
  const save = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    bi('Lưu hồ sơ', 'Save profile'),
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
    const input = { version: seller.version, ...profileValues(f) };
    const checked = SellerProfileUpdateSchema.safeParse(input);
    if (!checked.success) {
      errors.showIssues(checked.error.issues, input);
      return;
    }
    void busy(save, async () => {
      try {
        const { seller: saved } = await api<{ seller: SellerView }>('/api/seller/profile', {
          method: 'PUT',
          body: input,
        });
        onSaved(saved);
        renderProfile(saved);
        flash(bi('Đã lưu hồ sơ.', 'Profile saved.'), 'success');
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
        if (err instanceof ApiError) errors.showApiError(err, {}, input);
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
