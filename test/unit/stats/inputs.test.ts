import { describe, expect, it } from 'vitest';
import {
  InputBody,
  identityOf,
  inputProblem,
  parseTmblCsv,
  Source,
} from '../../../shared/stats/inputs';

/** Officer inputs without the database: identities, the checks zod cannot make, the TMBL CSV. */
const doc = { type: 'document' as const, reference: 'QĐ 12/2033' };
const parse = (body: unknown) => InputBody.safeParse(body).success;

describe('identityOf', () => {
  it('gives each kind its year partition and key', () => {
    expect(
      identityOf({
        kind: 'tmbl',
        period: 'Q2033-2',
        area: 'C31825',
        value: { total: 10, goods: 5 },
      }),
    ).toEqual({ kind: 'tmbl', year: 2033, key: 'Q2033-2|C31825' });
    expect(
      identityOf({ kind: 'grdp', year: 2032, area: 'P96', value: { currentPrices: 1 } }),
    ).toEqual({ kind: 'grdp', year: 2032, key: '2032|P96' });
    expect(
      identityOf({
        kind: 'enterprises',
        year: 2031,
        area: 'C31840',
        value: { enterprises: 1, cooperatives: 1, householdBusinesses: 1 },
      }),
    ).toEqual({ kind: 'enterprises', year: 2031, key: '2031|C31840' });
    expect(
      identityOf({
        kind: 'sectorRatio',
        year: 2030,
        sector: '47',
        value: { outputRatio: 0.1, valueAddedRatio: 0.2 },
      }),
    ).toEqual({ kind: 'sectorRatio', year: 2030, key: '2030|47' });
    expect(identityOf({ kind: 'operatorValueAdded', year: 2029, value: { amount: 5 } })).toEqual({
      kind: 'operatorValueAdded',
      year: 2029,
      key: '2029',
    });
    expect(
      identityOf({ kind: 'target', indicator: 'smeAdoption', value: { percent: 80, year: 2030 } }),
    ).toEqual({ kind: 'target', year: 0, key: 'smeAdoption' });
  });
});

describe('inputProblem', () => {
  it('goods above the total retail sales', () => {
    const tmbl = (total: number, goods: number) =>
      inputProblem({ kind: 'tmbl', period: 'M2033-01', area: 'P96', value: { total, goods } });
    expect(tmbl(10, 11)).toBe('Retail sales of goods cannot exceed total retail sales');
    expect(tmbl(10, 10)).toBeUndefined();
    expect(tmbl(10, 9)).toBeUndefined();
  });

  it('a value-added ratio above 1', () => {
    const ratio = (valueAddedRatio: number) =>
      inputProblem({
        kind: 'sectorRatio',
        year: 2033,
        sector: '47',
        value: { outputRatio: 0.5, valueAddedRatio },
      });
    expect(ratio(1.01)).toBe('The value-added ratio is at most 1');
    expect(ratio(1)).toBeUndefined();
    // other kinds are never checked here
    expect(
      inputProblem({ kind: 'grdp', year: 2033, area: 'P96', value: { currentPrices: 0 } }),
    ).toBeUndefined();
  });
});

