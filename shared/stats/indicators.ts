/**
 * The indicators of docs/statistics.md, computed from cells and officer inputs only. Pure.
 * Every figure carries its formula, the inputs it used (with sources and versions) and the inputs
 * it misses: a missing input or a zero denominator gives `value: null` and says why, never a
 * silent zero. Labels say "platform contribution": these are lower bounds of the official
 * indicators, not the official figures.
 */
import { type Delta, measureOf } from './cells';
import { DEFAULT_TARGETS, type InputKind, type InputVersion, type TargetIndicator } from './inputs';

export interface UsedInput {
  kind: InputKind | 'defaultTarget';
  key: string;
  version?: number;
  value: Record<string, number>;
  source: InputVersion['source'];
  enteredAt?: string;
  demo?: boolean;
}

export interface Missing {
  kind: InputKind | 'sales';
  key: string;
  message: string;
}

export interface Figure {
  id: string;
  label: { vi: string; en: string };
  unit: 'percent' | 'vnd' | 'count';
  /** Full precision; null when it cannot be computed (see `missing`). */
  value: number | null;
  /** Rounded for display: 2 decimals for percentages, whole numbers otherwise. */
  display: { vi: string; en: string } | null;
  formula: string;
  /** The figures the formula used, named as in the formula. */
  terms: Record<string, number>;
  inputs: UsedInput[];
  missing: Missing[];
  target?: {
    percent: number;
    year: number;
    /** value ÷ target × 100, 2 decimals; null when the value is null. */
    progress: number | null;
    source: UsedInput;
  };
}

export interface IndicatorContext {
  period: string;
  area: string;
  sector: string;
  /** Cell of (period, area, sector). */
  cell: Delta | undefined;
  /** Cells of (period, area, every division) for the GRDP sum; sector `*` excluded. */
  sectorCells: Array<{ sector: string; measures: Delta }>;
  /** Per-seller sums of the cell. */
  sellers: Array<{ sellerId: string; measures: Delta }>;
  /** Current versions of the inputs, by kind and key. */
  inputs: Map<string, InputVersion>;
}

export const inputMapKey = (kind: InputKind, key: string) => `${kind}|${key}`;

/** Round half away from zero to `d` decimals, on the decimal digits (no 1.005 → 1.00 surprise). */
export function roundTo(x: number, d: number): number {
  const s = Math.abs(x).toFixed(12);
  const [int, frac = ''] = s.split('.');
  const scaled = BigInt(`${int}${frac.slice(0, d).padEnd(d, '0')}`);
  const up = Number(frac[d] ?? '0') >= 5 ? 1n : 0n;
  const r = Number(scaled + up) / 10 ** d;
  return x < 0 ? -r : r;
}

const nf = (locale: string, d: number) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d });

export function displayOf(unit: Figure['unit'], value: number): { vi: string; en: string } {
  if (unit === 'percent') {
    const r = roundTo(value, 2);
    return { vi: `${nf('vi-VN', 2).format(r)} %`, en: `${nf('en-US', 2).format(r)}%` };
  }
  const r = Math.round(value);
  const suffix = unit === 'vnd' ? '\u00a0₫' : '';
  return {
    vi: `${nf('vi-VN', 0).format(r)}${suffix}`,
    en: `${nf('en-US', 0).format(r)}${unit === 'vnd' ? ' VND' : ''}`,
  };
}

const used = (v: InputVersion): UsedInput => ({
  kind: v.kind,
  key: v.key,
  version: v.version,
  value: v.value,
  source: v.source,
  enteredAt: v.enteredAt,
  ...(v.demo ? { demo: true } : {}),
});

/** Distinct sellers with at least one sale not cancelled in the cell. */
export function activeSellers(sellers: IndicatorContext['sellers']): number {
  return sellers.filter((s) => (s.measures.saleCount ?? 0) - (s.measures.cancelCount ?? 0) >= 1)
    .length;
}

