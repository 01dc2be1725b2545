import { type Bi, bi } from '../lib/i18n';
import type { Reference } from '../lib/reference';

/**
 * Words the statistics pages share: periods, areas, VSIC divisions, input kinds and sources, and
 * number formats (Vietnamese decimal comma; amounts as `1.250.000 ₫` through web/lib/format).
 */

export const PROVINCE_CODE = '96';
export const PROVINCE_AREA = `P${PROVINCE_CODE}`;

/** Today's date in the province (Asia/Ho_Chi_Minh, UTC+7), as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const currentMonthPeriod = (now = new Date()) => `M${localToday(now).slice(0, 7)}`;

/** `M2026-05` → "tháng 05/2026" / "May 2026"; Q, Y and D alike. */
export function periodLabel(period: string): Bi {
  const year = period.slice(1, 5);
  if (period.startsWith('Y')) return bi(`năm ${year}`, `${year}`);
  if (period.startsWith('Q'))
    return bi(`quý ${period.slice(6)}/${year}`, `Q${period.slice(6)} ${year}`);
  if (period.startsWith('M')) {
    const m = Number(period.slice(6, 8));
    const en = new Date(Date.UTC(Number(year), m - 1, 1)).toLocaleString('en-GB', {
      month: 'long',
      timeZone: 'UTC',
    });
    return bi(`tháng ${period.slice(6, 8)}/${year}`, `${en} ${year}`);
  }
  const [y, mo, d] = period.slice(1).split('-');
  return bi(`ngày ${d}/${mo}/${y}`, `${y}-${mo}-${d}`);
}

/** Short month label for chart axes: "T5" / "May". */
export function monthShort(period: string): Bi {
  const m = Number(period.slice(6, 8));
  const en = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', {
    month: 'short',
    timeZone: 'UTC',
  });
  return bi(`T${m}`, en);
}

/** `P96` → the province; `C32248` → "Xã Đất Mũi". */
export function areaLabel(area: string, ref: Reference | undefined): Bi {
  if (area.startsWith('P')) return bi('Toàn tỉnh Cà Mau', 'All of Ca Mau province');
  const code = area.slice(1);
  return ref ? ref.commune(code) : bi(code);
}

/** VSIC divisions the platform's sellers use (their 4-digit codes' first two digits). */
export const DIVISIONS: Record<string, Bi> = {
  '01': bi('Trồng trọt, chăn nuôi', 'Crop and animal production'),
  '02': bi('Lâm nghiệp', 'Forestry'),
  '03': bi('Khai thác, nuôi trồng thủy sản', 'Fishing and aquaculture'),
  '10': bi('Sản xuất, chế biến thực phẩm', 'Manufacture of food products'),
  '16': bi('Chế biến gỗ, tre, nứa', 'Wood, bamboo and rattan products'),
  '46': bi('Bán buôn', 'Wholesale trade'),
  '47': bi('Bán lẻ', 'Retail trade'),
  '50': bi('Vận tải đường thủy', 'Water transport'),
  '55': bi('Dịch vụ lưu trú', 'Accommodation'),
  '56': bi('Dịch vụ ăn uống', 'Food and beverage services'),
  '79': bi('Du lịch lữ hành', 'Travel agencies and tour operators'),
  '93': bi('Thể thao, vui chơi, giải trí', 'Sports, amusement and recreation'),
};

export const divisionLabel = (code: string): Bi => {
  const d = DIVISIONS[code];
  return d ? bi(`${code} — ${d.vi}`, `${code} — ${d.en}`) : bi(`Ngành ${code}`, `Division ${code}`);
};

const nf = (locale: string, digits: number) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** 7,25 % / 7.25% (2 decimals unless told). */
export function percentText(value: number, digits = 2): Bi {
  return bi(`${nf('vi-VN', digits).format(value)} %`, `${nf('en-US', digits).format(value)}%`);
}

/** A plain number with Vietnamese grouping: 1.234 / 1,234. */
export const countText = (n: number): Bi => bi(nf('vi-VN', 0).format(n), nf('en-US', 0).format(n));

/** A ratio such as 0,35 (up to 4 decimals). */
export const ratioText = (n: number): Bi =>
  bi(
    new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(n),
    new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(n),
  );

export const INPUT_KIND_LABELS: Record<string, Bi> = {
  tmbl: bi('Tổng mức bán lẻ hàng hóa và dịch vụ (TMBL)', 'Total retail sales (TMBL)'),
  grdp: bi('GRDP theo giá hiện hành', 'GRDP at current prices'),
  enterprises: bi(
    'Doanh nghiệp, hợp tác xã và hộ kinh doanh đang hoạt động',
    'Active enterprises, cooperatives and household businesses',
  ),
  sectorRatio: bi(
    'Hệ số sản lượng và giá trị tăng thêm của ngành',
    'Output and value-added ratios of a sector',
  ),
  operatorValueAdded: bi(
    'Giá trị tăng thêm của đơn vị vận hành nền tảng',
    "The platform operator's value added",
  ),
  target: bi('Mục tiêu', 'Target'),
  defaultTarget: bi('Mục tiêu mặc định theo kế hoạch', 'Default target from the plan'),
  sales: bi('Giao dịch', 'Sales'),
};

