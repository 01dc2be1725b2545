/**
 * Plumbing shared by the benchmarks that go through the local host (`npm start`'s embedded host on
 * DynamoDB Local): start it on a temp DATA_DIR and table, seed an approved seller and products,
 * drive clients at a fixed concurrency, and report "ours vs TransactWriteItems" rows.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Comparison } from './harness';
import { percentile } from './harness';

/** Each operation's time (ms) and the wall time of the whole run. */
export interface Timed {
  ms: number[];
  wallMs: number;
}

/** Runs `total` operations from `concurrency` clients; `one` gets the operation's index and its client's. */
export async function runClients(
  total: number,
  concurrency: number,
  one: (i: number, client: number) => Promise<void>,
): Promise<Timed> {
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t = performance.now();
        await one(i, client);
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms, wallMs: performance.now() - started };
}

/** Two halves of one side, measured apart, as one. */
export const joined = (a: Timed, b: Timed): Timed => ({
  ms: [...a.ms, ...b.ms],
  wallMs: a.wallMs + b.wallMs,
});

/**
 * Starts the local host on a free port, a fresh table `bench-<name>-…` and a temp DATA_DIR, with
 * `env` added to the process environment. `stop()` stops it and removes the DATA_DIR.
 */
export async function startBenchHost(name: string, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), `cho-so-bench-${name}-`));
  Object.assign(process.env, {
    TABLE_NAME: `bench-${name}-${randomUUID().slice(0, 8)}`,
    POWERTOOLS_LOG_LEVEL: 'WARN',
    HOST_KIND: 'local',
    ...env,
  });
  const { freePort } = await import('../infra/local/dynamodb-local');
  const { startLocalHost } = await import('../infra/local/host');
  const host = await startLocalHost({
    port: await freePort(),
    dataDir,
    webDir: resolve(import.meta.dirname, '..', 'web', 'dist'),
  });
  return {
    url: host.url,
    async stop() {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Puts an approved cooperative seller (pickup; `deliveryOptions` replaces that) and returns its id. */
export async function putBenchSeller(
  accountNumber: string,
  deliveryOptions: Record<string, unknown> = {
    pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
    cod: true,
  },
): Promise<string> {
  const { db } = await import('../shared/db/client');
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { sellerKey } = await import('../shared/db/keys');
  const { doc, tableName } = db();
  const now = new Date().toISOString();
  const sellerId = `sl-bench-${randomUUID()}`;
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...sellerKey(sellerId),
        entity: 'seller',
        id: sellerId,
        legalName: 'Hợp tác xã Đo tải',
        type: 'cooperative',
        taxCode: '2001234565',
        communeCode: '32248',
        sector: { code: '1020', classification: 'VSIC2025' },
        phone: '0912345678',
        bank: { bin: '970405', accountNumber, holderName: 'HTX DO TAI' },
        status: 'approved',
        deliveryOptions,
        createdAt: now,
        updatedAt: now,
        version: 1,
      },
    }),
  );
  return sellerId;
}

/** An active dried-shrimp product at 500 000 ₫/kg with plenty of stock (for insertMany). */
export function benchProduct(
  sellerId: string,
  id: string,
  name: string,
  priceTiers: Array<{ minQuantity: number; unitPrice: number }>,
  now: Date,
) {
  return {
    id,
    sellerId,
    name: { vi: name },
    description: { vi: '' },
    category: 'driedSeafood' as const,
    unit: 'kg' as const,
    price: 500_000,
    priceTiers,
    stock: 1_000_000,
    originCommuneCode: '32248',
    certifications: [],
    images: [],
    status: 'active' as const,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
}

/** A buyer with a random phone (so no phone's hold limit is reached). */
export const benchBuyer = () => ({
  name: 'Nguyễn Văn Đo',
  phone: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
});

/** Rate (goal ≥ 0.5× the baseline's), p50 and p95 of ours against the TransactWriteItems baseline. */
export function rateAndLatencyRows(
  ours: Timed,
  base: Timed,
  names: { figure: string; baselineName: string },
): Comparison[] {
  const rate = (t: Timed) => (t.ms.length / t.wallMs) * 1000;
  return [
    {
      figure: names.figure,
      unit: 'ops/s',
      value: rate(ours),
      baselineName: names.baselineName,
      baseline: rate(base),
      higherIsBetter: true,
      goal: { ratio: 0.5, comparison: 'atLeast' },
    },
    ...([50, 95] as const).map((p) => ({
      figure: `p${p} latency`,
      unit: 'ms',
      value: percentile(ours.ms, p),
      baselineName: `TransactWriteItems p${p}`,
      baseline: percentile(base.ms, p),
      higherIsBetter: false,
    })),
  ];
}
