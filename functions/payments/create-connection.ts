import { randomBytes, randomUUID } from 'node:crypto';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { auditPuts } from '../../shared/db/audit';
import { insertConnection } from '../../shared/db/payments';
import {
  CreateConnectionSchema,
  connectionView,
  type PaymentConnection,
} from '../../shared/payments/connection';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { publicOrigin } from '../_http/public-origin';
import { created } from '../_http/respond';
import { loadChangeableSeller } from '../sellers/guard';
import { sealConnectionSecret } from './connection-secrets';

getConfig();

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 24 characters from 24 random bytes (the 256 % 62 bias is negligible for an id). */
export const newConnectionId = () =>
  Array.from(randomBytes(24), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');

/**
 * Adds a payment connection for the seller (not while suspended): the secret is sealed at once
 * and never shown again, only its last 4 characters. Answers the webhook URL to paste into the
 * provider's dashboard.
 */
export const handler = httpHandler(
  { body: CreateConnectionSchema },
  async ({ body, principal, now, event }) => {
    const { id: sellerId } = await loadChangeableSeller(principal);
    const id = newConnectionId();
    const createdAt = now.toISOString();
    const connection: PaymentConnection = {
      id,
      sellerId,
      provider: body.provider,
      ...(body.provider === 'sepay' ? { sepayAuth: body.sepayAuth ?? 'apikey' } : {}),
      sealed: await sealConnectionSecret(body.secret, id, sellerId),
      secretLast4: body.secret.slice(-4),
      createdAt,
    };
    await insertConnection(
      connection,
      auditPuts(
        auditEvent({
          id: randomUUID(),
          at: createdAt,
          action: 'paymentConnection.created',
          actor: auditActor(principal, event),
          target: { kind: 'paymentConnection', id, sellerId },
          details: { provider: body.provider },
        }),
      ),
    );
    logger.info('payment connection created', {
      sellerId,
      connectionId: id,
      provider: body.provider,
    });
    return created(connectionView(connection, publicOrigin(event.headers ?? {})));
  },
);
