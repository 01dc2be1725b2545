/**
 * Benchmark harness. Every figure is printed next to a baseline measured in the same run, with the
 * ratio and the goal, so a number never stands alone and machine speed cancels out.
 */
export interface Comparison {
  /** What is measured, e.g. 'encode throughput'. */
  figure: string;
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  /** true for throughput (ops/s), false for times. */
  higherIsBetter: boolean;
  /** Goal on the ratio "how much better than the baseline": value/baseline (higherIsBetter) or baseline/value. */
  goal?: { ratio: number; comparison: 'atLeast' | 'atMost' };
}

export interface BenchModule {
  description: string;
  run(args: string[]): Promise<Comparison[]>;
}

/** Ratio as "ours against the baseline" in the direction of the unit: >1 means more ops or more time. */
export function ratioOf(c: Comparison): number {
  return c.value / c.baseline;
}

export function meetsGoal(c: Comparison): boolean | undefined {
  if (!c.goal) return undefined;
  const ratio = ratioOf(c);
  return c.goal.comparison === 'atLeast' ? ratio >= c.goal.ratio : ratio <= c.goal.ratio;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(4);
}

export function formatReport(title: string, rows: Comparison[]): string {
  const lines = [`== ${title}`];
  const header = ['figure', 'value', 'baseline', 'baseline value', 'ratio', 'goal', 'ok'];
  const body = rows.map((c) => {
    const ok = meetsGoal(c);
    return [
      c.figure,
      `${fmt(c.value)} ${c.unit}`,
      c.baselineName,
      `${fmt(c.baseline)} ${c.unit}`,
      `${ratioOf(c).toFixed(2)}x`,
      c.goal ? `${c.goal.comparison === 'atLeast' ? '>=' : '<='} ${c.goal.ratio}x` : '-',
      ok === undefined ? '-' : ok ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const row = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  lines.push(row(header), row(widths.map((w) => '-'.repeat(w))), ...body.map(row));
  return lines.join('\n');
}

/** Runs fn repeatedly for at least minMs (after a warm-up) and returns operations per second. */
export function throughput(fn: () => unknown, minMs = 1000): number {
  const warmUntil = performance.now() + Math.min(200, minMs / 4);
  while (performance.now() < warmUntil) fn();
  let ops = 0;
  let batch = 16;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    batch = Math.min(batch * 2, 4096);
    elapsed = performance.now() - start;
  }
  return (ops / elapsed) * 1000;
}

/** Alternates the measurements of several functions over rounds so drift hits all alike; median per fn. */
export function interleavedThroughput(
  fns: Record<string, () => unknown>,
  rounds = 5,
  msEach = 300,
) {
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(fns).map((k) => [k, []]),
  );
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(fns)) samples[name]?.push(throughput(fn, msEach));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<
    string,
    number
  >;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Interquartile mean: the mean of the middle half of the values (the lowest and highest quarter
 * dropped). As robust to outliers as the median, and it uses half the samples instead of one or
 * two, so it moves less from run to run.
 */
export function interquartileMean(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const drop = Math.floor(sorted.length / 4);
  const middle = sorted.slice(drop, sorted.length - drop);
  return middle.reduce((sum, v) => sum + v, 0) / middle.length;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? Number.NaN;
}