export const TARGET_LABELS: Record<string, Bi> = {
  ecommerceShare: bi('Tỷ trọng TMĐT trong tổng mức bán lẻ', 'E-commerce share of retail sales'),
  digitalEconomyShare: bi('Tỷ trọng kinh tế số trong GRDP', 'Digital economy share of GRDP'),
  smeAdoption: bi(
    'Tỷ lệ DNNVV, HTX sử dụng nền tảng số',
    'SMEs and cooperatives on digital platforms',
  ),
  cashlessShare: bi('Tỷ lệ thanh toán không dùng tiền mặt', 'Cashless payment share'),
};

/** Value fields of each input kind, with their labels and whether they are amounts (VND). */
export const VALUE_FIELDS: Record<
  string,
  Array<{ name: string; label: Bi; unit: 'vnd' | 'count' | 'ratio' | 'percent' | 'year' }>
> = {
  tmbl: [
    {
      name: 'total',
      label: bi('Tổng mức bán lẻ (hàng hóa và dịch vụ)', 'Total (goods and services)'),
      unit: 'vnd',
    },
    {
      name: 'goods',
      label: bi('Trong đó: bán lẻ hàng hóa', 'Of which: retail sales of goods'),
      unit: 'vnd',
    },
  ],
  grdp: [
    {
      name: 'currentPrices',
      label: bi('GRDP theo giá hiện hành', 'GRDP at current prices'),
      unit: 'vnd',
    },
  ],
  enterprises: [
    {
      name: 'enterprises',
      label: bi('Doanh nghiệp đang hoạt động', 'Active enterprises'),
      unit: 'count',
    },
    {
      name: 'cooperatives',
      label: bi('Hợp tác xã đang hoạt động', 'Active cooperatives'),
      unit: 'count',
    },
    {
      name: 'householdBusinesses',
      label: bi('Hộ kinh doanh', 'Household businesses'),
      unit: 'count',
    },
  ],
  sectorRatio: [
    {
      name: 'outputRatio',
      label: bi('Hệ số sản lượng (0–1)', 'Output ratio (0–1)'),
      unit: 'ratio',
    },
    {
      name: 'valueAddedRatio',
      label: bi('Hệ số giá trị tăng thêm (0–1)', 'Value-added ratio (0–1)'),
      unit: 'ratio',
    },
  ],
  operatorValueAdded: [
    { name: 'amount', label: bi('Giá trị tăng thêm', 'Value added'), unit: 'vnd' },
  ],
  target: [
    { name: 'percent', label: bi('Mục tiêu (%)', 'Target (%)'), unit: 'percent' },
    { name: 'year', label: bi('Năm đạt mục tiêu', 'Target year'), unit: 'year' },
  ],
};

export const SOURCE_TYPES: Record<string, Bi> = {
  document: bi('Văn bản', 'Document'),
  url: bi('Trang web', 'Web page'),
  estimate: bi('Ước tính', 'Estimate'),
};

export interface SourceView {
  type: 'document' | 'url' | 'estimate';
  reference?: string;
  note?: string;
}

/** "Văn bản: Niên giám thống kê 2025 (ghi chú)". */
export function sourceText(s: SourceView): Bi {
  const type = SOURCE_TYPES[s.type] ?? bi(s.type);
  const rest = [s.reference, s.note ? `(${s.note})` : ''].filter(Boolean).join(' ');
  return bi(rest ? `${type.vi}: ${rest}` : type.vi, rest ? `${type.en}: ${rest}` : type.en);
}

/** The dimensions of an input key, in words: `M2026-05|C32248` → "tháng 05/2026 · Xã Đất Mũi". */
export function inputKeyLabel(kind: string, key: string, ref: Reference | undefined): Bi {
  const parts = key.split('|');
  const join = (...xs: Bi[]) =>
    bi(xs.map((x) => x.vi).join(' · '), xs.map((x) => x.en).join(' · '));
  if (kind === 'tmbl') return join(periodLabel(parts[0] ?? ''), areaLabel(parts[1] ?? '', ref));
  if (kind === 'grdp' || kind === 'enterprises')
    return join(bi(`năm ${parts[0]}`, `${parts[0]}`), areaLabel(parts[1] ?? '', ref));
  if (kind === 'sectorRatio')
    return join(bi(`năm ${parts[0]}`, `${parts[0]}`), divisionLabel(parts[1] ?? ''));
  if (kind === 'operatorValueAdded') return bi(`năm ${key}`, key);
  if (kind === 'target' || kind === 'defaultTarget') return TARGET_LABELS[key] ?? bi(key);
  return bi(key);
}
