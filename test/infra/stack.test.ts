/**
 * The synthesized stack against the manifests: routes, functions, grants, stream, schedule, web.
 * One synthesis for all of them (bundling skipped); table parity is in manifest-parity.test.ts and
 * cdk-nag in nag.test.ts.
 */
import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { lambdaRuntime } from '../../infra/aws/bundling';
import type { FunctionEntry } from '../../infra/bundle-entries';
import { DESCRIBE_TABLE } from '../../infra/key-access';
import { awsRoutes, jobs, routeGroups, routeKeyOf, streamConsumers } from '../../infra/routes';

/** What the stack deploys: every route but the local-only ones (test/infra/local-only.test.ts). */
const routes = awsRoutes;

import { type TableId, tables } from '../../infra/tables';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '../../shared/http/cors';
import {
  actionsOf,
  fixture,
  functionLogicalId,
  resourcesOf,
  type Statement,
  statementsOfRole,
} from './stack-fixture';

const integrationTarget = (target: unknown) => {
  // "integrations/<IntegrationRef>" as Fn::Join of ['', ['integrations/', { Ref }]]
  const join = (target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return (join[1][1] as { Ref: string }).Ref;
};

describe('HTTP API', () => {
  it('has one route per manifest entry and no other', () => {
    const { template } = fixture();

    const keys = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey,
    );

    expect(keys.sort()).toEqual(routes.map(routeKeyOf).sort());
  });

  it.each(routes.map((route) => [routeKeyOf(route), route.group] as const))(
    "routes '%s' to the '%s' group's function",
    (routeKey, group) => {
      const { stack, template } = fixture();
      const route = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).find(
        (r) => r.Properties.RouteKey === routeKey,
      );
      const integration = resourcesOf(template, 'AWS::ApiGatewayV2::Integration')[
        integrationTarget(route?.Properties.Target)
      ];

      expect(integration?.Properties.IntegrationType).toBe('AWS_PROXY');
      expect(integration?.Properties.PayloadFormatVersion).toBe('2.0');
      expect(integration?.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [functionLogicalId(stack, `api-${group}`), 'Arn'],
      });
    },
  );

  it('lets API Gateway invoke each group function', () => {
    const { stack, template } = fixture();

    for (const group of routeGroups(routes).keys()) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [functionLogicalId(stack, `api-${group}`), 'Arn'] },
      });
    }
  });

  it('throttles the default stage and writes JSON access logs without paths or bodies', () => {
    const { template } = fixture();
    const stages = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));

    expect(stages).toHaveLength(1);
    const stage = stages[0]?.Properties as {
      StageName: string;
      DefaultRouteSettings: { ThrottlingBurstLimit: number; ThrottlingRateLimit: number };
      AccessLogSettings: { DestinationArn: unknown; Format: string };
    };
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(
      stage.DefaultRouteSettings.ThrottlingRateLimit,
    );
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
    });
    expect(stage.AccessLogSettings.Format).not.toMatch(/querystring|\$context\.path|body/i);
  });

  it('answers CORS preflight with the policy of shared/http/cors.ts', () => {
    const { template } = fixture();

    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowMethods: [...CORS_ALLOW_METHODS],
        AllowHeaders: [...CORS_ALLOW_HEADERS],
        ExposeHeaders: [...CORS_EXPOSE_HEADERS],
        MaxAge: CORS_MAX_AGE_SECONDS,
      },
    });
  });
});

type FunctionProps = {
  Runtime?: string;
  Architectures?: string[];
  Handler?: string;
  MemorySize?: number;
  Timeout?: number;
  Environment?: { Variables: Record<string, unknown> };
  LoggingConfig?: { LogGroup?: { Ref: string } };
  Role: { 'Fn::GetAtt': [string, string] };
  Layers?: unknown[];
};

const expectedNames = [
  ...[...routeGroups(routes).keys()].map((group) => `api-${group}`),
  ...streamConsumers.map((consumer) => `stream-${consumer.id}`),
  ...jobs.map((job) => `job-${job.id}`),
];

function functionProps(name: string): FunctionProps {
  const { stack, template } = fixture();
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[functionLogicalId(stack, name)];
  if (!fn) throw new Error(`no function ${name} in the template`);
  return fn.Properties as FunctionProps;
}

