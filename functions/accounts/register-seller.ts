import { randomBytes, randomUUID } from 'node:crypto';
import { accountView, emailLogin, phoneLogin } from '../../shared/accounts/account';
import { hashPassword } from '../../shared/accounts/password';
import { getConfig } from '../../shared/config';
import { insertAccount } from '../../shared/db/accounts';
import { newSeller, SellerSignUpSchema } from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { created } from '../_http/respond';

getConfig();

/** Seller sign-up: account + logins + tax-code claim + pending profile, in one transaction. */
export const handler = httpHandler({ body: SellerSignUpSchema }, async ({ body, now }) => {
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
  await insertAccount(account, [emailLogin(account.email), phoneLogin(body.phone)], seller);
  logger.info('seller registered', { sellerId: seller.id });
  return created({ account: accountView(account), seller: sellerView(seller) });
});
