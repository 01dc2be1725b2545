import { randomUUID } from 'node:crypto';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { deleteSession } from '../../shared/db/accounts';
import { writeAudit } from '../../shared/db/audit';
import { auditActor, requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { noContent } from '../_http/respond';
import { clearSessionCookie } from '../_http/session';

getConfig();

/** Ends this session for good: its token stops working at once, even before it expires. */
export const handler = httpHandler({}, async ({ principal, now, event }) => {
  const session = requireSession(principal);
  await deleteSession(session.sessionId);
  await writeAudit(
    auditEvent({
      id: randomUUID(),
      at: now.toISOString(),
      action: 'auth.signOut',
      actor: auditActor(principal, event),
      target: {
        kind: 'account',
        id: session.accountId,
        ...(session.sellerId ? { sellerId: session.sellerId } : {}),
      },
    }),
  );
  return { ...noContent(), cookies: [clearSessionCookie()] };
});
