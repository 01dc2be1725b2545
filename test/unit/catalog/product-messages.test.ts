import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  archiveProduct,
  assertCertificationsCurrent,
  assertOwnImages,
  assertSellerMayWrite,
  CommuneCodeSchema,
  createProduct,
  ImageKeySchema,
  LIMITS,
  type NewProductInput,
  NewProductSchema,
  type Product,
  ProductIdSchema,
  ProductUnitSchema,
  ProductUpdateSchema,
  transition,
} from '../../../shared/catalog/product';
import { AppError } from '../../../shared/errors';

/**
 * The product rules' messages, limits and error details: what an API client reads in
 * `details.issues` (path and message) and what the error mapper turns into Vietnamese text.
 */
const now = new Date('2026-11-23T01:00:00.000Z');
const later = new Date('2026-11-23T02:00:00.000Z');

const goods: NewProductInput = {
  name: { vi: 'Mật ong U Minh' },
  category: 'honey',
  unit: 'chai',
  price: 250_000,
  stock: 10,
  originCommuneCode: '32248',
};

/** path → message of every issue (one per path here). */
const issuesOf = (schema: { safeParse(v: unknown): unknown }, value: unknown) => {
  const result = schema.safeParse(value) as {
    success: boolean;
    error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
  };
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]),
  );
};
const newIssues = (change: Partial<Record<keyof NewProductInput | string, unknown>>) =>
  issuesOf(NewProductSchema, { ...goods, ...change });

const caught = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('did not throw');
};

const make = (change: Partial<NewProductInput> = {}): Product =>
  createProduct(
    NewProductSchema.parse({ ...goods, ...change }),
    { id: 'p-1', sellerId: 'sl-1' },
    now,
  );

describe('text fields', () => {
  it('trim, then count: a name of exactly the limit passes, one more does not', () => {
    const max = 'x'.repeat(LIMITS.nameLength);
    expect(NewProductSchema.parse({ ...goods, name: { vi: `  ${max}  ` } }).name.vi).toBe(max);
    expect(Object.keys(newIssues({ name: { vi: `${max}y` } }))).toEqual(['name.vi']);
    expect(Object.keys(newIssues({ name: { vi: 'Mật', en: `${max}y` } }))).toEqual(['name.en']);
  });

  it('store names and descriptions composed (NFC) whatever the keyboard sent', () => {
    const parsed = NewProductSchema.parse({
      ...goods,
      name: { vi: 'Mật ong'.normalize('NFD'), en: 'Honey' },
      description: { vi: 'Ngọt'.normalize('NFD') },
    });
    expect(parsed.name).toEqual({ vi: 'Mật ong', en: 'Honey' });
    expect(parsed.description.vi).toBe('Ngọt');
  });

  it('name the rule for control and direction characters, in single- and multi-line texts', () => {
    expect(newIssues({ name: { vi: 'Mật\u0007ong' } })).toEqual({
      'name.vi': 'No control characters',
    });
    expect(newIssues({ name: { vi: 'Mật\nong' } })).toEqual({ 'name.vi': 'No control characters' });
    expect(newIssues({ name: { vi: 'Mật\u2028ong' } })).toEqual({
      'name.vi': 'No control characters',
    });
    expect(newIssues({ description: { vi: 'Dòng 1\u202eđảo' } })).toEqual({
      'description.vi': 'No control characters',
    });
    expect(newIssues({ description: { vi: 'a\u0000b' } })).toEqual({
      'description.vi': 'No control characters',
    });
    // Line breaks and tabs are text in a description.
    expect(newIssues({ description: { vi: 'Dòng 1\r\nDòng 2\tcột' } })).toEqual({});
  });

  it('allow an empty description and one of exactly the limit, not one more', () => {
    const max = 'x'.repeat(LIMITS.descriptionLength);
    expect(newIssues({ description: { vi: '' } })).toEqual({});
    expect(newIssues({ description: { vi: max, en: max } })).toEqual({});
    expect(Object.keys(newIssues({ description: { vi: 'ok', en: `${max}y` } }))).toEqual([
      'description.en',
    ]);
  });
});

