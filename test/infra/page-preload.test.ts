import { describe, expect, it } from 'vitest';
import { PAGE_PRELOAD_FUNCTION, pagePreloadLink } from '../../shared/http/page-preload';
import { fixture, resourcesOf } from './stack-fixture';

/**
 * The product page's `Link: rel=preload` on AWS: a CloudFront viewer-response function on the
 * pages' behaviour, whose code answers every case exactly as the local host's pagePreloadLink.
 */
type Header = { value: string };
type CfEvent = {
  request: { uri: string; querystring: Record<string, Header & { multiValue?: Header[] }> };
  response: { headers: Record<string, Header> };
};

function runFunction(uri: string, query: Record<string, string | string[]>): string | undefined {
  // biome-ignore lint/security/noGlobalEval: runs the CloudFront Function's own source, as CloudFront does
  const handler = (0, eval)(`(${PAGE_PRELOAD_FUNCTION})`) as (e: CfEvent) => CfEvent['response'];
  const querystring: CfEvent['request']['querystring'] = {};
  for (const [k, v] of Object.entries(query)) {
    const values = Array.isArray(v) ? v : [v];
    querystring[k] = {
      value: values[0] ?? '',
      ...(values.length > 1 ? { multiValue: values.map((value) => ({ value })) } : {}),
    };
  }
  return handler({ request: { uri, querystring }, response: { headers: {} } }).headers.link?.value;
}

describe('product page preload on AWS', () => {
  it('is a viewer-response function on the pages behaviour', () => {
    const { template } = fixture();
    const functions = Object.values(resourcesOf(template, 'AWS::CloudFront::Function'));
    const preload = functions.find(
      (f) => (f.Properties.FunctionCode as string) === PAGE_PRELOAD_FUNCTION,
    );
    expect(preload).toBeDefined();
    const [distribution] = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig as {
      DefaultCacheBehavior: { FunctionAssociations: Array<{ EventType: string }> };
    };
    expect(config.DefaultCacheBehavior.FunctionAssociations.map((a) => a.EventType)).toEqual([
      'viewer-request',
      'viewer-response',
    ]);
  });

  it('answers as the local host does, case by case', () => {
    const cases: Array<[string, Record<string, string | string[]>]> = [
      ['/san-pham/index.html', { id: 'pr-123' }],
      ['/san-pham/', { id: 'pr-123' }],
      ['/san-pham', { id: 'abc' }],
      ['/san-pham/index.html', {}],
      ['/san-pham/index.html', { id: '' }],
      ['/san-pham/index.html', { id: '../../api/me' }],
      ['/san-pham/index.html', { id: 'a>; rel=preload' }],
      ['/san-pham/index.html', { id: 'x'.repeat(65) }],
      ['/san-pham/index.html', { id: 'x'.repeat(64) }],
      ['/gio-hang/index.html', { id: 'pr-123' }],
      ['/index.html', { id: 'pr-123' }],
    ];
    for (const [uri, query] of cases) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) params.append(k, String(v));
      expect(runFunction(uri, query), `${uri} ${JSON.stringify(query)}`).toBe(
        pagePreloadLink(uri, params),
      );
    }
    expect(runFunction('/san-pham/index.html', { id: 'pr-123' })).toBe(
      '</api/products/pr-123>; rel=preload; as=fetch; crossorigin=anonymous',
    );
    // A repeated id is ambiguous: no preload (the page reads the first; nothing is lost).
    expect(runFunction('/san-pham/index.html', { id: ['a', 'b'] })).toBeUndefined();
  });
});
