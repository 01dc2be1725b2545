import { randomUUID } from 'node:crypto';
import type { Account } from '../../shared/accounts/account';
import { SESSION_TTL_SECONDS, signSessionToken } from '../../shared/accounts/session-token';
import { getConfig } from '../../shared/config';
import { insertSession } from '../../shared/db/accounts';
import { getSigningSecret } from '../../shared/secrets';
import { sessionCookieName } from './auth';

/** Starts a session for an account: stored (so sign-out can end it), signed, and as a cookie. */
export async function startSession(account: Account, now: Date) {
  const id = randomUUID();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + SESSION_TTL_SECONDS;
  const expiresAt = new Date(exp * 1000).toISOString();
  await insertSession({
    id,
    accountId: account.id,
    role: account.role,
    createdAt: now.toISOString(),
    expiresAt,
    ...(account.sellerId ? { sellerId: account.sellerId } : {}),
  });
  const token = signSessionToken(
    {
      sid: id,
      aid: account.id,
      role: account.role,
      iat,
      exp,
      ...(account.sellerId ? { sel: account.sellerId } : {}),
      ...(account.mustChangePassword ? { mcp: true } : {}),
    },
    await getSigningSecret(),
  );
  return { token, expiresAt, cookie: sessionCookie(token, SESSION_TTL_SECONDS) };
}

/**
 * HttpOnly, SameSite=Strict, Path=/ and no Domain; Secure with the `__Host-` prefix unless turned
 * off locally (see sessionCookieName). Cross-site unsafe requests are also refused by origin.
 */
export function sessionCookie(value: string, maxAgeSeconds: number): string {
  const secure = getConfig().SECURE_COOKIES === 'true' ? '; Secure' : '';
  return `${sessionCookieName()}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export const clearSessionCookie = () => sessionCookie('', 0);
