import { randomBytes, randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { hashPassword, verifyPassword } from '../../shared/accounts/password';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { deleteSessionsOfAccount, getAccount, setPassword } from '../../shared/db/accounts';
import { auditPuts } from '../../shared/db/audit';
import { AppError } from '../../shared/errors';
import { PasswordSchema } from '../../shared/sellers/seller';
import { auditActor, requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { noContent } from '../_http/respond';
import { startSession } from '../_http/session';

getConfig();

const Body = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(128)),
  newPassword: PasswordSchema,
});

/**
 * Changes the password (also how a one-time password is replaced). Every session of the account
 * ends; the caller gets a fresh one (new cookie) so they stay signed in here only.
 */
export const handler = httpHandler({ body: Body }, async ({ body, principal, now, event }) => {
  const { accountId } = requireSession(principal);
  const account = await getAccount(accountId);
  if (!account) throw new AppError('auth.sessionExpired', 'Account gone');
  if (!verifyPassword(body.currentPassword, account.passwordHash)) {
    throw new AppError('account.wrongPassword', 'The current password is wrong');
  }
  if (body.newPassword === body.currentPassword) {
    throw new AppError('request.invalid', 'The new password must differ', {
      issues: [{ in: 'body', path: 'newPassword', code: 'custom', message: 'Same as current' }],
    });
  }
  await setPassword(
    accountId,
    hashPassword(body.newPassword, randomBytes(16)),
    account.version,
    now,
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: 'account.passwordChanged',
        actor: auditActor(principal, event),
        target: {
          kind: 'account',
          id: accountId,
          ...(account.sellerId ? { sellerId: account.sellerId } : {}),
        },
      }),
    ),
  );
  await deleteSessionsOfAccount(accountId);
  const session = await startSession({ ...account, mustChangePassword: false }, now);
  logger.info('password changed', { accountId });
  return { ...noContent(), cookies: [session.cookie] };
});
