import { getConfig } from '../../shared/config';
import { deleteSession } from '../../shared/db/accounts';
import { requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { noContent } from '../_http/respond';
import { clearSessionCookie } from '../_http/session';

getConfig();

/** Ends this session for good: its token stops working at once, even before it expires. */
export const handler = httpHandler({}, async ({ principal }) => {
  await deleteSession(requireSession(principal).sessionId);
  return { ...noContent(), cookies: [clearSessionCookie()] };
});
