import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '../../shared/config';
import { db } from '../../shared/db/client';
import { putInputVersions } from '../../shared/db/inputs';
import { systemKey } from '../../shared/db/keys';
import { ledgerKey, ledgerPut, listLedgerMonth } from '../../shared/db/ledger';
import { seedOnce } from '../../shared/db/seed';
import { cellKey, laneFrontierKey, sellerSumKey } from '../../shared/db/stats';
import { AppError } from '../../shared/errors';
import { province } from '../../shared/geo/communes';
import { type LedgerEntry, localDateOf } from '../../shared/ledger/entry';
import { foldEntries, monthsOfPeriod, padSequence } from '../../shared/stats/cells';
import { type InputVersion, identityOf } from '../../shared/stats/inputs';
import { HISTORY_SELLERS_VERSION, historySellers } from './seed-history-data';
import {
  DEMO_REFERENCE_PREFIX,
  type DemoInput,
  demoInputs,
  generateHistory,
} from './seed-history-generator';

/**
 * Writes the demo history once: a year of ledger entries (infra/local/seed-history-generator.ts),
 * the extra demo sellers they belong to and the demo officer inputs. The stream consumer folds the
 * entries into the statistics cells like any others (the local poller runs during the seed), so
 * the cells are what `npm run stats:rebuild` recomputes.
 *
 * Once: a marker item `SYSTEM#seed#history` is put first with the day the history ends before,
 * then everything is written, then the marker says `done`. A start that finds `done` does nothing;
 * one that finds `writing` (a crash mid-way) writes the same history again from the stored day:
 * ledger entries and inputs already there are left alone (conditional puts), so nothing is
 * folded twice. Entries go in transactions of 100 conditional puts (see
 * `appendAll` for why not BatchWriteItem).
 */
export const HISTORY_MARKER = systemKey('seed#history');
/** Who the demo inputs say entered them. */
export const DEMO_INPUT_AUTHOR = 'demo-seed';

export interface SeedHistoryResult {
  wrote: boolean;
  /** The local date the history ends before. */
  today: string;
  entries: number;
  /** Statistics items written by the seed itself (0: left to the stream consumer). */
  statsItems: number;
  inputs: number;
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Appends items (each a TransactWriteItems `Put` with its own condition, as `ledgerPut` makes
 * them) in transactions of 100, `concurrency` in flight. An item whose condition fails is there
 * already (a rerun after a crash) and is dropped; the rest of its chunk is sent again. Other
 * cancellations (conflicts, throttling) are retried with backoff.
 *
 * Why not BatchWriteItem: on DynamoDB Local a transaction of 100 puts is one SQLite commit, while
 * BatchWriteItem commits item by item; measured on the shared 2-core machine, 100 items took
 * 0.35 s in one transaction against 2.4–4.3 s in four BatchWriteItem calls.
 */
export async function appendAll(
  puts: ReadonlyArray<{ Put: Record<string, unknown> }>,
  concurrency = 2,
): Promise<{ written: number; present: number }> {
  const { doc } = db();
  const chunks: Array<Array<{ Put: Record<string, unknown> }>> = [];
  for (let i = 0; i < puts.length; i += 100) chunks.push(puts.slice(i, i + 100));
  let next = 0;
  let written = 0;
  let present = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending = chunks[next++] ?? [];
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 10) throw new Error('A seed transaction kept being cancelled');
        if (attempt > 0) await sleep(Math.min(50 * 2 ** attempt, 2_000));
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: pending as never }));
          written += pending.length;
          pending = [];
        } catch (err) {
          if (!(err instanceof TransactionCanceledException)) throw err;
          const reasons = err.CancellationReasons ?? [];
          const exists = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
          present += pending.filter((_, i) => exists(i)).length;
          pending = pending.filter((_, i) => !exists(i));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return { written, present };
}

/**
 * True when the months hold no ledger entry but demo ones (none at all on a fresh DATA_DIR; some
 * after a first start stopped midway). Paged Queries: at most the year of demo entries is read.
 */
async function ledgerOnlyDemo(months: readonly string[]): Promise<boolean> {
  for (const month of months) {
    let cursor: string | undefined;
    do {
      const page = await listLedgerMonth(month, { cursor, limit: 1000 });
      if (page.items.some((e) => !e.reference.id.startsWith(DEMO_REFERENCE_PREFIX))) return false;
      cursor = page.nextCursor;
    } while (cursor);
  }
  return true;
}

