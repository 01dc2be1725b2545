import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { writeAudit } from '../../shared/db/audit';
import {
  getActionableTransfer,
  markCounterSale,
  markNotSale,
  matchTransfer,
  TRANSFER_ID,
  type TransferActor,
} from '../../shared/db/payments';
import { getSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import { normaliseOrderCode } from '../../shared/orders/code';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';
import { assertSellerMayChange } from '../sellers/guard';
import { transferView } from './transfer-view';

const config = getConfig();

const Path = z.strictObject({
  transferId: z.string().check(z.regex(TRANSFER_ID, 'A transfer id')),
});

export const ResolveTransferSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('match'),
    orderCode: z.string().check(z.regex(/^[A-Za-z0-9 .-]{9,20}$/, 'An order code')),
  }),
  z.strictObject({ action: z.literal('notSale') }),
  z.strictObject({
    action: z.literal('counterSale'),
    kind: z._default(z.enum(['goods', 'service']), 'goods'),
  }),
]);

/**
 * Resolves an unmatched transfer: `match` pays one of the transfer's seller's orders (the same
 * transaction as an automatic match), `notSale` marks a personal transfer, `counterSale` records an
 * offline sale paid by the seller's static QR. Who and when are kept on the transfer and in the
 * audit trail. Repeating the same resolution answers it again; another one is 409. Sellers act on
 * their own transfers (not while suspended), officers and admins on any.
 */
export const handler = httpHandler(
  { path: Path, body: ResolveTransferSchema },
  async ({ path, body, principal, now, event }) => {
    if (principal.kind === 'anonymous') throw new AppError('auth.required', 'Sign in first');
    const own = principal.role === 'seller' ? principal.sellerId : undefined;
    const record = await getActionableTransfer(path.transferId, own);
    const seller = await getSeller(record.sellerId, true);
    if (!seller) throw new AppError('transfer.notFound', 'No such transfer');
    if (own) assertSellerMayChange(seller);
    const by: TransferActor =
      principal.kind === 'session'
        ? { accountId: principal.accountId, role: principal.role }
        : { accountId: `apiKey:${principal.keyId}`, role: 'seller' };
    let outcome: Awaited<ReturnType<typeof markNotSale>>;
    if (body.action === 'match') {
      const code = normaliseOrderCode(body.orderCode);
      if (!code) throw new AppError('order.notFound', 'No such order');
      outcome = await matchTransfer(record, code, by, {
        now,
        piiDays: config.PII_RETENTION_DAYS,
      });
    } else if (body.action === 'notSale') {
      outcome = await markNotSale(record, by, now);
    } else {
      outcome = await markCounterSale(record, by, seller, body.kind, now);
    }
    if (!outcome.duplicate) {
      await writeAudit(
        auditEvent({
          id: randomUUID(),
          at: now.toISOString(),
          action: `transfer.${body.action === 'match' ? 'matched' : body.action}`,
          actor: auditActor(principal, event),
          target: { kind: 'seller', id: record.sellerId, sellerId: record.sellerId },
          details: {
            transferId: record.id,
            ...(outcome.record.orderCode ? { orderCode: outcome.record.orderCode } : {}),
          },
        }),
      );
    }
    logger.info('transfer resolved', {
      transferId: record.id,
      sellerId: record.sellerId,
      action: body.action,
      duplicate: outcome.duplicate,
    });
    return ok({ ...transferView(outcome.record), duplicate: outcome.duplicate });
  },
);
