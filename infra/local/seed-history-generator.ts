import { province } from '../../shared/geo/communes';
import {
  type LedgerEntry,
  type LedgerMethod,
  ledgerEntry,
  orderLedgerEntry,
} from '../../shared/ledger/entry';
import type { InputBody, Source } from '../../shared/stats/inputs';
import {
  type HistoryItem,
  historySellerSnapshots,
  type SellerProfile,
  sellerProfiles,
  TET_DATES,
} from './seed-history-data';

/**
 * The demo history, as pure functions of the day it is generated on: a year of ledger entries
 * written the way orders and counter sales write them (shared/ledger/entry.ts), and the officer
 * inputs the indicators need for those periods. Deterministic: the same `today` and seed give the
 * same entries, byte for byte (a 32-bit PRNG, no clock, no Math.random).
 */
export const HISTORY_PRNG_SEED = 20_261_202;
/** Reference ids of demo sales start with this: real ones are CS… order codes and UUIDs. */
export const DEMO_REFERENCE_PREFIX = 'DEMO-';

/** mulberry32: small, fast, good enough for demo data; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Knuth's Poisson draw (fine for the small means used here). */
function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * The history's days: from the first day of the same month a year before `today`'s month to the
 * day before `today` (local dates, YYYY-MM-DD): twelve whole months and the current month so far.
 */
export function historyWindow(today: string): { from: string; to: string; months: string[] } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`Bad date ${today}`);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const from = `${y - 1}-${String(m).padStart(2, '0')}-01`;
  const to = dateOf(msOf(today) - DAY);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const mm = ((m - 1 + i) % 12) + 1;
    const yy = y - 1 + Math.floor((m - 1 + i) / 12);
    months.push(`${yy}-${String(mm).padStart(2, '0')}`);
  }
  return { from, to, months };
}

const tetOf = (year: number) => TET_DATES[year] ?? `${year}-02-05`;

/** Days from `date` to the nearest Tết (positive before it, negative after). */
function daysToTet(date: string): number {
  const y = Number(date.slice(0, 4));
  const t = msOf(date);
  const candidates = [y - 1, y, y + 1].map((yy) => (msOf(tetOf(yy)) - t) / DAY);
  return candidates.reduce((best, d) => (Math.abs(d) < Math.abs(best) ? d : best));
}

/** How much busier than usual a day is for a seller's season (1 = an ordinary weekday). */
export function seasonFactor(season: SellerProfile['season'], date: string): number {
  const toTet = daysToTet(date);
  const month = Number(date.slice(5, 7));
  const md = date.slice(5);
  const weekday = new Date(msOf(date)).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  if (season === 'tourism') {
    let f = weekend ? 1.5 : 1;
    if (toTet <= -1 && toTet >= -6)
      f *= 3; // Tết holiday trips
    else if (toTet >= 0 && toTet <= 1) f *= 0.4; // New Year's Eve and day at home
    if (month >= 6 && month <= 8) f *= 1.7; // summer
    if (md >= '04-28' && md <= '05-03') f *= 2.5; // 30/4 – 1/5
    if (md >= '08-30' && md <= '09-03') f *= 2.2; // National Day
    if (month >= 9 && month <= 11) f *= 0.75; // rainy season
    return f;
  }
  let f = weekend ? 1.15 : 1;
  if (toTet >= -3 && toTet <= 0) return 0.15 * f; // Tết: stalls closed, deliveries stopped
  if (season === 'tet') {
    if (toTet >= 1 && toTet <= 6) f *= 3.4;
    else if (toTet >= 7 && toTet <= 14) f *= 2.6;
    else if (toTet >= 15 && toTet <= 28) f *= 1.7;
    if (md >= '09-01' && md <= '09-20') f *= 1.2; // Mid-Autumn gifts
  } else if (toTet >= 1 && toTet <= 20) f *= 1.5;
  return f;
}

