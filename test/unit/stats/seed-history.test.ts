import { describe, expect, it } from 'vitest';
import { historySellers, sellerProfiles } from '../../../infra/local/seed-history-data';
import {
  DEMO_REFERENCE_PREFIX,
  demoInputs,
  generateHistory,
  historyWindow,
  prng,
  seasonFactor,
} from '../../../infra/local/seed-history-generator';
import { isCommuneCode } from '../../../shared/geo/communes';
import { isSectorCode } from '../../../shared/sectors/vsic';
import { normalisePhone, normaliseTaxCode } from '../../../shared/sellers/seller';
import { InputBody, inputProblem, Source } from '../../../shared/stats/inputs';

/** The pure demo-history generator: deterministic, plausible, in the ledger's own format. */
const today = '2026-12-02';
const entries = generateHistory({ today });
const count = <T>(xs: readonly T[], key: (x: T) => string) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};

describe('historyWindow', () => {
  it('is twelve whole months before the current one and the current month up to yesterday', () => {
    expect(historyWindow('2026-12-02')).toEqual({
      from: '2025-12-01',
      to: '2026-12-01',
      months: [
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ],
    });
    expect(historyWindow('2027-01-01')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(historyWindow('2027-01-01').months.at(-1)).toBe('2026-12');
    expect(() => historyWindow('2.12.2026')).toThrow(RangeError);
  });
});

describe('generateHistory', () => {
  it('is deterministic: the same day and seed give the same entries, another seed others', () => {
    expect(generateHistory({ today })).toEqual(entries);
    const other = generateHistory({ today, seed: 7 });
    expect(other).not.toEqual(entries);
    expect(prng(1)()).toBe(prng(1)());
  });

  it('writes a few thousand entries inside the window, oldest first, with unique ids', () => {
    expect(entries.length).toBeGreaterThanOrEqual(2_500);
    expect(entries.length).toBeLessThanOrEqual(5_000);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const dates = entries.map((e) => e.localDate);
    expect(dates[0]! >= '2025-12-01').toBe(true);
    expect(dates.at(-1)! <= '2026-12-01').toBe(true);
    expect([...dates].sort()).toEqual(dates);
    // Every entry is before the start of "today" in Cà Mau (UTC+7).
    expect(entries.every((e) => e.occurredAt < '2026-12-01T17:00:00.000Z')).toBe(true);
    expect(entries.every((e) => e.reference.id.startsWith(DEMO_REFERENCE_PREFIX))).toBe(true);
  });

  it('covers several communes and sectors, both channels, both methods, goods and services', () => {
    const communes = Object.keys(count(entries, (e) => e.seller.communeCode));
    expect(communes.length).toBeGreaterThanOrEqual(8);
    expect(communes.every(isCommuneCode)).toBe(true);
    const sectors = Object.keys(count(entries, (e) => e.seller.sectorCode.slice(0, 2)));
    expect(sectors.length).toBeGreaterThanOrEqual(6);
    expect(entries.every((e) => isSectorCode(e.seller.sectorCode))).toBe(true);
    const combos = count(entries, (e) => `${e.channel}/${e.method}`);
    expect(Object.keys(combos).sort()).toEqual([
      'offline/cash',
      'offline/vietqr',
      'online/cash',
      'online/vietqr',
    ]);
    expect(entries.some((e) => e.goodsAmount > 0)).toBe(true);
    expect(entries.some((e) => e.servicesAmount > 0)).toBe(true);
    expect(entries.every((e) => e.goodsAmount === 0 || e.servicesAmount === 0)).toBe(true);
  });

  it('amounts are whole thousands of VND within plausible bounds; delivery only online', () => {
    for (const e of entries) {
      const abs = Math.abs(e.amount);
      expect(Number.isSafeInteger(e.amount)).toBe(true);
      expect(abs % 1000).toBe(0);
      expect(abs).toBeGreaterThanOrEqual(45_000);
      expect(abs).toBeLessThanOrEqual(15_000_000);
      if (e.channel === 'offline') expect(e.deliveryFee).toBe(0);
    }
    const sales = entries.filter((e) => e.kind === 'sale');
    const average = sales.reduce((s, e) => s + e.amount, 0) / sales.length;
    expect(average).toBeGreaterThan(300_000);
    expect(average).toBeLessThan(3_000_000);
  });

  it('cancels about one paid VietQR order in 25, later, for the same order and amount', () => {
    const cancellations = entries.filter((e) => e.kind === 'cancellation');
    const paid = entries.filter(
      (e) => e.kind === 'sale' && e.channel === 'online' && e.method === 'vietqr',
    );
    expect(cancellations.length / paid.length).toBeGreaterThan(0.02);
    expect(cancellations.length / paid.length).toBeLessThan(0.06);
    const sales = new Map(entries.filter((e) => e.kind === 'sale').map((e) => [e.reference.id, e]));
    for (const c of cancellations) {
      const sale = sales.get(c.reference.id);
      expect(sale?.method).toBe('vietqr');
      expect(c.amount).toBe(-(sale?.amount ?? 0));
      expect(c.occurredAt > (sale?.occurredAt ?? '')).toBe(true);
      expect(c.id).toBe(`cancellation:order:${c.reference.id}`);
    }
  });

  it('peaks before Tết for goods, in the Tết holiday for tours, and grows over the year', () => {
    // Tết 2026 is 17 February.
    expect(seasonFactor('tet', '2026-02-13')).toBeGreaterThan(3);
    expect(seasonFactor('tet', '2026-02-17')).toBeLessThan(0.5);
    expect(seasonFactor('tourism', '2026-02-19')).toBeGreaterThan(2.5);
    expect(seasonFactor('tourism', '2026-07-15')).toBeGreaterThan(
      seasonFactor('tourism', '2026-10-14'),
    );
    const goods = (from: string, to: string) =>
      entries.filter((e) => e.goodsAmount > 0 && e.localDate >= from && e.localDate <= to).length;
    // Two weeks before Tết against two weeks of March: more sales although earlier in the year.
    expect(goods('2026-02-03', '2026-02-16')).toBeGreaterThan(
      1.5 * goods('2026-03-09', '2026-03-22'),
    );
    const byMonth = count(entries, (e) => e.localDate.slice(0, 7));
    expect(byMonth['2026-11']!).toBeGreaterThan(byMonth['2025-12']!);
  });

  it('online cash only where the seller takes cash on delivery', () => {
    const cod = new Set(sellerProfiles.filter((p) => p.cod).map((p) => p.sellerId));
    for (const e of entries.filter((x) => x.channel === 'online' && x.method === 'cash'))
      expect(cod.has(e.sellerId)).toBe(true);
  });
});

describe('demo sellers and inputs', () => {
  it('the extra sellers are valid: commune, sector, tax code, phone', () => {
    for (const s of historySellers) {
      expect(isCommuneCode(s.communeCode), s.id).toBe(true);
      expect(isSectorCode(s.sector.code), s.id).toBe(true);
      expect(normaliseTaxCode(s.taxCode), s.id).toBe(s.taxCode);
      expect(normalisePhone(s.phone), s.id).toBe(s.phone);
    }
    expect(new Set(historySellers.map((s) => s.taxCode)).size).toBe(historySellers.length);
  });

  it('every demo input passes the officer schema and says it is a demo figure', () => {
    const inputs = demoInputs(today);
    for (const { body, source } of inputs) {
      expect(InputBody.safeParse(body).success, JSON.stringify(body)).toBe(true);
      expect(inputProblem(body)).toBeUndefined();
      expect(Source.safeParse(source).success).toBe(true);
      expect(source.note).toMatch(/^Số liệu minh hoạ/);
    }
    const keys = inputs.map((i) => JSON.stringify({ ...i.body, value: undefined }));
    expect(new Set(keys).size).toBe(keys.length);
    // Monthly TMBL for the twelve months, ratios for every division with sales.
    const tmbl = inputs.flatMap((i) => (i.body.kind === 'tmbl' ? [i.body.period] : []));
    for (const m of historyWindow(today).months) expect(tmbl).toContain(`M${m}`);
    const ratios = new Set(
      inputs.flatMap((i) => (i.body.kind === 'sectorRatio' ? [i.body.sector] : [])),
    );
    for (const e of entries) expect(ratios.has(e.seller.sectorCode.slice(0, 2))).toBe(true);
    expect(demoInputs(today)).toEqual(inputs);
  });
});
