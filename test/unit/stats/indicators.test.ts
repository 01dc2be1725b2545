import { describe, expect, it } from 'vitest';
import { type LedgerCause, type LedgerEntry, ledgerEntry } from '../../../shared/ledger/entry';
import { ALL_SECTORS, foldEntries } from '../../../shared/stats/cells';
import {
  activeSellers,
  computeIndicators,
  displayOf,
  type Figure,
  inputMapKey,
  roundTo,
} from '../../../shared/stats/indicators';
import { DEFAULT_TARGETS, type InputVersion } from '../../../shared/stats/inputs';

/**
 * computeIndicators on its own (no database): the ledger of the integration test
 * test/integration/stats/indicators.test.ts, folded in memory with foldEntries, and inputs as the
 * officer would enter them. Every number is worked out by hand next to its expectation.
 *
 * March 2033, province 96:
 *   A (31825, sector 4781): online VietQR goods 1 200 000; online cash (COD) goods 300 000;
 *                           online VietQR goods 400 000, then cancelled.
 *   B (31840, sector 5510): counter cash services 500 000.
 *   C (31840, sector 1020): online VietQR goods 700 000 + services 100 000; refund goods 200 000.
 */
const A = { communeCode: '31825', sectorCode: '4781', classification: 'VSIC2025' };
const B = { communeCode: '31840', sectorCode: '5510', classification: 'VSIC2025' };
const C = { communeCode: '31840', sectorCode: '1020', classification: 'VSIC2025' };
const at = new Date('2033-03-10T05:00:00Z');
let n = 0;
const e = (over: Partial<LedgerCause>): LedgerEntry =>
  ledgerEntry({
    kind: 'sale',
    goodsAmount: 0,
    servicesAmount: 0,
    deliveryFee: 0,
    channel: 'online',
    method: 'vietqr',
    sellerId: 'ind-a',
    seller: A,
    occurredAt: at,
    reference: { type: 'order', id: `U${++n}` },
    recordedAt: at,
    ...over,
  });
const c4 = { type: 'order' as const, id: 'C4' };
const a6 = { type: 'order' as const, id: 'A6' };
// Built inside each test, never at load: Stryker counts code run while a file loads as covered by
// every test, and would then run the whole folder for each mutant in it.
const ledger = () =>
  foldEntries(
    [
      e({ goodsAmount: 1_200_000 }),
      e({ goodsAmount: 300_000, method: 'cash' }),
      e({
        servicesAmount: 500_000,
        channel: 'offline',
        method: 'cash',
        sellerId: 'ind-b',
        seller: B,
      }),
      e({
        goodsAmount: 700_000,
        servicesAmount: 100_000,
        sellerId: 'ind-c',
        seller: C,
        reference: c4,
      }),
      e({ kind: 'refund', goodsAmount: 200_000, sellerId: 'ind-c', seller: C, reference: c4 }),
      e({ goodsAmount: 400_000, reference: a6 }),
      e({ kind: 'cancellation', goodsAmount: 400_000, reference: a6 }),
    ],
    '96',
  );

const source = (kind: string) => ({ type: 'document' as const, reference: `test ${kind}` });
const input = (
  kind: InputVersion['kind'],
  key: string,
  value: Record<string, number>,
  over: Partial<InputVersion> = {},
): InputVersion => ({
  kind,
  key,
  year: 2033,
  version: 1,
  value,
  source: source(kind),
  enteredBy: 'ac-test',
  enteredAt: '2033-04-01T00:00:00.000Z',
  ...over,
});
const inputsOf = (...list: InputVersion[]) =>
  new Map(list.map((v) => [inputMapKey(v.kind, v.key), v]));
const usedOf = (v: InputVersion) => ({
  kind: v.kind,
  key: v.key,
  version: v.version,
  value: v.value,
  source: v.source,
  enteredAt: v.enteredAt,
});

const tmblMarch = input('tmbl', 'M2033-03|P96', { total: 30_000_000, goods: 16_000_000 });
const enterprises = input('enterprises', '2033|P96', {
  enterprises: 7,
  cooperatives: 2,
  householdBusinesses: 50,
});
const grdp = input('grdp', '2033|P96', { currentPrices: 1_000_000_000 });
const operator = input('operatorValueAdded', '2033', { amount: 5_000_000 });
const ratio47 = input('sectorRatio', '2033|47', { outputRatio: 0.2, valueAddedRatio: 0.5 });
const ratio10 = input('sectorRatio', '2033|10', { outputRatio: 0.9, valueAddedRatio: 0.25 });
const allInputs = inputsOf(tmblMarch, enterprises, grdp, operator, ratio47, ratio10);

