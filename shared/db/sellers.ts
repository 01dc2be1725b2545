import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors';
import type { Seller, SellerStatus } from '../sellers/seller';
import { db } from './client';
import { isConditionFailure } from './errors';
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

/** Writes a changed seller on the version it was read at; 409 when someone changed it meanwhile. */
export async function saveSeller(
  seller: Seller,
  expectedVersion: number,
  event?: { action: string; by: string; reason?: string },
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
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sellerKey(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (err) {
    if (isConditionFailure(err))
      throw new AppError('seller.versionConflict', 'The seller was changed meanwhile', {
        expectedVersion,
      });
    throw err;
  }
}
