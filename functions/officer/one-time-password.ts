import { randomBytes, randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { hashPassword } from '../../shared/accounts/password';
import { newOneTimePassword, ONE_TIME_PASSWORD_MINUTES } from '../../shared/accounts/recovery';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { auditPuts } from '../../shared/db/audit';
import { putOneTimePassword, sellerAccounts } from '../../shared/db/recovery';
import { getSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import { auditActor, requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { created } from '../_http/respond';

getConfig();

const Path = z.strictObject({ sellerId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)) });
const Body = z.strictObject({
  /** How the officer verified the person (e.g. "gọi lại số 09… trong hồ sơ, khớp MST"). */
  reason: z.string().check(z.trim(), z.minLength(10), z.maxLength(500)),
});

/**
 * Officer-assisted reset, for a seller without access to its email: after verifying the person by
 * phone, an officer issues a one-time password for the seller's account. It is shown once (here),
 * stored only as a scrypt hash, valid ONE_TIME_PASSWORD_MINUTES and once; issuing again replaces
 * the previous one. The seller signs in with it (functions/accounts/sign-in.ts) and must choose a
 * new password at once; every other session ends then. The issue is in the audit trail with the
 * officer and the reason, in the same transaction.
 */
export const handler = httpHandler(
  { path: Path, body: Body },
  async ({ path, body, principal, now, event }) => {
    const officer = requireSession(principal);
    const seller = await getSeller(path.sellerId);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    const [account] = await sellerAccounts(seller.id);
    if (!account) throw new AppError('account.notFound', 'The seller has no active account');
    const oneTimePassword = newOneTimePassword();
    const expiresAt = new Date(now.getTime() + ONE_TIME_PASSWORD_MINUTES * 60_000).toISOString();
    await putOneTimePassword(
      {
        accountId: account.id,
        passwordHash: hashPassword(oneTimePassword, randomBytes(16)),
        createdAt: now.toISOString(),
        expiresAt,
        issuedBy: officer.accountId,
      },
      auditPuts(
        auditEvent({
          id: randomUUID(),
          at: now.toISOString(),
          action: 'account.oneTimePasswordIssued',
          actor: auditActor(principal, event),
          target: { kind: 'account', id: account.id, sellerId: seller.id },
          details: { reason: body.reason, expiresAt },
        }),
      ),
    );
    logger.info('one-time password issued', { accountId: account.id, by: officer.accountId });
    return created({
      oneTimePassword,
      expiresAt,
      login: account.email,
      ...(account.phone ? { phone: account.phone } : {}),
    });
  },
);
