import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PRODUCT_CONTENT_KEYS, PRODUCT_FIELDS } from '../catalog/fields';
import { CatalogListing, type ListingPage, type ListingQuery } from '../catalog/listing';
import type { Product, ProductStatus } from '../catalog/product';
import { AppError } from '../errors';
import type { SellerStatus } from '../sellers/seller';
import { db } from './client';
import {
  LISTING_SHARDS,
  listingPartition,
  productKey,
  productListingIndex,
  productOwnerIndex,
  sellerKey,
} from './keys';
import { queryAll } from './query';

/**
 * Products in the single table. The item is the product plus three storage-only attributes:
 * - `sellerListed`: the seller is approved (denormalised; setSellerListing keeps it in step);
 * - `listingSeq`: a counter bumped by every write, so the storefront cache applies changes in order
 *   whatever the writers' clocks say;
 * - `changedAt` (and gsi2 `LISTING#<shard>` / `<changedAt>#<id>`): the storefront feed.
 * Seller-side reads are consistent reads of the item or Queries of gsi1 (byOwner); the storefront
 * reads a per-process cache fed by gsi2 (see listListedProducts and docs/catalog.md). No Scan.
 */

/** Only the domain fields leave shared/db: never pk/sk or index attributes. */
function toProduct(item: Record<string, unknown>): Product {
  const out: Record<string, unknown> = {};
  for (const field of PRODUCT_FIELDS) if (item[field] !== undefined) out[field] = item[field];
  return out as unknown as Product;
}

/**
 * The stored item of a product (for writers outside this file, e.g. the demo seed): keys, both
 * indexes, the storefront attributes, and the product's own fields, picked one by one.
 */
export function productItem(
  product: Product,
  options: { sellerListed: boolean; changedAt: Date; listingSeq?: number },
): Record<string, unknown> {
  const changedAt = options.changedAt.toISOString();
  const fields: Record<string, unknown> = {};
  for (const field of PRODUCT_FIELDS)
    if (product[field] !== undefined) fields[field] = product[field];
  return {
    ...productKey(product.id),
    ...productOwnerIndex(product.sellerId, product.createdAt, product.id),
    ...productListingIndex(product.id, changedAt),
    entity: 'product',
    ...fields,
    sellerListed: options.sellerListed,
    listingSeq: options.listingSeq ?? 1,
    changedAt,
  };
}

// ---- sellers, as the catalog needs them -----------------------------------------------------

/** What the catalog reads of a seller: status for the rules, name and commune for views. */
export interface SellerSnapshot {
  id: string;
  legalName: string;
  communeCode: string;
  status: SellerStatus;
}

const SELLER_PROJECTION = {
  ProjectionExpression: 'id, legalName, communeCode, #status',
  ExpressionAttributeNames: { '#status': 'status' },
};

const toSnapshot = (item: Record<string, unknown>): SellerSnapshot => ({
  id: String(item.id),
  legalName: String(item.legalName),
  communeCode: String(item.communeCode),
  status: item.status as SellerStatus,
});

/** A seller's current status, name and commune (consistent read). */
export async function getSellerSnapshot(sellerId: string): Promise<SellerSnapshot | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: sellerKey(sellerId),
      ConsistentRead: true,
      ...SELLER_PROJECTION,
    }),
  );
  return out.Item ? toSnapshot(out.Item) : undefined;
}

/** Several sellers at once (consistent reads, BatchGet in chunks of 100, unprocessed retried). */
export async function getSellerSnapshots(
  sellerIds: readonly string[],
): Promise<Map<string, SellerSnapshot>> {
  const items = await batchGet(
    [...new Set(sellerIds)].map((id) => sellerKey(id)),
    SELLER_PROJECTION,
  );
  return new Map(items.map((item) => [String(item.id), toSnapshot(item)]));
}

async function batchGet(
  keys: Array<{ pk: string; sk: string }>,
  projection?: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const { doc, tableName } = db();
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Array<Record<string, unknown>> = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      if (attempt > 8) throw new Error('BatchGet kept returning unprocessed keys');
      const res = await doc.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ...projection } },
        }),
      );
      out.push(...(res.Responses?.[tableName] ?? []));
      pending = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return out;
}

// ---- writes ---------------------------------------------------------------------------------

