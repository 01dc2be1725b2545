import { describe, expect, it } from 'vitest';
import {
  OPEN_DATA_FIELDS,
  type OpenDataDescriptor,
  openDataDescriptor,
  openDataRecords,
  periodOfColumn,
  publishedYears,
  TABLE_SCHEMA_TYPES,
} from '../../../shared/stats/datapackage';
import type { OpenTables } from '../../../shared/stats/open-data';

/**
 * The open-data Data Package: the descriptor follows the Frictionless rules that can be checked by
 * hand (required keys, names, paths, licences, field types from the allowed set, constraints,
 * missing values, primary key), and its fields are exactly the columns of the long table made from
 * the API's answer, every value of which conforms to its field.
 */
const NAME = /^[a-z0-9._-]+$/;
const CONSTRAINTS = new Set([
  'required',
  'unique',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'enum',
  'jsonSchema',
]);
const isUrl = (p: string) => /^https?:\/\/[^\s/$.?#].[^\s]*$/.test(p);
const isPosixPath = (p: string) => !p.startsWith('/') && !p.split('/').includes('..') && p !== '';

/** Every Frictionless rule broken by `d` (Data Package v2 / Table Schema), as text. */
// biome-ignore lint/suspicious/noExplicitAny: the checker reads any JSON
function frictionlessProblems(d: any): string[] {
  const problems: string[] = [];
  const bad = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (typeof d !== 'object' || d === null) return ['descriptor: not an object'];
  if (!Array.isArray(d.resources) || d.resources.length === 0)
    bad('package', 'resources must be a non-empty array');
  if (d.name !== undefined && !(typeof d.name === 'string' && NAME.test(d.name)))
    bad('package', `name ${d.name} is not lower-case a-z0-9._-`);
  if (d.created !== undefined && Number.isNaN(Date.parse(d.created)))
    bad('package', 'created is not a date-time');
  for (const [i, l] of (d.licenses ?? []).entries())
    if (!l.name && !l.path) bad(`licenses[${i}]`, 'needs a name or a path');
  for (const [i, s] of (d.sources ?? []).entries())
    if (typeof s.title !== 'string' || s.title === '') bad(`sources[${i}]`, 'needs a title');
  for (const [i, c] of (d.contributors ?? []).entries())
    if (!c.title && !c.path) bad(`contributors[${i}]`, 'needs a title or a path');
  const names = new Set<string>();
  for (const [i, r] of (d.resources ?? []).entries()) {
    const where = `resources[${i}]`;
    if (typeof r.name !== 'string' || !NAME.test(r.name)) bad(where, `name ${r.name} invalid`);
    if (names.has(r.name)) bad(where, `name ${r.name} repeated`);
    names.add(r.name);
    if ((r.path === undefined) === (r.data === undefined))
      bad(where, 'exactly one of path and data');
    const paths: unknown[] = Array.isArray(r.path) ? r.path : r.path === undefined ? [] : [r.path];
    for (const p of paths)
      if (typeof p !== 'string' || !(isUrl(p) || isPosixPath(p)))
        bad(where, `path ${p} is neither a URL nor a relative POSIX path`);
    if (r.schema === undefined) continue;
    const fields = r.schema.fields;
    if (!Array.isArray(fields) || fields.length === 0) {
      bad(where, 'schema.fields must be a non-empty array');
      continue;
    }
    const fieldNames = new Set<string>();
    for (const [j, f] of fields.entries()) {
      const at = `${where}.schema.fields[${j}]`;
      if (typeof f.name !== 'string' || f.name === '') bad(at, 'needs a name');
      if (fieldNames.has(f.name)) bad(at, `name ${f.name} repeated`);
      fieldNames.add(f.name);
      if (!(TABLE_SCHEMA_TYPES as readonly string[]).includes(f.type))
        bad(at, `type ${f.type} is not a table-schema type`);
      for (const [k, v] of Object.entries(f.constraints ?? {})) {
        if (!CONSTRAINTS.has(k)) bad(at, `unknown constraint ${k}`);
        if (k === 'enum' && !(Array.isArray(v) && v.length > 0)) bad(at, 'enum must be non-empty');
        if (k === 'pattern') {
          try {
            new RegExp(String(v));
          } catch {
            bad(at, `pattern ${v} does not compile`);
          }
        }
      }
    }
    const missing = r.schema.missingValues;
    if (
      missing !== undefined &&
      !(Array.isArray(missing) && missing.every((m: unknown) => typeof m === 'string'))
    )
      bad(where, 'missingValues must be strings');
    const key = r.schema.primaryKey;
    for (const k of key === undefined ? [] : Array.isArray(key) ? key : [key])
      if (!fieldNames.has(k)) bad(where, `primaryKey ${k} is not a field`);
  }
  return problems;
}

/** What `value` breaks in `field` (empty when it conforms), `c` being a missing value. */
function valueProblem(field: (typeof OPEN_DATA_FIELDS)[number], value: unknown): string | null {
  if (value === 'c') return field.type === 'integer' ? null : `${field.name}: c in a ${field.type}`;
  if (field.type === 'integer' && !Number.isSafeInteger(value))
    return `${field.name}: ${value} not an integer`;
  if (field.type === 'string' && typeof value !== 'string')
    return `${field.name}: ${value} not a string`;
  const c = field.constraints;
  if (c?.enum && !c.enum.includes(String(value))) return `${field.name}: ${value} not in enum`;
  // Table-schema patterns match the whole value.
  if (c?.pattern && !new RegExp(`^(?:${c.pattern})$`).test(String(value)))
    return `${field.name}: ${value} does not match ${c.pattern}`;
  return null;
}

const columns = [
  ...Array.from({ length: 12 }, (_, i) => `M2026-${String(i + 1).padStart(2, '0')}`),
  'Y2026',
];
const row = (code: string, net: Array<number | 'c'>, count: Array<number | 'c'>) => ({
  code,
  netSales: net,
  salesCount: count,
});
const thirteen = <T>(f: (i: number) => T) => Array.from({ length: 13 }, (_, i) => f(i));
const tables: OpenTables = {
  year: 2026,
  columns,
  byCommune: [
    row(
      '32248',
      thirteen((i) => (i === 4 || i === 12 ? 'c' : 0)),
      thirteen((i) => (i === 4 || i === 12 ? 'c' : 0)),
    ),
    row(
      '32191',
      thirteen((i) => (i === 12 ? 900_000 : i === 4 ? 900_000 : 0)),
      thirteen((i) => (i === 12 || i === 4 ? 3 : 0)),
    ),
  ],
  bySector: [
    row(
      '10',
      thirteen(() => 'c' as const),
      thirteen(() => 'c' as const),
    ),
  ],
  province: row(
    '96',
    thirteen((i) => (i === 12 || i === 4 ? 1_250_000 : -5_000)),
    thirteen((i) => (i === 12 || i === 4 ? 4 : -1)),
  ),
  thresholds: { minSellers: 3, p: 10 },
};

const descriptor = openDataDescriptor({
  origin: 'https://choso.example.vn',
  years: publishedYears(2025, 2026),
  thresholds: { minSellers: 3, p: 10 },
  created: '2026-12-02T08:00:00.000Z',
});

describe('open-data datapackage.json', () => {
  it('follows the Frictionless rules that can be checked', () => {
    expect(frictionlessProblems(descriptor)).toEqual([]);
    expect(descriptor.licenses[0]?.name).toBe('CC-BY-4.0');
    expect(descriptor.resources.map((r) => r.name)).toEqual([
      'sales-2025',
      'sales-2025-json',
      'sales-2026',
      'sales-2026-json',
    ]);
    expect(descriptor.resources[2]?.path).toBe(
      'https://choso.example.vn/api/open-data/sales?year=2026&format=csv',
    );
    expect(descriptor.resources[2]).toMatchObject({
      format: 'csv',
      mediatype: 'text/csv',
      dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
    });
    expect(descriptor.resources[3]?.path).toBe(
      'https://choso.example.vn/api/open-data/sales?year=2026',
    );
    expect(descriptor.sources.map((s) => s.path)).toContain(
      'https://choso.example.vn/du-lieu-mo/phuong-phap/',
    );
    expect(descriptor.description).toContain('not official statistics');
    expect(descriptor.description).toContain('fewer than 3 sellers');
    expect(descriptor.description).toContain('p = 10');
  });

  it('the checker is not blind: it names what a broken descriptor breaks', () => {
    const broken = structuredClone(descriptor) as unknown as {
      name: string;
      licenses: object[];
      sources: object[];
      resources: Array<Record<string, unknown> & { schema?: Record<string, unknown> }>;
    };
    broken.name = 'Chợ Số';
    broken.licenses.push({ title: 'no name' });
    broken.sources.push({ path: 'x' });
    const csv = broken.resources[0] as (typeof broken.resources)[number];
    const schema = csv.schema as { fields: Array<Record<string, unknown>>; primaryKey: string[] };
    schema.fields[0] = { ...schema.fields[0], type: 'text' };
    schema.fields[1] = { ...schema.fields[1], constraints: { maximum: 1, enum: [] } };
    schema.fields[2] = { ...schema.fields[2], constraints: { pattern: '(' } };
    schema.fields[3] = { ...schema.fields[3], name: 'breakdown' };
    schema.primaryKey = ['nope'];
    csv.data = [];
    csv.name = 'sales-2025-json';
    (broken.resources[1] as Record<string, unknown>).path = '/etc/passwd';
    expect(frictionlessProblems(broken)).toEqual([
      'package: name Chợ Số is not lower-case a-z0-9._-',
      'licenses[1]: needs a name or a path',
      'sources[2]: needs a title',
      'resources[0]: exactly one of path and data',
      'resources[0].schema.fields[0]: type text is not a table-schema type',
      'resources[0].schema.fields[1]: enum must be non-empty',
      'resources[0].schema.fields[2]: pattern ( does not compile',
      'resources[0].schema.fields[3]: name breakdown repeated',
      'resources[0]: primaryKey nope is not a field',
      'resources[1]: name sales-2025-json repeated',
      'resources[1]: path /etc/passwd is neither a URL nor a relative POSIX path',
    ]);
    expect(frictionlessProblems({ resources: [] })).toEqual([
      'package: resources must be a non-empty array',
    ]);
    expect(frictionlessProblems(null)).toEqual(['descriptor: not an object']);
  });

  it('its fields are the long table’s columns, and every value of the API’s answer conforms', () => {
    const records = openDataRecords(tables);
    const csv = descriptor.resources[0] as OpenDataDescriptor['resources'][number] & {
      schema: { fields: Array<{ name: string }>; missingValues: string[] };
    };
    for (const r of records)
      expect(Object.keys(r)).toEqual(csv.schema.fields.map((f: { name: string }) => f.name));
    expect(csv.schema.missingValues).toContain('c');
    // one record per table row × API column
    expect(records).toHaveLength((2 + 1 + 1) * columns.length);
    const problems = records.flatMap((r) =>
      OPEN_DATA_FIELDS.map((f) => valueProblem(f, r[f.name])).filter((p) => p !== null),
    );
    expect(problems).toEqual([]);
    // primary key unique
    const keys = records.map((r) => `${r.breakdown}|${r.code}|${r.period}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(records.find((r) => r.code === '32248' && r.period === '2026-05')).toEqual({
      breakdown: 'commune',
      code: '32248',
      period: '2026-05',
      period_type: 'month',
      net_sales: 'c',
      sales_count: 'c',
    });
    expect(records.find((r) => r.breakdown === 'province' && r.period === '2026')).toEqual({
      breakdown: 'province',
      code: '96',
      period: '2026',
      period_type: 'year',
      net_sales: 1_250_000,
      sales_count: 4,
    });
    // the value checker is not blind either
    const [breakdown, code, period, , net] = OPEN_DATA_FIELDS as typeof OPEN_DATA_FIELDS &
      unknown[];
    expect(valueProblem(breakdown as never, 'district')).toBe('breakdown: district not in enum');
    expect(valueProblem(code as never, '3224')).toBeNull();
    expect(valueProblem(code as never, '3224a')).toContain('does not match');
    expect(valueProblem(period as never, '2026-13')).toContain('does not match');
    expect(valueProblem(period as never, 'c')).toBe('period: c in a string');
    expect(valueProblem(net as never, 1.5)).toBe('net_sales: 1.5 not an integer');
  });

  it('turns the API columns into periods, and refuses anything else', () => {
    expect(periodOfColumn('M2026-01')).toEqual({ period: '2026-01', type: 'month' });
    expect(periodOfColumn('Y2026')).toEqual({ period: '2026', type: 'year' });
    expect(() => periodOfColumn('Q2026-1')).toThrow('Not an open-data column: Q2026-1');
    expect(() => periodOfColumn('D2026-01-01')).toThrow();
  });

  it('publishes every year from the first to the current one', () => {
    expect(publishedYears(2025, 2027)).toEqual([2025, 2026, 2027]);
    expect(publishedYears(2025, 2025)).toEqual([2025]);
    expect(publishedYears(2025, 2024)).toEqual([2025]);
  });
});
