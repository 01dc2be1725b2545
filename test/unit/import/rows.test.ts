import { describe, expect, it } from 'vitest';
import { textCell } from '../../../shared/catalog/import/cells';
import { COLUMNS, headerOf, matchHeader } from '../../../shared/catalog/import/columns';
import { findHeader, validateImport } from '../../../shared/catalog/import/import-file';
import { mapHeader, validateRow } from '../../../shared/catalog/import/rows';
import { foldKey } from '../../../shared/catalog/import/values';

const HEADER = [
  'ten_san_pham (name)',
  'danh_muc (category)',
  'don_vi (unit)',
  'gia (price)',
  'ton_kho (stock)',
  'suc_chua_moi_ngay (capacity per date)',
  'ma_xa (commune code)',
  'ocop_sao (OCOP stars)',
  'ocop_so_chung_nhan (OCOP certificate number)',
  'ocop_het_han (OCOP expiry date)',
  'chung_nhan_khac (other certifications)',
  'anh (image keys)',
  'trang_thai (status)',
];
const GOOD = [
  'Tôm khô Đất Mũi',
  'Hải sản khô',
  'kg',
  '1.250.000',
  '50',
  '',
  '32248',
  '',
  '',
  '',
  '',
  '',
  '',
];
const mapping = mapHeader(HEADER.map(textCell));
const SELLER = 'sl-aaaa';

function row(overrides: Record<number, string>, n = 2) {
  const cells = GOOD.map((v, i) => textCell(overrides[i] ?? v));
  return validateRow({ row: n, cells }, mapping, SELLER);
}
const errorsOf = (r: ReturnType<typeof row>) => (r.ok ? [] : r.errors);

describe('header matching', () => {
  it('finds each column by its template header, Vietnamese key, label or English name', () => {
    for (const c of COLUMNS) expect(matchHeader(headerOf(c))).toBe(c.id);
    expect(matchHeader('Giá')).toBe('price');
    expect(matchHeader('GIA')).toBe('price');
    expect(matchHeader('price')).toBe('price');
    expect(matchHeader('Tên sản phẩm')).toBe('name');
    expect(matchHeader('Giá bán (price)')).toBe('price');
    expect(matchHeader('ghi chú')).toBeUndefined();
  });

  it('gives no two columns the same name', () => {
    const seen = new Map<string, string>();
    for (const c of COLUMNS) {
      for (const n of [c.vi, c.en, headerOf(c), c.label.vi, c.label.en, ...c.aliases]) {
        const prev = seen.get(foldKey(n));
        expect(prev === undefined || prev === c.id, `${n}: ${prev} vs ${c.id}`).toBe(true);
        seen.set(foldKey(n), c.id);
      }
    }
  });
});

