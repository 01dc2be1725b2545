import { randomUUID } from 'node:crypto';
import * as z from 'zod';
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
  email: z.email().max(254),
  displayName: z.string().trim().min(2).max(120),
  phone: PhoneSchema.optional(),
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