/** One sale's amount: one or two lines of the seller's items, whole thousands of VND. */
function saleAmount(rand: () => number, items: HistoryItem[], boost: number): number {
  const lines = items.length > 1 && rand() < 0.3 ? 2 : 1;
  let total = 0;
  const pool = [...items];
  for (let l = 0; l < lines; l++) {
    const i = Math.floor(rand() * pool.length);
    const item = pool.splice(i, 1)[0] as HistoryItem;
    const [lo, hi] = item.quantity;
    const step = item.half ? 0.5 : 1;
    const steps = Math.round((hi - lo) / step);
    // Smaller quantities are commoner; before Tết baskets grow (boost > 1).
    const r = rand() ** (boost > 1.5 ? 1 : 1.6);
    const qty = lo + Math.round(r * steps) * step;
    total += Math.round((item.price * qty) / 1000) * 1000;
  }
  return total;
}

/** A local time of day in minutes: online orders lean to the evening, the counter to the day. */
function minuteOfDay(rand: () => number, online: boolean): number {
  const r = rand();
  if (online) {
    const hour = r < 0.15 ? 7 + rand() * 4 : r < 0.45 ? 11 + rand() * 3 : 18 + rand() * 4;
    return Math.floor(hour * 60);
  }
  return Math.floor((6.5 + rand() * 11.5) * 60);
}

export interface HistoryOptions {
  /** Local date (YYYY-MM-DD, Asia/Ho_Chi_Minh) the history ends before. */
  today: string;
  seed?: number;
}

/**
 * A year of ledger entries, oldest first: online orders (VietQR, or cash on delivery where the
 * seller allows it) and counter sales (cash or static VietQR, the QR share growing over the
 * year), goods and services, seasons (Tết, tourism), volume growing as sellers join in, and about
 * one paid VietQR order in 25 cancelled within two days.
 */
export function generateHistory(options: HistoryOptions): LedgerEntry[] {
  const rand = prng(options.seed ?? HISTORY_PRNG_SEED);
  const { from, to } = historyWindow(options.today);
  const todayStart = msOf(options.today) - 7 * 3_600_000;
  const start = msOf(from);
  const end = msOf(to);
  const span = Math.max(1, (end - start) / DAY);
  const out: LedgerEntry[] = [];
  for (let day = start; day <= end; day += DAY) {
    const date = dateOf(day);
    const progress = (day - start) / DAY / span;
    const growth = 0.5 + 0.7 * progress;
    const compact = date.replaceAll('-', '');
    let n = 0;
    for (const p of sellerProfiles) {
      const snapshot = historySellerSnapshots.get(p.sellerId);
      if (!snapshot) throw new Error(`No demo seller ${p.sellerId}`);
      const season = seasonFactor(p.season, date);
      const count = poisson(rand, p.rate * growth * season);
      for (let s = 0; s < count; s++) {
        n++;
        const online = rand() < p.online;
        const minute = minuteOfDay(rand, online);
        const at = new Date(day - 7 * 3_600_000 + minute * 60_000 + Math.floor(rand() * 60_000));
        const amount = saleAmount(rand, p.items, season);
        const goodsAmount = p.kind === 'goods' ? amount : 0;
        const servicesAmount = p.kind === 'service' ? amount : 0;
        const id = `${DEMO_REFERENCE_PREFIX}${compact}-${String(n).padStart(4, '0')}`;
        if (online) {
          const cod = p.cod && rand() < 0.25 - 0.1 * progress;
          const shipped = p.deliveryFee > 0 && rand() < 0.8;
          const order = {
            code: id,
            sellerId: p.sellerId,
            sellerCommuneCode: snapshot.communeCode,
            sellerSector: snapshot.sector,
            goodsAmount,
            servicesAmount,
            deliveryFee: shipped && amount < 1_000_000 ? p.deliveryFee : 0,
            payment: cod ? ('cod' as const) : ('vietqr' as const),
          };
          out.push(orderLedgerEntry(order, 'sale', at));
          // A paid VietQR order may still be cancelled by the seller (then refunded).
          if (!cod && rand() < 0.04) {
            const cancelAt = new Date(at.getTime() + (2 + Math.floor(rand() * 46)) * 3_600_000);
            if (cancelAt.getTime() < todayStart)
              out.push(orderLedgerEntry(order, 'cancellation', cancelAt));
          }
        } else {
          const qrShare = 0.3 + 0.3 * progress;
          const method: LedgerMethod = rand() < qrShare ? 'vietqr' : 'cash';
          out.push(
            ledgerEntry({
              kind: 'sale',
              goodsAmount,
              servicesAmount,
              deliveryFee: 0,
              channel: 'offline',
              method,
              sellerId: p.sellerId,
              seller: {
                communeCode: snapshot.communeCode,
                sectorCode: snapshot.sector.code,
                classification: snapshot.sector.classification,
              },
              occurredAt: at,
              reference: { type: 'counterSale', id },
              // Recorded on the phone a few minutes after the sale.
              recordedAt: new Date(at.getTime() + (1 + Math.floor(rand() * 20)) * 60_000),
            }),
          );
        }
      }
    }
  }
  return out.sort((a, b) =>
    a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0,
  );
}

