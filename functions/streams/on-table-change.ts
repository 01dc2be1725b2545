import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { getConfig } from '../../shared/config';
import { applyEntityCounts } from '../../shared/db/projections';
import { type FoldRecord, foldLedgerBatch } from '../../shared/db/stats';
import { province } from '../../shared/geo/communes';
import type { LedgerEntry } from '../../shared/ledger/entry';
import { deliver, notificationsOf } from '../../shared/mail/notifications';
import { padSequence } from '../../shared/stats/cells';
import { type ChangeKind, entityCountDelta } from '../../shared/system/entity-counts';
import { logger } from '../_http/logger';

const config = getConfig();

/** A new ledger entry (entries are only ever inserted), as the statistics fold reads it. */
function ledgerRecord(record: DynamoDBRecord): FoldRecord | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image?.entity?.S !== 'ledgerEntry') return undefined;
  // biome-ignore lint/suspicious/noExplicitAny: stream images use the Lambda event's own AttributeValue type
  const item = unmarshall(image as any) as LedgerEntry & { pk: string };
  return {
    lane: item.pk,
    sequence: padSequence(record.dynamodb?.SequenceNumber ?? ''),
    entry: item,
  };
}

/**
 * Seller notifications by mail for the records applied (shared/mail/notifications.ts): after the
 * commit, never inside a transaction; each change at most once. Best effort: a failure is logged
 * and never fails the batch (the seller's portal shows the truth).
 */
async function notifySellers(records: DynamoDBRecord[]): Promise<void> {
  for (const record of records) {
    const entity = record.dynamodb?.NewImage?.entity?.S;
    if (entity !== 'order' && entity !== 'seller') continue;
    try {
      const image = (side: 'OldImage' | 'NewImage') => {
        const raw = record.dynamodb?.[side];
        // biome-ignore lint/suspicious/noExplicitAny: stream images use the Lambda event's own AttributeValue type
        return raw ? unmarshall(raw as any) : undefined;
      };
      const found = notificationsOf(
        record.eventName as ChangeKind,
        image('OldImage'),
        image('NewImage'),
      );
      for (const notification of found) {
        const outcomes = await deliver(notification, config.SITE_URL, new Date());
        for (const outcome of outcomes) {
          if (outcome.ok)
            logger.info('notification sent', { what: notification.what, via: outcome.via });
          else
            logger.error('notification not sent', {
              what: notification.what,
              error: outcome.error,
            });
        }
      }
    } catch (error) {
      logger.error('notification failed', { eventId: record.eventID, error: error as Error });
    }
  }
}

/**
 * Consumes the main table's stream (Lambda event source mapping on AWS, the Streams poller
 * locally).
 * - Entity counters: each record is folded exactly once (marker + update in one transaction).
 * - Statistics: the batch's ledger entries are folded at once (shared/db/stats.ts): deltas summed
 *   per cell in memory, each cell written once, conditionally on its per-lane watermark.
 * On the first failure it reports that record, so the batch is retried from there in order
 * (ReportBatchItemFailures); nothing after it is applied out of order, and what was applied before
 * it is skipped by the markers and watermarks on the retry.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const records = event.Records;
  let failedAt = records.length;
  for (const [i, record] of records.entries()) {
    try {
      const kind = record.eventName as ChangeKind;
      const delta = entityCountDelta(
        kind,
        record.dynamodb?.OldImage?.entity?.S,
        record.dynamodb?.NewImage?.entity?.S,
      );
      const at = record.dynamodb?.ApproximateCreationDateTime;
      await applyEntityCounts(
        record.eventID ?? record.dynamodb?.SequenceNumber ?? '',
        delta,
        at ? new Date(at * 1000) : new Date(),
      );
    } catch (error) {
      logger.error('stream record failed', { eventId: record.eventID, error: error as Error });
      failedAt = i;
      break;
    }
  }
  const ledger: Array<{ index: number; record: FoldRecord }> = [];
  for (const [index, record] of records.slice(0, failedAt).entries()) {
    try {
      const folded = ledgerRecord(record);
      if (folded) ledger.push({ index, record: folded });
    } catch (error) {
      logger.error('ledger record unreadable', { eventId: record.eventID, error: error as Error });
      failedAt = index;
      break;
    }
  }
  const foldable = ledger.filter((l) => l.index < failedAt);
  try {
    await foldLedgerBatch(
      foldable.map((l) => l.record),
      province.code,
    );
  } catch (error) {
    logger.error('statistics fold failed', { error: error as Error });
    // Retry from the first ledger record: the watermarks skip what was already folded.
    failedAt = Math.min(failedAt, foldable[0]?.index ?? failedAt);
  }
  await notifySellers(records.slice(0, failedAt));
  const failed = records[failedAt];
  return {
    batchItemFailures: failed ? [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }] : [],
  };
};
