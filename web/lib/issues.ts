import { type Bi, bi } from './i18n';

/**
 * zod issues (from the shared schemas run in the page, or from the API's `request.invalid`
 * details) → a message a person can act on, Vietnamese first. Decided by the issue's code, its
 * rule (`params.rule` of the shared schemas' refinements), the field it is about and the value
 * that was typed — never by zod's English message, except for the few cross-field rules of the
 * product schema whose message is their only name.
 */
export interface IssueLike {
  code: string;
  /** zod gives an array; the API gives `a.b.0.c`. */
  path: ReadonlyArray<PropertyKey> | string;
  message?: string;
  params?: { rule?: string };
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  received?: string;
}

export const pathKey = (path: IssueLike['path']): string =>
  typeof path === 'string' ? path : path.map(String).join('.');

/**
 * Messages follow their field's label in the error summary ("Mã số thuế: …"), so they never
 * repeat it: they say what is wrong and how it should look.
 */
const RULES: Record<string, Bi> = {
  taxCode: bi(
    'Không đúng. Dùng một trong ba dạng: 10 số như trên giấy đăng ký (ví dụ 0101234567; số cuối là số kiểm tra nên một số gõ nhầm sẽ bị báo sai); chi nhánh: 10 số, gạch ngang và 3 số (0101234567-001); hộ kinh doanh: số định danh cá nhân 12 số trên căn cước (012345678901).',
    'Not right. Use one of three forms: the 10 digits on the registration (e.g. 0101234567; the last digit is a check digit, so one mistyped digit is caught); a branch: 10 digits, a dash and 3 digits (0101234567-001); a household business: the 12-digit personal number on the ID card (012345678901).',
  ),
  taxCodeForType: bi(
    'Số 12 chữ số (số định danh cá nhân) chỉ dùng cho hộ kinh doanh; hợp tác xã và doanh nghiệp dùng mã 10 số.',
    'A 12-digit personal number is for household businesses only; cooperatives and enterprises use the 10-digit code.',
  ),
  phone: bi(
    'Cần 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678).',
    'Needs 10 digits starting 03, 05, 07, 08 or 09 (e.g. 0912 345 678).',
  ),
  communeCode: bi('Hãy chọn một xã/phường của tỉnh.', 'Choose a commune of the province.'),
  sectorCode: bi('Hãy chọn một ngành trong danh sách.', 'Choose one from the list.'),
  bankBin: bi('Hãy chọn ngân hàng trong danh sách.', 'Choose a bank from the list.'),
  holderName: bi(
    'Chỉ gồm chữ cái và khoảng trắng, như in trên thẻ.',
    'Letters and spaces only, as printed by the bank.',
  ),
  password: bi(
    'Quá đơn giản: dùng ít nhất 4 ký tự khác nhau.',
    'Too simple: use at least 4 different characters.',
  ),
};

/** The product schema's cross-field rules, named by their message. */
const PRODUCT_RULES: Record<string, Bi> = {
  'Goods need a stock': bi('Hàng hóa cần có số lượng tồn kho.', 'Goods need a stock.'),
  'Only services have a capacity per date': bi(
    'Chỉ dịch vụ mới có sức chứa mỗi ngày.',
    'Only services have a capacity per date.',
  ),
  'Services need a capacity per date': bi(
    'Dịch vụ cần có sức chứa mỗi ngày.',
    'Services need a capacity per date.',
  ),
  'Services have no stock': bi('Dịch vụ không có tồn kho.', 'Services have no stock.'),
  'A tier price must be below the base price': bi(
    'Giá theo số lượng phải thấp hơn giá gốc.',
    'A tier price must be below the base price.',
  ),
  'Tier quantities must strictly increase': bi(
    'Số lượng của các mức giá phải tăng dần.',
    'Tier quantities must strictly increase.',
  ),
  'Tier prices must strictly decrease': bi(
    'Giá của các mức phải giảm dần.',
    'Tier prices must strictly decrease.',
  ),
  'At most one OCOP rating': bi('Chỉ một chứng nhận OCOP.', 'At most one OCOP rating.'),
  'Each image once': bi('Mỗi ảnh chỉ một lần.', 'Each image once.'),
  'Not your upload': bi('Ảnh không thuộc tài khoản này.', 'Not your upload.'),
  'Not an official commune code of the province': RULES.communeCode as Bi,
  'Not a commune of the province': RULES.communeCode as Bi,
};

