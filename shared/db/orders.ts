import { createHash } from 'node:crypto';
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
import { PRODUCT_FIELDS } from '../catalog/fields';
import type { Product } from '../catalog/product';
import { AppError } from '../errors';
import { type LedgerEntry, orderLedgerEntry } from '../ledger/entry';
import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from '../orders/delivery';
import {
  type ActionEffects,
  applyPayment,
  type LineFailure,
  type Order,
  type OrderLine,
  type OrderSeller,
} from '../orders/order';
import type { SellerStatus } from '../sellers/seller';
import { db } from './client';
import { productKey, productListingIndex, sellerKey } from './keys';
import { ledgerPut } from './ledger';
import { stockChange } from './products';

/**
 * Orders and what moves with them, in the single table:
 * - ORDER#<code> / ORDER: the order. Its Put on `attribute_not_exists(pk)` is the code's claim.
 *   byOwner: SELLER#<sellerId> / ORDER#<createdAt>#<code> (a seller's orders, newest first).
 *   byStatus: ORDERS#EXPIRING / <expiresAt>#<code> while an unpaid VietQR order waits for money
 *   (the expiry job's queue); ORDERS#PURGE / <purgeAt>#<code> once it ended (the PII purge's).
 * - CAPACITY#<productId> / DATE#<date>: seats/rooms booked on a service date (`booked`).
 * - BUYERHOLD#<sha256(phone)> / HOLD: the string set `holds` of `<expiresAtEpoch>#<code>` of the
 *   phone's unpaid orders (the hoarding limit counts it; releasing is a set DELETE: idempotent).
 * - ORDERRATE#<address>#<hour> / RATE: orders placed from one address in one clock hour.
 * - IDEMPOTENCY#orders#<key> / IDEMPOTENCY: the body hash and the first answer of a checkout,
 *   written in the checkout's own transaction (so an answer exists if and only if the orders do).
 * - REFUND#<id> / REFUND: money a seller owes a buyer; byOwner SELLER#<id> / REFUND#<createdAt>#<id>.
 * - COUNTERSALE#<id> / COUNTERSALE; byOwner SELLER#<id> / COUNTERSALE#<occurredAt>#<id>.
 * No Scan anywhere: every list is a Query on a key.
 */

export const orderKey = (code: string) => ({ pk: `ORDER#${code}`, sk: 'ORDER' });
export const capacityKey = (productId: string, date: string) => ({
  pk: `CAPACITY#${productId}`,
  sk: `DATE#${date}`,
});
const holdKey = (phone: string) => ({
  pk: `BUYERHOLD#${createHash('sha256').update(`cho-so:${phone}`).digest('hex')}`,
  sk: 'HOLD',
});
const rateKey = (address: string, hour: string) => ({
  pk: `ORDERRATE#${address}#${hour}`,
  sk: 'RATE',
});
const idempotencyKey = (key: string) => ({ pk: `IDEMPOTENCY#orders#${key}`, sk: 'IDEMPOTENCY' });
export const refundKey = (id: string) => ({ pk: `REFUND#${id}`, sk: 'REFUND' });
export const counterSaleKey = (id: string) => ({ pk: `COUNTERSALE#${id}`, sk: 'COUNTERSALE' });

const EXPIRING = 'ORDERS#EXPIRING';
const PURGE = 'ORDERS#PURGE';
const holdEntry = (order: Pick<Order, 'code' | 'expiresAt'>) =>
  `${Math.floor(Date.parse(order.expiresAt ?? '') / 1000)}#${order.code}`;

const ORDER_FIELDS = [
  'code',
  'checkoutId',
  'sellerId',
  'sellerName',
  'sellerCommuneCode',
  'sellerSector',
  'accessTokenHash',
  'buyer',
  'delivery',
  'payment',
  'payee',
  'note',
  'lines',
  'goodsAmount',
  'servicesAmount',
  'subtotal',
  'deliveryFee',
  'total',
  'amountPaid',
  'status',
  'paymentStatus',
  'saleRecorded',
  'createdAt',
  'updatedAt',
  'expiresAt',
  'endedAt',
  'cancelReason',
  'piiPurgedAt',
  'history',
  'version',
] as const satisfies readonly (keyof Order)[];

