import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '../config';

/**
 * The one DynamoDB client. On AWS it uses the function's role; locally and in tests it talks to
 * DynamoDB Local at DYNAMODB_ENDPOINT. Under vitest it refuses any endpoint that is not on this
 * machine's loopback, so a test can never touch a real table (ElectroDB's "needless cost" guard).
 */
export function assertSafeEndpoint(endpoint: string | undefined, underTest: boolean): void {
  if (!underTest) return;
  if (!endpoint)
    throw new Error('Tests must set DYNAMODB_ENDPOINT to a DynamoDB Local on loopback');
  const host = new URL(endpoint).hostname;
  const loopback =
    host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  if (!loopback) throw new Error(`Tests refuse a non-loopback DynamoDB endpoint: ${host}`);
}

function createClients() {
  const config = getConfig();
  assertSafeEndpoint(config.DYNAMODB_ENDPOINT, process.env.VITEST !== undefined);
  const raw = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT
      ? {
          endpoint: config.DYNAMODB_ENDPOINT,
          // DynamoDB Local accepts any credentials; fixed ones keep one shared database.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    maxAttempts: 3,
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { raw, doc, tableName: config.TABLE_NAME };
}

let clients: ReturnType<typeof createClients> | undefined;
/** Lazily built once per process (module load of a handler calls it: cold start). */
export const db = () => {
  clients ??= createClients();
  return clients;
};