describe('validateRow: the product rules of NewProductSchema, told per cell', () => {
  it('turns a good row into a new product', () => {
    const r = row({ 7: '4', 8: 'OCOP-01', 9: '31/12/2027', 10: 'VietGAP; hữu cơ', 12: 'đang bán' });
    expect(r).toMatchObject({
      ok: true,
      product: {
        name: { vi: 'Tôm khô Đất Mũi' },
        category: 'driedSeafood',
        unit: 'kg',
        price: 1250000,
        stock: 50,
        originCommuneCode: '32248',
        status: 'active',
        certifications: [
          { kind: 'ocop', stars: 4, number: 'OCOP-01', expiresOn: '2027-12-31' },
          { kind: 'vietgap' },
          { kind: 'organic' },
        ],
      },
    });
  });

  it('says "price must be above 0" in both languages, naming row and column', () => {
    expect(errorsOf(row({ 3: '0' }, 5))).toEqual([
      {
        row: 5,
        column: 'gia (price)',
        cell: 'D5',
        code: 'too_small',
        message: { vi: 'Giá phải lớn hơn 0', en: 'Price must be above 0' },
      },
    ]);
  });

  it('refuses decimal prices as not whole VND', () => {
    expect(errorsOf(row({ 3: '1250000,5' }))).toMatchObject([
      { column: 'gia (price)', code: 'not_integer' },
    ]);
  });

  it('reports every bad cell of a row, each once', () => {
    const errors = errorsOf(row({ 0: '', 1: 'Xe máy', 2: 'tấn', 3: 'abc', 6: '99999' }));
    expect(errors.map((e) => [e.column, e.code])).toEqual([
      ['danh_muc (category)', 'invalid_value'],
      ['don_vi (unit)', 'invalid_value'],
      ['gia (price)', 'not_a_number'],
      ['ten_san_pham (name)', 'required'],
      ['ma_xa (commune code)', 'invalid_format'],
    ]);
    // A rejected value comes with an example of a correct one.
    expect(errors.find((e) => e.code === 'required')?.message).toEqual({
      vi: 'Tên sản phẩm không được để trống. Ví dụ đúng: Tôm khô Đất Mũi loại 1',
      en: 'Name is required. A correct example: Tôm khô Đất Mũi loại 1',
    });
    expect(errors.find((e) => e.code === 'not_a_number')?.message.vi).toBe(
      'Giá "abc" không phải là số. Ví dụ đúng: 1.250.000',
    );
    expect(errors.find((e) => e.column === 'don_vi (unit)')?.message.vi).toMatch(/Ví dụ đúng: kg$/);
    expect(errors.at(-1)?.message.vi).toMatch(/danh mục hành chính/);
  });

  it('explains the goods/services rule in Vietnamese', () => {
    const errors = errorsOf(row({ 4: '' }));
    expect(errors).toMatchObject([
      {
        column: 'ton_kho (stock)',
        code: 'invalid_combination',
        message: { vi: 'Hàng hóa cần có số tồn kho' },
      },
    ]);
    const service = errorsOf(row({ 1: 'tour', 2: 'người', 4: '', 5: '' }));
    expect(service).toMatchObject([
      { column: 'suc_chua_moi_ngay (capacity per date)', code: 'invalid_combination' },
    ]);
    expect(row({ 1: 'Tour du lịch', 2: 'người', 4: '', 5: '20' }).ok).toBe(true);
  });

  it('checks OCOP stars, number and date together', () => {
    const errors = errorsOf(row({ 7: '6', 9: '31/02/2027' }));
    expect(errors.map((e) => [e.column, e.code])).toEqual([
      ['ocop_het_han (OCOP expiry date)', 'invalid_date'],
      ['ocop_sao (OCOP stars)', 'invalid_value'],
      ['ocop_so_chung_nhan (OCOP certificate number)', 'required'],
    ]);
    expect(errors[1]?.message).toEqual({
      vi: 'Số sao OCOP phải là 3, 4 hoặc 5. Ví dụ đúng: 4',
      en: 'OCOP stars must be 3, 4 or 5. A correct example: 4',
    });
    // A message that already shows the right form gets no second example.
    expect(errors[0]?.message.vi).not.toMatch(/Ví dụ đúng/);
  });

  it('accepts only the seller’s own image keys', () => {
    expect(row({ 11: 'img/sl-aaaa/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg' }).ok).toBe(true);
    expect(
      errorsOf(row({ 11: 'img/sl-bbbb/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg' })),
    ).toMatchObject([{ column: 'anh (image keys)', code: 'not_own_image' }]);
    expect(errorsOf(row({ 11: '../etc/passwd' }))).toMatchObject([
      { column: 'anh (image keys)', code: 'invalid_format' },
    ]);
  });

  it('keeps formula-looking text as text (never evaluated)', () => {
    const r = row({ 0: '=HYPERLINK("http://evil","x")' });
    expect(r).toMatchObject({
      ok: true,
      product: { name: { vi: '=HYPERLINK("http://evil","x")' } },
    });
  });

  it('names formula errors and formulas without values', () => {
    const cells = GOOD.map((v) => textCell(v));
    cells[3] = { kind: 'error', text: '#VALUE!' };
    cells[4] = { kind: 'formula', text: '' };
    const r = validateRow({ row: 3, cells }, mapping, SELLER);
    expect(errorsOf(r).map((e) => e.code)).toEqual(['formula_error', 'formula_not_computed']);
  });

  it('pads commune codes that Excel stored as numbers', () => {
    const cells = GOOD.map((v) => textCell(v));
    cells[6] = { kind: 'number', value: 32248, text: '32248' };
    expect(validateRow({ row: 2, cells }, mapping, SELLER)).toMatchObject({
      ok: true,
      product: { originCommuneCode: '32248' },
    });
  });

  it('accepts a commune by name', () => {
    expect(row({ 6: 'Xã Đất Mũi' })).toMatchObject({
      ok: true,
      product: { originCommuneCode: '32248' },
    });
    expect(row({ 6: 'dat mui' })).toMatchObject({
      ok: true,
      product: { originCommuneCode: '32248' },
    });
  });

  it('accepts a commune by its English name, and a ward by its full name', () => {
    expect(row({ 6: 'Dat Mui' })).toMatchObject({
      ok: true,
      product: { originCommuneCode: '32248' },
    });
    expect(row({ 6: 'Phường Bạc Liêu' })).toMatchObject({
      ok: true,
      product: { originCommuneCode: '31825' },
    });
  });

  it('reads categories by id, spaced id, Vietnamese or English name, and unit aliases', () => {
    for (const text of ['driedSeafood', 'dried seafood', 'DRIED SEAFOOD', 'Hải sản khô'])
      expect(row({ 1: text })).toMatchObject({ ok: true, product: { category: 'driedSeafood' } });
    expect(row({ 1: 'processed food' })).toMatchObject({
      ok: true,
      product: { category: 'processedFood' },
    });
    for (const [text, unit] of [
      ['l', 'lít'],
      ['Liter', 'lít'],
      ['litre', 'lít'],
      ['lit', 'lít'],
      ['kilogram', 'kg'],
      ['KG', 'kg'],
    ] as const)
      expect(row({ 2: text })).toMatchObject({ ok: true, product: { unit } });
  });

  it('reads tier prices', () => {
    const header = mapHeader([...HEADER, 'gia_theo_so_luong (tier prices)'].map(textCell));
    const cells = [...GOOD, 'từ 10: 1.200.000; 50: 1,150,000'].map(textCell);
    expect(validateRow({ row: 2, cells }, header, SELLER)).toMatchObject({
      ok: true,
      product: {
        priceTiers: [
          { minQuantity: 10, unitPrice: 1200000 },
          { minQuantity: 50, unitPrice: 1150000 },
        ],
      },
    });
    const bad = [...GOOD, '10: 1.300.000'].map(textCell);
    expect(errorsOf(validateRow({ row: 2, cells: bad }, header, SELLER))).toMatchObject([
      { column: 'gia_theo_so_luong (tier prices)', code: 'invalid_combination' },
    ]);
  });
});

