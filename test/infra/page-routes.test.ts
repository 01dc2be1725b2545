import { describe, expect, it } from 'vitest';
import { PAGE_CACHE_MAX_TTL_SECONDS } from '../../infra/aws/edge';
import { routes } from '../../infra/routes';
import { PAGE_ROUTE_FUNCTION, PAGE_ROUTES, pageRequestFor } from '../../shared/http/page-routes';
import { TEMPLATES } from '../../shared/pages/templates';
import {
  actionsOf,
  fixture,
  functionLogicalId,
  resourcesOf,
  statementsOfRole,
} from './stack-fixture';

/**
 * The server-filled pages on AWS: a CloudFront behaviour per address to the HTTP API, whose
 * viewer-request function routes exactly as the local host (pageRouteFor), cached by the page's
 * own Cache-Control (capped) and keyed on the query string only; the render function reads the two
 * page templates from the site bucket and nothing else there.
 */
type Value = { value: string; multiValue?: Array<{ value: string }> };
type CfRequest = { uri: string; querystring: Record<string, Value> };
/** The function's answer as `path?query` (query in the function's key order). */
const runFunction = (uri: string, query: Array<[string, string]> = []): string => {
  // biome-ignore lint/security/noGlobalEval: runs the CloudFront Function's own source, as CloudFront does
  const handler = (0, eval)(`(${PAGE_ROUTE_FUNCTION})`) as (e: { request: CfRequest }) => CfRequest;
  const querystring: Record<string, Value> = {};
  for (const [key, value] of query) {
    const had = querystring[key];
    querystring[key] = had
      ? { value: had.value, multiValue: [...(had.multiValue ?? [{ value: had.value }]), { value }] }
      : { value };
  }
  const out = handler({ request: { uri, querystring } });
  const pairs = Object.entries(out.querystring).flatMap(([key, v]) =>
    (v.multiValue ?? [v]).map((m) => [key, m.value]),
  );
  const search = new URLSearchParams(pairs).toString();
  return search ? `${out.uri}?${search}` : out.uri;
};
/** The local host's answer in the same form. */
const runLocal = (uri: string, query: Array<[string, string]> = []): string => {
  const found = pageRequestFor(uri, new URLSearchParams(query));
  if (!found) {
    const search = new URLSearchParams(query).toString();
    return search ? `${uri}?${search}` : uri;
  }
  const search = found.query.toString();
  return search ? `${found.route}?${search}` : found.route;
};

type Behavior = {
  PathPattern: string;
  TargetOriginId: string;
  CachePolicyId: unknown;
  AllowedMethods: string[];
  FunctionAssociations?: Array<{ EventType: string; FunctionARN: unknown }>;
};

