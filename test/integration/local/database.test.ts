import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DataDirLockedError,
  dataDirLockHolder,
  lockDataDir,
  openLocalDatabase,
  processStarted,
} from '../../../infra/local/database';
import { needsBarrier, relabel, startDurableProxy } from '../../../infra/local/durable-proxy';
import { isDynamoDbLocalOf } from '../../../infra/local/dynamodb-local';

/** The local database: lock, per-install key id, durable proxy, stale-process cleanup. */
const client = (endpoint: string, accessKeyId = 'local') =>
  new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId, secretAccessKey: 'x' },
    maxAttempts: 1,
  });
const sleeper = () => spawn('sleep', ['60'], { stdio: 'ignore' });
const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

describe('DATA_DIR lock', () => {
  it('refuses a second holder while the first lives, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const release = lockDataDir(dir, 'npm start (port 1)');
    expect(() => lockDataDir(dir, 'npm run invoke')).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, 'npm run invoke')).toThrow(
      /in use by npm start \(port 1\) \(pid \d+\)/,
    );
    release();
    expect(existsSync(join(dir, 'host.lock'))).toBe(false);
    lockDataDir(dir, 'again')();
  });

  it('takes over a lock whose holder is gone, or whose pid now belongs to another process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const child = sleeper();
    const pid = child.pid as number;
    await new Promise((r) => setTimeout(r, 100));
    // Same pid, another start time: a reused pid is not the holder.
    writeFileSync(
      join(dir, 'host.lock'),
      JSON.stringify({ pid, started: 'Thu Jan  1 00:00:00 1970', purpose: 'old host' }),
    );
    expect(dataDirLockHolder(dir)).toBeUndefined();
    lockDataDir(dir, 'new host')();
    // The real holder (pid and start time match) is respected.
    writeFileSync(
      join(dir, 'host.lock'),
      JSON.stringify({ pid, started: processStarted(pid), purpose: 'live host' }),
    );
    expect(() => lockDataDir(dir, 'x')).toThrow(/live host/);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(dataDirLockHolder(dir)).toBeUndefined();
    lockDataDir(dir, 'after')();
  });
});

