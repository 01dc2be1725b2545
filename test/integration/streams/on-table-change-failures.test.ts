import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/streams/on-table-change';
import { getEntityCounts } from '../../../shared/db/projections';

/**
 * The real stream handler's failure path against DynamoDB Local: a record that cannot be applied
 * is reported by its sequence number (ReportBatchItemFailures), and no record after it is applied,
 * so Lambda retries the batch from that record, in order. The failures are real ones: a marker key
 * longer than DynamoDB's 2048-byte partition key limit, a creation time beyond the last date.
 */
const insert = (
  eventID: string,
  sequence: string,
  entity: string,
  at = 1_795_420_800,
): DynamoDBRecord => ({
  eventID,
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: sequence,
    ApproximateCreationDateTime: at,
    NewImage: { entity: { S: entity } },
  },
});

describe('stream consumer failure path', () => {
  it.each([
    ['a key DynamoDB refuses', (entity: string) => insert('e'.repeat(3000), 'seq-0002', entity)],
    [
      'a creation time beyond the last date',
      (entity: string) => insert('fail-2', 'seq-0002', entity, 1e16),
    ],
  ])(
    'reports the first failing record (%s) and applies nothing after it',
    async (_name, failing) => {
      const entity = `widget${Math.random().toString(36).slice(2, 8)}`;
      const event = {
        Records: [
          insert(`${entity}-1`, 'seq-0001', entity),
          failing(entity),
          insert(`${entity}-3`, 'seq-0003', entity),
          insert(`${entity}-4`, 'seq-0004', entity),
        ],
      } as DynamoDBStreamEvent;

      const result = await handler(event);

      expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'seq-0002' }] });
      // record 1 only: 3 and 4 wait for the retry
      expect((await getEntityCounts())[entity]).toBe(1);

      // Lambda's retry starts at the failed record; once it can be applied, the rest follow once.
      const retry = {
        Records: [
          insert(`${entity}-2`, 'seq-0002', entity),
          insert(`${entity}-3`, 'seq-0003', entity),
          insert(`${entity}-4`, 'seq-0004', entity),
        ],
      } as DynamoDBStreamEvent;
      expect(await handler(retry)).toEqual({ batchItemFailures: [] });
      expect(await handler(retry)).toEqual({ batchItemFailures: [] });
      expect((await getEntityCounts())[entity]).toBe(4);
    },
  );

  it('a failing first record stops the batch at once', async () => {
    const entity = `gadget${Math.random().toString(36).slice(2, 8)}`;
    const result = await handler({
      Records: [insert('x'.repeat(3000), 'seq-1', entity), insert(`${entity}-2`, 'seq-2', entity)],
    } as DynamoDBStreamEvent);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'seq-1' }] });
    expect((await getEntityCounts())[entity]).toBeUndefined();
  });
});
