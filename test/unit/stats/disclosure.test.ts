import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  derivable,
  type Equation,
  type ProtectedCell,
  primarySuppressed,
  suppress,
} from '../../../shared/stats/disclosure';
import { runs } from '../vietqr/runs';

/**
 * Disclosure control: the primary rules at their edges, and an attacker that tries to derive every
 * suppressed cell of random tables (communes × 12 months + year, with province totals, and a
 * sector table sharing the province row) from what is published: single-unknown equations and
 * sums and differences of equation pairs, repeated until nothing new falls out. It must fail.
 */
const t = { minSellers: 3, p: 10 };
const cell = (id: string, contributions: number[]): ProtectedCell => ({
  id,
  value: contributions.reduce((s, c) => s + c, 0),
  contributions,
});

describe('primary suppression', () => {
  it('fewer than 3 sellers, or total − two largest < 10% of the largest', () => {
    expect(primarySuppressed(cell('a', []), t)).toBe(false);
    expect(primarySuppressed(cell('a', [5]), t)).toBe(true);
    expect(primarySuppressed(cell('a', [5, 5]), t)).toBe(true);
    expect(primarySuppressed(cell('a', [5, 5, 0]), t)).toBe(true);
    // 100, 50, 10: remainder 10 = 10% of 100 → not below: published
    expect(primarySuppressed(cell('a', [100, 50, 10]), t)).toBe(false);
    // 100, 50, 9: remainder 9 < 10 → suppressed
    expect(primarySuppressed(cell('a', [50, 100, 9]), t)).toBe(true);
    expect(primarySuppressed(cell('a', [100, 50, 9]), { minSellers: 3, p: 5 })).toBe(false);
    expect(primarySuppressed(cell('a', [10, 10, 10]), { minSellers: 4, p: 10 })).toBe(true);
  });
});

/** What an attacker learns: values of suppressed cells that follow from published ones. */
function attack(
  published: Map<string, number>,
  suppressed: Set<string>,
  equations: Equation[],
): Map<string, number> {
  const known = new Map(published);
  const learned = new Map<string, number>();
  // Each equation as coefficients: Σ parts − total = 0.
  const eqs = equations.map((e) => {
    const m = new Map<string, number>();
    m.set(e.total, (m.get(e.total) ?? 0) - 1);
    for (const p of e.parts) m.set(p, (m.get(p) ?? 0) + 1);
    return m;
  });
  const combos = [...eqs];
  for (let i = 0; i < eqs.length; i++)
    for (let j = i + 1; j < eqs.length; j++)
      for (const sign of [1, -1]) {
        const m = new Map(eqs[i]);
        for (const [k, v] of eqs[j] as Map<string, number>) m.set(k, (m.get(k) ?? 0) + sign * v);
        combos.push(m);
      }
  let progress = true;
  while (progress) {
    progress = false;
    for (const m of combos) {
      const unknown = [...m].filter(([k, v]) => v !== 0 && !known.has(k));
      if (unknown.length !== 1) continue;
      const [id, coef] = unknown[0] as [string, number];
      let rest = 0;
      for (const [k, v] of m) if (k !== id && v !== 0) rest += v * (known.get(k) as number);
      const value = -rest / coef;
      known.set(id, value);
      if (suppressed.has(id)) learned.set(id, value);
      progress = true;
    }
  }
  return learned;
}

function table(communes: number[][][], sectorOf: number[]) {
  // communes[c][m] = contributions of the sellers of commune c in month m (12 months)
  const cells = new Map<string, ProtectedCell>();
  const equations: Equation[] = [];
  const add = (id: string, contributions: number[]) => cells.set(id, cell(id, contributions));
  const nSectors = Math.max(...sectorOf) + 1;
  for (let m = 0; m <= 12; m++) {
    const month = (c: number) => (m < 12 ? (communes[c]?.[m] ?? []) : (communes[c] ?? []).flat());
    const all: number[] = [];
    const bySector: number[][] = Array.from({ length: nSectors }, () => []);
    communes.forEach((_, c) => {
      add(`c${c}|${m}`, month(c));
      all.push(...month(c));
      bySector[sectorOf[c] as number]?.push(...month(c));
    });
    for (const [i, s] of bySector.entries()) add(`s${i}|${m}`, s);
    add(`p|${m}`, all);
    equations.push({ total: `p|${m}`, parts: communes.map((_, c) => `c${c}|${m}`) });
    equations.push({ total: `p|${m}`, parts: bySector.map((_, i) => `s${i}|${m}`) });
  }
  for (const row of [
    ...communes.map((_, c) => `c${c}`),
    ...Array.from({ length: nSectors }, (_, i) => `s${i}`),
    'p',
  ])
    equations.push({
      total: `${row}|12`,
      parts: Array.from({ length: 12 }, (_, m) => `${row}|${m}`),
    });
  return { cells, equations };
}

