import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { auditPuts } from '../../shared/db/audit';
import { bankChangeQueueDelete, getSeller, saveSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import type { Seller } from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({ sellerId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)) });
const Body = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    /** The request the officer looked at: a newer request is not decided by this answer. */
    requestedAt: z.iso.datetime(),
    reason: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(500))),
  })
  .check(
    z.refine((b) => b.decision !== 'reject' || b.reason !== undefined, {
      path: ['reason'],
      message: 'A rejection needs a reason',
    }),
  );

/**
 * An officer approves or rejects a seller's requested bank account. Approving makes it `bank`
 * (VietQR codes pay into it from then on); either way the request leaves the queue. The seller
 * write, the queue entry and the audit record are one transaction.
 */
export const handler = httpHandler(
  { path: Path, body: Body },
  async ({ path, body, principal, now, event }) => {
    const seller = await getSeller(path.sellerId, true);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    const pending = seller.pendingBank;
    if (!pending || pending.requestedAt !== new Date(body.requestedAt).toISOString()) {
      throw new AppError('seller.bankChangeNotFound', 'No such bank-account change request', {
        ...(pending ? { requestedAt: pending.requestedAt } : {}),
      });
    }
    const { pendingBank: _handled, ...rest } = seller;
    const { requestedAt: _r, requestedBy, ...account } = pending;
    const updated: Seller = {
      ...rest,
      ...(body.decision === 'approve' ? { bank: account } : {}),
      updatedAt: now.toISOString(),
      version: seller.version + 1,
    };
    await saveSeller(updated, seller.version, undefined, [
      bankChangeQueueDelete(seller.id),
      ...auditPuts(
        auditEvent({
          id: randomUUID(),
          at: now.toISOString(),
          action:
            body.decision === 'approve' ? 'seller.bankChangeApproved' : 'seller.bankChangeRejected',
          actor: auditActor(principal, event),
          target: { kind: 'seller', id: seller.id, sellerId: seller.id, accountId: requestedBy },
          details: {
            bin: account.bin,
            accountEnding: account.accountNumber.slice(-4),
            holderName: account.holderName,
            requestedAt: pending.requestedAt,
            ...(body.reason ? { reason: body.reason } : {}),
          },
        }),
      ),
    ]);
    logger.info('bank change decided', { sellerId: seller.id, decision: body.decision });
    return ok({ seller: sellerView(updated) });
  },
);
