import { AppError } from '../errors';
import { isInStock, type Product, type ProductCategory } from './product';
import { makeSearchDoc, queryTokens, scoreDoc, TokenIndex } from './search';

/**
 * The storefront's view of the catalog: the listed products (active, seller approved), held in
 * memory, with search, filters, sorts and keyset cursors. Pure; shared/db/products.ts keeps one of
 * these per process fresh from the table.
 */

export const LISTING_SORTS = ['relevance', 'newest', 'priceAsc', 'priceDesc'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

export interface ListingQuery {
  /** Free text, accent-insensitive. Without searchable tokens the query is a browse. */
  q?: string | undefined;
  category?: ProductCategory | undefined;
  communeCode?: string | undefined;
  sellerId?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  /** Default: relevance with q, newest without (relevance without q means newest). */
  sort?: ListingSort | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface ListingPage {
  items: Product[];
  /** Matching products in all pages. */
  total: number;
  nextCursor?: string;
}

/** A position in one ordering: [primary (score or price; 0 for newest), createdAt, id]. */
type SortKey = [number, string, string];

interface Entry {
  product: Product;
  /** The stored item's write counter (shared/db): a lower one is an older state. */
  revision: number;
}

/** FNV-1a, enough to tell one query's cursor from another's. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const toBase64Url = (text: string) =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const invalidCursor = () =>
  new AppError('query.invalidCursor', 'The cursor is not valid for this query');

/** Opaque cursor: base64url JSON `{v, h, k}` bound to the query by `h`. */
export function encodeCursor(queryHash: string, key: SortKey): string {
  return toBase64Url(JSON.stringify({ v: 1, h: queryHash, k: key }));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const ID = /^[A-Za-z0-9-]{1,64}$/;

/** Throws query.invalidCursor for anything but a cursor this query produced. */
export function decodeCursor(cursor: string, queryHash: string): SortKey {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw invalidCursor();
  }
  const c = parsed as { v?: unknown; h?: unknown; k?: unknown };
  if (!parsed || typeof parsed !== 'object' || c.v !== 1 || c.h !== queryHash)
    throw invalidCursor();
  const k = c.k;
  if (
    !Array.isArray(k) ||
    k.length !== 3 ||
    typeof k[0] !== 'number' ||
    !Number.isSafeInteger(k[0]) ||
    typeof k[1] !== 'string' ||
    !ISO.test(k[1]) ||
    typeof k[2] !== 'string' ||
    !ID.test(k[2])
  )
    throw invalidCursor();
  return [k[0], k[1], k[2]];
}

/**
 * Compares positions: primary by the sort's direction, then newest first, then id ascending.
 * Negative when `a` comes first.
 */
function compareKeys(a: SortKey, b: SortKey, primaryAscending: boolean): number {
  if (a[0] !== b[0]) return primaryAscending ? a[0] - b[0] : b[0] - a[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? 1 : -1;
  if (a[2] !== b[2]) return a[2] < b[2] ? -1 : 1;
  return 0;
}

const effectiveSort = (sort: ListingSort | undefined, hasTokens: boolean): ListingSort => {
  const s = sort ?? (hasTokens ? 'relevance' : 'newest');
  return s === 'relevance' && !hasTokens ? 'newest' : s;
};

function primaryOf(sort: ListingSort, product: Product, score: number): number {
  if (sort === 'relevance') return score;
  if (sort === 'newest') return 0;
  return product.price;
}

interface Prepared {
  tokens: string[];
  sort: ListingSort;
  hash: string;
  after: SortKey | undefined;
  ascending: boolean;
  keep: (p: Product) => boolean;
}

/** Tokens, effective sort, the query's hash (cursors are bound to it), the decoded cursor, filter. */
function prepare(query: ListingQuery): Prepared {
  const tokens = queryTokens(query.q ?? '');
  const sort = effectiveSort(query.sort, tokens.length > 0);
  const hash = fnv1a(
    JSON.stringify([
      sort,
      tokens,
      query.category ?? null,
      query.communeCode ?? null,
      query.sellerId ?? null,
      query.minPrice ?? null,
      query.maxPrice ?? null,
      query.inStock ?? null,
    ]),
  );
  return {
    tokens,
    sort,
    hash,
    after: query.cursor ? decodeCursor(query.cursor, hash) : undefined,
    ascending: sort === 'priceAsc',
    keep: (p: Product) =>
      (query.category === undefined || p.category === query.category) &&
      (query.communeCode === undefined || p.originCommuneCode === query.communeCode) &&
      (query.sellerId === undefined || p.sellerId === query.sellerId) &&
      (query.minPrice === undefined || p.price >= query.minPrice) &&
      (query.maxPrice === undefined || p.price <= query.maxPrice) &&
      (query.inStock === undefined || isInStock(p) === query.inStock),
  };
}

type Row = { product: Product; key: SortKey };

/** The page after the cursor from rows already in order. */
function pageOf(ordered: readonly Row[], prepared: Prepared, limit: number): ListingPage {
  const { after, ascending, hash } = prepared;
  const start = after ? firstAfter(ordered, (e) => compareKeys(e.key, after, ascending) > 0) : 0;
  const page = ordered.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start + limit < ordered.length;
  return {
    items: page.map((e) => e.product),
    total: ordered.length,
    ...(more && last ? { nextCursor: encodeCursor(hash, last.key) } : {}),
  };
}

const keyOf = (sort: ListingSort, product: Product, score: number): SortKey => [
  primaryOf(sort, product, score),
  product.createdAt,
  product.id,
];

/** The listed products and their search index; apply changes, then query pages. */
export class CatalogListing {
  private readonly entries = new Map<string, Entry>();
  /** Unlisted products' last revisions, so an older listed state cannot resurrect them. */
  private readonly tombstones = new Map<string, number>();
  private readonly index = new TokenIndex();
  private readonly sorted = new Map<ListingSort, Product[]>();

  get size(): number {
    return this.entries.size;
  }

  /**
   * Applies the stored state of one product: listed products are added or replaced, others
   * removed. A state older than the one held (lower revision) is ignored, so replays and
   * overlapping reads are harmless.
   */
  apply(product: Product, listed: boolean, revision: number): void {
    const held = this.entries.get(product.id);
    const newest = held?.revision ?? this.tombstones.get(product.id);
    if (newest !== undefined && revision < newest) return;
    if (listed) {
      this.tombstones.delete(product.id);
      this.entries.set(product.id, { product, revision });
      this.index.upsert(product.id, makeSearchDoc(product));
    } else {
      this.tombstones.set(product.id, revision);
      if (!held) return;
      this.entries.delete(product.id);
      this.index.remove(product.id);
    }
    this.sorted.clear();
  }

  get(id: string): Product | undefined {
    return this.entries.get(id)?.product;
  }

  /**
   * One page of results. Throws query.invalidCursor for a cursor of another query. Only the page
   * is ordered (a bounded selection over the matches), not every match.
   */
  query(query: ListingQuery): ListingPage {
    const prepared = prepare(query);
    const { sort, tokens, keep, ascending, after, hash } = prepared;
    const limit = query.limit;
    if (tokens.length === 0 && sort !== 'relevance') {
      // Browse: the products are already in this order; find the cursor, then count and take.
      const list = this.sortedBy(sort);
      const start = after
        ? firstAfter(list, (p) => compareKeys(keyOf(sort, p, 0), after, ascending) > 0)
        : 0;
      const page: Product[] = [];
      let total = 0;
      let more = false;
      for (let i = 0; i < list.length; i++) {
        const product = list[i] as Product;
        if (!keep(product)) continue;
        total++;
        if (i < start) continue;
        if (page.length < limit) page.push(product);
        else more = true;
      }
      const last = page[page.length - 1];
      return {
        items: page,
        total,
        ...(more && last ? { nextCursor: encodeCursor(hash, keyOf(sort, last, 0)) } : {}),
      };
    }
    // Search: keep the best `limit` rows after the cursor, counting the rest.
    const page: Row[] = [];
    let total = 0;
    let afterCursor = 0;
    for (const [id, score] of this.index.search(tokens)) {
      const product = this.entries.get(id)?.product;
      if (!product || !keep(product)) continue;
      total++;
      const key = keyOf(sort, product, score);
      if (after && compareKeys(key, after, ascending) <= 0) continue;
      afterCursor++;
      if (page.length === limit && compareKeys(key, (page[limit - 1] as Row).key, ascending) >= 0)
        continue;
      let at = page.length;
      while (at > 0 && compareKeys(key, (page[at - 1] as Row).key, ascending) < 0) at--;
      page.splice(at, 0, { product, key });
      if (page.length > limit) page.pop();
    }
    const last = page[page.length - 1];
    return {
      items: page.map((r) => r.product),
      total,
      ...(afterCursor > limit && last ? { nextCursor: encodeCursor(hash, last.key) } : {}),
    };
  }

  private sortedBy(sort: Exclude<ListingSort, 'relevance'>): Product[] {
    let list = this.sorted.get(sort);
    if (!list) {
      const ascending = sort === 'priceAsc';
      list = [...this.entries.values()]
        .map((e) => e.product)
        .sort((a, b) => compareKeys(keyOf(sort, a, 0), keyOf(sort, b, 0), ascending));
      this.sorted.set(sort, list);
    }
    return list;
  }
}

/** First index where `isAfter` holds, for a list ordered so that it holds from some point on. */
function firstAfter<T>(list: readonly T[], isAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The simplest correct listing: filter and score every product on each call, then sort (no
 * index, no cache). The benchmark's baseline, and the oracle the index is tested against.
 */
export function listLinear(products: readonly Product[], query: ListingQuery): ListingPage {
  const prepared = prepare(query);
  const { sort, tokens, keep, ascending } = prepared;
  const rows: Row[] = [];
  for (const product of products) {
    if (!keep(product)) continue;
    const score = tokens.length > 0 ? scoreDoc(tokens, makeSearchDoc(product)) : 0;
    if (tokens.length > 0 && score === 0) continue;
    rows.push({ product, key: keyOf(sort, product, score) });
  }
  rows.sort((a, b) => compareKeys(a.key, b.key, ascending));
  return pageOf(rows, prepared, query.limit);
}
