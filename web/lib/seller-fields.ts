import { h } from './dom';
import { type Field, field, type Option } from './forms';
import { bi } from './i18n';
import type { Reference } from './reference';

/** Pickers shared by sign-up and the profile form: commune, sector, bank and account fields. */
export function communeOptions(ref: Reference): Option[] {
  return ref.communesSorted.map((c) => ({ value: c.code, label: bi(c.name, c.nameEn || c.name) }));
}

export function sectorOptions(ref: Reference): Option[] {
  return ref.data.sectors.map((s) => ({
    value: s.code,
    label: bi(`${s.code} — ${s.name}`, `${s.code} — ${s.nameEn || s.name}`),
  }));
}

export function bankOptions(ref: Reference): Option[] {
  return [...ref.data.banks]
    .sort((a, b) => a.shortName.localeCompare(b.shortName, 'vi'))
    .map((b) => ({ value: b.bin, label: `${b.shortName} — ${b.name}` }));
}

export interface ProfileFields {
  legalName: Field;
  phone: Field;
  communeCode: Field;
  sectorCode: Field;
  bin: Field;
  accountNumber: Field;
  holderName: Field;
}

export function profileFields(
  ref: Reference,
  values: Partial<Record<keyof ProfileFields, string>> = {},
): ProfileFields {
  return {
    legalName: field({
      label: bi('Tên pháp lý', 'Legal name'),
      path: 'legalName',
      hint: bi('Như trên giấy đăng ký kinh doanh.', 'As on the business registration.'),
      value: values.legalName,
      attrs: { autocomplete: 'organization', maxlength: 200 },
    }),
    phone: field({
      label: bi('Số điện thoại di động', 'Mobile phone number'),
      path: 'phone',
      type: 'tel',
      hint: bi(
        'Ví dụ 0912 345 678. Dùng để đăng nhập và liên hệ.',
        'E.g. 0912 345 678. Used to sign in and to reach you.',
      ),
      value: values.phone,
      attrs: { autocomplete: 'tel', inputmode: 'tel' },
    }),
    communeCode: field({
      label: bi('Xã/phường', 'Commune'),
      path: 'communeCode',
      kind: 'select',
      options: communeOptions(ref),
      placeholderOption: bi('Chọn xã/phường…', 'Choose a commune…'),
      value: values.communeCode,
    }),
    sectorCode: field({
      label: bi('Ngành nghề chính (VSIC)', 'Main sector (VSIC)'),
      path: 'sectorCode',
      kind: 'select',
      options: sectorOptions(ref),
      placeholderOption: bi('Chọn ngành nghề…', 'Choose a sector…'),
      value: values.sectorCode,
    }),
    bin: field({
      label: bi('Ngân hàng', 'Bank'),
      path: 'bank.bin',
      kind: 'select',
      options: bankOptions(ref),
      placeholderOption: bi('Chọn ngân hàng…', 'Choose a bank…'),
      value: values.bin,
    }),
    accountNumber: field({
      label: bi('Số tài khoản', 'Account number'),
      path: 'bank.accountNumber',
      hint: bi(
        'Người mua chuyển khoản vào tài khoản này qua VietQR.',
        'Buyers pay into this account by VietQR.',
      ),
      value: values.accountNumber,
      attrs: { inputmode: 'numeric', autocomplete: 'off', maxlength: 19 },
    }),
    holderName: field({
      label: bi('Tên chủ tài khoản', 'Account holder name'),
      path: 'bank.holderName',
      hint: bi(
        'Viết như ngân hàng in, có thể không dấu: HTX TOM KHO RACH GOC.',
        'As the bank prints it, e.g. HTX TOM KHO RACH GOC.',
      ),
      value: values.holderName,
      attrs: { autocomplete: 'off', autocapitalize: 'characters', maxlength: 70 },
    }),
  };
}

export function bankFieldset(f: ProfileFields) {
  return h(
    'fieldset',
    { class: 'group' },
    h('legend', null, bi('Tài khoản nhận tiền', 'Bank account for payments')),
    f.bin.wrap,
    f.accountNumber.wrap,
    f.holderName.wrap,
  );
}

/** What the shared profile fields hold, shaped as the sign-up and profile APIs take it. */
export function profileValues(f: ProfileFields) {
  return {
    legalName: f.legalName.value.trim(),
    phone: f.phone.value.trim(),
    communeCode: f.communeCode.value,
    sectorCode: f.sectorCode.value,
    bank: {
      bin: f.bin.value,
      accountNumber: f.accountNumber.value.replace(/\s/g, ''),
      holderName: f.holderName.value.trim(),
    },
  };
}
