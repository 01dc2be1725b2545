/** CORS policy, shared by the handlers (headers), the HTTP API (preflight) and the local host. */
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const CORS_ALLOW_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'idempotency-key',
] as const;
export const CORS_EXPOSE_HEADERS = ['x-request-id'] as const;
export const CORS_MAX_AGE_SECONDS = 600;

/** The Access-Control-Allow-Origin to send for a request's Origin, or undefined for none. */
export function allowedOrigin(origin: string | undefined, allowList: string): string | undefined {
  const allowed = allowList
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (allowed.includes('*')) return '*';
  return origin && allowed.includes(origin) ? origin : undefined;
}

export function corsHeaders(origin: string | undefined, allowList: string): Record<string, string> {
  const allow = allowedOrigin(origin, allowList);
  if (!allow) return {};
  return {
    'access-control-allow-origin': allow,
    'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(','),
    ...(allow === '*' ? {} : { vary: 'origin' }),
  };
}
