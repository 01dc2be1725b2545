import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import {
  getConnection,
  newTransferRecord,
  recordTransferOnly,
  settleTransfer,
} from '../../shared/db/payments';
import { AppError } from '../../shared/errors';
import { CONNECTION_ID } from '../../shared/payments/connection';
import { PROVIDERS } from '../../shared/payments/providers/common';
import { interpretDelivery, verifyDelivery } from '../../shared/payments/providers/index';
import type { BankTransfer } from '../../shared/payments/transfer';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';
import { openConnectionSecret } from '../payments/connection-secrets';

const config = getConfig();

const Path = z.strictObject({
  provider: z.enum(PROVIDERS),
  connectionId: z.string().check(z.regex(CONNECTION_ID, 'A payment connection id')),
});

/** What a person reviewing an uninterpretable delivery gets to read (the rest is cut). */
const REVIEW_BODY_CHARS = 16_000;

const unauthorized = () =>
  new AppError('webhook.unauthorized', 'Missing, stale or invalid webhook signature');

/**
 * A provider's notification of a bank transfer. The signature is checked on the raw body with the
 * connection's own secret before anything is parsed or stored: a bad, missing or stale one is 401
 * and nothing is written (the same answer for an unknown or disabled connection, so the answer
 * tells a forger nothing). A signed delivery is always answered 200 `{"success": true}` (providers
 * retry anything else for hours), once it is recorded: paid to its order, unmatched, ignored
 * (money out, the provider's test) or kept for review. A repeated delivery writes nothing.
 */
export const handler = httpHandler(
  { path: Path, rawBody: true },
  async ({ path, rawBody, event, now }) => {
    const headers = event.headers ?? {};
    const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      throw new AppError('request.unsupportedMediaType', 'Send the body as application/json', {
        expected: 'application/json',
      });
    const connection = await getConnection(path.connectionId);
    const secret =
      connection && !connection.disabledAt && connection.provider === path.provider
        ? await openConnectionSecret(connection)
        : undefined;
    if (!connection || secret === undefined) {
      logger.warn('webhook refused', { ...path, reason: 'unknownConnection' });
      throw unauthorized();
    }
    const verification = verifyDelivery(
      { rawBody, headers, now },
      {
        provider: connection.provider,
        secret,
        ...(connection.sepayAuth ? { sepayAuth: connection.sepayAuth } : {}),
      },
    );
    if (!verification.ok) {
      logger.warn('webhook refused', { ...path, reason: verification.reason });
      throw unauthorized();
    }
    const base = {
      provider: connection.provider,
      connectionId: connection.id,
      sellerId: connection.sellerId,
      receivedAt: now.toISOString(),
    };
    const meaning = interpretDelivery(connection.provider, verification.body);
    let outcome: Awaited<ReturnType<typeof recordTransferOnly>>;
    if (meaning.kind === 'transfer') {
      const transfer: BankTransfer = { ...meaning.facts, ...base };
      outcome = await settleTransfer(
        transfer,
        { kind: 'new' },
        {
          now,
          piiDays: config.PII_RETENTION_DAYS,
        },
      );
    } else {
      // Kept once, by the provider's id when it gave one, else by the body's hash.
      const providerTransactionId =
        (meaning.kind === 'ignored'
          ? meaning.facts?.providerTransactionId
          : meaning.providerTransactionId) ??
        `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
      const transfer: BankTransfer = { providerTransactionId, amount: 0, content: '', ...base };
      outcome = await recordTransferOnly(
        newTransferRecord(transfer, meaning.kind === 'ignored' ? 'ignored' : 'review', {
          reason: meaning.reason,
          ...(meaning.kind === 'uninterpretable'
            ? { rawBody: rawBody.slice(0, REVIEW_BODY_CHARS) }
            : {}),
        }),
      );
    }
    logger.info('webhook accepted', {
      ...path,
      sellerId: connection.sellerId,
      transferId: outcome.record.id,
      state: outcome.record.state,
      ...(outcome.record.reason ? { reason: outcome.record.reason } : {}),
      ...(outcome.record.result ? { paymentStatus: outcome.record.result.paymentStatus } : {}),
      duplicate: outcome.duplicate,
    });
    return ok({ success: true });
  },
);
