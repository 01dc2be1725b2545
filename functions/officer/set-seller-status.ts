import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
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
 * Approves, suspends or reinstates a seller, then lists or unlists its products at once. Repeating
 * an action that already took effect only re-applies the listing (safe to retry after a failure
 * between the two writes).
 */
export const handler = httpHandler(
  { path: Path, body: Body },
  async ({ path, body, principal, now }) => {
    const seller = await getSeller(path.sellerId, true);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    const target = TARGET[body.action];
    let current = seller;
    if (seller.status !== target) {
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
        updatedAt: now.toISOString(),
        version: seller.version + 1,
        ...(body.reason ? { statusReason: body.reason } : {}),
      };
      const by = principal.kind === 'session' ? principal.accountId : 'unknown';
      await saveSeller(current, seller.version, {
        action: body.action,
        by,
        ...(body.reason ? { reason: body.reason } : {}),
      });
      logger.info('seller status changed', { sellerId: seller.id, from: seller.status, to: next });
    }
    await setSellerListing(current.id, isSellerListed(current.status));
    return ok({ seller: sellerView(current) });
  },
);
