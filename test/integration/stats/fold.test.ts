import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/streams/on-table-change';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { StreamPoller } from '../../../infra/local/stream-poller';
import { db } from '../../../shared/db/client';
import { ledgerKey, ledgerPut } from '../../../shared/db/ledger';
import { getCell, laneFrontierKey, listSellerSums, sellerShard } from '../../../shared/db/stats';
import { province } from '../../../shared/geo/communes';
import { type LedgerCause, type LedgerEntry, ledgerEntry } from '../../../shared/ledger/entry';
import { measureOf, padSequence } from '../../../shared/stats/cells';
import { rebuildStats } from '../../../shared/stats/rebuild';

/**
 * Exactly-once folding of ledger entries into statistics cells against DynamoDB Local: redelivered
 * batches, a batch that fails half-way (some cells written, some not) and is retried from its
 * first ledger record, two shards folding into the same quarter and year cells at once, and the
 * real Streams API through the local poller. At the end the rebuild from the ledger finds no
 * difference.
 */
const P = province.code;
let seq = 1_000_000;
let n = 0;

function cause(over: Partial<LedgerCause> & { id?: string } = {}): LedgerCause {
  n++;
  return {
    kind: 'sale',
    goodsAmount: 100_000,
    servicesAmount: 0,
    deliveryFee: 15_000,
    channel: 'online',
    method: 'vietqr',
    sellerId: 'seller-a',
    seller: { communeCode: '31825', sectorCode: '4781', classification: 'VSIC2025' },
    occurredAt: new Date('2031-03-10T05:00:00Z'),
    reference: { type: 'order', id: over.id ?? `FOLD${n}` },
    recordedAt: new Date('2031-03-10T05:00:00Z'),
    ...over,
  };
}

/** Writes entries to the ledger the way orders do, and the stream records they produce. */
async function write(entries: LedgerEntry[]): Promise<DynamoDBRecord[]> {
  const { doc } = db();
  const records: DynamoDBRecord[] = [];
  for (const e of entries) {
    const put = ledgerPut(e);
    await doc.send(new TransactWriteCommand({ TransactItems: [put] }));
    records.push({
      eventID: `ev-${e.id}`,
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: String(++seq),
        ApproximateCreationDateTime: Math.floor(Date.parse(e.recordedAt) / 1000),
        // biome-ignore lint/suspicious/noExplicitAny: Lambda's AttributeValue type vs the SDK's
        NewImage: marshall(put.Put.Item, { removeUndefinedValues: true }) as any,
        Keys: marshall(ledgerKey(e)) as never,
      },
    });
  }
  return records;
}

const event = (records: DynamoDBRecord[]) => ({ Records: records }) as DynamoDBStreamEvent;

/** Fault injection on the real client: the first `times` writes whose key matches fail. */
function failWrites(match: (key: { pk: string; sk: string }) => boolean, times: number) {
  const { doc } = db();
  let left = times;
  const name = `fail-${Math.random()}`;
  doc.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Key?: { pk: string; sk: string } };
      if (input.Key && match(input.Key) && left > 0) {
        left--;
        throw new Error('injected: connection reset');
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => doc.middlewareStack.remove(name);
}

const provinceMonth = (period: string, sector = '*') => getCell({ period, area: `P${P}`, sector });