describe('durable proxy', () => {
  it('puts a barrier after writes and unknown operations, never after reads or streams', () => {
    for (const op of [
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'BatchWriteItem',
      'TransactWriteItems',
      'ExecuteStatement',
      'CreateTable',
      'SomethingNew',
    ])
      expect(needsBarrier(`DynamoDB_20120810.${op}`), op).toBe(true);
    for (const op of [
      'GetItem',
      'Query',
      'Scan',
      'BatchGetItem',
      'TransactGetItems',
      'DescribeTable',
      'ListTables',
    ])
      expect(needsBarrier(`DynamoDB_20120810.${op}`), op).toBe(false);
    expect(needsBarrier('DynamoDBStreams_20120810.GetRecords')).toBe(false);
    expect(needsBarrier(undefined)).toBe(false);
  });

  it('re-labels the credential scope with the install key id and region', () => {
    expect(
      relabel(
        'AWS4-HMAC-SHA256 Credential=local/20261202/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=ab',
        'CSkey123',
        'ap-southeast-1',
      ),
    ).toBe(
      'AWS4-HMAC-SHA256 Credential=CSkey123/20261202/ap-southeast-1/dynamodb/aws4_request, SignedHeaders=host, Signature=ab',
    );
  });

  it('answers a write only after a barrier, and passes answers through unchanged', async () => {
    const proxy = await startDurableProxy({ target: process.env.DYNAMODB_ENDPOINT ?? '' });
    cleanup.push(() => proxy.close());
    const c = client(proxy.endpoint);
    cleanup.push(() => c.destroy());
    const TableName = process.env.TABLE_NAME;
    await c.send(new GetItemCommand({ TableName, Key: { pk: { S: 'P#1' }, sk: { S: 'S' } } }));
    expect(proxy.barriers()).toBe(0);
    await c.send(
      new PutItemCommand({ TableName, Item: { pk: { S: 'P#1' }, sk: { S: 'S' }, v: { N: '7' } } }),
    );
    expect(proxy.barriers()).toBe(1);
    const got = await c.send(
      new GetItemCommand({ TableName, Key: { pk: { S: 'P#1' }, sk: { S: 'S' } } }),
    );
    expect(got.Item?.v?.N).toBe('7');
    // A refused write (condition failed) changed nothing: no barrier needed.
    await expect(
      c.send(
        new PutItemCommand({
          TableName,
          Item: { pk: { S: 'P#1' }, sk: { S: 'S' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(proxy.barriers()).toBe(1);
    await c.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'P#1' } },
      }),
    );
    expect(proxy.barriers()).toBe(1);
  });
});

describe('persisted DynamoDB Local', () => {
  it('keeps the data under the install key id: another key id sees no tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    const db = await openLocalDatabase({ dataDir: dir, purpose: 'test' });
    cleanup.push(() => db.stop());
    const viaProxy = client(db.endpoint);
    cleanup.push(() => viaProxy.destroy());
    const { createLocalTables } = await import('../../../infra/local/dynamodb-local');
    await createLocalTables(db.endpoint, 'secret-table');
    expect((await viaProxy.send(new ListTablesCommand({}))).TableNames).toEqual(['secret-table']);
    const keyId = (
      JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>
    ).DYNAMODB_LOCAL_ACCESS_KEY_ID as string;
    expect(keyId).toMatch(/^[A-Za-z0-9]{32}$/);
    for (const other of ['local', 'AKIAIOSFODNN7EXAMPLE', `${keyId}x`]) {
      const direct = client(db.javaEndpoint, other);
      expect((await direct.send(new ListTablesCommand({}))).TableNames, other).toEqual([]);
      direct.destroy();
    }
    const owner = client(db.javaEndpoint, keyId);
    expect((await owner.send(new ListTablesCommand({}))).TableNames).toEqual(['secret-table']);
    owner.destroy();
  });

  it('ends a stale DynamoDB Local of its own directory, never a process that merely has its pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    // A pid file naming some other process (as after a reboot and pid reuse).
    const bystander = sleeper();
    cleanup.push(() => bystander.kill('SIGKILL'));
    await new Promise((r) => setTimeout(r, 100));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'dynamodb'), { recursive: true });
    writeFileSync(
      join(dir, 'dynamodb', 'dynamodb-local.pid'),
      JSON.stringify({ pid: bystander.pid, port: 1 }),
    );
    const first = await openLocalDatabase({ dataDir: dir, purpose: 'test' });
    expect(bystander.exitCode).toBeNull();
    expect(bystander.signalCode).toBeNull();
    expect(isDynamoDbLocalOf(first.javaPid, join(dir, 'dynamodb'))).toBe(true);
    expect(isDynamoDbLocalOf(first.javaPid, join(dir, 'other'))).toBe(false);
    expect(isDynamoDbLocalOf(bystander.pid as number, join(dir, 'dynamodb'))).toBe(false);

    // Its Java left behind by a holder that is gone: the next start ends exactly that one.
    const leftover = first.javaPid;
    rmLock(dir);
    const second = await openLocalDatabase({ dataDir: dir, purpose: 'test' });
    cleanup.push(() => second.stop());
    cleanup.push(() => first.stop());
    await waitUntil(() => !isDynamoDbLocalOf(leftover, join(dir, 'dynamodb')));
    expect(second.javaPid).not.toBe(leftover);
  });
});

function rmLock(dir: string) {
  // The first holder is this very process; pretend it died by removing its lock.
  writeFileSync(
    join(dir, 'host.lock'),
    JSON.stringify({ pid: 999_999_999, started: 'gone', purpose: 'dead' }),
  );
}

async function waitUntil(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