export function toOrder(item: Record<string, unknown>): Order {
  const out: Record<string, unknown> = {};
  for (const f of ORDER_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  // `expiresAt` is also the table's TTL attribute name: ours is an ISO string, never a number.
  if (typeof out.expiresAt !== 'string') delete out.expiresAt;
  return out as unknown as Order;
}

/** The stored item of an order: keys, indexes for its state, the order's fields. */
function orderItem(order: Order, options: { piiDays: number; holdPhone?: string }) {
  const fields: Record<string, unknown> = {};
  for (const f of ORDER_FIELDS) if (order[f] !== undefined) fields[f] = order[f];
  return {
    ...orderKey(order.code),
    gsi1pk: `SELLER#${order.sellerId}`,
    gsi1sk: `ORDER#${order.createdAt}#${order.code}`,
    ...queueIndex(order, options.piiDays),
    entity: 'order',
    ...(options.holdPhone ? { holdKey: holdKey(options.holdPhone).pk } : {}),
    ...fields,
  };
}

/** Which work queue (gsi2) an order is on: payment expiry, the PII purge, or none. */
function queueIndex(order: Order, piiDays: number): Record<string, string> {
  if (order.status === 'placed' && order.paymentStatus === 'unpaid' && order.expiresAt)
    return { gsi2pk: EXPIRING, gsi2sk: `${order.expiresAt}#${order.code}` };
  if (order.endedAt && !order.piiPurgedAt) {
    const purgeAt = new Date(Date.parse(order.endedAt) + piiDays * 86_400_000).toISOString();
    return { gsi2pk: PURGE, gsi2sk: `${purgeAt}#${order.code}` };
  }
  return {};
}

// ---- reads for the checkout -----------------------------------------------------------------

async function batchGet(
  keys: Array<{ pk: string; sk: string }>,
): Promise<Record<string, unknown>[]> {
  const { doc, tableName } = db();
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Array<Record<string, unknown>> = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('BatchGet kept returning unprocessed keys');
      if (attempt > 0) await sleep(Math.min(1000, 20 * 2 ** attempt));
      const res = await doc.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      out.push(...(res.Responses?.[tableName] ?? []));
      pending = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function toOrderSeller(item: Record<string, unknown>): OrderSeller {
  return {
    id: String(item.id),
    legalName: String(item.legalName),
    communeCode: String(item.communeCode),
    sector: item.sector as OrderSeller['sector'],
    status: item.status as SellerStatus,
    bank: item.bank as OrderSeller['bank'],
    delivery: (item.deliveryOptions as DeliveryOptions | undefined) ?? DEFAULT_DELIVERY_OPTIONS,
  };
}

/** Sellers as orders need them (status, approved bank account, delivery options, snapshot). */
export async function getOrderSellers(ids: readonly string[]): Promise<Map<string, OrderSeller>> {
  const items = await batchGet([...new Set(ids)].map((id) => sellerKey(id)));
  return new Map(items.map((i) => [String(i.id), toOrderSeller(i)]));
}

export async function getOrderSeller(id: string): Promise<OrderSeller | undefined> {
  return (await getOrderSellers([id])).get(id);
}

/** Booked counts of some service dates of one product. */
export async function getBooked(
  productId: string,
  dates: readonly string[],
): Promise<Map<string, number>> {
  const items = await batchGet([...new Set(dates)].map((d) => capacityKey(productId, d)));
  return new Map(items.map((i) => [String(i.date), Number(i.booked ?? 0)]));
}

/** Booked counts of a product's dates in [from, to]. */
export async function listBooked(
  productId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': `CAPACITY#${productId}`,
        ':from': `DATE#${from}`,
        ':to': `DATE#${to}`,
      },
      ConsistentRead: true,
    }),
  );
  return new Map((out.Items ?? []).map((i) => [String(i.date), Number(i.booked ?? 0)]));
}

// ---- the checkout's one read -----------------------------------------------------------------

/**
 * A product's seller never changes, so each process remembers it: a checkout of known products
 * reads products, their sellers and the idempotency record in ONE BatchGet (a cold product costs
 * a second read for its seller).
 */
const sellerOfProduct = new Map<string, string>();
const MAX_REMEMBERED = 50_000;

function toCatalogProduct(item: Record<string, unknown>): Product {
  const out: Record<string, unknown> = {};
  for (const f of PRODUCT_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out as unknown as Product;
}

export interface CheckoutRead {
  products: Map<string, Product>;
  sellers: Map<string, OrderSeller>;
  prior?: IdempotencyRecord;
}

/** Everything a checkout reads, consistently: products, their sellers, an earlier answer. */
export async function readCheckout(
  productIds: readonly string[],
  idempotency: string | undefined,
  now: Date,
): Promise<CheckoutRead> {
  const ids = [...new Set(productIds)];
  const knownSellers = [
    ...new Set(ids.map((id) => sellerOfProduct.get(id)).filter((s) => s !== undefined)),
  ];
  const keys = [
    ...ids.map((id) => productKey(id)),
    ...knownSellers.map((id) => sellerKey(id)),
    ...(idempotency ? [idempotencyKey(idempotency)] : []),
  ];
  const items = await batchGet(keys);
  const products = new Map<string, Product>();
  const sellers = new Map<string, OrderSeller>();
  let prior: IdempotencyRecord | undefined;
  for (const item of items) {
    if (item.entity === 'product') {
      const product = toCatalogProduct(item);
      products.set(product.id, product);
      if (sellerOfProduct.size >= MAX_REMEMBERED) sellerOfProduct.clear();
      sellerOfProduct.set(product.id, product.sellerId);
    } else if (String(item.pk).startsWith('SELLER#')) {
      sellers.set(String(item.id), toOrderSeller(item));
    } else if (item.entity === 'idempotency') {
      if (Number(item.expiresAt) > Math.floor(now.getTime() / 1000))
        prior = {
          bodyHash: String(item.bodyHash),
          statusCode: Number(item.statusCode),
          response: String(item.response),
        };
    }
  }
  const missing = [...new Set([...products.values()].map((p) => p.sellerId))].filter(
    (id) => !sellers.has(id),
  );
  if (missing.length > 0)
    for (const [id, seller] of await getOrderSellers(missing)) sellers.set(id, seller);
  return { products, sellers, ...(prior ? { prior } : {}) };
}

// ---- idempotency ----------------------------------------------------------------------------

export interface IdempotencyRecord {
  bodyHash: string;
  statusCode: number;
  response: string;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export async function getIdempotency(
  key: string,
  now: Date,
): Promise<IdempotencyRecord | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: idempotencyKey(key), ConsistentRead: true }),
  );
  const item = out.Item;
  if (!item || Number(item.expiresAt) <= Math.floor(now.getTime() / 1000)) return undefined;
  return {
    bodyHash: String(item.bodyHash),
    statusCode: Number(item.statusCode),
    response: String(item.response),
  };
}

