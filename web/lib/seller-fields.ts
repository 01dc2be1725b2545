import { foldToAscii } from '../../shared/vietqr/fold';
import { h, setText, uid } from './dom';
import { type Field, field, type Option, optionNodes } from './forms';
import { bi } from './i18n';
import type { Reference } from './reference';

/** Pickers shared by sign-up and the profile form: commune, sector, bank and account fields. */
export function communeOptions(ref: Reference): Option[] {
  return ref.communesSorted.map((c) => ({ value: c.code, label: bi(c.name, c.nameEn || c.name) }));
}

/** Sectors in words (code in brackets, for those who know it), alphabetically. */
export function sectorOptions(ref: Reference): Option[] {
  return [...ref.data.sectors]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((s) => ({
      value: s.code,
      label: bi(`${s.name} (${s.code})`, `${s.nameEn || s.name} (${s.code})`),
    }));
}

/** Lower-case, accent-free words: "Mật ong" and "mat ong" find the same sector. */
const folded = (text: string) => foldToAscii(text).toLowerCase();

/**
 * A search box above the sector list: typed words (with or without accents, or a code) narrow the
 * list to the sectors whose Vietnamese or English name holds them all; one match is chosen at
 * once. The select stays the field (its value is what is sent).
 */
function withSectorSearch(f: Field, ref: Reference): Field {
  const select = f.control as HTMLSelectElement;
  const all = sectorOptions(ref);
  const placeholder = select.options[0]?.value === '' ? select.options[0].cloneNode(true) : null;
  const id = uid('sector-search');
  const search = h('input', {
    id,
    type: 'search',
    autocomplete: 'off',
    'aria-controls': select.id,
    placeholder: bi('Ví dụ: tôm, mật ong, du lịch', 'E.g. shrimp, honey, tours'),
  });
  const count = h('p', { class: 'hint', 'aria-live': 'polite' });
  search.addEventListener('input', () => {
    const words = folded(search.value).split(/\s+/).filter(Boolean);
    const keep = all.filter((o) => {
      const label = o.label as { vi: string; en: string };
      const hay = folded(`${label.vi} ${label.en}`);
      return words.every((w) => hay.includes(w));
    });
    const chosen = select.value;
    const shown =
      keep.some((o) => o.value === chosen) || !chosen
        ? keep
        : [...keep, ...all.filter((o) => o.value === chosen)];
    select.replaceChildren(
      ...(placeholder ? [placeholder.cloneNode(true)] : []),
      ...optionNodes(shown),
    );
    select.value = keep.length === 1 && keep[0] ? keep[0].value : chosen;
    if (words.length === 0) {
      count.replaceChildren();
      delete count.dataset.vi;
      delete count.dataset.en;
      return;
    }
    setText(
      count,
      keep.length === 0
        ? bi(
            'Không có ngành nào khớp; thử từ khác.',
            'No line of business matches; try other words.',
          )
        : bi(`${keep.length} ngành khớp.`, `${keep.length} matching.`),
    );
  });
  const label = h(
    'label',
    { for: id, class: 'sub-label' },
    bi('Tìm ngành theo từ', 'Search by words'),
  );
  f.control.before(label, search, count);
  return f;
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
      label: bi('Tên đăng ký kinh doanh', 'Registered business name'),
      path: 'legalName',
      hint: bi(
        'Tên đầy đủ ghi trên giấy chứng nhận đăng ký kinh doanh, ví dụ: Hợp tác xã Tôm khô Rạch Gốc.',
        'The full name on the business registration certificate, e.g. Hợp tác xã Tôm khô Rạch Gốc.',
      ),
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
    sectorCode: withSectorSearch(
      field({
        label: bi('Ngành nghề chính', 'Main line of business'),
        path: 'sectorCode',
        kind: 'select',
        hint: bi(
          'Việc bạn làm nhiều nhất, như ghi trên giấy đăng ký. Gõ vài từ để tìm, rồi chọn trong danh sách.',
          'What you mostly do, as on the registration. Type a few words to search, then pick from the list.',
        ),
        options: sectorOptions(ref),
        placeholderOption: bi('Chọn ngành nghề…', 'Choose a line of business…'),
        value: values.sectorCode,
      }),
      ref,
    ),
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