function indicators(
  q: { period: string; area?: string; sector?: string },
  inputs: Map<string, InputVersion> = allInputs,
) {
  const folded = ledger();
  const id = { period: q.period, area: q.area ?? 'P96', sector: q.sector ?? ALL_SECTORS };
  const cells = [...folded.cells.values()];
  const same = (c: { period: string; area: string; sector: string }) =>
    c.period === id.period && c.area === id.area && c.sector === id.sector;
  const figures = computeIndicators(
    {
      ...id,
      cell: cells.find((c) => same(c.id))?.delta,
      sectorCells: cells
        .filter(
          (c) => c.id.period === id.period && c.id.area === id.area && c.id.sector !== ALL_SECTORS,
        )
        .map((c) => ({ sector: c.id.sector, measures: c.delta })),
      sellers: [...folded.sellers.values()]
        .filter((s) => same(s.id))
        .map((s) => ({ sellerId: s.sellerId, measures: s.delta })),
      inputs,
    },
    '96',
  );
  const byId = new Map(figures.map((f) => [f.id, f]));
  return { figures, fig: (name: string) => byId.get(name) as Figure };
}

const defaultTarget = (name: keyof typeof DEFAULT_TARGETS) => ({
  kind: 'defaultTarget',
  key: name,
  value: { percent: DEFAULT_TARGETS[name].percent, year: DEFAULT_TARGETS[name].year },
  source: DEFAULT_TARGETS[name].source,
});