const sellerStatusCheck = (tableName: string, sellerId: string, status: SellerStatus) => ({
  ConditionCheck: {
    TableName: tableName,
    Key: sellerKey(sellerId),
    ConditionExpression: '#status = :sellerStatus',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':sellerStatus': status },
  },
});

/** After a failed seller check: the seller's status now, as the error a caller should see. */
async function sellerChanged(sellerId: string): Promise<SellerStatus> {
  const seller = await getSellerSnapshot(sellerId);
  if (!seller) throw new AppError('seller.notFound', 'No such seller');
  if (seller.status === 'suspended')
    throw new AppError('seller.suspended', 'A suspended seller cannot change products');
  return seller.status;
}

/**
 * Inserts new products of one seller: each chunk of 99 is one transaction with a check that the
 * seller still has `sellerStatus` (so `sellerListed` is right at commit; a changed status is
 * re-read and retried, a suspension throws seller.suspended). Each product is put only if its id
 * is new. Chunks commit one after another: a failure leaves earlier chunks written (the importer
 * validates everything first; a transaction cannot hold more than 100 items).
 * `now` is the write time that places the products on the storefront feed: storefront caches
 * read the feed from their last refresh on, so it must be the clock now, never an older
 * `updatedAt` (an import of old data would otherwise stay unseen until the next full reload).
 */
export async function insertMany(
  products: readonly Product[],
  sellerStatus: SellerStatus,
  now: Date = new Date(),
): Promise<void> {
  if (products.length === 0) return;
  const sellerId = products[0]?.sellerId as string;
  if (products.some((p) => p.sellerId !== sellerId))
    throw new Error('insertMany takes the products of one seller');
  const { doc, tableName } = db();
  for (let i = 0; i < products.length; i += 99) {
    const chunk = products.slice(i, i + 99);
    let status = sellerStatus;
    for (let attempt = 0; ; attempt++) {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              sellerStatusCheck(tableName, sellerId, status),
              ...chunk.map((p) => ({
                Put: {
                  TableName: tableName,
                  Item: productItem(p, { sellerListed: status === 'approved', changedAt: now }),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              })),
            ],
          }),
        );
        break;
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const [seller, ...puts] = err.CancellationReasons ?? [];
        if (seller?.Code === 'ConditionalCheckFailed' && attempt < 3) {
          status = await sellerChanged(sellerId);
          continue;
        }
        const dup = puts.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (dup >= 0)
          throw new Error(`Product id already exists: ${chunk[dup]?.id}`, { cause: err });
        throw err;
      }
    }
  }
}

/** Inserts one new product (see insertMany). */
export const insertProduct = (product: Product, sellerStatus: SellerStatus, now?: Date) =>
  insertMany([product], sellerStatus, now);

/** What an update rewrites: the content (stock apart, see below), status and version stamp. */
const UPDATED_FIELDS = [
  ...PRODUCT_CONTENT_KEYS.filter((field) => field !== 'stock'),
  'status',
  'updatedAt',
  'version',
] as const;

/**
 * Saves a changed product on condition that the stored one is still `expectedVersion` and the
 * caller's (product.notFound for another seller's, product.versionConflict for a stale
 * version). Stock is written only when `writeStock` (the seller set it): orders change stock
 * without bumping the version, so writing back a stock read earlier would undo their decrements.
 * Returns the stored product after the write.
 */
