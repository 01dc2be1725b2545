// Re-runs the mutants Stryker's last run reported as survived, each in a fresh vitest process:
//   node scripts/rerun-survivors.mjs test/unit/orders [more test paths]
// Why: Stryker's vitest runner picks, per mutant, the tests that executed its code in the dry run.
// Code that runs once and is then cached (schemas built on first use with z.lazy, lookups built on
// the first call) is executed by the first test that needs it only, so the tests that would kill a
// mutant there are not run. Here each survivor is written into its file, the given tests run in a
// new process, and the file is restored (also on Ctrl-C). Reads reports/mutation/mutation.json.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const tests = process.argv.slice(2);
if (tests.length === 0) {
  console.error('usage: node scripts/rerun-survivors.mjs <test paths…>');
  process.exit(2);
}
const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));
let current;
const restore = () => current && writeFileSync(current.file, current.source);
process.on('SIGINT', () => {
  restore();
  process.exit(130);
});
let killed = 0;
const survivors = [];
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  const lines = source.split('\n');
  const offset = (line, column) =>
    lines.slice(0, line - 1).reduce((n, text) => n + text.length + 1, 0) + column - 1;
  for (const mutant of mutants.filter((m) => m.status === 'Survived')) {
    const { start, end } = mutant.location;
    const mutated =
      source.slice(0, offset(start.line, start.column)) +
      mutant.replacement +
      source.slice(offset(end.line, end.column));
    current = { file, source };
    try {
      writeFileSync(file, mutated);
      const run = spawnSync('npx', ['vitest', 'run', ...tests], { encoding: 'utf8' });
      if (run.status !== 0) killed++;
      else
        survivors.push(
          `${file}:${start.line}:${start.column} ${mutant.mutatorName} → ${mutant.replacement}`,
        );
    } finally {
      restore();
      current = undefined;
    }
  }
}
for (const s of survivors) console.log(`survived: ${s}`);
console.log(`re-run: ${killed} killed, ${survivors.length} survived`);
