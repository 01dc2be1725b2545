import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors';
import type { LedgerEntry } from '../ledger/entry';
import { db } from './client';

/**
 * The sales ledger in the single table, laid out to be read by time:
 * - LEDGER#<YYYY-MM> / <occurredAt>#<entryId>: one partition per month of the province's calendar,
 *   sorted by the instant, so a period is a few paged Queries (no Scan), oldest first;
 * - byOwner: SELLER#<sellerId> / LEDGER#<occurredAt>#<entryId>: one seller's entries by time.
 * Entries are only ever Put inside the transaction of their cause (never updated or deleted);
 * `ledgerPut` is the one builder of that Put.
 */
export const ledgerKey = (entry: Pick<LedgerEntry, 'localDate' | 'occurredAt' | 'id'>) => ({
  pk: `LEDGER#${entry.localDate.slice(0, 7)}`,
  sk: `${entry.occurredAt}#${entry.id}`,
});

const LEDGER_FIELDS = [
  'id',
  'kind',
  'amount',
  'goodsAmount',
  'servicesAmount',
  'deliveryFee',
  'channel',
  'method',
  'sellerId',
  'seller',
  'occurredAt',
  'localDate',
  'reference',
  'recordedAt',
] as const satisfies readonly (keyof LedgerEntry)[];

/** The TransactWriteItems element that appends `entry` (never overwrites). */
export function ledgerPut(entry: LedgerEntry) {
  const { tableName } = db();
  const fields: Record<string, unknown> = {};
  for (const f of LEDGER_FIELDS) fields[f] = entry[f];
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...ledgerKey(entry),
        gsi1pk: `SELLER#${entry.sellerId}`,
        gsi1sk: `LEDGER#${entry.occurredAt}#${entry.id}`,
        entity: 'ledgerEntry',
        ...fields,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const toEntry = (item: Record<string, unknown>): LedgerEntry => {
  const out: Record<string, unknown> = {};
  for (const f of LEDGER_FIELDS) out[f] = item[f];
  return out as unknown as LedgerEntry;
};

export interface LedgerPage {
  items: LedgerEntry[];
  nextCursor?: string;
}

/**
 * Entries with `from <= occurredAt < to` of one month partition (`month` = YYYY-MM), oldest
 * first, one page. Statistics read periods month by month with this.
 */
export async function listLedgerMonth(
  month: string,
  range: { from?: string; to?: string; limit?: number; cursor?: string } = {},
): Promise<LedgerPage> {
  const { doc, tableName } = db();
  const from = range.from ?? '0';
  const to = range.to ?? '9';
  let start: Record<string, unknown> | undefined;
  if (range.cursor) {
    try {
      start = JSON.parse(Buffer.from(range.cursor, 'base64url').toString('utf8'));
    } catch {
      throw new AppError('query.invalidCursor', 'The cursor is not valid here');
    }
  }
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': `LEDGER#${month}`, ':from': from, ':to': to },
      Limit: range.limit ?? 500,
      ExclusiveStartKey: start,
      ConsistentRead: true,
    }),
  );
  const items = (out.Items ?? [])
    .map(toEntry)
    .filter((e) => range.to === undefined || e.occurredAt < range.to);
  return {
    items,
    ...(out.LastEvaluatedKey
      ? { nextCursor: Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url') }
      : {}),
  };
}

/** Every entry of a reference (an order or a counter sale) of one seller, by time. */
export async function listLedgerBySeller(sellerId: string, limit = 100): Promise<LedgerEntry[]> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :ledger)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':ledger': 'LEDGER#' },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(toEntry);
}
