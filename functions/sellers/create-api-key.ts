import { randomBytes, randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { formatApiKey, hashApiKeySecret } from '../../shared/accounts/api-key';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { insertApiKey } from '../../shared/db/accounts';
import { auditPuts } from '../../shared/db/audit';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { created } from '../_http/respond';
import { loadChangeableSeller } from './guard';

getConfig();

const Body = z.strictObject({ name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)) });
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 12-character id from 12 random bytes (rejection-free: 256 % 62 bias is negligible for an id). */
const newKeyId = () =>
  Array.from(randomBytes(12), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');

/** Creates a key for the seller (not while suspended); the full key is in this answer only. */
export const handler = httpHandler({ body: Body }, async ({ body, principal, now, event }) => {
  const { id: sellerId } = await loadChangeableSeller(principal);
  const keyId = newKeyId();
  const secret = randomBytes(32).toString('base64url');
  const createdAt = now.toISOString();
  await insertApiKey(
    { keyId, sellerId, name: body.name, secretHash: hashApiKeySecret(secret), createdAt },
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: createdAt,
        action: 'apiKey.created',
        actor: auditActor(principal, event),
        target: { kind: 'apiKey', id: keyId, sellerId },
        details: { name: body.name },
      }),
    ),
  );
  logger.info('api key created', { sellerId, keyId });
  return created({ keyId, name: body.name, createdAt, key: formatApiKey(keyId, secret) });
});
