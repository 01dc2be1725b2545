import type { HttpResult } from '../_http/respond';

/**
 * How long a filled page may be shared: CloudFront (and the local host, infra/local/page-cache.ts)
 * keep it a minute, then answer it one more minute while one request renders the next (so prices
 * and stock shown are at most two minutes old; orders check them anew); if rendering fails, the
 * last good page for a day. Browsers keep nothing (max-age=0).
 */
export const PAGE_CACHE_CONTROL =
  'public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400';
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
