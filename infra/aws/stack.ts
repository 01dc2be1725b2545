import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpMethod as ApiHttpMethod,
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  AttributeType,
  BillingMode,
  type ITable,
  StreamViewType,
  Table,
} from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AaaaRecord, ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/_http/origin-verify';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '../../shared/http/cors';
import { PAGE_PRELOAD_FUNCTION } from '../../shared/http/page-preload';
import {
  contentSecurityPolicy,
  FRAME_OPTIONS,
  HSTS_MAX_AGE_SECONDS,
  REFERRER_POLICY,
} from '../../shared/http/security-headers';
import { TEMPLATES } from '../../shared/pages/templates';
import { IMAGE_RESPONSE_HEADERS } from '../../shared/storage/image-headers';
import { type FunctionEntry, prepareFunctionEntries } from '../bundle-entries';
import { DESCRIBE_TABLE, KEY_ACCESS } from '../key-access';
import { jobs, mergeAccess, streamConsumers } from '../routes';
import { type KeyAttribute, type TableDefinition, type TableId, tables } from '../tables';
import { ManifestFunction } from './api-function';
import { type CustomDomain, customDomain } from './domain';
import { PageBehaviors, routeThrottleSettings, STAGE_THROTTLE } from './edge';
import { addNagSuppressions } from './nag-suppressions';

export interface ChoSoStackProps extends StackProps {
  /** The functions to deploy; default: the manifest's (entries written to cdk.out/.entries). */
  functions?: FunctionEntry[];
  /** Built web/dist to upload; without it there is no BucketDeployment (tests may skip it). */
  webDist?: string;
  /** Shown by /api/health. */
  appVersion?: string;
  /** POWERTOOLS_LOG_LEVEL. */
  logLevel?: string;
  /** Stage-wide throttling of the HTTP API (default STAGE_THROTTLE, infra/aws/edge.ts). */
  apiRateLimit?: number;
  apiBurstLimit?: number;
  /** ARN of a CLOUDFRONT-scope WAF web ACL for the distribution (`-c waf=true`, ChoSoWafStack). */
  webAclArn?: string;
  /**
   * Sender of the market's mail (MAIL_FROM). Its domain becomes the SES identity (DKIM records in
   * the outputs); default `no-reply@choso.vn`.
   */
  mailFrom?: string;
  /**
   * Origins, beyond the site's own, that may call the API from a browser. The site calls /api/*
   * on its own origin through CloudFront, which needs no CORS.
   */
  extraCorsOrigins?: string[];
  /**
   * The site's own host name and its us-east-1 ACM certificate (`-c domain -c certificateArn`,
   * checked by ./domain.ts): CloudFront's alternate domain name, SITE_URL and the first CORS origin.
   * Without it the site is at the CloudFront default domain.
   */
  domain?: CustomDomain;
}

const pascal = (name: string) =>
  name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');

const attributeType = (attr: KeyAttribute) => ({
  name: attr.name,
  type:
    attr.type === 'S'
      ? AttributeType.STRING
      : attr.type === 'N'
        ? AttributeType.NUMBER
        : AttributeType.BINARY,
});

const streamViewType: Record<NonNullable<TableDefinition['stream']>, StreamViewType> = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  OLD_IMAGE: StreamViewType.OLD_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
  KEYS_ONLY: StreamViewType.KEYS_ONLY,
};

/** A table exactly as infra/tables.ts defines it (the parity test holds us to it). */
function createTable(scope: Construct, def: TableDefinition): Table {
  const table = new Table(scope, `${pascal(def.id)}Table`, {
    partitionKey: attributeType(def.partitionKey),
    ...(def.sortKey ? { sortKey: attributeType(def.sortKey) } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(def.stream ? { stream: streamViewType[def.stream] } : {}),
    ...(def.timeToLiveAttribute ? { timeToLiveAttribute: def.timeToLiveAttribute } : {}),
  });
  for (const index of def.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attributeType(index.partitionKey),
      ...(index.sortKey ? { sortKey: attributeType(index.sortKey) } : {}),
    });
  }
  return table;
}

