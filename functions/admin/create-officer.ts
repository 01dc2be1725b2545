import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { accountView } from '../../shared/accounts/account';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { auditPuts } from '../../shared/db/audit';
import { PhoneSchema } from '../../shared/sellers/phone';
import { auditActor, requireSession } from '../_http/auth';
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
export const handler = httpHandler({ body: Body }, async ({ body, principal, now, event }) => {
  requireSession(principal);
  const id = `ac-${randomUUID()}`;
  const { account, oneTimePassword } = await createStaffAccount(
    { ...body, role: 'officer', id },
    now,
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: 'officer.created',
        actor: auditActor(principal, event),
        target: { kind: 'account', id },
        details: { email: body.email.trim().toLowerCase() },
      }),
    ),
  );
  logger.info('officer created', { accountId: account.id });
  return created({ account: accountView(account), oneTimePassword });
});
