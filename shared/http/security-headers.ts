/**
 * The security headers of pages and API answers, in one place for both hosts: the CDK stack
 * builds CloudFront's response headers policy from these values (infra/aws/stack.ts) and the local
 * host sends the same set on every answer (infra/local/host.ts). Dependency-free: the stack and
 * the local host import it, no Lambda bundle does.
 */

/** HSTS lifetime (one year, subdomains included). Sent by CloudFront only: the local host is plain http. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';
export const FRAME_OPTIONS = 'DENY';

/**
 * The page CSP. `extraConnectSrc`: origins the browser must reach besides the site itself, e.g.
 * the images bucket's regional endpoint for pre-signed uploads on AWS, or the local upload store's
 * origin on the local host. Each must be a bare origin (`https://host[:port]`), never a scheme
 * wildcard such as `https:`.
 */
export function contentSecurityPolicy(extraConnectSrc: readonly string[] = []): string {
  for (const origin of extraConnectSrc) {
    if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin))
      throw new Error(`connect-src takes bare origins only, got: ${origin}`);
  }
  const connectSrc = ["'self'", ...new Set(extraConnectSrc)].join(' ');
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The headers as a plain map (lower-case names), for a host that sets them itself.
 * `hsts`: add Strict-Transport-Security (only over https; browsers ignore it on plain http).
 */
export function securityHeaders(
  options: { extraConnectSrc?: readonly string[]; hsts?: boolean } = {},
): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options.extraConnectSrc),
    'x-frame-options': FRAME_OPTIONS,
    'referrer-policy': REFERRER_POLICY,
    'x-content-type-options': 'nosniff',
    ...(options.hsts
      ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` }
      : {}),
  };
}
