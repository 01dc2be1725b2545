import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tables } from '../../../infra/tables';

/**
 * Records the partition key of every item or query a DynamoDB client sends, as IAM's
 * `dynamodb:LeadingKeys` sees it: the table's partition key for item operations (each item of a
 * transaction or batch), the queried index's partition key for a Query on an index. Read off the
 * wire (the JSON body the SDK is about to send, after the document client marshalled it), so no
 * code path of shared/db can hide a key from it.
 */
export interface KeyUse {
  operation: string;
  /** Physical table name as sent. */
  table: string;
  /** Set for a Query on an index (LeadingKeys is then the index's partition key value). */
  index?: string;
  /** The partition key value; undefined for an operation that names no key (Scan, DescribeTable…). */
  key?: string;
}

type AttributeValue = { S?: string; N?: string; B?: string };
type Body = Record<string, unknown>;

const main = tables[0];
const partitionName = (index?: string): string => {
  if (!main) throw new Error('no table definition');
  if (!index) return main.partitionKey.name;
  const found = main.globalSecondaryIndexes.find((i) => i.indexName === index);
  if (!found) throw new Error(`unknown index ${index}`);
  return found.partitionKey.name;
};

const keyText = (value: AttributeValue | undefined, where: string): string => {
  const text = value?.S ?? value?.N;
  if (text === undefined) throw new Error(`no string partition key in ${where}`);
  return text;
};

/** The partition key value of `pk = :v` in a key condition expression. */
function queryKey(body: Body): string {
  const index = body.IndexName as string | undefined;
  const wanted = partitionName(index);
  const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (body.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  const expression = String(body.KeyConditionExpression ?? '');
  for (const match of expression.matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const name = match[1]?.startsWith('#') ? names[match[1]] : match[1];
    if (name === wanted) return keyText(values[match[2] ?? ''], `Query ${expression}`);
  }
  throw new Error(`Query without an equality on ${wanted}: ${expression}`);
}

/** Pure: the key uses of one request body of the DynamoDB JSON protocol. */
export function keyUsesOf(operation: string, body: Body): KeyUse[] {
  const item = (table: unknown, key: unknown, op: string): KeyUse => ({
    operation: op,
    table: String(table),
    key: keyText((key as Record<string, AttributeValue>)[partitionName()], op),
  });
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [item(body.TableName, body.Key, operation)];
    case 'PutItem':
      return [item(body.TableName, body.Item, operation)];
    case 'Query':
      return [
        {
          operation,
          table: String(body.TableName),
          ...(body.IndexName ? { index: String(body.IndexName) } : {}),
          key: queryKey(body),
        },
      ];
    case 'BatchGetItem':
      return Object.entries(body.RequestItems as Record<string, { Keys: unknown[] }>).flatMap(
        ([table, { Keys }]) => Keys.map((key) => item(table, key, 'BatchGetItem')),
      );
    case 'BatchWriteItem':
      return Object.entries(
        body.RequestItems as Record<
          string,
          { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]
        >,
      ).flatMap(([table, requests]) =>
        requests.map((r) =>
          item(table, r.PutRequest?.Item ?? r.DeleteRequest?.Key, 'BatchWriteItem'),
        ),
      );
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (
        body.TransactItems as Record<string, { TableName: string; Key?: unknown; Item?: unknown }>[]
      ).map((element) => {
        const [kind, spec] = Object.entries(element)[0] ?? [];
        if (!kind || !spec) throw new Error(`empty element in ${operation}`);
        return item(spec.TableName, spec.Key ?? spec.Item, `${operation}.${kind}`);
      });
    default:
      // Scan, DescribeTable, …: no partition key; the check reports them (no function may).
      return [{ operation, table: String(body.TableName ?? '') }];
  }
}

/**
 * Adds a build-step middleware to the client (shared by its document client) that hands every
 * request's key uses to `sink` before the request leaves.
 */
export function recordKeyUses(client: DynamoDBClient, sink: (use: KeyUse) => void): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const target = request.headers?.['x-amz-target'] ?? request.headers?.['X-Amz-Target'];
      const body =
        typeof request.body === 'string'
          ? request.body
          : request.body instanceof Uint8Array
            ? Buffer.from(request.body).toString('utf8')
            : undefined;
      if (!target || body === undefined)
        throw new Error(
          `recordKeyUses: cannot read the request (${target}, ${typeof request.body})`,
        );
      const operation = target.split('.').pop() ?? target;
      for (const use of keyUsesOf(operation, JSON.parse(body) as Body)) sink(use);
      return next(args);
    },
    { step: 'build', name: 'recordKeyUses', priority: 'low' },
  );
}
