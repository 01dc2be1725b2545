/**
 * Indicators query cost against ledger volume: the median time of GET /api/stats/indicators'
 * work (shared/stats/query.ts: cells, seller-sum shards, inputs, monthly series) for a year, a month
 * and a commune, with 100 000 ledger entries folded against the same queries with 1 000, in the
 * same run on the same table (the volumes in two different years). The queries read cells, never the ledger, so
 * the goal is ≤ 1.5× — cost follows the cells asked for, not the sales.
 *
 *   npm run bench -- stats [large=100000] [small=1000] [samples=30]
 *
 * Entries: 60 sellers in 10 communes and 4 sectors, both channels, VietQR and cash, spread over the
 * first quarter of the year (folded through foldLedgerBatch in large batches: the same items the stream
 * consumer writes, fewer round trips).
 */
import { randomUUID } from 'node:crypto';
import { createLocalTables, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import type { LedgerEntry } from '../shared/ledger/entry';
import { type BenchModule, type Comparison, percentile } from './harness';

const COMMUNES = [
  '31825',
  '31840',
  '31843',
  '31849',
  '31852',
  '31855',
  '31864',
  '31867',
  '31870',
  '31873',
];
const SECTORS = ['4781', '1020', '5510', '0321'];

function entries(count: number, year: number): LedgerEntry[] {
  let s = 11;
  const rnd = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const start = Date.UTC(year, 0, 1);
  const span = 90 * 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const seller = Math.floor(rnd() * 60);
    const at = new Date(start + Math.floor((i / count) * span));
    const amount = 10_000 * (1 + Math.floor(rnd() * 50));
    const local = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    return {
      id: `sale:order:S${year}-${i}`,
      kind: 'sale',
      amount,
      goodsAmount: amount,
      servicesAmount: 0,
      deliveryFee: 0,
      channel: rnd() < 0.6 ? 'online' : 'offline',
      method: rnd() < 0.7 ? 'vietqr' : 'cash',
      sellerId: `sl-${seller}`,
      seller: {
        communeCode: COMMUNES[seller % COMMUNES.length] as string,
        sectorCode: SECTORS[seller % SECTORS.length] as string,
        classification: 'VSIC2025',
      },
      occurredAt: at.toISOString(),
      localDate: local,
      reference: { type: 'order', id: `S${year}-${i}` },
      recordedAt: at.toISOString(),
    } satisfies LedgerEntry;
  });
}

const bench: BenchModule = {
  description: 'indicators query at 100 000 ledger entries vs at 1 000 (cells only, same run)',
  async run(args) {
    const large = Number(args[0] ?? 100_000);
    const small = Number(args[1] ?? 1_000);
    const samples = Number(args[2] ?? 30);
    const dynamo = await startDynamoDbLocal();
    try {
      Object.assign(process.env, {
        TABLE_NAME: `bench-stats-${randomUUID()}`,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        AWS_REGION: 'ap-southeast-1',
        HOST_KIND: 'local',
        POWERTOOLS_LOG_LEVEL: 'CRITICAL',
        SIGNING_SECRET: 'bench-signing-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      });
      const { foldLedgerBatch } = await import('../shared/db/stats');
      const { putInputVersions } = await import('../shared/db/inputs');
      const { indicatorsFor } = await import('../shared/stats/query');
      const { padSequence } = await import('../shared/stats/cells');
      // One table; the small volume is folded into 2033 and the large into 2034, and the same
      // queries are asked of each year (two tables measured unevenly in DynamoDB Local).
      await createLocalTables(dynamo.endpoint, process.env.TABLE_NAME ?? '');
      const years = { small: 2033, large: 2034 } as const;
      const load: Record<string, number> = {};
      let seq = 1;
      for (const [which, count] of [
        ['small', small],
        ['large', large],
      ] as const) {
        const year = years[which];
        const t = performance.now();
        const list = entries(count, year);
        for (let i = 0; i < list.length; i += 10_000) {
          await foldLedgerBatch(
            list.slice(i, i + 10_000).map((entry) => ({
              lane: `LEDGER#${entry.localDate.slice(0, 7)}`,
              sequence: padSequence(String(seq++)),
              entry,
            })),
            '96',
            32,
          );
        }
        const input = (
          kind: 'tmbl' | 'enterprises',
          key: string,
          value: Record<string, number>,
        ) => ({
          input: {
            kind,
            year,
            key,
            value,
            source: { type: 'estimate' as const },
            enteredBy: 'bench',
            enteredAt: new Date().toISOString(),
          },
          expectedVersion: 0,
        });
        await putInputVersions([
          input('tmbl', `Y${year}|P96`, { total: 9e12, goods: 6e12 }),
          input('tmbl', `M${year}-02|P96`, { total: 7e11, goods: 5e11 }),
          input('enterprises', `${year}|P96`, {
            enterprises: 900,
            cooperatives: 120,
            householdBusinesses: 9000,
          }),
        ]);
        load[which] = performance.now() - t;
      }
      const queries = (year: number) => [
        { period: `Y${year}`, area: 'P96', sector: '*' },
        { period: `M${year}-02`, area: 'P96', sector: '*' },
        { period: `Q${year}-1`, area: 'C31840', sector: '10' },
      ];
      const times: Record<string, number[]> = { small: [], large: [] };
      for (const which of ['small', 'large'] as const)
        for (const q of queries(years[which])) await indicatorsFor(q, '96');
      for (let i = 0; i < samples; i++) {
        const order = i % 2 ? (['large', 'small'] as const) : (['small', 'large'] as const);
        for (const which of order) {
          const t = performance.now();
          for (const q of queries(years[which])) await indicatorsFor(q, '96');
          times[which]?.push(performance.now() - t);
        }
      }
      console.log(
        `folded ${small} entries in ${Math.round(load.small ?? 0)} ms, ${large} in ${Math.round(load.large ?? 0)} ms`,
      );
      const out: Comparison[] = [
        {
          figure: `3 indicator queries, p50, ${large} entries`,
          unit: 'ms',
          value: percentile(times.large ?? [], 50),
          baselineName: `${small} entries`,
          baseline: percentile(times.small ?? [], 50),
          higherIsBetter: false,
          goal: { ratio: 1.5, comparison: 'atMost' },
        },
        {
          figure: `3 indicator queries, p95, ${large} entries`,
          unit: 'ms',
          value: percentile(times.large ?? [], 95),
          baselineName: `${small} entries`,
          baseline: percentile(times.small ?? [], 95),
          higherIsBetter: false,
        },
      ];
      return out;
    } finally {
      await dynamo.stop();
    }
  },
};
export default bench;
