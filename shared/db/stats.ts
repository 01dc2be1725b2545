import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry } from '../ledger/entry';
import {
  addDelta,
  type CellId,
  cellDelta,
  cellIdString,
  cellsOf,
  type Delta,
  sellerDelta,
} from '../stats/cells';
import { db } from './client';

/**
 * Statistics cells in the single table (design: docs/statistics.md):
 * - STATS#<period> / CELL#<area>#<sector>: one cell, measures `<channel>_<method>_<measure>`;
 * - STATSS#<period> / <area>#<sector>#<shard>: the per-seller sums of one cell, spread over
 *   SELLER_SHARDS items by a hash of the seller id; a seller's sums are the attributes
 *   `<measure>@<sellerId>` of its shard. A batch writes each shard once, whatever the number of
 *   sellers in it, and no item grows past SELLER_SHARDS-th of the cell's sellers (docs/statistics.md:
 *   about 2 000 sellers per item before 400 KB, so 16 shards hold 30 000 sellers per cell).
 * Both carry one watermark attribute per stream lane, `wm_<lane>` = the padded sequence number of
 * the last record of that lane folded into the item. A lane is the ledger partition the record
 * came from (LEDGER#<YYYY-MM>): all of a partition's records reach the consumer in order, through
 * one shard at a time, so "sequence ≤ watermark" means "already folded into this item".
 */
export const cellKey = (c: CellId) => ({
  pk: `STATS#${c.period}`,
  sk: `CELL#${c.area}#${c.sector}`,
});
export const SELLER_SHARDS = 16;
/** FNV-1a of the seller id, modulo the shard count. */
export function sellerShard(sellerId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < sellerId.length; i++) {
    h ^= sellerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h % SELLER_SHARDS).padStart(2, '0');
}
export const sellerSumKey = (c: CellId, sellerId: string) => ({
  pk: `STATSS#${c.period}`,
  sk: `${c.area}#${c.sector}#${sellerShard(sellerId)}`,
});
const sellerAttr = (measure: string, sellerId: string) => `${measure}@${sellerId}`;
const prefixed = (d: Delta, sellerId: string): Delta =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [sellerAttr(k, sellerId), v]));

/** One ledger record from the stream: its lane, padded sequence number and entry. */
export interface FoldRecord {
  lane: string;
  sequence: string;
  entry: LedgerEntry;
}

interface Target {
  key: { pk: string; sk: string };
  entity: 'statsCell' | 'statsSellerSums';
  fields: Record<string, string>;
  /** Contributions in stream order, each with its lane and sequence. */
  parts: Array<{ lane: string; sequence: string; delta: Delta }>;
}

const wmName = (lane: string) => `wm_${lane.replace(/^LEDGER#/, '')}`;

function targetsOf(records: readonly FoldRecord[], provinceCode: string): Map<string, Target> {
  const targets = new Map<string, Target>();
  const push = (id: string, make: () => Omit<Target, 'parts'>, part: Target['parts'][number]) => {
    let t = targets.get(id);
    if (!t) {
      t = { ...make(), parts: [] };
      targets.set(id, t);
    }
    t.parts.push(part);
  };
  for (const r of records) {
    const cd = cellDelta(r.entry);
    const sd = sellerDelta(r.entry);
    for (const c of cellsOf(r.entry, provinceCode)) {
      const id = cellIdString(c);
      push(
        `c|${id}`,
        () => ({
          key: cellKey(c),
          entity: 'statsCell',
          fields: { period: c.period, area: c.area, sector: c.sector },
        }),
        { lane: r.lane, sequence: r.sequence, delta: cd },
      );
      const shard = sellerShard(r.entry.sellerId);
      push(
        `s|${id}|${shard}`,
        () => ({
          key: sellerSumKey(c, r.entry.sellerId),
          entity: 'statsSellerSums',
          fields: { period: c.period, area: c.area, sector: c.sector, shard },
        }),
        { lane: r.lane, sequence: r.sequence, delta: prefixed(sd, r.entry.sellerId) },
      );
    }
  }
  return targets;
}

/**
 * One conditional UpdateItem: adds the parts not yet folded, given the watermarks `known`
 * (undefined = assume none folded past the batch's first record per lane). Returns false when the
 * watermark condition failed (the item has moved on: read it and try again).
 */