function figure(
  base: Omit<Figure, 'display' | 'value' | 'target'>,
  value: number | null,
  target?: TargetIndicator,
  inputs?: Map<string, InputVersion>,
): Figure {
  const out: Figure = {
    ...base,
    value,
    display: value === null ? null : displayOf(base.unit, value),
  };
  if (target) {
    const entered = inputs?.get(inputMapKey('target', target));
    const t = entered
      ? {
          percent: entered.value.percent as number,
          year: entered.value.year as number,
          source: used(entered),
        }
      : {
          percent: DEFAULT_TARGETS[target].percent,
          year: DEFAULT_TARGETS[target].year,
          source: {
            kind: 'defaultTarget' as const,
            key: target,
            value: { percent: DEFAULT_TARGETS[target].percent, year: DEFAULT_TARGETS[target].year },
            source: DEFAULT_TARGETS[target].source,
          },
        };
    out.target = {
      ...t,
      progress: value === null || t.percent === 0 ? null : roundTo((value / t.percent) * 100, 2),
    };
  }
  return out;
}

/** A ratio in percent, or null with a reason when the denominator is missing or zero. */
function share(
  numerator: number,
  denominator: number | undefined,
  missing: Missing[],
  zeroReason: Missing,
): number | null {
  if (denominator === undefined) return null;
  if (denominator === 0) {
    missing.push(zeroReason);
    return null;
  }
  return (numerator * 100) / denominator;
}

