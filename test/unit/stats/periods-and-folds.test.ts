import { describe, expect, it } from 'vitest';
import { type LedgerCause, ledgerEntry } from '../../../shared/ledger/entry';
import {
  addDelta,
  cellDelta,
  cellIdString,
  cellsOf,
  communeArea,
  divisionOf,
  foldEntries,
  measureOf,
  monthsOfPeriod,
  padSequence,
  parsePeriod,
  periodsOf,
  provinceArea,
  sellerDelta,
  yearOfPeriod,
} from '../../../shared/stats/cells';
import { type OpenTables, tableEquations } from '../../../shared/stats/open-data';
import { monthRange } from '../../../shared/stats/rebuild';

/**
 * Fixed examples for the pure parts of statistics: periods in Asia/Ho_Chi_Minh (UTC+7), period
 * ids, cell deltas and in-memory folds, the rebuild's month range, the open-data equations.
 */
const entry = (over: Partial<LedgerCause> = {}) =>
  ledgerEntry({
    kind: 'sale',
    goodsAmount: 600,
    servicesAmount: 0,
    deliveryFee: 0,
    channel: 'online',
    method: 'vietqr',
    sellerId: 's1',
    seller: { communeCode: '31825', sectorCode: '4781', classification: 'VSIC2025' },
    occurredAt: new Date('2030-06-15T03:00:00Z'),
    reference: { type: 'order', id: 'P1' },
    recordedAt: new Date('2030-06-15T03:00:00Z'),
    ...over,
  });

describe('periods in the province (UTC+7)', () => {
  it('a sale at 16:59:59 UTC is on the same local day, at 17:00 on the next', () => {
    const before = entry({ occurredAt: new Date('2030-12-31T16:59:59Z') });
    const after = entry({ occurredAt: new Date('2030-12-31T17:00:00Z') });
    expect(periodsOf(before.localDate)).toEqual({
      day: 'D2030-12-31',
      month: 'M2030-12',
      quarter: 'Q2030-4',
      year: 'Y2030',
    });
    expect(periodsOf(after.localDate)).toEqual({
      day: 'D2031-01-01',
      month: 'M2031-01',
      quarter: 'Q2031-1',
      year: 'Y2031',
    });
  });

  it('quarters split at months 3, 6 and 9', () => {
    const q = (m: string) => periodsOf(`2030-${m}-15`).quarter;
    expect(['01', '03', '04', '06', '07', '09', '10', '12'].map(q)).toEqual([
      'Q2030-1',
      'Q2030-1',
      'Q2030-2',
      'Q2030-2',
      'Q2030-3',
      'Q2030-3',
      'Q2030-4',
      'Q2030-4',
    ]);
  });

  it('refuses what is not a YYYY-MM-DD date', () => {
    for (const bad of ['2030-06-1', ' 2030-06-15', '2030-06-15 ', '2030/06/15', 'x2030-06-15'])
      expect(() => periodsOf(bad), bad).toThrow(new RangeError(`Bad local date ${bad}`));
  });

  it('months of a period', () => {
    expect(monthsOfPeriod('M2030-06')).toEqual(['2030-06']);
    expect(monthsOfPeriod('D2030-06-15')).toEqual(['2030-06']);
    expect(monthsOfPeriod('Q2030-1')).toEqual(['2030-01', '2030-02', '2030-03']);
    expect(monthsOfPeriod('Q2030-4')).toEqual(['2030-10', '2030-11', '2030-12']);
    expect(monthsOfPeriod('Y2030')).toEqual([
      '2030-01',
      '2030-02',
      '2030-03',
      '2030-04',
      '2030-05',
      '2030-06',
      '2030-07',
      '2030-08',
      '2030-09',
      '2030-10',
      '2030-11',
      '2030-12',
    ]);
    expect(() => monthsOfPeriod('W2030-01')).toThrow('Bad period W2030-01');
    expect(() => monthsOfPeriod('')).toThrow(RangeError);
  });

  it('period ids: exact shapes, real dates, months 1–12, quarters 1–4', () => {
    expect(parsePeriod('D2030-06-15')).toEqual({ kind: 'day', id: 'D2030-06-15' });
    expect(parsePeriod('D2030-06-31')).toBeUndefined();
    expect(parsePeriod('D2030-13-01')).toBeUndefined();
    expect(parsePeriod('D2030-06-15x')).toBeUndefined();
    expect(parsePeriod('xD2030-06-15')).toBeUndefined();
    expect(parsePeriod('M2030-01')).toEqual({ kind: 'month', id: 'M2030-01' });
    expect(parsePeriod('M2030-12')).toEqual({ kind: 'month', id: 'M2030-12' });
    expect(parsePeriod('M2030-13')).toBeUndefined();
    expect(parsePeriod('M2030-1')).toBeUndefined();
    expect(parsePeriod('M2030-011')).toBeUndefined();
    expect(parsePeriod('xM2030-01')).toBeUndefined();
    expect(parsePeriod('Q2030-1')).toEqual({ kind: 'quarter', id: 'Q2030-1' });
    expect(parsePeriod('Q2030-4')).toEqual({ kind: 'quarter', id: 'Q2030-4' });
    expect(parsePeriod('Q2030-0')).toBeUndefined();
    expect(parsePeriod('Q2030-11')).toBeUndefined();
    expect(parsePeriod('xQ2030-1')).toBeUndefined();
    expect(parsePeriod('Y2030')).toEqual({ kind: 'year', id: 'Y2030' });
    expect(parsePeriod('Y20301')).toBeUndefined();
    expect(parsePeriod('xY2030')).toBeUndefined();
    expect(parsePeriod('Y203')).toBeUndefined();
  });

  it('years, areas, sectors and cell ids', () => {
    expect(yearOfPeriod('Q2031-2')).toBe(2031);
    expect(yearOfPeriod('D2029-01-01')).toBe(2029);
    expect(provinceArea('96')).toBe('P96');
    expect(communeArea('31825')).toBe('C31825');
    expect(divisionOf('4781')).toBe('47');
    expect(cellIdString({ period: 'M2030-06', area: 'P96', sector: '*' })).toBe('M2030-06|P96|*');
  });
});

