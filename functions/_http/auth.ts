import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteAuth } from '../../infra/routes';
import { apiKeySecretMatches, parseApiKey } from '../../shared/accounts/api-key';
import { ANONYMOUS, type Principal } from '../../shared/accounts/principal';
import { verifySessionToken } from '../../shared/accounts/session-token';
import type { AuditActor } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { getAccount, getApiKey, getSession } from '../../shared/db/accounts';
import { getSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import { verificationKeys } from '../../shared/secrets';
import { clientAddress } from './client-address';

/**
 * Resolves and checks the caller for a route of the manifest. Credentials, in order: a seller API
 * key in `x-api-key`; a session token as `Authorization: Bearer …` or the session cookie. A
 * session must still exist (sign-out deletes it) and its account must be active; an API key must
 * be unrevoked and its seller not suspended. Checked on every request, so disabling an account or
 * suspending a seller takes effect at once. The seller id always comes from here.
 *
 * The cookie is `__Host-cs_session` (the browser only accepts it Secure, for this host, Path=/:
 * no subdomain or plain-http page can plant or overwrite it); `cs_session` only where cookies are
 * not Secure (SECURE_COOKIES=false: plain http on another machine name), as browsers refuse the
 * prefix there.
 */
export const sessionCookieName = () =>
  getConfig().SECURE_COOKIES === 'true' ? '__Host-cs_session' : 'cs_session';

export function sessionTokenOf(
  event: APIGatewayProxyEventV2,
): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const header = event.headers?.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  // API Gateway v2 moves Cookie headers into `cookies`; a raw header is read too (other proxies).
  const cookies = event.cookies ?? event.headers?.cookie?.split(';') ?? [];
  const name = sessionCookieName();
  for (const cookie of cookies) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === name)
      return { token: cookie.slice(eq + 1).trim(), via: 'cookie' };
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF for cookie sessions (the browser attaches cookies by itself; a bearer token or API key it
 * never does): an unsafe method is refused when the browser says the request is cross-site
 * (`Sec-Fetch-Site` other than same-origin, or else an `Origin` that is neither this host nor an
 * allowed CORS origin). SameSite=Strict already keeps the cookie off cross-site requests; this is
 * the second lock, for same-site subdomains and browsers that ignore SameSite.
 */
export function assertSameOrigin(event: APIGatewayProxyEventV2): void {
  const method = event.requestContext?.http?.method ?? 'GET';
  if (SAFE_METHODS.has(method)) return;
  const site = event.headers?.['sec-fetch-site'];
  if (site !== undefined) {
    if (site !== 'same-origin')
      throw new AppError('auth.crossSite', 'Cross-site request refused', { secFetchSite: site });
    return;
  }
  const origin = event.headers?.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  const own = [event.headers?.host, event.headers?.['x-forwarded-host']].filter(Boolean);
  const allowed = getConfig()
    .CORS_ALLOWED_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '*');
  if (host && (own.includes(host) || allowed.includes(origin))) return;
  throw new AppError('auth.crossSite', 'Cross-site request refused', { origin });
}

/** Routes a session that must change its one-time password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'POST /api/me/password',
  'GET /api/me',
  'POST /api/auth/sign-out',
]);

export async function authenticate(
  event: APIGatewayProxyEventV2,
  auth: RouteAuth,
  now: Date,
): Promise<Principal> {
  if (auth === 'public') return ANONYMOUS;
  const principal = await resolve(event, auth, now);
  if (!auth.roles.includes(principal.role)) {
    throw new AppError('auth.forbidden', 'This role may not call this route', {
      role: principal.role,
    });
  }
  return principal;
}

async function resolve(
  event: APIGatewayProxyEventV2,
  auth: Exclude<RouteAuth, 'public'>,
  now: Date,
): Promise<Exclude<Principal, { kind: 'anonymous' }>> {
  const apiKey = event.headers?.['x-api-key'];
  if (apiKey !== undefined) {
    if (!auth.apiKey)
      throw new AppError('auth.forbidden', 'API keys may not call this route; sign in');
    const parsed = parseApiKey(apiKey);
    const record = parsed ? await getApiKey(parsed.keyId) : undefined;
    if (
      !parsed ||
      !record ||
      record.revokedAt ||
      !apiKeySecretMatches(parsed.secret, record.secretHash)
    ) {
      throw new AppError('auth.required', 'Invalid or revoked API key');
    }
    // Keys die with their seller's suspension (they are also revoked then; this is the backstop).
    const seller = await getSeller(record.sellerId);
    if (!seller || seller.status === 'suspended')
      throw new AppError('auth.required', 'Invalid or revoked API key');
    return { kind: 'apiKey', role: 'seller', sellerId: record.sellerId, keyId: record.keyId };
  }
  const credential = sessionTokenOf(event);
  if (!credential) throw new AppError('auth.required', 'Sign in first');
  const check = verifySessionToken(credential.token, await verificationKeys(), now);
  if (!check.ok) {
    throw new AppError(
      check.reason === 'expired' ? 'auth.sessionExpired' : 'auth.required',
      'Invalid session',
    );
  }
  const [session, account] = await Promise.all([
    getSession(check.claims.sid),
    getAccount(check.claims.aid),
  ]);
  if (
    !session ||
    !account ||
    session.accountId !== check.claims.aid ||
    Date.parse(session.expiresAt) <= now.getTime()
  ) {
    throw new AppError('auth.sessionExpired', 'The session has ended');
  }
  if (account.status !== 'active') throw new AppError('account.disabled', 'Account disabled');
  if (credential.via === 'cookie') assertSameOrigin(event);
  if (check.claims.mcp && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(event.routeKey)) {
    throw new AppError('auth.passwordChangeRequired', 'Change the one-time password first');
  }
  return {
    kind: 'session',
    accountId: session.accountId,
    role: session.role,
    sessionId: session.id,
    ...(session.sellerId ? { sellerId: session.sellerId } : {}),
  };
}

/** Narrows a seller route's principal (the pipeline already checked the role). */
export function requireSeller(principal: Principal): { sellerId: string } {
  if (principal.kind === 'anonymous' || !principal.sellerId) {
    throw new AppError('auth.forbidden', 'Only sellers may do this');
  }
  return { sellerId: principal.sellerId };
}

/** Narrows a session principal (routes that API keys may not use). */
export function requireSession(principal: Principal): Extract<Principal, { kind: 'session' }> {
  if (principal.kind !== 'session') throw new AppError('auth.required', 'Sign in first');
  return principal;
}

/** The audit trail's actor for this caller, with the client address. */
export function auditActor(principal: Principal, event: APIGatewayProxyEventV2): AuditActor {
  const address = clientAddress(event);
  if (principal.kind === 'session')
    return {
      kind: 'account',
      accountId: principal.accountId,
      role: principal.role,
      address,
      ...(principal.sellerId ? { sellerId: principal.sellerId } : {}),
    };
  if (principal.kind === 'apiKey')
    return { kind: 'apiKey', keyId: principal.keyId, sellerId: principal.sellerId, address };
  return { kind: 'public', address };
}