describe('Lambda functions', () => {
  it('deploys one function per route group, stream consumer and job', () => {
    const { stack, template } = fixture();
    const ours = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).filter(
      (fn) => (fn.Properties as FunctionProps).Runtime === lambdaRuntime.name,
    );

    expect([...stack.functions.keys()]).toEqual(expectedNames);
    expect(ours).toHaveLength(expectedNames.length);
  });

  it.each(expectedNames)('runs %s on arm64, the newest Node.js runtime, as ESM', (name) => {
    const fn = functionProps(name);

    expect(fn.Runtime).toBe('nodejs24.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe('index.handler');
    expect(fn.MemorySize).toBe(1024);
    expect(fn.Timeout).toBeGreaterThan(0);
    expect(fn.Timeout).toBeLessThanOrEqual(name.startsWith('api-') ? 29 : 900);
  });

  it.each(expectedNames)('configures %s with the env names shared/config.ts reads', (name) => {
    const { stack } = fixture();
    const env = functionProps(name).Environment?.Variables;

    for (const def of tables) {
      expect(env?.[def.envName]).toEqual({
        Ref: stack.getLogicalId(stack.tables[def.id].node.defaultChild as never),
      });
    }
    expect(env).toMatchObject({
      HOST_KIND: 'aws',
      APP_VERSION: 'test',
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'cho-so',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    expect(JSON.stringify(env?.CORS_ALLOWED_ORIGINS)).toContain('DomainName');
    expect(env).not.toHaveProperty('DYNAMODB_ENDPOINT');
    expect(env).not.toHaveProperty('AWS_REGION');
    if (name.startsWith('api-')) expect(env).toHaveProperty('SIGNING_SECRET_ARN');
    else expect(env).not.toHaveProperty('SIGNING_SECRET_ARN');
  });

  it.each(expectedNames)('gives %s the secrets extension only if it serves the API', (name) => {
    const layers = JSON.stringify(functionProps(name).Layers ?? []);

    expect(layers.includes('ParamsandsecretslayerMap')).toBe(name.startsWith('api-'));
  });

  it('sends every function, CDK-managed ones included, to a log group with retention', () => {
    const { template } = fixture();
    const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');
    const functions = Object.entries(resourcesOf(template, 'AWS::Lambda::Function'));

    expect(functions.length).toBeGreaterThan(expectedNames.length);
    for (const [id, fn] of functions) {
      const ref = (fn.Properties as FunctionProps).LoggingConfig?.LogGroup?.Ref;
      expect(ref, `${id} has no log group`).toBeDefined();
      expect(logGroups[ref ?? '']?.Properties.RetentionInDays, `${id}`).toBeGreaterThan(0);
    }
    for (const [id, group] of Object.entries(logGroups)) {
      expect(group.Properties.RetentionInDays, `${id}`).toBeGreaterThan(0);
    }
  });
});

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
/**
 * Nothing in shared/db sends these: no function may (Scan reads every partition); DescribeTable
 * only the health function.
 */
const UNUSED_ACTIONS = [
  'dynamodb:Scan',
  'dynamodb:DescribeTable',
  'dynamodb:BatchWriteItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];

function tableStatements(entry: FunctionEntry, table: TableId): Statement[] {
  const { stack, template } = fixture();
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[functionLogicalId(stack, entry.name)];
  const role = (fn?.Properties.Role as { 'Fn::GetAtt': [string, string] } | undefined)?.[
    'Fn::GetAtt'
  ][0];
  if (!role) throw new Error(`${entry.name} has no role`);
  const tableId = stack.getLogicalId(stack.tables[table].node.defaultChild as never);
  return statementsOfRole(template, role).filter((s) =>
    JSON.stringify(s.Resource).includes(`"${tableId}","Arn"`),
  );
}

const allowed = (statements: Statement[]) =>
  new Set(statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf));

describe('IAM', () => {
  it.each(fixture().functions.map((entry) => [entry.name, entry] as const))(
    'gives %s table access exactly as the manifest says',
    (_name, entry) => {
      for (const table of ['main'] as const) {
        const access = entry.tables[table];
        const actions = allowed(tableStatements(entry, table));

        const mayWrite = access === 'write' || access === 'readWrite';
        const mayRead = access === 'read' || access === 'readWrite';
        for (const action of WRITE_ACTIONS) expect(actions.has(action), action).toBe(mayWrite);
        for (const action of READ_ACTIONS) expect(actions.has(action), action).toBe(mayRead);
        for (const action of UNUSED_ACTIONS) {
          // The health route reads the table's status (infra/key-access.ts DESCRIBE_TABLE).
          const expected =
            action === 'dynamodb:DescribeTable' && DESCRIBE_TABLE.includes(entry.name);
          expect(actions.has(action), action).toBe(expected);
        }
        expect([...actions].every((a) => a.startsWith('dynamodb:'))).toBe(true);
      }
    },
  );

  it('never allows * or a whole service (service:*)', () => {
    const { template } = fixture();
    const statements = [
      ...Object.values(resourcesOf(template, 'AWS::IAM::Policy')).flatMap(
        (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
      ),
      ...Object.values(resourcesOf(template, 'AWS::IAM::Role')).flatMap((role) =>
        (
          (role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]) ?? []
        ).flatMap((p) => p.PolicyDocument.Statement),
      ),
    ];

    expect(statements.length).toBeGreaterThan(0);
    const wide = statements
      .filter((s) => s.Effect === 'Allow')
      .flatMap(actionsOf)
      .filter((action) => action === '*' || /^[a-z0-9-]+:\*$/i.test(action));
    expect(wide).toEqual([]);
  });

  it('gives our functions their own role with no AWS managed policy', () => {
    const { stack, template } = fixture();
    const roles = resourcesOf(template, 'AWS::IAM::Role');

    for (const fn of stack.functions.values()) {
      const role = roles[stack.getLogicalId(fn.role.node.defaultChild as never)];
      expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets only the API functions read the signing secret', () => {
    const { stack, template } = fixture();
    const secretId = stack.getLogicalId(stack.signingSecret.node.defaultChild as never);

    for (const fn of stack.functions.values()) {
      const statements = statementsOfRole(
        template,
        stack.getLogicalId(fn.role.node.defaultChild as never),
      ).filter((s) => JSON.stringify(s.Resource).includes(JSON.stringify({ Ref: secretId })));
      const actions = allowed(statements);
      expect(actions.has('secretsmanager:GetSecretValue'), fn.node.id).toBe(fn.kind === 'api');
    }
  });
});

describe('stream consumers', () => {
  it.each(streamConsumers.map((consumer) => [consumer.id, consumer] as const))(
    "feeds the '%s' consumer from its table's stream with retries, bisection and a DLQ",
    (_id, consumer) => {
      const { stack, template } = fixture();
      const tableId = stack.getLogicalId(stack.tables[consumer.source].node.defaultChild as never);
      const mappings = Object.values(
        resourcesOf(template, 'AWS::Lambda::EventSourceMapping'),
      ).filter(
        (m) =>
          JSON.stringify(m.Properties.FunctionName) ===
          JSON.stringify({ Ref: functionLogicalId(stack, `stream-${consumer.id}`) }),
      );

      expect(mappings).toHaveLength(1);
      const mapping = mappings[0]?.Properties as Record<string, unknown>;
      expect(mapping).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: consumer.batchSize,
        MaximumBatchingWindowInSeconds: consumer.maxBatchingWindowSeconds,
        MaximumRetryAttempts: consumer.retryAttempts,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const destination = (
        mapping.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': [string] } } }
      ).OnFailure.Destination['Fn::GetAtt'][0];
      const queue = resourcesOf(template, 'AWS::SQS::Queue')[destination];
      expect(queue?.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: destination }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      });
    },
  );
});

describe('scheduled jobs', () => {
  it.each(jobs.map((job) => [job.id, job] as const))(
    "runs the '%s' job on its schedule",
    (_id, job) => {
      const { stack, template } = fixture();

      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: Schedule.rate(Duration.minutes(job.everyMinutes)).expressionString,
        State: 'ENABLED',
        Targets: [{ Arn: { 'Fn::GetAtt': [functionLogicalId(stack, `job-${job.id}`), 'Arn'] } }],
      });
    },
  );
});

