import { describe, expect, it } from 'vitest';
import { textCell } from '../../../shared/catalog/import/cells';
import {
  buildReport,
  findHeader,
  IMPORT_LIMITS,
  type ValidatedImport,
  validateImport,
} from '../../../shared/catalog/import/import-file';
import type { RowError } from '../../../shared/catalog/import/rows';

/**
 * validateImport as the re-import (update) path uses it: which rows are data, which columns a row
 * filled (only those overwrite stored values), the match on existing products, OCOP certificates
 * expired before the province's date, and the report's limits.
 */
const HEADER = [
  'ten_san_pham (name)',
  'danh_muc (category)',
  'don_vi (unit)',
  'gia (price)',
  'ton_kho (stock)',
  'ma_xa (commune code)',
  'ocop_sao (OCOP stars)',
  'ocop_so_chung_nhan (OCOP certificate number)',
  'ocop_het_han (OCOP expiry date)',
  'chung_nhan_khac (other certifications)',
];
const GOOD = ['Tôm khô Đất Mũi', 'Hải sản khô', 'kg', '1.250.000', '50', '32248', '', '', '', ''];
const HONEY = ['Mật ong U Minh', 'Mật ong', 'chai', '180000', '20', '32248', '', '', '', ''];
const SELLER = 'sl-aaaa';
const grid = (rows: string[][], rowNumbers = rows.map((_, i) => i + 1)) => ({
  rows: rows.map((r) => r.map(textCell)),
  rowNumbers,
});
const validate = (rows: string[][], options: Partial<Parameters<typeof validateImport>[1]> = {}) =>
  validateImport(findHeader(grid(rows)), { sellerId: SELLER, ...options });

describe('which rows are product rows', () => {
  it('a second header row (English names) needs two named columns and nothing else', () => {
    // Two names, nothing unknown: a header row, skipped without a trace.
    expect(validate([HEADER, ['name', 'price'], GOOD]).counts).toMatchObject({
      received: 1,
      valid: 1,
      skipped: 0,
    });
    // One name only: a (bad) product row.
    const one = validate([HEADER, ['name'], GOOD]);
    expect(one.counts).toMatchObject({ received: 2, valid: 1, failed: 1 });
    expect(one.failedRows).toEqual([2]);
    // Two names and an unknown word: a product row too.
    const odd = validate([HEADER, ['name', 'price', 'ghi chú'], GOOD]);
    expect(odd.counts).toMatchObject({ received: 2, failed: 1 });
  });

  it('a header-like row further down is a product row (and fails as one)', () => {
    const out = validate([HEADER, GOOD, ['name', 'price']]);
    expect(out.counts).toMatchObject({ received: 2, valid: 1, failed: 1 });
    expect(out.failedRows).toEqual([3]);
  });

  it('rows are numbered as the file numbers them (XLSX rows may skip numbers)', () => {
    const out = validateImport(findHeader(grid([HEADER, GOOD, HONEY], [4, 9, 12])), {
      sellerId: SELLER,
    });
    expect(out.valid.map((v) => v.row)).toEqual([9, 12]);
  });

  it('exactly maxRows rows are accepted; one more is refused with the limit in words', () => {
    expect(validate([HEADER, GOOD, HONEY], { maxRows: 2 }).counts.valid).toBe(2);
    expect(() => validate([HEADER, GOOD, HONEY], { maxRows: 1 })).toThrowError(
      expect.objectContaining({
        code: 'import.tooManyRows',
        message: 'At most 1 product rows per file',
        details: { maxRows: 1, received: 2 },
      }),
    );
  });

  it('a file with a header and no product rows is refused as such', () => {
    expect(() =>
      validate([HEADER, ['', ''], ['VÍ DỤ - Tôm khô Đất Mũi loại 1', 'x']]),
    ).toThrowError(
      expect.objectContaining({
        code: 'import.invalidFile',
        message: 'The file has no product rows',
        details: { reason: 'noRows', skippedRows: [3] },
      }),
    );
  });
});