describe('ids, units, communes and images', () => {
  it('accept ids of 1 to 64 letters, digits and dashes, anchored at both ends', () => {
    expect(ProductIdSchema.safeParse('a').success).toBe(true);
    expect(ProductIdSchema.safeParse('A-9'.padEnd(64, 'x')).success).toBe(true);
    expect(issuesOf(ProductIdSchema, 'x'.repeat(65))).toEqual({ '': 'An id' });
    expect(issuesOf(ProductIdSchema, '')).toEqual({ '': 'An id' });
    expect(issuesOf(ProductIdSchema, 'a/b')).toEqual({ '': 'An id' });
    expect(issuesOf(ProductIdSchema, 'x\nab')).toEqual({ '': 'An id' });
    expect(issuesOf(ProductIdSchema, 'ab_')).toEqual({ '': 'An id' });
  });

  it('refuse a unit longer than 16 characters before looking it up', () => {
    const result = ProductUnitSchema.safeParse('k'.repeat(17));
    expect(result.error?.issues[0]?.code).toBe('too_big');
    expect(ProductUnitSchema.safeParse('kg ').success).toBe(false);
  });

  it('explain a malformed and an unknown commune code differently', () => {
    const messages = (value: string) =>
      CommuneCodeSchema.safeParse(value).error?.issues.map((issue) => issue.message);
    // A malformed code fails both rules; the first says what the form is.
    expect(messages('3224')?.[0]).toBe('A 5-digit commune code');
    expect(messages('322480')?.[0]).toBe('A 5-digit commune code');
    expect(issuesOf(CommuneCodeSchema, '99999')).toEqual({
      '': 'Not an official commune code of the province',
    });
    expect(issuesOf(CommuneCodeSchema, '32248')).toEqual({});
  });

  it('take only upload keys of the uploads helper, up to 200 characters', () => {
    expect(issuesOf(ImageKeySchema, 'img/sl-1/a.webp')).toEqual({});
    expect(issuesOf(ImageKeySchema, 'img/sl-1/a.png')).toEqual({});
    expect(issuesOf(ImageKeySchema, 'x/img/sl-1/a.jpg')).toEqual({
      '': 'Not an uploaded image key',
    });
    expect(issuesOf(ImageKeySchema, 'img/sl-1/a.jpg.exe')).toEqual({
      '': 'Not an uploaded image key',
    });
    expect(issuesOf(ImageKeySchema, 'img/sl_1/a.jpg')).toEqual({
      '': 'Not an uploaded image key',
    });
    const long = `img/sl-1/${'a'.repeat(188)}.jpg`;
    expect(long.length).toBe(201);
    expect(ImageKeySchema.safeParse(long).error?.issues[0]?.code).toBe('too_big');
    expect(ImageKeySchema.safeParse(long.slice(1).replace(/^mg/, 'img')).success).toBe(false);
  });

  it('say why a list of images is refused', () => {
    expect(newIssues({ images: ['img/sl-1/a.jpg', 'img/sl-1/a.jpg'] })).toEqual({
      images: 'Each image once',
    });
    const ten = Array.from({ length: LIMITS.maxImages }, (_, i) => `img/sl-1/a${i}.jpg`);
    expect(newIssues({ images: ten })).toEqual({});
  });
});

