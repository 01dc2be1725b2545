import { foldKey } from './values';

/**
 * The import file's columns: Vietnamese header (ASCII, snake case, so it survives any encoding)
 * with the English name in brackets, e.g. `gia (price)`. Headers are matched after folding
 * (case, accents, spaces, underscores), so `Giá`, `GIA`, `gia (price)` and `price` all find the
 * price column. Column order is free; unknown columns are ignored and reported.
 */
export type ColumnId =
  | 'name'
  | 'nameEn'
  | 'description'
  | 'descriptionEn'
  | 'category'
  | 'unit'
  | 'price'
  | 'priceTiers'
  | 'stock'
  | 'capacityPerDate'
  | 'communeCode'
  | 'ocopStars'
  | 'ocopNumber'
  | 'ocopExpiresOn'
  | 'otherCertifications'
  | 'images'
  | 'status';

export interface ColumnDef {
  id: ColumnId;
  /** The Vietnamese header key. */
  vi: string;
  /** The English name, shown in brackets. */
  en: string;
  /** Human labels for messages. */
  label: { vi: string; en: string };
  required: boolean;
  /** Other headers that mean this column (folded before comparing). */
  aliases: readonly string[];
  /** What to write, for the template's notes. */
  note: { vi: string; en: string };
  /** Template column width (characters). */
  width: number;
  /** Formatted as text in the XLSX template (codes and dates keep their form). */
  text?: boolean;
}

export const COLUMNS: readonly ColumnDef[] = [
  {
    id: 'name',
    vi: 'ten_san_pham',
    en: 'name',
    label: { vi: 'Tên sản phẩm', en: 'Name' },
    required: true,
    aliases: ['ten', 'ten san pham', 'product name', 'name vi'],
    note: { vi: 'Bắt buộc, tối đa 120 ký tự.', en: 'Required, at most 120 characters.' },
    width: 34,
  },
  {
    id: 'nameEn',
    vi: 'ten_tieng_anh',
    en: 'English name',
    label: { vi: 'Tên tiếng Anh', en: 'English name' },
    required: false,
    aliases: ['name en', 'english name'],
    note: { vi: 'Không bắt buộc.', en: 'Optional.' },
    width: 28,
  },
  {
    id: 'description',
    vi: 'mo_ta',
    en: 'description',
    label: { vi: 'Mô tả', en: 'Description' },
    required: false,
    aliases: ['mo ta san pham', 'description vi'],
    note: {
      vi: 'Không bắt buộc, tối đa 5000 ký tự, được xuống dòng.',
      en: 'Optional, at most 5000 characters, line breaks allowed.',
    },
    width: 40,
  },
  {
    id: 'descriptionEn',
    vi: 'mo_ta_tieng_anh',
    en: 'English description',
    label: { vi: 'Mô tả tiếng Anh', en: 'English description' },
    required: false,
    aliases: ['description en', 'english description'],
    note: { vi: 'Không bắt buộc.', en: 'Optional.' },
    width: 30,
  },
  {
    id: 'category',
    vi: 'danh_muc',
    en: 'category',
    label: { vi: 'Danh mục', en: 'Category' },
    required: true,
    aliases: ['loai', 'nhom', 'nhom hang'],
    note: {
      vi: 'Bắt buộc: tên hoặc mã trong trang "Danh mục".',
      en: 'Required: a name or code from the "Lists" sheet.',
    },
    width: 20,
  },
  {
    id: 'unit',
    vi: 'don_vi',
    en: 'unit',
    label: { vi: 'Đơn vị', en: 'Unit' },
    required: true,
    aliases: ['don vi tinh', 'dvt'],
    note: { vi: 'Bắt buộc: kg, hộp, túi, chai, người, đêm…', en: 'Required: kg, hộp, túi, chai…' },
    width: 10,
  },
  {
    id: 'price',
    vi: 'gia',
    en: 'price',
    label: { vi: 'Giá', en: 'Price' },
    required: true,
    aliases: ['gia ban', 'don gia', 'gia vnd', 'price vnd'],
    note: {
      vi: 'Bắt buộc, số nguyên đồng: 1250000, 1.250.000 hoặc 1,250,000.',
      en: 'Required, whole VND: 1250000, 1.250.000 or 1,250,000.',
    },
    width: 14,
  },
  {
    id: 'priceTiers',
    vi: 'gia_theo_so_luong',
    en: 'tier prices',
    label: { vi: 'Giá theo số lượng', en: 'Tier prices' },
    required: false,
    aliases: ['gia si', 'bac gia', 'price tiers'],
    note: {
      vi: 'Không bắt buộc: "từ 10: 95000; từ 50: 90000" (số lượng tối thiểu: đơn giá).',
      en: 'Optional: "10: 95000; 50: 90000" (minimum quantity: unit price).',
    },
    width: 24,
    text: true,
  },
  {
    id: 'stock',
    vi: 'ton_kho',
    en: 'stock',
    label: { vi: 'Tồn kho', en: 'Stock' },
    required: false,
    aliases: ['so luong', 'so luong ton', 'quantity'],
    note: {
      vi: 'Hàng hóa: bắt buộc, số nguyên ≥ 0. Dịch vụ: để trống.',
      en: 'Goods: required, whole number ≥ 0. Services: leave empty.',
    },
    width: 10,
  },
  {
    id: 'capacityPerDate',
    vi: 'suc_chua_moi_ngay',
    en: 'capacity per date',
    label: { vi: 'Sức chứa mỗi ngày', en: 'Capacity per date' },
    required: false,
    aliases: ['suc chua', 'capacity'],
    note: {
      vi: 'Dịch vụ (tour, homestay): bắt buộc, số nguyên ≥ 1. Hàng hóa: để trống.',
      en: 'Services (tours, homestays): required, whole number ≥ 1. Goods: leave empty.',
    },
    width: 12,
  },
  {
    id: 'communeCode',
    vi: 'ma_xa',
    en: 'commune code',
    label: { vi: 'Mã xã xuất xứ', en: 'Origin commune code' },
    required: true,
    aliases: ['ma xa xuat xu', 'xa', 'commune', 'origin commune code'],
    note: {
      vi: 'Bắt buộc: mã 5 chữ số (hoặc tên xã) trong trang "Danh mục".',
      en: 'Required: the 5-digit code (or the name) from the "Lists" sheet.',
    },
    width: 12,
    text: true,
  },
  {
    id: 'ocopStars',
    vi: 'ocop_sao',
    en: 'OCOP stars',
    label: { vi: 'Số sao OCOP', en: 'OCOP stars' },
    required: false,
    aliases: ['sao ocop', 'ocop'],
    note: { vi: 'Không bắt buộc: 3, 4 hoặc 5.', en: 'Optional: 3, 4 or 5.' },
    width: 10,
  },
  {
    id: 'ocopNumber',
    vi: 'ocop_so_chung_nhan',
    en: 'OCOP certificate number',
    label: { vi: 'Số chứng nhận OCOP', en: 'OCOP certificate number' },
    required: false,
    aliases: ['so chung nhan ocop'],
    note: { vi: 'Bắt buộc khi có sao OCOP.', en: 'Required with OCOP stars.' },
    width: 22,
    text: true,
  },
  {
    id: 'ocopExpiresOn',
    vi: 'ocop_het_han',
    en: 'OCOP expiry date',
    label: { vi: 'Ngày hết hạn OCOP', en: 'OCOP expiry date' },
    required: false,
    aliases: ['han ocop', 'ngay het han ocop'],
    note: {
      vi: 'Bắt buộc khi có sao OCOP: ngày/tháng/năm, ví dụ 31/12/2027.',
      en: 'Required with OCOP stars: day/month/year, e.g. 31/12/2027.',
    },
    width: 14,
    text: true,
  },
  {
    id: 'otherCertifications',
    vi: 'chung_nhan_khac',
    en: 'other certifications',
    label: { vi: 'Chứng nhận khác', en: 'Other certifications' },
    required: false,
    aliases: ['chung nhan', 'certifications'],
    note: {
      vi: 'Không bắt buộc: VietGAP, ASC, Hữu cơ, cách nhau bởi dấu chấm phẩy.',
      en: 'Optional: VietGAP, ASC, Organic, separated by semicolons.',
    },
    width: 20,
  },
  {
    id: 'images',
    vi: 'anh',
    en: 'image keys',
    label: { vi: 'Ảnh', en: 'Images' },
    required: false,
    aliases: ['hinh anh', 'images', 'image'],
    note: {
      vi: 'Không bắt buộc: mã ảnh đã tải lên (img/…), cách nhau bởi dấu chấm phẩy.',
      en: 'Optional: keys of uploaded images (img/…), separated by semicolons.',
    },
    width: 20,
    text: true,
  },
  {
    id: 'status',
    vi: 'trang_thai',
    en: 'status',
    label: { vi: 'Trạng thái', en: 'Status' },
    required: false,
    aliases: ['hien thi'],
    note: {
      vi: '"nháp" (mặc định, chưa hiển thị) hoặc "đang bán" (hiển thị ngay).',
      en: '"draft" (default, not shown) or "active" (listed at once).',
    },
    width: 12,
  },
];

