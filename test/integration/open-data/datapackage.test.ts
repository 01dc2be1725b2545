import { describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/orders/order';
import {
  FIRST_OPEN_DATA_YEAR,
  OPEN_DATA_FIELDS,
  openDataRecords,
} from '../../../shared/stats/datapackage';
import type { OpenTables } from '../../../shared/stats/open-data';
import { call } from '../../helpers/call';

/**
 * GET /api/open-data/datapackage.json through the real handler: public, absolute resource URLs on
 * the caller's host, one CSV and one JSON resource per year up to the current one; and the fields
 * it declares are exactly the columns of the long table made from GET /api/open-data/sales.
 */
describe('open-data datapackage.json', () => {
  it('describes every published year with absolute links on the caller’s host', async () => {
    const res = await call('GET /api/open-data/datapackage.json', {
      headers: { host: 'choso.example.vn', 'x-forwarded-proto': 'https' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const current = Number(localDate(new Date()).slice(0, 4));
    const names = res.body.resources.map((r: { name: string }) => r.name);
    expect(names[0]).toBe(`sales-${FIRST_OPEN_DATA_YEAR}`);
    expect(names).toContain(`sales-${current}`);
    expect(names).toContain(`sales-${current}-json`);
    expect(names).toHaveLength((current - FIRST_OPEN_DATA_YEAR + 1) * 2);
    const csv = res.body.resources.find((r: { name: string }) => r.name === `sales-${current}`);
    expect(csv.path).toBe(
      `https://choso.example.vn/api/open-data/sales?year=${current}&format=csv`,
    );
    expect(res.body.homepage).toBe('https://choso.example.vn/du-lieu-mo/');
    expect(res.body.licenses[0].name).toBe('CC-BY-4.0');
    // the thresholds the tables use (test env: defaults)
    expect(res.body.description).toContain('fewer than 3 sellers');
    expect(res.body.description).toContain('p = 10');
  });

  it('its fields are the columns of the API’s tables, as the long table lays them out', async () => {
    const pkg = await call('GET /api/open-data/datapackage.json');
    const fields = pkg.body.resources[0].schema.fields as Array<{ name: string; type: string }>;
    expect(fields.map((f) => f.name)).toEqual(OPEN_DATA_FIELDS.map((f) => f.name));
    const res = await call('GET /api/open-data/sales', { query: { year: '2026' } });
    expect(res.status).toBe(200);
    const tables = res.body as OpenTables;
    const records = openDataRecords(tables);
    expect(records.length).toBe(
      (tables.byCommune.length + tables.bySector.length + 1) * tables.columns.length,
    );
    for (const r of records) {
      expect(Object.keys(r)).toEqual(fields.map((f) => f.name));
      for (const f of fields)
        if (f.type === 'integer') {
          const v = r[f.name as keyof typeof r];
          expect(v === 'c' || Number.isSafeInteger(v), `${f.name}=${v}`).toBe(true);
        }
    }
    expect(new Set(records.map((r) => r.period)).size).toBe(13);
    // the CSV resource the descriptor points at: its header is the fields, a row per record
    const csv = await call('GET /api/open-data/sales', { query: { year: '2026', format: 'csv' } });
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(fields.map((f) => f.name).join(','));
    expect(lines.slice(1)).toEqual(
      records.map((r) => fields.map((f) => String(r[f.name as keyof typeof r])).join(',')),
    );
  });
});
