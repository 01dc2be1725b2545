import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteAuth } from '../../infra/routes';
import { apiKeySecretMatches, parseApiKey } from '../../shared/accounts/api-key';
import { ANONYMOUS, type Principal } from '../../shared/accounts/principal';
import { verifySessionToken } from '../../shared/accounts/session-token';
import { getApiKey, getSession } from '../../shared/db/accounts';
import { AppError } from '../../shared/errors';
import { getSigningSecret } from '../../shared/secrets';

/**
 * Resolves and checks the caller for a route of the manifest. Credentials, in order: a seller API
 * key in `x-api-key`; a session token as `Authorization: Bearer …` or the `cs_session` cookie.
 * A session must still exist (sign-out deletes it). The seller id always comes from here.
 */
export const SESSION_COOKIE = 'cs_session';

export function sessionTokenOf(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  // API Gateway v2 moves Cookie headers into `cookies`; a raw header is read too (other proxies).
  const cookies = event.cookies ?? event.headers?.cookie?.split(';') ?? [];
  for (const cookie of cookies) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === SESSION_COOKIE) return cookie.slice(eq + 1).trim();
  }
  return undefined;
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
    return { kind: 'apiKey', role: 'seller', sellerId: record.sellerId, keyId: record.keyId };
  }
  const token = sessionTokenOf(event);
  if (!token) throw new AppError('auth.required', 'Sign in first');
  const check = verifySessionToken(token, await getSigningSecret(), now);
  if (!check.ok) {
    throw new AppError(
      check.reason === 'expired' ? 'auth.sessionExpired' : 'auth.required',
      'Invalid session',
    );
  }
  const session = await getSession(check.claims.sid);
  if (
    !session ||
    session.accountId !== check.claims.aid ||
    Date.parse(session.expiresAt) <= now.getTime()
  ) {
    throw new AppError('auth.sessionExpired', 'The session has ended');
  }
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