/** A demo input: its body as an officer would send it, and its source. */
export interface DemoInput {
  body: InputBody;
  source: Source;
}

const DEMO_NOTE = 'Số liệu minh hoạ (demo), không phải số liệu chính thức';
const round = (v: number, to: number) => Math.round(v / to) * to;
const TY = 1_000_000_000; // one tỷ đồng

/**
 * Retail sales (TMBL) of the province per month, in VND: about 14 800 tỷ đồng a month in 2025,
 * +9 % a year, Tết month up a fifth and the month after down. Rounded to 10 million VND (official
 * releases give tỷ đồng with two decimals).
 */
function provinceTmbl(month: string): { total: number; goods: number } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const tetMonth = Number(tetOf(y).slice(5, 7));
  const season = m === tetMonth ? 1.2 : m === tetMonth + 1 ? 0.93 : m === 12 ? 1.06 : 1;
  const trend = 1.09 ** (y - 2025 + (m - 6.5) / 12);
  const total = round(14_800 * TY * season * trend, 10_000_000);
  return { total, goods: round(total * 0.8, 10_000_000) };
}

/** Each history commune's share of the province's retail sales and its business counts. */
const COMMUNES: Record<string, { tmblShare: number; enterprises: number; coops: number }> = {
  '32002': { tmblShare: 0.061, enterprises: 780, coops: 6 }, // Phường An Xuyên
  '31825': { tmblShare: 0.052, enterprises: 640, coops: 5 }, // Phường Bạc Liêu
  '32191': { tmblShare: 0.014, enterprises: 95, coops: 14 }, // Xã Năm Căn
  '32098': { tmblShare: 0.013, enterprises: 88, coops: 9 }, // Xã Sông Đốc
  '32065': { tmblShare: 0.011, enterprises: 52, coops: 12 }, // Xã Thới Bình
  '32095': { tmblShare: 0.012, enterprises: 70, coops: 10 }, // Xã Trần Văn Thời
  '32047': { tmblShare: 0.008, enterprises: 31, coops: 11 }, // Xã U Minh
  '31985': { tmblShare: 0.007, enterprises: 28, coops: 8 }, // Xã Long Điền
  '32206': { tmblShare: 0.005, enterprises: 17, coops: 7 }, // Xã Tam Giang
  '32248': { tmblShare: 0.006, enterprises: 22, coops: 6 }, // Xã Đất Mũi
};

/**
 * Output and value-added ratios per VSIC division of the history's sellers: what share of a sale
 * is the seller's output (1 for producers, the margin for trade and agencies) and what share of
 * output is value added.
 */
