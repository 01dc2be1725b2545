import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors';
import type { Seller, SellerStatus } from '../sellers/seller';
import type { TransactItem } from './accounts';
import { db } from './client';
import { failedConditions } from './errors';
import { sellerKey, sellerStatusIndex } from './keys';

/** Seller profiles: by id, by status (the approval queue), status changes, profile updates. */

const toSeller = (item: Record<string, unknown> | undefined): Seller | undefined => {
  if (!item) return undefined;
  const { pk: _a, sk: _b, gsi2pk: _c, gsi2sk: _d, entity: _e, statusHistory: _h, ...seller } = item;
  return seller as unknown as Seller;
};

export async function getSeller(id: string, consistent = false): Promise<Seller | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: sellerKey(id), ConsistentRead: consistent }),
  );
  return toSeller(out.Item);
}

/** Cursor: base64url of the last key; anything else is refused with query.invalidCursor. */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      key &&
      typeof key === 'object' &&
      !Array.isArray(key) &&
      Object.values(key).every((v) => typeof v === 'string')
    ) {
      return key as Record<string, unknown>;
    }
  } catch {
    // fall through
  }
  throw new AppError('query.invalidCursor', 'Invalid cursor');
}
export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/** Sellers in one status, oldest first (a queue). */
export async function listSellersByStatus(status: SellerStatus, limit: number, cursor?: string) {
  const { doc, tableName } = db();
  const start = decodeCursor(cursor);
  if (start && start.gsi2pk !== `SELLERS#${status}`)
    throw new AppError('query.invalidCursor', 'Cursor of another list');
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `SELLERS#${status}` },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => toSeller(item) as Seller),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}

/**
 * Writes a changed seller on the version it was read at; 409 when someone changed it meanwhile.
 * `extra` joins the same transaction (the audit record, the bank-change queue entry). Optional
 * fields the seller no longer has (a handled `pendingBank`) are removed.
 */
export async function saveSeller(
  seller: Seller,
  expectedVersion: number,
  event?: { action: string; by: string; reason?: string },
  extra: TransactItem[] = [],
) {
  const { doc, tableName } = db();
  const { id, ...fields } = seller;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': expectedVersion };
  const sets = Object.entries({
    ...fields,
    ...sellerStatusIndex(seller.status, seller.createdAt, id),
  }).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  if (event) {
    names['#h'] = 'statusHistory';
    values[':h'] = [{ ...event, status: seller.status, at: seller.updatedAt }];
    values[':empty'] = [];
    sets.push('#h = list_append(if_not_exists(#h, :empty), :h)');
  }
  const removes = (['pendingBank'] as const).filter((k) => seller[k] === undefined);
  removes.forEach((k, i) => {
    names[`#r${i}`] = k;
  });
  const remove = removes.length ? ` REMOVE ${removes.map((_, i) => `#r${i}`).join(', ')}` : '';
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: sellerKey(id),
              UpdateExpression: `SET ${sets.join(', ')}${remove}`,
              ConditionExpression: 'version = :expected',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          ...extra,
        ],
      }),
    );
  } catch (err) {
    if (failedConditions(err)?.includes(0))
      throw new AppError('seller.versionConflict', 'The seller was changed meanwhile', {
        expectedVersion,
      });
    throw err;
  }
}

// ---- bank-account changes waiting for an officer ---------------------------------------------
/** BANKCHANGE#<sellerId> / BANKCHANGE; byStatus: BANKCHANGES#pending / <requestedAt>#<sellerId>. */
const bankChangeKey = (sellerId: string) => ({ pk: `BANKCHANGE#${sellerId}`, sk: 'BANKCHANGE' });

/** Puts the seller in the officers' bank-change queue (replacing an older request of it). */
export function bankChangeQueuePut(sellerId: string, requestedAt: string): TransactItem {
  return {
    Put: {
      TableName: db().tableName,
      Item: {
        ...bankChangeKey(sellerId),
        gsi2pk: 'BANKCHANGES#pending',
        gsi2sk: `${requestedAt}#${sellerId}`,
        entity: 'bankChange',
        sellerId,
        requestedAt,
      },
    },
  };
}

/** Takes the seller out of the queue (handled or withdrawn). */
export function bankChangeQueueDelete(sellerId: string): TransactItem {
  return { Delete: { TableName: db().tableName, Key: bankChangeKey(sellerId) } };
}

/** Sellers with a bank-account change waiting, oldest request first. */
export async function listPendingBankChanges(limit: number, cursor?: string) {
  const { doc, tableName } = db();
  const start = decodeCursor(cursor);
  if (start && start.gsi2pk !== 'BANKCHANGES#pending')
    throw new AppError('query.invalidCursor', 'Cursor of another list');
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': 'BANKCHANGES#pending' },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  const sellers = await Promise.all(
    (out.Items ?? []).map((item) => getSeller(String(item.sellerId), true)),
  );
  return {
    items: sellers.filter((s): s is Seller => s?.pendingBank !== undefined),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}
