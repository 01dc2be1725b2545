import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../../infra/local/seed-data';
import {
  applyUpdate,
  archiveProduct,
  assertSellerMayWrite,
  CATEGORIES,
  CATEGORY_IDS,
  canEdit,
  canTransition,
  createProduct,
  isInStock,
  isListable,
  kindOf,
  type NewProductInput,
  NewProductSchema,
  type Product,
  ProductContentSchema,
  ProductUpdateSchema,
  transition,
  UNIT_IDS,
  UNITS,
  unitPriceFor,
  validCertifications,
} from '../../../shared/catalog/product';
import { AppError } from '../../../shared/errors';

const now = new Date('2026-11-23T01:00:00.000Z');
const later = new Date('2026-11-23T02:00:00.000Z');

const valid: NewProductInput = {
  name: { vi: 'Tôm khô Cà Mau', en: 'Ca Mau dried shrimp' },
  description: { vi: 'Tôm đất phơi nắng.' },
  category: 'driedSeafood',
  unit: 'kg',
  price: 1_200_000,
  priceTiers: [
    { minQuantity: 3, unitPrice: 1_150_000 },
    { minQuantity: 10, unitPrice: 1_100_000 },
  ],
  stock: 50,
  originCommuneCode: '32248',
  certifications: [{ kind: 'ocop', stars: 4, number: 'OCOP-1', expiresOn: '2028-06-30' }],
  images: ['img/sl-1/abc.jpg'],
};