describe('server-filled pages on AWS', () => {
  it('every page address routes to a public GET route of the manifest', () => {
    for (const page of Object.values(PAGE_ROUTES)) {
      const route = routes.find((r) => r.path === page.route);
      expect(route, page.route).toBeDefined();
      expect(route?.method).toBe('GET');
      expect(route?.auth).toBe('public');
      expect(route?.siteTemplates).toBe(true);
    }
  });

  it('the viewer-request function rewrites as the local host routes, and leaves the rest', () => {
    const cases: Array<[string, Array<[string, string]>]> = [
      ...Object.keys(PAGE_ROUTES).map((uri): [string, Array<[string, string]>] => [uri, []]),
      [
        '/',
        [
          ['utm_source', 'facebook'],
          ['fbclid', 'x'],
        ],
      ],
      [
        '/',
        [
          ['q', 'tôm khô'],
          ['category', 'honey'],
          ['fbclid', 'x'],
          ['sort', 'newest'],
        ],
      ],
      [
        '/',
        [
          ['q', 'a'],
          ['q', 'b'],
        ],
      ],
      [
        '/index.html',
        [
          ['inStock', 'true'],
          ['minPrice', '1'],
          ['maxPrice', '2'],
        ],
      ],
      [
        '/',
        [
          ['commune', '32011'],
          ['seller', 'se-1'],
          ['constructor', '1'],
          ['__proto__', '1'],
        ],
      ],
      [
        '/san-pham/',
        [
          ['id', 'pr-1'],
          ['utm_campaign', 'tet'],
        ],
      ],
      ['/san-pham', [['id', 'pr-1']]],
      ['/san-pham/index.html', [['x', '1']]],
      ['/san-pham/main.js', [['id', 'pr-1']]],
      ['/gio-hang/', [['a', '1']]],
      ['/styles.css', []],
      ['/index.htm', []],
      ['/constructor', []],
      ['/__proto__', []],
      ['/toString', []],
    ];
    for (const [uri, query] of cases)
      expect(runFunction(uri, query), `${uri} ${JSON.stringify(query)}`).toBe(runLocal(uri, query));
    expect(runFunction('/', [['fbclid', 'x']])).toBe('/api/pages/storefront');
    expect(
      runFunction('/san-pham/', [
        ['id', 'pr-1'],
        ['utm_source', 'zalo'],
      ]),
    ).toBe('/api/pages/product?id=pr-1');
  });

  it('has one behaviour per address: API origin, GET/HEAD, the page cache policy, the function', () => {
    const { template } = fixture();
    const [distribution] = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig as {
      CacheBehaviors: Behavior[];
    };
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    const pages = config.CacheBehaviors.filter((b) => b.PathPattern in PAGE_ROUTES);
    expect(pages.map((b) => b.PathPattern).sort()).toEqual(Object.keys(PAGE_ROUTES).sort());
    const functions = resourcesOf(template, 'AWS::CloudFront::Function');
    const routeFunctionId = Object.entries(functions).find(
      ([, f]) => f.Properties.FunctionCode === PAGE_ROUTE_FUNCTION,
    )?.[0];
    expect(routeFunctionId).toBeDefined();
    const policies = resourcesOf(template, 'AWS::CloudFront::CachePolicy');
    for (const behavior of pages) {
      expect(behavior.TargetOriginId).toBe(api?.TargetOriginId);
      expect(behavior.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
      expect(behavior.FunctionAssociations).toEqual([
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [routeFunctionId, 'FunctionARN'] },
        },
      ]);
      const policyId = (behavior.CachePolicyId as { Ref: string }).Ref;
      const policy = policies[policyId]?.Properties.CachePolicyConfig as {
        MinTTL: number;
        DefaultTTL: number;
        MaxTTL: number;
        ParametersInCacheKeyAndForwardedToOrigin: {
          QueryStringsConfig: { QueryStringBehavior: string };
          CookiesConfig: { CookieBehavior: string };
          HeadersConfig: { HeaderBehavior: string };
          EnableAcceptEncodingBrotli: boolean;
        };
      };
      expect(policy.MinTTL).toBe(0);
      // Without a Cache-Control from the render, nothing is kept.
      expect(policy.DefaultTTL).toBe(0);
      expect(policy.MaxTTL).toBe(PAGE_CACHE_MAX_TTL_SECONDS);
      const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
      expect(key.QueryStringsConfig.QueryStringBehavior).toBe('all');
      expect(key.CookiesConfig.CookieBehavior).toBe('none');
      expect(key.HeadersConfig.HeaderBehavior).toBe('none');
      expect(key.EnableAcceptEncodingBrotli).toBe(true);
    }
  });

  it('the render function reads the two page templates from the site bucket, nothing more', () => {
    const { template, stack } = fixture();
    const id = functionLogicalId(stack, 'api-pages');
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[id];
    if (!fn) throw new Error('no page-render function');
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.SITE_BUCKET).toEqual({ Ref: expect.stringMatching(/^SiteBucket/) });
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const s3 = statementsOfRole(template, role).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('s3:')),
    );
    expect(s3).toHaveLength(1);
    expect(actionsOf(s3[0] as never)).toEqual(['s3:GetObject']);
    const listed = (s3[0]?.Resource ?? []) as unknown[];
    for (const key of Object.values(TEMPLATES)) expect(JSON.stringify(listed)).toContain(`/${key}`);
    expect(listed).toHaveLength(Object.keys(TEMPLATES).length);
    // No other function gets the site bucket.
    const others = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(
      ([logicalId, f]) =>
        logicalId !== id &&
        (f.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
          ?.SITE_BUCKET !== undefined,
    );
    expect(others).toEqual([]);
  });
});
