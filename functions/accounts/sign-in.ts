import * as z from 'zod/mini';
import { accountView, emailLogin, phoneLogin } from '../../shared/accounts/account';
import { dummyHash, verifyPassword } from '../../shared/accounts/password';
import { getConfig } from '../../shared/config';
import {
  clearThrottle,
  findAccountByLogin,
  getThrottle,
  recordFailedAttempt,
} from '../../shared/db/accounts';
import { getSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import { normalisePhone } from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';
import { startSession } from '../_http/session';

getConfig();

const Body = z.strictObject({
  /** Email address or Vietnamese mobile number. */
  login: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(128)),
});

/** 5 failures per login (or 30 per address) in 15 minutes lock that login (address) for 15. */
const PER_LOGIN = { windowSeconds: 900, max: 5, lockSeconds: 900 };
const PER_ADDRESS = { windowSeconds: 900, max: 30, lockSeconds: 900 };

function loginOf(input: string): string {
  if (input.includes('@')) return emailLogin(input);
  const phone = normalisePhone(input);
  return phone ? phoneLogin(phone) : emailLogin(input);
}

function lockedFor(state: { lockedUntil?: string } | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((Date.parse(state.lockedUntil) - now.getTime()) / 1000));
}

/**
 * Signs in with email or phone and password. Unknown logins and wrong passwords get the same
 * answer after the same work (no account discovery); repeated failures are throttled.
 */
export const handler = httpHandler({ body: Body }, async ({ body, now, event }) => {
  const login = loginOf(body.login);
  const address = `ip:${event.requestContext.http.sourceIp}`;
  const [byLogin, byAddress] = await Promise.all([getThrottle(login), getThrottle(address)]);
  const wait = Math.max(lockedFor(byLogin, now), lockedFor(byAddress, now));
  if (wait > 0)
    throw new AppError('auth.throttled', 'Too many failed attempts', { retryAfterSeconds: wait });

  const account = await findAccountByLogin(login);
  const passwordOk = verifyPassword(body.password, account?.passwordHash ?? dummyHash());
  if (!account || !passwordOk || account.status !== 'active') {
    const [a, b] = await Promise.all([
      recordFailedAttempt(login, now, PER_LOGIN),
      recordFailedAttempt(address, now, PER_ADDRESS),
    ]);
    logger.info('sign-in failed', { locked: Boolean(a.lockedUntil || b.lockedUntil) });
    if (account && passwordOk && account.status !== 'active')
      throw new AppError('account.disabled', 'Account disabled');
    throw new AppError('auth.invalidCredentials', 'Wrong login or password');
  }
  await clearThrottle(login);
  const session = await startSession(account, now);
  const seller = account.sellerId ? await getSeller(account.sellerId) : undefined;
  logger.info('signed in', { accountId: account.id, role: account.role });
  return {
    ...ok({
      token: session.token,
      expiresAt: session.expiresAt,
      account: accountView(account),
      ...(seller ? { seller: sellerView(seller) } : {}),
    }),
    cookies: [session.cookie],
  };
});
