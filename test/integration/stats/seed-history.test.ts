import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/streams/on-table-change';
import { type SeedHistoryResult, seedHistory } from '../../../infra/local/seed-history';
import { historySellers } from '../../../infra/local/seed-history-data';
import {
  DEMO_REFERENCE_PREFIX,
  demoInputs,
  historyWindow,
} from '../../../infra/local/seed-history-generator';
import { listInputVersions } from '../../../shared/db/inputs';
import { listLedgerMonth } from '../../../shared/db/ledger';
import { getSeller } from '../../../shared/db/sellers';
import { listCells } from '../../../shared/db/stats';
import { province } from '../../../shared/geo/communes';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { measureOf } from '../../../shared/stats/cells';
import type { Figure } from '../../../shared/stats/indicators';
import { INPUT_KINDS } from '../../../shared/stats/inputs';
import { rebuildStats } from '../../../shared/stats/rebuild';
import { officerSession, type TestCredentials } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { ledgerStreamRecords } from '../../helpers/ledger-stream';

/**
 * The local seed's year of demo history against DynamoDB Local: written once, folded into the
 * statistics cells exactly as the rebuild recomputes them (also after the real stream consumer has
 * gone over every record), with the demo inputs every indicator of the seeded periods needs.
 */
const P = `P${province.code}`;
// 10:00 in Cà Mau on 2 December 2026: the history runs from 2025-12-01 to 2026-12-01.
const now = new Date('2026-12-02T03:00:00Z');
const today = '2026-12-02';
const { months } = historyWindow(today);

let first: SeedHistoryResult | undefined;
let officer: TestCredentials;

async function ledger(): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for (const month of [...months, '2026-12']) {
    let cursor: string | undefined;
    do {
      const page = await listLedgerMonth(month, { cursor, limit: 1000 });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return out;
}

const rebuild = () => rebuildStats({ from: '2025-01', to: '2026-12', provinceCode: province.code });

async function indicators(query: Record<string, string>) {
  const res = await call('GET /api/stats/indicators', { headers: officer.headers, query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { figures: Figure[]; series: Array<{ netSales: number }> };
}

// A year of history (3 600 entries, 16 500 items) on DynamoDB Local: 2–5 min on a busy 2-core
// machine (it timed out at 5 min once in CI, with the other integration files running beside it).
beforeAll(async () => {
  officer = await officerSession();
  first = await seedHistory(now);
}, 900_000);

describe('demo history seed', () => {
  it('writes a year of ledger entries once, with its sellers, stats items and demo inputs', async () => {
    expect(first).toMatchObject({ wrote: true, today });
    const entries = await ledger();
    expect(entries.length).toBe(first?.entries);
    expect(entries.length).toBeGreaterThanOrEqual(2_500);
    expect(entries.length).toBeLessThanOrEqual(5_000);
    expect(entries.every((e) => e.reference.id.startsWith(DEMO_REFERENCE_PREFIX))).toBe(true);
    expect(first?.statsItems).toBeGreaterThan(1_000);
    for (const s of historySellers) expect((await getSeller(s.id))?.status).toBe('approved');
    // Every demo input is stored, flagged demo, with a source saying so.
    expect(first?.inputs).toBe(demoInputs(today).length);
    const stored = (
      await Promise.all(
        INPUT_KINDS.flatMap((kind) =>
          (kind === 'target' ? [0] : [2025, 2026]).map((y) => listInputVersions(kind, y)),
        ),
      )
    ).flat();
    expect(stored).toHaveLength(demoInputs(today).length);
    for (const v of stored) {
      expect(v.demo, v.key).toBe(true);
      expect(v.source.note, v.key).toMatch(/^Số liệu minh hoạ/);
    }
  });

  it('a second run (another day) writes nothing', async () => {
    const before = await ledger();
    const again = await seedHistory(new Date(now.getTime() + 86_400_000));
    expect(again).toMatchObject({ wrote: false, today, entries: 0, inputs: 0 });
    expect((await ledger()).length).toBe(before.length);
  });

  it('the cells show several communes, sectors, channels and methods', async () => {
    const year = await listCells('Y2026');
    const communes = new Set(year.filter((c) => c.id.area !== P).map((c) => c.id.area));
    const sectors = new Set(year.filter((c) => c.id.sector !== '*').map((c) => c.id.sector));
    expect(communes.size).toBeGreaterThanOrEqual(8);
    expect(sectors.size).toBeGreaterThanOrEqual(6);
    const all = year.find((c) => c.id.area === P && c.id.sector === '*')?.measures;
    for (const channel of ['online', 'offline'] as const)
      for (const method of ['vietqr', 'cash'] as const)
        expect(
          measureOf(all, 'saleCount', { channel, method }),
          `${channel} ${method}`,
        ).toBeGreaterThan(50);
    expect(measureOf(all, 'cancelCount')).toBeGreaterThan(10);
    expect(measureOf(all, 'netGoods')).toBeGreaterThan(0);
    expect(measureOf(all, 'netServices')).toBeGreaterThan(0);
  });

  it('every statistics item equals its recomputation from the ledger (stats:rebuild)', {
    timeout: 600_000,
  }, async () => {
    const report = await rebuild();
    expect(report.entries).toBe(first?.entries);
    expect(report.differences).toEqual([]);
  });

  it('each of the twelve months has indicators, every figure a number (GRDP share: years only)', async () => {
    for (const month of months) {
      const { figures, series } = await indicators({ period: `M${month}`, area: P, sector: '*' });
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) {
        if (f.id === 'digitalEconomyShare') {
          expect(f.missing.map((m) => m.message)).toEqual([expect.stringMatching(/annual/)]);
          continue;
        }
        expect(f.missing, `${month} ${f.id}`).toEqual([]);
        expect(typeof f.value, `${month} ${f.id}`).toBe('number');
      }
      const net = figures.find((f) => f.id === 'netSales')?.value ?? 0;
      expect(net).toBeGreaterThan(0);
      expect(series.some((p) => p.netSales > 0)).toBe(true);
      for (const f of figures)
        for (const i of f.inputs) expect(i.demo, `${f.id} ${i.key}`).toBe(true);
    }
  });

  it('the year has every figure for the province, and all but the GRDP share for a commune', async () => {
    for (const area of [P, 'C32248']) {
      const { figures } = await indicators({ period: 'Y2026', area, sector: '*' });
      for (const f of figures) {
        // GRDP is compiled for the province only: a commune has none to divide by.
        if (area !== P && f.id === 'digitalEconomyShare') {
          expect(f.missing.map((m) => m.kind)).toEqual(['grdp']);
          continue;
        }
        expect(f.missing, `${area} ${f.id}`).toEqual([]);
        expect(typeof f.value, `${area} ${f.id}`).toBe('number');
      }
    }
  });

  it("the real stream consumer, given the seeded entries' stream records, adds nothing", {
    timeout: 600_000,
  }, async () => {
    // Three batches of 100 real ledger records (first, middle, last) through the real handler:
    // every item they touch already holds them (watermarks), so nothing changes.
    const records = await ledgerStreamRecords();
    expect(records.length).toBe(first?.entries);
    const batches = [0, Math.floor(records.length / 200) * 100, records.length - 100].map((i) =>
      records.slice(i, i + 100),
    );
    for (const Records of batches)
      expect(await handler({ Records } as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    const report = await rebuild();
    expect(report.differences).toEqual([]);
  });
});