describe('indicators of March 2033 for the province', () => {
  const march = () => indicators({ period: 'M2033-03' });

  it('lists the eleven figures in order, with labels, units and formulas', () => {
    const { figures } = march();
    expect(figures.map((f) => [f.id, f.unit, f.label.en, f.label.vi])).toEqual([
      [
        'ecommerceShare',
        'percent',
        'Platform contribution to the e-commerce share of total retail sales',
        'Đóng góp của nền tảng vào tỷ trọng TMĐT trong tổng mức bán lẻ hàng hóa và dịch vụ',
      ],
      [
        'ecommerceShareGoods',
        'percent',
        'Platform contribution to the e-commerce share of retail sales of goods',
        'Đóng góp của nền tảng vào tỷ trọng TMĐT trong tổng mức bán lẻ hàng hóa',
      ],
      [
        'cashlessShareCount',
        'percent',
        'Cashless share (by number of sales)',
        'Tỷ lệ thanh toán không dùng tiền mặt (theo số giao dịch)',
      ],
      [
        'cashlessShareValue',
        'percent',
        'Cashless share (by value)',
        'Tỷ lệ thanh toán không dùng tiền mặt (theo giá trị)',
      ],
      [
        'smeAdoption',
        'percent',
        'Platform contribution to SME and cooperative adoption of digital platforms',
        'Đóng góp của nền tảng vào tỷ lệ DNNVV, HTX sử dụng nền tảng số',
      ],
      [
        'digitalEconomyShare',
        'percent',
        'Platform contribution to the digital economy share of GRDP',
        'Đóng góp của nền tảng vào tỷ trọng kinh tế số trong GRDP',
      ],
      ['netSales', 'vnd', 'Net sales on the platform', 'Doanh số thuần trên nền tảng'],
      ['onlineNetSales', 'vnd', 'Net online sales', 'Doanh số thuần bán trực tuyến'],
      ['orders', 'count', 'Online orders', 'Số đơn hàng trực tuyến'],
      ['counterSales', 'count', 'Counter sales', 'Số giao dịch bán tại quầy'],
      ['activeSellers', 'count', 'Active sellers', 'Số người bán có giao dịch'],
    ]);
    expect(figures.map((f) => f.formula)).toEqual([
      'net online sales of sellers in the area (paid, VAT included, minus cancellations and refunds, delivery excluded) ÷ total retail sales of goods and services (TMBL) of the area and period × 100',
      'net online goods sales of sellers in the area (paid, VAT included, minus cancellations and refunds, delivery excluded) ÷ retail sales of goods (TMBL) of the area and period × 100',
      'cashless sales (not cancelled) ÷ all sales (not cancelled), online and at the counter × 100 (cashless = VietQR or other non-cash methods)',
      'cashless net sales value ÷ all net sales value, online and at the counter × 100 (cashless = VietQR or other non-cash methods)',
      'sellers with at least one sale not cancelled in the period ÷ active SMEs and cooperatives of the area (entered for the year) × 100',
      '(operator value added + Σ over sectors of online net sales × output ratio × value-added ratio) ÷ GRDP at current prices × 100 (year only; the operator term only for the whole province and all sectors)',
      'Σ sales − cancellations − refunds, online and at the counter (VAT included, delivery excluded)',
      'Σ online sales − cancellations − refunds (VAT included, delivery excluded)',
      'online sales − cancelled online sales',
      'counter sales − cancelled counter sales',
      'distinct sellers with at least one sale not cancelled in the period',
    ]);
  });

  it('e-commerce share: 2 100 000 ÷ 30 000 000 = 7 %, 35 % of the 20 % target', () => {
    const { fig } = march();
    expect(fig('ecommerceShare')).toEqual({
      ...fig('ecommerceShare'),
      value: 7,
      display: { vi: '7,00 %', en: '7.00%' },
      terms: { onlineNetSales: 2_100_000, tmbl: 30_000_000 },
      inputs: [usedOf(tmblMarch)],
      missing: [],
      target: { percent: 20, year: 2030, progress: 35, source: defaultTarget('ecommerceShare') },
    });
    // goods: 1.2M + 0.3M + 0.7M − 0.2M + 0.4M − 0.4M = 2 000 000 ÷ 16 000 000 = 12.5 %; no target
    expect(fig('ecommerceShareGoods')).toMatchObject({
      value: 12.5,
      display: { vi: '12,50 %', en: '12.50%' },
      terms: { onlineNetSales: 2_000_000, tmbl: 16_000_000 },
      inputs: [usedOf(tmblMarch)],
      missing: [],
    });
    expect(fig('ecommerceShareGoods').target).toBeUndefined();
  });

  it('cashless share: 2 of 4 sales; 1 800 000 of 2 600 000 by value', () => {
    const { fig } = march();
    expect(fig('cashlessShareCount')).toMatchObject({
      value: 50,
      terms: { cashless: 2, all: 4 },
      inputs: [],
      missing: [],
      target: { percent: 100, year: 2030, progress: 50, source: defaultTarget('cashlessShare') },
    });
    const v = fig('cashlessShareValue');
    expect(v.terms).toEqual({ cashless: 1_800_000, all: 2_600_000 });
    expect(v.value).toBeCloseTo(69.230769, 5);
    expect(v.display).toEqual({ vi: '69,23 %', en: '69.23%' });
    expect(v.target?.progress).toBe(69.23);
  });

  it('SME adoption: 3 active sellers ÷ (7 + 2) = 33.33 %', () => {
    const { fig } = march();
    expect(fig('smeAdoption')).toMatchObject({
      terms: { activeSellers: 3, smesAndCooperatives: 9 },
      inputs: [usedOf(enterprises)],
      missing: [],
      display: { vi: '33,33 %', en: '33.33%' },
      target: { percent: 100, year: 2030, progress: 33.33, source: defaultTarget('smeAdoption') },
    });
    expect(fig('smeAdoption').value).toBeCloseTo(100 / 3, 10);
  });

  it('GRDP share is annual: a month names the year to ask for', () => {
    const { fig } = march();
    expect(fig('digitalEconomyShare')).toMatchObject({
      value: null,
      display: null,
      terms: {},
      inputs: [],
      missing: [
        { kind: 'grdp', key: '2033|P96', message: 'GRDP is annual: ask for the year (Y2033)' },
      ],
      target: { percent: 20, progress: null, source: defaultTarget('digitalEconomyShare') },
    });
  });

  it('sales and counts', () => {
    const { fig } = march();
    const plain = (id: string) => {
      const f = fig(id);
      expect(f.inputs).toEqual([]);
      expect(f.missing).toEqual([]);
      expect(f.target).toBeUndefined();
      expect(f.terms).toEqual({ value: f.value });
      return [f.value, f.display];
    };
    // net = 1.2M + 0.3M + 0.5M + 0.8M − 0.2M + 0.4M − 0.4M
    expect(plain('netSales')).toEqual([2_600_000, { vi: '2.600.000\u00a0₫', en: '2,600,000 VND' }]);
    // online = the same without B's counter sale
    expect(plain('onlineNetSales')).toEqual([
      2_100_000,
      { vi: '2.100.000\u00a0₫', en: '2,100,000 VND' },
    ]);
    // 4 online sales − 1 cancelled; 1 counter sale
    expect(plain('orders')).toEqual([3, { vi: '3', en: '3' }]);
    expect(plain('counterSales')).toEqual([1, { vi: '1', en: '1' }]);
    expect(plain('activeSellers')).toEqual([3, { vi: '3', en: '3' }]);
  });
});

