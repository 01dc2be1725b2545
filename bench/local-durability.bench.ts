import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../infra/local/seed-accounts';
import { type RunningServer, startServer } from '../test/helpers/local-server';
import type { BenchModule } from './harness';

/**
 * The cost of the local host's durability barrier (infra/local/durable-proxy.ts): product
 * creations per second through a real `npm start`, against the same host with the barrier off
 * (UNSAFE_NO_DURABILITY_BARRIER=true), both running at once on their own DATA_DIR, measured in
 * alternating rounds so machine drift hits both alike. The orders/payments benchmarks do not exist
 * yet; when they do, the same comparison belongs there.
 */
const productBody = (n: number) =>
  JSON.stringify({
    name: { vi: `Sản phẩm đo ${n}`, en: `Bench product ${n}` },
    description: { vi: 'Đo tốc độ ghi.', en: 'Write speed benchmark.' },
    category: 'driedSeafood',
    unit: 'kg',
    price: 100_000 + n,
    stock: 10,
    originCommuneCode: '32248',
    status: 'active',
  });

async function token(url: string): Promise<string> {
  const { email, password } = DEMO_ACCOUNTS.seller;
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: email, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** `count` creations with `inFlight` at a time; creations per second. */
async function round(url: string, bearer: string, count: number, inFlight: number) {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const res = await fetch(`${url}/api/seller/products`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: productBody(n),
      });
      if (res.status !== 201) throw new Error(`creation answered ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (count / (performance.now() - start)) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const bench: BenchModule = {
  description:
    'product creations/s through npm start with the durability barrier vs. the same host without it',
  async run(args) {
    const perRound = Number(args[0] ?? 60);
    const rounds = Number(args[1] ?? 5);
    const inFlight = Number(args[2] ?? 4);
    const dirs = [
      mkdtempSync(join(tmpdir(), 'bench-durable-')),
      mkdtempSync(join(tmpdir(), 'bench-plain-')),
    ];
    const env = { SKIP_WEB_BUILD: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' };
    let durable: RunningServer | undefined;
    let plain: RunningServer | undefined;
    try {
      durable = await startServer(dirs[0] as string, undefined, env);
      plain = await startServer(dirs[1] as string, undefined, {
        ...env,
        UNSAFE_NO_DURABILITY_BARRIER: 'true',
      });
      const [tDurable, tPlain] = [await token(durable.url), await token(plain.url)];
      // Warm-up round each (JIT, connections, first table pages).
      await round(durable.url, tDurable, 10, inFlight);
      await round(plain.url, tPlain, 10, inFlight);
      const withBarrier: number[] = [];
      const without: number[] = [];
      for (let i = 0; i < rounds; i++) {
        withBarrier.push(await round(durable.url, tDurable, perRound, inFlight));
        without.push(await round(plain.url, tPlain, perRound, inFlight));
      }
      return [
        {
          figure: `product creations, ${inFlight} in flight (median of ${rounds} rounds of ${perRound})`,
          unit: 'ops/s',
          value: median(withBarrier),
          baselineName: 'same host, no barrier',
          baseline: median(without),
          higherIsBetter: true,
          goal: { ratio: 0.7, comparison: 'atLeast' },
        },
      ];
    } finally {
      await durable?.stop();
      await plain?.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