describe('deltas', () => {
  it('the 16 cells of an entry, every period × area × sector', () => {
    const ids = cellsOf(entry(), '96').map(cellIdString);
    expect(ids).toEqual([
      'D2030-06-15|P96|*',
      'D2030-06-15|P96|47',
      'D2030-06-15|C31825|*',
      'D2030-06-15|C31825|47',
      'M2030-06|P96|*',
      'M2030-06|P96|47',
      'M2030-06|C31825|*',
      'M2030-06|C31825|47',
      'Q2030-2|P96|*',
      'Q2030-2|P96|47',
      'Q2030-2|C31825|*',
      'Q2030-2|C31825|47',
      'Y2030|P96|*',
      'Y2030|P96|47',
      'Y2030|C31825|*',
      'Y2030|C31825|47',
    ]);
  });

  it('zero parts are left out; a cancellation carries its count and negative amounts', () => {
    expect(
      cellDelta(entry({ kind: 'cancellation', goodsAmount: 200, servicesAmount: 50 })),
    ).toEqual({
      online_vietqr_cancelCount: 1,
      online_vietqr_cancelled: -250,
      online_vietqr_net: -250,
      online_vietqr_netGoods: -200,
      online_vietqr_netServices: -50,
    });
    // a free sale still counts as a sale, with no amounts
    expect(cellDelta(entry({ goodsAmount: 0, method: 'other', channel: 'offline' }))).toEqual({
      offline_other_saleCount: 1,
    });
  });

  it('per-seller sums: counts of sales and cancellations, net and the online part', () => {
    expect(sellerDelta(entry())).toEqual({ saleCount: 1, net: 600, netOnline: 600 });
    expect(sellerDelta(entry({ kind: 'refund' }))).toEqual({ net: -600, netOnline: -600 });
    expect(sellerDelta(entry({ kind: 'refund', channel: 'offline' }))).toEqual({ net: -600 });
    expect(sellerDelta(entry({ goodsAmount: 0 }))).toEqual({ saleCount: 1 });
    expect(sellerDelta(entry({ kind: 'cancellation', goodsAmount: 0 }))).toEqual({
      cancelCount: 1,
    });
  });

  it('addDelta adds key by key into the first', () => {
    const into = { a: 1, b: 2 };
    expect(addDelta(into, { b: 3, c: -4 })).toBe(into);
    expect(into).toEqual({ a: 1, b: 5, c: -4 });
  });

  it('folds entries per cell and per seller in the cell', () => {
    const folded = foldEntries(
      [
        entry(),
        entry({ goodsAmount: 400, reference: { type: 'order', id: 'P2' } }),
        entry({
          sellerId: 's2',
          method: 'cash',
          seller: { communeCode: '31840', sectorCode: '4781', classification: 'VSIC2025' },
          reference: { type: 'order', id: 'P3' },
        }),
      ],
      '96',
    );
    // s1's two sales share 16 cells; s2 shares the 8 province cells and has 8 of its own
    expect(folded.cells.size).toBe(24);
    expect(folded.cells.get('M2030-06|P96|*')).toEqual({
      id: { period: 'M2030-06', area: 'P96', sector: '*' },
      delta: {
        online_vietqr_saleCount: 2,
        online_vietqr_gross: 1000,
        online_vietqr_grossGoods: 1000,
        online_vietqr_net: 1000,
        online_vietqr_netGoods: 1000,
        online_cash_saleCount: 1,
        online_cash_gross: 600,
        online_cash_grossGoods: 600,
        online_cash_net: 600,
        online_cash_netGoods: 600,
      },
    });
    expect(folded.cells.get('M2030-06|C31840|47')?.delta.online_cash_net).toBe(600);
    expect(folded.sellers.size).toBe(32);
    expect(folded.sellers.get('Y2030|P96|47|s1')).toEqual({
      id: { period: 'Y2030', area: 'P96', sector: '47' },
      sellerId: 's1',
      delta: { saleCount: 2, net: 1000, netOnline: 1000 },
    });
    expect(folded.sellers.get('Y2030|C31840|*|s2')?.delta).toEqual({
      saleCount: 1,
      net: 600,
      netOnline: 600,
    });
  });

  it('measureOf filters by channel and by each method', () => {
    const cell = {
      online_vietqr_net: 1,
      online_cash_net: 2,
      online_other_net: 4,
      offline_vietqr_net: 8,
      offline_cash_net: 16,
      offline_other_net: 32,
      online_vietqr_gross: 64,
    };
    expect(measureOf(cell, 'net', { method: 'other' })).toBe(36);
    expect(measureOf(cell, 'net', { method: 'vietqr' })).toBe(9);
    expect(measureOf(cell, 'net', { method: 'cash' })).toBe(18);
    expect(measureOf(cell, 'net', { channel: 'offline' })).toBe(56);
    expect(measureOf(cell, 'net', { channel: 'offline', method: 'cashless' })).toBe(40);
    expect(measureOf(cell, 'gross')).toBe(64);
    expect(measureOf({}, 'net')).toBe(0);
  });

  it('stream sequence numbers: 1 to 48 digits only', () => {
    expect(padSequence('1')).toBe(`${'0'.repeat(47)}1`);
    expect(padSequence('9'.repeat(48))).toBe('9'.repeat(48));
    expect(() => padSequence('9'.repeat(49))).toThrow('Not a stream sequence number');
    expect(() => padSequence('12a')).toThrow(RangeError);
    expect(() => padSequence('a12')).toThrow(RangeError);
  });
});

