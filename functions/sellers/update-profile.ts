import { getConfig } from '../../shared/config';
import { getSeller, saveSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import { applyProfileUpdate, SellerProfileUpdateSchema } from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/** The seller edits its own profile on the version it read (409 when stale). */
export const handler = httpHandler(
  { body: SellerProfileUpdateSchema },
  async ({ body, principal, now }) => {
    const { sellerId } = requireSeller(principal);
    const seller = await getSeller(sellerId, true);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    if (seller.version !== body.version) {
      throw new AppError('seller.versionConflict', 'The profile was changed meanwhile', {
        currentVersion: seller.version,
      });
    }
    const updated = applyProfileUpdate(seller, body, now);
    await saveSeller(updated, seller.version);
    return ok({ seller: sellerView(updated) });
  },
);
