/**
 * How many cases a fast-check property runs: `n`, or fewer when `FC_NUM_RUNS` caps it. Only the
 * mutation config (vitest.mutation.config.ts) sets the cap, so that each of the hundreds of mutants
 * Stryker tries does not rerun thousands of cases; `npm test` always runs the full `n`. Used by
 * the property tests of test/unit/vietqr and test/unit/stats.
 */
export function runs(n: number): number {
  const cap = Number(process.env.FC_NUM_RUNS);
  return Number.isInteger(cap) && cap > 0 ? Math.min(n, cap) : n;
}
