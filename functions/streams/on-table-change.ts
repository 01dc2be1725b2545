import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { getConfig } from '../../shared/config';
import { applyEntityCounts } from '../../shared/db/projections';
import { type ChangeKind, entityCountDelta } from '../../shared/system/entity-counts';
import { logger } from '../_http/logger';

getConfig();

/**
 * Consumes the main table's stream (Lambda event source mapping on AWS, the Streams poller
 * locally). Each record is folded into the projections exactly once (marker + update in one
 * transaction). On the first failure it stops and reports that record, so the batch is retried
 * from there in order (ReportBatchItemFailures); nothing after it is applied out of order.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const sequence = record.dynamodb?.SequenceNumber ?? '';
    try {
      const kind = record.eventName as ChangeKind;
      const delta = entityCountDelta(
        kind,
        record.dynamodb?.OldImage?.entity?.S,
        record.dynamodb?.NewImage?.entity?.S,
      );
      const at = record.dynamodb?.ApproximateCreationDateTime;
      await applyEntityCounts(
        record.eventID ?? sequence,
        delta,
        at ? new Date(at * 1000) : new Date(),
      );
    } catch (error) {
      logger.error('stream record failed', { eventId: record.eventID, error: error as Error });
      return { batchItemFailures: [{ itemIdentifier: sequence }] };
    }
  }
  return { batchItemFailures: [] };
};
