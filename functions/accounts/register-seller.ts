import { randomBytes, randomUUID } from 'node:crypto';
import { emailLogin, phoneLogin } from '../../shared/accounts/account';
import { hashPassword } from '../../shared/accounts/password';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { insertAccount, type ThrottlePolicy, takeAttempt } from '../../shared/db/accounts';
import { auditPuts, writeAudit } from '../../shared/db/audit';
import { AppError, isAppError } from '../../shared/errors';
import { newSeller, SellerSignUpSchema } from '../../shared/sellers/seller';
import { clientAddress } from '../_http/client-address';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { json } from '../_http/respond';

getConfig();

/** 10 sign-ups per address per hour (a cooperative office signs up a few units, not hundreds). */
export const SIGN_UPS_PER_ADDRESS: ThrottlePolicy = {
  windowSeconds: 3600,
  max: 10,
  lockSeconds: 3600,
};

/**
 * Seller sign-up: account + logins + tax-code claim + pending profile (+ audit record), in one
 * transaction. The answer does not tell whether the email or phone already has an account: a
 * taken login gets the same 202 as a new sign-up (nothing is written; the owner signs in as
 * before, and the attempt is in the audit trail). A taken tax code is still named: tax codes are
 * public in the national business register, so that answer reveals nothing new. Throttled per
 * client address.
 */
export const handler = httpHandler({ body: SellerSignUpSchema }, async ({ body, now, event }) => {
  const address = clientAddress(event);
  const grant = await takeAttempt(`signup:ip:${address}`, now, SIGN_UPS_PER_ADDRESS);
  if (!grant.allowed)
    throw new AppError('auth.throttled', 'Too many sign-ups from this address', {
      retryAfterSeconds: grant.retryAfterSeconds,
    });
  const seller = newSeller(body, `sl-${randomUUID()}`, now);
  const at = now.toISOString();
  const account = {
    id: `ac-${randomUUID()}`,
    email: body.email.trim().toLowerCase(),
    phone: body.phone,
    role: 'seller' as const,
    sellerId: seller.id,
    displayName: body.legalName,
    passwordHash: hashPassword(body.password, randomBytes(16)),
    status: 'active' as const,
    mustChangePassword: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const received = json(202, {
    status: 'received',
    email: account.email,
    legalName: body.legalName,
  });
  try {
    await insertAccount(
      account,
      [emailLogin(account.email), phoneLogin(body.phone)],
      seller,
      auditPuts(
        auditEvent({
          id: randomUUID(),
          at,
          action: 'account.signUp',
          actor: { kind: 'public', address },
          target: { kind: 'account', id: account.id, sellerId: seller.id },
          details: { taxCode: seller.taxCode },
        }),
      ),
    );
  } catch (err) {
    if (!isAppError(err) || err.code !== 'account.loginTaken') throw err;
    await writeAudit(
      auditEvent({
        id: randomUUID(),
        at,
        action: 'account.signUpRefused',
        outcome: 'failure',
        actor: { kind: 'public', address },
        details: { reason: 'loginTaken', fields: String(err.details?.fields ?? '') },
      }),
    );
    logger.info('sign-up with a taken login answered as received');
    return received;
  }
  logger.info('seller registered', { sellerId: seller.id });
  return received;
});
