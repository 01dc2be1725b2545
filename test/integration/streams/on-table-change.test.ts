import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/streams/on-table-change';
import { seed } from '../../../infra/local/seed';
import { DEMO_ACCOUNTS } from '../../../infra/local/seed-accounts';
import { demoProducts, demoSellers } from '../../../infra/local/seed-data';
import { getEntityCounts } from '../../../shared/db/projections';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

const record = (eventID: string, eventName: 'INSERT' | 'REMOVE', entity: string) => ({
  eventID,
  eventName,
  dynamodb: {
    SequenceNumber: eventID,
    ApproximateCreationDateTime: 1_795_420_800,
    ...(eventName === 'INSERT'
      ? { NewImage: { entity: { S: entity } } }
      : { OldImage: { entity: { S: entity } } }),
  },
});

describe('stream consumer', () => {
  it('applies a redelivered record only once', async () => {
    const event = {
      Records: [
        record('e1', 'INSERT', 'widget'),
        record('e2', 'INSERT', 'widget'),
        record('e3', 'REMOVE', 'widget'),
      ],
    } as DynamoDBStreamEvent;

    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(await handler(event)).toEqual({ batchItemFailures: [] });

    expect((await getEntityCounts()).widget).toBe(1);
  });
});

describe('demo seed', () => {
  it('writes the demo sellers and products once and changes nothing when run again', async () => {
    // The year of demo history has its own test (test/integration/stats/seed-history.test.ts).
    const first = await seed(new Date('2026-11-23T00:00:00Z'), { history: false });
    const after = await tableSnapshot();
    const second = await seed(new Date('2026-11-24T00:00:00Z'), { history: false });

    expect(first).toMatchObject({
      wrote: true,
      sellers: demoSellers.length,
      products: demoProducts.length,
    });
    expect(first.accounts).toEqual(Object.values(DEMO_ACCOUNTS).map((a) => a.email));
    expect(second.accounts).toEqual([]);
    expect(second.wrote).toBe(false);
    expect(await tableSnapshot()).toBe(after);
  });
});

describe('demo sign-ins', () => {
  it('every seeded demo account signs in with its printed password', async () => {
    await seed(new Date(), { history: false });
    for (const { email, password } of Object.values(DEMO_ACCOUNTS)) {
      const res = await call('POST /api/auth/sign-in', { body: { login: email, password } });
      expect(res.status, email).toBe(200);
    }
  });
});