describe('duplicates and matches', () => {
  it('rows without a name are not duplicates of each other', () => {
    const noName = ['', 'Hải sản khô', 'kg', '1', '1', '32248'];
    const out = validate([HEADER, noName, noName, GOOD]);
    expect(out.failedRows).toEqual([2, 3]);
    expect(out.errors.map((e) => e.code)).not.toContain('duplicate');
  });

  it('a matched row carries the product it updates and exactly the columns it filled', () => {
    const existing = new Map([['mật ong u minh|chai', { id: 'p-honey', version: 3 }]]);
    const out = validate([HEADER, GOOD, [...HONEY.slice(0, 9), 'VietGAP']], { existing });
    expect(out.valid.map((v) => [v.row, v.existing, v.filled])).toEqual([
      [2, undefined, ['name', 'category', 'unit', 'price', 'stock', 'communeCode']],
      [
        3,
        { id: 'p-honey', version: 3 },
        ['name', 'category', 'unit', 'price', 'stock', 'communeCode', 'otherCertifications'],
      ],
    ]);
  });
});

describe('an OCOP certificate expired before today', () => {
  const ocop = (expiry: string) => [...GOOD.slice(0, 6), '4', 'OCOP-CM-01', expiry, 'VietGAP'];

  it('is left out with a warning; the other certifications stay', () => {
    const out = validate([HEADER, ocop('01/12/2026')], { today: '2026-12-02' });
    expect(out.valid[0]?.product.certifications).toEqual([{ kind: 'vietgap' }]);
    expect(out.warnings).toEqual([
      {
        row: 2,
        column: 'ocop_het_han (OCOP expiry date)',
        cell: 'I2',
        code: 'certificate_expired',
        message: expect.objectContaining({ vi: expect.stringContaining('01/12/2026') }),
      },
    ]);
  });

  it('is kept on its last day, and when no date to compare with is given', () => {
    for (const today of ['2026-12-01', undefined]) {
      const out = validate([HEADER, ocop('01/12/2026')], { today });
      expect(out.warnings).toEqual([]);
      expect(out.valid[0]?.product.certifications).toEqual([
        { kind: 'ocop', stars: 4, number: 'OCOP-CM-01', expiresOn: '2026-12-01' },
        { kind: 'vietgap' },
      ]);
    }
  });
});

describe('buildReport', () => {
  const validated = (errors: number, warnings: number): ValidatedImport => ({
    valid: [],
    errors: Array.from(
      { length: errors },
      (_, i): RowError => ({
        row: i + 2,
        column: 'gia (price)',
        code: 'required',
        message: { vi: 'x', en: 'x' },
      }),
    ),
    warnings: Array.from({ length: warnings }, (_, i) => ({
      row: i + 2,
      column: 'ocop_het_han (OCOP expiry date)',
      code: 'certificate_expired' as const,
      message: { vi: 'w', en: 'w' },
    })),
    failedRows: [],
    skippedRows: [1],
    ignoredColumns: ['ghi chú'],
    counts: { received: 3, valid: 3, imported: 0, updated: 0, failed: 0, skipped: 1 },
  });
  const base = { importId: 'i', mode: 'validRows', format: 'csv', fileName: 'f.csv' } as const;
  const max = IMPORT_LIMITS.maxReportedErrors;

  it('counts imported and updated products from the list', () => {
    const report = buildReport(base, validated(0, 0), [
      { row: 2, id: 'a' },
      { row: 3, id: 'b', updated: true },
      { row: 4, id: 'c', updated: true },
    ]);
    expect(report).toMatchObject({
      ...base,
      counts: { received: 3, valid: 3, imported: 3, updated: 2, failed: 0, skipped: 1 },
      errorsTruncated: false,
      skippedRows: [1],
      ignoredColumns: ['ghi chú'],
    });
  });

  it('cuts errors and warnings at maxReportedErrors and says so', () => {
    const full = buildReport(base, validated(max, max), []);
    expect([full.errors.length, full.warnings.length, full.errorsTruncated]).toEqual([
      max,
      max,
      false,
    ]);
    const over = buildReport(base, validated(max + 1, max + 1), []);
    expect([over.errors.length, over.warnings.length, over.errorsTruncated]).toEqual([
      max,
      max,
      true,
    ]);
    expect(over.errors.at(-1)?.row).toBe(max + 1);
  });
});
