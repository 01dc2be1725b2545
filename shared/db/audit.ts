import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, accountsOf, sellersOf } from '../audit/audit';
import { AppError } from '../errors';
import { db } from './client';

/**
 * The audit trail in the single table. Append-only: this module only ever puts new items (with
 * attribute_not_exists), nothing updates or deletes them.
 *
 * Key layout (no scans; each filter is one Query, newest first):
 * - the log         AUDIT#LOG / <at>#<id>                          every event
 * - by action       gsi2: AUDIT#ACTION#<action> / <at>#<id>        on the log item
 * - by account      gsi1: AUDIT#ACCOUNT#<accountId> / <at>#<id>    one index item per account the
 *                   event concerns (actor and target), pk AUDIT#REF#<id> / ACCOUNT#<accountId>
 * - by seller       gsi1: AUDIT#SELLER#<sellerId> / <at>#<id>      likewise, sk SELLER#<sellerId>
 * Account (or seller) and action together: the account's partition filtered by action.
 * The log is one partition: fine for security events at this market's scale (well under the
 * 1,000 writes/s a partition takes); shard it by month if that ever changes.
 */
const sortKey = (event: AuditEvent) => `${event.at}#${event.id}`;

function items(event: AuditEvent): Record<string, unknown>[] {
  const body = { eventId: event.id, ...event };
  const log = {
    pk: 'AUDIT#LOG',
    sk: sortKey(event),
    gsi2pk: `AUDIT#ACTION#${event.action}`,
    gsi2sk: sortKey(event),
    entity: 'audit',
    ...body,
  };
  const refs = [
    ...accountsOf(event).map((id) => ({ kind: 'ACCOUNT', id })),
    ...sellersOf(event).map((id) => ({ kind: 'SELLER', id })),
  ].map((ref) => ({
    pk: `AUDIT#REF#${event.id}`,
    sk: `${ref.kind}#${ref.id}`,
    gsi1pk: `AUDIT#${ref.kind}#${ref.id}`,
    gsi1sk: sortKey(event),
    ...body,
  }));
  return [log, ...refs];
}

/** The `Put`s recording an event, to add to the TransactItems of the change it records. */
export function auditPuts(event: AuditEvent) {
  const { tableName } = db();
  return items(event).map((Item) => ({
    Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  }));
}

/** Records an event on its own (sign-ins: there is no other write to join). */
export async function writeAudit(event: AuditEvent): Promise<void> {
  const { doc, tableName } = db();
  const all = items(event);
  if (all.length === 1) {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: all[0],
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return;
  }
  await doc.send(new TransactWriteCommand({ TransactItems: auditPuts(event) }));
}

export interface AuditQuery {
  accountId?: string;
  sellerId?: string;
  action?: string;
  limit: number;
  cursor?: string;
}

const toEvent = (item: Record<string, unknown>): AuditEvent => {
  const { id, at, action, outcome, actor, target, details } = item as unknown as AuditEvent;
  return {
    id,
    at,
    action,
    outcome,
    actor,
    ...(target ? { target } : {}),
    ...(details ? { details } : {}),
  };
};

/** Newest first, one Query per page (filtered queries may take a few, bounded). */
export async function listAudit(query: AuditQuery) {
  const { doc, tableName } = db();
  const subject = query.accountId
    ? `AUDIT#ACCOUNT#${query.accountId}`
    : query.sellerId
      ? `AUDIT#SELLER#${query.sellerId}`
      : undefined;
  const base = subject
    ? {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': subject,
          ...(query.action ? { ':a': query.action } : {}),
        } as Record<string, unknown>,
        ...(query.action
          ? { FilterExpression: '#action = :a', ExpressionAttributeNames: { '#action': 'action' } }
          : {}),
        keyNames: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
      }
    : query.action
      ? {
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `AUDIT#ACTION#${query.action}` } as Record<
            string,
            unknown
          >,
          keyNames: ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
        }
      : {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'AUDIT#LOG' } as Record<string, unknown>,
          keyNames: ['pk', 'sk'],
        };
  const { keyNames, ...input } = base;
  const partition = String(input.ExpressionAttributeValues[':pk']);
  let start = decodeAuditCursor(query.cursor, keyNames, partition);
  const events: AuditEvent[] = [];
  let last: Record<string, unknown> | undefined;
  let more = true;
  // A filtered page can come back short: read on (at most 10 reads) until the page is full.
  for (let round = 0; round < 10 && events.length < query.limit && more; round++) {
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName,
        ...input,
        ScanIndexForward: false,
        Limit: query.limit - events.length,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      events.push(toEvent(item));
      last = Object.fromEntries(keyNames.map((k) => [k, item[k]]));
    }
    start = out.LastEvaluatedKey;
    more = start !== undefined;
    if (more && (out.Items ?? []).length === 0) last = start;
  }
  const nextKey = more ? (events.length >= query.limit ? last : start) : undefined;
  return {
    items: events,
    nextCursor: nextKey ? Buffer.from(JSON.stringify(nextKey)).toString('base64url') : undefined,
  };
}

function decodeAuditCursor(
  cursor: string | undefined,
  keyNames: string[],
  partition: string,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const names = Object.keys(key ?? {}).sort();
    const ok =
      key &&
      typeof key === 'object' &&
      names.join() === [...keyNames].sort().join() &&
      Object.values(key).every((v) => typeof v === 'string') &&
      (key.gsi1pk ?? key.gsi2pk ?? key.pk) === partition;
    if (ok) return key;
  } catch {
    // fall through
  }
  throw new AppError('query.invalidCursor', 'Invalid cursor');
}
