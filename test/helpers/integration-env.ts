import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createLocalTables } from '../../infra/local/dynamodb-local';

/**
 * Runs before each integration test file, before it imports any handler: the same env names the
 * stack sets, pointing at the run's DynamoDB Local and a table of this file's own, so files can run
 * in parallel and "nothing changed" assertions see only their own writes.
 */
const endpoint = inject('dynamoEndpoint');
const tableName = `test-${randomUUID()}`;
Object.assign(process.env, {
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: endpoint,
  AWS_REGION: 'ap-southeast-1',
  HOST_KIND: 'test',
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  SIGNING_SECRET: 'test-signing-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  // The page-render routes (functions/pages) fill the page sources: the same slots as web/dist.
  PAGE_TEMPLATES_DIR: new URL('../../web', import.meta.url).pathname,
});
await createLocalTables(endpoint, tableName);