const RATIOS: Record<string, { outputRatio: number; valueAddedRatio: number }> = {
  '01': { outputRatio: 1, valueAddedRatio: 0.55 }, // crops
  '03': { outputRatio: 1, valueAddedRatio: 0.5 }, // aquaculture
  '08': { outputRatio: 1, valueAddedRatio: 0.45 }, // salt
  '10': { outputRatio: 1, valueAddedRatio: 0.22 }, // food processing
  '47': { outputRatio: 0.22, valueAddedRatio: 0.6 }, // retail: the trade margin is the output
  '55': { outputRatio: 1, valueAddedRatio: 0.48 }, // accommodation
  '79': { outputRatio: 0.3, valueAddedRatio: 0.5 }, // tour operators: margin over bought services
};

/**
 * Demo officer inputs for the history's years (the year before `today`'s and `today`'s): monthly
 * TMBL of the province for the history's twelve whole months, quarterly where a quarter is whole,
 * yearly for both years, yearly TMBL of each history commune; GRDP, enterprises and cooperatives
 * (province and communes), sector ratios of every division with sales, the operator's value added
 * and the 2030 targets. Every source says "Số liệu minh hoạ"; the seed also sets `demo: true`.
 * Where a real published figure exists it is named as the anchor of the order of magnitude.
 */
