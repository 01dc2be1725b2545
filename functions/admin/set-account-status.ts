import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { accountView } from '../../shared/accounts/account';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { deleteSessionsOfAccount, getAccount, setAccountStatus } from '../../shared/db/accounts';
import { auditPuts } from '../../shared/db/audit';
import { AppError } from '../../shared/errors';
import { auditActor, requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({ accountId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)) });
const Body = z
  .strictObject({
    action: z.enum(['disable', 'enable']),
    reason: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(500))),
    version: z.int().check(z.positive(), z.maximum(1_000_000_000)),
  })
  .check(
    z.refine((b) => b.action !== 'disable' || b.reason !== undefined, {
      path: ['reason'],
      message: 'Disabling needs a reason',
    }),
  );

/**
 * An admin disables (offboards) or re-enables an officer's or a seller's sign-in. Disabling ends
 * every session of the account at once (and the status is checked on every request anyway);
 * sign-in then answers `account.disabled`. Admin accounts are not managed here.
 */
export const handler = httpHandler(
  { path: Path, body: Body },
  async ({ path, body, principal, now, event }) => {
    const me = requireSession(principal);
    const account = await getAccount(path.accountId);
    if (!account) throw new AppError('account.notFound', 'No such account');
    if (account.role === 'admin' || account.id === me.accountId)
      throw new AppError('account.invalidTransition', 'Admin accounts are not managed here', {
        role: account.role,
      });
    const status = body.action === 'disable' ? 'disabled' : 'active';
    if (account.status === status)
      throw new AppError('account.invalidTransition', `The account is already ${status}`, {
        status,
      });
    if (account.version !== body.version)
      throw new AppError('account.invalidTransition', 'The account changed meanwhile', {
        currentVersion: account.version,
      });
    const updated = await setAccountStatus(
      account,
      status,
      now,
      auditPuts(
        auditEvent({
          id: randomUUID(),
          at: now.toISOString(),
          action: body.action === 'disable' ? 'account.disabled' : 'account.enabled',
          actor: auditActor(principal, event),
          target: {
            kind: 'account',
            id: account.id,
            ...(account.sellerId ? { sellerId: account.sellerId } : {}),
          },
          details: { role: account.role, ...(body.reason ? { reason: body.reason } : {}) },
        }),
      ),
    );
    const ended = status === 'disabled' ? await deleteSessionsOfAccount(account.id) : 0;
    logger.info('account status changed', { accountId: account.id, status, ended });
    return ok({
      account: { ...accountView(updated), version: updated.version },
      sessionsEnded: ended,
    });
  },
);
