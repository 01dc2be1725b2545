import type { DeliveryOptions } from '../../shared/orders/delivery';
import type { Seller } from '../../shared/sellers/seller';
import { demoSellers } from './seed-data';

/**
 * What the demo history is made of (infra/local/seed-history-generator.ts turns it into ledger
 * entries): the demo sellers of seed-data.ts plus a few more in other communes and sectors, so the
 * statistics show several communes, sectors, channels and methods. Communes are official codes
 * (shared/geo/camau-communes.json), sectors curated VSIC codes (shared/sectors/vsic.ts). Tax codes
 * carry a valid check digit; bank accounts are made up, BINs are real NAPAS BINs.
 */
export const HISTORY_SELLERS_VERSION = 'history-sellers-2026-12-02.1';

/** Fixed, so the sellers' items are the same on every start (they are written once). */
const at = '2025-10-01T08:00:00.000+07:00';
const noDelivery: DeliveryOptions = {
  pickup: { enabled: false },
  shipping: { enabled: false, fee: 0 },
  cod: false,
};
const shipping = (fee: number, cod: boolean, pickup?: string): DeliveryOptions => ({
  pickup: pickup ? { enabled: true, address: pickup } : { enabled: false },
  shipping: { enabled: true, fee },
  cod,
});

const seller = (
  s: Omit<Seller, 'status' | 'createdAt' | 'updatedAt' | 'version' | 'sector'> & {
    sectorCode: string;
    deliveryOptions: DeliveryOptions;
  },
): Seller & { deliveryOptions: DeliveryOptions } => {
  const { sectorCode, ...rest } = s;
  return {
    ...rest,
    sector: { code: sectorCode, classification: 'VSIC2025' },
    status: 'approved',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
};

/** Sellers that exist only for the history (no products, no sign-in). */
export const historySellers: Array<Seller & { deliveryOptions: DeliveryOptions }> = [
  seller({
    id: 'sl-demo-homestay-datmui',
    legalName: 'Hộ kinh doanh Homestay Đất Mũi Xanh',
    type: 'household',
    taxCode: '2005551117',
    communeCode: '32248', // Xã Đất Mũi
    sectorCode: '5510',
    phone: '0918111222',
    bank: { bin: '970405', accountNumber: '7801205111222', holderName: 'TRAN THI HONG' },
    deliveryOptions: noDelivery,
  }),
  seller({
    id: 'sl-demo-songdoc',
    legalName: 'Cơ sở Khô cá Sông Đốc Út Mười',
    type: 'household',
    taxCode: '2005551332',
    communeCode: '32098', // Xã Sông Đốc
    sectorCode: '1020',
    phone: '0939222333',
    bank: { bin: '970436', accountNumber: '1029222333', holderName: 'LE VAN MUOI' },
    deliveryOptions: shipping(30_000, true, 'Chợ Sông Đốc'),
  }),
  seller({
    id: 'sl-demo-tamgiang',
    legalName: 'Hợp tác xã Cua giống Tam Giang',
    type: 'cooperative',
    taxCode: '2005551445',
    communeCode: '32206', // Xã Tam Giang
    sectorCode: '0321',
    phone: '0946333444',
    bank: { bin: '970418', accountNumber: '7410333444555', holderName: 'HTX CUA GIONG TAM GIANG' },
    deliveryOptions: shipping(45_000, true),
  }),
  seller({
    id: 'sl-demo-tranvanthoi',
    legalName: 'Hộ kinh doanh Mật ong Tràm Trần Văn Thời',
    type: 'household',
    taxCode: '2005551558',
    communeCode: '32095', // Xã Trần Văn Thời
    sectorCode: '0149',
    phone: '0857444555',
    bank: { bin: '970422', accountNumber: '0857444555', holderName: 'NGUYEN THI MAI' },
    deliveryOptions: shipping(25_000, false),
  }),
  seller({
    id: 'sl-demo-thoibinh',
    legalName: 'Hợp tác xã Lúa – Tôm Thới Bình',
    type: 'cooperative',
    taxCode: '2005551660',
    communeCode: '32065', // Xã Thới Bình
    sectorCode: '0111',
    phone: '0979555666',
    bank: { bin: '970405', accountNumber: '7802205555666', holderName: 'HTX LUA TOM THOI BINH' },
    deliveryOptions: shipping(30_000, true),
  }),
  seller({
    id: 'sl-demo-anxuyen',
    legalName: 'Công ty TNHH Đặc sản Mũi Cà Mau',
    type: 'enterprise',
    taxCode: '2005551773',
    communeCode: '32002', // Phường An Xuyên
    sectorCode: '4722',
    phone: '0916666777',
    bank: {
      bin: '970436',
      accountNumber: '1029666777',
      holderName: 'CONG TY TNHH DAC SAN MUI CA MAU',
    },
    deliveryOptions: shipping(20_000, true, 'Đường Phan Ngọc Hiển, phường An Xuyên'),
  }),
  seller({
    id: 'sl-demo-longdien',
    legalName: 'Hợp tác xã Muối Long Điền',
    type: 'cooperative',
    taxCode: '2005551886',
    communeCode: '31985', // Xã Long Điền
    sectorCode: '0893',
    phone: '0965777888',
    bank: { bin: '970418', accountNumber: '7410777888999', holderName: 'HTX MUOI LONG DIEN' },
    deliveryOptions: shipping(30_000, true),
  }),
  seller({
    id: 'sl-demo-baclieu',
    legalName: 'Hộ kinh doanh Du lịch Nhà vườn Bạc Liêu',
    type: 'household',
    taxCode: '2005551999',
    communeCode: '31825', // Phường Bạc Liêu
    sectorCode: '7912',
    phone: '0888888999',
    bank: { bin: '970422', accountNumber: '0888888999', holderName: 'PHAM VAN LUAN' },
    deliveryOptions: noDelivery,
  }),
];

/** One thing a seller sells: price (whole VND) per unit and how many units a sale usually has. */
export interface HistoryItem {
  price: number;
  /** Units per sale, inclusive; `half` allows half units (kg). */
  quantity: [number, number];
  half?: boolean;
}

/**
 * How a seller's sales behave over the year. `rate`: sales per day at the end of the year outside
 * any season; `season`: which calendar moves it (`tet`: gifts before Tết, closed over Tết;
 * `tourism`: Tết holiday, summer and public holidays; `staple`: a little before Tết);
 * `online`: share of sales ordered on the platform; `cod`: online buyers may pay cash on delivery.
 */
export interface SellerProfile {
  sellerId: string;
  kind: 'goods' | 'service';
  rate: number;
  season: 'tet' | 'tourism' | 'staple';
  online: number;
  cod: boolean;
  /** Delivery fee of a shipped online order (0: picked up or a service). */
  deliveryFee: number;
  items: HistoryItem[];
}

export const sellerProfiles: SellerProfile[] = [
  {
    sellerId: 'sl-demo-rachgoc',
    kind: 'goods',
    rate: 1.3,
    season: 'tet',
    online: 0.6,
    cod: true,
    deliveryFee: 30_000,
    items: [
      { price: 1_250_000, quantity: [0.5, 3], half: true }, // dried shrimp, per kg
      { price: 185_000, quantity: [1, 5] }, // dried fish, per bag
    ],
  },
  {
    sellerId: 'sl-demo-namcan',
    kind: 'goods',
    rate: 1.0,
    season: 'tet',
    online: 0.55,
    cod: true,
    deliveryFee: 45_000,
    items: [{ price: 450_000, quantity: [1, 4], half: true }], // roe crab, per kg
  },
  {
    sellerId: 'sl-demo-uminh',
    kind: 'goods',
    rate: 1.1,
    season: 'staple',
    online: 0.5,
    cod: false,
    deliveryFee: 25_000,
    items: [
      { price: 250_000, quantity: [1, 4] }, // forest honey, per 500 ml bottle
      { price: 175_000, quantity: [1, 6] }, // ST25 rice, per 5 kg bag
    ],
  },
  {
    sellerId: 'sl-demo-datmui',
    kind: 'service',
    rate: 0.6,
    season: 'tourism',
    online: 0.75,
    cod: false,
    deliveryFee: 0,
    items: [{ price: 650_000, quantity: [2, 8] }], // mangrove day tour, per person
  },
  {
    sellerId: 'sl-demo-homestay-datmui',
    kind: 'service',
    rate: 0.5,
    season: 'tourism',
    online: 0.65,
    cod: false,
    deliveryFee: 0,
    items: [
      { price: 550_000, quantity: [1, 3] }, // room, per night
      { price: 900_000, quantity: [1, 2] }, // family bungalow, per night
    ],
  },
  {
    sellerId: 'sl-demo-songdoc',
    kind: 'goods',
    rate: 0.9,
    season: 'tet',
    online: 0.35,
    cod: true,
    deliveryFee: 30_000,
    items: [
      { price: 220_000, quantity: [1, 5] }, // dried snakehead fish, per 500 g
      { price: 950_000, quantity: [0.5, 2], half: true }, // dried shrimp, per kg
    ],
  },
  {
    sellerId: 'sl-demo-tamgiang',
    kind: 'goods',
    rate: 0.7,
    season: 'tet',
    online: 0.45,
    cod: true,
    deliveryFee: 45_000,
    items: [{ price: 380_000, quantity: [1, 5], half: true }], // meat crab, per kg
  },
  {
    sellerId: 'sl-demo-tranvanthoi',
    kind: 'goods',
    rate: 0.6,
    season: 'staple',
    online: 0.55,
    cod: false,
    deliveryFee: 25_000,
    items: [{ price: 230_000, quantity: [1, 4] }], // melaleuca honey, per bottle
  },
  {
    sellerId: 'sl-demo-thoibinh',
    kind: 'goods',
    rate: 0.8,
    season: 'staple',
    online: 0.4,
    cod: true,
    deliveryFee: 30_000,
    items: [
      { price: 165_000, quantity: [1, 6] }, // ST25 rice, per 5 kg bag
      { price: 620_000, quantity: [1, 2] }, // ST25 rice, per 20 kg sack
    ],
  },
  {
    sellerId: 'sl-demo-anxuyen',
    kind: 'goods',
    rate: 1.6,
    season: 'tet',
    online: 0.4,
    cod: true,
    deliveryFee: 20_000,
    items: [
      { price: 1_150_000, quantity: [0.5, 2], half: true }, // dried shrimp, per kg
      { price: 260_000, quantity: [1, 3] }, // honey
      { price: 120_000, quantity: [1, 6] }, // crab paste, shrimp crackers, per pack
    ],
  },
  {
    sellerId: 'sl-demo-longdien',
    kind: 'goods',
    rate: 0.5,
    season: 'staple',
    online: 0.3,
    cod: true,
    deliveryFee: 30_000,
    items: [{ price: 45_000, quantity: [2, 12] }], // Bạc Liêu baked salt, per 500 g jar
  },
  {
    sellerId: 'sl-demo-baclieu',
    kind: 'service',
    rate: 0.4,
    season: 'tourism',
    online: 0.6,
    cod: false,
    deliveryFee: 0,
    items: [{ price: 350_000, quantity: [2, 10] }], // garden and heritage-house tour, per person
  },
];

/** Every seller of the history, with what the ledger snapshots of it. */
export const historySellerSnapshots = new Map(
  [...demoSellers, ...historySellers].map((s) => [
    s.id,
    { communeCode: s.communeCode, sector: s.sector },
  ]),
);

/**
 * Gregorian date of Tết Nguyên Đán (first day of the lunar year, Vietnam's calendar, UTC+7).
 * Outside this table, Tết is taken as 5 February (the middle of its range).
 */
export const TET_DATES: Record<number, string> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};
