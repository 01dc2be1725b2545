/**
 * Economic sectors (VSIC, Vietnam Standard Industrial Classification). Sellers are stored with
 * their code AND the classification version, so statistics can be re-based when the list
 * changes. The handbook asks for VSIC 2025; its full table was not available to us, so this
 * module knows the 2-digit divisions (unchanged in structure from VSIC 2018/ISIC Rev.4 for the
 * divisions our sellers use) and a curated set of 4-digit codes that the platform's sellers
 * actually have (farming, aquaculture, food processing, retail, lodging, tours). A code is valid
 * when its division is known; named when it is in the curated set. Load the official list into
 * CURATED (or replace this module) when it is published in machine-readable form.
 */
export const SECTOR_CLASSIFICATION = 'VSIC2025' as const;

export interface Sector {
  code: string;
  name: string;
  nameEn: string;
}

/** Divisions (2-digit) of the classification. */
const DIVISIONS = new Set([
  '01',
  '02',
  '03',
  '05',
  '06',
  '07',
  '08',
  '09',
  ...Array.from({ length: 24 }, (_, i) => String(10 + i)), // 10–33 manufacturing
  '35',
  '36',
  '37',
  '38',
  '39',
  '41',
  '42',
  '43',
  '45',
  '46',
  '47',
  '49',
  '50',
  '51',
  '52',
  '53',
  '55',
  '56',
  '58',
  '59',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '68',
  '69',
  '70',
  '71',
  '72',
  '73',
  '74',
  '75',
  '77',
  '78',
  '79',
  '80',
  '81',
  '82',
  '84',
  '85',
  '86',
  '87',
  '88',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
  '97',
  '98',
  '99',
]);

export const CURATED_SECTORS: readonly Sector[] = [
  { code: '0111', name: 'Trồng lúa', nameEn: 'Growing of paddy rice' },
  {
    code: '0118',
    name: 'Trồng rau, đậu các loại và trồng hoa',
    nameEn: 'Growing of vegetables, beans and flowers',
  },
  { code: '0121', name: 'Trồng cây ăn quả', nameEn: 'Growing of fruit' },
  { code: '0146', name: 'Chăn nuôi gia cầm', nameEn: 'Raising of poultry' },
  {
    code: '0149',
    name: 'Chăn nuôi khác (gồm nuôi ong lấy mật)',
    nameEn: 'Raising of other animals (incl. bee-keeping)',
  },
  {
    code: '0210',
    name: 'Trồng rừng, chăm sóc rừng và ươm giống cây lâm nghiệp',
    nameEn: 'Silviculture and forest nurseries',
  },
  { code: '0311', name: 'Khai thác thủy sản biển', nameEn: 'Marine fishing' },
  { code: '0312', name: 'Khai thác thủy sản nội địa', nameEn: 'Freshwater fishing' },
  { code: '0321', name: 'Nuôi trồng thủy sản biển', nameEn: 'Marine aquaculture' },
  { code: '0322', name: 'Nuôi trồng thủy sản nội địa', nameEn: 'Freshwater aquaculture' },
  {
    code: '1010',
    name: 'Chế biến, bảo quản thịt và các sản phẩm từ thịt',
    nameEn: 'Processing and preserving of meat',
  },
  {
    code: '1020',
    name: 'Chế biến, bảo quản thủy sản và các sản phẩm từ thủy sản',
    nameEn: 'Processing and preserving of fish, crustaceans and molluscs',
  },
  {
    code: '1030',
    name: 'Chế biến và bảo quản rau quả',
    nameEn: 'Processing and preserving of fruit and vegetables',
  },
  { code: '1061', name: 'Xay xát và sản xuất bột thô', nameEn: 'Grain milling' },
  {
    code: '1079',
    name: 'Sản xuất thực phẩm khác chưa được phân vào đâu',
    nameEn: 'Manufacture of other food products n.e.c.',
  },
  {
    code: '1629',
    name: 'Sản xuất sản phẩm từ tre, nứa, rơm, rạ và vật liệu tết bện',
    nameEn: 'Products of bamboo, straw and plaiting materials',
  },
  {
    code: '4620',
    name: 'Bán buôn nông, lâm sản nguyên liệu và động vật sống',
    nameEn: 'Wholesale of agricultural raw materials and live animals',
  },
  { code: '4632', name: 'Bán buôn thực phẩm', nameEn: 'Wholesale of food' },
  {
    code: '4722',
    name: 'Bán lẻ thực phẩm trong các cửa hàng chuyên doanh',
    nameEn: 'Retail sale of food in specialised stores',
  },
  {
    code: '4791',
    name: 'Bán lẻ theo yêu cầu đặt hàng qua bưu điện hoặc internet',
    nameEn: 'Retail sale via mail order houses or the internet',
  },
  {
    code: '5022',
    name: 'Vận tải hành khách đường thủy nội địa',
    nameEn: 'Inland passenger water transport',
  },
  { code: '5510', name: 'Dịch vụ lưu trú ngắn ngày', nameEn: 'Short-term accommodation' },
  {
    code: '5610',
    name: 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động',
    nameEn: 'Restaurants and mobile food service',
  },
  { code: '7911', name: 'Đại lý du lịch', nameEn: 'Travel agency activities' },
  { code: '7912', name: 'Điều hành tua du lịch', nameEn: 'Tour operator activities' },
  {
    code: '9329',
    name: 'Hoạt động vui chơi giải trí khác',
    nameEn: 'Other amusement and recreation activities',
  },
];

const byCode = new Map(CURATED_SECTORS.map((s) => [s.code, s]));

/** 2–5 digits whose division exists. */
export function isSectorCode(code: string): boolean {
  return /^\d{2,5}$/.test(code) && DIVISIONS.has(code.slice(0, 2));
}

export const findSector = (code: string): Sector | undefined => byCode.get(code);
