import { describe, expect, it } from 'vitest';
import { ledgerEntry } from '../../../shared/ledger/entry';
import {
  cellDelta,
  cellsOf,
  measureOf,
  monthsOfPeriod,
  padSequence,
  parsePeriod,
  periodsOf,
  sellerDelta,
} from '../../../shared/stats/cells';
import { displayOf, roundTo } from '../../../shared/stats/indicators';
import { parseTmblCsv } from '../../../shared/stats/inputs';

const entry = (over: Partial<Parameters<typeof ledgerEntry>[0]> = {}) =>
  ledgerEntry({
    kind: 'sale',
    goodsAmount: 700,
    servicesAmount: 300,
    deliveryFee: 50,
    channel: 'online',
    method: 'vietqr',
    sellerId: 's1',
    seller: { communeCode: '31825', sectorCode: '4781', classification: 'VSIC2025' },
    // 23:30 UTC on 31 March is 06:30 on 1 April in the province
    occurredAt: new Date('2030-03-31T23:30:00Z'),
    reference: { type: 'order', id: 'X1' },
    recordedAt: new Date('2030-03-31T23:30:00Z'),
    ...over,
  });

describe('cells', () => {
  it('periods come from the local date', () => {
    expect(periodsOf(entry().localDate)).toEqual({
      day: 'D2030-04-01',
      month: 'M2030-04',
      quarter: 'Q2030-2',
      year: 'Y2030',
    });
    expect(periodsOf('2030-12-31').quarter).toBe('Q2030-4');
    expect(periodsOf('2030-01-01').quarter).toBe('Q2030-1');
    expect(() => periodsOf('2030-1-1')).toThrow();
    expect(monthsOfPeriod('Q2030-3')).toEqual(['2030-07', '2030-08', '2030-09']);
    expect(monthsOfPeriod('Y2030')).toHaveLength(12);
    expect(monthsOfPeriod('D2030-02-03')).toEqual(['2030-02']);
  });

  it('parses period ids and refuses impossible ones', () => {
    expect(parsePeriod('D2028-02-29')?.kind).toBe('day');
    expect(parsePeriod('D2030-02-29')).toBeUndefined();
    expect(parsePeriod('M2030-00')).toBeUndefined();
    expect(parsePeriod('M2030-12')?.kind).toBe('month');
    expect(parsePeriod('Q2030-5')).toBeUndefined();
    expect(parsePeriod('Y2030')?.kind).toBe('year');
    expect(parsePeriod('2030')).toBeUndefined();
  });

  it('an entry lands in 16 cells with goods, services and delivery apart', () => {
    const cells = cellsOf(entry(), '96');
    expect(cells).toHaveLength(16);
    expect(new Set(cells.map((c) => c.area))).toEqual(new Set(['P96', 'C31825']));
    expect(new Set(cells.map((c) => c.sector))).toEqual(new Set(['*', '47']));
    expect(cellDelta(entry())).toEqual({
      online_vietqr_saleCount: 1,
      online_vietqr_gross: 1000,
      online_vietqr_grossGoods: 700,
      online_vietqr_grossServices: 300,
      online_vietqr_net: 1000,
      online_vietqr_netGoods: 700,
      online_vietqr_netServices: 300,
    });
    const refund = cellDelta(
      entry({ kind: 'refund', servicesAmount: 0, method: 'cash', channel: 'offline' }),
    );
    expect(refund).toEqual({
      offline_cash_refundCount: 1,
      offline_cash_refunded: -700,
      offline_cash_net: -700,
      offline_cash_netGoods: -700,
    });
    expect(sellerDelta(entry({ kind: 'cancellation' }))).toEqual({
      cancelCount: 1,
      net: -1000,
      netOnline: -1000,
    });
    expect(sellerDelta(entry({ channel: 'offline' }))).toEqual({ saleCount: 1, net: 1000 });
  });

  it('sums measures over channels and methods; cashless is everything but cash', () => {
    const cell = {
      online_vietqr_net: 10,
      online_cash_net: 20,
      online_other_net: 40,
      offline_cash_net: 80,
      offline_vietqr_net: 160,
    };
    expect(measureOf(cell, 'net')).toBe(310);
    expect(measureOf(cell, 'net', { channel: 'online' })).toBe(70);
    expect(measureOf(cell, 'net', { method: 'cashless' })).toBe(210);
    expect(measureOf(cell, 'net', { channel: 'offline', method: 'cash' })).toBe(80);
    expect(measureOf(undefined, 'net')).toBe(0);
  });

  it('sequence numbers compare as padded strings', () => {
    expect(padSequence('9') < padSequence('10')).toBe(true);
    expect(padSequence('100000000000000000000000000000000000000')).toHaveLength(48);
    expect(() => padSequence('seq-1')).toThrow();
    expect(() => padSequence('')).toThrow();
  });
});

describe('display', () => {
  it('rounds half away from zero on the decimal digits and formats vi first', () => {
    expect(roundTo(0.5285, 2)).toBe(0.53);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(33.3333, 2)).toBe(33.33);
    expect(roundTo(-2.345, 2)).toBe(-2.35);
    expect(displayOf('percent', 12.5)).toEqual({ vi: '12,50 %', en: '12.50%' });
    expect(displayOf('vnd', 1_250_000)).toEqual({ vi: '1.250.000\u00a0₫', en: '1,250,000 VND' });
    expect(displayOf('count', 1234)).toEqual({ vi: '1.234', en: '1,234' });
  });
});

describe('TMBL CSV', () => {
  const isCommune = (c: string) => ['31825', '31840'].includes(c);
  it('reads rows and names each bad line', () => {
    expect(parseTmblCsv('commune_code,total,goods\n31825,10,5\n', isCommune)).toEqual({
      rows: [{ line: 2, communeCode: '31825', total: 10, goods: 5 }],
      problems: [],
    });
    expect(parseTmblCsv('code,total,goods\n', isCommune).problems[0]?.line).toBe(1);
    expect(parseTmblCsv('commune_code,total,goods\n', isCommune).problems).toHaveLength(1);
    const bad = parseTmblCsv(
      'commune_code,total,goods\n31825,10\n31840,-1,0\n31840,5,6\n',
      isCommune,
    );
    // line 4: 31840 a second time, and goods above the total
    expect(bad.problems.map((p) => p.line)).toEqual([2, 3, 4, 4]);
    expect(bad.problems[2]?.message).toContain('twice');
    expect(bad.problems[3]?.message).toContain('exceed');
  });
});