export function demoInputs(today: string): DemoInput[] {
  const { months } = historyWindow(today);
  const year = Number(today.slice(0, 4));
  const years = [year - 1, year];
  const P = `P${province.code}`;
  const out: DemoInput[] = [];
  const tmblSource: Source = {
    type: 'estimate',
    note: `${DEMO_NOTE}. Order of magnitude from the former Cà Mau province's TMBL (Q1/2025: 25.228,77 tỷ đồng, Sở Tài chính Cà Mau) with Bạc Liêu added; the official figure is the monthly socio-economic report of Thống kê tỉnh Cà Mau.`,
  };
  for (const month of months)
    out.push({
      body: { kind: 'tmbl', period: `M${month}`, area: P, value: provinceTmbl(month) },
      source: tmblSource,
    });
  for (const y of years)
    for (let q = 1; q <= 4; q++) {
      const qMonths = [0, 1, 2].map((i) => `${y}-${String((q - 1) * 3 + 1 + i).padStart(2, '0')}`);
      if (!qMonths.every((m) => months.includes(m))) continue;
      const parts = qMonths.map(provinceTmbl);
      out.push({
        body: {
          kind: 'tmbl',
          period: `Q${y}-${q}`,
          area: P,
          value: {
            total: parts.reduce((s, p) => s + p.total, 0),
            goods: parts.reduce((s, p) => s + p.goods, 0),
          },
        },
        source: tmblSource,
      });
    }
  for (const y of years) {
    const parts = Array.from({ length: 12 }, (_, i) =>
      provinceTmbl(`${y}-${String(i + 1).padStart(2, '0')}`),
    );
    const total = parts.reduce((s, p) => s + p.total, 0);
    const goods = parts.reduce((s, p) => s + p.goods, 0);
    out.push({
      body: { kind: 'tmbl', period: `Y${y}`, area: P, value: { total, goods } },
      source: tmblSource,
    });
    for (const [code, c] of Object.entries(COMMUNES))
      out.push({
        body: {
          kind: 'tmbl',
          period: `Y${y}`,
          area: `C${code}`,
          value: {
            total: round(total * c.tmblShare, 10_000_000),
            goods: round(goods * c.tmblShare, 10_000_000),
          },
        },
        source: {
          type: 'estimate',
          note: `${DEMO_NOTE}. A share of the province's demo TMBL; communes' TMBL is uploaded yearly by CSV.`,
        },
      });
    // GRDP at current prices: 172 000 tỷ đồng estimated for 2025, +11 % a year in current prices.
    out.push({
      body: {
        kind: 'grdp',
        year: y,
        area: P,
        value: { currentPrices: round(172_000 * TY * 1.11 ** (y - 2025), TY) },
      },
      source:
        y === 2025
          ? {
              type: 'url',
              reference:
                'https://www.sggp.org.vn/ca-mau-buc-tranh-kinh-te-xa-hoi-nam-2025-co-nhieu-diem-sang-post826013.html',
              note: `${DEMO_NOTE}. UBND tỉnh Cà Mau's 2025 estimate (report of 28/11/2025): GRDP at current prices about 172 nghìn tỷ đồng; the official figure is in the statistical yearbook (Niên giám thống kê tỉnh Cà Mau).`,
            }
          : {
              type: 'estimate',
              note: `${DEMO_NOTE}. Extrapolated from UBND tỉnh Cà Mau's 2025 estimate (172 nghìn tỷ đồng) at +11 % a year in current prices.`,
            },
    });
    out.push({
      body: {
        kind: 'enterprises',
        year: y,
        area: P,
        value: {
          enterprises: Math.round(9_020 * 1.06 ** (y - 2025)),
          cooperatives: Math.round(690 * 1.03 ** (y - 2025)),
          householdBusinesses: Math.round(96_500 * 1.02 ** (y - 2025)),
        },
      },
      source: {
        type: 'estimate',
        note: `${DEMO_NOTE}. Enterprises from "hơn 9.020 doanh nghiệp đang hoạt động" (Sở Khoa học và Công nghệ Cà Mau, 08/2025); cooperatives and household businesses are demo estimates. Official counts: Niên giám thống kê tỉnh Cà Mau.`,
      },
    });
    for (const [code, c] of Object.entries(COMMUNES))
      out.push({
        body: {
          kind: 'enterprises',
          year: y,
          area: `C${code}`,
          value: {
            enterprises: c.enterprises,
            cooperatives: c.coops,
            householdBusinesses: c.enterprises * 12,
          },
        },
        source: { type: 'estimate', note: `${DEMO_NOTE}. Commune counts are demo estimates.` },
      });
    for (const [division, value] of Object.entries(RATIOS))
      out.push({
        body: { kind: 'sectorRatio', year: y, sector: division, value },
        source: {
          type: 'estimate',
          note: `${DEMO_NOTE}. Ratios of the order found in Vietnam's input–output tables; official ratios come from Thống kê tỉnh Cà Mau.`,
        },
      });
    out.push({
      body: {
        kind: 'operatorValueAdded',
        year: y,
        value: { amount: round(850_000_000 * 1.3 ** (y - 2025), 1_000_000) },
      },
      source: {
        type: 'estimate',
        note: `${DEMO_NOTE}. The platform operator's value added (revenue minus intermediate costs), a demo figure.`,
      },
    });
  }
  const plan: Source = {
    type: 'document',
    reference:
      'Nghị quyết 05-NQ/TU ngày 14/7/2022 của Tỉnh ủy Cà Mau; Quyết định 1929/QĐ-UBND ngày 01/8/2022 (Đề án chuyển đổi số tỉnh Cà Mau đến năm 2025, định hướng đến năm 2030)',
    note: `${DEMO_NOTE} (entered by the demo seed). The plan sets the digital economy at 20 % of GRDP by 2030.`,
  };
  out.push(
    {
      body: {
        kind: 'target',
        indicator: 'digitalEconomyShare',
        value: { percent: 20, year: 2030 },
      },
      source: plan,
    },
    {
      body: { kind: 'target', indicator: 'ecommerceShare', value: { percent: 20, year: 2030 } },
      source: {
        type: 'estimate',
        note: `${DEMO_NOTE}. E-commerce 20 % of total retail sales by 2030, as the team handbook states the province's plan; the officer confirms the document.`,
      },
    },
    {
      body: { kind: 'target', indicator: 'smeAdoption', value: { percent: 100, year: 2030 } },
      source: {
        type: 'estimate',
        note: `${DEMO_NOTE}. 100 % of SMEs and cooperatives on digital platforms by 2030, as the team handbook states the province's plan; the officer confirms the document.`,
      },
    },
    {
      body: { kind: 'target', indicator: 'cashlessShare', value: { percent: 100, year: 2030 } },
      source: {
        type: 'estimate',
        note: `${DEMO_NOTE}. "Cashless payment in every field" has no percentage: 100 % is its literal reading.`,
      },
    },
  );
  return out;
}