describe('rebuild month range', () => {
  it('from one YYYY-MM to another inclusive, across years', () => {
    expect(monthRange('2030-11', '2031-02')).toEqual(['2030-11', '2030-12', '2031-01', '2031-02']);
    expect(monthRange('2030-05', '2030-05')).toEqual(['2030-05']);
    expect(monthRange('2030-01', '2030-12')).toHaveLength(12);
    expect(monthRange('2029-12', '2031-01')).toHaveLength(14);
    expect(monthRange('2030-05', '2030-04')).toEqual([]);
    expect(monthRange('2031-01', '2030-12')).toEqual([]);
  });
});

describe('open-data equations', () => {
  it('province = Σ communes = Σ sectors per column; year = Σ months per row', () => {
    const row = (code: string) => ({ code, netSales: [], salesCount: [] });
    const tables: OpenTables = {
      year: 2030,
      columns: [],
      byCommune: [row('31825'), row('31840')],
      bySector: [row('47')],
      province: row('96'),
      thresholds: { minSellers: 3, p: 10 },
    };
    const eqs = tableEquations(tables);
    // 13 columns × 2, then one row equation per commune, sector and the province
    expect(eqs).toHaveLength(13 * 2 + 4);
    expect(eqs[0]).toEqual({ total: 'p|96|0', parts: ['c|31825|0', 'c|31840|0'] });
    expect(eqs[1]).toEqual({ total: 'p|96|0', parts: ['s|47|0'] });
    expect(eqs[25]).toEqual({ total: 'p|96|12', parts: ['s|47|12'] });
    const months = (t: string, c: string) => Array.from({ length: 12 }, (_, i) => `${t}|${c}|${i}`);
    expect(eqs.slice(26)).toEqual([
      { total: 'c|31825|12', parts: months('c', '31825') },
      { total: 'c|31840|12', parts: months('c', '31840') },
      { total: 's|47|12', parts: months('s', '47') },
      { total: 'p|96|12', parts: months('p', '96') },
    ]);
  });
});
