/**
 * One host for the page benchmark, in its own process (config and database clients are per
 * process): `tsx bench/pages-host.ts <baseline|current> <dataDir>` builds the pages into
 * <dataDir>/web (baseline: without the header's shell and preloads), starts the local host on them
 * with the demo seed (baseline: no compression, no ETags) and prints `ready <url>`.
 */
import { join } from 'node:path';

const [variant, dataDir] = process.argv.slice(2);
if ((variant !== 'baseline' && variant !== 'current') || !dataDir) {
  console.error('usage: tsx bench/pages-host.ts <baseline|current> <dataDir>');
  process.exit(2);
}
Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'WARN', DATA_DIR: dataDir });
const webDir = join(dataDir, 'web');
const { buildWeb } = await import('../scripts/build-web');
await buildWeb({ outDir: webDir, shell: variant === 'current' });
const { freePort } = await import('../infra/local/dynamodb-local');
const { startLocalHost } = await import('../infra/local/host');
const { seed } = await import('../infra/local/seed');
const host = await startLocalHost({
  port: await freePort(),
  dataDir,
  webDir,
  seed: () => seed(),
  compress: variant === 'current',
  renderPages: variant === 'current',
});
console.log(`ready ${host.url}`);
const stop = async () => {
  await host.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
