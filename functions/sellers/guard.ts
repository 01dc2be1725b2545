import type { Principal } from '../../shared/accounts/principal';
import { getSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import type { Seller } from '../../shared/sellers/seller';
import { requireSeller } from '../_http/auth';

/**
 * The guard for anything a seller CHANGES about itself: profile, API keys, payment settings
 * (payment connections use it too). A suspended seller may still read all of it, but changes are
 * refused with `seller.suspended` (403) until an officer reinstates it. Returns the seller read
 * consistently, for the optimistic-concurrency check that usually follows.
 */
export async function loadChangeableSeller(principal: Principal): Promise<Seller> {
  const { sellerId } = requireSeller(principal);
  const seller = await getSeller(sellerId, true);
  if (!seller) throw new AppError('seller.notFound', 'No such seller');
  assertSellerMayChange(seller);
  return seller;
}

export function assertSellerMayChange(seller: Pick<Seller, 'status'>): void {
  if (seller.status === 'suspended')
    throw new AppError('seller.suspended', 'A suspended seller cannot change this');
}
