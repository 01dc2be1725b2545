import type { ColumnDef } from './columns';

/**
 * Per-cell messages, Vietnamese and English, for the import report. Codes are stable (the web page
 * and API clients may branch on them); texts may improve.
 */
export type RowErrorCode =
  /** A required cell is empty. */
  | 'required'
  /** Not a number at all (`abc`). */
  | 'not_a_number'
  /** A number with a fractional part where only whole numbers go (money, stock). */
  | 'not_integer'
  | 'invalid_date'
  /** Not one of the allowed values (category, unit, status, certification, commune). */
  | 'invalid_value'
  /** The right type, wrong shape (tier prices, image keys, commune code format). */
  | 'invalid_format'
  | 'too_small'
  | 'too_big'
  /** A rule across cells (goods need stock; tier prices decrease…), or another rule. */
  | 'invalid_combination'
  /** The same product (name and unit) earlier in the file. */
  | 'duplicate'
  /** A product with this name and unit is already in the seller's catalog. */
  | 'already_exists'
  /** A formula that failed in Excel (`#N/A`…). */
  | 'formula_error'
  /** A formula cell with no computed value. */
  | 'formula_not_computed'
  /** An image key that is not one of this seller's uploads. */
  | 'not_own_image'
  /** An image key of the seller's with no uploaded image (or bytes that are not that image). */
  | 'image_not_uploaded'
  /** The existing product this row updates was changed by someone else during the import. */
  | 'changed_meanwhile';

export interface Bilingual {
  vi: string;
  en: string;
}

const viNumber = (n: number) => n.toLocaleString('de-DE'); // 1.000.000: the Vietnamese grouping
const enNumber = (n: number) => n.toLocaleString('en-US');

export interface MessageContext {
  code: RowErrorCode;
  column: ColumnDef;
  minimum?: number;
  maximum?: number;
  /** too_small/too_big on text length rather than a number. */
  length?: boolean;
  /** The duplicate's first row. */
  firstRow?: number;
  /** The offending value, quoted in the message (shortened). */
  value?: string;
  /** For invalid_combination: the English rule from the schema. */
  rule?: string;
}

/** Cross-field rules of NewProductSchema (by their English message) in Vietnamese. */
const RULES: ReadonlyArray<[RegExp, Bilingual]> = [
  [/goods need a stock/i, { vi: 'Hàng hóa cần có số tồn kho', en: 'Goods need a stock quantity' }],
  [
    /only services have a capacity/i,
    {
      vi: 'Chỉ dịch vụ (tour, homestay) mới có sức chứa mỗi ngày; hàng hóa để trống cột này',
      en: 'Only services (tours, homestays) have a capacity per date; leave it empty for goods',
    },
  ],
  [
    /services need a capacity/i,
    {
      vi: 'Dịch vụ (tour, homestay) cần có sức chứa mỗi ngày',
      en: 'Services (tours, homestays) need a capacity per date',
    },
  ],
  [
    /services have no stock/i,
    {
      vi: 'Dịch vụ không có tồn kho; dùng cột sức chứa mỗi ngày',
      en: 'Services have no stock; use the capacity per date column',
    },
  ],
  [
    /tier price must be below the base/i,
    { vi: 'Giá theo số lượng phải thấp hơn giá bán', en: 'A tier price must be below the price' },
  ],
  [
    /quantities must strictly increase/i,
    {
      vi: 'Số lượng của các bậc giá phải tăng dần',
      en: 'Tier quantities must increase from one tier to the next',
    },
  ],
  [
    /prices must strictly decrease/i,
    {
      vi: 'Đơn giá của các bậc giá phải giảm dần',
      en: 'Tier prices must decrease from one tier to the next',
    },
  ],
  [/at most one ocop/i, { vi: 'Chỉ được một chứng nhận OCOP', en: 'At most one OCOP rating' }],
  [
    /control characters/i,
    {
      vi: 'Không được chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản',
      en: 'Must not contain control or text-direction characters',
    },
  ],
  [
    /official commune code/i,
    {
      vi: 'Mã xã không có trong danh mục hành chính của tỉnh',
      en: 'Not an official commune code of the province',
    },
  ],
  [/5-digit commune code/i, { vi: 'Mã xã gồm 5 chữ số', en: 'A commune code has 5 digits' }],
  [/each image once/i, { vi: 'Mỗi ảnh chỉ ghi một lần', en: 'List each image once' }],
  [
    /uploaded image key/i,
    {
      vi: 'Không phải mã ảnh đã tải lên (dạng img/…/….jpg)',
      en: 'Not an uploaded image key (img/…/….jpg)',
    },
  ],
];