export function computeIndicators(ctx: IndicatorContext, provinceCode: string): Figure[] {
  const { period, area, sector, cell, inputs } = ctx;
  const year = Number(period.slice(1, 5));
  const sectorNote =
    sector === '*'
      ? ''
      : ` (sector ${sector}'s part: the denominator is entered for all sectors, so the parts of all sectors add up to the whole)`;
  const out: Figure[] = [];

  // --- platform contribution to the e-commerce share of retail, total and goods-only ----------
  const tmblKey = `${period}|${area}`;
  const tmbl = period.startsWith('D') ? undefined : inputs.get(inputMapKey('tmbl', tmblKey));
  for (const goods of [false, true]) {
    const missing: Missing[] = [];
    const online = measureOf(cell, goods ? 'netGoods' : 'net', { channel: 'online' });
    const denominator = tmbl ? (goods ? tmbl.value.goods : tmbl.value.total) : undefined;
    if (!tmbl)
      missing.push({
        kind: 'tmbl',
        key: tmblKey,
        message: period.startsWith('D')
          ? 'TMBL is entered per month, quarter or year, not per day'
          : `Total retail sales (TMBL) of ${area} for ${period} has not been entered`,
      });
    const value = share(online, denominator, missing, {
      kind: 'tmbl',
      key: tmblKey,
      message: 'TMBL entered as 0: no share can be computed',
    });
    out.push(
      figure(
        {
          id: goods ? 'ecommerceShareGoods' : 'ecommerceShare',
          label: goods
            ? {
                vi: 'Đóng góp của nền tảng vào tỷ trọng TMĐT trong tổng mức bán lẻ hàng hóa',
                en: 'Platform contribution to the e-commerce share of retail sales of goods',
              }
            : {
                vi: 'Đóng góp của nền tảng vào tỷ trọng TMĐT trong tổng mức bán lẻ hàng hóa và dịch vụ',
                en: 'Platform contribution to the e-commerce share of total retail sales',
              },
          unit: 'percent',
          formula: `net online ${goods ? 'goods ' : ''}sales of sellers in the area (paid, VAT included, minus cancellations and refunds, delivery excluded) ÷ ${goods ? 'retail sales of goods' : 'total retail sales of goods and services'} (TMBL) of the area and period × 100${sectorNote}`,
          terms: {
            onlineNetSales: online,
            ...(denominator !== undefined ? { tmbl: denominator } : {}),
          },
          inputs: tmbl ? [used(tmbl)] : [],
          missing,
        },
        value,
        goods ? undefined : 'ecommerceShare',
        inputs,
      ),
    );
  }

  // --- cashless share, by count and by value ---------------------------------------------------
  const countAll = measureOf(cell, 'saleCount') - measureOf(cell, 'cancelCount');
  const countCashless =
    measureOf(cell, 'saleCount', { method: 'cashless' }) -
    measureOf(cell, 'cancelCount', { method: 'cashless' });
  const valueAll = measureOf(cell, 'net');
  const valueCashless = measureOf(cell, 'net', { method: 'cashless' });
  for (const [id, num, den, unitText] of [
    ['cashlessShareCount', countCashless, countAll, 'sales (not cancelled)'],
    ['cashlessShareValue', valueCashless, valueAll, 'net sales value'],
  ] as const) {
    const missing: Missing[] = [];
    const value = share(num, den, missing, {
      kind: 'sales',
      key: `${period}|${area}|${sector}`,
      message: 'No sales recorded in this period and area: no share can be computed',
    });
    out.push(
      figure(
        {
          id,
          label:
            id === 'cashlessShareCount'
              ? {
                  vi: 'Tỷ lệ thanh toán không dùng tiền mặt (theo số giao dịch)',
                  en: 'Cashless share (by number of sales)',
                }
              : {
                  vi: 'Tỷ lệ thanh toán không dùng tiền mặt (theo giá trị)',
                  en: 'Cashless share (by value)',
                },
          unit: 'percent',
          formula: `cashless ${unitText} ÷ all ${unitText}, online and at the counter × 100 (cashless = VietQR or other non-cash methods)`,
          terms: { cashless: num, all: den },
          inputs: [],
          missing,
        },
        value,
        'cashlessShare',
        inputs,
      ),
    );
  }

  // --- SME platform adoption -------------------------------------------------------------------
  {
    const missing: Missing[] = [];
    const key = `${year}|${area}`;
    const ent = inputs.get(inputMapKey('enterprises', key));
    const sellers = activeSellers(ctx.sellers);
    if (!ent)
      missing.push({
        kind: 'enterprises',
        key,
        message: `Active enterprises and cooperatives of ${area} in ${year} have not been entered`,
      });
    const den = ent ? (ent.value.enterprises ?? 0) + (ent.value.cooperatives ?? 0) : undefined;
    const value = share(sellers, den, missing, {
      kind: 'enterprises',
      key,
      message: 'Active enterprises and cooperatives entered as 0',
    });
    out.push(
      figure(
        {
          id: 'smeAdoption',
          label: {
            vi: 'Đóng góp của nền tảng vào tỷ lệ DNNVV, HTX sử dụng nền tảng số',
            en: 'Platform contribution to SME and cooperative adoption of digital platforms',
          },
          unit: 'percent',
          formula: `sellers with at least one sale not cancelled in the period ÷ active SMEs and cooperatives of the area (entered for the year) × 100${sectorNote}`,
          terms: {
            activeSellers: sellers,
            ...(den !== undefined ? { smesAndCooperatives: den } : {}),
          },
          inputs: ent ? [used(ent)] : [],
          missing,
        },
        value,
        'smeAdoption',
        inputs,
      ),
    );
  }

  // --- platform contribution to the digital economy share of GRDP ------------------------------
  {
    const missing: Missing[] = [];
    const usedInputs: UsedInput[] = [];
    const terms: Record<string, number> = {};
    let value: number | null = null;
    if (!period.startsWith('Y')) {
      missing.push({
        kind: 'grdp',
        key: `${year}|${area}`,
        message: `GRDP is annual: ask for the year (Y${year})`,
      });
    } else {
      const grdp = inputs.get(inputMapKey('grdp', `${year}|${area}`));
      if (grdp) usedInputs.push(used(grdp));
      else
        missing.push({
          kind: 'grdp',
          key: `${year}|${area}`,
          message: `GRDP at current prices of ${area} for ${year} has not been entered`,
        });
      let numerator = 0;
      let complete = true;
      if (sector === '*' && area === `P${provinceCode}`) {
        const op = inputs.get(inputMapKey('operatorValueAdded', `${year}`));
        if (op) {
          usedInputs.push(used(op));
          numerator += op.value.amount ?? 0;
          terms.operatorValueAdded = op.value.amount ?? 0;
        } else {
          complete = false;
          missing.push({
            kind: 'operatorValueAdded',
            key: `${year}`,
            message: `The platform operator's value added for ${year} has not been entered`,
          });
        }
      }
      const cells =
        sector === '*' ? ctx.sectorCells : ctx.sectorCells.filter((c) => c.sector === sector);
      for (const c of [...cells].sort((a, b) => a.sector.localeCompare(b.sector))) {
        const online = measureOf(c.measures, 'net', { channel: 'online' });
        if (online === 0) continue;
        const r = inputs.get(inputMapKey('sectorRatio', `${year}|${c.sector}`));
        if (!r) {
          complete = false;
          missing.push({
            kind: 'sectorRatio',
            key: `${year}|${c.sector}`,
            message: `Output and value-added ratios of sector ${c.sector} for ${year} have not been entered`,
          });
          continue;
        }
        usedInputs.push(used(r));
        const va = online * (r.value.outputRatio ?? 0) * (r.value.valueAddedRatio ?? 0);
        terms[`onlineNetSales_${c.sector}`] = online;
        terms[`valueAdded_${c.sector}`] = va;
        numerator += va;
      }
      terms.numerator = numerator;
      if (grdp) terms.grdp = grdp.value.currentPrices ?? 0;
      if (grdp && complete)
        value = share(numerator, grdp.value.currentPrices, missing, {
          kind: 'grdp',
          key: `${year}|${area}`,
          message: 'GRDP entered as 0',
        });
    }
    out.push(
      figure(
        {
          id: 'digitalEconomyShare',
          label: {
            vi: 'Đóng góp của nền tảng vào tỷ trọng kinh tế số trong GRDP',
            en: 'Platform contribution to the digital economy share of GRDP',
          },
          unit: 'percent',
          formula:
            '(operator value added + Σ over sectors of online net sales × output ratio × value-added ratio) ÷ GRDP at current prices × 100 (year only; the operator term only for the whole province and all sectors)',
          terms,
          inputs: usedInputs,
          missing,
        },
        value,
        'digitalEconomyShare',
        inputs,
      ),
    );
  }

  // --- sales and counts ------------------------------------------------------------------------
  const plain = (
    id: string,
    label: Figure['label'],
    unit: Figure['unit'],
    value: number,
    formula: string,
  ) =>
    out.push(
      figure({ id, label, unit, formula, terms: { value }, inputs: [], missing: [] }, value),
    );
  plain(
    'netSales',
    { vi: 'Doanh số thuần trên nền tảng', en: 'Net sales on the platform' },
    'vnd',
    valueAll,
    'Σ sales − cancellations − refunds, online and at the counter (VAT included, delivery excluded)',
  );
  plain(
    'onlineNetSales',
    { vi: 'Doanh số thuần bán trực tuyến', en: 'Net online sales' },
    'vnd',
    measureOf(cell, 'net', { channel: 'online' }),
    'Σ online sales − cancellations − refunds (VAT included, delivery excluded)',
  );
  plain(
    'orders',
    { vi: 'Số đơn hàng trực tuyến', en: 'Online orders' },
    'count',
    measureOf(cell, 'saleCount', { channel: 'online' }) -
      measureOf(cell, 'cancelCount', { channel: 'online' }),
    'online sales − cancelled online sales',
  );
  plain(
    'counterSales',
    { vi: 'Số giao dịch bán tại quầy', en: 'Counter sales' },
    'count',
    measureOf(cell, 'saleCount', { channel: 'offline' }) -
      measureOf(cell, 'cancelCount', { channel: 'offline' }),
    'counter sales − cancelled counter sales',
  );
  plain(
    'activeSellers',
    { vi: 'Số người bán có giao dịch', en: 'Active sellers' },
    'count',
    activeSellers(ctx.sellers),
    'distinct sellers with at least one sale not cancelled in the period',
  );
  return out;
}
