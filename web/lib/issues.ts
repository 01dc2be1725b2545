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

const RULES: Record<string, Bi> = {
  taxCode: bi(
    'Mã số thuế không hợp lệ: 10 số (hoặc 10 số và mã chi nhánh 3 số), chữ số cuối phải đúng.',
    'Invalid tax code: 10 digits (or 10 plus a 3-digit branch), with a correct check digit.',
  ),
  taxCodeForType: bi(
    'Số định danh cá nhân 12 số chỉ dùng làm mã số thuế cho hộ kinh doanh.',
    'A 12-digit personal number is a tax code for household businesses only.',
  ),
  phone: bi(
    'Số di động Việt Nam không hợp lệ (ví dụ 0912 345 678).',
    'Not a Vietnamese mobile number (e.g. 0912 345 678).',
  ),
  communeCode: bi('Hãy chọn một xã/phường của tỉnh.', 'Choose a commune of the province.'),
  sectorCode: bi('Hãy chọn ngành nghề.', 'Choose a sector.'),
  bankBin: bi('Hãy chọn ngân hàng.', 'Choose a bank.'),
  holderName: bi(
    'Chỉ gồm chữ cái và khoảng trắng, như in trên thẻ.',
    'Letters and spaces only, as printed by the bank.',
  ),
  password: bi(
    'Mật khẩu quá đơn giản: dùng ít nhất 4 ký tự khác nhau.',
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
  email: bi('Email không hợp lệ.', 'Not a valid email address.'),
  accountNumber: bi(
    'Số tài khoản gồm 6–19 chữ số hoặc chữ cái.',
    'Account number: 6–19 letters or digits.',
  ),
  bin: RULES.bankBin as Bi,
  communeCode: RULES.communeCode as Bi,
  originCommuneCode: RULES.communeCode as Bi,
  sectorCode: RULES.sectorCode as Bi,
  expiresOn: bi('Ngày không hợp lệ.', 'Not a valid date.'),
  images: bi('Ảnh không hợp lệ.', 'Invalid image.'),
};

const CHOICE_FIELDS = new Set(['type', 'category', 'unit', 'kind', 'stars', 'status', 'bin']);

const lastName = (path: IssueLike['path']): string => {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] as string;
    if (!/^\d+$/.test(part)) return part;
  }
  return '';
};

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
    if (CHOICE_FIELDS.has(field) || /Code$/.test(field))
      return bi('Vui lòng chọn.', 'Please choose one.');
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
      if (issue.expected === 'int') return bi('Hãy nhập số nguyên.', 'Enter a whole number.');
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
      return bi('Hãy nhập số nguyên.', 'Enter a whole number.');
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