/** `gia (price)`: the header the template writes and messages name. */
export const headerOf = (column: ColumnDef): string => `${column.vi} (${column.en})`;

export const columnById = new Map(COLUMNS.map((c) => [c.id, c]));
export const column = (id: ColumnId): ColumnDef => columnById.get(id) as ColumnDef;

/** Folded header names → column, built on the first header matched (not at import). */
let foldedNames: Map<string, ColumnId> | undefined;
function byFoldedName(): Map<string, ColumnId> {
  if (!foldedNames) {
    foldedNames = new Map();
    for (const c of COLUMNS) {
      for (const name of [c.vi, c.en, headerOf(c), c.label.vi, c.label.en, ...c.aliases]) {
        foldedNames.set(foldKey(name), c.id);
      }
    }
  }
  return foldedNames;
}

/**
 * The column a header cell names, or undefined. Tries the whole header, then the part before a
 * bracket (`gia (price)` → `gia`), then the part inside it (`Giá bán (price)` → `price`).
 */
export function matchHeader(header: string): ColumnId | undefined {
  const names = byFoldedName();
  const whole = names.get(foldKey(header));
  if (whole) return whole;
  const m = /^([^([]*)[([]([^)\]]*)[)\]]?\s*$/.exec(header);
  if (!m) return undefined;
  return names.get(foldKey(m[1] ?? '')) ?? names.get(foldKey(m[2] ?? ''));
}

/**
 * The template's example row: a row whose name is exactly this one is skipped on import (and
 * reported). Here, not in ./template, so the importer does not load the template writer.
 */
export const EXAMPLE_NAME = 'VÍ DỤ - Tôm khô Đất Mũi loại 1';
