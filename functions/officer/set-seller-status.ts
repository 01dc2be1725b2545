import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { Principal } from '../../shared/accounts/principal';
import type { AuditActor } from '../../shared/audit/audit';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { revokeAllApiKeys } from '../../shared/db/accounts';
import { auditPuts, writeAudit } from '../../shared/db/audit';
import { setSellerListing } from '../../shared/db/products';
import { getSeller, saveSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import {
  actionNeedsReason,
  isSellerListed,
  nextSellerStatus,
  SELLER_ACTIONS,
  type Seller,
  type SellerAction,
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
    z.refine((b) => !actionNeedsReason(b.action) || b.reason !== undefined, {
      path: ['reason'],
      message: 'A rejection or suspension needs a reason',
    }),
  );

const TARGET: Record<SellerAction, SellerStatus> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
  reinstate: 'approved',
};

/** A status change as committed: what a notification (e.g. an email to the seller) needs. */
export interface CommittedStatusChange {
  seller: Seller;
  from: SellerStatus;
  to: SellerStatus;
  action: SellerAction;
  reason?: string;
  at: string;
}

/**
 * THE place a seller's status changes: one conditional transaction (status on the version the
 * officer saw + status history + audit record). When it returns, the change is committed; when it
 * throws, nothing was written. Anything that must follow a committed change (notifying the
 * seller) hooks in right after the call in the handler below, once per change (a retry does not
 * come through here again).
 */
async function commitStatusChange(
  seller: Seller,
  action: SellerAction,
  reason: string | undefined,
  principal: Principal,
  actor: AuditActor,
  now: Date,
): Promise<CommittedStatusChange> {
  const next = nextSellerStatus(seller.status, action);
  if (!next)
    throw new AppError('seller.invalidTransition', `Cannot ${action} a ${seller.status} seller`, {
      status: seller.status,
    });
  const at = now.toISOString();
  const changed: Seller = {
    ...seller,
    status: next,
    lastStatusAction: action,
    updatedAt: at,
    version: seller.version + 1,
    ...(reason ? { statusReason: reason } : {}),
  };
  const by = principal.kind === 'session' ? principal.accountId : 'unknown';
  await saveSeller(
    changed,
    seller.version,
    { action, by, ...(reason ? { reason } : {}) },
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at,
        action: `seller.${action}`,
        actor,
        target: { kind: 'seller', id: seller.id, sellerId: seller.id },
        details: { from: seller.status, to: next, ...(reason ? { reason } : {}) },
      }),
    ),
  );
  logger.info('seller status changed', { sellerId: seller.id, from: seller.status, to: next });
  return {
    seller: changed,
    from: seller.status,
    to: next,
    action,
    ...(reason ? { reason } : {}),
    at,
  };
}

/**
 * Approves or rejects a pending application, suspends or reinstates a seller, then lists or
 * unlists its products at once. Each action applies only from its own status (see
 * nextSellerStatus), on the version the officer saw. Rejecting and suspending need a reason, which
 * the seller sees in its portal. A retry after a failure between the two writes (same action, the
 * version it was sent with, status already reached by that action) only re-applies the listing. A
 * suspension revokes the seller's API keys. Recorded in the audit trail with the reason, in the
 * same transaction as the status change (commitStatusChange).
 */
export const handler = httpHandler(
  { path: Path, body: Body },
  async ({ path, body, principal, now, event }) => {
    const seller = await getSeller(path.sellerId, true);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    const actor = auditActor(principal, event);
    const retry =
      seller.status === TARGET[body.action] &&
      seller.version === body.version + 1 &&
      seller.lastStatusAction === body.action;
    let current = seller;
    if (!retry) {
      if (nextSellerStatus(seller.status, body.action) && seller.version !== body.version) {
        throw new AppError('seller.versionConflict', 'The seller was changed meanwhile', {
          currentVersion: seller.version,
        });
      }
      const change = await commitStatusChange(
        seller,
        body.action,
        body.reason,
        principal,
        actor,
        now,
      );
      current = change.seller;
      // Committed: notifications of `change` go here.
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