describe('cross-field rules name the field and the rule', () => {
  it('goods and services', () => {
    expect(newIssues({ stock: undefined })).toEqual({ stock: 'Goods need a stock' });
    expect(newIssues({ capacityPerDate: 5 })).toEqual({
      capacityPerDate: 'Only services have a capacity per date',
    });
    expect(newIssues({ category: 'tour', unit: 'người' })).toEqual({
      capacityPerDate: 'Services need a capacity per date',
      stock: 'Services have no stock',
    });
    expect(
      newIssues({ category: 'homestay', unit: 'đêm', stock: undefined, capacityPerDate: 3 }),
    ).toEqual({});
  });

  it('stock and capacity limits', () => {
    expect(newIssues({ stock: 0 })).toEqual({});
    expect(newIssues({ stock: LIMITS.maxStock })).toEqual({});
    expect(Object.keys(newIssues({ stock: 1.5 }))).toEqual(['stock']);
    const service = { category: 'tour', unit: 'người', stock: undefined };
    expect(newIssues({ ...service, capacityPerDate: 1 })).toEqual({});
    expect(newIssues({ ...service, capacityPerDate: LIMITS.maxCapacityPerDate })).toEqual({});
    expect(Object.keys(newIssues({ ...service, capacityPerDate: 0 }))).toEqual(['capacityPerDate']);
    expect(
      Object.keys(newIssues({ ...service, capacityPerDate: LIMITS.maxCapacityPerDate + 1 })),
    ).toEqual(['capacityPerDate']);
  });

  it('price tiers', () => {
    expect(newIssues({ priceTiers: [{ minQuantity: 2, unitPrice: 250_000 }] })).toEqual({
      'priceTiers.0.unitPrice': 'A tier price must be below the base price',
    });
    expect(
      newIssues({
        priceTiers: [
          { minQuantity: 5, unitPrice: 240_000 },
          { minQuantity: 4, unitPrice: 230_000 },
        ],
      }),
    ).toEqual({ 'priceTiers.1.minQuantity': 'Tier quantities must strictly increase' });
    expect(
      newIssues({
        priceTiers: [
          { minQuantity: 5, unitPrice: 240_000 },
          { minQuantity: 6, unitPrice: 240_001 },
        ],
      }),
    ).toEqual({ 'priceTiers.1.unitPrice': 'Tier prices must strictly decrease' });
    // A tier just below the price, and five tiers, are fine; six are not.
    const five = Array.from({ length: LIMITS.maxTiers }, (_, i) => ({
      minQuantity: 2 + i,
      unitPrice: 249_999 - i,
    }));
    expect(newIssues({ priceTiers: five })).toEqual({});
    expect(
      Object.keys(newIssues({ priceTiers: [...five, { minQuantity: 100, unitPrice: 1_000 }] })),
    ).toEqual(['priceTiers']);
    expect(
      newIssues({ priceTiers: [{ minQuantity: LIMITS.maxTierQuantity, unitPrice: 1 }] }),
    ).toEqual({});
    expect(
      Object.keys(
        newIssues({ priceTiers: [{ minQuantity: LIMITS.maxTierQuantity + 1, unitPrice: 1 }] }),
      ),
    ).toEqual(['priceTiers.0.minQuantity']);
  });

  it('certifications', () => {
    const ocop = (number: string) => ({ kind: 'ocop', stars: 3, number, expiresOn: '2027-01-01' });
    expect(newIssues({ certifications: [ocop('A'), ocop('B')] })).toEqual({
      certifications: 'At most one OCOP rating',
    });
    expect(
      newIssues({
        certifications: [
          { kind: 'asc', number: 'X-1' },
          { kind: 'asc', number: ' x-1 ' },
        ],
      }),
    ).toEqual({ 'certifications.1': 'The same certification twice' });
    // The same number under two kinds is two certifications; two kinds without numbers too.
    expect(
      newIssues({
        certifications: [
          { kind: 'asc', number: 'X-1' },
          { kind: 'organic', number: 'X-1' },
        ],
      }),
    ).toEqual({});
    expect(
      newIssues({
        certifications: [
          { kind: 'asc', number: 'X-1' },
          { kind: 'asc', number: 'X-2' },
        ],
      }),
    ).toEqual({});
    expect(newIssues({ certifications: [{ kind: 'asc' }, { kind: 'asc' }] })).toEqual({
      'certifications.1': 'The same certification twice',
    });
    const ten = Array.from({ length: LIMITS.maxCertifications }, (_, i) => ({
      kind: 'vietgap',
      number: `V-${i}`,
    }));
    expect(newIssues({ certifications: ten })).toEqual({});
    expect(
      Object.keys(newIssues({ certifications: [...ten, { kind: 'vietgap', number: 'V-x' }] })),
    ).toEqual(['certifications']);
    const long = 'N'.repeat(LIMITS.certificateNumberLength);
    expect(newIssues({ certifications: [ocop(long)] })).toEqual({});
    expect(Object.keys(newIssues({ certifications: [ocop(`${long}N`)] }))).toEqual([
      'certifications.0.number',
    ]);
    expect(
      Object.keys(newIssues({ certifications: [{ kind: 'organic', number: 'a\u202eb' }] })),
    ).toEqual(['certifications.0.number']);
  });
});

