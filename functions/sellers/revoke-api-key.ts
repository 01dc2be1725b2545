import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { revokeApiKey } from '../../shared/db/accounts';
import { auditPuts } from '../../shared/db/audit';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { noContent } from '../_http/respond';
import { loadChangeableSeller } from './guard';

getConfig();

const Path = z.strictObject({ keyId: z.string().check(z.regex(/^[A-Za-z0-9]{12}$/)) });

/**
 * Revokes one of the caller's keys at once; another seller's key id is "not found". Not while
 * suspended (the suspension already revoked every key).
 */
export const handler = httpHandler({ path: Path }, async ({ path, principal, now, event }) => {
  const { id: sellerId } = await loadChangeableSeller(principal);
  await revokeApiKey(
    path.keyId,
    sellerId,
    now,
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: 'apiKey.revoked',
        actor: auditActor(principal, event),
        target: { kind: 'apiKey', id: path.keyId, sellerId },
      }),
    ),
  );
  logger.info('api key revoked', { sellerId, keyId: path.keyId });
  return noContent();
});
