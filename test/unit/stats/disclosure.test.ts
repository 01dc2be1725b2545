import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  derivable,
  type Equation,
  type ProtectedCell,
  primarySuppressed,
  suppress,
} from '../../../shared/stats/disclosure';

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

  it('no suppressed cell of random commune × month × sector tables can be derived', () => {
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
      { numRuns: 40 },
    );
  });
});
