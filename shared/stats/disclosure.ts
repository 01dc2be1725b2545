/**
 * Disclosure control of published tables. Pure.
 *
 * Primary suppression: a cell with fewer than `minSellers` distinct sellers, or failing the
 * p%-rule (total − the two largest contributions < p% of the largest), is suppressed.
 * Secondary suppression: published cells are tied by linear equations (a row of months adds up to
 * the year, communes add up to the province, sectors add up to the province — across tables and
 * periods, all in one system). A suppressed cell is *derivable* when the published values and
 * the equations determine it; while any is, one more cell of one of its equations is suppressed
 * (the smallest one). Derivability is decided exactly: a variable is determined by A·x = b iff its
 * unit vector lies in A's row space (reduced row echelon form).
 */
export interface DisclosureThresholds {
  minSellers: number;
  /** p of the p%-rule, in percent. */
  p: number;
}
export const DEFAULT_THRESHOLDS: DisclosureThresholds = { minSellers: 3, p: 10 };

export interface ProtectedCell {
  id: string;
  value: number;
  /** Each seller's contribution (≥ 0) — used here only, never published. */
  contributions: number[];
}

/** Σ of the cells `parts` equals the cell `total`. */
export interface Equation {
  total: string;
  parts: string[];
}

export function primarySuppressed(cell: ProtectedCell, t: DisclosureThresholds): boolean {
  const sellers = cell.contributions.filter((c) => c > 0).sort((a, b) => b - a);
  if (sellers.length === 0) return false; // nothing sold: a true zero reveals no one
  if (sellers.length < t.minSellers) return true;
  const total = sellers.reduce((s, c) => s + c, 0);
  const [first = 0, second = 0] = sellers;
  return (total - first - second) * 100 < t.p * first;
}

/** The suppressed cells that A·x = b over the suppressed cells determines. */
export function derivable(
  suppressed: ReadonlySet<string>,
  equations: readonly Equation[],
): string[] {
  const vars = [...suppressed].sort();
  const index = new Map(vars.map((v, i) => [v, i]));
  const rows: number[][] = [];
  for (const eq of equations) {
    const row = new Array<number>(vars.length).fill(0);
    let any = false;
    const add = (id: string, c: number) => {
      const i = index.get(id);
      if (i !== undefined) {
        row[i] = (row[i] ?? 0) + c;
        any = true;
      }
    };
    add(eq.total, -1);
    for (const p of eq.parts) add(p, 1);
    if (any) rows.push(row);
  }
  // Reduced row echelon form.
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < vars.length && r < rows.length; c++) {
    let best = -1;
    for (let i = r; i < rows.length; i++)
      if (Math.abs(rows[i]?.[c] ?? 0) > 1e-9 && best < 0) best = i;
    if (best < 0) continue;
    [rows[r], rows[best]] = [rows[best] as number[], rows[r] as number[]];
    const pr = rows[r] as number[];
    const pv = pr[c] as number;
    for (let k = 0; k < pr.length; k++) pr[k] = (pr[k] as number) / pv;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i] as number[];
      const f = row[c] as number;
      if (Math.abs(f) < 1e-12) continue;
      for (let k = 0; k < row.length; k++) row[k] = (row[k] as number) - f * (pr[k] as number);
    }
    pivots.push(c);
    r++;
  }
  const pivotSet = new Set(pivots);
  const out: string[] = [];
  pivots.forEach((c, i) => {
    const row = rows[i] as number[];
    const alone = row.every((v, k) => k === c || pivotSet.has(k) || Math.abs(v) < 1e-9);
    if (alone) out.push(vars[c] as string);
  });
  return out;
}

/**
 * Primary then secondary suppression over cells tied by `equations`. Returns the suppressed ids.
 */
export function suppress(
  cells: ReadonlyMap<string, ProtectedCell>,
  equations: readonly Equation[],
  t: DisclosureThresholds = DEFAULT_THRESHOLDS,
): Set<string> {
  const suppressed = new Set<string>();
  for (const cell of cells.values()) if (primarySuppressed(cell, t)) suppressed.add(cell.id);
  if (suppressed.size === 0) return suppressed;
  for (let guard = 0; guard < cells.size + 1; guard++) {
    const exposed = derivable(suppressed, equations);
    if (exposed.length === 0) return suppressed;
    const target = exposed[0] as string;
    // Complete a rectangle around the exposed cell: a in one of its equations, b in another, and
    // d sharing an equation with each of a and b (other than those). In a table with margins a
    // rectangle of suppressed cells can shift by ±δ around its corners, so none of them follows.
    // Among the rectangles, the one leaving the fewest cells exposed, then the least value hidden.
    const eqsOf = (id: string) => equations.filter((e) => e.total === id || e.parts.includes(id));
    const membersOf = (e: Equation) => [e.total, ...e.parts];
    const own = eqsOf(target);
    let best: { add: string[]; score: number; cost: number } | undefined;
    for (const A of own) {
      for (const B of own) {
        if (A === B) continue;
        for (const x of membersOf(A)) {
          if (x === target || !cells.has(x)) continue;
          const xEqs = eqsOf(x).filter((e) => e !== A);
          const xNeighbours = new Set(xEqs.flatMap(membersOf));
          for (const y of membersOf(B)) {
            if (y === target || !cells.has(y)) continue;
            for (const e of eqsOf(y)) {
              if (e === B) continue;
              for (const d of membersOf(e)) {
                if (d === target || d === x || d === y || !xNeighbours.has(d) || !cells.has(d))
                  continue;
                const add = [x, y, d].filter((id) => !suppressed.has(id));
                if (add.length === 0) continue;
                const cost = add.reduce((sum, id) => sum + Math.abs(cells.get(id)?.value ?? 0), 0);
                if (best && best.score === 0 && cost >= best.cost) continue;
                const score = derivable(new Set([...suppressed, ...add]), equations).length;
                if (!best || score < best.score || (score === best.score && cost < best.cost))
                  best = { add, score, cost };
              }
            }
          }
        }
      }
    }
    if (!best) throw new Error(`Cannot protect ${target}: no rectangle of cells around it`);
    for (const id of best.add) suppressed.add(id);
  }
  throw new Error('Secondary suppression did not converge');
}
