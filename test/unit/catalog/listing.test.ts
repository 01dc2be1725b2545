import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CatalogListing,
  decodeCursor,
  encodeCursor,
  type ListingQuery,
  listLinear,
} from '../../../shared/catalog/listing';
import type { Product, ProductCategory } from '../../../shared/catalog/product';
import { AppError } from '../../../shared/errors';

const product = (id: string, over: Partial<Product> = {}): Product => ({
  id,
  sellerId: 'sl-1',
  name: { vi: `Sản phẩm ${id}` },
  description: { vi: '' },
  category: 'driedSeafood',
  unit: 'kg',
  price: 100_000,
  priceTiers: [],
  stock: 5,
  originCommuneCode: '32248',
  certifications: [],
  images: [],
  status: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
  ...over,
});

const listingOf = (products: Product[]) => {
  const listing = new CatalogListing();
  for (const p of products) listing.apply(p, true, 1);
  return listing;
};

/** Every page's ids, following cursors. */
function walk(listing: CatalogListing, query: Omit<ListingQuery, 'cursor'>): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = listing.query({ ...query, cursor });
    ids.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('cursor loop');
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return undefined;
};

describe('CatalogListing', () => {
  const catalog = [
    product('a', {
      name: { vi: 'Tôm khô Cà Mau' },
      price: 1_200_000,
      createdAt: '2026-11-03T00:00:00.000Z',
    }),
    product('b', {
      name: { vi: 'Khô cá bổi Cà Mau' },
      price: 185_000,
      createdAt: '2026-11-05T00:00:00.000Z',
    }),
    product('c', {
      name: { vi: 'Cua gạch Năm Căn' },
      category: 'crab',
      price: 450_000,
      stock: 0,
      originCommuneCode: '32191',
      createdAt: '2026-11-04T00:00:00.000Z',
    }),
    product('d', {
      name: { vi: 'Tour Đất Mũi' },
      category: 'tour',
      stock: undefined,
      capacityPerDate: 10,
      price: 650_000,
      sellerId: 'sl-2',
      createdAt: '2026-11-02T00:00:00.000Z',
    }),
    product('e', {
      name: { vi: 'Tôm khô Rạch Gốc' },
      price: 1_250_000,
      createdAt: '2026-11-04T00:00:00.000Z',
    }),
  ];
  const listing = listingOf(catalog);

  it('browses newest first, ties by id', () => {
    expect(walk(listing, { limit: 2 })).toEqual(['b', 'c', 'e', 'a', 'd']);
  });

  it('sorts by price both ways', () => {
    expect(walk(listing, { sort: 'priceAsc', limit: 3 })).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(walk(listing, { sort: 'priceDesc', limit: 3 })).toEqual(['e', 'a', 'd', 'c', 'b']);
  });

  it('searches without accents, best match first, and counts all matches', () => {
    const page = listing.query({ q: 'tom kho ca mau', limit: 10 });
    expect(page.items[0]?.id).toBe('a');
    expect(page.total).toBe(page.items.length);
    expect(listing.query({ q: 'dat mui', limit: 10 }).items.map((p) => p.id)).toEqual(['d']);
  });

  it('orders search results by price when asked, keeping only matches', () => {
    expect(walk(listing, { q: 'tom kho', sort: 'priceAsc', limit: 1 })).toEqual(['b', 'a', 'e']);
  });

  it('treats relevance without a query as newest', () => {
    expect(walk(listing, { sort: 'relevance', limit: 10 })).toEqual(walk(listing, { limit: 10 }));
  });

  it('filters by category, commune, seller, price range and stock', () => {
    expect(walk(listing, { category: 'crab', limit: 5 })).toEqual(['c']);
    expect(walk(listing, { communeCode: '32191', limit: 5 })).toEqual(['c']);
    expect(walk(listing, { sellerId: 'sl-2', limit: 5 })).toEqual(['d']);
    expect(walk(listing, { minPrice: 400_000, maxPrice: 700_000, limit: 5 })).toEqual(['c', 'd']);
    expect(walk(listing, { inStock: false, limit: 5 })).toEqual(['c']);
    expect(walk(listing, { inStock: true, limit: 5 })).not.toContain('c');
  });

  it('applies changes in revision order: older states and replays are ignored', () => {
    const l = listingOf([product('x')]);
    l.apply(product('x', { price: 5 }), true, 3);
    l.apply(product('x', { price: 9 }), true, 2);
    expect(l.get('x')?.price).toBe(5);
    l.apply(product('x'), false, 4);
    expect(l.get('x')).toBeUndefined();
    l.apply(product('x', { price: 7 }), true, 3);
    expect(l.get('x')).toBeUndefined();
    l.apply(product('x', { price: 8 }), true, 5);
    expect(l.get('x')?.price).toBe(8);
    expect(l.size).toBe(1);
  });

  it('drops unlisted products from search and browse', () => {
    const l = listingOf(catalog);
    l.apply(catalog[0] as Product, false, 2);
    expect(walk(l, { q: 'tom kho ca mau', limit: 10 })).not.toContain('a');
    expect(walk(l, { limit: 10 })).not.toContain('a');
  });

  it('refuses a cursor from another query, a tampered one and garbage with query.invalidCursor', () => {
    const next = listing.query({ limit: 1 }).nextCursor as string;
    expect(code(() => listing.query({ limit: 1, category: 'crab', cursor: next }))).toBe(
      'query.invalidCursor',
    );
    expect(code(() => listing.query({ limit: 1, sort: 'priceAsc', cursor: next }))).toBe(
      'query.invalidCursor',
    );
    expect(code(() => listing.query({ limit: 1, cursor: 'not-a-cursor' }))).toBe(
      'query.invalidCursor',
    );
    expect(code(() => listing.query({ limit: 1, cursor: '!!' }))).toBe('query.invalidCursor');
    const forged = Buffer.from(JSON.stringify({ v: 1, h: 'x', k: [0, 'a', 'b'] })).toString(
      'base64url',
    );
    expect(code(() => listing.query({ limit: 1, cursor: forged }))).toBe('query.invalidCursor');
  });

  it('round-trips cursors and checks their parts', () => {
    const key: [number, string, string] = [12, '2026-11-01T00:00:00.000Z', 'p-1'];
    expect(decodeCursor(encodeCursor('h1', key), 'h1')).toEqual(key);
    expect(code(() => decodeCursor(encodeCursor('h1', [1.5, key[1], key[2]]), 'h1'))).toBe(
      'query.invalidCursor',
    );
    expect(code(() => decodeCursor(encodeCursor('h1', [1, 'yesterday', key[2]]), 'h1'))).toBe(
      'query.invalidCursor',
    );
    expect(code(() => decodeCursor(encodeCursor('h1', [1, key[1], '../x']), 'h1'))).toBe(
      'query.invalidCursor',
    );
  });
});

