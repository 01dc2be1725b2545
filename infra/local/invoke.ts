import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tables } from '../tables';
import { type DynamoDbLocal, ensureTables, startDynamoDbLocal } from './dynamodb-local';
import { lambdaContext } from './lambda-context';

/**
 * `npm run invoke -- functions/system/get-health.ts events/system/get-health.json`
 * Calls one handler with one event, like `sam local invoke`. Uses the database of a running
 * `npm start` (same DATA_DIR) when there is one, otherwise starts DynamoDB Local on DATA_DIR.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_DEV ??= 'true';
const [handlerPath, eventPath] = process.argv.slice(2);
if (!handlerPath || !eventPath) {
  console.error('usage: npm run invoke -- <handler file> <event json file>');
  process.exit(2);
}
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const hostFile = join(dataDir, 'local-host.json');

let own: DynamoDbLocal | undefined;
let endpoint: string;
let tableName = process.env.TABLE_NAME ?? 'cho-so-main';
const running = existsSync(hostFile)
  ? (JSON.parse(readFileSync(hostFile, 'utf8')) as {
      pid: number;
      endpoint: string;
      tableName: string;
    })
  : undefined;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
if (running && alive(running.pid)) {
  endpoint = running.endpoint;
  tableName = running.tableName;
} else {
  own = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
  endpoint = own.endpoint;
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTables(client, tables, () => tableName);
  client.destroy();
}
Object.assign(process.env, {
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: endpoint,
  HOST_KIND: 'local',
});
try {
  const mod = (await import(pathToFileURL(resolve(handlerPath)).href)) as {
    handler: (event: unknown, context: unknown) => Promise<unknown>;
  };
  const event = JSON.parse(readFileSync(eventPath, 'utf8')) as unknown;
  const result = await mod.handler(event, lambdaContext('invoke'));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await own?.stop();
}