/**
 * The stream sequence number (padded) of the last of `entries` per lane (ledger partition), read
 * from the table's stream from its oldest record; undefined when not every entry is seen there
 * within `timeoutMs`.
 */
export async function ledgerWatermarks(
  entries: readonly LedgerEntry[],
  timeoutMs = 20_000,
): Promise<Map<string, string> | undefined> {
  const { DYNAMODB_ENDPOINT, AWS_REGION, TABLE_NAME } = getConfig();
  const common = {
    region: AWS_REGION,
    ...(DYNAMODB_ENDPOINT
      ? {
          endpoint: DYNAMODB_ENDPOINT,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  };
  const streams = new DynamoDBStreamsClient(common);
  try {
    const table = await db().raw.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) return undefined;
    const wanted = new Set(entries.map((e) => `${ledgerKey(e).pk}|${ledgerKey(e).sk}`));
    const marks = new Map<string, string>();
    const iterators = new Map<string, string | undefined>();
    const deadline = Date.now() + timeoutMs;
    while (wanted.size > 0 && Date.now() < deadline) {
      const described = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
      let progressed = false;
      for (const shard of described.StreamDescription?.Shards ?? []) {
        const id = shard.ShardId ?? '';
        if (iterators.has(id) && iterators.get(id) === undefined) continue; // closed and read
        let iterator = iterators.get(id);
        if (!iterator) {
          const out = await streams.send(
            new GetShardIteratorCommand({
              StreamArn: arn,
              ShardId: id,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          );
          iterator = out.ShardIterator;
        }
        while (iterator) {
          const page = await streams.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
          );
          iterator = page.NextShardIterator;
          const records = page.Records ?? [];
          for (const r of records) {
            const pk = r.dynamodb?.Keys?.pk?.S ?? '';
            const sk = r.dynamodb?.Keys?.sk?.S ?? '';
            const seq = r.dynamodb?.SequenceNumber;
            if (r.eventName !== 'INSERT' || !seq || !wanted.delete(`${pk}|${sk}`)) continue;
            const padded = padSequence(seq);
            if ((marks.get(pk) ?? '') < padded) marks.set(pk, padded);
          }
          if (records.length === 0) break; // caught up with this shard for now
          progressed = true;
        }
        iterators.set(id, iterator);
      }
      if (!progressed && wanted.size > 0) await sleep(100);
    }
    return wanted.size === 0 ? marks : undefined;
  } finally {
    streams.destroy();
  }
}

/**
 * The statistics items of `entries`, whole, in the layout of shared/db/stats.ts (the same sums the
 * stream consumer and the rebuild compute, with the real fold code), each with the watermark of
 * every lane of its period: the consumer then finds every one of these records already folded
 * and adds nothing, whether it reaches them before or after these puts (a put replaces what it
 * had added by then).
 */
export function statsItems(
  entries: readonly LedgerEntry[],
  watermarks: ReadonlyMap<string, string>,
  provinceCode: string,
): Record<string, unknown>[] {
  const folded = foldEntries(entries, provinceCode);
  const marksOf = (period: string) => {
    const out: Record<string, string> = {};
    for (const month of monthsOfPeriod(period)) {
      const mark = watermarks.get(`LEDGER#${month}`);
      if (mark) out[`wm_${month}`] = mark;
    }
    return out;
  };
  const nonZero = (d: Record<string, number>, suffix = '') =>
    Object.fromEntries(
      Object.entries(d)
        .filter(([, v]) => v !== 0)
        .map(([k, v]) => [`${k}${suffix}`, v]),
    );
  const items = new Map<string, Record<string, unknown>>();
  for (const c of folded.cells.values()) {
    const key = cellKey(c.id);
    items.set(`${key.pk}|${key.sk}`, {
      ...key,
      entity: 'statsCell',
      ...c.id,
      ...nonZero(c.delta),
      ...marksOf(c.id.period),
    });
  }
  for (const s of folded.sellers.values()) {
    const key = sellerSumKey(s.id, s.sellerId);
    const k = `${key.pk}|${key.sk}`;
    const item = items.get(k) ?? {
      ...key,
      entity: 'statsSellerSums',
      ...s.id,
      shard: key.sk.slice(key.sk.lastIndexOf('#') + 1),
      ...marksOf(s.id.period),
    };
    Object.assign(item, nonZero(s.delta, `@${s.sellerId}`));
    items.set(k, item);
  }
  return [...items.values()];
}

/** Adds each input as version 1 unless the key has a version already (an officer's, or a rerun). */
async function putDemoInputs(inputs: readonly DemoInput[], now: Date): Promise<number> {
  const versions = inputs.map(({ body, source }) => ({
    input: {
      ...identityOf(body),
      value: body.value as Record<string, number>,
      source,
      enteredBy: DEMO_INPUT_AUTHOR,
      enteredAt: now.toISOString(),
      demo: true,
    } satisfies Omit<InputVersion, 'version'>,
    expectedVersion: 0,
  }));
  let written = 0;
  for (let i = 0; i < versions.length; i += 100) {
    const chunk = versions.slice(i, i + 100);
    try {
      written += (await putInputVersions(chunk)).length;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'statsInput.versionConflict')) throw err;
      for (const one of chunk) {
        try {
          written += (await putInputVersions([one])).length;
        } catch (inner) {
          if (!(inner instanceof AppError && inner.code === 'statsInput.versionConflict'))
            throw inner;
        }
      }
    }
  }
  return written;
}

