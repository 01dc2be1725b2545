/**
 * A product: goods sold by unit with stock, or a service (tour, homestay, boat trip). Prices are
 * integer VND.
 */
export type ProductCategory =
  | 'seafood'
  | 'driedSeafood'
  | 'crab'
  | 'rice'
  | 'honey'
  | 'fruit'
  | 'processedFood'
  | 'handicraft'
  | 'tour'
  | 'homestay'
  | 'other';
export type ProductStatus = 'draft' | 'active' | 'archived';

export interface Certification {
  kind: 'ocop' | 'vietgap' | 'asc' | 'organic';
  stars?: 3 | 4 | 5;
  number?: string;
  expiresOn?: string;
}

export interface Product {
  id: string;
  sellerId: string;
  name: { vi: string; en?: string };
  description: { vi: string; en?: string };
  category: ProductCategory;
  unit: string;
  /** Whole VND. */
  price: number;
  /** Goods: units in stock. Services: capacity per date. */
  stock: number;
  originCommuneCode: string;
  certifications: Certification[];
  images: string[];
  status: ProductStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
}
