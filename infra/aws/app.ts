import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildWeb, webDist } from '../../scripts/build-web';
import { prepareFunctionEntries, repoRoot } from '../bundle-entries';
import { customDomain } from './domain';
import { ChoSoWafStack } from './edge';
import { ChoSoStack } from './stack';

/**
 * The CDK app (`cdk.json` runs `npx tsx infra/aws/app.ts`). Builds web/dist first so the
 * BucketDeployment has something to upload (`-c skipWebBuild=true` reuses an existing build),
 * writes the route-group entries, and applies cdk-nag's AWS Solutions checks to everything.
 *
 * Context (cdk.json or `-c key=value`): appVersion, logLevel, apiRateLimit, apiBurstLimit,
 * extraCorsOrigins (comma-separated), skipWebBuild, mailFrom (the sender; its domain is the SES
 * identity), and waf (`true` adds the ChoSoWaf stack in
 * us-east-1 with its web ACL on the distribution: `cdk deploy --all -c waf=true`; it needs the
 * account and region, which cdk takes from your credentials) with wafRateLimit and
 * wafAuthRateLimit (requests per 5 minutes per address); domain with certificateArn (the site's
 * own name and its us-east-1 ACM certificate, both or neither; ./domain.ts checks them) and,
 * optionally, hostedZoneId with hostedZoneName (Route 53 alias records for the name).
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
  const waf = wafStack(app, context, number);
  const domain = customDomain({
    domain: context('domain'),
    certificateArn: context('certificateArn'),
    hostedZoneId: context('hostedZoneId'),
    hostedZoneName: context('hostedZoneName'),
  });
  new ChoSoStack(app, 'ChoSo', {
    description: 'Chợ Số: digital market, VietQR payments and statistics for Cà Mau',
    ...(waf
      ? { env: waf.env, crossRegionReferences: true, webAclArn: waf.stack.webAcl.attrArn }
      : {}),
    functions: prepareFunctionEntries(),
    webDist,
    appVersion: context('appVersion') ?? pkg.version,
    ...(context('logLevel') ? { logLevel: context('logLevel') } : {}),
    ...(context('mailFrom') ? { mailFrom: context('mailFrom') } : {}),
    ...(domain ? { domain } : {}),
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

/**
 * `-c waf=true`: the web ACL's stack in us-east-1 (where CloudFront web ACLs live), and the
 * environment the main stack must then name (cross-region references need concrete ones).
 */
export function wafStack(
  app: App,
  context: (key: string) => string | undefined,
  number: (key: string) => number | undefined,
  env: { account?: string; region?: string } = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION,
  },
): { stack: ChoSoWafStack; env: { account: string; region: string } } | undefined {
  const value = context('waf');
  if (value === undefined || value === 'false') return undefined;
  if (value !== 'true') throw new Error(`-c waf takes true or false, got ${value}`);
  if (!env.account || !env.region) {
    throw new Error(
      '-c waf=true needs the target account and region (cdk reads them from your credentials ' +
        'and profile: set AWS_PROFILE or AWS_REGION)',
    );
  }
  const stack = new ChoSoWafStack(app, 'ChoSoWaf', {
    description: 'Chợ Số: WAF web ACL for the CloudFront distribution (opt-in, -c waf=true)',
    env: { account: env.account, region: 'us-east-1' },
    crossRegionReferences: true,
    ...(number('wafRateLimit') !== undefined ? { rateLimit: number('wafRateLimit') } : {}),
    ...(number('wafAuthRateLimit') !== undefined
      ? { authRateLimit: number('wafAuthRateLimit') }
      : {}),
  });
  return { stack, env: { account: env.account, region: env.region } };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
