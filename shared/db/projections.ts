import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './client';
import { streamMarkerKey, systemKey } from './keys';

/** Markers are only needed while a record can still be redelivered (stream retention is 24 h). */
const MARKER_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Folds one stream record into the entity counters exactly once: the marker put (on
 * attribute_not_exists) and the ADD commit together or not at all, so a redelivered record is a
 * no-op. Returns false when the record had already been applied.
 */
export async function applyEntityCounts(
  eventId: string,
  delta: Record<string, number>,
  now: Date,
): Promise<boolean> {
  const entries = Object.entries(delta);
  if (entries.length === 0) return true;
  const { doc, tableName } = db();
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = entries.map(([entity, by], i) => {
    names[`#e${i}`] = entity;
    values[`:d${i}`] = by;
    return `counts.#e${i} :d${i}`;
  });
  try {
    // Counters live in a map created on first use; ADD on a nested path needs the map to exist.
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...streamMarkerKey(eventId),
                entity: 'streamMarker',
                appliedAt: now.toISOString(),
                expiresAt: Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: systemKey('entityCounts'),
              UpdateExpression: `SET entity = :system ADD ${parts.join(', ')}`,
              ConditionExpression: 'attribute_exists(counts)',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ...values, ':system': 'system' },
            },
          },
        ],
      }),
    );
    return true;
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const [marker, counter] = err.CancellationReasons ?? [];
    if (marker?.Code === 'ConditionalCheckFailed') return false;
    if (counter?.Code === 'ConditionalCheckFailed') {
      await createCounterItem();
      return applyEntityCounts(eventId, delta, now);
    }
    throw err;
  }
}

async function createCounterItem(): Promise<void> {
  const { doc, tableName } = db();
  await doc
    .send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...systemKey('entityCounts'), entity: 'system', counts: {} },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    )
    .catch((err: unknown) => {
      if (!(err instanceof TransactionCanceledException)) throw err;
    });
}

export async function getEntityCounts(): Promise<Record<string, number>> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: systemKey('entityCounts') }),
  );
  return (out.Item?.counts as Record<string, number> | undefined) ?? {};
}
