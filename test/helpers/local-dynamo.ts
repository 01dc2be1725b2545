import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../infra/local/dynamodb-local';

/** Test-only reads of the whole table (a scan is fine on a test table of a few items). */
export function testClient(): DynamoDBClient {
  return localDynamoClient(process.env.DYNAMODB_ENDPOINT ?? '');
}

/** Every item of this file's table, sorted, as JSON: equal snapshots mean nothing changed. */
export async function tableSnapshot(client = testClient()): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: process.env.TABLE_NAME,
        ExclusiveStartKey: start as never,
        ConsistentRead: true,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items.map((i) => JSON.stringify(i)).sort());
}
