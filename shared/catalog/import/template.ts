import { communes } from '../../geo/communes';
import { CATEGORIES, CATEGORY_IDS, CERTIFICATIONS, UNIT_IDS, UNITS } from '../product';
import { COLUMNS, type ColumnDef, type ColumnId, headerOf } from './columns';
import { writeCsv } from './csv';
import { neutralizeFormula } from './spreadsheet-text';
import { writeXlsx, type XlsxSheetSpec, type XlsxValue } from './xlsx-write';

/**
 * The downloadable import templates. CSV: the header row and one example row, UTF-8 with a BOM.
 * XLSX: sheet "Sản phẩm" (header, example, drop-downs), sheet "Danh mục" (allowed categories,
 * units, commune codes, certifications, statuses) and sheet "Hướng dẫn" (what goes in each column,
 * in Vietnamese and English). Pure and deterministic.
 */
export const PRODUCTS_SHEET = 'Sản phẩm';
export const LISTS_SHEET = 'Danh mục';
export const GUIDE_SHEET = 'Hướng dẫn';

import { EXAMPLE_NAME } from './columns';

export { EXAMPLE_NAME };

export const EXAMPLE_ROW: Record<ColumnId, XlsxValue> = {
  name: EXAMPLE_NAME,
  nameEn: 'Dat Mui dried shrimp, grade 1',
  description: 'Tôm đất phơi nắng tự nhiên, không phẩm màu. Đóng túi hút chân không.',
  descriptionEn: '',
  category: CATEGORIES.driedSeafood.vi,
  unit: 'kg',
  price: 1_250_000,
  priceTiers: '5: 1.200.000; 20: 1.150.000',
  stock: 50,
  capacityPerDate: '',
  communeCode: '32248',
  ocopStars: 4,
  ocopNumber: 'OCOP-CM-2024-0123',
  ocopExpiresOn: '31/12/2027',
  otherCertifications: 'VietGAP',
  images: '',
  status: 'đang bán',
};

const STATUS_VALUES = ['nháp', 'đang bán'];

const text = (v: XlsxValue) => (typeof v === 'string' ? neutralizeFormula(v) : v);

/**
 * The template's two header rows: plain Vietnamese words (`Giá`, `Tồn kho`) and, under them, the
 * English names (`price`, `stock`). The importer reads either (and the older `gia (price)` form),
 * and skips the English row.
 */
export const templateHeader = (c: ColumnDef) => c.label.vi;
const englishHeader = (c: ColumnDef) => c.en;

/** How a row finds the product it updates (the legend and docs/import.md say the same). */
export const MATCH_RULE = {
  vi: 'Gửi lại tệp đã sửa: dòng có cùng Tên sản phẩm (không phân biệt hoa thường, khoảng trắng; có phân biệt dấu) và cùng Đơn vị với một sản phẩm bạn đang có (chưa ngừng bán) sẽ CẬP NHẬT sản phẩm đó thay vì tạo mới. Ô để trống ở cột không bắt buộc giữ nguyên giá trị cũ (ví dụ ảnh đã thêm trên web).',
  en: 'Sending a corrected file again: a row with the same Name (case and spaces ignored, accents not) and the same Unit as one of your products (not stopped) UPDATES that product instead of creating one. An empty cell in an optional column keeps the stored value (e.g. images added on the web).',
} as const;

/** CSV template: two header rows and an example row (price written Vietnamese style, `1.250.000`). */
export function csvTemplate(): string {
  const header = COLUMNS.map((c) => neutralizeFormula(templateHeader(c)));
  const english = COLUMNS.map((c) => neutralizeFormula(englishHeader(c)));
  const example = COLUMNS.map((c) => {
    const v = EXAMPLE_ROW[c.id];
    if (c.id === 'price' && typeof v === 'number') return v.toLocaleString('de-DE');
    return String(text(v));
  });
  return writeCsv([header, english, example]);
}