export async function updateProduct(
  next: Product,
  options: { expectedVersion: number; writeStock: boolean; now: Date },
): Promise<Product> {
  const { doc, tableName } = db();
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  const set = (field: string, value: unknown) => {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  };
  for (const field of UPDATED_FIELDS) {
    const value = next[field];
    if (value !== undefined) set(field, value);
    else {
      names[`#${field}`] = field;
      removes.push(`#${field}`);
    }
  }
  if (next.stock === undefined) {
    names['#stock'] = 'stock';
    removes.push('#stock');
  } else if (options.writeStock) set('stock', next.stock);
  const changedAt = options.now.toISOString();
  set('changedAt', changedAt);
  set('gsi2sk', productListingIndex(next.id, changedAt).gsi2sk);
  names['#listingSeq'] = 'listingSeq';
  try {
    const out = await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: productKey(next.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''} ADD #listingSeq :one`,
        ConditionExpression:
          'attribute_exists(pk) AND #version = :expected AND #sellerId = :seller',
        ExpressionAttributeNames: { ...names, '#sellerId': 'sellerId' },
        ExpressionAttributeValues: {
          ...values,
          ':one': 1,
          ':expected': options.expectedVersion,
          ':seller': next.sellerId,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toProduct(out.Attributes ?? {});
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const current = await getProduct(next.id);
    if (!current || current.sellerId !== next.sellerId)
      throw new AppError('product.notFound', 'No such product', undefined, { cause: err });
    throw new AppError(
      'product.versionConflict',
      'The product was changed since you read it',
      { expected: options.expectedVersion, current: current.version },
      { cause: err },
    );
  }
}

/** How long a deleted product's tombstone stays on the feed (any cache reloads well before). */
const TOMBSTONE_TTL_SECONDS = 24 * 3600;

/**
 * Undoes an import: deletes the given products of the seller that nobody touched since they were
 * inserted (version 1 and no other write: no edit, no order took stock, no listing change).
 * Touched ones are kept and returned; unknown ids are ignored. A deleted product becomes a
 * tombstone (off the seller's list, unreadable, unlisted) that stays on the storefront feed so
 * every cache drops it; TTL tidies it away later.
 */
export async function deleteUntouchedProducts(
  sellerId: string,
  ids: readonly string[],
  now: Date = new Date(),
): Promise<{ kept: string[] }> {
  const { doc, tableName } = db();
  const changedAt = now.toISOString();
  const kept: string[] = [];
  const one = async (id: string) => {
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: productKey(id),
          UpdateExpression:
            'SET entity = :tombstone, sellerListed = :false, changedAt = :at, gsi2sk = :sk, expiresAt = :exp ADD listingSeq :one REMOVE gsi1pk, gsi1sk',
          ConditionExpression:
            'entity = :product AND sellerId = :seller AND version = :one AND listingSeq = :one',
          ExpressionAttributeValues: {
            ':tombstone': 'productTombstone',
            ':product': 'product',
            ':false': false,
            ':at': changedAt,
            ':sk': productListingIndex(id, changedAt).gsi2sk,
            ':exp': Math.floor(now.getTime() / 1000) + TOMBSTONE_TTL_SECONDS,
            ':one': 1,
            ':seller': sellerId,
          },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const current = await getProduct(id);
      if (current?.sellerId === sellerId) kept.push(id);
    }
  };
  for (let i = 0; i < ids.length; i += 16) await Promise.all(ids.slice(i, i + 16).map(one));
  return { kept };
}

/**
 * Puts the seller's approval on every product of the seller (officer: approve, suspend,
 * reinstate). Idempotent; products already in that state are not rewritten. Their feed position
 * moves, so storefront caches pick the change up on their next request; the storefront also
 * checks sellers at read time, which covers products written while this runs.
 */
export async function setSellerListing(
  sellerId: string,
  listed: boolean,
  now: Date = new Date(),
): Promise<{ updated: number }> {
  const { doc, tableName } = db();
  const ids = (
    await queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :product)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':product': 'PRODUCT#' },
      ProjectionExpression: 'id',
    })
  ).map((item) => String(item.id));

  const changedAt = now.toISOString();
  let updated = 0;
  const one = async (id: string) => {
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: productKey(id),
          UpdateExpression:
            'SET sellerListed = :listed, changedAt = :at, gsi2sk = :sk ADD listingSeq :one',
          ConditionExpression: 'attribute_exists(pk) AND sellerListed <> :listed',
          ExpressionAttributeValues: {
            ':listed': listed,
            ':at': changedAt,
            ':sk': productListingIndex(id, changedAt).gsi2sk,
            ':one': 1,
          },
        }),
      );
      updated++;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  };
  // Bounded parallelism: a seller may have thousands of products.
  for (let i = 0; i < ids.length; i += 16) await Promise.all(ids.slice(i, i + 16).map(one));
  return { updated };
}

/**
 * For the orders module: TransactWriteItems elements that take `quantity` from an active
 * product's stock (condition `stock >= quantity`) or give it back, and move the product on the
 * storefront feed so caches see the new stock.
 */
