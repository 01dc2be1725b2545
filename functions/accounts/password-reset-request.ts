import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod/mini';
import { loginOf } from '../../shared/accounts/account';
import { RESET_LINK_MINUTES, resetTokenHash } from '../../shared/accounts/recovery';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import {
  findAccountByLogin,
  refundAttempt,
  type ThrottlePolicy,
  takeAttempt,
} from '../../shared/db/accounts';
import { writeAudit } from '../../shared/db/audit';
import { insertPasswordReset } from '../../shared/db/recovery';
import { AppError } from '../../shared/errors';
import { sendMail } from '../../shared/mail/mail';
import { passwordResetMail } from '../../shared/mail/templates';
import { clientAddress } from '../_http/client-address';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { json } from '../_http/respond';

const config = getConfig();

const Body = z.strictObject({
  /** Email address or Vietnamese mobile number, as at sign-in. */
  login: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)),
});

/** 3 links per login per hour (each one a mail to its owner); 20 requests per address per hour. */
export const RESETS_PER_LOGIN: ThrottlePolicy = { windowSeconds: 3600, max: 3, lockSeconds: 3600 };
export const RESETS_PER_ADDRESS: ThrottlePolicy = {
  windowSeconds: 3600,
  max: 20,
  lockSeconds: 3600,
};
/**
 * Every answer takes at least this long, so a known login (a write and a mail) and an unknown one
 * (nothing) cannot be told apart by time as long as the mail service answers within it.
 */
export const MIN_ANSWER_MS = 400;

/**
 * Asks for a password-reset link. The answer is the same 202 whether or not the login exists,
 * is disabled, or a mail went out (no account discovery); both the login and the client address
 * are throttled, known or not. For an active account a random 32-byte token is made, only its
 * hash stored (30 minutes, single use), and the link mailed to the account's email address. The
 * mail is sent after the write: a mail failure is logged, never turned into an error.
 */
export const handler = httpHandler({ body: Body }, async ({ body, now, event }) => {
  const started = Date.now();
  const login = loginOf(body.login);
  const address = clientAddress(event);
  const [byLogin, byAddress] = await Promise.all([
    takeAttempt(`reset:${login}`, now, RESETS_PER_LOGIN),
    takeAttempt(`reset:ip:${address}`, now, RESETS_PER_ADDRESS),
  ]);
  const audit = (
    outcome: 'success' | 'failure',
    details: Record<string, string>,
    accountId?: string,
    sellerId?: string,
  ) =>
    writeAudit(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: 'account.passwordResetRequested',
        outcome,
        actor: { kind: 'public', address },
        ...(accountId
          ? {
              target: {
                kind: 'account' as const,
                id: accountId,
                ...(sellerId ? { sellerId } : {}),
              },
            }
          : {}),
        details: { login: login.slice(0, 254), ...details },
      }),
    );
  if (!byLogin.allowed || !byAddress.allowed) {
    if (byLogin.allowed) await refundAttempt(`reset:${login}`, byLogin.windowStart);
    if (byAddress.allowed) await refundAttempt(`reset:ip:${address}`, byAddress.windowStart);
    await audit('failure', { reason: 'throttled' });
    throw new AppError('auth.throttled', 'Too many reset requests', {
      retryAfterSeconds: Math.max(
        byLogin.allowed ? 0 : byLogin.retryAfterSeconds,
        byAddress.allowed ? 0 : byAddress.retryAfterSeconds,
      ),
    });
  }
  const account = await findAccountByLogin(login);
  if (account && account.status === 'active') {
    const token = randomBytes(32).toString('base64url');
    await insertPasswordReset({
      tokenHash: resetTokenHash(token),
      accountId: account.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000).toISOString(),
    });
    await audit('success', {}, account.id, account.sellerId);
    // The token travels in the fragment: browsers never send it to a server or in a Referer.
    const link = `${config.SITE_URL}/dat-lai-mat-khau/#token=${token}`;
    const sent = await sendMail(passwordResetMail(account.email, account.displayName, link), now);
    if (sent.ok) logger.info('password reset mailed', { accountId: account.id, via: sent.via });
    else logger.error('password reset mail failed', { accountId: account.id, error: sent.error });
  } else {
    await audit('failure', { reason: account ? 'disabled' : 'unknownLogin' }, account?.id);
  }
  const wait = MIN_ANSWER_MS - (Date.now() - started);
  if (wait > 0) await sleep(wait);
  return json(202, { status: 'received' });
});