function listsSheet(): { sheet: XlsxSheetSpec; ranges: Partial<Record<ColumnId, string>> } {
  const cats = CATEGORY_IDS.map((id) => [
    CATEGORIES[id].vi,
    id,
    CATEGORIES[id].en,
    CATEGORIES[id].kind === 'goods' ? 'hàng hóa (goods)' : 'dịch vụ (service)',
  ]);
  const units = UNIT_IDS.map((id) => [id, UNITS[id].en]);
  const comms = communes.map((c) => [c.code, c.name, c.nameEn]);
  const certs = (['vietgap', 'asc', 'organic'] as const).map((k) => [
    CERTIFICATIONS[k].vi,
    CERTIFICATIONS[k].en,
  ]);
  const statuses = [
    ['nháp', 'draft'],
    ['đang bán', 'active'],
  ];
  // Blocks side by side: A–D categories, F–G units, I–K communes, M–N certifications, P–Q statuses.
  const blocks: Array<{ col: number; header: string[]; rows: string[][] }> = [
    { col: 0, header: ['danh_muc (category)', 'ma (code)', 'English', 'loai (kind)'], rows: cats },
    { col: 5, header: ['don_vi (unit)', 'English'], rows: units },
    { col: 8, header: ['ma_xa (commune code)', 'ten_xa (commune)', 'English'], rows: comms },
    { col: 12, header: ['chung_nhan_khac (certification)', 'English'], rows: certs },
    { col: 15, header: ['trang_thai (status)', 'English'], rows: statuses },
  ];
  const height = 1 + Math.max(...blocks.map((b) => b.rows.length));
  const rows: XlsxValue[][] = Array.from({ length: height }, () => Array<XlsxValue>(17).fill(''));
  for (const block of blocks) {
    block.header.forEach((h, i) => {
      (rows[0] as XlsxValue[])[block.col + i] = h;
    });
    block.rows.forEach((r, j) => {
      r.forEach((v, i) => {
        (rows[j + 1] as XlsxValue[])[block.col + i] = neutralizeFormula(v);
      });
    });
  }
  const ref = (col: string, n: number) => `'${LISTS_SHEET}'!$${col}$2:$${col}$${n + 1}`;
  return {
    sheet: {
      name: LISTS_SHEET,
      rows,
      header: true,
      widths: [22, 16, 18, 18, 2, 12, 16, 2, 22, 26, 22, 2, 30, 14, 2, 20, 12],
      textColumns: [8],
    },
    ranges: {
      category: ref('A', cats.length),
      unit: ref('F', units.length),
      communeCode: ref('I', comms.length),
      status: ref('P', STATUS_VALUES.length),
    },
  };
}

/** XLSX template: products sheet with drop-downs, lists sheet, guide sheet. */
export function xlsxTemplate(): Uint8Array {
  const lists = listsSheet();
  const lastRow = 2001;
  const products: XlsxSheetSpec = {
    name: PRODUCTS_SHEET,
    header: true,
    rows: [
      COLUMNS.map((c) => neutralizeFormula(templateHeader(c))),
      COLUMNS.map((c) => neutralizeFormula(englishHeader(c))),
      COLUMNS.map((c) => text(EXAMPLE_ROW[c.id])),
    ],
    widths: COLUMNS.map((c) => c.width),
    textColumns: COLUMNS.flatMap((c, i) => (c.text ? [i] : [])),
    validations: COLUMNS.flatMap((c, i) => {
      const source = lists.ranges[c.id];
      return source ? [{ column: i, lastRow, source }] : [];
    }),
  };
  const guide: XlsxSheetSpec = {
    name: GUIDE_SHEET,
    header: true,
    widths: [28, 12, 60, 60],
    rows: [
      ['Cột (column)', 'Bắt buộc (required)', 'Hướng dẫn', 'Notes'],
      ...COLUMNS.map((c) => [
        `${templateHeader(c)} (${englishHeader(c)}; ${headerOf(c)})`,
        c.required ? 'có (yes)' : 'không (no)',
        c.note.vi,
        c.note.en,
      ]),
      [],
      [
        'Lưu ý',
        '',
        'Dòng 1 là tên cột, dòng 2 là tên cột tiếng Anh (được bỏ qua); mỗi dòng sau là một sản phẩm. Dòng ví dụ (tên bắt đầu bằng "VÍ DỤ") được bỏ qua. Tối đa 2000 dòng. Nếu có dòng lỗi, không dòng nào được nhập (trừ khi chọn "chỉ nhập dòng hợp lệ").',
        'Row 1 holds the column names, row 2 their English names (skipped); each following row is one product. The example row (name starting with "VÍ DỤ") is skipped. At most 2000 rows. If any row has an error, nothing is imported (unless "import valid rows only" is chosen).',
      ],
      ['Gửi lại tệp (sending again)', '', MATCH_RULE.vi, MATCH_RULE.en],
    ],
  };
  return writeXlsx([products, lists.sheet, guide]);
}
