import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { isDynamoDbLocalOf } from '../../infra/local/dynamodb-local';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { type RunningServer, startServer } from './local-server';

/**
 * The crash test of the local host (issue 12): write load through a real `npm start`, SIGKILL of
 * node, Java or both at a random moment, restart on the same DATA_DIR, and then:
 * - every acknowledged write (a 201 creation, a 200 archive) is there;
 * - the stream-fed entity counters equal a recount of the table;
 * - no DynamoDB Local of this DATA_DIR is left running (the watchdog ends it when node dies; the
 *   host exits when its DynamoDB Local dies).
 * Used by test/e2e/crash.test.ts (few cycles, inside `npm test`) and `npm run test:crash` (more).
 */
export type KillTarget = 'node' | 'java' | 'both';

export interface CycleReport {
  cycle: number;
  target: KillTarget;
  killAfterMs: number;
  acknowledgedCreates: number;
  acknowledgedArchives: number;
  failedRequests: number;
}

export interface CrashReport {
  cycles: CycleReport[];
  acknowledgedCreates: number;
  acknowledgedArchives: number;
  missingCreates: string[];
  notArchived: string[];
  counterDifferences: Record<string, { counter: number; recount: number }>;
  javaLeftBehind: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const javaPidOf = (dataDir: string): number | undefined => {
  try {
    const raw = readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8');
    return Number((JSON.parse(raw) as { pid: number }).pid);
  } catch {
    return undefined;
  }
};

async function waitFor(what: string, check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

const isAlive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function signIn(url: string): Promise<string> {
  const { email, password } = DEMO_ACCOUNTS.seller;
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

const productBody = (n: number) =>
  JSON.stringify({
    name: { vi: `Sản phẩm thử va chạm ${n}`, en: `Crash test product ${n}` },
    description: { vi: 'Dùng cho thử nghiệm mất điện.', en: 'Used by the crash test.' },
    category: 'driedSeafood',
    unit: 'kg',
    price: 100_000 + n,
    stock: 10,
    originCommuneCode: '32248',
    status: 'active',
  });

/** One cycle: load with `inFlight` writers, kill `target` after `killAfterMs`, wait for the dust. */
async function loadAndKill(
  server: RunningServer,
  dataDir: string,
  token: string,
  target: KillTarget,
  killAfterMs: number,
  inFlight: number,
  acked: { created: Set<string>; archived: Set<string> },
  counter: { n: number },
): Promise<Omit<CycleReport, 'cycle' | 'target' | 'killAfterMs'>> {
  let stop = false;
  let creates = 0;
  let archives = 0;
  let failed = 0;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // Archive candidates: every acknowledged, not yet archived product, from earlier cycles too.
  const mine: string[] = [...acked.created].filter((id) => !acked.archived.has(id));
  const writer = async () => {
    while (!stop) {
      try {
        const n = ++counter.n;
        if (n % 3 === 0 && mine.length) {
          const id = mine.splice(Math.floor(Math.random() * mine.length), 1)[0] as string;
          const res = await fetch(`${server.url}/api/seller/products/${id}/archive`, {
            method: 'POST',
            headers,
          });
          if (res.status === 200) {
            acked.archived.add(id);
            archives += 1;
          } else failed += 1;
          await res.arrayBuffer();
          continue;
        }
        const res = await fetch(`${server.url}/api/seller/products`, {
          method: 'POST',
          headers,
          body: productBody(n),
        });
        if (res.status === 201) {
          const { product } = (await res.json()) as { product: { id: string } };
          acked.created.add(product.id);
          mine.push(product.id);
          creates += 1;
          firstAck();
        } else {
          failed += 1;
          await res.arrayBuffer();
        }
      } catch {
        failed += 1; // connection cut by the kill: not acknowledged
        await sleep(20);
      }
    }
  };
  // The random moment counts from the first acknowledged write: the first requests of a fresh
  // host are slow (module loading), and a kill then would test little.
  let firstAck: () => void = () => undefined;
  const warm = new Promise<void>((res) => {
    firstAck = res;
  });
  const writers = Array.from({ length: inFlight }, writer);
  await Promise.race([warm, sleep(10_000)]);
  await sleep(killAfterMs);
  const nodePid = server.process.pid;
  const javaPid = javaPidOf(dataDir);
  if (!nodePid || !javaPid) throw new Error('no pids to kill');
  // Writes from here on race the kill: whatever they get is counted as it comes, none is retried.
  stop = true;
  if (target === 'node' || target === 'both') process.kill(nodePid, 'SIGKILL');
  if (target === 'java' || target === 'both') process.kill(javaPid, 'SIGKILL');
  // Killed alone, Java takes the host down with it; node killed alone, the watchdog ends Java.
  await waitFor(
    'the host process to end',
    () => server.process.exitCode !== null || server.process.signalCode !== null,
    15_000,
  );
  await waitFor('DynamoDB Local to end', () => !isAlive(javaPid), 10_000);
  await Promise.all(writers);
  return { acknowledgedCreates: creates, acknowledgedArchives: archives, failedRequests: failed };
}

/** Table recount vs the stream-fed counters, and the acknowledged writes, on a running host. */
async function verify(
  server: RunningServer,
  dataDir: string,
  token: string,
  acked: { created: Set<string>; archived: Set<string> },
) {
  const { endpoint, tableName } = JSON.parse(
    readFileSync(join(dataDir, 'local-host.json'), 'utf8'),
  ) as { endpoint: string; tableName: string };
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const recount = async () => {
    const counts: Record<string, number> = {};
    const products = new Map<string, string>();
    for await (const page of paginateScan({ client }, { TableName: tableName })) {
      for (const item of page.Items ?? []) {
        const entity = item.entity?.S;
        if (!entity || entity === 'system' || entity === 'streamMarker') continue;
        counts[entity] = (counts[entity] ?? 0) + 1;
        if (entity === 'product' && item.id?.S) products.set(item.id.S, item.status?.S ?? '');
      }
    }
    return { counts, products };
  };
  /** The stream-fed counters, read from their item (the health route shows them to officers). */
  const health = async (): Promise<Record<string, number>> => {
    const out = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'SYSTEM#entityCounts' }, sk: { S: 'SYSTEM' } },
        ConsistentRead: true,
      }),
    );
    const counts = out.Item?.counts?.M ?? {};
    return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v.N ?? 0)]));
  };
  const differences = (counts: Record<string, number>, entities: Record<string, number>) => {
    const out: Record<string, { counter: number; recount: number }> = {};
    for (const key of new Set([...Object.keys(counts), ...Object.keys(entities)])) {
      const counter = entities[key] ?? 0;
      const recount = counts[key] ?? 0;
      if (counter !== recount) out[key] = { counter, recount };
    }
    return out;
  };
  try {
    const { counts, products } = await recount();
    // The poller folds what the stream holds: wait until it has caught up, then once more after
    // a pause (a redelivered record counted twice would show up then).
    let diff = differences(counts, await health());
    const deadline = Date.now() + 20_000;
    while (Object.keys(diff).length && Date.now() < deadline) {
      await sleep(250);
      diff = differences(counts, await health());
    }
    await sleep(1_500);
    diff = differences(counts, await health());
    // The acknowledged writes also answer through the API, not only in the table.
    const apiMissing: string[] = [];
    for (const id of [...acked.created].slice(-5)) {
      const res = await fetch(`${server.url}/api/seller/products/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) apiMissing.push(id);
      await res.arrayBuffer();
    }
    return {
      missingCreates: [
        ...new Set([...[...acked.created].filter((id) => !products.has(id)), ...apiMissing]),
      ],
      notArchived: [...acked.archived].filter((id) => products.get(id) !== 'archived'),
      counterDifferences: diff,
    };
  } finally {
    client.destroy();
  }
}

export async function runCrashCycles(options: {
  dataDir: string;
  cycles: number;
  inFlight?: number;
  targets?: KillTarget[];
  /** Extra env for the host (the test's own check: UNSAFE_NO_DURABILITY_BARRIER=true must fail). */
  hostEnv?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<CrashReport> {
  const { dataDir, cycles } = options;
  const log = options.log ?? (() => undefined);
  const acked = { created: new Set<string>(), archived: new Set<string>() };
  const counter = { n: 0 };
  const reports: CycleReport[] = [];
  const all: KillTarget[] = ['both', 'node', 'java'];
  const env = { SKIP_WEB_BUILD: 'true', ...options.hostEnv };
  let server: RunningServer | undefined = await startServer(dataDir, undefined, env);
  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const target =
        options.targets?.[(cycle - 1) % options.targets.length] ??
        (all[Math.floor(Math.random() * all.length)] as KillTarget);
      const killAfterMs = 300 + Math.floor(Math.random() * 1_700);
      const token = await signIn(server.url);
      const result = await loadAndKill(
        server,
        dataDir,
        token,
        target,
        killAfterMs,
        options.inFlight ?? 2 + Math.floor(Math.random() * 7),
        acked,
        counter,
      );
      const report = { cycle, target, killAfterMs, ...result };
      reports.push(report);
      log(JSON.stringify(report));
      server = undefined;
      server = await startServer(dataDir, undefined, env);
      // Every cycle checks what was acknowledged so far survived (not only at the end).
      const partial = await verify(server, dataDir, token, acked);
      if (partial.missingCreates.length || partial.notArchived.length)
        log(`cycle ${cycle}: LOST ${JSON.stringify(partial)}`);
    }
    const token = await signIn(server.url);
    const final = await verify(server, dataDir, token, acked);
    await server.stop();
    server = undefined;
    return {
      cycles: reports,
      acknowledgedCreates: acked.created.size,
      acknowledgedArchives: acked.archived.size,
      ...final,
      javaLeftBehind: dynamoDbLocalsOf(dataDir),
    };
  } finally {
    // A failed run must not leave its host (and Java) running.
    if (server && server.process.exitCode === null && server.process.signalCode === null)
      await server.stop();
  }
}

/** Every DynamoDB Local process serving this DATA_DIR (there should be none after a stop). */
export function dynamoDbLocalsOf(dataDir: string): number[] {
  const out = spawnSync('ps', ['-eo', 'pid='], { encoding: 'utf8' }).stdout ?? '';
  return out
    .split('\n')
    .map(Number)
    .filter((pid) => pid > 0 && isDynamoDbLocalOf(pid, join(dataDir, 'dynamodb')));
}