/** Seeds the history once (infra/local/seed.ts calls it unless SEED_HISTORY=false). */
export async function seedHistory(
  now = new Date(),
  options: {
    /** Called once when the history is about to be written (not when it is there already). */
    onWrite?: () => void;
  } = {},
): Promise<SeedHistoryResult> {
  const started = Date.now();
  const { doc, tableName } = db();
  const read = async () =>
    (
      await doc.send(
        new GetCommand({ TableName: tableName, Key: HISTORY_MARKER, ConsistentRead: true }),
      )
    ).Item as { status?: string; today?: string; entries?: number } | undefined;
  let marker = await read();
  if (marker?.status === 'done')
    return {
      wrote: false,
      today: String(marker.today),
      entries: 0,
      statsItems: 0,
      inputs: 0,
      ms: Date.now() - started,
    };
  options.onWrite?.();
  if (!marker) {
    const fresh = { status: 'writing', today: localDateOf(now), startedAt: now.toISOString() };
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...HISTORY_MARKER, entity: 'system', ...fresh },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      marker = fresh;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      marker = await read();
    }
  }
  const today = String(marker?.today ?? localDateOf(now));
  await seedOnce(HISTORY_SELLERS_VERSION, historySellers, [], now);
  const entries = generateHistory({ today });
  // Folded here, at once, only into a ledger with no real entry in those years (a fresh DATA_DIR,
  // or one whose first start stopped midway: the host listens only once the seed is done, so
  // nothing but demo entries can be there): the items then hold every entry of their periods,
  // whatever the consumer folded meanwhile. Otherwise (older data) the stream consumer folds the
  // entries like any others, which takes minutes for a year of them.
  const years = [...new Set(entries.map((e) => e.localDate.slice(0, 4)))];
  const fresh =
    marker?.status === 'writing' &&
    (await ledgerOnlyDemo(years.flatMap((y) => monthsOfPeriod(`Y${y}`))));
  await appendAll(entries.map(ledgerPut));
  const watermarks = fresh ? await ledgerWatermarks(entries) : undefined;
  let statsWritten = 0;
  if (watermarks) {
    const items = statsItems(entries, watermarks, province.code);
    statsWritten = (await appendAll(items.map((Item) => ({ Put: { TableName: tableName, Item } }))))
      .written;
    // Only now that every item is whole: the consumer may skip these lanes' demo records outright.
    await appendAll(
      [...watermarks].map(([lane, foldedThrough]) => ({
        Put: {
          TableName: tableName,
          Item: { ...laneFrontierKey(lane), entity: 'system', foldedThrough },
        },
      })),
    );
  }
  const inputs = await putDemoInputs(demoInputs(today), now);
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: HISTORY_MARKER,
      UpdateExpression: 'SET #s = :done, entries = :n, doneAt = :at',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':done': 'done',
        ':n': entries.length,
        ':at': now.toISOString(),
      },
    }),
  );
  return {
    wrote: true,
    today,
    entries: entries.length,
    statsItems: statsWritten,
    inputs,
    ms: Date.now() - started,
  };
}
