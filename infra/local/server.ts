import { resolve } from 'node:path';
import { demoWebhookUrls } from '../../functions/payments/demo-connections';
import { buildWeb, webDist } from '../../scripts/build-web';
import { DataDirLockedError } from './database';
import { JavaMissingError } from './dynamodb-local';
import { PortInUseError, startLocalHost } from './host';
import { seed } from './seed';
import { DEMO_ACCOUNTS } from './seed-accounts';

/**
 * `npm start`: DynamoDB Local (persisted under DATA_DIR) + seed + the production handlers + web/
 * on http://localhost:PORT. Ctrl-C or SIGTERM stops everything cleanly.
 */
process.env.POWERTOOLS_DEV ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const port = Number(process.env.PORT ?? 3000);
// Read before the host fills it in from DATA_DIR/secrets.json: a generated secret is printed below.
const demoSecretFromEnv = Boolean(process.env.DEMO_WEBHOOK_SECRET);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const log = (message: string, data?: Record<string, unknown>) =>
  console.log(`[local] ${message}${data ? ` ${JSON.stringify(data)}` : ''}`);

const started = Date.now();
try {
  // SKIP_WEB_BUILD=true serves the pages built last time (crash tests restart the host often).
  if (process.env.SKIP_WEB_BUILD !== 'true') await buildWeb();
  const host = await startLocalHost({
    port,
    dataDir,
    webDir: webDist,
    seed: () =>
      seed(new Date(), {
        onHistoryWrite: () =>
          log('seeding a year of demo sales for the statistics (first start only: 1–2 minutes)'),
      }),
    log,
    // Only for the benchmark's baseline and the crash test's proof that it catches losses.
    durable: process.env.UNSAFE_NO_DURABILITY_BARRIER !== 'true',
    onDatabaseExit: () => {
      // Nothing can be served without the database; the next start recovers (same DATA_DIR).
      console.error(
        '\nDynamoDB Local stopped under the host: exiting. Start again with `npm start`.\n',
      );
      process.exit(1);
    },
  });
  if (process.env.UNSAFE_NO_DURABILITY_BARRIER === 'true')
    log('WARNING: UNSAFE_NO_DURABILITY_BARRIER=true: a crash may lose acknowledged writes');
  log(`Chợ Số is running on ${host.url.replace('127.0.0.1', 'localhost')}`, {
    dataDir,
    startedInMs: Date.now() - started,
  });
  log('demo sign-ins (local only):');
  for (const [role, { email, password }] of Object.entries(DEMO_ACCOUNTS)) {
    console.log(`  ${role.padEnd(8)} ${email}  ${password}`);
  }
  log('demo payment webhooks (HTX Tôm khô Rạch Gốc; docs/payments.md):');
  for (const { provider, url } of demoWebhookUrls(host.url.replace('127.0.0.1', 'localhost')))
    console.log(`  ${provider.padEnd(8)} ${url}`);
  console.log(
    demoSecretFromEnv
      ? '  secret   from DEMO_WEBHOOK_SECRET'
      : `  secret   ${process.env.DEMO_WEBHOOK_SECRET} (generated into DATA_DIR/secrets.json; set DEMO_WEBHOOK_SECRET to choose it)`,
  );
  // Ctrl-C reaches every process of the terminal's group, and npm/tsx forward it again: signals
  // within 2 s of the first are the same request. A later one means "stop waiting, exit now".
  let firstSignalAt = 0;
  const shutdown = (signal: string) => {
    const now = Date.now();
    if (firstSignalAt) {
      if (now - firstSignalAt < 2_000) return;
      log('second signal: exiting now');
      process.exit(130);
    }
    firstSignalAt = now;
    log(`${signal}: stopping`);
    host.stop().then(
      () => {
        log('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  if (
    err instanceof JavaMissingError ||
    err instanceof DataDirLockedError ||
    err instanceof PortInUseError
  ) {
    console.error(`\n${err.message}\n`);
    process.exit(3);
  }
  console.error(err);
  process.exit(1);
}
