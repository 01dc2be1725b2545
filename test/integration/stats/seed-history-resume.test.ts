import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { expect, it } from 'vitest';
import { handler } from '../../../functions/streams/on-table-change';
import { appendAll, HISTORY_MARKER, seedHistory } from '../../../infra/local/seed-history';
import { generateHistory } from '../../../infra/local/seed-history-generator';
import { db } from '../../../shared/db/client';
import { ledgerPut } from '../../../shared/db/ledger';
import { laneFrontierKey } from '../../../shared/db/stats';
import { province } from '../../../shared/geo/communes';
import { rebuildStats } from '../../../shared/stats/rebuild';
import { ledgerStreamRecords } from '../../helpers/ledger-stream';

/**
 * A first start stopped midway through the demo history (Ctrl-C, a crash): the marker says
 * `writing`, part of the year is in the ledger and the stream consumer has folded some of it. The
 * next start folds the whole year at once again (not record by record through the consumer, which
 * takes many minutes), and every statistics item then equals its recomputation from the ledger.
 */
const now = new Date('2026-12-02T03:00:00Z');
const today = '2026-12-02';

it('resumes a stopped first start with the one-shot fold: whole items, frontiers, no difference', {
  timeout: 900_000,
}, async () => {
  const { doc, tableName } = db();
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...HISTORY_MARKER, entity: 'system', status: 'writing', today, startedAt: '' },
    }),
  );
  const entries = generateHistory({ today });
  const firstPart = entries.slice(0, 1_200);
  await appendAll(firstPart.map(ledgerPut));
  // The consumer had folded the first 300 of them before the stop.
  const Records = (await ledgerStreamRecords()).slice(0, 300);
  expect(Records).toHaveLength(300);
  expect(await handler({ Records } as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });

  const result = await seedHistory(now);
  expect(result).toMatchObject({ wrote: true, today, entries: entries.length });
  // The one-shot fold ran (the consumer path writes no statistics items here).
  expect(result.statsItems).toBeGreaterThan(1_000);
  const frontier = await doc.send(
    new GetCommand({ TableName: tableName, Key: laneFrontierKey('LEDGER#2026-06') }),
  );
  const marker = await doc.send(new GetCommand({ TableName: tableName, Key: HISTORY_MARKER }));
  expect(marker.Item?.status).toBe('done');
  const report = await rebuildStats({
    from: '2025-01',
    to: '2026-12',
    provinceCode: province.code,
  });
  expect(report.entries).toBe(entries.length);
  expect(report.differences).toEqual([]);
  // The consumer may now drop the demo records of each lane outright.
  expect(frontier.Item?.foldedThrough).toMatch(/^\d+$/);
});
