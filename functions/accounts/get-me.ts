import { accountView } from '../../shared/accounts/account';
import { getConfig } from '../../shared/config';
import { getAccount } from '../../shared/db/accounts';
import { getSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import { sellerView } from '../../shared/sellers/view';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/** The caller: account (sessions) and seller profile (sellers, also by API key). */
export const handler = httpHandler({}, async ({ principal }) => {
  if (principal.kind === 'anonymous') throw new AppError('auth.required', 'Sign in first');
  const account = principal.kind === 'session' ? await getAccount(principal.accountId) : undefined;
  const seller = principal.sellerId ? await getSeller(principal.sellerId) : undefined;
  return ok({
    ...(account ? { account: accountView(account) } : {}),
    ...(seller ? { seller: sellerView(seller) } : {}),
    via: principal.kind,
  });
});
