import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { type Account, accountView, loginOf } from '../../shared/accounts/account';
import { dummyHash, verifyPassword } from '../../shared/accounts/password';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import {
  deleteSessionsOfAccount,
  findAccountByLogin,
  refundAttempt,
  resetAttempts,
  type ThrottlePolicy,
  takeAttempt,
} from '../../shared/db/accounts';
import { auditPuts, writeAudit } from '../../shared/db/audit';
import { consumeOneTimePassword, getOneTimePassword } from '../../shared/db/recovery';
import { getSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import { sellerView } from '../../shared/sellers/view';
import { clientAddress } from '../_http/client-address';
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

/** 5 attempts per login (or 30 per address) in 15 minutes; the 5th failure locks for 15. */
export const PER_LOGIN: ThrottlePolicy = { windowSeconds: 900, max: 5, lockSeconds: 900 };
export const PER_ADDRESS: ThrottlePolicy = { windowSeconds: 900, max: 30, lockSeconds: 900 };

const audit = (
  action: string,
  outcome: 'success' | 'failure',
  now: Date,
  address: string,
  login: string,
  account?: Account,
) =>
  writeAudit(
    auditEvent({
      id: randomUUID(),
      at: now.toISOString(),
      action,
      outcome,
      actor: account
        ? {
            kind: 'account',
            accountId: account.id,
            role: account.role,
            address,
            ...(account.sellerId ? { sellerId: account.sellerId } : {}),
          }
        : { kind: 'public', address },
      ...(account
        ? {
            target: {
              kind: 'account' as const,
              id: account.id,
              ...(account.sellerId ? { sellerId: account.sellerId } : {}),
            },
          }
        : {}),
      details: { login: login.slice(0, 254) },
    }),
  );

/**
 * The account after using its officer-issued one-time password (functions/officer/
 * one-time-password.ts), or undefined when it has none, it expired, the password differs, or a
 * parallel sign-in used it first. Using it makes it the account's password with "must change"
 * set (the session may then only change it, on /doi-mat-khau/), in one transaction with its
 * audit record.
 */
async function signInWithOneTimePassword(
  account: Account,
  password: string,
  now: Date,
  address: string,
): Promise<Account | undefined> {
  const otp = await getOneTimePassword(account.id);
  if (!otp || Date.parse(otp.expiresAt) <= now.getTime()) return undefined;
  if (!verifyPassword(password, otp.passwordHash)) return undefined;
  const target = {
    kind: 'account' as const,
    id: account.id,
    ...(account.sellerId ? { sellerId: account.sellerId } : {}),
  };
  const used = await consumeOneTimePassword(
    otp,
    account,
    now,
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: 'account.oneTimePasswordUsed',
        actor: {
          kind: 'account',
          accountId: account.id,
          role: account.role,
          address,
          ...(account.sellerId ? { sellerId: account.sellerId } : {}),
        },
        target,
        details: { issuedBy: otp.issuedBy },
      }),
    ),
  );
  if (!used) return undefined;
  return {
    ...account,
    passwordHash: otp.passwordHash,
    mustChangePassword: true,
    passwordFromOneTime: true,
    updatedAt: now.toISOString(),
    version: account.version + 1,
  };
}

/**
 * Signs in with email or phone and password. Each attempt is counted (per login and per address)
 * before the password is checked, so parallel guesses cannot outrun the lock. Unknown logins and
 * wrong passwords get the same answer after the same work (no account discovery). Every outcome
 * goes to the audit trail with the login and the client address.
 */
export const handler = httpHandler({ body: Body }, async ({ body, now, event }) => {
  const login = loginOf(body.login);
  const address = clientAddress(event);
  const [byLogin, byAddress] = await Promise.all([
    takeAttempt(login, now, PER_LOGIN),
    takeAttempt(`ip:${address}`, now, PER_ADDRESS),
  ]);
  if (!byLogin.allowed || !byAddress.allowed) {
    // The attempt was not made: give back what the other counter took.
    if (byLogin.allowed) await refundAttempt(login, byLogin.windowStart);
    if (byAddress.allowed) await refundAttempt(`ip:${address}`, byAddress.windowStart);
    const wait = Math.max(
      byLogin.allowed ? 0 : byLogin.retryAfterSeconds,
      byAddress.allowed ? 0 : byAddress.retryAfterSeconds,
    );
    await audit('auth.signInThrottled', 'failure', now, address, login);
    throw new AppError('auth.throttled', 'Too many failed attempts', { retryAfterSeconds: wait });
  }

  const found = await findAccountByLogin(login);
  // A used one-time password never signs in again (it only finishes that session's change).
  const passwordOk =
    verifyPassword(body.password, found?.passwordHash ?? dummyHash()) &&
    !found?.passwordFromOneTime;
  // Officer-assisted reset: an officer-issued one-time password works once instead.
  const oneTime =
    found && !passwordOk && found.status === 'active'
      ? await signInWithOneTimePassword(found, body.password, now, address)
      : undefined;
  const account = oneTime ?? found;
  if (!account || !(passwordOk || oneTime) || account.status !== 'active') {
    await audit('auth.signInFailed', 'failure', now, address, login, account);
    logger.info('sign-in failed', { attempts: byLogin.attempts });
    if (account && passwordOk && account.status !== 'active')
      throw new AppError('account.disabled', 'Account disabled');
    throw new AppError('auth.invalidCredentials', 'Wrong login or password');
  }
  await Promise.all([
    resetAttempts(login, byLogin.attempts),
    refundAttempt(`ip:${address}`, byAddress.windowStart),
  ]);
  // A one-time password ends every other session (the account may have been taken over).
  if (oneTime) await deleteSessionsOfAccount(account.id);
  const session = await startSession(account, now);
  const seller = account.sellerId ? await getSeller(account.sellerId) : undefined;
  await audit('auth.signIn', 'success', now, address, login, account);
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