function quote(value: string | undefined): string {
  if (value === undefined) return '';
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return ` "${short}"`;
}

/** A remark on a row that was imported anyway. */
export function rowWarningMessage(code: 'certificate_expired', expiresOn: string): Bilingual {
  const [y, m, d] = expiresOn.split('-');
  const date = `${d}/${m}/${y}`;
  return code === 'certificate_expired'
    ? {
        vi: `Chứng nhận OCOP đã hết hạn ngày ${date} nên không được ghi vào sản phẩm (sản phẩm vẫn được nhập). Khi có giấy chứng nhận mới, ghi số và ngày hết hạn mới rồi gửi lại tệp.`,
        en: `The OCOP certificate expired on ${date}, so it was left out (the product was still imported). With a new certificate, write its number and expiry date and send the file again.`,
      }
    : { vi: code, en: code };
}

/** What a correct cell looks like, added to messages about a rejected value. */
const EXAMPLES: Partial<Record<ColumnDef['id'], string>> = {
  name: 'Tôm khô Đất Mũi loại 1',
  category: 'Hải sản khô',
  unit: 'kg',
  price: '1.250.000',
  priceTiers: '10: 95000; 50: 90000',
  stock: '50',
  capacityPerDate: '20',
  communeCode: '32248',
  ocopStars: '4',
  ocopNumber: 'OCOP-CM-2024-0123',
  ocopExpiresOn: '31/12/2027',
  otherCertifications: 'VietGAP; Hữu cơ',
  status: 'đang bán',
};

const withExample = (message: Bilingual, id: ColumnDef['id']): Bilingual => {
  const example = EXAMPLES[id];
  return example === undefined
    ? message
    : {
        vi: `${message.vi}. Ví dụ đúng: ${example}`,
        en: `${message.en}. A correct example: ${example}`,
      };
};

/** The message for one problem in one cell, with an example of a correct value where one helps. */
export function rowMessage(ctx: MessageContext): Bilingual {
  const message = baseMessage(ctx);
  return ['required', 'not_a_number', 'not_integer', 'invalid_value', 'invalid_format'].includes(
    ctx.code,
  ) && !/31\/12\/2027|1250000|10: 95000/.test(message.vi)
    ? withExample(message, ctx.column.id)
    : message;
}

