import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildWeb, webDist } from '../../scripts/build-web';
import { prepareFunctionEntries, repoRoot } from '../bundle-entries';
import { ChoSoStack } from './stack';

/**
 * The CDK app (`cdk.json` runs `npx tsx infra/aws/app.ts`). Builds web/dist first so the
 * BucketDeployment has something to upload (`-c skipWebBuild=true` reuses an existing build),
 * writes the route-group entries, and applies cdk-nag's AWS Solutions checks to everything.
 *
 * Context (cdk.json or `-c key=value`): appVersion, logLevel, apiRateLimit, apiBurstLimit,
 * extraCorsOrigins (comma-separated), skipWebBuild.
 */
export async function main(): Promise<App> {
  const app = new App();
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  if (context('skipWebBuild') !== 'true') await buildWeb();
  else if (!existsSync(join(webDist, 'index.html')))
    throw new Error(`skipWebBuild is set but ${webDist} has no build: run npm run build:web`);

  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const number = (key: string) => {
    const value = context(key);
    return value === undefined ? undefined : Number(value);
  };
  new ChoSoStack(app, 'ChoSo', {
    description: 'Chợ Số: digital market, VietQR payments and statistics for Cà Mau',
    functions: prepareFunctionEntries(),
    webDist,
    appVersion: context('appVersion') ?? pkg.version,
    ...(context('logLevel') ? { logLevel: context('logLevel') } : {}),
    ...(number('apiRateLimit') !== undefined ? { apiRateLimit: number('apiRateLimit') } : {}),
    ...(number('apiBurstLimit') !== undefined ? { apiBurstLimit: number('apiBurstLimit') } : {}),
    extraCorsOrigins: (context('extraCorsOrigins') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();
  return app;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
