import { randomBytes, randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { hashPassword } from '../../shared/accounts/password';
import { resetTokenHash } from '../../shared/accounts/recovery';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { deleteSessionsOfAccount, getAccount } from '../../shared/db/accounts';
import { auditPuts } from '../../shared/db/audit';
import {
  consumePasswordReset,
  deletePasswordResetsOfAccount,
  getPasswordReset,
} from '../../shared/db/recovery';
import { AppError } from '../../shared/errors';
import { sendMail } from '../../shared/mail/mail';
import { passwordChangedMail } from '../../shared/mail/templates';
import { PasswordSchema } from '../../shared/sellers/seller';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { noContent } from '../_http/respond';

const config = getConfig();

const Body = z.strictObject({
  /** The token of the mailed link: 32 bytes, base64url. */
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  newPassword: PasswordSchema,
});

const invalid = () =>
  new AppError('auth.resetTokenInvalid', 'The link was used, has expired or is wrong');

/**
 * Sets a new password with a mailed link. The link's item is deleted in the same transaction
 * that sets the password (only if it still exists and has not expired), so of parallel uses
 * exactly one succeeds. Then every session of the account ends and its other links die; the
 * owner is told by mail (after the commit; a mail failure is only logged). No session is started:
 * the person signs in with the new password.
 */
export const handler = httpHandler({ body: Body }, async ({ body, principal, now, event }) => {
  const reset = await getPasswordReset(resetTokenHash(body.token));
  if (!reset || Date.parse(reset.expiresAt) <= now.getTime()) throw invalid();
  const account = await getAccount(reset.accountId);
  if (!account) throw invalid();
  if (account.status !== 'active') throw new AppError('account.disabled', 'Account disabled');
  await consumePasswordReset(
    reset,
    account,
    hashPassword(body.newPassword, randomBytes(16)),
    now,
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: 'account.passwordReset',
        actor: auditActor(principal, event),
        target: {
          kind: 'account',
          id: account.id,
          ...(account.sellerId ? { sellerId: account.sellerId } : {}),
        },
        details: { via: 'emailLink' },
      }),
    ),
  );
  const ended = await deleteSessionsOfAccount(account.id);
  await deletePasswordResetsOfAccount(account.id);
  logger.info('password reset', { accountId: account.id, sessionsEnded: ended });
  const sent = await sendMail(
    passwordChangedMail(account.email, account.displayName, config.SITE_URL),
    now,
  );
  if (!sent.ok)
    logger.error('password-changed mail failed', { accountId: account.id, error: sent.error });
  return noContent();
});
