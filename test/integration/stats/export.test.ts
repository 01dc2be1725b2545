import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as onTableChange } from '../../../functions/streams/on-table-change';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { parseCsv } from '../../../shared/catalog/import/csv';
import { db } from '../../../shared/db/client';
import { putInputVersions } from '../../../shared/db/inputs';
import { ledgerPut } from '../../../shared/db/ledger';
import { type LedgerCause, ledgerEntry } from '../../../shared/ledger/entry';
import type { Row, TableData } from '../../../shared/stats/export';
import type { InputVersion } from '../../../shared/stats/inputs';
import type { OpenTables } from '../../../shared/stats/open-data';
import { apiEvent, type EventOverrides } from '../../helpers/api-event';
import { officerSession, sellerSession, type TestCredentials } from '../../helpers/auth';
import { call, handlerOf, routeOf } from '../../helpers/call';

/**
 * Officer exports (GET /api/stats/export) from a small folded ledger in 2041, in the three formats:
 * the CSV starts with a BOM and parses back to the JSON's numbers, the XLSX reads back (exceljs)
 * with its sheets, number formats and values; officers only; bad parameters are 400. Then the
 * public open-data CSV and the configurable disclosure thresholds (STATS_MIN_SELLERS,
 * STATS_P_PERCENT), through the handler with a changed environment.
 *
 * 2041, province 96:
 *   ex-a (31825, 4781): March online VietQR goods 1 200 000; March online cash goods 300 000.
 *   ex-b (31840, 5510): March counter cash services 500 000.
 *   ex-c (31840, 1020): April online VietQR goods 700 000.
 *   net 2 700 000, online 2 200 000, cashless 1 900 000 (70.370370… %).
 */
let seq = 70_000;
let n = 0;

async function fold(entries: Array<Partial<LedgerCause> & { month: number; year: number }>) {
  const { doc } = db();
  const records = [];
  for (const { month, year, ...over } of entries) {
    const at = new Date(`${year}-${String(month).padStart(2, '0')}-10T05:00:00Z`);
    const entry = ledgerEntry({
      kind: 'sale',
      goodsAmount: 0,
      servicesAmount: 0,
      deliveryFee: 0,
      channel: 'online',
      method: 'vietqr',
      sellerId: 'ex-a',
      seller: { communeCode: '31825', sectorCode: '4781', classification: 'VSIC2025' },
      occurredAt: at,
      reference: { type: 'order', id: `EXP${++n}` },
      recordedAt: at,
      ...over,
    });
    const put = ledgerPut(entry);
    await doc.send(new TransactWriteCommand({ TransactItems: [put] }));
    records.push({
      eventID: `exp-${entry.id}`,
      eventName: 'INSERT' as const,
      // biome-ignore lint/suspicious/noExplicitAny: Lambda's AttributeValue type vs the SDK's
      dynamodb: { SequenceNumber: String(++seq), NewImage: marshall(put.Put.Item) as any },
    });
  }
  expect(await onTableChange({ Records: records } as DynamoDBStreamEvent)).toEqual({
    batchItemFailures: [],
  });
}

async function enter(
  kind: InputVersion['kind'],
  key: string,
  value: Record<string, number>,
  source: InputVersion['source'],
) {
  await putInputVersions([
    {
      input: {
        kind,
        year: 2041,
        key,
        value,
        source,
        enteredBy: 'ac-test',
        enteredAt: '2041-05-01T00:00:00.000Z',
      },
      expectedVersion: 0,
    },
  ]);
}

