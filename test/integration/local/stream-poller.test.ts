import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { handler as onTableChange } from '../../../functions/streams/on-table-change';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { StreamPoller, type StreamPollerOptions } from '../../../infra/local/stream-poller';
import { getEntityCounts } from '../../../shared/db/projections';
import { testClient } from '../../helpers/local-dynamo';

/** The local event-source mapping over DynamoDB Local's real Streams API. */
const client = testClient();
afterAll(() => client.destroy());

let n = 0;
async function putEntity(entity: string, id = `${entity}-${++n}-${Date.now()}`) {
  await client.send(
    new PutItemCommand({
      TableName: process.env.TABLE_NAME,
      Item: { pk: { S: `TEST#${id}` }, sk: { S: 'TEST' }, entity: { S: entity }, id: { S: id } },
    }),
  );
  return id;
}

function poller(overrides: Partial<StreamPollerOptions> = {}) {
  return new StreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
    region: 'ap-southeast-1',
    tableName: process.env.TABLE_NAME ?? '',
    handler: onTableChange,
    context: () => lambdaContext('stream'),
    batchSize: 100,
    retryAttempts: 2,
    pollIntervalMs: 50,
    ...overrides,
  });
}

const idsIn = (event: DynamoDBStreamEvent) =>
  event.Records.map((r) => r.dynamodb?.NewImage?.id?.S ?? '');

describe('local stream poller', () => {
  it('folds every change into the counters exactly once, and a restart from the checkpoint replays nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poller-'));
    const checkpointFile = join(dir, 'checkpoint.json');
    for (let i = 0; i < 5; i++) await putEntity('apple');
    await putEntity('pear');

    const first = poller({ checkpointFile });
    first.start();
    await first.idle();
    await first.stop();

    expect(await getEntityCounts()).toMatchObject({ apple: 5, pear: 1 });
    expect(first.delivered).toBeGreaterThanOrEqual(6);

    await putEntity('pear');
    const second = poller({ checkpointFile });
    second.start();
    await second.idle();
    await second.stop();

    // Only the new record (and the counter/marker writes the first run caused) came again.
    expect(await getEntityCounts()).toMatchObject({ apple: 5, pear: 2 });
    expect(second.delivered).toBeLessThan(first.delivered);
    expect(JSON.parse(readFileSync(checkpointFile, 'utf8')).shards).not.toEqual({});
  });

  it('retries a reported failure, then sends it and what follows to the failure store and moves on', async () => {
    const failureDir = mkdtempSync(join(tmpdir(), 'poller-failures-'));
    const poison = await putEntity('poison');
    const seenAfter: string[] = [];
    let attempts = 0;
    const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      const bad = event.Records.find((r) => r.dynamodb?.NewImage?.id?.S === poison);
      if (bad) {
        attempts += 1;
        return { batchItemFailures: [{ itemIdentifier: bad.dynamodb?.SequenceNumber ?? '' }] };
      }
      seenAfter.push(...idsIn(event));
      return { batchItemFailures: [] };
    };
    const p = poller({ handler, failureDir, retryAttempts: 2 });
    p.start();
    await p.idle();
    const later = await putEntity('later');
    await p.idle();
    await p.stop();

    expect(attempts).toBe(3);
    expect(p.failed).toBeGreaterThanOrEqual(1);
    const files = readdirSync(failureDir);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(failureDir, files[0] ?? ''), 'utf8')).toContain(poison);
    expect(seenAfter).toContain(later);
  });

  it('bisects a batch whose handler throws, so the good records still get through', async () => {
    const ids = [await putEntity('ok'), await putEntity('ok')];
    const bomb = await putEntity('bomb');
    ids.push(await putEntity('ok'));
    const delivered: string[] = [];
    const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      if (idsIn(event).includes(bomb)) throw new Error('boom');
      delivered.push(...idsIn(event));
      return { batchItemFailures: [] };
    };
    const p = poller({ handler, retryAttempts: 1 });
    p.start();
    await p.idle();
    await p.stop();

    for (const id of ids) expect(delivered).toContain(id);
    expect(delivered).not.toContain(bomb);
    expect(p.failed).toBe(1);
  });
});

describe('stopping the poller', () => {
  it('never writes records off while stopping: they come again on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poller-stop-'));
    const checkpointFile = join(dir, 'checkpoint.json');
    const failureDir = join(dir, 'failures');
    const warmUp = poller({ checkpointFile });
    warmUp.start();
    await warmUp.idle();
    await warmUp.stop();

    const id = await putEntity('late');
    let calls = 0;
    const failing = poller({
      checkpointFile,
      failureDir,
      retryAttempts: 1_000,
      handler: async (event) => {
        calls += 1;
        return {
          batchItemFailures: [{ itemIdentifier: event.Records[0]?.dynamodb?.SequenceNumber ?? '' }],
        };
      },
    });
    failing.start();
    await expect.poll(() => calls).toBeGreaterThan(0);
    await failing.stop();

    const seen: string[] = [];
    const next = poller({
      checkpointFile,
      handler: async (event) => {
        seen.push(...idsIn(event));
        return { batchItemFailures: [] };
      },
    });
    next.start();
    await next.idle();
    await next.stop();

    expect(failing.failed).toBe(0);
    expect(existsSync(failureDir)).toBe(false);
    expect(seen).toContain(id);
  });
});