describe('errors thrown by the product rules', () => {
  it('an expired certification: which one, since when, against which day', () => {
    const err = caught(() =>
      assertCertificationsCurrent(
        [
          { kind: 'organic' },
          { kind: 'asc', number: 'A-1', expiresOn: '2026-11-22' },
          { kind: 'vietgap', expiresOn: '2026-11-23' },
        ],
        '2026-11-23',
      ),
    );
    expect(err.code).toBe('request.invalid');
    expect(err.message).toBe('A certification has already expired');
    expect(err.details).toEqual({
      issues: [
        {
          in: 'body',
          path: 'certifications.1.expiresOn',
          code: 'custom',
          message: 'Expired on 2026-11-22',
          params: { rule: 'certificationExpired', today: '2026-11-23' },
        },
      ],
    });
  });

  it('an expired certification already on the product passes only with the same expiry', () => {
    const old = { kind: 'asc' as const, number: 'A-1', expiresOn: '2026-01-01' };
    expect(() => assertCertificationsCurrent([old], '2026-11-23', [old])).not.toThrow();
    expect(() =>
      assertCertificationsCurrent([{ ...old, number: 'a-1 ' }], '2026-11-23', [old]),
    ).not.toThrow();
    expect(
      caught(() =>
        assertCertificationsCurrent([{ ...old, expiresOn: '2026-02-01' }], '2026-11-23', [old]),
      ).code,
    ).toBe('request.invalid');
    expect(
      caught(() => assertCertificationsCurrent([{ ...old, number: 'A-2' }], '2026-11-23', [old]))
        .code,
    ).toBe('request.invalid');
  });

  it('a certificate is checked against the province date, not UTC', () => {
    // 2026-11-22T17:30Z is already the 23rd in Cà Mau (UTC+7).
    const evening = new Date('2026-11-22T17:30:00.000Z');
    const input = NewProductSchema.parse({
      ...goods,
      certifications: [{ kind: 'asc', number: 'A', expiresOn: '2026-11-22' }],
    });
    expect(caught(() => createProduct(input, { id: 'p', sellerId: 'sl-1' }, evening)).code).toBe(
      'request.invalid',
    );
    const morning = new Date('2026-11-22T16:59:00.000Z');
    expect(
      createProduct(input, { id: 'p', sellerId: 'sl-1' }, morning).certifications,
    ).toHaveLength(1);
  });

  it("another seller's image: which one and why", () => {
    const err = caught(() => assertOwnImages(['img/sl-1/a.jpg', 'img/sl-2/b.jpg'], 'sl-1'));
    expect(err.code).toBe('request.invalid');
    expect(err.message).toBe('Images must be your own uploads');
    expect(err.details).toEqual({
      issues: [{ in: 'body', path: 'images.1', code: 'custom', message: 'Not your upload' }],
    });
    // A seller id that is a prefix of another's is not the same seller.
    expect(caught(() => assertOwnImages(['img/sl-10/a.jpg'], 'sl-1')).code).toBe('request.invalid');
    expect(() => assertOwnImages([], 'sl-1')).not.toThrow();
  });

  it('a refused transition names both states', () => {
    const err = caught(() => transition('archived', 'active'));
    expect(err.code).toBe('product.invalidTransition');
    expect(err.message).toBe('A archived product cannot become active');
    expect(err.details).toEqual({ from: 'archived', to: 'active' });
    expect(transition('active', 'active')).toBe('active');
    expect(transition('draft', 'archived')).toBe('archived');
  });

  it('a suspended seller is told why', () => {
    const err = caught(() => assertSellerMayWrite('suspended'));
    expect(err.message).toBe('A suspended seller cannot change products');
  });

  it('a stale version gives the expected and current versions', () => {
    const err = caught(() => applyUpdate(make(), { version: 3, price: 1 }, later));
    expect(err.code).toBe('product.versionConflict');
    expect(err.message).toBe('The product was changed since you read it');
    expect(err.details).toEqual({ expected: 3, current: 1 });
  });

  it('editing an archived product names the fields', () => {
    const archived = archiveProduct(make(), later);
    const err = caught(() =>
      applyUpdate(archived, { version: 2, price: 5, stock: 3, status: 'archived' }, later),
    );
    expect(err.code).toBe('product.invalidTransition');
    expect(err.message).toBe('An archived product can only be restored to draft');
    expect(err.details).toEqual({ from: 'archived', fields: ['price', 'stock'] });
  });

  it('an inconsistent update lists each issue with its path, code and message', () => {
    const product = make({ priceTiers: [{ minQuantity: 3, unitPrice: 200_000 }] });
    const err = caught(() =>
      applyUpdate(product, { version: 1, price: 150_000, category: 'tour' }, later),
    );
    expect(err.code).toBe('request.invalid');
    expect(err.message).toBe('The updated product is not consistent');
    expect(err.details).toEqual({
      issues: [
        {
          in: 'body',
          path: 'capacityPerDate',
          code: 'custom',
          message: 'Services need a capacity per date',
        },
        {
          in: 'body',
          path: 'priceTiers.0.unitPrice',
          code: 'custom',
          message: 'A tier price must be below the base price',
        },
      ],
    });
  });
});