let officer: TestCredentials;
const exportOf = async (query: Record<string, string>, headers = officer.headers) => {
  const route = routeOf('GET /api/stats/export');
  const handler = await handlerOf(route);
  const result = await handler(apiEvent('stats/export', { headers, query }), lambdaContext('t'));
  return result as typeof result & { isBase64Encoded?: boolean };
};
const Y = { period: 'Y2041', area: 'P96', sector: '*' };
const jsonTables = async (table: string, filters = Y) => {
  const res = await call('GET /api/stats/export', {
    headers: officer.headers,
    query: { table, format: 'json', ...filters },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.tables as TableData[];
};
const rowOf = (t: TableData, key: string, value: string) =>
  t.rows.find((r) => r[key] === value) as Row;

beforeAll(async () => {
  officer = await officerSession();
  const B = { communeCode: '31840', sectorCode: '5510', classification: 'VSIC2025' };
  const C = { communeCode: '31840', sectorCode: '1020', classification: 'VSIC2025' };
  await fold([
    { year: 2041, month: 3, goodsAmount: 1_200_000 },
    { year: 2041, month: 3, goodsAmount: 300_000, method: 'cash' },
    {
      year: 2041,
      month: 3,
      servicesAmount: 500_000,
      channel: 'offline',
      method: 'cash',
      sellerId: 'ex-b',
      seller: B,
    },
    { year: 2041, month: 4, goodsAmount: 700_000, sellerId: 'ex-c', seller: C },
  ]);
  const doc = { type: 'document' as const, reference: 'Cục Thống kê Cà Mau, báo cáo 12/2041' };
  await enter('tmbl', 'Y2041|P96', { total: 220_000_000, goods: 200_000_000 }, doc);
  await enter('tmbl', 'M2041-03|P96', { total: 100_000_000, goods: 80_000_000 }, doc);
  // A note that a spreadsheet would run as a formula: the CSV must neutralise it.
  await enter(
    'enterprises',
    '2041|P96',
    { enterprises: 8, cooperatives: 2, householdBusinesses: 40 },
    {
      type: 'estimate',
      note: '=HYPERLINK("http://evil.example","x")',
    },
  );
}, 180_000);

describe('officer exports', { timeout: 120_000 }, () => {
  it('JSON: the tables computed by hand', async () => {
    const [ind, series, communes, sectors, inputs] = await jsonTables('all');
    expect([ind, series, communes, sectors, inputs].map((t) => t?.id)).toEqual([
      'indicators',
      'monthly-series',
      'sales-by-commune',
      'sales-by-sector',
      'inputs',
    ]);
    const i = ind as TableData;
    expect(rowOf(i, 'id', 'netSales').value).toBe(2_700_000);
    expect(rowOf(i, 'id', 'onlineNetSales').value).toBe(2_200_000);
    // 2 200 000 ÷ 220 000 000 × 100 = 1 %
    expect(rowOf(i, 'id', 'ecommerceShare')).toMatchObject({ value: 1, target: 20, progress: 5 });
    // 1 900 000 ÷ 2 700 000 × 100 = 70.370370… → 70.3704
    expect(rowOf(i, 'id', 'cashlessShareValue').value).toBe(70.3704);
    // 3 active sellers ÷ (8 + 2) × 100
    expect(rowOf(i, 'id', 'smeAdoption').value).toBe(30);
    expect(rowOf(i, 'id', 'digitalEconomyShare').value).toBeNull();
    expect(rowOf(i, 'id', 'digitalEconomyShare').missing).toMatch(/GRDP/);
    const s = series as TableData;
    expect(rowOf(s, 'period', 'M2041-03')).toEqual({
      period: 'M2041-03',
      netSales: 2_000_000,
      onlineNetSales: 1_500_000,
      orders: 2,
      ecommerceShare: 1.5,
    });
    expect(rowOf(s, 'period', 'M2041-04')).toMatchObject({
      netSales: 700_000,
      ecommerceShare: null,
    });
    const c = communes as TableData;
    expect(c.rows).toHaveLength(64 + 1);
    expect(rowOf(c, 'code', '31825')).toMatchObject({
      netSales: 1_500_000,
      salesCount: 2,
      cashlessShareValue: 80,
      activeSellers: 1,
      shareOfTotal: 55.5556,
    });
    expect(rowOf(c, 'code', '31840')).toMatchObject({
      netSales: 1_200_000,
      onlineNetSales: 700_000,
      onlineOrders: 1,
      counterSales: 1,
      cashlessShareValue: 58.3333,
      activeSellers: 2,
      shareOfTotal: 44.4444,
    });
    expect(c.rows.at(-1)).toMatchObject({ code: 'P96', netSales: 2_700_000, activeSellers: 3 });
    const sec = sectors as TableData;
    expect(sec.rows.map((r) => [r.code, r.netSales])).toEqual([
      ['10', 700_000],
      ['47', 1_500_000],
      ['55', 500_000],
      ['P96', 2_700_000],
    ]);
    expect((inputs as TableData).rows).toContainEqual(
      expect.objectContaining({
        kind: 'tmbl',
        key: 'Y2041|P96',
        field: 'total',
        value: 220_000_000,
      }),
    );
  });

  it('CSV: BOM, attachment, Vietnamese header, the same numbers as the JSON, formulas neutralised', async () => {
    for (const table of [
      'indicators',
      'monthly-series',
      'sales-by-commune',
      'sales-by-sector',
      'inputs',
    ]) {
      const res = await exportOf({ table, format: 'csv', ...Y });
      expect(res.statusCode).toBe(200);
      expect(res.headers?.['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers?.['content-disposition']).toBe(
        `attachment; filename="cho-so-${table}-Y2041-P96-all.csv"`,
      );
      const text = res.body ?? '';
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text.endsWith('\r\n')).toBe(true);
      const [json] = await jsonTables(table);
      const t = json as TableData;
      const [header, ...rows] = parseCsv(text).rows;
      expect(header).toEqual(t.columns.map((c) => c.vi));
      expect(rows).toHaveLength(t.rows.length);
      rows.forEach((fields, r) => {
        t.columns.forEach((c, k) => {
          const v = (t.rows[r] as Row)[c.key];
          const f = fields[k] as string;
          if (v === null) expect(f).toBe('');
          else if (typeof v === 'number') expect(Number(f)).toBe(v);
          else expect(f.replace(/^'(?=[=+\-@])/, '')).toBe(v);
        });
      });
    }
    const inputs = (await exportOf({ table: 'inputs', format: 'csv', ...Y })).body ?? '';
    expect(inputs).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(inputs).not.toMatch(/,=HYPERLINK/);
    const en = await exportOf({ table: 'monthly-series', format: 'csv', lang: 'en', ...Y });
    expect(parseCsv(en.body ?? '').rows[0]?.[1]).toBe('Net sales (VND)');
  });

  it('XLSX: one sheet per table and the methodology, formats and values read back by exceljs', async () => {
    const res = await exportOf({ table: 'all', format: 'xlsx', ...Y });
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(true);
    expect(res.headers?.['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers?.['content-disposition']).toBe(
      'attachment; filename="cho-so-all-Y2041-P96-all.xlsx"',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.body ?? '', 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Chỉ tiêu',
      'Chuỗi theo tháng',
      'Theo xã, phường',
      'Theo ngành',
      'Số liệu đầu vào',
      'Phương pháp',
    ]);
    const ind = wb.getWorksheet('Chỉ tiêu') as ExcelJS.Worksheet;
    expect(ind.getRow(1).font?.bold).toBe(true);
    expect(ind.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rowById = (ws: ExcelJS.Worksheet, id: string, column = 1) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (r.getCell(column).value === id) found ??= r;
      });
      return found as ExcelJS.Row;
    };
    const net = rowById(ind, 'netSales').getCell(5);
    expect(net.value).toBe(2_700_000);
    expect(net.numFmt).toBe('#,##0');
    const cashless = rowById(ind, 'cashlessShareValue').getCell(5);
    expect(cashless.value as number).toBeCloseTo(0.703704, 10);
    expect(cashless.numFmt).toBe('0.00%');
    expect(rowById(ind, 'digitalEconomyShare').getCell(5).value).toBeNull();
    expect((ind.getColumn(2).width ?? 0) > 10).toBe(true);
    const communes = wb.getWorksheet('Theo xã, phường') as ExcelJS.Worksheet;
    const c31840 = rowById(communes, '31840');
    expect(c31840.getCell(3).value).toBe(1_200_000);
    expect(c31840.getCell(3).numFmt).toBe('#,##0');
    expect(c31840.getCell(8).value as number).toBeCloseTo(0.583333, 10);
    expect(c31840.getCell(8).numFmt).toBe('0.00%');
    const method = wb.getWorksheet('Phương pháp') as ExcelJS.Worksheet;
    expect(method.getRow(1).getCell(4).value).toBe('Công thức');
    const share = rowById(method, 'ecommerceShare', 2);
    expect(share.getCell(1).value).toBe('Chỉ tiêu');
    expect(String(share.getCell(4).value)).toMatch(/÷ total retail sales/);
    expect(String(share.getCell(6).value)).toMatch(
      /tmbl Y2041\|P96 v1 \{goods=200000000, total=220000000\} \[document: Cục Thống kê Cà Mau/,
    );
    const one = await exportOf({ table: 'sales-by-sector', format: 'xlsx', lang: 'en', ...Y });
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(Buffer.from(one.body ?? '', 'base64') as unknown as ArrayBuffer);
    expect(wb1.worksheets.map((w) => w.name)).toEqual(['By sector', 'Methodology']);
  });

  it('filters: a commune and a sector narrow the breakdowns', async () => {
    const [byCommune] = await jsonTables('sales-by-commune', {
      period: 'M2041-03',
      area: 'C31840',
      sector: '55',
    });
    expect(byCommune?.rows.map((r) => [r.code, r.netSales, r.shareOfTotal])).toEqual([
      ['31840', 500_000, 100],
      ['P96', 500_000, 100],
    ]);
    const [bySector] = await jsonTables('sales-by-sector', {
      period: 'Y2041',
      area: 'C31840',
      sector: '*',
    });
    expect(bySector?.rows.map((r) => [r.code, r.netSales])).toEqual([
      ['10', 700_000],
      ['55', 500_000],
      ['C31840', 1_200_000],
    ]);
  });

  it('officers only; bad table, format or combination → 400 with the error envelope', async () => {
    const seller = await sellerSession();
    const q = { table: 'indicators', format: 'csv', ...Y };
    expect((await exportOf(q, seller.headers)).statusCode).toBe(403);
    expect((await exportOf(q, {})).statusCode).toBe(401);
    for (const bad of [
      { ...q, table: 'sellers' },
      { ...q, format: 'pdf' },
      { ...q, table: 'all', format: 'csv' },
      { ...q, period: 'Y2041-13' },
      { ...q, area: 'C99999' },
    ]) {
      const res = await call('GET /api/stats/export', { headers: officer.headers, query: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
      expect(typeof res.body.error.message).toBe('string');
      expect(res.body.error.details.issues.length).toBeGreaterThan(0);
    }
  });
});

describe('open data CSV and thresholds', { timeout: 120_000 }, () => {
  const KEYS = ['STATS_MIN_SELLERS', 'STATS_P_PERCENT'];
  afterEach(() => {
    for (const k of KEYS) delete process.env[k];
    vi.resetModules();
  });

  /** The open-data handler loaded afresh under an environment (config is read at cold start). */
  async function openDataWith(vars: Record<string, string>, query: EventOverrides['query']) {
    for (const k of KEYS) delete process.env[k];
    Object.assign(process.env, vars);
    vi.resetModules();
    const { handler } = await import('../../../functions/open-data/get-sales-tables');
    return handler(apiEvent('open-data/get-sales-tables', { query }), lambdaContext('t'));
  }

  it('CSV: the published long table, c where suppressed, no seller ids', async () => {
    const res = await call('GET /api/open-data/sales', { query: { year: '2041', format: 'csv' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="cho-so-open-data-sales-2041.csv"',
    );
    const text = res.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).not.toMatch(/ex-[abc]/);
    const [header, ...rows] = parseCsv(text).rows;
    expect(header).toEqual([
      'breakdown',
      'code',
      'period',
      'period_type',
      'net_sales',
      'sales_count',
    ]);
    const json = (await call('GET /api/open-data/sales', { query: { year: '2041' } }))
      .body as OpenTables;
    const lone = rows.find((r) => r[0] === 'commune' && r[1] === '31825' && r[2] === '2041-03');
    expect(lone?.slice(4)).toEqual(['c', 'c']);
    expect(json.byCommune.find((r) => r.code === '31825')?.netSales[2]).toBe('c');
    const empty = rows.find((r) => r[0] === 'commune' && r[1] === '31834' && r[2] === '2041');
    expect(empty?.slice(3)).toEqual(['year', '0', '0']);
    expect(rows).toHaveLength((json.byCommune.length + json.bySector.length + 1) * 13);
  });

  it('STATS_MIN_SELLERS and STATS_P_PERCENT change what is suppressed', async () => {
    // 2042, one commune (31843), March: four sellers, 1 000 000 and three of 100 000.
    // p%-rule: total − two largest = 200 000, suppressed when below p % of 1 000 000 (p > 20).
    await fold(
      [1_000_000, 100_000, 100_000, 100_000].map((goodsAmount, s) => ({
        year: 2042,
        month: 3,
        goodsAmount,
        sellerId: `thr-${s}`,
        seller: { communeCode: '31843', sectorCode: '4781', classification: 'VSIC2025' },
      })),
    );
    const march = async (vars: Record<string, string>) => {
      const res = await openDataWith(vars, { year: '2042' });
      expect(res.statusCode, res.body).toBe(200);
      const t = JSON.parse(res.body ?? '{}') as OpenTables;
      return {
        commune: t.byCommune.find((r) => r.code === '31843')?.netSales[2],
        thresholds: t.thresholds,
      };
    };
    expect(await march({})).toEqual({ commune: 1_300_000, thresholds: { minSellers: 3, p: 10 } });
    expect(await march({ STATS_MIN_SELLERS: '4' })).toMatchObject({ commune: 1_300_000 });
    expect(await march({ STATS_MIN_SELLERS: '5' })).toEqual({
      commune: 'c',
      thresholds: { minSellers: 5, p: 10 },
    });
    expect(await march({ STATS_P_PERCENT: '20' })).toMatchObject({ commune: 1_300_000 });
    expect(await march({ STATS_P_PERCENT: '20.5' })).toEqual({
      commune: 'c',
      thresholds: { minSellers: 3, p: 20.5 },
    });
    await expect(openDataWith({ STATS_MIN_SELLERS: '1' }, { year: '2042' })).rejects.toThrow(
      /STATS_MIN_SELLERS: must be at least 2/,
    );
    await expect(openDataWith({ STATS_P_PERCENT: 'ten' }, { year: '2042' })).rejects.toThrow(
      /STATS_P_PERCENT/,
    );
  });
});
