/**
 * The edge in the synthesized stack: CloudFront as the only way in (origin-verify header from
 * Secrets Manager, checked by the functions), the viewer address, route throttles, the page CSP
 * against the images bucket, the image headers, the credential-partition deny, and the opt-in WAF.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/_http/origin-verify';
import { wafStack } from '../../infra/aws/app';
import {
  ChoSoWafStack,
  ROUTE_THROTTLES,
  STAGE_THROTTLE,
  WAF_RATE_LIMITS,
} from '../../infra/aws/edge';
import { ChoSoStack, CREDENTIAL_PARTITIONS } from '../../infra/aws/stack';
import { prepareFunctionEntries, repoRoot } from '../../infra/bundle-entries';
import { routeKeyOf, routes } from '../../infra/routes';
import { contentSecurityPolicy } from '../../shared/http/security-headers';
import { IMAGE_RESPONSE_HEADERS } from '../../shared/storage/image-headers';
import {
  fixture,
  functionLogicalId,
  resourcesOf,
  type Statement,
  statementsOfRole,
} from './stack-fixture';

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  fixture().stack.getLogicalId(construct.node.defaultChild as never);

type Origin = {
  Id: string;
  DomainName: unknown;
  OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
};
type Behavior = { PathPattern: string; TargetOriginId: string; ResponseHeadersPolicyId: unknown };
const distribution = (template: Template) => {
  const [resource] = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'));
  return resource?.Properties.DistributionConfig as {
    Origins: Origin[];
    CacheBehaviors: Behavior[];
    DefaultCacheBehavior: { ResponseHeadersPolicyId: unknown };
    WebACLId?: unknown;
  };
};

describe('CloudFront is the only way in', () => {
  it('has CloudFront send the origin-verify secret to the HTTP API, resolved from Secrets Manager', () => {
    const { stack, template } = fixture();
    const config = distribution(template);
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    const origin = config.Origins.find((o) => o.Id === api?.TargetOriginId);
    const header = origin?.OriginCustomHeaders?.find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER);

    const value = JSON.stringify(header?.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(logicalId(stack.originVerifySecret));
    // Only the API origin gets it: S3 origins must not see it.
    for (const other of config.Origins.filter((o) => o !== origin)) {
      expect(JSON.stringify(other.OriginCustomHeaders ?? [])).not.toContain(ORIGIN_VERIFY_HEADER);
    }
  });

  it('generates the secret (no literal value in the template)', () => {
    const { stack, template } = fixture();
    const secret = resourcesOf(template, 'AWS::SecretsManager::Secret')[
      logicalId(stack.originVerifySecret)
    ];
    expect(secret?.Properties.GenerateSecretString).toMatchObject({
      PasswordLength: 48,
      ExcludePunctuation: true,
    });
    expect(secret?.Properties.SecretString).toBeUndefined();
  });

  it('tells every API function which secret to check, lets it read it, and no other function', () => {
    const { stack, template, functions } = fixture();
    const secretRef = JSON.stringify({ Ref: logicalId(stack.originVerifySecret) });
    const lambdas = resourcesOf(template, 'AWS::Lambda::Function');
    for (const entry of functions) {
      const fn = stack.functions.get(entry.name);
      if (!fn) throw new Error(entry.name);
      const variables =
        (
          lambdas[functionLogicalId(stack, entry.name)]?.Properties.Environment as
            | undefined
            | {
                Variables: Record<string, unknown>;
              }
        )?.Variables ?? {};
      const isApi = entry.kind === 'api';
      expect(JSON.stringify(variables.ORIGIN_VERIFY_SECRET_ARN ?? null), entry.name).toBe(
        isApi ? secretRef : 'null',
      );
      const reads = statementsOfRole(template, logicalId(fn.role)).some(
        (s) =>
          s.Effect === 'Allow' &&
          JSON.stringify(s.Resource).includes(secretRef) &&
          JSON.stringify(s.Action).includes('secretsmanager:GetSecretValue'),
      );
      expect(reads, entry.name).toBe(isApi);
      // The secrets extension serves the value to the function.
      const layers = lambdas[functionLogicalId(stack, entry.name)]?.Properties.Layers;
      expect(JSON.stringify(layers ?? []).includes('Paramsandsecrets'), entry.name).toBe(isApi);
    }
  });

  it('forwards CloudFront-Viewer-Address to the API (managed AllViewerExceptHostHeader policy)', () => {
    const api = distribution(fixture().template).CacheBehaviors.find(
      (b) => b.PathPattern === '/api/*',
    ) as unknown as { OriginRequestPolicyId: string };
    // The managed policy forwards every viewer header but Host, plus all CloudFront-* headers
    // (CloudFront documentation, managed origin request policies); a custom allow-list policy
    // would need Host dropped, which only this managed policy does.
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });
});

describe('API stage limits', () => {
  type StageProps = {
    DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    RouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
  };
  const stage = () => {
    const [resource] = Object.values(resourcesOf(fixture().template, 'AWS::ApiGatewayV2::Stage'));
    return resource as unknown as { Properties: StageProps; DependsOn?: string[] };
  };

  it('gives the routes a flood would go for their own limit, below the stage limit', () => {
    const { Properties } = stage();
    expect(Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
    });
    const keys = Object.keys(Properties.RouteSettings);
    expect(keys.sort()).toEqual(Object.keys(ROUTE_THROTTLES).sort());
    for (const key of ['POST /api/auth/sign-in', 'POST /api/sellers', 'POST /api/seller/imports']) {
      expect(keys).toContain(key);
    }
    for (const [key, limit] of Object.entries(Properties.RouteSettings)) {
      expect(routes.map(routeKeyOf), key).toContain(key);
      expect(limit.ThrottlingRateLimit).toBeLessThanOrEqual(STAGE_THROTTLE.rateLimit / 5);
      expect(limit.ThrottlingBurstLimit).toBeGreaterThanOrEqual(limit.ThrottlingRateLimit);
    }
  });

  it('creates the stage after the routes its settings name', () => {
    const { template } = fixture();
    const routeResources = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
    const dependsOn = new Set(stage().DependsOn ?? []);
    for (const key of Object.keys(ROUTE_THROTTLES)) {
      const id = Object.entries(routeResources).find(([, r]) => r.Properties.RouteKey === key)?.[0];
      expect(id, key).toBeDefined();
      expect(dependsOn.has(id ?? ''), key).toBe(true);
    }
  });
});

describe('page and image headers', () => {
  const policies = () =>
    Object.entries(resourcesOf(fixture().template, 'AWS::CloudFront::ResponseHeadersPolicy'));
  const policyOf = (behaviorRef: unknown) => {
    const id = (behaviorRef as { Ref: string }).Ref;
    return policies().find(([key]) => key === id)?.[1].Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig?: { Items: { Header: string; Value: string; Override: boolean }[] };
    };
  };

  it("allows connect-src to the images bucket's regional endpoint and nothing wider", () => {
    const { stack, template } = fixture();
    const config = distribution(template);
    const page = policyOf(config.DefaultCacheBehavior.ResponseHeadersPolicyId);
    const csp = page.SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy as {
      'Fn::Join': [string, unknown[]];
    };
    const [, parts] = csp['Fn::Join'];
    const bucketId = logicalId(stack.imagesBucket);
    // The CSP is the shared one with exactly one more origin: https://<RegionalDomainName>.
    expect(parts).toHaveLength(3);
    expect(parts[1]).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    const rendered = `${parts[0]}images.s3.ap-southeast-1.amazonaws.com${parts[2]}`;
    expect(rendered).toBe(
      contentSecurityPolicy(['https://images.s3.ap-southeast-1.amazonaws.com']),
    );
    expect(rendered).toMatch(/connect-src 'self' https:\/\/images\.s3\.[^ ;]+;/);
    expect(rendered).not.toMatch(/connect-src[^;]* https:(;| )/);
    // The API behaviour sends the same policy.
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    expect(api?.ResponseHeadersPolicyId).toEqual(
      config.DefaultCacheBehavior.ResponseHeadersPolicyId,
    );
  });

  it('serves /images/* with the headers the local host sends (sandbox CSP, CORP, nosniff, immutable)', () => {
    const config = distribution(fixture().template);
    const images = config.CacheBehaviors.find((b) => b.PathPattern === '/images/*');
    const policy = policyOf(images?.ResponseHeadersPolicyId);
    const sent: Record<string, string> = {};
    for (const item of policy.CustomHeadersConfig?.Items ?? []) {
      expect(item.Override).toBe(true);
      sent[item.Header] = item.Value;
    }
    sent['content-security-policy'] = String(
      policy.SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy,
    );
    expect(policy.SecurityHeadersConfig.ContentSecurityPolicy?.Override).toBe(true);
    if (policy.SecurityHeadersConfig.ContentTypeOptions?.Override)
      sent['x-content-type-options'] = 'nosniff';
    expect(sent).toEqual({ ...IMAGE_RESPONSE_HEADERS });
  });

  it('lets browsers send the signed if-none-match with the upload PUT', () => {
    const { stack, template } = fixture();
    const bucket = resourcesOf(template, 'AWS::S3::Bucket')[logicalId(stack.imagesBucket)];
    const rules = (
      bucket?.Properties.CorsConfiguration as
        | undefined
        | { CorsRules: { AllowedHeaders: string[]; AllowedMethods: string[] }[] }
    )?.CorsRules;
    expect(rules).toEqual([
      expect.objectContaining({
        AllowedMethods: ['PUT'],
        AllowedHeaders: ['content-type', 'if-none-match'],
      }),
    ]);
  });
});

describe('credential partitions', () => {
  const statementsOf = (name: string): Statement[] => {
    const { stack, template } = fixture();
    const fn = stack.functions.get(name);
    if (!fn) throw new Error(name);
    return statementsOfRole(template, logicalId(fn.role));
  };
  const denies = (statements: Statement[]) =>
    statements.filter(
      (s) =>
        s.Effect === 'Deny' &&
        JSON.stringify(s).includes('dynamodb:LeadingKeys') &&
        CREDENTIAL_PARTITIONS.every((p) => JSON.stringify(s).includes(p)),
    );

  it('denies functions whose routes are all public every key of accounts, logins, sessions, API keys and throttles', () => {
    const { functions } = fixture();
    const publicOnly = functions.filter(
      (e) => e.kind === 'api' && e.routes.every((r) => r.auth === 'public'),
    );
    expect(publicOnly.map((e) => e.name)).toContain('api-catalog');
    for (const entry of publicOnly) {
      const [deny] = denies(statementsOf(entry.name));
      expect(deny, entry.name).toBeDefined();
      expect(JSON.stringify(deny?.Resource)).toContain('/index/*');
      expect((deny as unknown as { Condition: unknown }).Condition).toEqual({
        'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': CREDENTIAL_PARTITIONS },
      });
    }
  });

  it('leaves the signed-in groups their session and account reads', () => {
    const { functions } = fixture();
    for (const entry of functions.filter((e) => e.routes.some((r) => r.auth !== 'public'))) {
      expect(denies(statementsOf(entry.name)), entry.name).toEqual([]);
    }
  });
});

describe('opt-in WAF (-c waf=true)', () => {
  const env = { account: '111111111111', region: 'ap-southeast-1' };

  function synthWithWaf() {
    const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    };
    const app = new App({
      context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], waf: 'true' },
    });
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
    const waf = wafStack(app, context, () => undefined, env);
    if (!waf) throw new Error('no WAF stack');
    const webDist = mkdtempSync(join(tmpdir(), 'cho-so-web-'));
    mkdirSync(join(webDist, 'home'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>x</title>');
    const main = new ChoSoStack(app, 'ChoSo', {
      env: waf.env,
      crossRegionReferences: true,
      webAclArn: waf.stack.webAcl.attrArn,
      functions: prepareFunctionEntries(),
      webDist,
      appVersion: 'test',
    });
    return { app, waf: waf.stack, main };
  }

  it('puts a CLOUDFRONT web ACL in us-east-1 with the managed common rules and rate limits per address', () => {
    const { waf } = synthWithWaf();
    expect(waf.region).toBe('us-east-1');
    const template = Template.fromStack(waf);
    const [acl] = Object.values(resourcesOf(template, 'AWS::WAFv2::WebACL'));
    const props = acl?.Properties as {
      Scope: string;
      DefaultAction: unknown;
      Rules: { Name: string; Statement: Record<string, Record<string, unknown>> }[];
    };
    expect(props.Scope).toBe('CLOUDFRONT');
    expect(props.DefaultAction).toEqual({ Allow: {} });
    const common = props.Rules.find((r) => r.Statement.ManagedRuleGroupStatement);
    expect(common?.Statement.ManagedRuleGroupStatement).toMatchObject({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
    });
    const rates = props.Rules.filter((r) => r.Statement.RateBasedStatement).map(
      (r) => r.Statement.RateBasedStatement as { Limit: number; AggregateKeyType: string },
    );
    expect(rates.map((r) => r.Limit).sort((a, b) => a - b)).toEqual([
      WAF_RATE_LIMITS.auth,
      WAF_RATE_LIMITS.all,
    ]);
    for (const rate of rates) expect(rate.AggregateKeyType).toBe('IP');
    expect(JSON.stringify(props.Rules)).toContain('/api/auth/');
  });

  it('attaches the web ACL to the distribution and stays clean under cdk-nag', () => {
    const { main, waf } = synthWithWaf();
    const config = distribution(Template.fromStack(main));
    expect(config.WebACLId).toBeDefined();
    expect(JSON.stringify(config.WebACLId)).not.toBe('{}');
    for (const stack of [main, waf]) {
      const errors = Annotations.fromStack(stack).findError(
        '*',
        Match.stringLikeRegexp('AwsSolutions-.*'),
      );
      expect(errors.map((e) => `${String(e.entry.data).split(':')[0]} at ${e.id}`)).toEqual([]);
    }
    // With a web ACL there is nothing for CFR2 to warn about.
    const cfr2 = Annotations.fromStack(main).findWarning(
      '*',
      Match.stringLikeRegexp('AwsSolutions-CFR2.*'),
    );
    expect(cfr2).toEqual([]);
  });

  it('is off unless asked, refuses other values, and needs an account and region', () => {
    const app = new App();
    const none = () => undefined;
    expect(wafStack(app, () => undefined, none, env)).toBeUndefined();
    expect(wafStack(app, () => 'false', none, env)).toBeUndefined();
    expect(() => wafStack(app, () => 'yes', none, env)).toThrow(/true or false/);
    expect(() => wafStack(app, () => 'true', none, {})).toThrow(/account and region/);
  });

  it('has the WAF stack class usable on its own with custom limits', () => {
    const stack = new ChoSoWafStack(new App(), 'W', {
      env: { account: env.account, region: 'us-east-1' },
      rateLimit: 500,
      authRateLimit: 50,
    });
    const json = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(json).toContain('"Limit":500');
    expect(json).toContain('"Limit":50');
  });
});