// DynamoDB Local on a busy 2-core machine: hundreds of conditional writes per test.
describe('statistics fold', { timeout: 180_000 }, () => {
  it('folds a batch once; redelivering it, whole or from the middle, adds nothing', async () => {
    const entries = [
      ledgerEntry(cause({ occurredAt: new Date('2031-01-05T03:00:00Z'), goodsAmount: 120_000 })),
      ledgerEntry(
        cause({
          occurredAt: new Date('2031-01-05T04:00:00Z'),
          goodsAmount: 0,
          servicesAmount: 300_000,
          method: 'cash',
          channel: 'offline',
          sellerId: 'seller-b',
          seller: { communeCode: '31840', sectorCode: '5510', classification: 'VSIC2025' },
        }),
      ),
    ];
    const cancel = ledgerEntry({
      ...cause({ occurredAt: new Date('2031-01-06T03:00:00Z'), goodsAmount: 120_000 }),
      kind: 'cancellation',
      reference: entries[0]?.reference as LedgerEntry['reference'],
    });
    const records = await write([...entries, cancel]);
    expect(await handler(event(records))).toEqual({ batchItemFailures: [] });
    expect(await handler(event(records))).toEqual({ batchItemFailures: [] });
    expect(await handler(event(records.slice(1)))).toEqual({ batchItemFailures: [] });

    const month = await provinceMonth('M2031-01');
    expect(measureOf(month?.measures, 'saleCount')).toBe(2);
    expect(measureOf(month?.measures, 'cancelCount')).toBe(1);
    expect(measureOf(month?.measures, 'gross')).toBe(420_000);
    expect(measureOf(month?.measures, 'net')).toBe(300_000);
    expect(measureOf(month?.measures, 'netGoods')).toBe(0);
    expect(measureOf(month?.measures, 'netServices')).toBe(300_000);
    expect(measureOf(month?.measures, 'net', { method: 'cashless' })).toBe(0);
    // the day of the cancellation has only the cancellation
    const day6 = await provinceMonth('D2031-01-06');
    expect(measureOf(day6?.measures, 'net')).toBe(-120_000);
    // sector 47 and the commune of seller a
    const retail = await getCell({ period: 'Y2031', area: 'C31825', sector: '47' });
    expect(measureOf(retail?.measures, 'saleCount')).toBe(1);
    const sellers = await listSellerSums('M2031-01', { area: `P${P}`, sector: '*' });
    expect(sellers.map((s) => [s.sellerId, s.measures.net ?? 0]).sort()).toEqual([
      ['seller-a', 0],
      ['seller-b', 300_000],
    ]);
  });

  it('a batch that fails half-way is retried from its first ledger record and folds each entry once', async () => {
    const entries = Array.from({ length: 12 }, (_, i) =>
      ledgerEntry(
        cause({
          occurredAt: new Date(`2031-02-${String(3 + (i % 5)).padStart(2, '0')}T02:00:00Z`),
          goodsAmount: 10_000 * (i + 1),
          sellerId: `seller-${i % 4}`,
          seller: {
            communeCode: i % 2 ? '31825' : '31840',
            sectorCode: i % 3 ? '4781' : '1020',
            classification: 'VSIC2025',
          },
          method: i % 3 ? 'vietqr' : 'cash',
        }),
      ),
    );
    const records = await write(entries);
    // Some items are written, some fail: the month cell of commune 31840 and a seller's sums.
    const restore = failWrites(
      (k) =>
        k.sk.startsWith('CELL#C31840') ||
        (k.pk.startsWith('STATSS#') && k.sk.endsWith(`#${sellerShard('seller-2')}`)),
      1_000,
    );
    const first = await handler(event(records));
    restore();
    expect(first.batchItemFailures).toEqual([
      { itemIdentifier: records[0]?.dynamodb?.SequenceNumber },
    ]);
    // The province cell was written on the failed attempt already.
    expect(measureOf((await provinceMonth('M2031-02'))?.measures, 'saleCount')).toBe(12);
    expect(await getCell({ period: 'M2031-02', area: 'C31840', sector: '*' })).toBeUndefined();

    // Lambda retries from the reported record; then a redelivery of the tail for good measure.
    expect(await handler(event(records))).toEqual({ batchItemFailures: [] });
    expect(await handler(event(records.slice(5)))).toEqual({ batchItemFailures: [] });

    const total = entries.reduce((s, e) => s + e.amount, 0);
    expect(measureOf((await provinceMonth('M2031-02'))?.measures, 'net')).toBe(total);
    const c40 = entries.filter((e) => e.seller.communeCode === '31840');
    const cell40 = await getCell({ period: 'M2031-02', area: 'C31840', sector: '*' });
    expect(measureOf(cell40?.measures, 'net')).toBe(c40.reduce((s, e) => s + e.amount, 0));
    expect(measureOf(cell40?.measures, 'saleCount')).toBe(c40.length);
  });

  it('two shards folding into the same quarter and year cells at once lose nothing', async () => {
    const a = Array.from({ length: 30 }, (_, i) =>
      ledgerEntry(cause({ occurredAt: new Date('2031-04-02T02:00:00Z'), goodsAmount: 1_000 + i })),
    );
    const b = Array.from({ length: 30 }, (_, i) =>
      ledgerEntry(cause({ occurredAt: new Date('2031-05-02T02:00:00Z'), goodsAmount: 2_000 + i })),
    );
    const [ra, rb] = [await write(a), await write(b)];
    // One invocation per shard at a time (as Lambda does), the two shards in parallel; then each
    // shard's batch is redelivered, whole and from the middle.
    const results = await Promise.all([handler(event(ra)), handler(event(rb))]);
    expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    await Promise.all([handler(event(ra.slice(10))), handler(event(rb))]);
    const sum = [...a, ...b].reduce((s, e) => s + e.amount, 0);
    expect(measureOf((await provinceMonth('Q2031-2'))?.measures, 'net')).toBe(sum);
    expect(measureOf((await provinceMonth('Q2031-2'))?.measures, 'saleCount')).toBe(60);
  });

  it('the real Streams API through the local poller folds every ledger entry once', {
    timeout: 120_000,
  }, async () => {
    const entries = Array.from({ length: 20 }, (_, i) =>
      ledgerEntry(
        cause({
          occurredAt: new Date(`2031-06-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`),
          goodsAmount: 5_000 * (i + 1),
          channel: i % 2 ? 'online' : 'offline',
          method: i % 5 ? 'vietqr' : 'cash',
        }),
      ),
    );
    const poller = new StreamPoller({
      endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
      region: 'ap-southeast-1',
      tableName: process.env.TABLE_NAME ?? '',
      handler,
      context: () => lambdaContext('stream'),
      batchSize: 7,
      retryAttempts: 5,
      pollIntervalMs: 50,
    });
    poller.start();
    await poller.idle();
    // A transient failure on some cells while the poller runs: its retries must fold them once.
    const restore = failWrites((k) => k.pk === 'STATS#M2031-06' && k.sk.includes('#47'), 3);
    await write(entries);
    await poller.idle();
    await poller.idle();
    await poller.stop();
    restore();
    const cell = await provinceMonth('M2031-06', '47');
    expect(measureOf(cell?.measures, 'net')).toBe(entries.reduce((s, e) => s + e.amount, 0));
    expect(measureOf(cell?.measures, 'saleCount', { channel: 'offline' })).toBe(10);
  });

  it('a lane fold frontier (written by the demo seed) drops the records it covers before any cell is read', async () => {
    const at = (day: string) => new Date(`2033-02-${day}T03:00:00Z`);
    const [covered, after] = [
      ledgerEntry(cause({ occurredAt: at('03'), goodsAmount: 70_000 })),
      ledgerEntry(cause({ occurredAt: at('04'), goodsAmount: 50_000 })),
    ];
    const records = await write([covered as LedgerEntry, after as LedgerEntry]);
    const lane = 'LEDGER#2033-02';
    const { doc, tableName } = db();
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...laneFrontierKey(lane),
          entity: 'system',
          foldedThrough: padSequence(String(records[0]?.dynamodb?.SequenceNumber)),
        },
      }),
    );
    expect(await handler(event(records))).toEqual({ batchItemFailures: [] });
    const month = await provinceMonth('M2033-02');
    // Only the record past the frontier was folded: the covered one is "already in" by contract.
    expect(measureOf(month?.measures, 'saleCount')).toBe(1);
    expect(measureOf(month?.measures, 'gross')).toBe(50_000);
    expect(await getCell({ period: 'D2033-02-03', area: `P${P}`, sector: '*' })).toBeUndefined();
    // Another lane, no frontier: folded as always.
    const other = await write([
      ledgerEntry(cause({ occurredAt: new Date('2033-03-01T03:00:00Z') })),
    ]);
    expect(await handler(event(other))).toEqual({ batchItemFailures: [] });
    expect(measureOf((await provinceMonth('M2033-03'))?.measures, 'saleCount')).toBe(1);
  });

  it('after all of the above, every stored item equals its recomputation from the ledger', async () => {
    const report = await rebuildStats({ from: '2031-01', to: '2031-12', provinceCode: P });
    expect(report.entries).toBe(3 + 12 + 60 + 20);
    expect(report.differences).toEqual([]);
  });
});
