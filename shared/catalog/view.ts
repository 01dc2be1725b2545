import { findCommune } from '../geo/communes';
import { provinceDate } from '../province-date';
import type { SellerStatus } from '../sellers/seller';
import { isInStock, isListable, kindOf, type Product, UNITS, validCertifications } from './product';

/**
 * What the API shows of a product. Public views carry the seller's legal name and commune names;
 * seller views carry everything the seller may edit plus whether the product is on the storefront.
 */

/** The seller as the storefront shows it. */
export interface PublicSeller {
  id: string;
  legalName: string;
  communeCode: string;
}

const commune = (code: string) => ({ code, name: findCommune(code)?.name ?? code });

/** A storefront list item (no description: the product page has it). */
export function productSummaryView(product: Product, seller: PublicSeller, now: Date) {
  return {
    id: product.id,
    name: product.name,
    category: product.category,
    kind: kindOf(product.category),
    unit: product.unit,
    unitLabel: UNITS[product.unit],
    price: product.price,
    priceTiers: product.priceTiers,
    inStock: isInStock(product),
    ...(product.stock !== undefined ? { stock: product.stock } : {}),
    ...(product.capacityPerDate !== undefined ? { capacityPerDate: product.capacityPerDate } : {}),
    originCommune: commune(product.originCommuneCode),
    // Expired certificates stay stored (the seller renews them) but are not shown to buyers.
    certifications: validCertifications(product.certifications, provinceDate(now)),
    images: product.images,
    seller: {
      id: seller.id,
      legalName: seller.legalName,
      commune: commune(seller.communeCode),
    },
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}

/** The storefront product page. */
export function publicProductView(product: Product, seller: PublicSeller, now: Date) {
  return { ...productSummaryView(product, seller, now), description: product.description };
}

/** The seller's own product: every stored field, plus kind, labels and storefront state. */
export function ownProductView(product: Product, sellerStatus: SellerStatus | undefined) {
  return {
    ...product,
    kind: kindOf(product.category),
    unitLabel: UNITS[product.unit],
    originCommune: commune(product.originCommuneCode),
    listed: isListable(product, sellerStatus),
  };
}
