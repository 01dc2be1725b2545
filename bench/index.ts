import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchModule, formatReport, meetsGoal } from './harness';

// `npm run bench -- <name> [args]` runs bench/<name>.bench.ts; with no name, lists them.
const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
const mod = (await import(join(here, `${name}.bench.ts`))) as { default: BenchModule };
console.log(`${name}: ${mod.default.description}`);
const rows = await mod.default.run(args);
console.log(formatReport(name, rows));
const missed = rows.filter((r) => meetsGoal(r) === false);
if (missed.length) console.log(`\n${missed.length} figure(s) missed their goal.`);