describe('CatalogListing equals the linear baseline', () => {
  const names = [
    'Tôm khô',
    'Cá khô',
    'Cua gạch',
    'Mật ong',
    'Gạo ST25',
    'Mắm tôm',
    'Khô cá bổi',
    'Tour Đất Mũi',
  ];
  const places = ['Cà Mau', 'Năm Căn', 'U Minh', 'Rạch Gốc', ''];
  const categories: ProductCategory[] = ['driedSeafood', 'crab', 'honey', 'rice'];
  const productArb = fc.record({
    name: fc.constantFrom(...names),
    place: fc.constantFrom(...places),
    price: fc.integer({ min: 1, max: 20 }).map((n) => n * 50_000),
    stock: fc.integer({ min: 0, max: 3 }),
    day: fc.integer({ min: 1, max: 9 }),
    category: fc.constantFrom(...categories),
  });
  const queryArb = fc.record({
    q: fc.option(
      fc.constantFrom('tom kho', 'ca mau', 'cua', 'mat ong ca', 'd', 'kho ca boi ca mau', 'x'),
      { nil: undefined },
    ),
    sort: fc.option(
      fc.constantFrom('relevance', 'newest', 'priceAsc', 'priceDesc') as fc.Arbitrary<
        ListingQuery['sort']
      >,
      { nil: undefined },
    ),
    category: fc.option(fc.constantFrom(...categories), { nil: undefined }),
    minPrice: fc.option(fc.constantFrom(100_000, 400_000), { nil: undefined }),
    inStock: fc.option(fc.boolean(), { nil: undefined }),
    limit: fc.integer({ min: 1, max: 7 }),
  });

  it('walks the same pages, each product once', () => {
    fc.assert(
      fc.property(fc.array(productArb, { maxLength: 30 }), queryArb, (specs, query) => {
        const products = specs.map((s, i) =>
          product(`p-${i}`, {
            name: { vi: `${s.name} ${s.place}`.trim() },
            price: s.price,
            stock: s.stock,
            category: s.category,
            createdAt: `2026-11-0${s.day}T00:00:00.000Z`,
          }),
        );
        const listing = listingOf(products);
        const viaIndex = walk(listing, query);
        const viaLinear: string[] = [];
        let cursor: string | undefined;
        do {
          const page = listLinear(products, { ...query, cursor });
          viaLinear.push(...page.items.map((p) => p.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(viaIndex).toEqual(viaLinear);
        expect(new Set(viaIndex).size).toBe(viaIndex.length);
        expect(listing.query(query).total).toBe(viaIndex.length);
      }),
    );
  });
});
