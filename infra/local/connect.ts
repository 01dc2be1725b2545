import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataDirLockHolder, openLocalDatabase } from './database';
import { createLocalTables } from './dynamodb-local';
import { loadLocalSecrets } from './secrets';

/**
 * For commands (invoke, admin) run beside the local host: the database of a running `npm start`
 * with the same DATA_DIR when there is one (through its durable proxy), otherwise DynamoDB Local
 * started on DATA_DIR for the command's duration (holding DATA_DIR's lock meanwhile). Sets the env
 * names handlers read, and the local secrets (DATA_DIR/secrets.json) as the host does, so signed
 * routes work.
 */
export async function connectLocalDatabase(dataDirInput = process.env.DATA_DIR ?? '.data') {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dataDir = resolve(dataDirInput);
  const hostFile = join(dataDir, 'local-host.json');
  const holder = dataDirLockHolder(dataDir);
  const running =
    holder && existsSync(hostFile)
      ? (JSON.parse(readFileSync(hostFile, 'utf8')) as {
          pid: number;
          endpoint: string;
          tableName: string;
        })
      : undefined;
  let tableName = process.env.TABLE_NAME ?? 'cho-so-main';
  let endpoint: string;
  let stop = async (): Promise<void> => {};
  if (running && running.pid === holder?.pid) {
    endpoint = running.endpoint;
    tableName = running.tableName;
  } else {
    const own = await openLocalDatabase({
      dataDir,
      purpose: `npm run ${process.argv[1]?.includes('admin') ? 'admin' : 'invoke'}`,
      region: process.env.AWS_REGION ?? 'ap-southeast-1',
    });
    endpoint = own.endpoint;
    stop = own.stop;
    await createLocalTables(endpoint, tableName);
  }
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    HOST_KIND: 'local',
    ...loadLocalSecrets(join(dataDir, 'secrets.json'), process.env),
  });
  return { endpoint, tableName, stop };
}
