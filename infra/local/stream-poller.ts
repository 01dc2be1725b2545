import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';

/**
 * Local stand-in for Lambda's DynamoDB event source mapping, over the real DynamoDB Streams API of
 * DynamoDB Local. Same contract as AWS:
 * - at least once, in order per shard, children after their parent shard;
 * - batches of up to `batchSize` records, shaped like Lambda's DynamoDBStreamEvent;
 * - ReportBatchItemFailures: a reported record and those after it are retried;
 * - a thrown error bisects the batch (BisectBatchOnFunctionError);
 * - after `retryAttempts` retries the records go to the on-failure store (the SQS destination on
 *   AWS; here JSON files under `failureDir`) and the shard moves on;
 * - a checkpoint (last processed sequence number per shard) is written after every batch, so a
 *   restart neither loses records nor replays the stream wholesale.
 */
export interface StreamPollerOptions {
  endpoint: string;
  region: string;
  tableName: string;
  handler: (
    event: DynamoDBStreamEvent,
    context: Context,
  ) => Promise<DynamoDBBatchResponse | undefined | undefined>;
  context: () => Context;
  batchSize: number;
  retryAttempts: number;
  /** Where the checkpoint lives; undefined keeps it in memory (tests). */
  checkpointFile?: string;
  failureDir?: string;
  pollIntervalMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

/** Thrown inside a delivery when the poller is stopping: the batch is left for redelivery. */
class PollerStopping extends Error {}

interface Checkpoint {
  streamArn: string;
  shards: Record<string, { sequenceNumber?: string; done?: boolean }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly tables: DynamoDBClient;
  private checkpoint: Checkpoint | undefined;
  private readonly iterators = new Map<string, string>();
  private running = false;
  private loop: Promise<void> | undefined;
  private idleWaiters: Array<() => void> = [];
  /** Counts delivered records (tests assert "not replayed" with it). */
  delivered = 0;
  failed = 0;

