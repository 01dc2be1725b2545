import { findCommune } from '../geo/communes';
import { findSector } from '../sectors/vsic';
import { findBankByBin } from '../vietqr/banks';
import type { Seller } from './seller';

/** What the API shows of a seller (to the seller itself and to officers). */
export function sellerView(seller: Seller) {
  const commune = findCommune(seller.communeCode);
  const sector = findSector(seller.sector.code);
  const bank = findBankByBin(seller.bank.bin);
  return {
    ...seller,
    communeName: commune?.name ?? null,
    sector: { ...seller.sector, name: sector?.name ?? null, nameEn: sector?.nameEn ?? null },
    bank: { ...seller.bank, bankName: bank?.shortName ?? null },
  };
}
export type SellerView = ReturnType<typeof sellerView>;