describe('secondary suppression', () => {
  it('finds a bridge between two protected rectangles (exact algebra)', () => {
    // x1+x2=a, x3+x4=b, x1+x3=c, x2+x4=d form a rectangle (not derivable); a bridge tied to a
    // closed set of equations is.
    const rect: Equation[] = [
      { total: 'r1', parts: ['x1', 'x2'] },
      { total: 'r2', parts: ['x3', 'x4'] },
      { total: 'k1', parts: ['x1', 'x3'] },
      { total: 'k2', parts: ['x2', 'x4'] },
    ];
    expect(derivable(new Set(['x1', 'x2', 'x3', 'x4']), rect)).toEqual([]);
    expect(derivable(new Set(['x1', 'x2', 'x3']), rect).sort()).toEqual(['x1', 'x2', 'x3']);
    const bridged: Equation[] = [
      { total: 'a', parts: ['x1', 'b1'] },
      { total: 'b', parts: ['x2', 'b1'] },
    ];
    expect(
      derivable(new Set(['x1', 'x2', 'b1']), [...bridged, { total: 'z', parts: ['x1', 'x2'] }])
        .length,
    ).toBe(3);
  });

  // 40 random tables, each suppressed and attacked: seconds of work, more on a loaded machine.
  it('no suppressed cell of random commune × month × sector tables can be derived', {
    timeout: 60_000,
  }, () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 4 }), {
            minLength: 12,
            maxLength: 12,
          }),
          { minLength: 2, maxLength: 6 },
        ),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
        (communes, sectors) => {
          const { cells, equations } = table(communes, sectors.slice(0, communes.length));
          const suppressed = suppress(cells, equations, t);
          for (const c of cells.values())
            if (primarySuppressed(c, t)) expect(suppressed.has(c.id)).toBe(true);
          const published = new Map(
            [...cells.values()].filter((c) => !suppressed.has(c.id)).map((c) => [c.id, c.value]),
          );
          const learned = attack(published, suppressed, equations);
          expect([...learned.keys()]).toEqual([]);
          expect(derivable(suppressed, equations)).toEqual([]);
        },
      ),
      { numRuns: runs(40) },
    );
  });
});

