import { expect } from 'vitest';
import type { Product } from '../../../shared/catalog/product';
import { AppError } from '../../../shared/errors';
import type { Order, OrderSeller } from '../../../shared/orders/order';

/** Shared fixtures of the orders unit tests: each file overrides only what it is about. */
export const NOW = new Date('2026-12-02T03:00:00.000Z'); // 10:00 in Cà Mau
export const BANK = { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX TOM KHO' };

/** Active goods, 500.000 ₫ per kg, 20 in stock, no tiers. */
export const product = (over: Partial<Product> = {}): Product => ({
  id: 'p1',
  sellerId: 's1',
  name: { vi: 'Tôm khô' },
  description: { vi: '' },
  category: 'driedSeafood',
  unit: 'kg',
  price: 500_000,
  priceTiers: [],
  stock: 20,
  originCommuneCode: '32248',
  certifications: [],
  images: [],
  status: 'active',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  version: 1,
  ...over,
});

/** An approved seller with pickup, 30.000 ₫ shipping and cash on delivery. */
export const seller = (over: Partial<OrderSeller> = {}): OrderSeller => ({
  id: 's1',
  legalName: 'HTX Tôm khô Rạch Gốc',
  communeCode: '32248',
  sector: { code: '1020', classification: 'VSIC2025' },
  status: 'approved',
  bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX TOM KHO RACH GOC' },
  delivery: {
    pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
    shipping: { enabled: true, fee: 30_000 },
    cod: true,
  },
  ...over,
});

/** A placed, unpaid VietQR pickup order of 500.000 ₫ into BANK. */
export const order = (over: Partial<Order> = {}): Order => ({
  code: 'CS7K3QX9Y',
  checkoutId: 'c1',
  sellerId: 's1',
  sellerName: 'HTX Tôm khô Rạch Gốc',
  sellerCommuneCode: '32248',
  sellerSector: { code: '1020', classification: 'VSIC2025' },
  accessTokenHash: 'ab',
  buyer: { name: 'Nguyễn Thị Lan', phone: '0912345678' },
  delivery: { method: 'pickup', pickupAddress: 'Ấp Rạch Gốc' },
  payment: 'vietqr',
  payee: BANK,
  lines: [],
  goodsAmount: 500_000,
  servicesAmount: 0,
  subtotal: 500_000,
  deliveryFee: 0,
  total: 500_000,
  amountPaid: 0,
  status: 'placed',
  paymentStatus: 'unpaid',
  saleRecorded: false,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  expiresAt: '2026-12-02T04:00:00.000Z',
  history: [],
  version: 1,
  ...over,
});

/** The AppError that `f` throws, as code, message and details; fails when it does not throw. */
export function refusedWith(f: () => unknown) {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    return { code: e.code, message: e.message, details: e.details };
  }
  throw new Error('not refused');
}