export function stockChange(productId: string, delta: number, now: Date) {
  const { tableName } = db();
  const changedAt = now.toISOString();
  const taking = delta < 0;
  return {
    Update: {
      TableName: tableName,
      Key: productKey(productId),
      UpdateExpression: 'SET changedAt = :at, gsi2sk = :sk ADD stock :delta, listingSeq :one',
      ConditionExpression: taking
        ? 'attribute_exists(pk) AND #status = :active AND stock >= :quantity'
        : 'attribute_exists(pk) AND attribute_exists(stock)',
      ...(taking ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: {
        ':at': changedAt,
        ':sk': productListingIndex(productId, changedAt).gsi2sk,
        ':delta': delta,
        ':one': 1,
        ...(taking ? { ':active': 'active' satisfies ProductStatus, ':quantity': -delta } : {}),
      },
    },
  };
}

// ---- seller-side reads ----------------------------------------------------------------------

/** One product by id, consistent read. */
export async function getProduct(id: string): Promise<Product | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: productKey(id), ConsistentRead: true }),
  );
  return out.Item && out.Item.entity === 'product' ? toProduct(out.Item) : undefined;
}

/** A seller's own product; another seller's is "not there" (ids don't leak). */
export async function getOwnProduct(sellerId: string, id: string): Promise<Product | undefined> {
  const product = await getProduct(id);
  return product?.sellerId === sellerId ? product : undefined;
}

/** Several products by id (for orders), consistent reads; missing ids are absent. */
export async function getMany(ids: readonly string[]): Promise<Map<string, Product>> {
  const items = await batchGet([...new Set(ids)].map((id) => productKey(id)));
  return new Map(
    items.filter((i) => i.entity === 'product').map((i) => [String(i.id), toProduct(i)]),
  );
}

export interface OwnProductsPage {
  items: Product[];
  nextCursor?: string;
}

const OWN_CURSOR = /^[A-Za-z0-9_-]{1,1024}$/;

/**
 * A seller's products, newest first, optionally of one status (gsi1 byOwner). The cursor is the
 * last evaluated key, opaque (base64url) and checked to belong to this seller.
 */
export async function listBySeller(
  sellerId: string,
  options: { status?: ProductStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<OwnProductsPage> {
  const { doc, tableName } = db();
  const pk = `SELLER#${sellerId}`;
  let start = options.cursor ? decodeOwnCursor(options.cursor, pk) : undefined;
  const items: Product[] = [];
  // A status filter is applied after DynamoDB's Limit; a few rounds fill the page.
  for (let round = 0; round < 10 && items.length < options.limit; round++) {
    const input: QueryCommandInput = {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :product)',
      ExpressionAttributeValues: {
        ':pk': pk,
        ':product': 'PRODUCT#',
        ...(options.status ? { ':status': options.status } : {}),
      },
      ...(options.status
        ? {
            FilterExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
          }
        : {}),
      ScanIndexForward: false,
      Limit: options.limit - items.length,
      ExclusiveStartKey: start,
    };
    const out = await doc.send(new QueryCommand(input));
    items.push(...(out.Items ?? []).map(toProduct));
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  return { items, ...(start ? { nextCursor: encodeOwnCursor(start) } : {}) };
}

function encodeOwnCursor(key: Record<string, unknown>): string {
  const { pk, sk, gsi1pk, gsi1sk } = key;
  return Buffer.from(JSON.stringify([pk, sk, gsi1pk, gsi1sk])).toString('base64url');
}

function decodeOwnCursor(cursor: string, ownerPk: string): Record<string, string> {
  const invalid = () => new AppError('query.invalidCursor', 'The cursor is not valid here');
  if (!OWN_CURSOR.test(cursor)) throw invalid();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === 'string'))
    throw invalid();
  const [pk, sk, gsi1pk, gsi1sk] = parts as string[];
  const id = /^PRODUCT#([A-Za-z0-9-]{1,64})$/.exec(pk ?? '')?.[1];
  if (
    !id ||
    sk !== 'PRODUCT' ||
    gsi1pk !== ownerPk ||
    !gsi1sk?.startsWith('PRODUCT#') ||
    !gsi1sk.endsWith(`#${id}`) ||
    gsi1sk.length > 120
  )
    throw invalid();
  return { pk: pk as string, sk, gsi1pk, gsi1sk };
}

// ---- the storefront -------------------------------------------------------------------------