async function applyTarget(
  t: Target,
  known: Record<string, string | undefined> | undefined,
): Promise<boolean> {
  const { doc, tableName } = db();
  const lanes = [...new Set(t.parts.map((p) => p.lane))];
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': t.entity };
  const conditions: string[] = [];
  const sets: string[] = ['#entity = :entity'];
  const delta: Delta = {};
  let any = false;
  lanes.forEach((lane, i) => {
    const laneParts = t.parts.filter((p) => p.lane === lane);
    const wm = known ? known[wmName(lane)] : undefined;
    const pending = known
      ? laneParts.filter((p) => wm === undefined || p.sequence > wm)
      : laneParts;
    names[`#w${i}`] = wmName(lane);
    if (known) {
      if (wm === undefined) conditions.push(`attribute_not_exists(#w${i})`);
      else {
        conditions.push(`#w${i} = :o${i}`);
        values[`:o${i}`] = wm;
      }
    } else {
      // Nothing of this lane in the batch may be in the item yet.
      conditions.push(`(attribute_not_exists(#w${i}) OR #w${i} < :o${i})`);
      values[`:o${i}`] = laneParts[0]?.sequence;
    }
    if (pending.length === 0) return;
    any = true;
    for (const p of pending) addDelta(delta, p.delta);
    sets.push(`#w${i} = :w${i}`);
    values[`:w${i}`] = pending[pending.length - 1]?.sequence;
  });
  if (!any) return true;
  Object.entries(t.fields).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    sets.push(`#f${i} = :f${i}`);
  });
  const adds: string[] = [];
  Object.entries(delta).forEach(([k, v], i) => {
    if (v === 0) return;
    names[`#m${i}`] = k;
    values[`:m${i}`] = v;
    adds.push(`#m${i} :m${i}`);
  });
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: t.key,
        UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

async function foldTarget(t: Target): Promise<void> {
  if (await applyTarget(t, undefined)) return;
  // A retried batch: fold only what each lane's watermark does not cover yet.
  for (let attempt = 0; attempt < 5; attempt++) {
    const { doc, tableName } = db();
    const got = await doc.send(
      new GetCommand({ TableName: tableName, Key: t.key, ConsistentRead: true }),
    );
    const item = (got.Item ?? {}) as Record<string, unknown>;
    const known: Record<string, string | undefined> = {};
    for (const lane of new Set(t.parts.map((p) => p.lane))) {
      const v = item[wmName(lane)];
      known[wmName(lane)] = typeof v === 'string' ? v : undefined;
    }
    if (await applyTarget(t, known)) return;
  }
  throw new Error(`Statistics item ${t.key.pk}/${t.key.sk} kept changing under the fold`);
}

/** Runs `fn` over `items` with at most `limit` in flight; rejects with the first error at the end. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length) {
      const t = items[next++] as T;
      try {
        await fn(t);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}

/**
 * Folds a stream batch of ledger records (in stream order) into the cells exactly once: deltas are
 * summed per item in memory and each item is written once, conditionally on its per-lane
 * watermarks. A batch that fails half-way may leave some items written and others not; its retry
 * skips, item by item, what each already has. Returns the number of items written.
 */
/**
 * A lane's fold frontier: every entry of the lane up to `foldedThrough` (a padded stream sequence)
 * is already in the statistics items, written whole by whoever wrote this (only the local demo
 * seed does: infra/local/seed-history.ts, after folding a year of history at once). The consumer
 * drops such records before reading any cell, so a first start does not re-check 3 600 entries
 * against ~16 000 items for minutes. Absent (the normal case): nothing is dropped.
 */
export const laneFrontierKey = (lane: string) => ({ pk: 'STATS#FRONTIER', sk: lane });

async function frontiersOf(lanes: readonly string[]): Promise<Map<string, string>> {
  const { doc, tableName } = db();
  const out = new Map<string, string>();
  if (lanes.length === 0) return out;
  let keys: Record<string, unknown>[] | undefined = lanes.map(laneFrontierKey);
  for (let attempt = 0; keys?.length && attempt < 5; attempt++) {
    const got = await doc.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    for (const item of got.Responses?.[tableName] ?? [])
      if (typeof item.foldedThrough === 'string') out.set(String(item.sk), item.foldedThrough);
    keys = got.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
  }
  if (keys?.length) throw new Error('fold frontiers unread after 5 attempts');
  return out;
}

export async function foldLedgerBatch(
  records: readonly FoldRecord[],
  provinceCode: string,
  concurrency = 16,
): Promise<number> {
  if (records.length === 0) return 0;
  const frontiers = await frontiersOf([...new Set(records.map((r) => r.lane))]);
  const pending = records.filter((r) => {
    const through = frontiers.get(r.lane);
    return through === undefined || r.sequence > through;
  });
  if (pending.length === 0) return 0;
  const targets = [...targetsOf(pending, provinceCode).values()];
  await eachLimited(targets, concurrency, foldTarget);
  return targets.length;
}

