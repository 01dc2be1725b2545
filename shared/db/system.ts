import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './client';
import { systemKey } from './keys';

/** Operational records: scheduler heartbeat, stream-consumer progress, table status. */

export interface TableStatus {
  status: string;
  itemCountApprox: number;
  streamEnabled: boolean;
}

export async function describeMainTable(): Promise<TableStatus> {
  const { raw, tableName } = db();
  const out = await raw.send(new DescribeTableCommand({ TableName: tableName }));
  return {
    status: out.Table?.TableStatus ?? 'UNKNOWN',
    itemCountApprox: out.Table?.ItemCount ?? 0,
    streamEnabled: out.Table?.StreamSpecification?.StreamEnabled ?? false,
  };
}

export interface Heartbeat {
  job: string;
  lastRunAt: string;
}

export async function recordHeartbeat(job: string, at: Date): Promise<void> {
  const { doc, tableName } = db();
  // Monotonic: an out-of-order older run never overwrites a newer one.
  await doc
    .send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...systemKey(`heartbeat#${job}`),
          entity: 'system',
          job,
          lastRunAt: at.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR lastRunAt < :at',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    )
    .catch((err: unknown) => {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    });
}

export async function getHeartbeat(job: string): Promise<{ lastRunAt: string } | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: systemKey(`heartbeat#${job}`) }),
  );
  return out.Item ? { lastRunAt: String(out.Item.lastRunAt) } : undefined;
}
