import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../infra/local/dynamodb-local';

/**
 * Runs `npm start`'s entry (infra/local/server.ts) as a real child process on a random port with
 * its own DATA_DIR, the way a person runs it. Resolves once it serves /api/health.
 */
export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** SIGINT to the whole process group (what Ctrl-C does) and wait: resolves with the exit code. */
  stop(): Promise<number | null>;
}

const root = resolve(import.meta.dirname, '..', '..');

export async function startServer(
  dataDir: string,
  port?: number,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(chosen),
      DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'WARN',
      // The demo history leaves the stream consumer minutes of work (counting ~20 000 new items)
      // that would slow these tests and the crash test's counter check; a test passes 'true'.
      SEED_HISTORY: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like a terminal session: stop() signals the group, as Ctrl-C does.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = `http://127.0.0.1:${chosen}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGINT');
      return exited;
    },
  };
}
