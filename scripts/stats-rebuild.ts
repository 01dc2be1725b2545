/**
 * `npm run stats:rebuild [-- --from YYYY-MM] [--to YYYY-MM] [--write]`: recomputes every statistics
 * cell and per-seller sum of the months from the ledger (paged Queries, no Scan), prints each
 * difference with what is stored, and exits 1 when there is any. `--write` replaces the differing
 * items with the recomputed ones (stop the stream consumer first). Uses TABLE_NAME and
 * DYNAMODB_ENDPOINT like the handlers (the local host's values: see README).
 */
import { parseArgs } from 'node:util';
import { province } from '../shared/geo/communes';
import { localDateOf } from '../shared/ledger/entry';
import { rebuildStats } from '../shared/stats/rebuild';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '2025-01' },
    to: { type: 'string', default: localDateOf(new Date()).slice(0, 7) },
    write: { type: 'boolean', default: false },
  },
});
for (const v of [values.from, values.to]) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) {
    console.error(`Not a month (YYYY-MM): ${v}`);
    process.exit(2);
  }
}
const report = await rebuildStats({
  from: values.from,
  to: values.to,
  provinceCode: province.code,
  write: values.write,
});
for (const d of report.differences.slice(0, 200)) {
  console.log(`${d.item}  ${d.measure}: stored ${d.stored}, ledger says ${d.recomputed}`);
}
if (report.differences.length > 200) console.log(`… and ${report.differences.length - 200} more`);
console.log(
  `${report.months.length} months, ${report.entries} ledger entries, ${report.items} items recomputed, ${report.differences.length} differences${values.write ? `, ${report.written} items rewritten` : ''}`,
);
process.exit(report.differences.length > 0 && !values.write ? 1 : 0);
