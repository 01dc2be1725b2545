import type { Product } from '../../shared/catalog/product';
import type { DeliveryOptions } from '../../shared/orders/delivery';
import type { Seller } from '../../shared/sellers/seller';

/**
 * Demo data for `npm start`: cooperatives in real Cà Mau communes (official codes from
 * shared/geo/camau-communes.json) with products that look like what they really sell. Fixed ids
 * and times make seeding idempotent. Bank accounts are made up; BINs are real NAPAS BINs.
 */
export const SEED_VERSION = '2026-11-23.1';
const at = '2026-11-01T08:00:00.000+07:00';

/** Demo delivery options: every shape a checkout meets (shipping with a free threshold, COD). */
const delivery = (
  pickupAddress: string | undefined,
  shipping: { fee: number; freeAbove?: number } | undefined,
  cod: boolean,
): DeliveryOptions => ({
  pickup: pickupAddress ? { enabled: true, address: pickupAddress } : { enabled: false },
  shipping: shipping ? { enabled: true, ...shipping } : { enabled: false, fee: 0 },
  cod,
});

const seller = (
  s: Omit<Seller, 'status' | 'createdAt' | 'updatedAt' | 'version'> & {
    deliveryOptions: DeliveryOptions;
  },
): Seller & { deliveryOptions: DeliveryOptions } => ({
  ...s,
  status: 'approved',
  createdAt: at,
  updatedAt: at,
  version: 1,
});

export const demoSellers: Array<Seller & { deliveryOptions: DeliveryOptions }> = [
  seller({
    id: 'sl-demo-rachgoc',
    legalName: 'Hợp tác xã Tôm khô Rạch Gốc',
    type: 'cooperative',
    taxCode: '2001234565',
    communeCode: '32248', // Xã Đất Mũi
    sector: { code: '1020', classification: 'VSIC2025' },
    phone: '0912345678',
    bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX TOM KHO RACH GOC' },
    deliveryOptions: delivery(
      'Ấp Rạch Gốc, xã Đất Mũi',
      { fee: 30_000, freeAbove: 1_000_000 },
      true,
    ),
  }),
  seller({
    id: 'sl-demo-namcan',
    legalName: 'Hợp tác xã Cua Năm Căn',
    type: 'cooperative',
    taxCode: '2002345677',
    communeCode: '32191', // Xã Năm Căn
    sector: { code: '0321', classification: 'VSIC2025' },
    phone: '0987654321',
    bank: { bin: '970436', accountNumber: '1023456789', holderName: 'HTX CUA NAM CAN' },
    deliveryOptions: delivery('Chợ Năm Căn, xã Năm Căn', { fee: 45_000 }, true),
  }),
  seller({
    id: 'sl-demo-uminh',
    legalName: 'Hợp tác xã Mật ong U Minh Hạ',
    type: 'cooperative',
    taxCode: '2004567890',
    communeCode: '32047', // Xã U Minh
    sector: { code: '0149', classification: 'VSIC2025' },
    phone: '0356789012',
    bank: { bin: '970418', accountNumber: '7410001234567', holderName: 'HTX MAT ONG U MINH HA' },
    deliveryOptions: delivery(undefined, { fee: 25_000, freeAbove: 500_000 }, false),
  }),
  seller({
    id: 'sl-demo-datmui',
    legalName: 'Hộ kinh doanh Du lịch sinh thái Mũi Cà Mau',
    type: 'household',
    taxCode: '2011122236',
    communeCode: '32248', // Xã Đất Mũi
    sector: { code: '7912', classification: 'VSIC2025' },
    phone: '0945123456',
    bank: { bin: '970422', accountNumber: '0945123456', holderName: 'NGUYEN VAN HAI' },
    deliveryOptions: delivery('Bến tàu Đất Mũi', undefined, false),
  }),
];

const product = (
  p: Omit<Product, 'status' | 'createdAt' | 'updatedAt' | 'version' | 'images' | 'priceTiers'> &
    Partial<Pick<Product, 'priceTiers'>>,
): Product => ({
  priceTiers: [],
  ...p,
  images: [],
  status: 'active',
  createdAt: at,
  updatedAt: at,
  version: 1,
});