describe('sector and commune parts', () => {
  const note =
    " (sector 47's part: the denominator is entered for all sectors, so the parts of all sectors add up to the whole)";

  it("a sector's figures say they are its part of an all-sector denominator", () => {
    const { figures } = indicators({ period: 'M2033-03', sector: '47' });
    const noted = figures.filter((f) => f.formula.endsWith(note)).map((f) => f.id);
    expect(noted).toEqual(['ecommerceShare', 'ecommerceShareGoods', 'smeAdoption']);
  });

  it('sector 47 of the province: its own sales over the province TMBL, no operator term', () => {
    const month = indicators({ period: 'M2033-03', sector: '47' });
    // A online 1.2M + 0.3M + 0.4M − 0.4M = 1 500 000 ÷ 30 000 000 = 5 %
    expect(month.fig('ecommerceShare').value).toBe(5);
    expect(month.fig('activeSellers').value).toBe(1);
    const year = indicators({ period: 'Y2033', sector: '47' });
    // 1 500 000 × 0.2 × 0.5 = 150 000 ÷ 10⁹ × 100 = 0.015 %
    expect(year.fig('digitalEconomyShare')).toMatchObject({
      terms: {
        onlineNetSales_47: 1_500_000,
        valueAdded_47: 150_000,
        numerator: 150_000,
        grdp: 1_000_000_000,
      },
      inputs: [usedOf(grdp), usedOf(ratio47)],
      missing: [],
    });
    expect(year.fig('digitalEconomyShare').terms.operatorValueAdded).toBeUndefined();
    expect(year.fig('digitalEconomyShare').value).toBeCloseTo(0.015, 12);
  });

  it('a commune: its sellers only, and its own inputs', () => {
    const { fig } = indicators({ period: 'Y2033', area: 'C31840' });
    expect(fig('activeSellers').value).toBe(2);
    expect(fig('smeAdoption')).toMatchObject({
      value: null,
      terms: { activeSellers: 2 },
      missing: [
        {
          kind: 'enterprises',
          key: '2033|C31840',
          message: 'Active enterprises and cooperatives of C31840 in 2033 have not been entered',
        },
      ],
    });
    expect(fig('smeAdoption').terms.smesAndCooperatives).toBeUndefined();
    // GRDP of the commune not entered; no operator term outside the whole province; sector 55 has
    // no online sales, so no ratio is asked for it; sector 10: 600 000 × 0.9 × 0.25 = 135 000
    expect(fig('digitalEconomyShare')).toMatchObject({
      value: null,
      terms: { onlineNetSales_10: 600_000, valueAdded_10: 135_000, numerator: 135_000 },
      inputs: [usedOf(ratio10)],
      missing: [
        {
          kind: 'grdp',
          key: '2033|C31840',
          message: 'GRDP at current prices of C31840 for 2033 has not been entered',
        },
      ],
    });
    expect(Object.keys(fig('digitalEconomyShare').terms)).toEqual([
      'onlineNetSales_10',
      'valueAdded_10',
      'numerator',
    ]);
  });
});