/** What is stored: measures of one item (watermarks and keys left out). */
export function measuresOfItem(item: Record<string, unknown>): Delta {
  const out: Delta = {};
  for (const [k, v] of Object.entries(item)) {
    if (typeof v === 'number' && !k.startsWith('wm_')) out[k] = v;
  }
  return out;
}

export interface StoredCell {
  id: CellId;
  measures: Delta;
}

/** One cell, or undefined when nothing was ever folded into it. */
export async function getCell(id: CellId): Promise<StoredCell | undefined> {
  const { doc, tableName } = db();
  const got = await doc.send(new GetCommand({ TableName: tableName, Key: cellKey(id) }));
  return got.Item ? { id, measures: measuresOfItem(got.Item) } : undefined;
}

async function queryAll(
  pk: string,
  prefix: string,
  consistent = false,
): Promise<Record<string, unknown>[]> {
  const { doc, tableName } = db();
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
        ExpressionAttributeValues: prefix ? { ':pk': pk, ':p': prefix } : { ':pk': pk },
        ExclusiveStartKey: start,
        ConsistentRead: consistent,
      }),
    );
    out.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The cells of a period whose area id starts with `areaPrefix` (`C` = every commune, `` = all). */
export async function listCells(period: string, areaPrefix = ''): Promise<StoredCell[]> {
  const items = await queryAll(`STATS#${period}`, `CELL#${areaPrefix}`);
  return items.map((item) => ({
    id: { period, area: String(item.area), sector: String(item.sector) },
    measures: measuresOfItem(item),
  }));
}

export interface SellerSum {
  id: CellId;
  sellerId: string;
  measures: Delta;
}

/** The sellers' sums held in one shard item. */
function sellersOfItem(period: string, item: Record<string, unknown>): SellerSum[] {
  const bySeller = new Map<string, Delta>();
  for (const [k, v] of Object.entries(item)) {
    const at = k.indexOf('@');
    if (at < 0 || typeof v !== 'number') continue;
    const sellerId = k.slice(at + 1);
    const d = bySeller.get(sellerId) ?? {};
    d[k.slice(0, at)] = v;
    bySeller.set(sellerId, d);
  }
  return [...bySeller].map(([sellerId, measures]) => ({
    id: { period, area: String(item.area), sector: String(item.sector) },
    sellerId,
    measures,
  }));
}

/** Per-seller sums of one cell (area and sector given) or of every cell of a period. */
export async function listSellerSums(
  period: string,
  cell?: { area: string; sector: string },
  consistent = false,
): Promise<SellerSum[]> {
  const items = await queryAll(
    `STATSS#${period}`,
    cell ? `${cell.area}#${cell.sector}#` : '',
    consistent,
  );
  return items.flatMap((item) => sellersOfItem(period, item));
}

/** Every cell and seller-sum shard of a period with their watermarks, read consistently (rebuild). */
export async function listPeriodItems(period: string): Promise<{
  cells: Array<StoredCell & { key: { pk: string; sk: string } }>;
  shards: Array<{ key: { pk: string; sk: string }; id: CellId; shard: string; measures: Delta }>;
  watermarks: Map<string, Record<string, string>>;
}> {
  const watermarks = new Map<string, Record<string, string>>();
  const keep = (item: Record<string, unknown>) => {
    const wm: Record<string, string> = {};
    for (const [k, v] of Object.entries(item)) if (k.startsWith('wm_')) wm[k] = String(v);
    watermarks.set(`${item.pk}|${item.sk}`, wm);
    return item;
  };
  const key = (item: Record<string, unknown>) => ({ pk: String(item.pk), sk: String(item.sk) });
  const cells = (await queryAll(`STATS#${period}`, 'CELL#', true)).map(keep).map((item) => ({
    key: key(item),
    id: { period, area: String(item.area), sector: String(item.sector) },
    measures: measuresOfItem(item),
  }));
  const shards = (await queryAll(`STATSS#${period}`, '', true)).map(keep).map((item) => ({
    key: key(item),
    id: { period, area: String(item.area), sector: String(item.sector) },
    shard: String(item.shard),
    measures: measuresOfItem(item),
  }));
  return { cells, shards, watermarks };
}

/** Replaces one statistics item wholesale (rebuild --write only, consumer stopped). */
export async function replaceStatsItem(
  key: { pk: string; sk: string },
  item: Record<string, unknown>,
): Promise<void> {
  const { doc, tableName } = db();
  await doc.send(new PutCommand({ TableName: tableName, Item: { ...item, ...key } }));
}