export const demoProducts: Product[] = [
  product({
    id: 'pr-demo-tomkho',
    sellerId: 'sl-demo-rachgoc',
    name: {
      vi: 'Tôm khô Cà Mau Rạch Gốc loại 1',
      en: 'Ca Mau dried shrimp from Rach Goc, grade 1',
    },
    description: {
      vi: 'Tôm đất phơi nắng tự nhiên, không phẩm màu, đóng gói hút chân không.',
      en: 'Sun-dried, no colouring, vacuum packed.',
    },
    category: 'driedSeafood',
    unit: 'kg',
    price: 1_250_000,
    priceTiers: [
      { minQuantity: 3, unitPrice: 1_200_000 },
      { minQuantity: 10, unitPrice: 1_150_000 },
    ],
    stock: 120,
    originCommuneCode: '32248',
    certifications: [
      { kind: 'ocop', stars: 4, number: 'OCOP-CM-2025-0112', expiresOn: '2028-06-30' },
    ],
  }),
  product({
    id: 'pr-demo-khobaingau',
    sellerId: 'sl-demo-rachgoc',
    name: { vi: 'Khô cá bổi Cà Mau', en: 'Ca Mau dried fish' },
    description: { vi: 'Cá bổi làm sạch, phơi một nắng.', en: 'Cleaned and sun-dried once.' },
    category: 'driedSeafood',
    unit: 'túi',
    price: 185_000,
    stock: 60,
    originCommuneCode: '32248',
    certifications: [],
  }),
  product({
    id: 'pr-demo-cuagach',
    sellerId: 'sl-demo-namcan',
    name: { vi: 'Cua gạch Năm Căn', en: 'Nam Can roe crab' },
    description: {
      vi: 'Cua nuôi quảng canh dưới tán rừng đước, 2–3 con/kg, giao sống.',
      en: 'Mangrove-farmed, 2–3 per kg, delivered alive.',
    },
    category: 'crab',
    unit: 'kg',
    price: 450_000,
    stock: 80,
    originCommuneCode: '32191',
    certifications: [{ kind: 'asc' }],
  }),
  product({
    id: 'pr-demo-mattong',
    sellerId: 'sl-demo-uminh',
    name: { vi: 'Mật ong rừng tràm U Minh Hạ', en: 'U Minh Ha melaleuca forest honey' },
    description: {
      vi: 'Mật ong gác kèo rừng tràm, chai 500 ml.',
      en: 'Rafter-hive honey from the melaleuca forest, 500 ml bottle.',
    },
    category: 'honey',
    unit: 'chai',
    price: 250_000,
    stock: 200,
    originCommuneCode: '32047',
    certifications: [
      { kind: 'ocop', stars: 3, number: 'OCOP-CM-2024-0045', expiresOn: '2027-12-31' },
    ],
  }),
  product({
    id: 'pr-demo-gaost25',
    sellerId: 'sl-demo-uminh',
    name: { vi: 'Gạo ST25 lúa – tôm', en: 'ST25 rice from rice–shrimp fields' },
    description: {
      vi: 'Gạo ST25 trồng luân canh với tôm, túi 5 kg.',
      en: 'ST25 rice rotated with shrimp farming, 5 kg bag.',
    },
    category: 'rice',
    unit: 'túi',
    price: 175_000,
    stock: 300,
    originCommuneCode: '32047',
    certifications: [{ kind: 'organic' }],
  }),
  product({
    id: 'pr-demo-tourmui',
    sellerId: 'sl-demo-datmui',
    name: { vi: 'Tour rừng ngập mặn Mũi Cà Mau 1 ngày', en: 'Ca Mau Cape mangrove day tour' },
    description: {
      vi: 'Đi xuồng qua rừng đước, thăm cột mốc tọa độ quốc gia, ăn trưa hải sản.',
      en: 'Boat through the mangroves, the national landmark, seafood lunch.',
    },
    category: 'tour',
    unit: 'người',
    price: 650_000,
    capacityPerDate: 20,
    originCommuneCode: '32248',
    certifications: [],
  }),
];