// ---- placing --------------------------------------------------------------------------------

export interface PlaceOrdersInput {
  orders: readonly Order[];
  /** Catalog as priced: each product's version and listing must still hold at commit. */
  products: ReadonlyMap<string, Product>;
  idempotency: { key: string; bodyHash: string; response: string; statusCode: number };
  hoarding: {
    phone: string;
    maxUnpaid: number;
    address: string;
    maxPerHour: number;
  };
  piiDays: number;
  now: Date;
}

export type PlaceOutcome =
  | { kind: 'placed' }
  | { kind: 'replay'; record: IdempotencyRecord }
  | { kind: 'linesFailed'; failures: LineFailure[] }
  /** The catalog changed between pricing and commit (price, status): price again. */
  | { kind: 'stale' }
  | { kind: 'codeTaken' }
  | { kind: 'tooManyUnpaid'; retryAfterSeconds: number }
  | { kind: 'rateLimited'; retryAfterSeconds: number };

type Meaning =
  | { type: 'idempotency' }
  | { type: 'hold' }
  | { type: 'rate' }
  | { type: 'order' }
  | { type: 'stock'; productId: string; quantity: number; index: number }
  | { type: 'product'; productId: string; indexes: number[] }
  | {
      type: 'capacity';
      productId: string;
      date: string;
      quantity: number;
      capacity: number;
      index: number;
    };

/** The 2026-12-02T10 clock hour of `now` (UTC) and seconds until the next. */
function hourOf(now: Date) {
  const hour = now.toISOString().slice(0, 13);
  const next = Date.parse(`${hour}:00:00.000Z`) + 3_600_000;
  return { hour, retryAfterSeconds: Math.max(1, Math.ceil((next - now.getTime()) / 1000)) };
}

/**
 * Writes a checkout in ONE transaction or nothing: every order (its Put claims the code), per
 * goods line the stock decrement on `stock >= quantity` (and the product unchanged since priced),
 * per service line the date's booking on `booked + quantity <= capacity`, the idempotency record
 * with the answer, the phone's unpaid holds and the address's hourly count. A failed condition
 * is mapped to what the buyer must hear; transaction conflicts (other buyers of the same items at
 * the same moment) are retried with jittered backoff.
 */
