import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors';
import type { InputKind, InputVersion } from '../stats/inputs';
import { db } from './client';

/**
 * Officer inputs: INPUT#<kind>#<year> / <key>#V#<version, 6 digits>. Every version is its own item,
 * Put on attribute_not_exists: a correction adds a version, nothing is overwritten, and two officers
 * correcting the same figure at once cannot both become version n (the second gets a conflict).
 * Reading a year of a kind is one Query of a small partition.
 */
const inputKey = (kind: InputKind, year: number, key: string, version: number) => ({
  pk: `INPUT#${kind}#${year}`,
  sk: `${key}#V#${String(version).padStart(6, '0')}`,
});

const FIELDS = [
  'kind',
  'key',
  'year',
  'version',
  'value',
  'source',
  'enteredBy',
  'enteredAt',
  'demo',
] as const satisfies readonly (keyof InputVersion)[];

const toVersion = (item: Record<string, unknown>): InputVersion => {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out as unknown as InputVersion;
};

/**
 * Appends versions in one transaction (all or none). `expectedVersion` is the version the officer
 * corrected (0 for a first entry): the new one is expectedVersion + 1 and is written only if nobody
 * wrote it first and the corrected one exists. `extra` are more TransactWriteItems (the audit
 * event) that commit with them.
 */
export async function putInputVersions(
  list: ReadonlyArray<{ input: Omit<InputVersion, 'version'>; expectedVersion: number }>,
  extra: readonly Record<string, unknown>[] = [],
): Promise<InputVersion[]> {
  const { doc, tableName } = db();
  const written: InputVersion[] = [];
  const items: Record<string, unknown>[] = [];
  const owners: number[] = [];
  list.forEach(({ input, expectedVersion }, i) => {
    const version = expectedVersion + 1;
    const item: InputVersion = { ...input, version };
    written.push(item);
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...inputKey(input.kind, input.year, input.key, version),
          entity: 'statsInput',
          ...item,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    owners.push(i);
    if (expectedVersion > 0) {
      items.push({
        ConditionCheck: {
          TableName: tableName,
          Key: inputKey(input.kind, input.year, input.key, expectedVersion),
          ConditionExpression: 'attribute_exists(pk)',
        },
      });
      owners.push(i);
    }
  });
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: [...items, ...extra] as never }));
  } catch (err) {
    if (err instanceof TransactionCanceledException) {
      const reasons = err.CancellationReasons ?? [];
      const failed = reasons.findIndex(
        (r, i) => i < items.length && r.Code === 'ConditionalCheckFailed',
      );
      if (failed >= 0) {
        const at = list[owners[failed] ?? 0];
        throw new AppError(
          'statsInput.versionConflict',
          'This input has another current version than the one corrected',
          { key: at?.input.key ?? '', expectedVersion: at?.expectedVersion ?? 0 },
        );
      }
    }
    throw err;
  }
  return written;
}

/** Every version of every input of a kind and year, oldest version first per key. */
export async function listInputVersions(kind: InputKind, year: number): Promise<InputVersion[]> {
  const { doc, tableName } = db();
  const out: InputVersion[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `INPUT#${kind}#${year}` },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []).map(toVersion));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Current (latest) version per key, with how many versions each has. */
export function currentInputs(
  versions: readonly InputVersion[],
): Map<string, InputVersion & { versions: number }> {
  const out = new Map<string, InputVersion & { versions: number }>();
  for (const v of versions) {
    const prev = out.get(v.key);
    if (!prev || v.version > prev.version) out.set(v.key, { ...v, versions: v.version });
  }
  return out;
}
