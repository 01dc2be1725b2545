import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDurableProxy } from './durable-proxy';
import { startDynamoDbLocal } from './dynamodb-local';
import { loadDatabaseKeyId } from './secrets';

/**
 * The local database as the host and the commands use it: DynamoDB Local on DATA_DIR (one process
 * per DATA_DIR, guarded by a lock), behind the durable proxy on loopback (durable-proxy.ts), under
 * this install's secret access key id.
 */
export interface LocalDatabase {
  /** The proxy: what every client uses (loopback only). */
  endpoint: string;
  /** DynamoDB Local itself (listens on every interface; data only under the secret key id). */
  javaEndpoint: string;
  javaPid: number;
  barriers(): number;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

interface LockHolder {
  pid: number;
  started: string;
  purpose: string;
}

/** When the process started, as `ps` prints it: with the pid, it names one process for good. */
export function processStarted(pid: number): string | undefined {
  const run = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
  const out = run.status === 0 ? run.stdout.trim() : '';
  return out || undefined;
}

/** The live holder of DATA_DIR's lock, or undefined (free, or held by a process that is gone). */
export function dataDirLockHolder(dataDir: string): LockHolder | undefined {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(join(dataDir, 'host.lock'), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
  return processStarted(holder.pid) === holder.started ? holder : undefined;
}

/**
 * One process at a time may run DynamoDB Local on a DATA_DIR. A lock file names the holder (pid
 * and its start time, so a reused pid is never taken for the holder); a dead holder's lock is
 * taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'host.lock');
  const me: LockHolder = {
    pid: process.pid,
    started: processStarted(process.pid) ?? `unknown-${Date.now()}`,
    purpose,
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        try {
          const now = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
          if (now.pid === me.pid && now.started === me.started) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = dataDirLockHolder(dataDir);
    if (holder) {
      throw new DataDirLockedError(
        `DATA_DIR ${dataDir} is in use by ${holder.purpose} (pid ${holder.pid}). ` +
          'Stop that one first, or give this one its own directory and port, ' +
          'e.g. DATA_DIR=.data-2 PORT=3001 npm start.',
      );
    }
    // Written a moment ago and not readable yet, or its holder is gone: look again, then take it.
    if (attempt >= 1) rmSync(file, { force: true });
    spawnSync('sleep', ['0.05']);
  }
  throw new DataDirLockedError(`Could not lock DATA_DIR ${dataDir}`);
}

export async function openLocalDatabase(options: {
  /** Persisted under DATA_DIR/dynamodb; undefined = in memory (no lock, shared database). */
  dataDir?: string;
  purpose: string;
  /** The caller holds DATA_DIR's lock already (and releases it). */
  lockHeld?: boolean;
  region?: string;
  /** false: no durability barrier (benchmark baseline only). */
  barrier?: boolean;
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}): Promise<LocalDatabase> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const region = options.region ?? 'ap-southeast-1';
  const release =
    dataDir && !options.lockHeld ? lockDataDir(dataDir, options.purpose) : () => undefined;
  try {
    const accessKeyId = dataDir ? loadDatabaseKeyId(join(dataDir, 'secrets.json')) : undefined;
    const java = await startDynamoDbLocal({
      ...(dataDir ? { dataDir: join(dataDir, 'dynamodb'), accessKeyId, region } : {}),
      ...(options.onUnexpectedExit ? { onUnexpectedExit: options.onUnexpectedExit } : {}),
    });
    const proxy = await startDurableProxy({
      target: java.endpoint,
      ...(accessKeyId ? { accessKeyId, region } : {}),
      barrier: options.barrier ?? true,
    }).catch(async (err: unknown) => {
      await java.stop();
      throw err;
    });
    return {
      endpoint: proxy.endpoint,
      javaEndpoint: java.endpoint,
      javaPid: java.pid,
      barriers: proxy.barriers,
      stop: async () => {
        await proxy.close();
        await java.stop();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