export async function placeOrders(input: PlaceOrdersInput): Promise<PlaceOutcome> {
  const { doc, tableName } = db();
  const items: Record<string, unknown>[] = [];
  const meanings: Meaning[] = [];
  const push = (item: Record<string, unknown>, meaning: Meaning) => {
    items.push(item);
    meanings.push(meaning);
  };
  const nowSec = Math.floor(input.now.getTime() / 1000);
  const at = input.now.toISOString();

  push(
    {
      Put: {
        TableName: tableName,
        Item: {
          ...idempotencyKey(input.idempotency.key),
          entity: 'idempotency',
          bodyHash: input.idempotency.bodyHash,
          statusCode: input.idempotency.statusCode,
          response: input.idempotency.response,
          createdAt: at,
          expiresAt: nowSec + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': nowSec },
      },
    },
    { type: 'idempotency' },
  );

  const unpaid = input.orders.filter((o) => o.expiresAt !== undefined);
  if (unpaid.length > 0) {
    push(
      {
        Update: {
          TableName: tableName,
          Key: holdKey(input.hoarding.phone),
          UpdateExpression: 'ADD holds :entries SET entity = :entity, expiresAt = :ttl',
          ConditionExpression: 'attribute_not_exists(holds) OR size(holds) <= :room',
          ExpressionAttributeValues: {
            ':entries': new Set(unpaid.map(holdEntry)),
            ':entity': 'buyerHold',
            ':ttl': nowSec + 7 * 86_400,
            ':room': input.hoarding.maxUnpaid - unpaid.length,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { type: 'hold' },
    );
  }

  const { hour } = hourOf(input.now);
  push(
    {
      Update: {
        TableName: tableName,
        Key: rateKey(input.hoarding.address, hour),
        UpdateExpression: 'ADD placed :n SET entity = :entity, expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(placed) OR placed <= :room',
        ExpressionAttributeValues: {
          ':n': input.orders.length,
          ':entity': 'orderRate',
          ':ttl': nowSec + 7200,
          ':room': input.hoarding.maxPerHour - input.orders.length,
        },
      },
    },
    { type: 'rate' },
  );

  for (const order of input.orders) {
    push(
      {
        Put: {
          TableName: tableName,
          Item: orderItem(order, {
            piiDays: input.piiDays,
            ...(order.expiresAt ? { holdPhone: input.hoarding.phone } : {}),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { type: 'order' },
    );
  }

  // Per product one action: goods take stock; services are checked once, then each date booked.
  const serviceProducts = new Map<string, number[]>();
  // Lines are numbered across the checkout; the handler maps failures back by product and date.
  let index = -1;
  for (const order of input.orders) {
    for (const line of order.lines) {
      index++;
      const product = input.products.get(line.productId) as Product;
      if (line.kind === 'goods') {
        const change = stockChange(line.productId, -line.quantity, input.now);
        push(
          {
            Update: {
              ...change.Update,
              ConditionExpression: `${change.Update.ConditionExpression} AND #version = :version AND sellerListed = :listed`,
              ExpressionAttributeNames: {
                ...change.Update.ExpressionAttributeNames,
                '#version': 'version',
              },
              ExpressionAttributeValues: {
                ...change.Update.ExpressionAttributeValues,
                ':version': product.version,
                ':listed': true,
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { type: 'stock', productId: line.productId, quantity: line.quantity, index },
        );
      } else {
        serviceProducts.set(line.productId, [
          ...(serviceProducts.get(line.productId) ?? []),
          index,
        ]);
        const capacity = product.capacityPerDate ?? 0;
        push(capacityBooking(line, capacity), {
          type: 'capacity',
          productId: line.productId,
          date: line.date as string,
          quantity: line.quantity,
          capacity,
          index,
        });
      }
    }
  }
  for (const [productId, indexes] of serviceProducts) {
    const product = input.products.get(productId) as Product;
    push(
      {
        ConditionCheck: {
          TableName: tableName,
          Key: productKey(productId),
          ConditionExpression:
            '#status = :active AND #version = :version AND sellerListed = :listed AND capacityPerDate = :cap',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':version': product.version,
            ':listed': true,
            ':cap': product.capacityPerDate ?? 0,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { type: 'product', productId, indexes },
    );
  }
  if (items.length > 100) throw new Error(`A checkout needs ${items.length} actions (> 100)`);

  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return { kind: 'placed' };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const failed = reasons
        .map((r, i) => ({ reason: r, meaning: meanings[i] as Meaning }))
        .filter((x) => x.reason.Code === 'ConditionalCheckFailed');
      if (failed.length === 0) {
        // TransactionConflict (or throttling): someone else touched the same items. Retry.
        if (attempt >= 12) throw err;
        await sleep(Math.floor(Math.random() * Math.min(400, 10 * 2 ** attempt)));
        continue;
      }
      return interpret(failed, input);
    }
  }
}

async function interpret(
  failed: Array<{ reason: { Item?: Record<string, unknown> }; meaning: Meaning }>,
  input: PlaceOrdersInput,
): Promise<PlaceOutcome> {
  const types = new Set(failed.map((f) => f.meaning.type));
  if (types.has('idempotency')) {
    const record = await getIdempotency(input.idempotency.key, input.now);
    if (record) return { kind: 'replay', record };
    return { kind: 'stale' };
  }
  const failures: LineFailure[] = [];
  let stale = false;
  for (const { reason, meaning } of failed) {
    const old = reason.Item ? unmarshallLoose(reason.Item) : undefined;
    if (meaning.type === 'stock') {
      const product = old ?? (await getRaw(productKey(meaning.productId)));
      const version = input.products.get(meaning.productId)?.version;
      if (product?.status !== 'active' || product.sellerListed !== true) {
        failures.push({
          index: meaning.index,
          productId: meaning.productId,
          code: 'product.unavailable',
        });
      } else if (Number(product.stock ?? 0) < meaning.quantity) {
        failures.push({
          index: meaning.index,
          productId: meaning.productId,
          code: 'order.outOfStock',
          available: Number(product.stock ?? 0),
        });
      } else if (product.version !== version) stale = true;
    } else if (meaning.type === 'capacity') {
      const booked = Number(old?.booked ?? 0);
      failures.push({
        index: meaning.index,
        productId: meaning.productId,
        date: meaning.date,
        code: 'order.capacityFull',
        available: Math.max(0, meaning.capacity - booked),
      });
    } else if (meaning.type === 'product') {
      const product = old ?? (await getRaw(productKey(meaning.productId)));
      if (product?.status !== 'active' || product.sellerListed !== true) {
        for (const index of meaning.indexes)
          failures.push({ index, productId: meaning.productId, code: 'product.unavailable' });
      } else stale = true;
    }
  }
  if (failures.length > 0)
    return { kind: 'linesFailed', failures: failures.sort((a, b) => a.index - b.index) };
  if (stale) return { kind: 'stale' };
  if (types.has('order')) return { kind: 'codeTaken' };
  if (types.has('hold')) {
    const hold = failed.find((f) => f.meaning.type === 'hold')?.reason.Item;
    const holds = hold ? [...((unmarshallLoose(hold).holds as Set<string>) ?? [])] : [];
    const earliest = Math.min(...holds.map((h) => Number(h.split('#')[0])).filter(Number.isFinite));
    const wait = Number.isFinite(earliest) ? earliest - Math.floor(input.now.getTime() / 1000) : 60;
    return { kind: 'tooManyUnpaid', retryAfterSeconds: Math.max(1, wait) };
  }
  if (types.has('rate'))
    return { kind: 'rateLimited', retryAfterSeconds: hourOf(input.now).retryAfterSeconds };
  return { kind: 'stale' };
}

/** Items returned with a cancellation are in the low-level format: read the attributes we use. */
function unmarshallLoose(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    const av = v as Record<string, unknown>;
    if (av && typeof av === 'object' && !(av instanceof Set) && Object.keys(av).length === 1) {
      if ('N' in av) out[k] = Number(av.N);
      else if ('S' in av) out[k] = av.S;
      else if ('BOOL' in av) out[k] = av.BOOL;
      else if ('SS' in av) out[k] = new Set(av.SS as string[]);
      else out[k] = v;
    } else out[k] = v;
  }
  return out;
}

async function getRaw(key: {
  pk: string;
  sk: string;
}): Promise<Record<string, unknown> | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item;
}

// ---- reading orders -------------------------------------------------------------------------

export async function getOrder(code: string): Promise<Order | undefined> {
  const item = await getRaw(orderKey(code));
  return item && item.entity === 'order' ? toOrder(item) : undefined;
}

/** A seller's own order; another seller's is "not there". */
export async function getOwnOrder(sellerId: string, code: string): Promise<Order | undefined> {
  const order = await getOrder(code);
  return order?.sellerId === sellerId ? order : undefined;
}

export interface OrderListFilter {
  status?: string | undefined;
  paymentStatus?: string | undefined;
  /** ISO instants, createdAt in [from, to). */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const CURSOR = /^[A-Za-z0-9_-]{1,1024}$/;

/** A seller's orders, newest first (byOwner), with filters and an opaque cursor. */
export async function listSellerOrders(
  sellerId: string,
  filter: OrderListFilter,
): Promise<{ items: Order[]; nextCursor?: string }> {
  const { doc, tableName } = db();
  const pk = `SELLER#${sellerId}`;
  let start = filter.cursor ? decodeCursor(filter.cursor, pk, 'ORDER#') : undefined;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {
    ':pk': pk,
    ':lo': `ORDER#${filter.from ?? ''}`,
    ':hi': `ORDER#${filter.to ?? '~'}`,
  };
  const filters: string[] = [];
  if (filter.status) {
    names['#status'] = 'status';
    values[':status'] = filter.status;
    filters.push('#status = :status');
  }
  if (filter.paymentStatus) {
    values[':pstatus'] = filter.paymentStatus;
    filters.push('paymentStatus = :pstatus');
  }
  const items: Order[] = [];
  for (let round = 0; round < 10 && items.length < filter.limit; round++) {
    const q: QueryCommandInput = {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: values,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ScanIndexForward: false,
      Limit: filter.limit - items.length,
      ExclusiveStartKey: start,
    };
    const out = await doc.send(new QueryCommand(q));
    items.push(...(out.Items ?? []).filter((i) => i.entity === 'order').map(toOrder));
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  return { items, ...(start ? { nextCursor: encodeCursor(start) } : {}) };
}

function encodeCursor(key: Record<string, unknown>): string {
  const { pk, sk, gsi1pk, gsi1sk } = key;
  return Buffer.from(JSON.stringify([pk, sk, gsi1pk, gsi1sk])).toString('base64url');
}

function decodeCursor(cursor: string, ownerPk: string, prefix: string): Record<string, string> {
  const invalid = () => new AppError('query.invalidCursor', 'The cursor is not valid here');
  if (!CURSOR.test(cursor)) throw invalid();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === 'string'))
    throw invalid();
  const [pk, sk, gsi1pk, gsi1sk] = parts as string[];
  if (
    gsi1pk !== ownerPk ||
    !gsi1sk?.startsWith(prefix) ||
    gsi1sk.length > 200 ||
    (pk ?? '').length > 200
  )
    throw invalid();
  return { pk: pk as string, sk: sk as string, gsi1pk, gsi1sk };
}

/**
 * Books `line.quantity` places of a service on its date, inside the caller's transaction: refused
 * (ConditionalCheckFailed, with the old item for the message) when fewer than that are left of
 * `capacity`. The item is created on the first booking of a date.
 */
function capacityBooking(line: OrderLine, capacity: number): Record<string, unknown> {
  return {
    Update: {
      TableName: db().tableName,
      Key: capacityKey(line.productId, line.date as string),
      UpdateExpression:
        'SET booked = if_not_exists(booked, :zero) + :q, productId = :pid, #date = :date, entity = :entity',
      ConditionExpression: 'attribute_not_exists(booked) OR booked <= :room',
      ExpressionAttributeNames: { '#date': 'date' },
      ExpressionAttributeValues: {
        ':zero': 0,
        ':q': line.quantity,
        ':pid': line.productId,
        ':date': line.date,
        ':entity': 'capacity',
        ':room': capacity - line.quantity,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

// ---- changing orders ------------------------------------------------------------------------

/** Stock and capacity of an order's lines, given back (each inside the caller's transaction). */
function releaseItems(order: Order, now: Date): Record<string, unknown>[] {
  const { tableName } = db();
  return order.lines.map((line) =>
    line.kind === 'goods'
      ? stockChange(line.productId, line.quantity, now)
      : {
          Update: {
            TableName: tableName,
            Key: capacityKey(line.productId, line.date as string),
            UpdateExpression: 'SET booked = booked - :q',
            ConditionExpression: 'booked >= :q',
            ExpressionAttributeValues: { ':q': line.quantity },
          },
        },
  );
}

export function holdRelease(order: Order, holdPk: string | undefined): Record<string, unknown>[] {
  if (!holdPk || !order.expiresAt) return [];
  const { tableName } = db();
  return [
    {
      Update: {
        TableName: tableName,
        Key: { pk: holdPk, sk: 'HOLD' },
        UpdateExpression: 'DELETE holds :entry',
        ExpressionAttributeValues: { ':entry': new Set([holdEntry(order)]) },
      },
    },
  ];
}

/** The full replacement of an order item on condition it is still `expectedVersion`. */
export function orderReplace(
  next: Order,
  expectedVersion: number,
  piiDays: number,
  holdPk?: string,
) {
  const { tableName } = db();
  const item = orderItem(next, { piiDays });
  return {
    Put: {
      TableName: tableName,
      Item: { ...item, ...(holdPk ? { holdKey: holdPk } : {}) },
      ConditionExpression: '#version = :expected AND entity = :order',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expectedVersion, ':order': 'order' },
    },
  };
}

export interface RefundDue {
  id: string;
  sellerId: string;
  orderCode: string;
  amount: number;
  reason: string;
  /** `withdrawn`: the seller fulfilled the order after all, the money pays it (never refunded). */
  state: 'open' | 'closed' | 'withdrawn';
  createdAt: string;
  closedAt?: string;
  bankReference?: string;
}

export function refundPut(refund: RefundDue) {
  const { tableName } = db();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...refundKey(refund.id),
        gsi1pk: `SELLER#${refund.sellerId}`,
        gsi1sk: `REFUND#${refund.createdAt}#${refund.id}`,
        entity: 'refund',
        ...refund,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The counter-sale record's Put (new id only), listed under its seller by the time of sale. */
export function counterSalePut(sale: Pick<CounterSale, 'id' | 'sellerId' | 'occurredAt'>) {
  const { tableName } = db();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...counterSaleKey(sale.id),
        gsi1pk: `SELLER#${sale.sellerId}`,
        gsi1sk: `COUNTERSALE#${sale.occurredAt}#${sale.id}`,
        entity: 'counterSale',
        ...sale,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Saves an order change decided by the core (a seller's action or the expiry) with its effects,
 * all in one transaction conditional on the version that was read: stock and capacity back, the
 * ledger entry, the refund-due record, the buyer's hold released. Returns false when the order
 * changed meanwhile (the caller reads it again and decides again), so effects happen once.
 */
export async function saveOrderChange(
  previous: Order,
  next: Order,
  effects: ActionEffects & { refundReason?: string },
  options: { now: Date; piiDays: number },
): Promise<boolean> {
  if (effects.fulfil) return saveFulfilment(previous, next, effects.fulfil.excess, options);
  const { doc } = db();
  const holdPk = (await getRaw(orderKey(previous.code)))?.holdKey as string | undefined;
  const items: Record<string, unknown>[] = [
    orderReplace(next, previous.version, options.piiDays, holdPk),
    ...(effects.releaseStock ? releaseItems(previous, options.now) : []),
    ...(effects.leavesPaymentQueue ? holdRelease(previous, holdPk) : []),
  ];
  let entry: LedgerEntry | undefined;
  if (effects.ledger) {
    entry = orderLedgerEntry(next, effects.ledger, options.now);
    items.push(ledgerPut(entry));
  }
  if (effects.refundDue) {
    items.push(
      refundPut({
        id: `RF-${previous.code}`,
        sellerId: previous.sellerId,
        orderCode: previous.code,
        amount: effects.refundDue,
        reason: effects.refundReason ?? 'cancelled',
        state: 'open',
        createdAt: options.now.toISOString(),
      }),
    );
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return true;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) throw err;
      if (attempt >= 10) throw err;
      await sleep(Math.floor(Math.random() * Math.min(400, 10 * 2 ** attempt)));
    }
  }
}

/** Every refund-due record of one order (the seller's refunds, filtered; all pages). */
export async function listOrderRefunds(sellerId: string, code: string): Promise<RefundDue[]> {
  const { doc, tableName } = db();
  const out: RefundDue[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :refund)',
        FilterExpression: 'orderCode = :code',
        ExpressionAttributeValues: {
          ':pk': `SELLER#${sellerId}`,
          ':refund': 'REFUND#',
          ':code': code,
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    out.push(...(page.Items ?? []).map(toRefund));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * "Fulfil anyway" saved in one transaction on the version read: the reopened order, the stock of
 * each goods line taken again (on `stock >= quantity`, the product active) and each service date
 * booked again (within the product's capacity), the ledger sale, every open refund-due record of
 * the order withdrawn (on condition it is still open) and a refund-due record for what goes
 * beyond the total. Refused when money of the order was already given back. Not enough stock or
 * room: order.outOfStock / order.capacityFull (409) and nothing written. Returns false when the
 * order or one of its refunds changed meanwhile (the caller reads again and decides again).
 */
async function saveFulfilment(
  previous: Order,
  next: Order,
  excess: number,
  options: { now: Date; piiDays: number },
): Promise<boolean> {
  const { doc, tableName } = db();
  const at = options.now.toISOString();
  const refunds = await listOrderRefunds(previous.sellerId, previous.code);
  if (refunds.some((r) => r.state === 'closed'))
    throw new AppError('order.actionNotAllowed', 'Money of this order was already given back', {
      action: 'fulfil',
      status: previous.status,
    });
  const items: Record<string, unknown>[] = [orderReplace(next, previous.version, options.piiDays)];
  const meanings: Array<{ line?: OrderLine; refund?: string }> = [{}];
  for (const line of previous.lines) {
    if (line.kind === 'goods') {
      items.push(stockChange(line.productId, -line.quantity, options.now));
    } else {
      const product = await getRaw(productKey(line.productId));
      const capacity = Number(product?.capacityPerDate ?? 0);
      items.push(capacityBooking(line, capacity));
    }
    meanings.push({ line });
  }
  items.push(ledgerPut(orderLedgerEntry(next, 'sale', options.now)));
  meanings.push({});
  for (const r of refunds.filter((x) => x.state === 'open')) {
    items.push({
      Update: {
        TableName: tableName,
        Key: refundKey(r.id),
        UpdateExpression: 'SET #state = :withdrawn, closedAt = :at, withdrawnBecause = :why',
        ConditionExpression: 'entity = :refund AND #state = :open',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':withdrawn': 'withdrawn',
          ':open': 'open',
          ':at': at,
          ':why': 'fulfilled',
          ':refund': 'refund',
        },
      },
    });
    meanings.push({ refund: r.id });
  }
  if (excess > 0) {
    items.push(
      refundPut({
        id: `RF-${previous.code}-FULFIL`,
        sellerId: previous.sellerId,
        orderCode: previous.code,
        amount: excess,
        reason: 'overpaid',
        state: 'open',
        createdAt: at,
      }),
    );
    meanings.push({});
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return true;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        const meaning = meanings[failed];
        if (meaning?.refund) return false;
        const line = meaning?.line;
        if (line?.kind === 'goods')
          throw new AppError('order.outOfStock', 'Not enough in stock to fulfil this order', {
            productId: line.productId,
            requested: line.quantity,
          });
        if (line)
          throw new AppError('order.capacityFull', 'This date is fully booked', {
            productId: line.productId,
            date: line.date,
          });
        throw err;
      }
      if (attempt >= 10) throw err;
      await sleep(Math.floor(Math.random() * Math.min(400, 10 * 2 ** attempt)));
    }
  }
}

/**
 * The payments issue's way in: records `amount` paid to order `code` in one transaction with the
 * caller's own items (its transfer claim and payment record), conditional on the order version it
 * read; when this makes the order paid in full for the first time, the ledger `sale` is appended
 * in the same transaction and the buyer's unpaid hold released. Retries on a concurrent change
 * (re-reading the order), so concurrent payments never lose an amount. Returns the order after.
 */
export async function recordPayment(
  code: string,
  amount: number,
  options: { now: Date; piiDays: number; extraItems?: Record<string, unknown>[] },
): Promise<{ order: Order; becamePaid: boolean; ledgerEntry?: LedgerEntry }> {
  const { doc } = db();
  for (let attempt = 0; attempt < 20; attempt++) {
    const raw = await getRaw(orderKey(code));
    if (raw?.entity !== 'order') throw new AppError('order.notFound', 'No such order');
    const previous = toOrder(raw);
    const { order, becamePaid } = applyPayment(previous, amount, options.now);
    const holdPk = raw.holdKey as string | undefined;
    const items: Record<string, unknown>[] = [
      orderReplace(order, previous.version, options.piiDays, holdPk),
      ...holdRelease(previous, holdPk),
      ...(options.extraItems ?? []),
    ];
    const entry = becamePaid ? orderLedgerEntry(order, 'sale', options.now) : undefined;
    if (entry) items.push(ledgerPut(entry));
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return { order, becamePaid, ...(entry ? { ledgerEntry: entry } : {}) };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const orderConflict =
        reasons[0]?.Code === 'ConditionalCheckFailed' ||
        reasons.some((r) => r.Code === 'TransactionConflict');
      if (!orderConflict) throw err;
      await sleep(Math.floor(Math.random() * Math.min(300, 10 * 2 ** attempt)));
    }
  }
  throw new Error(`Payment to ${code} kept conflicting`);
}

// ---- queues: expiry and PII purge -----------------------------------------------------------

/** Codes on a queue due at or before `now`, oldest first (a Query, never a Scan). */
async function dueCodes(queue: string, now: Date, limit: number): Promise<string[]> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :q AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':q': queue, ':now': `${now.toISOString()}#~` },
      ProjectionExpression: 'code',
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => String(i.code));
}

export const dueForExpiry = (now: Date, limit = 100) => dueCodes(EXPIRING, now, limit);
export const dueForPurge = (now: Date, limit = 100) => dueCodes(PURGE, now, limit);

/**
 * Removes the buyer's personal data from an ended order (name, phone, email, address, note) and
 * takes it off the purge queue. Conditional on the version read; ledger and amounts stay.
 */
export async function purgeBuyerData(order: Order, now: Date): Promise<boolean> {
  const { doc, tableName } = db();
  const delivery = order.delivery.method === 'ship' ? { method: 'ship' } : order.delivery;
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: orderKey(order.code),
        UpdateExpression:
          'SET piiPurgedAt = :at, delivery = :delivery, #version = :next REMOVE buyer, note, gsi2pk, gsi2sk, holdKey',
        ConditionExpression: '#version = :expected AND entity = :order',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':at': now.toISOString(),
          ':delivery': delivery,
          ':next': order.version + 1,
          ':expected': order.version,
          ':order': 'order',
        },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

// ---- refunds --------------------------------------------------------------------------------

export async function listRefunds(
  sellerId: string,
  state: 'open' | 'closed' | undefined,
): Promise<RefundDue[]> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :refund)',
      ExpressionAttributeValues: {
        ':pk': `SELLER#${sellerId}`,
        ':refund': 'REFUND#',
        ...(state ? { ':state': state } : {}),
      },
      ...(state
        ? { FilterExpression: '#state = :state', ExpressionAttributeNames: { '#state': 'state' } }
        : {}),
      ScanIndexForward: false,
      Limit: 200,
    }),
  );
  return (out.Items ?? []).map(toRefund);
}

function toRefund(item: Record<string, unknown>): RefundDue {
  return {
    id: String(item.id),
    sellerId: String(item.sellerId),
    orderCode: String(item.orderCode),
    amount: Number(item.amount),
    reason: String(item.reason),
    state: item.state as RefundDue['state'],
    createdAt: String(item.createdAt),
    ...(item.closedAt ? { closedAt: String(item.closedAt) } : {}),
    ...(item.bankReference ? { bankReference: String(item.bankReference) } : {}),
  };
}

/**
 * Closes an open refund of the seller with the bank reference of the transfer back. Repeating
 * with the same reference answers the closed refund; another reference is refund.alreadyClosed.
 */
export async function closeRefund(
  sellerId: string,
  id: string,
  bankReference: string,
  now: Date,
): Promise<RefundDue> {
  const { doc, tableName } = db();
  try {
    const out = await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: refundKey(id),
        UpdateExpression: 'SET #state = :closed, closedAt = :at, bankReference = :ref',
        ConditionExpression: 'entity = :refund AND sellerId = :seller AND #state = :open',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':closed': 'closed',
          ':open': 'open',
          ':at': now.toISOString(),
          ':ref': bankReference,
          ':refund': 'refund',
          ':seller': sellerId,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRefund(out.Attributes ?? {});
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const item = await getRaw(refundKey(id));
    if (item?.entity !== 'refund' || item.sellerId !== sellerId)
      throw new AppError('refund.notFound', 'No such refund', undefined, { cause: err });
    const refund = toRefund(item);
    if (refund.bankReference === bankReference) return refund;
    throw new AppError('refund.alreadyClosed', 'This refund is already closed', {
      bankReference: refund.bankReference,
    });
  }
}

// ---- delivery options -----------------------------------------------------------------------

/** Writes only the seller item's `deliveryOptions` (the profile's other fields are untouched). */
export async function setDeliveryOptions(
  sellerId: string,
  options: DeliveryOptions,
): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sellerKey(sellerId),
        UpdateExpression: 'SET deliveryOptions = :options',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':options': options },
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException)
      throw new AppError('seller.notFound', 'No such seller', undefined, { cause: err });
    throw err;
  }
}