describe('InputBody', () => {
  it('accepts each kind at its bounds', () => {
    expect(
      parse({ kind: 'tmbl', period: 'M2033-12', area: 'P96', value: { total: 0, goods: 0 } }),
    ).toBe(true);
    expect(
      parse({
        kind: 'tmbl',
        period: 'Y2033',
        area: 'C31825',
        value: { total: Number.MAX_SAFE_INTEGER, goods: 1 },
      }),
    ).toBe(true);
    expect(
      parse({
        kind: 'enterprises',
        year: 2000,
        area: 'P96',
        value: { enterprises: 100_000_000, cooperatives: 0, householdBusinesses: 0 },
      }),
    ).toBe(true);
    expect(
      parse({
        kind: 'sectorRatio',
        year: 2100,
        sector: '01',
        value: { outputRatio: 1, valueAddedRatio: 0 },
      }),
    ).toBe(true);
    expect(
      parse({ kind: 'target', indicator: 'cashlessShare', value: { percent: 100, year: 2030 } }),
    ).toBe(true);
  });

  it('refuses what is out of range or malformed', () => {
    const tmbl = (over: Record<string, unknown>) =>
      parse({
        kind: 'tmbl',
        period: 'M2033-01',
        area: 'P96',
        value: { total: 1, goods: 1 },
        ...over,
      });
    expect(tmbl({})).toBe(true);
    for (const period of [
      'M2033-13',
      'M2033-00',
      'Q2033-5',
      'D2033-01-01',
      'Y33',
      'xM2033-01',
      'M2033-01x',
      'Y2033-01',
    ])
      expect(tmbl({ period }), period).toBe(false);
    for (const area of ['P9', 'C3182', 'X96', 'P96x', 'c31825', 'xP96', 'C31825 '])
      expect(tmbl({ area }), area).toBe(false);
    for (const value of [
      { total: -1, goods: 0 },
      { total: 1.5, goods: 0 },
      { total: Number.MAX_SAFE_INTEGER + 1, goods: 0 },
      { total: 1, goods: 1, extra: 1 },
    ])
      expect(tmbl({ value }), JSON.stringify(value)).toBe(false);
    expect(tmbl({ extra: 1 })).toBe(false);
    const year = (y: number) =>
      parse({ kind: 'grdp', year: y, area: 'P96', value: { currentPrices: 1 } });
    expect([year(1999), year(2000), year(2100), year(2101), year(2033.5)]).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    const count = (enterprises: number) =>
      parse({
        kind: 'enterprises',
        year: 2033,
        area: 'P96',
        value: { enterprises, cooperatives: 0, householdBusinesses: 0 },
      });
    expect([count(-1), count(100_000_001), count(0.5)]).toEqual([false, false, false]);
    const ratio = (outputRatio: number, sector = '47') =>
      parse({
        kind: 'sectorRatio',
        year: 2033,
        sector,
        value: { outputRatio, valueAddedRatio: 0.5 },
      });
    expect([ratio(-0.01), ratio(1.01), ratio(0.5, '4'), ratio(0.5, '471')]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    const target = (percent: number, indicator = 'smeAdoption') =>
      parse({ kind: 'target', indicator, value: { percent, year: 2030 } });
    expect([target(-1), target(101), target(50, 'netSales')]).toEqual([false, false, false]);
    expect(parse({ kind: 'other', year: 2033, value: {} })).toBe(false);
  });

  it('sources: a type, a trimmed reference of 1–300 characters, a note up to 500', () => {
    expect(Source.parse({ type: 'url', reference: '  https://x.vn  ' })).toEqual({
      type: 'url',
      reference: 'https://x.vn',
    });
    expect(Source.safeParse({ type: 'estimate' }).success).toBe(true);
    expect(Source.safeParse({ type: 'document', reference: '   ' }).success).toBe(false);
    expect(Source.safeParse({ type: 'document', reference: 'x'.repeat(300) }).success).toBe(true);
    expect(Source.safeParse({ type: 'document', reference: 'x'.repeat(301) }).success).toBe(false);
    expect(Source.safeParse({ type: 'estimate', note: 'n'.repeat(500) }).success).toBe(true);
    expect(Source.safeParse({ type: 'estimate', note: 'n'.repeat(501) }).success).toBe(false);
    expect(Source.parse({ type: 'estimate', note: ' guess ' }).note).toBe('guess');
    expect(Source.safeParse({ type: 'rumour' }).success).toBe(false);
    expect(Source.safeParse({ ...doc, by: 'x' }).success).toBe(false);
  });
});

describe('parseTmblCsv', () => {
  const isCommune = (c: string) => ['31825', '31840', '31843'].includes(c);

  it('reads a file with a BOM, CRLF, spaces, an uppercase header and blank lines', () => {
    const text = '\uFEFF Commune_Code , TOTAL,goods\r\n31825, 10 ,5\r\n\r\n  \n31840,7,7\n';
    expect(parseTmblCsv(text, isCommune)).toEqual({
      rows: [
        { line: 2, communeCode: '31825', total: 10, goods: 5 },
        { line: 5, communeCode: '31840', total: 7, goods: 7 },
      ],
      problems: [],
    });
  });

  it('refuses a wrong header, and a file without rows', () => {
    expect(parseTmblCsv('commune,total,goods\n31825,1,1', isCommune)).toEqual({
      rows: [],
      problems: [{ line: 1, message: 'The header must be commune_code,total,goods' }],
    });
    expect(parseTmblCsv('', isCommune).problems[0]?.line).toBe(1);
    expect(parseTmblCsv('commune_code,total,goods\n\n', isCommune)).toEqual({
      rows: [],
      problems: [{ line: 2, message: 'The file has no rows' }],
    });
  });

  it('names every bad line with its reason', () => {
    const text = [
      'commune_code,total,goods',
      '31825,1', // 2: columns (not counted as seen)
      '31825,1,1,1', // 3: columns
      '99999,5,1', // 4: unknown commune
      '31840,5,1', // 5: fine
      '31840,6,1', // 6: twice
      '31843,1.5,1', // 7: not whole
      '31825,1,x', // 8: not a number
      '31825,1234567890123456,0', // 9: 16 digits (and 31825 already seen)
      '31843,-1,0', // 10: negative (31843 already seen)
    ].join('\n');
    const { rows, problems } = parseTmblCsv(text, isCommune);
    expect(problems).toEqual([
      { line: 2, message: 'Expected 3 columns' },
      { line: 3, message: 'Expected 3 columns' },
      { line: 4, message: 'Unknown commune code 99999' },
      { line: 6, message: 'Commune 31840 appears twice' },
      { line: 7, message: 'Amounts are whole VND without separators' },
      { line: 8, message: 'Amounts are whole VND without separators' },
      { line: 9, message: 'Commune 31825 appears twice' },
      { line: 9, message: 'Amounts are whole VND without separators' },
      { line: 10, message: 'Commune 31843 appears twice' },
      { line: 10, message: 'Amounts are whole VND without separators' },
    ]);
    // the lines whose amounts are readable are still returned (the caller refuses the file)
    expect(rows).toEqual([
      { line: 4, communeCode: '99999', total: 5, goods: 1 },
      { line: 5, communeCode: '31840', total: 5, goods: 1 },
      { line: 6, communeCode: '31840', total: 6, goods: 1 },
    ]);
  });

  it('15 digits are accepted; goods equal to the total are fine, above are not', () => {
    const ok = parseTmblCsv(
      'commune_code,total,goods\n31825,999999999999999,999999999999999',
      isCommune,
    );
    expect(ok.problems).toEqual([]);
    expect(ok.rows[0]?.total).toBe(999_999_999_999_999);
    expect(parseTmblCsv('commune_code,total,goods\n31825,5,6', isCommune).problems).toEqual([
      { line: 2, message: 'Goods exceed the total' },
    ]);
  });
});