// AWS managed policy ids (CloudFront documentation: managed cache / origin request policies).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

type DistributionConfig = {
  DefaultRootObject: string;
  Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[];
  DefaultCacheBehavior: { TargetOriginId: string; ViewerProtocolPolicy: string };
  CacheBehaviors: {
    PathPattern: string;
    TargetOriginId: string;
    AllowedMethods: string[];
    CachePolicyId: string;
    OriginRequestPolicyId: string;
    ViewerProtocolPolicy: string;
    ResponseHeadersPolicyId?: unknown;
  }[];
};

const distributionConfig = () => {
  const [distribution] = Object.values(
    resourcesOf(fixture().template, 'AWS::CloudFront::Distribution'),
  );
  return distribution?.Properties.DistributionConfig as DistributionConfig;
};

describe('web hosting', () => {
  it('keeps the site bucket private, encrypted, versioned, logged and TLS-only', () => {
    const { template } = fixture();
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');

    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption, id).toEqual({
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      });
      expect(bucket.DeletionPolicy, id).toBe('Retain');
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
    const site = Object.values(buckets).find((b) => b.Properties.LoggingConfiguration);
    expect(site?.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('serves the site and image buckets through CloudFront with Origin Access Control, over HTTPS', () => {
    const { template } = fixture();
    const config = distributionConfig();

    expect(Object.keys(resourcesOf(template, 'AWS::CloudFront::OriginAccessControl'))).toHaveLength(
      2,
    );
    const images = config.CacheBehaviors.find((b) => b.PathPattern === '/images/*');
    expect(images?.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(
      config.Origins.find((o) => o.Id === images?.TargetOriginId)?.OriginAccessControlId,
    ).toBeDefined();
    const s3Origin = config.Origins.find(
      (o) => o.Id === config.DefaultCacheBehavior.TargetOriginId,
    );
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('sends /api/* to the HTTP API uncached with every method and the viewer headers', () => {
    const config = distributionConfig();
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');

    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'https-only',
    });
    const origin = config.Origins.find((o) => o.Id === api?.TargetOriginId);
    expect(JSON.stringify(origin?.DomainName)).toContain('ApiEndpoint');
    expect(api?.ResponseHeadersPolicyId).toBeDefined();
  });

  it('adds security headers to pages', () => {
    const { template } = fixture();

    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.anyValue(),
        }),
      },
    });
  });

  it('uploads the web build and invalidates the distribution', () => {
    const { template } = fixture();

    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
    });
  });

  it('prints the site URL, the API URL and the table name', () => {
    const { template } = fixture();
    const outputs = Object.keys(template.findOutputs('*'));

    expect(outputs).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl', 'MainTableName']));
  });
});