describe('fixed examples', () => {
  it('contributions of 0 or less are not sellers', () => {
    // three sellers of 5: remainder 5 × 100 ≥ 10 × 5 → published
    expect(primarySuppressed(cell('a', [5, 0, 5, -3, 5]), t)).toBe(false);
    expect(primarySuppressed(cell('a', [0, 0]), t)).toBe(false);
    expect(primarySuppressed(cell('a', [0, 7]), { minSellers: 1, p: 0 })).toBe(false);
    // one seller at minSellers 1: total − first − 0 = 0 < p × first
    expect(primarySuppressed(cell('a', [7]), { minSellers: 1, p: 10 })).toBe(true);
  });

  it('derivable: one unknown per equation, coefficients that cancel or add up', () => {
    const S = (...ids: string[]) => new Set(ids);
    expect(derivable(S('x'), [{ total: 't', parts: ['x', 'a'] }])).toEqual(['x']);
    expect(derivable(S('x', 'y'), [{ total: 't', parts: ['x', 'y'] }])).toEqual([]);
    // x − x cancels: only y is fixed by t = x + y with t = x
    expect(derivable(S('x', 'y'), [{ total: 'x', parts: ['x', 'y'] }])).toEqual(['y']);
    // x counted twice: 2x = t − a
    expect(derivable(S('x'), [{ total: 't', parts: ['x', 'x', 'a'] }])).toEqual(['x']);
    // equations without a suppressed cell add nothing
    expect(derivable(S('x', 'y'), [{ total: 't', parts: ['a', 'b'] }])).toEqual([]);
    expect(derivable(S(), [{ total: 't', parts: ['x'] }])).toEqual([]);
    // two equations in two unknowns: both fixed, in sorted order
    expect(
      derivable(S('y', 'x'), [
        { total: 't', parts: ['x', 'y'] },
        { total: 'u', parts: ['x', 'a'] },
      ]),
    ).toEqual(['x', 'y']);
    // x = y + z and y = z + w: w and z free, nothing fixed
    expect(
      derivable(S('x', 'y', 'z', 'w'), [
        { total: 'x', parts: ['y', 'z'] },
        { total: 'y', parts: ['z', 'w'] },
      ]),
    ).toEqual([]);
    // a difference of equations: x − y known from two sums, plus x + y known → both
    expect(
      derivable(S('x', 'y', 'z'), [
        { total: 't', parts: ['x', 'z'] },
        { total: 'u', parts: ['y', 'z'] },
        { total: 'v', parts: ['x', 'y'] },
      ]).sort(),
    ).toEqual(['x', 'y', 'z']);
  });

  /** A 3 × 3 table with row and column margins (the margins are published, not protectable). */
  function grid(values: Record<string, number[]>) {
    const cells = new Map<string, ProtectedCell>();
    for (const [id, contributions] of Object.entries(values))
      cells.set(id, cell(id, contributions));
    const equations: Equation[] = [];
    for (const i of [1, 2, 3]) {
      equations.push({ total: `r${i}`, parts: [1, 2, 3].map((j) => `x${i}${j}`) });
      equations.push({ total: `k${i}`, parts: [1, 2, 3].map((j) => `x${j}${i}`) });
    }
    return { cells, equations };
  }
  const three = (v: number) => [v, v, v];

  it('suppresses nothing more when no cell is sensitive', () => {
    const { cells, equations } = grid({
      x11: three(1),
      x12: three(2),
      x21: three(3),
      x22: three(4),
    });
    expect([...suppress(cells, equations, t)]).toEqual([]);
  });

  it('completes the cheapest rectangle around a sensitive cell', () => {
    const { cells, equations } = grid({
      x11: [100],
      x12: three(10),
      x13: three(50),
      x21: three(20),
      x22: three(5),
      x23: three(70),
      x31: three(60),
      x32: three(80),
      x33: three(90),
    });
    // rectangles: x12 x21 x22 costs 30 + 60 + 15 = 105; x12 x31 x32 costs 30 + 180 + 240; …
    expect([...suppress(cells, equations, t)].sort()).toEqual(['x11', 'x12', 'x21', 'x22']);
    // the same with x12 dear: x13 x21 x23 (150 + 60 + 210 = 420) beats x12 x21 x22 (3000 + 60 + 15)
    cells.set('x12', cell('x12', three(1000)));
    expect([...suppress(cells, equations, t)].sort()).toEqual(['x11', 'x13', 'x21', 'x23']);
  });

  it('counts already suppressed corners as free', () => {
    const { cells, equations } = grid({
      x11: [100],
      x12: three(10),
      x13: three(1),
      x21: three(20),
      x22: [7, 1],
      x23: three(1),
      x31: three(1),
      x32: three(1),
      x33: three(1),
    });
    // x22 is sensitive too: the rectangle x11 x12 x21 x22 needs only x12 and x21 more (90 + 60),
    // cheaper than any other way to hide both
    expect([...suppress(cells, equations, t)].sort()).toEqual(['x11', 'x12', 'x21', 'x22']);
  });

  it('refuses a cell it cannot hide: one equation, no rectangle', () => {
    const cells = new Map([
      ['a', cell('a', [100])],
      ['b', cell('b', three(5))],
    ]);
    expect(() => suppress(cells, [{ total: 't', parts: ['a', 'b'] }], t)).toThrow(
      'Cannot protect a: no rectangle of cells around it',
    );
  });

  it('uses the default thresholds: 3 sellers, p = 10', () => {
    const cells = new Map([['a', cell('a', [5, 5])]]);
    expect([...suppress(cells, [])]).toEqual(['a']);
    const ok = new Map([['a', cell('a', [100, 50, 10])]]);
    expect([...suppress(ok, [])]).toEqual([]);
  });
});
