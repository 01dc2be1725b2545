/**
 * A seller: cooperative (HTX), enterprise (SME) or household business. The profile carries what
 * payments (bank account for VietQR) and statistics (commune, sector with its classification
 * version) need.
 */
export type SellerType = 'cooperative' | 'enterprise' | 'household';
export type SellerStatus = 'pending' | 'approved' | 'suspended';

export interface Seller {
  id: string;
  legalName: string;
  type: SellerType;
  taxCode: string;
  /** 5-digit official commune code (shared/geo). */
  communeCode: string;
  /** VSIC code and the classification it comes from. */
  sector: { code: string; classification: 'VSIC2025' };
  phone: string;
  bank: { bin: string; accountNumber: string; holderName: string };
  status: SellerStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
}