describe('the GRDP share of the year', () => {
  it('(5 000 000 + 150 000 + 135 000) ÷ 10⁹ × 100 = 0.5285 %, sectors in order', () => {
    const f = indicators({ period: 'Y2033' }).fig('digitalEconomyShare');
    expect(f.terms).toEqual({
      operatorValueAdded: 5_000_000,
      onlineNetSales_10: 600_000,
      valueAdded_10: 135_000,
      onlineNetSales_47: 1_500_000,
      valueAdded_47: 150_000,
      numerator: 5_285_000,
      grdp: 1_000_000_000,
    });
    expect(f.value).toBeCloseTo(0.5285, 10);
    expect(f.display).toEqual({ vi: '0,53 %', en: '0.53%' });
    // 0.5285 ÷ 20 × 100 = 2.6425 → 2.64
    expect(f.target?.progress).toBe(2.64);
    expect(f.inputs).toEqual([usedOf(grdp), usedOf(operator), usedOf(ratio10), usedOf(ratio47)]);
    expect(f.missing).toEqual([]);
  });

  it('names every missing piece and gives no value while one is missing', () => {
    const f = indicators({ period: 'Y2033' }, inputsOf(grdp, ratio47)).fig('digitalEconomyShare');
    expect(f.value).toBeNull();
    expect(f.missing).toEqual([
      {
        kind: 'operatorValueAdded',
        key: '2033',
        message: "The platform operator's value added for 2033 has not been entered",
      },
      {
        kind: 'sectorRatio',
        key: '2033|10',
        message: 'Output and value-added ratios of sector 10 for 2033 have not been entered',
      },
    ]);
    expect(f.terms).toEqual({
      onlineNetSales_47: 1_500_000,
      valueAdded_47: 150_000,
      numerator: 150_000,
      grdp: 1_000_000_000,
    });
    // only the operator missing: still no value
    expect(
      indicators({ period: 'Y2033' }, inputsOf(grdp, ratio47, ratio10)).fig('digitalEconomyShare')
        .value,
    ).toBeNull();
    // only a ratio missing: still no value
    expect(
      indicators({ period: 'Y2033' }, inputsOf(grdp, operator, ratio47)).fig('digitalEconomyShare')
        .value,
    ).toBeNull();
    // no GRDP: the numerator is still shown
    const noGrdp = indicators({ period: 'Y2033' }, inputsOf(operator, ratio10, ratio47)).fig(
      'digitalEconomyShare',
    );
    expect(noGrdp.value).toBeNull();
    expect(noGrdp.terms.numerator).toBe(5_285_000);
    expect(noGrdp.terms.grdp).toBeUndefined();
    expect(noGrdp.missing).toEqual([
      {
        kind: 'grdp',
        key: '2033|P96',
        message: 'GRDP at current prices of P96 for 2033 has not been entered',
      },
    ]);
  });

  it('GRDP entered as 0 is a reason, not a division; absent figures count as 0', () => {
    const zero = input('grdp', '2033|P96', { currentPrices: 0 });
    const f = indicators({ period: 'Y2033' }, inputsOf(zero, operator, ratio10, ratio47)).fig(
      'digitalEconomyShare',
    );
    expect(f.value).toBeNull();
    expect(f.terms.grdp).toBe(0);
    expect(f.missing).toEqual([{ kind: 'grdp', key: '2033|P96', message: 'GRDP entered as 0' }]);
    // values without their fields: operator amount and ratios read as 0, GRDP without its figure
    const empty = indicators(
      { period: 'Y2033' },
      inputsOf(
        input('grdp', '2033|P96', {}),
        input('operatorValueAdded', '2033', {}),
        input('sectorRatio', '2033|10', { outputRatio: 0.5 }),
        input('sectorRatio', '2033|47', { valueAddedRatio: 0.5 }),
      ),
    ).fig('digitalEconomyShare');
    expect(empty.terms).toMatchObject({
      operatorValueAdded: 0,
      valueAdded_10: 0,
      valueAdded_47: 0,
      numerator: 0,
      grdp: 0,
    });
    expect(empty.value).toBeNull();
    expect(empty.missing).toEqual([]);
  });
});