/** CloudFront Function: `/x/` and `/x` serve `/x/index.html`, as the local host does. */
const DIRECTORY_INDEX = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) request.uri = uri + '/index.html';
  return request;
}`;

/**
 * Chợ Số on AWS: the tables of infra/tables.ts, one Lambda per route group of infra/routes.ts
 * behind an HTTP API, the stream consumer and the scheduled jobs, the signing-key secret, and the
 * web build on S3 behind CloudFront (which also routes /api/* to the HTTP API).
 * Environment-agnostic: no lookups, so `cdk synth` runs offline without credentials.
 */
export class ChoSoStack extends Stack {
  readonly tables: Record<TableId, Table>;
  readonly functions = new Map<string, ManifestFunction>();
  readonly api: HttpApi;
  readonly distribution: Distribution;
  readonly signingSecret: Secret;
  readonly originVerifySecret: Secret;
  /** The WAF web ACL on the distribution, when `-c waf=true` gave one. */
  readonly webAclArn: string | undefined;
  /** The site's own domain (`-c domain`), when set. */
  readonly domain: CustomDomain | undefined;
  readonly imagesBucket: Bucket;
  readonly failureQueues: Queue[] = [];
  /** SES: the sender's domain, the configuration set, and the topic of bounces and complaints. */
  readonly mailIdentity: EmailIdentity;
  readonly mailConfigurationSet: ConfigurationSet;
  readonly mailEventsTopic: Topic;

  constructor(scope: Construct, id: string, props: ChoSoStackProps = {}) {
    super(scope, id, props);
    const entries = props.functions ?? prepareFunctionEntries();
    // Checked again here so a stack built without app.ts cannot take a bad name or certificate.
    const domain = props.domain
      ? customDomain({
          domain: props.domain.name,
          certificateArn: props.domain.certificateArn,
          hostedZoneId: props.domain.hostedZone?.id,
          hostedZoneName: props.domain.hostedZone?.name,
        })
      : undefined;
    this.domain = domain;
    this.webAclArn = props.webAclArn;

    // --- data ---------------------------------------------------------------------------------
    this.tables = Object.fromEntries(
      tables.map((def) => [def.id, createTable(this, def)]),
    ) as Record<TableId, Table>;
    const tableRefs: Record<TableId, ITable> = this.tables;

    this.signingSecret = new Secret(this, 'SigningSecret', {
      description: 'Chợ Số: key that signs session tokens (read by the API functions)',
      // {"signingKey": "..."}: the shape shared/secrets.ts reads through the secrets extension.
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'signingKey',
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const signingSecret = this.signingSecret;

    // CloudFront adds this value as the `x-origin-verify` header on every request to the HTTP
    // API, and the API functions refuse requests without it (functions/_http/origin-verify.ts):
    // calling the execute-api endpoint directly bypasses the WAF and the edge, so it gets 403.
    this.originVerifySecret = new Secret(this, 'OriginVerifySecret', {
      description: 'Chợ Số: header value CloudFront sends to the HTTP API (origin verification)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const originVerifySecret = this.originVerifySecret;

    // --- web: bucket, logs, CloudFront ----------------------------------------------------------
    const logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are delivered with an ACL grant.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const siteBucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3/site/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Product images: browsers PUT to pre-signed URLs (the signature is the authorisation, so
    // any origin may PUT; a CloudFront origin here would make a dependency cycle), pages read
    // them through CloudFront at /images/* (S3 key `images/img/<seller>/<id>.<ext>`).
    this.imagesBucket = new Bucket(this, 'ImagesBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3/images/',
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: ['*'],
          // if-none-match: the signed `*` that makes S3 refuse to overwrite (shared/storage).
          allowedHeaders: ['content-type', 'if-none-match'],
          maxAge: 3600,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const imagesBucket = this.imagesBucket;

    const apiLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Chợ Số API: one route per entry of infra/routes.ts',
      createDefaultStage: false,
      corsPreflight: {
        allowMethods: CORS_ALLOW_METHODS.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...CORS_ALLOW_HEADERS],
        exposeHeaders: [...CORS_EXPOSE_HEADERS],
        maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
        ...(props.extraCorsOrigins?.length ? { allowOrigins: props.extraCorsOrigins } : {}),
      },
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.apiRateLimit ?? STAGE_THROTTLE.rateLimit,
        burstLimit: props.apiBurstLimit ?? STAGE_THROTTLE.burstLimit,
      },
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiLogs),
        // Who, which route, what came back, how fast; never query strings, paths or bodies.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // The same header set the local host sends (shared/http/security-headers.ts). The browser
    // PUTs product images straight to the bucket's pre-signed URL, whose origin is the bucket's
    // regional endpoint (virtual-hosted style, shared/storage/s3-signing.ts): connect-src allows
    // exactly that origin, not `https:`.
    const imagesOrigin = `https://${imagesBucket.bucketRegionalDomainName}`;
    // Route-level limits for the routes a flood would go for (infra/aws/edge.ts); each named
    // route must exist before the stage that refers to it.
    (stage.node.defaultChild as CfnStage).routeSettings = routeThrottleSettings();

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Chợ Số: security headers for pages and API',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: frameOption(FRAME_OPTIONS), override: true },
        referrerPolicy: { referrerPolicy: referrerPolicy(REFERRER_POLICY), override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: cspWithOrigin(imagesOrigin),
          override: false,
        },
      },
    });
    const apiDomain = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
    const apiOrigin = new HttpOrigin(apiDomain, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // Resolved by CloudFormation at deploy time ({{resolve:secretsmanager:...}}); it
      // replaces any header of the same name a viewer sends.
      customHeaders: {
        [ORIGIN_VERIFY_HEADER]: originVerifySecret.secretValue.unsafeUnwrap(),
      },
    });
    // `/` and `/san-pham/`: filled by their page routes, cached briefly (infra/aws/edge.ts).
    const pages = new PageBehaviors(this, 'Pages', {
      origin: apiOrigin,
      responseHeadersPolicy: securityHeaders,
    });
    this.distribution = new Distribution(this, 'Site', {
      comment: 'Chợ Số: web/ from S3, /api/* to the HTTP API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'DirectoryIndex', {
              code: FunctionCode.fromInline(DIRECTORY_INDEX),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'Serves /x/index.html for /x/ and /x',
            }),
          },
          {
            eventType: FunctionEventType.VIEWER_RESPONSE,
            function: new EdgeFunction(this, 'PagePreload', {
              code: FunctionCode.fromInline(PAGE_PRELOAD_FUNCTION),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'Link: preload of the product a product page will fetch',
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/images/*': {
          origin: S3BucketOrigin.withOriginAccessControl(imagesBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          // Image keys are new ids on every upload: they never change, so cache them for a year.
          // The headers the local host sends with images (shared/storage/image-headers.ts).
          responseHeadersPolicy: new ResponseHeadersPolicy(this, 'ImageHeaders', {
            comment: 'Chợ Số: immutable, sandboxed product images',
            securityHeadersBehavior: {
              contentTypeOptions: { override: true },
              contentSecurityPolicy: {
                contentSecurityPolicy: IMAGE_RESPONSE_HEADERS['content-security-policy'],
                override: true,
              },
            },
            customHeadersBehavior: {
              customHeaders: (['cache-control', 'cross-origin-resource-policy'] as const).map(
                (header) => ({ header, value: IMAGE_RESPONSE_HEADERS[header], override: true }),
              ),
            },
          }),
          compress: false,
        },
        ...pages.behaviors,
        '/api/*': {
          origin: apiOrigin,
          // A redirect would drop a POST body: plain HTTP is refused instead.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Viewer headers except Host, plus CloudFront's headers, CloudFront-Viewer-Address
          // among them (functions/_http/client-address.ts).
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes the Asian edge locations that serve Vietnam.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(domain
        ? {
            domainNames: [domain.name],
            certificate: Certificate.fromCertificateArn(
              this,
              'SiteCertificate',
              domain.certificateArn,
            ),
          }
        : {}),
    });
    // The CloudFront default domain keeps answering when a custom domain is set; links in mail
    // and the first CORS origin use the custom one.
    const defaultOrigin = `https://${this.distribution.distributionDomainName}`;
    const siteOrigin = domain ? `https://${domain.name}` : defaultOrigin;
    if (domain?.hostedZone) {
      const zone = HostedZone.fromHostedZoneAttributes(this, 'SiteZone', {
        hostedZoneId: domain.hostedZone.id,
        zoneName: domain.hostedZone.name,
      });
      const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
      new ARecord(this, 'SiteAlias', { zone, recordName: domain.name, target });
      new AaaaRecord(this, 'SiteAliasIpv6', { zone, recordName: domain.name, target });
    }

    if (props.webDist) {
      new BucketDeployment(this, 'DeployWeb', {
        sources: [Source.asset(props.webDist)],
        destinationBucket: siteBucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
        logGroup: new LogGroup(this, 'DeployWebLogs', { retention: RetentionDays.ONE_MONTH }),
      });
    }

    // --- mail (Amazon SES) ---------------------------------------------------------------------
    // The sender's domain is the identity (DKIM: publish the three CNAME records of the outputs).
    // Mail goes through a configuration set that suppresses addresses that bounced or complained
    // (SES's suppression list) and publishes bounces, complaints, rejects and delays to an
    // encrypted SNS topic (subscribe an operator's address or a queue to MailEventsTopicArn).
    const mailFrom = props.mailFrom ?? 'no-reply@choso.vn';
    const mailDomain = /^[^@\s]+@([a-z0-9.-]+\.[a-z]{2,})$/i.exec(mailFrom)?.[1];
    if (!mailDomain) throw new Error(`mailFrom must be an email address, got ${mailFrom}`);
    const mailKey = new Key(this, 'MailEventsKey', {
      description: 'Chợ Số: encrypts the SES bounce and complaint topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    mailKey.grant(new ServicePrincipal('ses.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');
    this.mailEventsTopic = new Topic(this, 'MailEventsTopic', {
      displayName: 'Chợ Số mail bounces and complaints',
      masterKey: mailKey,
      enforceSSL: true,
    });
    this.mailConfigurationSet = new ConfigurationSet(this, 'MailConfigurationSet', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    this.mailConfigurationSet.addEventDestination('MailEvents', {
      destination: EventDestination.snsTopic(this.mailEventsTopic),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    this.mailIdentity = new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(mailDomain),
      configurationSet: this.mailConfigurationSet,
    });
    const mailConfigurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.mailConfigurationSet.configurationSetName,
    });

    // --- functions ------------------------------------------------------------------------------
    const environment = {
      HOST_KIND: 'aws',
      APP_VERSION: props.appVersion ?? 'dev',
      CORS_ALLOWED_ORIGINS: [
        siteOrigin,
        ...(domain ? [defaultOrigin] : []),
        ...(props.extraCorsOrigins ?? []),
      ].join(','),
      POWERTOOLS_SERVICE_NAME: 'cho-so',
      POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
    };
    for (const entry of entries) {
      const fn = new ManifestFunction(this, pascal(entry.name), {
        entry,
        tables: tableRefs,
        environment:
          entry.kind === 'api'
            ? {
                ...environment,
                SIGNING_SECRET_ARN: signingSecret.secretArn,
                ORIGIN_VERIFY_SECRET_ARN: originVerifySecret.secretArn,
              }
            : environment,
        secretsExtension: entry.kind === 'api',
        ...(routeTimeout(entry) ? { timeout: routeTimeout(entry) } : {}),
        // Least privilege per function: only the partitions infra/key-access.ts lists (proved
        // complete by test/integration/http/key-access.test.ts).
        leadingKeys: leadingKeysOf(entry),
      });
      if (DESCRIBE_TABLE.includes(entry.name)) {
        // The health route reads the table's status; DescribeTable names no key.
        for (const table of Object.keys(entry.tables) as TableId[]) {
          fn.fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['dynamodb:DescribeTable'],
              resources: [tableRefs[table].tableArn],
            }),
          );
        }
      }
      const images = mergeAccess(
        entry.routes.map((route) => (route.images ? { main: route.images } : {})),
      ).main;
      if (images) {
        // Exactly the object actions the image store uses, on the product-image prefix only
        // (grantPut/grantRead would add s3:Abort*, List*, GetBucket* ...).
        fn.fn.addEnvironment('IMAGES_BUCKET', imagesBucket.bucketName);
        const actions = [
          ...(images !== 'read' ? ['s3:PutObject'] : []),
          ...(images !== 'write' ? ['s3:GetObject'] : []),
        ];
        fn.fn.addToRolePolicy(
          new PolicyStatement({ actions, resources: [imagesBucket.arnForObjects('images/img/*')] }),
        );
        if (images !== 'write') {
          // Without ListBucket S3 answers 403, not 404, for a key that does not exist; a reader
          // must tell "never uploaded" from a failure (shared/storage/s3-signing.ts). Listing is
          // limited to the image prefix.
          fn.fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['s3:ListBucket'],
              resources: [imagesBucket.bucketArn],
              conditions: { StringLike: { 's3:prefix': ['images/img/*'] } },
            }),
          );
        }
      }
      if (entry.kind === 'api' && entry.routes.some((route) => route.siteTemplates)) {
        // The built pages it fills, read from the site bucket: GetObject on those keys only.
        fn.fn.addEnvironment('SITE_BUCKET', siteBucket.bucketName);
        fn.fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['s3:GetObject'],
            resources: Object.values(TEMPLATES).map((key) => siteBucket.arnForObjects(key)),
          }),
        );
      }
      if (sendsMail(entry)) {
        // Exactly ses:SendEmail, from MAIL_FROM only, through this identity and configuration set.
        fn.fn.addEnvironment('MAIL_FROM', mailFrom);
        fn.fn.addEnvironment(
          'SES_CONFIGURATION_SET',
          this.mailConfigurationSet.configurationSetName,
        );
        fn.fn.addEnvironment('SITE_URL', siteOrigin);
        fn.fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: [this.mailIdentity.emailIdentityArn, mailConfigurationSetArn],
            conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
          }),
        );
      }
      this.functions.set(entry.name, fn);
      if (entry.kind === 'api') {
        signingSecret.grantRead(fn.fn);
        originVerifySecret.grantRead(fn.fn);
        denyCredentialPartitions(fn, entry, tableRefs);
        const integration = new HttpLambdaIntegration(`${pascal(entry.name)}Integration`, fn.fn);
        for (const route of entry.routes) {
          const added = this.api.addRoutes({
            path: route.path,
            methods: [ApiHttpMethod[route.method]],
            integration,
          });
          stage.node.addDependency(...added);
        }
      }
      if (entry.kind === 'stream') {
        const consumer = streamConsumers.find((c) => c.id === entry.id);
        if (!consumer) throw new Error(`No stream consumer '${entry.id}' in infra/routes.ts`);
        const failures = new Queue(this, `${pascal(entry.name)}Failures`, {
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        });
        this.failureQueues.push(failures);
        fn.fn.addEventSource(
          new DynamoEventSource(this.tables[consumer.source], {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: consumer.batchSize,
            maxBatchingWindow: Duration.seconds(consumer.maxBatchingWindowSeconds),
            bisectBatchOnError: true,
            retryAttempts: consumer.retryAttempts,
            reportBatchItemFailures: true,
            onFailure: new SqsDlq(failures),
          }),
        );
      }
      if (entry.kind === 'job') {
        const job = jobs.find((j) => j.id === entry.id);
        if (!job) throw new Error(`No job '${entry.id}' in infra/routes.ts`);
        new Rule(this, `${pascal(entry.name)}Schedule`, {
          description: job.summary,
          schedule: Schedule.rate(Duration.minutes(job.everyMinutes)),
          targets: [new LambdaFunction(fn.fn, { retryAttempts: 2 })],
        });
      }
    }

    // --- outputs --------------------------------------------------------------------------------
    new CfnOutput(this, 'SiteUrl', { value: siteOrigin });
    if (domain) {
      new CfnOutput(this, 'CnameTarget', {
        description: domain.hostedZone
          ? `${domain.name} has A/AAAA aliases to this in the hosted zone ${domain.hostedZone.name}`
          : `Point ${domain.name} at this: a CNAME record (or a Route 53 alias)`,
        value: this.distribution.distributionDomainName,
      });
    }
    new CfnOutput(this, 'MailEventsTopicArn', { value: this.mailEventsTopic.topicArn });
    this.mailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `MailDkim${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    for (const def of tables) {
      new CfnOutput(this, `${pascal(def.id)}TableName`, { value: this.tables[def.id].tableName });
    }

    addNagSuppressions(this);
  }
}

/** A function's LeadingKeys allow-list; every function of the manifest must have one. */
export function leadingKeysOf(entry: FunctionEntry): readonly string[] {
  const list = KEY_ACCESS[entry.name];
  if (!list?.length)
    throw new Error(
      `infra/key-access.ts has no partition list for ${entry.name}: add one (test/integration/http/key-access.test.ts records what it uses)`,
    );
  return list;
}

/** Whether a function sends mail: one of its routes, or its stream consumer, says `mail` (infra/routes.ts). */
export function sendsMail(entry: FunctionEntry): boolean {
  if (entry.kind === 'api') return entry.routes.some((route) => route.mail);
  if (entry.kind === 'stream') return Boolean(streamConsumers.find((c) => c.id === entry.id)?.mail);
  return false;
}

/** An API function's timeout: the largest its routes ask for (infra/routes.ts), else the default. */
function routeTimeout(entry: FunctionEntry): Duration | undefined {
  const seconds = Math.max(0, ...entry.routes.map((route) => route.timeoutSeconds ?? 0));
  return seconds > 0 ? Duration.seconds(seconds) : undefined;
}

/** `DENY`/`SAMEORIGIN` of shared/http/security-headers.ts as CloudFront's enum. */
function frameOption(value: string): HeadersFrameOption {
  if (value === 'DENY') return HeadersFrameOption.DENY;
  if (value === 'SAMEORIGIN') return HeadersFrameOption.SAMEORIGIN;
  throw new Error(`No CloudFront frame option for ${value}`);
}

/** A Referrer-Policy value of shared/http/security-headers.ts as CloudFront's enum. */
function referrerPolicy(value: string): HeadersReferrerPolicy {
  const found = Object.values(HeadersReferrerPolicy).find((policy) => policy === value);
  if (!found) throw new Error(`No CloudFront referrer policy ${value}`);
  return found;
}

/**
 * The shared page CSP with one more connect-src origin that is a deploy-time token (the bucket's
 * regional endpoint): the shared builder checks origins, so it gets a stand-in that is then
 * replaced by the token.
 */
function cspWithOrigin(origin: string): string {
  const standIn = 'https://images-bucket.invalid';
  const csp = contentSecurityPolicy([standIn]);
  if (!csp.includes(`connect-src 'self' ${standIn}`)) throw new Error('Unexpected CSP shape');
  return csp.replace(standIn, origin);
}

/**
 * Partitions of the credentials: accounts (password hashes), logins, sessions, API keys, sign-in
 * throttles, password-reset links and one-time passwords. A function whose routes are all public never needs them, so its role is
 * denied every key in them (dynamodb:LeadingKeys covers the table's and the indexes' partition
 * keys), whatever its table grant says.
 */
export const CREDENTIAL_PARTITIONS = [
  'ACCOUNT#*',
  'LOGIN#*',
  'SESSION#*',
  'APIKEY#*',
  'THROTTLE#*',
  'PWRESET#*',
  'ONETIMEPW#*',
];

function denyCredentialPartitions(
  fn: ManifestFunction,
  entry: FunctionEntry,
  tableRefs: Record<TableId, ITable>,
): void {
  if (!entry.routes.length || entry.routes.some((route) => route.auth !== 'public')) return;
  for (const table of Object.keys(entry.tables) as TableId[]) {
    const arn = tableRefs[table].tableArn;
    fn.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['dynamodb:*'],
        resources: [arn, `${arn}/index/*`],
        conditions: {
          'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': CREDENTIAL_PARTITIONS },
        },
      }),
    );
  }
}