// ---- counter sales --------------------------------------------------------------------------

export interface CounterSale {
  id: string;
  sellerId: string;
  items: Array<{
    productId: string;
    name: { vi: string; en?: string };
    kind: 'goods' | 'service';
    quantity: number;
    unitPrice: number;
    lineTotal: number;
  }>;
  goodsAmount: number;
  servicesAmount: number;
  amount: number;
  method: 'cash' | 'vietqr';
  note?: string;
  occurredAt: string;
  recordedAt: string;
  /** Products whose stock was short: recorded anyway, stock stopped at 0. */
  stockWarnings: Array<{ productId: string; requested: number; available: number }>;
}

/**
 * Records a counter sale in one transaction: the sale, its ledger entry, and each goods item's
 * stock taken down but never below zero (stock read, then set on condition it is unchanged; a
 * concurrent change re-reads and retries). Idempotent on the sale id.
 */
export async function recordCounterSale(
  sale: Omit<CounterSale, 'stockWarnings'>,
  entry: LedgerEntry,
  now: Date,
): Promise<CounterSale> {
  const { doc, tableName } = db();
  const goods = new Map<string, number>();
  for (const item of sale.items)
    if (item.kind === 'goods')
      goods.set(item.productId, (goods.get(item.productId) ?? 0) + item.quantity);
  for (let attempt = 0; attempt < 10; attempt++) {
    const stocks = new Map<string, number>();
    for (const [productId] of goods) {
      const p = await getRaw(productKey(productId));
      stocks.set(productId, Number(p?.stock ?? 0));
    }
    const stockWarnings: CounterSale['stockWarnings'] = [];
    const items: Record<string, unknown>[] = [];
    const changedAt = now.toISOString();
    for (const [productId, quantity] of goods) {
      const current = stocks.get(productId) ?? 0;
      const next = Math.max(0, current - quantity);
      if (current < quantity)
        stockWarnings.push({ productId, requested: quantity, available: current });
      items.push({
        Update: {
          TableName: tableName,
          Key: productKey(productId),
          UpdateExpression: 'SET stock = :next, changedAt = :at, gsi2sk = :sk ADD listingSeq :one',
          ConditionExpression: 'stock = :current AND sellerId = :seller',
          ExpressionAttributeValues: {
            ':next': next,
            ':current': current,
            ':seller': sale.sellerId,
            ':at': changedAt,
            ':sk': productListingIndex(productId, changedAt).gsi2sk,
            ':one': 1,
          },
        },
      });
    }
    const record: CounterSale = { ...sale, stockWarnings };
    items.push(counterSalePut(record));
    items.push(ledgerPut(entry));
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return record;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const putReason = reasons[goods.size];
      if (putReason?.Code === 'ConditionalCheckFailed') {
        const existing = await getRaw(counterSaleKey(sale.id));
        if (existing?.sellerId === sale.sellerId) return toCounterSale(existing);
        throw new AppError('request.invalid', 'This sale id is taken');
      }
      await sleep(Math.floor(Math.random() * Math.min(300, 10 * 2 ** attempt)));
    }
  }
  throw new Error('Counter sale kept conflicting');
}

const COUNTER_FIELDS = [
  'id',
  'sellerId',
  'items',
  'goodsAmount',
  'servicesAmount',
  'amount',
  'method',
  'note',
  'occurredAt',
  'recordedAt',
  'stockWarnings',
] as const;

function toCounterSale(item: Record<string, unknown>): CounterSale {
  const out: Record<string, unknown> = {};
  for (const f of COUNTER_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out as unknown as CounterSale;
}

export async function listCounterSales(
  sellerId: string,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: CounterSale[]; nextCursor?: string }> {
  const { doc, tableName } = db();
  const pk = `SELLER#${sellerId}`;
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :cs)',
      ExpressionAttributeValues: { ':pk': pk, ':cs': 'COUNTERSALE#' },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: options.cursor
        ? decodeCursor(options.cursor, pk, 'COUNTERSALE#')
        : undefined,
    }),
  );
  return {
    items: (out.Items ?? []).map(toCounterSale),
    ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey) } : {}),
  };
}