  constructor(private readonly options: StreamPollerOptions) {
    const common = {
      endpoint: options.endpoint,
      region: options.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    this.streams = new DynamoDBStreamsClient(common);
    this.tables = new DynamoDBClient(common);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((err: unknown) => {
      if (err instanceof PollerStopping) return;
      this.options.log?.('stream poller stopped on error', { error: String(err) });
      this.running = false;
    });
  }

  /** Finishes the batch in hand, saves the checkpoint and stops. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    this.streams.destroy();
    this.tables.destroy();
  }

  /** Resolves after a full pass that found no new records (everything written so far is folded). */
  idle(): Promise<void> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    const table = await this.tables.send(
      new DescribeTableCommand({ TableName: this.options.tableName }),
    );
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${this.options.tableName} has no stream`);
    this.checkpoint = this.loadCheckpoint(streamArn);
    let shards: Shard[] = [];
    let describedAt = 0;
    while (this.running) {
      if (Date.now() - describedAt > 2_000) {
        shards = await this.describeShards(streamArn);
        describedAt = Date.now();
      }
      const waiters = this.idleWaiters.splice(0);
      let sawRecords = false;
      for (const shard of this.readyShards(shards)) {
        if (!this.running) break;
        sawRecords = (await this.pollShard(streamArn, shard)) || sawRecords;
      }
      if (sawRecords) this.idleWaiters.unshift(...waiters);
      else for (const resolve of waiters) resolve();
      if (!sawRecords) await sleep(this.options.pollIntervalMs ?? 200);
    }
  }

  private async describeShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  /** Open shards whose parent is done or gone (order across a shard split). */
  private readyShards(shards: Shard[]): Shard[] {
    const known = new Set(shards.map((s) => s.ShardId));
    const state = this.checkpoint?.shards ?? {};
    return shards.filter((s) => {
      if (!s.ShardId || state[s.ShardId]?.done) return false;
      const parent = s.ParentShardId;
      return !parent || !known.has(parent) || state[parent]?.done === true;
    });
  }

  private async pollShard(streamArn: string, shard: Shard): Promise<boolean> {
    const shardId = shard.ShardId ?? '';
    let iterator = this.iterators.get(shardId);
    if (!iterator) {
      const seq = this.checkpoint?.shards[shardId]?.sequenceNumber;
      const out = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: seq ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
          ...(seq ? { SequenceNumber: seq } : {}),
        }),
      );
      iterator = out.ShardIterator;
      if (!iterator) return false;
    }
    let out: GetRecordsCommandOutput;
    try {
      out = await this.streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize }),
      );
    } catch (err) {
      if ((err as { name?: string }).name === 'ExpiredIteratorException') {
        this.iterators.delete(shardId);
        return false;
      }
      throw err;
    }
    const records = out.Records ?? [];
    if (records.length) {
      await this.deliver(
        streamArn,
        records.map((r) => toLambdaRecord(r, streamArn, this.options.region)),
      );
      this.setShard(shardId, { sequenceNumber: records.at(-1)?.dynamodb?.SequenceNumber });
    }
    if (out.NextShardIterator) this.iterators.set(shardId, out.NextShardIterator);
    else {
      this.iterators.delete(shardId);
      this.setShard(shardId, { done: true });
    }
    return records.length > 0;
  }

  /** Delivers records in order with retries, bisecting on thrown errors. */
  private async deliver(streamArn: string, records: DynamoDBRecord[], attempt = 0): Promise<void> {
    let pending = records;
    while (pending.length) {
      let failedAt: string | undefined;
      try {
        const result = await this.options.handler({ Records: pending }, this.options.context());
        failedAt = result?.batchItemFailures?.[0]?.itemIdentifier;
        if (failedAt === undefined) {
          this.delivered += pending.length;
          return;
        }
      } catch (err) {
        if (pending.length > 1) {
          const half = Math.ceil(pending.length / 2);
          await this.deliver(streamArn, pending.slice(0, half), attempt + 1);
          await this.deliver(streamArn, pending.slice(half), attempt + 1);
          return;
        }
        this.options.log?.('stream handler threw', { error: String(err) });
        failedAt = pending[0]?.dynamodb?.SequenceNumber;
      }
      const index = Math.max(
        0,
        pending.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt),
      );
      this.delivered += index;
      pending = pending.slice(index);
      // A failure while stopping is no verdict on the records (the database may be going away):
      // leave them unacknowledged, to be delivered again on the next start (at least once).
      if (!this.running) throw new PollerStopping('stopping');
      attempt += 1;
      if (attempt > this.options.retryAttempts) {
        this.sendToFailureStore(streamArn, pending);
        return;
      }
      await sleep(Math.min(100 * 2 ** attempt, 5_000));
    }
  }

  private sendToFailureStore(streamArn: string, records: DynamoDBRecord[]) {
    this.failed += records.length;
    const first = records[0]?.dynamodb?.SequenceNumber ?? 'unknown';
    this.options.log?.('stream records sent to the failure store', {
      count: records.length,
      first,
    });
    if (!this.options.failureDir) return;
    mkdirSync(this.options.failureDir, { recursive: true });
    const file = join(this.options.failureDir, `${Date.now()}-${first}.json`);
    writeFileSync(
      file,
      JSON.stringify({ streamArn, failedAt: new Date().toISOString(), records }, null, 2),
    );
  }

  private loadCheckpoint(streamArn: string): Checkpoint {
    const file = this.options.checkpointFile;
    if (file) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
        // A recreated table has a new stream: its old checkpoint means nothing.
        if (saved.streamArn === streamArn) return saved;
      } catch {
        // no checkpoint yet
      }
    }
    return { streamArn, shards: {} };
  }

  private setShard(shardId: string, patch: { sequenceNumber?: string; done?: boolean }) {
    if (!this.checkpoint) return;
    this.checkpoint.shards[shardId] = { ...this.checkpoint.shards[shardId], ...patch };
    const file = this.options.checkpointFile;
    if (!file) return;
    // Write-then-rename: a crash mid-write never leaves a torn checkpoint.
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.checkpoint));
    renameSync(`${file}.tmp`, file);
  }
}

/** Streams API record → the record Lambda delivers (epoch seconds, source ARN). */
export function toLambdaRecord(
  record: StreamRecord,
  streamArn: string,
  region: string,
): DynamoDBRecord {
  const d = record.dynamodb;
  const created = d?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created
        ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) }
        : {}),
      Keys: d?.Keys as never,
      ...(d?.NewImage ? { NewImage: d.NewImage as never } : {}),
      ...(d?.OldImage ? { OldImage: d.OldImage as never } : {}),
      SequenceNumber: d?.SequenceNumber,
      SizeBytes: d?.SizeBytes,
      StreamViewType: d?.StreamViewType as never,
    },
  };
}
