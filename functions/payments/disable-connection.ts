import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { auditPuts } from '../../shared/db/audit';
import { disableConnection } from '../../shared/db/payments';
import { CONNECTION_ID, connectionView } from '../../shared/payments/connection';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { publicOrigin } from '../_http/public-origin';
import { ok } from '../_http/respond';
import { loadChangeableSeller } from '../sellers/guard';

getConfig();

const Path = z.strictObject({
  connectionId: z.string().check(z.regex(CONNECTION_ID, 'A payment connection id')),
});

/**
 * Disables one of the seller's connections: its webhooks are refused from then on (the provider
 * keeps retrying; transfers can still be confirmed by hand). Repeating answers the same; another
 * seller's id is "not found". Not while suspended.
 */
export const handler = httpHandler({ path: Path }, async ({ path, principal, now, event }) => {
  const { id: sellerId } = await loadChangeableSeller(principal);
  const connection = await disableConnection(
    path.connectionId,
    sellerId,
    now,
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: 'paymentConnection.disabled',
        actor: auditActor(principal, event),
        target: { kind: 'paymentConnection', id: path.connectionId, sellerId },
      }),
    ),
  );
  logger.info('payment connection disabled', { sellerId, connectionId: path.connectionId });
  return ok(connectionView(connection, publicOrigin(event.headers ?? {})));
});
