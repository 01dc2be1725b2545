import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  type IOrigin,
  type IResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { PAGE_ROUTE_FUNCTION, PAGE_ROUTES } from '../../shared/http/page-routes';
import { type RouteDefinition, routeKeyOf, routes } from '../routes';

/**
 * The edge in front of the HTTP API: per-route API Gateway throttles, and the opt-in WAF
 * (`-c waf=true`). CloudFront as the only way in (the origin-verify header) is in ./stack.ts and
 * functions/_http/origin-verify.ts; docs/security.md explains how the pieces fit.
 */

/**
 * Stage-wide limits (requests per second, burst): the ceiling for the whole API, sized for the
 * expected load of one province's market with room to spare, and far below the account's Lambda
 * concurrency so a flood cannot starve other workloads of the account.
 */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * Routes that one client could use to exhaust the stage limit, or that are expensive, get their
 * own lower limit: a flood of password guesses, sign-ups, imports or upload tickets then fills
 * its own route's budget and the rest of the site keeps answering. These are route-wide limits
 * (API Gateway has no per-client limit for HTTP APIs); per-client limits are the WAF's
 * rate-based rules below, and the sign-in throttle per login and address in the handler.
 */
export const ROUTE_THROTTLES: Readonly<Record<string, { rateLimit: number; burstLimit: number }>> =
  {
    'POST /api/auth/sign-in': { rateLimit: 10, burstLimit: 20 },
    'POST /api/sellers': { rateLimit: 2, burstLimit: 5 },
    'POST /api/me/password': { rateLimit: 2, burstLimit: 5 },
    // Each request may send a mail (and costs at least 400 ms); each confirm runs scrypt.
    'POST /api/auth/password-reset/request': { rateLimit: 2, burstLimit: 5 },
    'POST /api/auth/password-reset/confirm': { rateLimit: 2, burstLimit: 5 },
    'POST /api/seller/imports': { rateLimit: 2, burstLimit: 4 },
    'POST /api/seller/uploads': { rateLimit: 10, burstLimit: 20 },
  };

/** The route settings of the stage: every ROUTE_THROTTLES entry that names a manifest route. */
export function routeThrottleSettings(
  list: readonly RouteDefinition[] = routes,
): Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> {
  const known = new Set(list.map(routeKeyOf));
  const out: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
  for (const [routeKey, limit] of Object.entries(ROUTE_THROTTLES)) {
    if (!known.has(routeKey)) throw new Error(`ROUTE_THROTTLES names no route: ${routeKey}`);
    out[routeKey] = {
      ThrottlingRateLimit: limit.rateLimit,
      ThrottlingBurstLimit: limit.burstLimit,
    };
  }
  return out;
}

/** Requests per 5 minutes per viewer address: everything, and the sign-in/sign-up routes. */
export const WAF_RATE_LIMITS = { all: 1000, auth: 100 } as const;

export interface WafStackProps extends StackProps {
  /** Requests per 5 minutes from one address before WAF blocks it (default WAF_RATE_LIMITS.all). */
  rateLimit?: number;
  /** The same for /api/auth/ and sign-up (default WAF_RATE_LIMITS.auth). */
  authRateLimit?: number;
}

/**
 * The opt-in WAF of the distribution. A CloudFront web ACL must live in us-east-1, so it is its
 * own stack there (infra/aws/app.ts passes its ARN to ChoSoStack with cross-region references).
 * Rules: AWS managed common rule set (OWASP-style, with the 8 KB body-size rule counting only:
 * imports and product bodies are bigger, and the handlers limit sizes themselves), a rate-based
 * rule per viewer address for everything, and a tighter one for sign-in and sign-up.
 * Cost: see the README (web ACL + 3 rules + per-request fee).
 */
export class ChoSoWafStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WafStackProps = {}) {
    super(scope, id, props);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: 'Cho So site - AWS managed common rules, rate limits per viewer address',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ChoSoWebAcl'),
      rules: [
        {
          name: 'RateLimitAuth',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.authRateLimit ?? WAF_RATE_LIMITS.auth,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: [
                    byteMatch('/api/auth/', 'STARTS_WITH'),
                    byteMatch('/api/sellers', 'EXACTLY'),
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('ChoSoRateLimitAuth'),
        },
        {
          name: 'RateLimitAll',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.rateLimit ?? WAF_RATE_LIMITS.all,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('ChoSoRateLimitAll'),
        },
        {
          name: 'AwsCommonRules',
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('ChoSoAwsCommonRules'),
        },
      ],
    });
  }
}

function byteMatch(path: string, positionalConstraint: 'STARTS_WITH' | 'EXACTLY') {
  return {
    byteMatchStatement: {
      searchString: path,
      fieldToMatch: { uriPath: {} },
      positionalConstraint,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
}

/**
 * The pages the server fills (shared/http/page-routes.ts: `/`, `/index.html`, `/san-pham/` …):
 * one behaviour per address, to the HTTP API, whose viewer-request function rewrites the URI to
 * the page's manifest route (query string kept). Cached by what the render answers
 * (`s-maxage=60, stale-while-revalidate=300, stale-if-error=86400`, functions/pages/respond.ts),
 * capped at 5 minutes; the cache key is the path and the whole query string, never cookies or
 * headers (the pages are the same for everyone; the render gets no cookie). Everything else of
 * the site stays on the bucket (the default behaviour).
 */
export const PAGE_CACHE_MAX_TTL_SECONDS = 300;

export class PageBehaviors extends Construct {
  readonly cachePolicy: CachePolicy;
  readonly routeFunction: EdgeFunction;
  readonly behaviors: Record<string, BehaviorOptions>;

  constructor(
    scope: Construct,
    id: string,
    props: { origin: IOrigin; responseHeadersPolicy: IResponseHeadersPolicy },
  ) {
    super(scope, id);
    this.cachePolicy = new CachePolicy(this, 'CachePolicy', {
      comment: 'Chợ Số: server-filled pages, as long as their Cache-Control says (at most 5 min)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(PAGE_CACHE_MAX_TTL_SECONDS),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.routeFunction = new EdgeFunction(this, 'RouteFunction', {
      code: FunctionCode.fromInline(PAGE_ROUTE_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Sends / and /san-pham/ to their page-render routes',
    });
    const behavior: BehaviorOptions = {
      origin: props.origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: this.cachePolicy,
      responseHeadersPolicy: props.responseHeadersPolicy,
      compress: true,
      functionAssociations: [
        { eventType: FunctionEventType.VIEWER_REQUEST, function: this.routeFunction },
      ],
    };
    this.behaviors = Object.fromEntries(Object.keys(PAGE_ROUTES).map((path) => [path, behavior]));
  }
}