/** Field-specific wording for a bad format, by the last named segment of the path. */
const FORMATS: Record<string, Bi> = {
  email: bi(
    'Không đúng dạng địa chỉ email, ví dụ htx.tomkho@gmail.com.',
    'Not an email address, e.g. htx.tomkho@gmail.com.',
  ),
  accountNumber: bi(
    'Cần 6–19 chữ số hoặc chữ cái, không dấu cách.',
    '6–19 letters or digits, no spaces.',
  ),
  bin: RULES.bankBin as Bi,
  communeCode: RULES.communeCode as Bi,
  originCommuneCode: RULES.communeCode as Bi,
  sectorCode: RULES.sectorCode as Bi,
  expiresOn: bi('Ngày không hợp lệ.', 'Not a valid date.'),
  images: bi('Ảnh không hợp lệ.', 'Invalid image.'),
};

/** Fields picked from a list ("Vui lòng chọn."); every other field is typed ("Vui lòng nhập."). */
const CHOICE_FIELDS = new Set([
  'type',
  'category',
  'unit',
  'kind',
  'stars',
  'status',
  'bin',
  'communeCode',
  'originCommuneCode',
  'sectorCode',
]);

const lastName = (path: IssueLike['path']): string => {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] as string;
    if (!/^\d+$/.test(part)) return part;
  }
  return '';
};

const WHOLE_NUMBER = bi(
  'Hãy nhập số chẵn, không có phần lẻ sau dấu phẩy (ví dụ 12).',
  'Enter a number without a fraction (e.g. 12).',
);

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * @param value what the person entered at the issue's path, when known: an empty value gets
 * "required" whatever rule it broke first.
 */
export function issueMessage(issue: IssueLike, value?: unknown): Bi {
  const field = lastName(issue.path);
  const numeric = issue.origin === 'number' || issue.expected === 'number';
  if (
    isEmpty(value) &&
    (issue.code === 'too_small' ||
      issue.code === 'invalid_type' ||
      issue.code === 'invalid_format' ||
      issue.code === 'invalid_value' ||
      issue.code === 'invalid_union' ||
      issue.code === 'custom')
  ) {
    if (CHOICE_FIELDS.has(field)) return bi('Vui lòng chọn.', 'Please choose one.');
    if (!(issue.code === 'too_small' && issue.origin === 'array'))
      return bi('Vui lòng nhập.', 'This is required.');
  }
  const rule = issue.params?.rule;
  if (rule && RULES[rule]) return RULES[rule];
  if (issue.message && PRODUCT_RULES[issue.message]) return PRODUCT_RULES[issue.message] as Bi;
  const min = issue.minimum === undefined ? undefined : Number(issue.minimum);
  const max = issue.maximum === undefined ? undefined : Number(issue.maximum);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return WHOLE_NUMBER;
      if (numeric || issue.received === 'NaN' || /received NaN/.test(issue.message ?? ''))
        return bi('Hãy nhập một số.', 'Enter a number.');
      if (/received undefined/.test(issue.message ?? ''))
        return bi('Vui lòng nhập.', 'This is required.');
      return bi('Giá trị không hợp lệ.', 'Invalid value.');
    case 'too_small':
      if (issue.origin === 'string')
        return min !== undefined && min > 1
          ? bi(`Cần ít nhất ${min} ký tự.`, `At least ${min} characters.`)
          : bi('Vui lòng nhập.', 'This is required.');
      if (issue.origin === 'array')
        return bi(`Cần ít nhất ${min ?? 1} mục.`, `At least ${min ?? 1} items.`);
      return min !== undefined
        ? bi(`Giá trị nhỏ nhất là ${min.toLocaleString('vi-VN')}.`, `The minimum is ${min}.`)
        : bi('Giá trị quá nhỏ.', 'Too small.');
    case 'too_big':
      if (issue.origin === 'string')
        return bi(`Tối đa ${max} ký tự.`, `At most ${max} characters.`);
      if (issue.origin === 'array') return bi(`Tối đa ${max} mục.`, `At most ${max} items.`);
      return max !== undefined
        ? bi(`Giá trị lớn nhất là ${max.toLocaleString('vi-VN')}.`, `The maximum is ${max}.`)
        : bi('Giá trị quá lớn.', 'Too large.');
    case 'not_multiple_of':
      return WHOLE_NUMBER;
    case 'invalid_format':
      if (issue.format === 'email') return FORMATS.email as Bi;
      if (issue.format === 'date') return FORMATS.expiresOn as Bi;
      return FORMATS[field] ?? bi('Không đúng định dạng.', 'Wrong format.');
    case 'invalid_value':
    case 'invalid_union':
      return bi('Hãy chọn một giá trị trong danh sách.', 'Choose a value from the list.');
    case 'unrecognized_keys':
      return bi('Có trường không được nhận.', 'Unexpected field.');
    default:
      return FORMATS[field] ?? bi('Giá trị không hợp lệ.', 'Invalid value.');
  }
}
