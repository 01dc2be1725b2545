import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLocalTables, startDynamoDbLocal } from './dynamodb-local';

/**
 * For commands (invoke, admin) run beside the local host: the database of a running `npm start`
 * with the same DATA_DIR when there is one, otherwise DynamoDB Local started on DATA_DIR for the
 * command's duration. Sets the env names handlers read.
 */
export async function connectLocalDatabase(dataDirInput = process.env.DATA_DIR ?? '.data') {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dataDir = resolve(dataDirInput);
  const hostFile = join(dataDir, 'local-host.json');
  const running = existsSync(hostFile)
    ? (JSON.parse(readFileSync(hostFile, 'utf8')) as {
        pid: number;
        endpoint: string;
        tableName: string;
      })
    : undefined;
  let tableName = process.env.TABLE_NAME ?? 'cho-so-main';
  let endpoint: string;
  let stop = async (): Promise<void> => {};
  if (running && isAlive(running.pid)) {
    endpoint = running.endpoint;
    tableName = running.tableName;
  } else {
    const own = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
    endpoint = own.endpoint;
    stop = own.stop;
    await createLocalTables(endpoint, tableName);
  }
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    HOST_KIND: 'local',
  });
  return { endpoint, tableName, stop };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
