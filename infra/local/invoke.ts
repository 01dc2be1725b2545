import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { connectLocalDatabase } from './connect';
import { lambdaContext } from './lambda-context';

/**
 * `npm run invoke -- functions/system/get-health.ts events/system/get-health.json`
 * Calls one handler with one event, like `sam local invoke`, on the local database (the running
 * `npm start` of DATA_DIR, or DynamoDB Local on DATA_DIR), with the local secrets of
 * DATA_DIR/secrets.json, as the host has them.
 *
 * As a signed-in caller: `--as <email or phone>` signs in through the real sign-in handler (password
 * from INVOKE_PASSWORD, or `--password`) and puts the session token into the event as
 * `Authorization: Bearer …`, e.g.
 *   INVOKE_PASSWORD='ChoSo-HTX-2026!' npm run invoke -- functions/catalog/create-product.ts \
 *     events/catalog/create-product.json --as htx.rachgoc@choso.vn
 */
process.env.POWERTOOLS_DEV ??= 'true';
const usage =
  'usage: npm run invoke -- <handler file> <event json file> [--as <login> [--password <password>]]\n' +
  '       (the password may come from INVOKE_PASSWORD instead)';
let parsed: ReturnType<typeof parse>;
const parse = () =>
  parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { as: { type: 'string' }, password: { type: 'string' } },
  });
try {
  parsed = parse();
} catch (err) {
  console.error(`${String((err as Error).message)}\n${usage}`);
  process.exit(2);
}
const [handlerPath, eventPath] = parsed.positionals;
const login = parsed.values.as;
const password = parsed.values.password ?? process.env.INVOKE_PASSWORD;
if (!handlerPath || !eventPath || parsed.positionals.length > 2 || (login && !password)) {
  console.error(usage);
  process.exit(2);
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
const load = async (file: string) =>
  ((await import(pathToFileURL(resolve(file)).href)) as { handler: Handler }).handler;
const repo = resolve(import.meta.dirname, '..', '..');

const db = await connectLocalDatabase();
let exitCode = 0;
try {
  const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {
    headers?: Record<string, string>;
  };
  if (login && password) {
    const signInEvent = JSON.parse(
      readFileSync(resolve(repo, 'events/accounts/sign-in.json'), 'utf8'),
    ) as { body: string };
    signInEvent.body = JSON.stringify({ login, password });
    const signIn = (await (
      await load(resolve(repo, 'functions/accounts/sign-in.ts'))
    )(signInEvent, lambdaContext('invoke-sign-in'))) as { statusCode: number; body: string };
    if (signIn.statusCode !== 200) {
      console.error(`--as ${login}: sign-in answered ${signIn.statusCode}: ${signIn.body}`);
      exitCode = 1;
    } else {
      const { token } = JSON.parse(signIn.body) as { token: string };
      event.headers = { ...event.headers, authorization: `Bearer ${token}` };
    }
  }
  if (exitCode === 0) {
    const result = await (await load(handlerPath))(event, lambdaContext('invoke'));
    console.log(JSON.stringify(result, null, 2));
  }
} finally {
  await db.stop();
}
process.exit(exitCode);