/** Attributes the storefront cache reads from the feed (no keys, no index attributes). */
const FEED_ATTRIBUTES = [...PRODUCT_FIELDS, 'sellerListed', 'listingSeq'];
const FEED_PROJECTION = {
  ProjectionExpression: FEED_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(FEED_ATTRIBUTES.map((a, i) => [`#a${i}`, a])),
};

interface FeedItem {
  product: Product;
  listed: boolean;
  seq: number;
}

/** Every product on one shard of the feed changed at or after `since` (all when undefined). */
async function readShard(shard: number, since?: string): Promise<FeedItem[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: since ? 'gsi2pk = :pk AND gsi2sk >= :since' : 'gsi2pk = :pk',
    ExpressionAttributeNames: FEED_PROJECTION.ExpressionAttributeNames,
    ExpressionAttributeValues: {
      ':pk': listingPartition(shard),
      ...(since ? { ':since': since } : {}),
    },
    ProjectionExpression: FEED_PROJECTION.ProjectionExpression,
  });
  return items.map((item) => {
    const product = toProduct(item);
    return {
      product,
      listed: product.status === 'active' && item.sellerListed === true,
      seq: Number(item.listingSeq ?? 0),
    };
  });
}

const readFeed = async (since?: string) =>
  (await Promise.all(Array.from({ length: LISTING_SHARDS }, (_, s) => readShard(s, since)))).flat();

/**
 * How the storefront cache stays fresh. Reads lag writes by the GSI's propagation (usually well
 * under a second), so each refresh re-reads an overlap; everything is reloaded now and then to
 * bound any drift (a writer's clock far behind).
 */
export const LISTING_CACHE = { overlapMs: 3_000, fullReloadMs: 5 * 60_000 };

/** The per-process storefront: a full load, then on each request only what changed since. */
class ListingFeed {
  private listing: CatalogListing | undefined;
  private loadedAt = 0;
  private refreshedAt = 0;
  private inflight: Promise<CatalogListing> | undefined;

  async current(now: number): Promise<CatalogListing> {
    // Concurrent requests in one process (the local host) share one refresh.
    this.inflight ??= this.refresh(now).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refresh(now: number): Promise<CatalogListing> {
    if (!this.listing || now - this.loadedAt >= LISTING_CACHE.fullReloadMs) {
      const listing = new CatalogListing();
      for (const { product, listed, seq } of await readFeed()) listing.apply(product, listed, seq);
      this.listing = listing;
      this.loadedAt = now;
      this.refreshedAt = now;
      return listing;
    }
    const since = new Date(this.refreshedAt - LISTING_CACHE.overlapMs).toISOString();
    this.refreshedAt = now;
    for (const { product, listed, seq } of await readFeed(since))
      this.listing.apply(product, listed, seq);
    return this.listing;
  }

  reset(): void {
    this.listing = undefined;
  }
}

// Made on first use, so functions that never search (the officer's, say) do not carry the
// search index code: nothing at module level refers to it, and the bundler drops it.
let feedInstance: ListingFeed | undefined;
const feed = () => {
  feedInstance ??= new ListingFeed();
  return feedInstance;
};

/**
 * One storefront page: active products of approved sellers, searched, filtered, sorted and
 * paged in this process's cache after reading what changed since the last request. Callers
 * still check the page's sellers (getSellerSnapshots) before showing it.
 */
export async function listListedProducts(
  query: ListingQuery,
  now: Date = new Date(),
): Promise<ListingPage> {
  return (await feed().current(now.getTime())).query(query);
}

/** Drops the cache: the next storefront request loads everything (benchmarks, cold start). */
export const resetListingCache = () => feed().reset();

/**
 * The baseline design, kept for the benchmark: read every product of the feed on each request
 * (paginated Queries, no cache) and keep the listed ones.
 */
export async function readListedProductsUncached(): Promise<Product[]> {
  return (await readFeed()).filter((f) => f.listed).map((f) => f.product);
}

/**
 * One storefront product with its seller, only while listed: active, seller approved (the
 * seller's status is read now, not taken from the product).
 */
export async function getListedProduct(
  id: string,
): Promise<{ product: Product; seller: SellerSnapshot } | undefined> {
  const product = await getProduct(id);
  if (product?.status !== 'active') return undefined;
  const seller = await getSellerSnapshot(product.sellerId);
  return seller?.status === 'approved' ? { product, seller } : undefined;
}
