import { getConfig } from '../../shared/config';
import { listConnections } from '../../shared/db/payments';
import { connectionView } from '../../shared/payments/connection';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { publicOrigin } from '../_http/public-origin';
import { ok } from '../_http/respond';

getConfig();

/** The seller's payment connections, newest first; never a secret (its last 4 characters only). */
export const handler = httpHandler({}, async ({ principal, event }) => {
  const { sellerId } = requireSeller(principal);
  const origin = publicOrigin(event.headers ?? {});
  const items = await listConnections(sellerId);
  return ok({ items: items.map((c) => connectionView(c, origin)) });
});
