import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectLocalDatabase } from './connect';
import { lambdaContext } from './lambda-context';

/**
 * `npm run invoke -- functions/system/get-health.ts events/system/get-health.json`
 * Calls one handler with one event, like `sam local invoke`, on the local database.
 */
process.env.POWERTOOLS_DEV ??= 'true';
const [handlerPath, eventPath] = process.argv.slice(2);
if (!handlerPath || !eventPath) {
  console.error('usage: npm run invoke -- <handler file> <event json file>');
  process.exit(2);
}
const db = await connectLocalDatabase();
try {
  const mod = (await import(pathToFileURL(resolve(handlerPath)).href)) as {
    handler: (event: unknown, context: unknown) => Promise<unknown>;
  };
  const event = JSON.parse(readFileSync(eventPath, 'utf8')) as unknown;
  console.log(JSON.stringify(await mod.handler(event, lambdaContext('invoke')), null, 2));
} finally {
  await db.stop();
}