const parseNew = (input: unknown) => NewProductSchema.safeParse(input);
const issuePaths = (input: unknown) => {
  const result = parseNew(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

const make = (input: Partial<NewProductInput> = {}, sellerId = 'sl-1'): Product =>
  createProduct(NewProductSchema.parse({ ...valid, ...input }), { id: 'p-1', sellerId }, now);

const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return undefined;
};

describe('NewProductSchema', () => {
  it('accepts a complete goods product and defaults status, lists and description', () => {
    const parsed = NewProductSchema.parse({
      name: { vi: 'Gạo ST25' },
      category: 'rice',
      unit: 'túi',
      price: 175_000,
      stock: 0,
      originCommuneCode: '32047',
    });

    expect(parsed).toMatchObject({
      status: 'draft',
      priceTiers: [],
      certifications: [],
      images: [],
      description: { vi: '' },
    });
  });

  it('accepts a service with a capacity per date and no stock', () => {
    expect(
      parseNew({ ...valid, category: 'tour', unit: 'người', stock: undefined, capacityPerDate: 20 })
        .success,
    ).toBe(true);
  });

  it('requires stock for goods and capacity for services, never both', () => {
    expect(issuePaths({ ...valid, stock: undefined })).toEqual(['stock']);
    expect(issuePaths({ ...valid, capacityPerDate: 3 })).toEqual(['capacityPerDate']);
    expect(issuePaths({ ...valid, category: 'homestay' })).toEqual(['capacityPerDate', 'stock']);
  });

  it.each([
    ['zero price', { price: 0 }, 'price'],
    ['fractional price', { price: 1000.5 }, 'price'],
    ['price above 1e9', { price: 1_000_000_001 }, 'price'],
    ['unsafe integer price', { price: 2 ** 53 + 1 }, 'price'],
    ['string price', { price: '1000' }, 'price'],
    ['negative stock', { stock: -1 }, 'stock'],
    ['stock above a million', { stock: 1_000_001 }, 'stock'],
    ['empty name', { name: { vi: '   ' } }, 'name.vi'],
    ['long name', { name: { vi: 'x'.repeat(121) } }, 'name.vi'],
    ['name with a bidi override', { name: { vi: 'Tôm \u202eevil' } }, 'name.vi'],
    ['name without vi', { name: { en: 'Shrimp' } }, 'name.vi'],
    ['long description', { description: { vi: 'x'.repeat(5001) } }, 'description.vi'],
    ['unknown category', { category: 'gold' }, 'category'],
    ['unknown unit', { unit: 'tấn' }, 'unit'],
    ['unknown commune', { originCommuneCode: '99999' }, 'originCommuneCode'],
    ['malformed commune', { originCommuneCode: '3224' }, 'originCommuneCode'],
    ['unknown field', { colour: 'red' }, ''],
    ['archived on create', { status: 'archived' }, 'status'],
    ['11 images', { images: Array.from({ length: 11 }, (_, i) => `img/sl-1/a${i}.jpg`) }, 'images'],
    ['an image twice', { images: ['img/sl-1/a.jpg', 'img/sl-1/a.jpg'] }, 'images'],
    ['a foreign URL as image', { images: ['https://evil.example/a.jpg'] }, 'images.0'],
    ['a gif image', { images: ['img/sl-1/a.gif'] }, 'images.0'],
  ])('refuses %s', (_name, change, path) => {
    expect(issuePaths({ ...valid, ...change })).toContain(path);
  });

  it('accepts the unit in decomposed Unicode (NFD) and stores it composed', () => {
    const parsed = NewProductSchema.parse({ ...valid, unit: 'hộp'.normalize('NFD') });
    expect(parsed.unit).toBe('hộp');
  });

  it('checks price tiers: minimum 2, below the price, increasing quantities, decreasing prices', () => {
    expect(issuePaths({ ...valid, priceTiers: [{ minQuantity: 1, unitPrice: 10 }] })).toContain(
      'priceTiers.0.minQuantity',
    );
    expect(
      issuePaths({ ...valid, priceTiers: [{ minQuantity: 2, unitPrice: valid.price }] }),
    ).toContain('priceTiers.0.unitPrice');
    expect(
      issuePaths({
        ...valid,
        priceTiers: [
          { minQuantity: 5, unitPrice: 1_000_000 },
          { minQuantity: 5, unitPrice: 900_000 },
        ],
      }),
    ).toContain('priceTiers.1.minQuantity');
    expect(
      issuePaths({
        ...valid,
        priceTiers: [
          { minQuantity: 5, unitPrice: 1_000_000 },
          { minQuantity: 10, unitPrice: 1_000_000 },
        ],
      }),
    ).toContain('priceTiers.1.unitPrice');
  });

  it('needs stars, number and expiry for OCOP, only the kind for the others, one OCOP at most', () => {
    expect(issuePaths({ ...valid, certifications: [{ kind: 'ocop', stars: 4 }] })).toEqual([
      'certifications.0.number',
      'certifications.0.expiresOn',
    ]);
    expect(
      issuePaths({
        ...valid,
        certifications: [{ kind: 'ocop', stars: 2, number: 'X', expiresOn: '2027-01-01' }],
      }),
    ).toContain('certifications.0.stars');
    expect(
      parseNew({
        ...valid,
        certifications: [{ kind: 'vietgap' }, { kind: 'asc' }, { kind: 'organic' }],
      }).success,
    ).toBe(true);
    expect(
      issuePaths({
        ...valid,
        certifications: [
          { kind: 'ocop', stars: 3, number: 'A', expiresOn: '2027-01-01' },
          { kind: 'ocop', stars: 4, number: 'B', expiresOn: '2027-01-01' },
        ],
      }),
    ).toContain('certifications');
    expect(
      issuePaths({ ...valid, certifications: [{ kind: 'vietgap', expiresOn: '2027-02-30' }] }),
    ).toContain('certifications.0.expiresOn');
  });

  it('holds for every demo product', () => {
    for (const p of demoProducts) {
      const {
        id: _i,
        sellerId: _s,
        status: _st,
        createdAt: _c,
        updatedAt: _u,
        version: _v,
        ...content
      } = p;
      expect(ProductContentSchema.safeParse(content).error).toBeUndefined();
    }
  });
});

describe('reference lists', () => {
  it('labels every category and unit in Vietnamese and English', () => {
    for (const id of CATEGORY_IDS) expect(CATEGORIES[id].vi && CATEGORIES[id].en).toBeTruthy();
    for (const id of UNIT_IDS) expect(UNITS[id].vi && UNITS[id].en).toBeTruthy();
  });

  it('makes tours and homestays services, the rest goods', () => {
    expect(CATEGORY_IDS.filter((c) => kindOf(c) === 'service')).toEqual(['tour', 'homestay']);
  });
});

describe('createProduct', () => {
  it('builds version 1 with the given id, seller and time', () => {
    const product = make();
    expect(product).toMatchObject({
      id: 'p-1',
      sellerId: 'sl-1',
      version: 1,
      status: 'draft',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });

  it("refuses another seller's image keys", () => {
    expect(errorCode(() => make({ images: ['img/sl-2/abc.jpg'] }))).toBe('request.invalid');
  });
});

describe('status transitions', () => {
  it('allows draft ↔ active, anything → archived, archived → draft only', () => {
    expect(canTransition('draft', 'active')).toBe(true);
    expect(canTransition('active', 'draft')).toBe(true);
    expect(canTransition('draft', 'archived')).toBe(true);
    expect(canTransition('active', 'archived')).toBe(true);
    expect(canTransition('archived', 'draft')).toBe(true);
    expect(canTransition('archived', 'active')).toBe(false);
    expect(errorCode(() => transition('archived', 'active'))).toBe('product.invalidTransition');
  });

  it('lets only non-archived products be edited', () => {
    expect(canEdit({ status: 'draft' })).toBe(true);
    expect(canEdit({ status: 'active' })).toBe(true);
    expect(canEdit({ status: 'archived' })).toBe(false);
  });
});

describe('listing and seller rules', () => {
  it('lists only active products of approved sellers', () => {
    expect(isListable({ status: 'active' }, 'approved')).toBe(true);
    expect(isListable({ status: 'active' }, 'pending')).toBe(false);
    expect(isListable({ status: 'active' }, 'suspended')).toBe(false);
    expect(isListable({ status: 'draft' }, 'approved')).toBe(false);
    expect(isListable({ status: 'active' }, undefined)).toBe(false);
  });

  it('lets pending and approved sellers write, not suspended ones', () => {
    expect(() => assertSellerMayWrite('pending')).not.toThrow();
    expect(() => assertSellerMayWrite('approved')).not.toThrow();
    expect(errorCode(() => assertSellerMayWrite('suspended'))).toBe('seller.suspended');
  });

  it('counts goods with stock and every service as in stock', () => {
    expect(isInStock({ category: 'crab', stock: 1 })).toBe(true);
    expect(isInStock({ category: 'crab', stock: 0 })).toBe(false);
    expect(isInStock({ category: 'tour' })).toBe(true);
  });
});

describe('unitPriceFor', () => {
  const product = make();
  it.each([
    [1, 1_200_000],
    [2, 1_200_000],
    [3, 1_150_000],
    [9, 1_150_000],
    [10, 1_100_000],
    [1000, 1_100_000],
  ])('quantity %i costs %i per unit', (quantity, price) => {
    expect(unitPriceFor(product, quantity)).toBe(price);
  });
});

describe('applyUpdate', () => {
  it('changes only the given fields, bumps the version and the time', () => {
    const product = make();
    const next = applyUpdate(
      product,
      ProductUpdateSchema.parse({ version: 1, price: 1_300_000 }),
      later,
    );

    expect(next).toEqual({
      ...product,
      price: 1_300_000,
      version: 2,
      updatedAt: later.toISOString(),
    });
  });

  it('throws product.versionConflict on a stale version', () => {
    expect(errorCode(() => applyUpdate(make(), { version: 2, price: 5 }, later))).toBe(
      'product.versionConflict',
    );
  });

  it('returns the same product when nothing changes', () => {
    const product = make();
    expect(applyUpdate(product, { version: 1 }, later)).toBe(product);
    expect(applyUpdate(product, { version: 1, status: 'draft' }, later)).toBe(product);
  });

  it('checks the merged product: a new price below the tiers is refused', () => {
    expect(errorCode(() => applyUpdate(make(), { version: 1, price: 1_000_000 }, later))).toBe(
      'request.invalid',
    );
  });

  it('switches goods to a service, dropping the stock, when given a capacity', () => {
    const next = applyUpdate(
      make({ priceTiers: [] }),
      { version: 1, category: 'tour', unit: 'người', capacityPerDate: 12 },
      later,
    );
    expect(next.stock).toBeUndefined();
    expect(next.capacityPerDate).toBe(12);
    expect(errorCode(() => applyUpdate(make(), { version: 1, category: 'homestay' }, later))).toBe(
      'request.invalid',
    );
  });

  it('moves status along allowed transitions only', () => {
    const active = applyUpdate(make(), { version: 1, status: 'active' }, later);
    expect(active.status).toBe('active');
    const archived = archiveProduct(active, later);
    expect(archived).toMatchObject({ status: 'archived', version: 3 });
    expect(errorCode(() => applyUpdate(archived, { version: 3, status: 'active' }, later))).toBe(
      'product.invalidTransition',
    );
    expect(errorCode(() => applyUpdate(archived, { version: 3, price: 1 }, later))).toBe(
      'product.invalidTransition',
    );
    expect(applyUpdate(archived, { version: 3, status: 'draft' }, later).status).toBe('draft');
  });

  it('archives idempotently', () => {
    const archived = archiveProduct(make(), later);
    expect(archiveProduct(archived, later)).toBe(archived);
  });

  it("refuses another seller's images in an update", () => {
    expect(
      errorCode(() => applyUpdate(make(), { version: 1, images: ['img/sl-9/x.png'] }, later)),
    ).toBe('request.invalid');
  });
});

describe('validCertifications', () => {
  it('keeps certifications without expiry or expiring today or later', () => {
    const certs = [
      { kind: 'ocop' as const, stars: 4 as const, number: 'A', expiresOn: '2026-11-22' },
      { kind: 'ocop' as const, stars: 4 as const, number: 'B', expiresOn: '2026-11-23' },
      { kind: 'organic' as const },
    ];
    expect(validCertifications(certs, '2026-11-23').map((c) => c.number ?? c.kind)).toEqual([
      'B',
      'organic',
    ]);
  });
});