function baseMessage(ctx: MessageContext): Bilingual {
  const L = ctx.column.label;
  const v = quote(ctx.value);
  switch (ctx.code) {
    case 'required':
      return { vi: `${L.vi} không được để trống`, en: `${L.en} is required` };
    case 'not_a_number':
      return { vi: `${L.vi}${v} không phải là số`, en: `${L.en}${v} is not a number` };
    case 'not_integer':
      return ctx.column.id === 'price' || ctx.column.id === 'priceTiers'
        ? {
            vi: `${L.vi}${v} phải là số nguyên đồng, không có phần lẻ (viết 1250000 hoặc 1.250.000)`,
            en: `${L.en}${v} must be whole VND, no decimals (write 1250000 or 1,250,000)`,
          }
        : { vi: `${L.vi}${v} phải là số nguyên`, en: `${L.en}${v} must be a whole number` };
    case 'invalid_date':
      return {
        vi: `${L.vi}${v} không phải ngày hợp lệ (viết ngày/tháng/năm, ví dụ 31/12/2027)`,
        en: `${L.en}${v} is not a valid date (write day/month/year, e.g. 31/12/2027)`,
      };
    case 'invalid_value':
      if (ctx.column.id === 'ocopStars')
        return { vi: 'Số sao OCOP phải là 3, 4 hoặc 5', en: 'OCOP stars must be 3, 4 or 5' };
      if (ctx.column.id === 'status')
        return {
          vi: `${L.vi}${v} không hợp lệ: dùng "nháp" hoặc "đang bán"`,
          en: `${L.en}${v} is not valid: use "draft" or "active"`,
        };
      return {
        vi: `${L.vi}${v} không có trong danh sách cho phép (xem trang "Danh mục" của tệp mẫu)`,
        en: `${L.en}${v} is not an allowed value (see the "Lists" sheet of the template)`,
      };
    case 'invalid_format':
      if (ctx.rule) {
        const rule = RULES.find(([re]) => re.test(ctx.rule ?? ''));
        if (rule) return { vi: `${L.vi}: ${rule[1].vi}`, en: `${L.en}: ${rule[1].en}` };
      }
      if (ctx.column.id === 'priceTiers')
        return {
          vi: `${L.vi}${v} không đúng dạng; viết "10: 95000; 50: 90000"`,
          en: `${L.en}${v} is malformed; write "10: 95000; 50: 90000"`,
        };
      return { vi: `${L.vi}${v} không đúng định dạng`, en: `${L.en}${v} is malformed` };
    case 'too_small':
      if (ctx.length) return { vi: `${L.vi} không được để trống`, en: `${L.en} is required` };
      if (ctx.minimum === 1) return { vi: `${L.vi} phải lớn hơn 0`, en: `${L.en} must be above 0` };
      if (ctx.minimum === 0)
        return { vi: `${L.vi} không được âm`, en: `${L.en} cannot be negative` };
      return {
        vi: `${L.vi} phải từ ${viNumber(ctx.minimum ?? 0)} trở lên`,
        en: `${L.en} must be at least ${enNumber(ctx.minimum ?? 0)}`,
      };
    case 'too_big':
      if (ctx.length)
        return {
          vi: `${L.vi} dài tối đa ${viNumber(ctx.maximum ?? 0)} ký tự`,
          en: `${L.en} must be at most ${enNumber(ctx.maximum ?? 0)} characters`,
        };
      return {
        vi: `${L.vi} không được vượt quá ${viNumber(ctx.maximum ?? 0)}`,
        en: `${L.en} must be at most ${enNumber(ctx.maximum ?? 0)}`,
      };
    case 'invalid_combination': {
      const rule = RULES.find(([re]) => re.test(ctx.rule ?? ''));
      return rule
        ? rule[1]
        : { vi: `${L.vi}: giá trị không hợp lệ`, en: `${L.en}: ${ctx.rule ?? 'invalid value'}` };
    }
    case 'duplicate':
      return {
        vi: `Trùng với sản phẩm ở dòng ${ctx.firstRow} (cùng tên và đơn vị)`,
        en: `Duplicate of the product in row ${ctx.firstRow} (same name and unit)`,
      };
    case 'already_exists':
      return {
        vi: 'Gian hàng đã có sản phẩm cùng tên và đơn vị; sửa sản phẩm đó trong trang quản lý',
        en: 'Your catalog already has a product with this name and unit; edit that one instead',
      };
    case 'formula_error':
      return {
        vi: `${L.vi}: công thức trong ô bị lỗi${v}`,
        en: `${L.en}: the cell's formula failed${v}`,
      };
    case 'formula_not_computed':
      return {
        vi: `${L.vi}: ô chứa công thức chưa được tính; hãy dán giá trị thay cho công thức`,
        en: `${L.en}: the cell holds a formula with no value; paste values instead`,
      };
    case 'not_own_image':
      return {
        vi: `${L.vi}${v} không phải ảnh do bạn tải lên`,
        en: `${L.en}${v} is not one of your uploads`,
      };
    case 'changed_meanwhile':
      return {
        vi: 'Sản phẩm này vừa được sửa ở nơi khác trong lúc nhập nên dòng này không được ghi; gửi lại tệp để cập nhật',
        en: 'This product was changed elsewhere during the import, so the row was not written; send the file again to update it',
      };
    case 'image_not_uploaded':
      return {
        vi: `${L.vi}${v} chưa được tải lên (hoặc không phải ảnh)`,
        en: `${L.en}${v} was never uploaded (or is not an image)`,
      };
  }
}
