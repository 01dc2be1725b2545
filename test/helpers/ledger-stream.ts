import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '../../infra/local/stream-poller';
import { db } from '../../shared/db/client';

/**
 * The INSERT records of ledger entries on this test file's table stream (DynamoDB Local's real
 * Streams API), oldest first, in the shape Lambda delivers them.
 */
export async function ledgerStreamRecords(): Promise<DynamoDBRecord[]> {
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = await db().raw.send(
    new DescribeTableCommand({ TableName: process.env.TABLE_NAME ?? '' }),
  );
  const arn = table.Table?.LatestStreamArn ?? '';
  const out: DynamoDBRecord[] = [];
  const described = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  for (const shard of described.StreamDescription?.Shards ?? []) {
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard.ShardId ?? '',
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
      );
      const records = page.Records ?? [];
      for (const r of records)
        if (r.eventName === 'INSERT' && r.dynamodb?.NewImage?.entity?.S === 'ledgerEntry')
          out.push(toLambdaRecord(r, arn, 'ap-southeast-1'));
      iterator = records.length ? page.NextShardIterator : undefined;
    }
  }
  streams.destroy();
  return out;
}
