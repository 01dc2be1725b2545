import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { revokeAllApiKeys } from '../../shared/db/accounts';
import { auditPuts, writeAudit } from '../../shared/db/audit';
import { setSellerListing } from '../../shared/db/products';
import { getSeller, saveSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import {
  isSellerListed,
  nextSellerStatus,
  SELLER_ACTIONS,
  type SellerStatus,
} from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({ sellerId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)) });
const Body = z
  .strictObject({
    action: z.enum(SELLER_ACTIONS),
    reason: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(500))),
    version: z.int().check(z.positive(), z.maximum(1_000_000_000)),
  })
  .check(
    z.refine((b) => b.action !== 'suspend' || b.reason !== undefined, {
      path: ['reason'],
      message: 'A suspension needs a reason',
    }),
  );

const TARGET: Record<(typeof SELLER_ACTIONS)[number], SellerStatus> = {
  approve: 'approved',
  suspend: 'suspended',
  reinstate: 'approved',
};

/**
 * Approves, suspends or reinstates a seller, then lists or unlists its products at once. Each
 * action applies only from its own status (reinstate: suspended sellers only), on the version the
 * officer saw. A retry after a failure between the two writes (same action, the version it was
 * sent with, status already reached by that action) only re-applies the listing. A suspension
 * revokes the seller's API keys. Recorded in the audit trail with the reason, in the same
 * transaction as the status change.
 */
export const handler = httpHandler(
  { path: Path, body: Body },
  async ({ path, body, principal, now, event }) => {
    const seller = await getSeller(path.sellerId, true);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    const target = TARGET[body.action];
    const actor = auditActor(principal, event);
    const retry =
      seller.status === target &&
      seller.version === body.version + 1 &&
      seller.lastStatusAction === body.action;
    let current = seller;
    if (!retry) {
      const next = nextSellerStatus(seller.status, body.action);
      if (!next)
        throw new AppError(
          'seller.invalidTransition',
          `Cannot ${body.action} a ${seller.status} seller`,
          { status: seller.status },
        );
      if (seller.version !== body.version) {
        throw new AppError('seller.versionConflict', 'The seller was changed meanwhile', {
          currentVersion: seller.version,
        });
      }
      current = {
        ...seller,
        status: next,
        lastStatusAction: body.action,
        updatedAt: now.toISOString(),
        version: seller.version + 1,
        ...(body.reason ? { statusReason: body.reason } : {}),
      };
      const by = principal.kind === 'session' ? principal.accountId : 'unknown';
      await saveSeller(
        current,
        seller.version,
        { action: body.action, by, ...(body.reason ? { reason: body.reason } : {}) },
        auditPuts(
          auditEvent({
            id: randomUUID(),
            at: now.toISOString(),
            action: `seller.${body.action}`,
            actor,
            target: { kind: 'seller', id: seller.id, sellerId: seller.id },
            details: {
              from: seller.status,
              to: next,
              ...(body.reason ? { reason: body.reason } : {}),
            },
          }),
        ),
      );
      logger.info('seller status changed', { sellerId: seller.id, from: seller.status, to: next });
    }
    if (current.status === 'suspended') {
      // Keys die with the suspension (a retry finishes what a failed first run left).
      const revoked = await revokeAllApiKeys(current.id, now);
      if (revoked.length > 0)
        await writeAudit(
          auditEvent({
            id: randomUUID(),
            at: now.toISOString(),
            action: 'apiKey.revokedBySuspension',
            actor,
            target: { kind: 'seller', id: current.id, sellerId: current.id },
            details: { keyIds: revoked.join(',') },
          }),
        );
    }
    await setSellerListing(current.id, isSellerListed(current.status));
    return ok({ seller: sellerView(current) });
  },
);