describe('applyUpdate', () => {
  it('switching a service back to goods drops the capacity unless given, and needs a stock', () => {
    const tour = make({
      category: 'tour',
      unit: 'người',
      stock: undefined,
      capacityPerDate: 8,
    });
    const back = applyUpdate(tour, { version: 1, category: 'rice', unit: 'kg', stock: 4 }, later);
    expect(back.capacityPerDate).toBeUndefined();
    expect(back.stock).toBe(4);
    expect('capacityPerDate' in back).toBe(false);
    expect(caught(() => applyUpdate(tour, { version: 1, category: 'rice' }, later)).code).toBe(
      'request.invalid',
    );
  });

  it('keeps an English text out when the update leaves it out, and stores only given keys', () => {
    const product = make({ name: { vi: 'Mật ong', en: 'Honey' } });
    const next = applyUpdate(product, { version: 1, name: { vi: 'Mật ong rừng' } }, later);
    expect(next.name).toEqual({ vi: 'Mật ong rừng' });
    expect(Object.keys(next.name)).toEqual(['vi']);
    expect(next.stock).toBe(10);
    expect(next.updatedAt).toBe(later.toISOString());
    expect(next.createdAt).toBe(now.toISOString());
  });

  it('changes status alone and bumps the version', () => {
    const next = applyUpdate(make(), { version: 1, status: 'active' }, later);
    expect(next).toMatchObject({ status: 'active', version: 2, updatedAt: later.toISOString() });
  });

  it('checks the update body: version required and positive, unknown keys refused', () => {
    expect(ProductUpdateSchema.safeParse({ price: 1 }).success).toBe(false);
    expect(ProductUpdateSchema.safeParse({ version: 0 }).success).toBe(false);
    expect(ProductUpdateSchema.safeParse({ version: 1, colour: 'red' }).success).toBe(false);
    expect(ProductUpdateSchema.safeParse({ version: 1, status: 'archived' }).success).toBe(true);
    expect(ProductUpdateSchema.safeParse({ version: 1, status: 'sold' }).success).toBe(false);
  });

  it('creates without the other kind’s quantity field', () => {
    const product = make();
    expect('capacityPerDate' in product).toBe(false);
    const tour = make({ category: 'tour', unit: 'người', stock: undefined, capacityPerDate: 2 });
    expect('stock' in tour).toBe(false);
    expect(tour.capacityPerDate).toBe(2);
    expect(make().stock).toBe(10);
    expect(make({ name: { vi: 'A' } }).name).toEqual({ vi: 'A' });
    expect(make({ name: { vi: 'A', en: 'B' } }).name).toEqual({ vi: 'A', en: 'B' });
    expect(Object.keys(make().description)).toEqual(['vi']);
  });

  it('takes a new product live at once when asked, else as a draft', () => {
    expect(NewProductSchema.parse({ ...goods, status: 'active' }).status).toBe('active');
    expect(NewProductSchema.parse({ ...goods, status: 'draft' }).status).toBe('draft');
    expect(NewProductSchema.parse(goods).status).toBe('draft');
  });

  it('keeps a service a service: capacity kept on other changes, a stock refused', () => {
    const tour = make({ category: 'tour', unit: 'người', stock: undefined, capacityPerDate: 8 });
    const cheaper = applyUpdate(tour, { version: 1, price: 200_000 }, later);
    expect(cheaper.capacityPerDate).toBe(8);
    expect('stock' in cheaper).toBe(false);
    expect(caught(() => applyUpdate(tour, { version: 1, stock: 5 }, later)).details).toEqual({
      issues: [{ in: 'body', path: 'stock', code: 'custom', message: 'Services have no stock' }],
    });
    // and goods stay goods: a capacity is refused
    expect(
      caught(() => applyUpdate(make(), { version: 1, capacityPerDate: 3 }, later)).details,
    ).toEqual({
      issues: [
        {
          in: 'body',
          path: 'capacityPerDate',
          code: 'custom',
          message: 'Only services have a capacity per date',
        },
      ],
    });
  });

  it('reports at most 20 issues of an inconsistent update', () => {
    const err = caught(() =>
      applyUpdate(
        make(),
        {
          version: 1,
          category: 'tour',
          priceTiers: Array.from({ length: 5 }, () => ({ minQuantity: 2, unitPrice: 900_000 })),
          certifications: Array.from({ length: 10 }, () => ({ kind: 'asc' as const })),
        },
        later,
      ),
    );
    const { issues } = err.details as { issues: unknown[] };
    expect(issues).toHaveLength(20);
  });
});

describe('assertOwnImages on keys that are not upload keys at all', () => {
  it('refuses them as not the seller’s, without a crash', () => {
    expect(caught(() => assertOwnImages(['https://evil.example/a.jpg'], 'sl-1')).details).toEqual({
      issues: [{ in: 'body', path: 'images.0', code: 'custom', message: 'Not your upload' }],
    });
  });
});