describe('missing inputs and zero denominators', () => {
  it('TMBL not entered for the period, or per day (never looked up)', () => {
    const year = indicators({ period: 'Y2033' }).fig('ecommerceShare');
    expect(year).toMatchObject({ value: null, display: null, inputs: [] });
    expect(year.terms).toEqual({ onlineNetSales: 2_100_000 });
    expect(year.missing).toEqual([
      {
        kind: 'tmbl',
        key: 'Y2033|P96',
        message: 'Total retail sales (TMBL) of P96 for Y2033 has not been entered',
      },
    ]);
    expect(year.target?.progress).toBeNull();
    const dayInput = input('tmbl', 'D2033-03-10|P96', { total: 1_000_000, goods: 1_000_000 });
    const day = indicators({ period: 'D2033-03-10' }, inputsOf(dayInput)).fig(
      'ecommerceShareGoods',
    );
    expect(day.value).toBeNull();
    expect(day.inputs).toEqual([]);
    expect(day.missing).toEqual([
      {
        kind: 'tmbl',
        key: 'D2033-03-10|P96',
        message: 'TMBL is entered per month, quarter or year, not per day',
      },
    ]);
  });

  it('TMBL entered as 0 gives a reason', () => {
    const zero = input('tmbl', 'M2033-03|P96', { total: 0, goods: 0 });
    const f = indicators({ period: 'M2033-03' }, inputsOf(zero)).fig('ecommerceShare');
    expect(f.value).toBeNull();
    expect(f.terms).toEqual({ onlineNetSales: 2_100_000, tmbl: 0 });
    expect(f.missing).toEqual([
      { kind: 'tmbl', key: 'M2033-03|P96', message: 'TMBL entered as 0: no share can be computed' },
    ]);
  });

  it('no sales: the cashless shares have no denominator', () => {
    const { fig } = indicators({ period: 'M2033-04' });
    for (const id of ['cashlessShareCount', 'cashlessShareValue']) {
      expect(fig(id).value).toBeNull();
      expect(fig(id).missing).toEqual([
        {
          kind: 'sales',
          key: 'M2033-04|P96|*',
          message: 'No sales recorded in this period and area: no share can be computed',
        },
      ]);
    }
    expect(fig('netSales').value).toBe(0);
    expect(fig('activeSellers').value).toBe(0);
  });

  it('enterprises entered as 0, or with one of the two counts only', () => {
    const zero = input('enterprises', '2033|P96', { enterprises: 0, cooperatives: 0 });
    const f = indicators({ period: 'M2033-03' }, inputsOf(zero)).fig('smeAdoption');
    expect(f.value).toBeNull();
    expect(f.missing).toEqual([
      {
        kind: 'enterprises',
        key: '2033|P96',
        message: 'Active enterprises and cooperatives entered as 0',
      },
    ]);
    const coops = input('enterprises', '2033|P96', { cooperatives: 6 });
    expect(indicators({ period: 'M2033-03' }, inputsOf(coops)).fig('smeAdoption').value).toBe(50);
    const firms = input('enterprises', '2033|P96', { enterprises: 4 });
    expect(indicators({ period: 'M2033-03' }, inputsOf(firms)).fig('smeAdoption').value).toBe(75);
  });
});

describe('targets', () => {
  it('an entered target replaces the default; a 0 % target gives no progress', () => {
    const target = input(
      'target',
      'ecommerceShare',
      { percent: 10, year: 2028 },
      { year: 0, version: 3, demo: true },
    );
    const f = indicators({ period: 'M2033-03' }, inputsOf(tmblMarch, target)).fig('ecommerceShare');
    // 7 ÷ 10 × 100 = 70
    expect(f.target).toEqual({
      percent: 10,
      year: 2028,
      progress: 70,
      source: { ...usedOf(target), demo: true },
    });
    const zero = input('target', 'cashlessShare', { percent: 0, year: 2030 }, { year: 0 });
    const c = indicators({ period: 'M2033-03' }, inputsOf(zero)).fig('cashlessShareCount');
    expect(c.value).toBe(50);
    expect(c.target?.progress).toBeNull();
  });

  it('used inputs carry no demo flag unless the input is a demo one', () => {
    const f = indicators({ period: 'M2033-03' }).fig('ecommerceShare');
    expect(Object.keys(f.inputs[0] ?? {})).not.toContain('demo');
  });
});

describe('activeSellers', () => {
  it('counts sellers with more sales than cancellations', () => {
    expect(
      activeSellers([
        { sellerId: 'a', measures: { saleCount: 1 } },
        { sellerId: 'b', measures: { saleCount: 1, cancelCount: 1 } },
        { sellerId: 'c', measures: { saleCount: 2, cancelCount: 1 } },
        { sellerId: 'd', measures: {} },
        { sellerId: 'e', measures: { cancelCount: 1 } },
      ]),
    ).toBe(2);
  });
});

describe('rounding and display', () => {
  it('rounds on the decimal digits, to whole numbers too', () => {
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(2.4999, 0)).toBe(2);
    expect(roundTo(7, 2)).toBe(7);
    expect(roundTo(0.125, 2)).toBe(0.13);
    expect(roundTo(0.1249, 2)).toBe(0.12);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
    expect(roundTo(12.3456, 3)).toBe(12.346);
  });

  it('counts and amounts are whole; only amounts carry a currency', () => {
    expect(displayOf('count', 1234.5)).toEqual({ vi: '1.235', en: '1,235' });
    expect(displayOf('vnd', 999.4)).toEqual({ vi: '999\u00a0₫', en: '999 VND' });
    expect(displayOf('percent', 0.005)).toEqual({ vi: '0,01 %', en: '0.01%' });
  });
});