describe('validateImport: the whole file', () => {
  const grid = (rows: string[][]) => ({
    rows: rows.map((r) => r.map(textCell)),
    rowNumbers: rows.map((_, i) => i + 1),
  });

  it('skips blank rows, the template example row, and finds the header under a title', () => {
    const file = findHeader(
      grid([
        ['Danh sách sản phẩm HTX'],
        HEADER,
        ['VÍ DỤ - Tôm khô Đất Mũi loại 1', 'Hải sản khô', 'kg', '1', '1', '', '32248'],
        GOOD,
        ['', '', ''],
        [],
      ]),
    );
    const out = validateImport(file, { sellerId: SELLER });
    expect(out.counts).toEqual({
      received: 1,
      valid: 1,
      imported: 0,
      updated: 0,
      failed: 0,
      skipped: 1,
    });
    expect(out.valid[0]?.row).toBe(4);
    expect(out.skippedRows).toEqual([3]);
  });

  it('fails the second of two rows with the same name and unit; a row matching a product the seller has updates it', () => {
    const other = ['Mật ong', 'Mật ong', 'chai', '180000', '5', '', '32248'];
    const file = findHeader(grid([HEADER, GOOD, [' tôm khô  đất mũi ', ...GOOD.slice(1)], other]));
    const existing = new Map([['mật ong|chai', { id: 'p-honey', version: 3 }]]);
    const out = validateImport(file, { sellerId: SELLER, existing });
    expect(out.counts).toMatchObject({ received: 3, valid: 2, failed: 1 });
    expect(out.errors).toMatchObject([
      {
        row: 3,
        code: 'duplicate',
        message: { vi: 'Trùng với sản phẩm ở dòng 2 (cùng tên và đơn vị)' },
      },
    ]);
    expect(out.valid.map((v) => [v.row, v.existing?.id])).toEqual([
      [2, undefined],
      [4, 'p-honey'],
    ]);
  });

  it('refuses files without the required columns, naming them', () => {
    expect(() =>
      findHeader(
        grid([
          ['ten_san_pham', 'gia'],
          ['x', '1'],
        ]),
      ),
    ).toThrowError(
      expect.objectContaining({
        code: 'import.invalidFile',
        details: expect.objectContaining({
          missingColumns: ['danh_muc (category)', 'don_vi (unit)', 'ma_xa (commune code)'],
        }),
      }),
    );
  });

  it('refuses more than maxRows product rows', () => {
    const rows = [HEADER, ...Array.from({ length: 4 }, () => GOOD)];
    expect(() =>
      validateImport(findHeader(grid(rows)), { sellerId: SELLER, maxRows: 3 }),
    ).toThrowError(
      expect.objectContaining({ code: 'import.tooManyRows', details: { maxRows: 3, received: 4 } }),
    );
  });

  it('reports ignored columns', () => {
    const out = validateImport(findHeader(grid([[...HEADER, 'ghi chú'], GOOD])), {
      sellerId: SELLER,
    });
    expect(out.ignoredColumns).toEqual(['ghi chú']);
  });
});
