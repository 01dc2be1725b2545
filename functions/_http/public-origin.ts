/**
 * The site's own origin as the caller sees it, for absolute URLs in responses (webhook URLs, the
 * open-data package's resource paths). Its own module: an open-data function must not carry the
 * payment modules for it.
 */
export function publicOrigin(headers: Record<string, string | undefined>): string {
  const origin = headers.origin;
  if (origin && /^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin)) return origin;
  const host = headers['x-forwarded-host'] ?? headers.host ?? 'localhost';
  const forwarded = headers['x-forwarded-proto'];
  const local = /^(localhost|127\.|\[::1\])/.test(host);
  const proto =
    forwarded === 'http' || forwarded === 'https' ? forwarded : local ? 'http' : 'https';
  return `${proto}://${host}`;
}
