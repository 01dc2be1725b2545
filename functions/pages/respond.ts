import type { HttpResult } from '../_http/respond';

/**
 * How long a filled page may be shared: CloudFront (and the local host, infra/local/host.ts) keep
 * it a minute, then serve it for 5 more while one request renders the next; if rendering fails,
 * the last good page for a day. Browsers always revalidate (max-age=0): a reload sees stock and
 * prices at most a minute old, as the product's own API answers are then fetched anew.
 */
export const PAGE_CACHE_CONTROL =
  'public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400';
/** The page without data (its script fetches): after a failure, so the next request tries again. */
export const FALLBACK_CACHE_CONTROL = 'no-store';

export function htmlPage(
  body: string,
  cacheControl: string,
  headers: Record<string, string> = {},
): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body,
  };
}
