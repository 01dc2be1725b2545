import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { accountView } from '../../shared/accounts/account';
import { getConfig } from '../../shared/config';
import { PhoneSchema } from '../../shared/sellers/seller';
import { requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { created } from '../_http/respond';
import { createStaffAccount } from '../_http/staff-accounts';

getConfig();

const Body = z.strictObject({
  email: z.email().check(z.maxLength(254)),
  displayName: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
  phone: z.optional(PhoneSchema),
});

/** An admin creates an officer account; its one-time password is in this answer only. */
export const handler = httpHandler({ body: Body }, async ({ body, principal, now }) => {
  requireSession(principal);
  const { account, oneTimePassword } = await createStaffAccount(
    { ...body, role: 'officer', id: `ac-${randomUUID()}` },
    now,
  );
  logger.info('officer created', { accountId: account.id });
  return created({ account: accountView(account), oneTimePassword });
});
