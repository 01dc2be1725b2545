/**
 * Statistics fold throughput: ledger entries folded per second by the batch design
 * (shared/db/stats.ts: a stream batch summed per cell in memory, each cell written once under its
 * per-lane watermark) against the simplest exactly-once design, measured in the same run on the
 * same DynamoDB Local: one TransactWriteItems per entry (a marker Put on attribute_not_exists plus
 * an ADD Update of each of the entry's 16 cells and 16 per-seller items).
 *
 *   npm run bench -- stats-fold [entries=2000] [batchSize=100]
 *
 * Entries: 40 sellers in 8 communes, 3 sectors, both channels, VietQR and cash, one every 40 s
 * in time order (a stream batch holds what was written within a second or so: the same day).
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalTables, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import type { LedgerEntry } from '../shared/ledger/entry';
import type { BenchModule, Comparison } from './harness';

function entries(count: number, offset: number): LedgerEntry[] {
  let s = 7 + offset;
  const rnd = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const communes = ['31825', '31840', '31843', '31849', '31852', '31855', '31864', '31867'];
  const sectors = ['4781', '1020', '5510'];
  return Array.from({ length: count }, (_, i) => {
    const seller = Math.floor(rnd() * 40);
    const at = new Date(Date.UTC(2032, 2, 1 + offset, 0, 0, 0) + i * 40_000);
    const amount = 10_000 * (1 + Math.floor(rnd() * 50));
    return {
      id: `sale:order:B${offset}-${i}`,
      kind: 'sale',
      amount,
      goodsAmount: amount,
      servicesAmount: 0,
      deliveryFee: 0,
      channel: rnd() < 0.6 ? 'online' : 'offline',
      method: rnd() < 0.7 ? 'vietqr' : 'cash',
      sellerId: `sl-${seller}`,
      seller: {
        communeCode: communes[seller % communes.length] as string,
        sectorCode: sectors[seller % sectors.length] as string,
        classification: 'VSIC2025',
      },
      occurredAt: at.toISOString(),
      localDate: at.toISOString().slice(0, 10),
      reference: { type: 'order', id: `B${offset}-${i}` },
      recordedAt: at.toISOString(),
    } satisfies LedgerEntry;
  });
}

const bench: BenchModule = {
  description:
    'ledger entries folded per second: batch (sum per cell, one write per cell, watermark) vs one transaction per entry',
  async run(args) {
    const count = Number(args[0] ?? 2000);
    const batchSize = Number(args[1] ?? 100);
    const dynamo = await startDynamoDbLocal();
    try {
      const tableName = `bench-stats-fold-${randomUUID()}`;
      Object.assign(process.env, {
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        AWS_REGION: 'ap-southeast-1',
        HOST_KIND: 'local',
        POWERTOOLS_LOG_LEVEL: 'CRITICAL',
        SIGNING_SECRET: 'bench-signing-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      });
      await createLocalTables(dynamo.endpoint, tableName);
      const { db } = await import('../shared/db/client');
      const { foldLedgerBatch, cellKey, sellerSumKey } = await import('../shared/db/stats');
      const { cellDelta, cellsOf, sellerDelta, padSequence } = await import(
        '../shared/stats/cells'
      );
      const P = '96';

      // Baseline: one transaction per entry (marker + 32 ADD updates).
      const perEntry = async (list: LedgerEntry[]) => {
        const { doc } = db();
        for (const e of list) {
          const add = (key: { pk: string; sk: string }, delta: Record<string, number>) => {
            const names: Record<string, string> = {};
            const values: Record<string, number> = {};
            const parts = Object.entries(delta).map(([k, v], i) => {
              names[`#m${i}`] = k;
              values[`:m${i}`] = v;
              return `#m${i} :m${i}`;
            });
            return {
              Update: {
                TableName: tableName,
                Key: key,
                UpdateExpression: `ADD ${parts.join(', ')}`,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            };
          };
          const cd = cellDelta(e);
          const sd = sellerDelta(e);
          const items = cellsOf(e, P).flatMap((c) => [
            add(cellKey(c), cd),
            add(sellerSumKey(c, e.sellerId), sd),
          ]);
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName,
                    Item: { pk: `BENCHMARK#${e.id}`, sk: 'M' },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                ...items,
              ],
            }),
          );
        }
      };
      let seq = 1;
      let itemsWritten = 0;
      let entriesFolded = 0;
      const batched = async (list: LedgerEntry[]) => {
        for (let i = 0; i < list.length; i += batchSize) {
          const batch = list.slice(i, i + batchSize).map((entry) => ({
            lane: `LEDGER#${entry.localDate.slice(0, 7)}`,
            sequence: padSequence(String(seq++)),
            entry,
          }));
          itemsWritten += await foldLedgerBatch(batch, P);
          entriesFolded += batch.length;
        }
      };
      // Warm-up of both paths, then alternate rounds so machine drift hits both alike.
      await perEntry(entries(20, 900));
      await batched(entries(20, 901));
      const baselineRates: number[] = [];
      const batchRates: number[] = [];
      const base = Math.max(100, Math.floor(count / 10));
      for (let round = 0; round < 2; round++) {
        let t = performance.now();
        await perEntry(entries(base / 2, round * 2));
        baselineRates.push((base / 2 / (performance.now() - t)) * 1000);
        t = performance.now();
        await batched(entries(count / 2, round * 2 + 1));
        batchRates.push((count / 2 / (performance.now() - t)) * 1000);
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const out: Comparison[] = [
        {
          figure: `entries folded per second (batches of ${batchSize})`,
          unit: 'entries/s',
          value: mean(batchRates),
          baselineName: 'one transaction per entry',
          baseline: mean(baselineRates),
          higherIsBetter: true,
          goal: { ratio: 3, comparison: 'atLeast' },
        },
        {
          // On AWS a transactional write costs 2 WCU per item (1 KB); a plain update 1 WCU per KB.
          figure: 'item writes per entry (transactional counted twice)',
          unit: 'writes',
          value: itemsWritten / entriesFolded,
          baselineName: 'one transaction per entry',
          baseline: 2 * 33,
          higherIsBetter: false,
          goal: { ratio: 0.2, comparison: 'atMost' },
        },
      ];
      return out;
    } finally {
      await dynamo.stop();
    }
  },
};
export default bench;
