import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  createProduct,
  type NewProductInput,
  NewProductSchema,
  ProductUpdateSchema,
} from '../../../shared/catalog/product';
import { AppError } from '../../../shared/errors';

// 2026-11-23 23:30 in Cà Mau (UTC+7) is 16:30 UTC: the province's date is the 23rd.
const now = new Date('2026-11-23T16:30:00.000Z');
const valid: NewProductInput = {
  name: { vi: 'Mật ong U Minh' },
  category: 'driedSeafood',
  unit: 'kg',
  price: 300_000,
  stock: 10,
  originCommuneCode: '32248',
  certifications: [],
};
const create = (certifications: NewProductInput['certifications']) =>
  createProduct(
    NewProductSchema.parse({ ...valid, certifications }),
    { id: 'p-1', sellerId: 'sl-1' },
    now,
  );
const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError)
      return ((err.details?.issues ?? []) as { path: string }[]).map((i) => i.path);
    throw err;
  }
  return [];
};
const ocop = (expiresOn: string, number = 'OCOP-CM-1') =>
  ({ kind: 'ocop', stars: 4, number, expiresOn }) as const;

describe('certifications at entry', () => {
  it('refuse a certificate already expired on the province date, accept one expiring today', () => {
    expect(issuesOf(() => create([ocop('2026-11-22')]))).toEqual(['certifications.0.expiresOn']);
    expect(create([ocop('2026-11-23')]).certifications).toHaveLength(1);
    expect(
      issuesOf(() => create([{ kind: 'vietgap', number: 'VG-1', expiresOn: '2025-01-01' }])),
    ).toEqual(['certifications.0.expiresOn']);
    expect(create([{ kind: 'organic' }]).certifications).toEqual([{ kind: 'organic' }]);
  });

  it('refuse the same certification twice (kind and number, case and spaces aside)', () => {
    const parse = (certifications: unknown[]) =>
      NewProductSchema.safeParse({ ...valid, certifications });
    const twice = parse([
      { kind: 'vietgap', number: 'VG-1' },
      { kind: 'vietgap', number: ' vg-1 ' },
    ]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((i) => i.path.join('.'))).toEqual(['certifications.1']);
    const tenTimes = parse(Array.from({ length: 10 }, () => ({ kind: 'asc' })));
    expect(tenTimes.success).toBe(false);
    expect(
      parse([
        { kind: 'vietgap', number: 'VG-1' },
        { kind: 'vietgap', number: 'VG-2' },
      ]).success,
    ).toBe(true);
    expect(parse([{ kind: 'vietgap' }, { kind: 'asc' }, { kind: 'organic' }]).success).toBe(true);
  });

  it('on update, a certificate that expired while listed may be sent back unchanged, a new expired one may not', () => {
    const product = createProduct(
      NewProductSchema.parse({ ...valid, certifications: [ocop('2026-12-31')] }),
      { id: 'p-1', sellerId: 'sl-1' },
      new Date('2026-06-01T00:00:00Z'),
    );
    const later = new Date('2027-02-01T00:00:00Z');
    const unchanged = ProductUpdateSchema.parse({
      version: 1,
      certifications: [ocop('2026-12-31')],
      price: 290_000,
    });
    expect(applyUpdate(product, unchanged, later).price).toBe(290_000);
    const renewedWrongly = ProductUpdateSchema.parse({
      version: 1,
      certifications: [ocop('2027-01-15', 'OCOP-CM-2')],
    });
    expect(issuesOf(() => applyUpdate(product, renewedWrongly, later))).toEqual([
      'certifications.0.expiresOn',
    ]);
    const renewed = ProductUpdateSchema.parse({
      version: 1,
      certifications: [ocop('2030-01-15', 'OCOP-CM-2')],
    });
    expect(applyUpdate(product, renewed, later).certifications[0]?.number).toBe('OCOP-CM-2');
  });
});
