import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/catalog/import/csv';
import { communes } from '../../../shared/geo/communes';
import {
  type BreakdownCell,
  breakdownTable,
  type Column,
  communeCells,
  csvText,
  exportFilename,
  indicatorsTable,
  inputsTable,
  inputText,
  kindOf,
  seriesTable,
  sourceText,
  type TableData,
  toCsv,
} from '../../../shared/stats/export';
import { openDataCsv, openDataFilename } from '../../../shared/stats/export-open-data';
import { METHODOLOGY_SHEET, NUMBER_FORMATS, toXlsx } from '../../../shared/stats/export-xlsx';
import type { Figure } from '../../../shared/stats/indicators';
import type { InputVersion } from '../../../shared/stats/inputs';
import type { OpenTables } from '../../../shared/stats/open-data';
import type { IndicatorsAnswer } from '../../../shared/stats/query';

/** The export tables from hand-made figures, cells and inputs; CSV and XLSX read back. */
const figure = (over: Partial<Figure>): Figure => ({
  id: 'x',
  label: { vi: 'Nhãn', en: 'Label' },
  unit: 'count',
  value: 0,
  display: null,
  formula: 'f',
  terms: {},
  inputs: [],
  missing: [],
  ...over,
});

const tmbl: InputVersion = {
  kind: 'tmbl',
  key: 'Y2026|P96',
  year: 2026,
  version: 2,
  value: { total: 220_000_000, goods: 200_000_000 },
  source: { type: 'document', reference: 'Báo cáo 12/2026' },
  enteredBy: 'ac-1',
  enteredAt: '2026-05-01T00:00:00.000Z',
};

const answer: IndicatorsAnswer = {
  period: 'Y2026',
  area: 'P96',
  sector: '*',
  figures: [
    figure({
      id: 'ecommerceShare',
      label: { vi: 'Tỷ trọng TMĐT', en: 'E-commerce share' },
      unit: 'percent',
      value: (1_900_000 / 2_700_000) * 100,
      formula: 'online ÷ tmbl × 100',
      terms: { onlineNetSales: 1_900_000, tmbl: 2_700_000 },
      inputs: [{ ...tmbl, demo: true }],
      target: {
        percent: 20,
        year: 2030,
        progress: 351.85,
        source: {
          kind: 'defaultTarget',
          key: 'ecommerceShare',
          value: { percent: 20, year: 2030 },
          source: { type: 'estimate', note: 'plan' },
        },
      },
    }),
    figure({
      id: 'digitalEconomyShare',
      unit: 'percent',
      value: null,
      missing: [
        { kind: 'grdp', key: '2026|P96', message: 'GRDP missing' },
        { kind: 'sectorRatio', key: '2026|47', message: 'ratios missing' },
      ],
    }),
    figure({ id: 'netSales', unit: 'vnd', value: 1_234_567.5 }),
    figure({ id: 'orders', value: null }),
  ],
  series: [
    { period: 'M2026-01', netSales: 100, onlineNetSales: 60, orders: 3, ecommerceShare: 1.23456 },
    { period: 'M2026-02', netSales: 0, onlineNetSales: 0, orders: 0, ecommerceShare: null },
  ],
};

describe('indicators table', () => {
  it('one row per figure: percentages to 4 decimals, amounts whole, null stays null', () => {
    const t = indicatorsTable(answer, 'vi');
    expect(t.id).toBe('indicators');
    expect(t.rows).toEqual([
      {
        id: 'ecommerceShare',
        labelVi: 'Tỷ trọng TMĐT',
        labelEn: 'E-commerce share',
        unit: 'percent',
        value: 70.3704,
        target: 20,
        targetYear: 2030,
        progress: 351.85,
        missing: '',
      },
      {
        id: 'digitalEconomyShare',
        labelVi: 'Nhãn',
        labelEn: 'Label',
        unit: 'percent',
        value: null,
        target: null,
        targetYear: null,
        progress: null,
        missing: 'GRDP missing; ratios missing',
      },
      expect.objectContaining({ id: 'netSales', unit: 'vnd', value: 1_234_568 }),
      expect.objectContaining({ id: 'orders', unit: 'count', value: null }),
    ]);
    expect(t.columns.map((c) => c.key)).toEqual(Object.keys(t.rows[0] as object));
  });

  it('methodology: formula, terms, inputs with sources and the target, missing', () => {
    const t = indicatorsTable(answer, 'vi');
    expect(t.methodology[0]).toEqual({
      item: 'ecommerceShare',
      label: 'Tỷ trọng TMĐT',
      formula: 'online ÷ tmbl × 100',
      terms: 'onlineNetSales = 1900000; tmbl = 2700000',
      inputs:
        'tmbl Y2026|P96 v2 {total=220000000, goods=200000000} [document: Báo cáo 12/2026] 2026-05-01T00:00:00.000Z (demo)\n' +
        'target: defaultTarget ecommerceShare {percent=20, year=2030} [estimate: plan]',
      missing: '',
    });
    expect(t.methodology[1]?.inputs).toBe('');
    expect(t.methodology[1]?.missing).toBe(
      'grdp 2026|P96: GRDP missing\nsectorRatio 2026|47: ratios missing',
    );
    expect(indicatorsTable(answer, 'en').methodology[0]?.label).toBe('E-commerce share');
  });

  it('input and source texts leave out what is not there', () => {
    expect(sourceText({ type: 'url', reference: 'https://x.vn', note: '' })).toBe(
      'url: https://x.vn',
    );
    expect(sourceText({ type: 'estimate' })).toBe('estimate');
    expect(
      inputText({
        kind: 'grdp',
        key: '2026|P96',
        value: { currentPrices: 5 },
        source: { type: 'estimate', note: 'n' },
      }),
    ).toBe('grdp 2026|P96 {currentPrices=5} [estimate: n]');
  });
});

describe('monthly series table', () => {
  it('rows of the year; the share rounded, or null; methodology per measure', () => {
    const t = seriesTable(answer, 'en');
    expect(t.rows).toEqual([
      { period: 'M2026-01', netSales: 100, onlineNetSales: 60, orders: 3, ecommerceShare: 1.2346 },
      { period: 'M2026-02', netSales: 0, onlineNetSales: 0, orders: 0, ecommerceShare: null },
    ]);
    expect(t.methodology.map((m) => m.item)).toEqual([
      'netSales',
      'onlineNetSales',
      'orders',
      'ecommerceShare',
    ]);
    expect(t.methodology[0]?.label).toBe('Net sales (VND)');
    const ledger = 'Chợ Số ledger (sales, cancellations, refunds), folded into cells';
    expect(t.methodology.map((m) => m.inputs)).toEqual([
      ledger,
      ledger,
      ledger,
      `${ledger}; officer input tmbl M<month>|P96 (see the inputs table)`,
    ]);
    expect(t.methodology.every((m) => m.terms === '' && m.missing === '')).toBe(true);
  });
});

describe('breakdown tables', () => {
  const cell = (code: string, measures: Record<string, number> | undefined, sellers = 0) => ({
    code,
    name: `n${code}`,
    measures,
    sellers: Array.from({ length: sellers }, (_, i) => ({
      sellerId: `s${i}`,
      measures: { saleCount: i === 0 ? 1 : 2, cancelCount: i === 0 ? 1 : 0 },
    })),
  });
  const a = cell(
    '31825',
    {
      online_vietqr_net: 600,
      online_cash_net: 200,
      offline_other_net: 200,
      online_vietqr_saleCount: 4,
      online_vietqr_cancelCount: 1,
      offline_cash_saleCount: 3,
    },
    3,
  );
  const empty = cell('31840', undefined);
  const total = cell('P96', { online_vietqr_net: 2000 }, 5);

  it('each row from its cell and sellers, then the total row', () => {
    const t = breakdownTable('sales-by-commune', [a, empty], total, 'vi');
    expect(t.rows).toEqual([
      {
        code: '31825',
        name: 'n31825',
        netSales: 1000,
        onlineNetSales: 800,
        salesCount: 6,
        onlineOrders: 3,
        counterSales: 3,
        cashlessShareValue: 80,
        activeSellers: 2,
        shareOfTotal: 50,
      },
      {
        code: '31840',
        name: 'n31840',
        netSales: 0,
        onlineNetSales: 0,
        salesCount: 0,
        onlineOrders: 0,
        counterSales: 0,
        cashlessShareValue: null,
        activeSellers: 0,
        shareOfTotal: 0,
      },
      expect.objectContaining({ code: 'P96', netSales: 2000, shareOfTotal: 100, activeSellers: 4 }),
    ]);
    expect(t.title).toEqual({ vi: 'Theo xã, phường', en: 'By commune' });
    expect(t.columns[0]?.vi).toBe('Mã xã, phường');
    expect(t.methodology.map((m) => m.item)).toEqual(t.columns.slice(2).map((c) => c.key));
    expect(t.methodology.every((m) => m.formula.length > 10 && m.inputs !== '')).toBe(true);
    expect(t.methodology.every((m) => m.terms === '' && m.missing === '')).toBe(true);
  });

  it('by sector; a zero total leaves the shares empty', () => {
    const t = breakdownTable('sales-by-sector', [a], cell('P96', undefined), 'en');
    expect(t.title.en).toBe('By sector');
    expect(t.columns[0]?.en).toBe('Sector (VSIC division)');
    expect(t.rows.map((r) => r.shareOfTotal)).toEqual([null, null]);
    expect(t.methodology[0]?.label).toBe('Net sales (VND)');
  });

  it('commune rows: every commune in list order, or the one asked for', () => {
    const all = communeCells(() => ({ measures: undefined, sellers: [] }));
    expect(all.map((c) => c.code)).toEqual(communes.map((c) => c.code));
    const one = communeCells((code) => ({ measures: { x: Number(code) }, sellers: [] }), '31840');
    expect(one).toEqual([
      {
        code: '31840',
        name: communes.find((c) => c.code === '31840')?.name ?? 'missing',
        measures: { x: 31840 },
        sellers: [],
      },
    ] satisfies BreakdownCell[]);
  });
});

describe('inputs table', () => {
  it('one row per value field, sorted by kind then key, units by field', () => {
    const t = inputsTable(
      [
        tmbl,
        { ...tmbl, kind: 'enterprises', key: '2026|P96', value: { enterprises: 3 } },
        { ...tmbl, key: 'M2026-01|P96', version: 1, demo: true },
        {
          ...tmbl,
          kind: 'sectorRatio',
          key: '2026|47',
          value: { outputRatio: 0.5, other: 2 },
          source: { type: 'estimate' },
        },
      ],
      'en',
    );
    expect(t.rows.map((r) => [r.kind, r.key, r.field, r.unit, r.value])).toEqual([
      ['enterprises', '2026|P96', 'enterprises', 'count', 3],
      ['sectorRatio', '2026|47', 'outputRatio', 'ratio', 0.5],
      ['sectorRatio', '2026|47', 'other', 'ratio', 2],
      ['tmbl', 'M2026-01|P96', 'total', 'vnd', 220_000_000],
      ['tmbl', 'M2026-01|P96', 'goods', 'vnd', 200_000_000],
      ['tmbl', 'Y2026|P96', 'total', 'vnd', 220_000_000],
      ['tmbl', 'Y2026|P96', 'goods', 'vnd', 200_000_000],
    ]);
    expect(t.rows[1]).toMatchObject({ reference: '', note: '', demo: '', sourceType: 'estimate' });
    expect(t.rows[3]).toMatchObject({
      version: 1,
      reference: 'Báo cáo 12/2026',
      demo: 'demo',
      enteredAt: '2026-05-01T00:00:00.000Z',
    });
    expect(t.methodology).toEqual([
      {
        item: 'inputs',
        label: 'Inputs',
        formula: expect.stringMatching(/^Entered by officers with their source/),
        terms: '',
        inputs: '',
        missing: '',
      },
    ]);
    expect(inputsTable([], 'vi').methodology[0]?.label).toBe('Số liệu đầu vào');
  });

  it('knows the unit of every input field', () => {
    const fields = {
      total: 'vnd',
      goods: 'vnd',
      currentPrices: 'vnd',
      amount: 'vnd',
      enterprises: 'count',
      cooperatives: 'count',
      householdBusinesses: 'count',
      outputRatio: 'ratio',
      valueAddedRatio: 'ratio',
      percent: 'percent',
      year: 'year',
    };
    const t = inputsTable(
      [{ ...tmbl, value: Object.fromEntries(Object.keys(fields).map((f) => [f, 1])) }],
      'vi',
    );
    expect(Object.fromEntries(t.rows.map((r) => [r.field, r.unit]))).toEqual(fields);
  });
});

describe('kinds, CSV and filenames', () => {
  const unitCol: Column = { key: 'value', vi: 'Giá trị', en: 'Value', kind: 'unit' };

  it('a unit column takes the row unit; anything else is text', () => {
    for (const u of ['percent', 'vnd', 'count', 'ratio', 'year'])
      expect(kindOf(unitCol, { unit: u })).toBe(u);
    expect(kindOf(unitCol, { unit: 'text' })).toBe('text');
    expect(kindOf(unitCol, { unit: 'bogus' })).toBe('text');
    expect(kindOf(unitCol, {})).toBe('text');
    expect(kindOf({ ...unitCol, kind: 'vnd' }, { unit: 'percent' })).toBe('vnd');
  });

  it('CSV cells: numbers as numbers, null empty, formulas neutralised', () => {
    expect(csvText(null)).toBe('');
    expect(csvText(-1_250_000)).toBe('-1250000');
    expect(csvText(0.0001)).toBe('0.0001');
    expect(csvText('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvText('+84')).toBe("'+84");
    expect(csvText('Cà Mau')).toBe('Cà Mau');
  });

  it('CSV: BOM, header in the language asked, quoted fields, CRLF', () => {
    const table: TableData = {
      id: 'inputs',
      title: { vi: 'T', en: 'T' },
      columns: [
        { key: 'a', vi: 'Tên, đầy đủ', en: 'Name', kind: 'text' },
        { key: 'b', vi: 'Số', en: 'Number', kind: 'vnd' },
      ],
      rows: [{ a: 'say "hi"', b: 1_250_000 }, { a: 'x\ny', b: null }, { a: '@x' }],
      methodology: [],
    };
    const vi = toCsv(table, 'vi');
    expect(vi).toBe('\uFEFF"Tên, đầy đủ",Số\r\n"say ""hi""",1250000\r\n"x\ny",\r\n\'@x,\r\n');
    expect(parseCsv(vi).rows).toEqual([
      ['Tên, đầy đủ', 'Số'],
      ['say "hi"', '1250000'],
      ['x\ny', ''],
      ["'@x", ''],
    ]);
    expect(toCsv(table, 'en').split('\r\n')[0]).toBe('\uFEFFName,Number');
  });

  it('filenames are ASCII and name the table, period, area and sector', () => {
    const q = { period: 'M2026-05', area: 'C31825', sector: '47' };
    expect(exportFilename('sales-by-sector', q, 'xlsx')).toBe(
      'cho-so-sales-by-sector-M2026-05-C31825-47.xlsx',
    );
    expect(exportFilename('all', { ...q, sector: '*' }, 'json')).toBe(
      'cho-so-all-M2026-05-C31825-all.json',
    );
  });
});

describe('XLSX', () => {
  const read = async (lang: 'vi' | 'en') => {
    const bytes = await toXlsx([indicatorsTable(answer, 'vi'), seriesTable(answer, 'vi')], {
      query: { period: 'Y2026', area: 'P96', sector: '*' },
      generatedAt: new Date('2026-06-01T02:03:04.000Z'),
      lang,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.creator).toBe('Chợ Số');
    return wb;
  };

  it('one sheet per table and the methodology, named in the language asked', async () => {
    expect((await read('vi')).worksheets.map((w) => w.name)).toEqual([
      'Chỉ tiêu',
      'Chuỗi theo tháng',
      METHODOLOGY_SHEET.vi,
    ]);
    const en = await read('en');
    expect(en.worksheets.map((w) => w.name)).toEqual([
      'Indicators',
      'Monthly series',
      'Methodology',
    ]);
    expect(en.worksheets[0]?.getRow(1).getCell(2).value).toBe('Indicator (vi)');
  });

  it('bold frozen header, number formats by kind, percentages as fractions, widths', async () => {
    const ws = (await read('vi')).getWorksheet('Chỉ tiêu') as ExcelJS.Worksheet;
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getRow(1).alignment).toEqual({ vertical: 'middle', wrapText: true });
    expect(ws.getRow(2).font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(5).value).toBe('Giá trị');
    const share = ws.getRow(2);
    expect(share.getCell(1).value).toBe('ecommerceShare');
    expect(share.getCell(1).numFmt).toBe('@');
    expect(share.getCell(5).value as number).toBeCloseTo(0.703704, 12);
    expect(share.getCell(5).numFmt).toBe(NUMBER_FORMATS.percent);
    expect(share.getCell(6).value as number).toBeCloseTo(0.2, 12);
    expect(share.getCell(7).value).toBe(2030);
    expect(share.getCell(7).numFmt).toBe('0');
    expect(ws.getRow(3).getCell(5).value).toBeNull();
    expect(ws.getRow(3).getCell(5).numFmt).toBe('0.00%');
    expect(ws.getRow(4).getCell(5).value).toBe(1_234_568);
    expect(ws.getRow(4).getCell(5).numFmt).toBe('#,##0');
    expect(ws.getColumn(1).width).toBe(23); // 'digitalEconomyShare' (19) + 2 + 2
    expect(ws.getColumn(4).width).toBe(11); // 'percent' (7) + 2 + 2
    expect(ws.getColumn(6).width).toBe(14); // header 'Mục tiêu (%)' (12) + 2; empty cells count 2
    expect(ws.getColumn(9).width).toBe(32); // 'GRDP missing; ratios missing' (28) + 2 + 2
    const series = (await read('vi')).getWorksheet('Chuỗi theo tháng') as ExcelJS.Worksheet;
    expect(series.getRow(2).getCell(4).numFmt).toBe('#,##0');
    expect(series.getColumn(1).width).toBe(12);
    expect(NUMBER_FORMATS).toEqual({
      text: '@',
      vnd: '#,##0',
      count: '#,##0',
      percent: '0.00%',
      ratio: '0.0000',
      year: '0',
    });
  });

  it('methodology sheet: the note, the filters, then every item of every table', async () => {
    const ws = (await read('vi')).getWorksheet('Phương pháp') as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Bảng',
      'Mục',
      'Tên',
      'Công thức',
      'Số hạng',
      'Đầu vào và nguồn',
      'Thiếu',
    ]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(2).getCell(1).value).toBe('');
    expect(ws.getRow(3).getCell(1).value).toBe('');
    expect(ws.getRow(2).getCell(2).value).toBe('note');
    expect(ws.getRow(3).getCell(2).value).toBe('filters');
    expect(String(ws.getRow(2).getCell(3).value)).toMatch(/^Đóng góp của nền tảng/);
    expect(ws.getRow(3).getCell(3).value).toBe(
      'period Y2026, area P96, sector *; generated 2026-06-01T02:03:04.000Z',
    );
    expect((ws.getRow(4).values as unknown[]).slice(1, 5)).toEqual([
      'Chỉ tiêu',
      'ecommerceShare',
      'Tỷ trọng TMĐT',
      'online ÷ tmbl × 100',
    ]);
    expect(ws.rowCount).toBe(3 + 4 + 4);
    expect(ws.getColumn(4).width).toBe(70);
    expect(ws.getColumn(4).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    const en = (await read('en')).getWorksheet('Methodology') as ExcelJS.Worksheet;
    expect(en.getRow(1).getCell(6).value).toBe('Inputs and sources');
    expect(String(en.getRow(2).getCell(3).value)).toMatch(/^Platform contribution/);
  });
});

describe('open-data CSV', () => {
  it('the long table with the data package field names, c kept', () => {
    const t: OpenTables = {
      year: 2026,
      columns: [
        ...Array.from({ length: 12 }, (_, i) => `M2026-${String(i + 1).padStart(2, '0')}`),
        'Y2026',
      ],
      byCommune: [
        {
          code: '31825',
          netSales: [5, ...Array(11).fill('c'), 'c'],
          salesCount: Array(13).fill(1),
        },
      ],
      bySector: [],
      province: { code: '96', netSales: Array(13).fill(7), salesCount: Array(13).fill(2) },
      thresholds: { minSellers: 3, p: 10 },
    };
    const rows = parseCsv(openDataCsv(t)).rows;
    expect(openDataCsv(t).startsWith('\uFEFFbreakdown,')).toBe(true);
    expect(rows[0]).toEqual([
      'breakdown',
      'code',
      'period',
      'period_type',
      'net_sales',
      'sales_count',
    ]);
    expect(rows[1]).toEqual(['commune', '31825', '2026-01', 'month', '5', '1']);
    expect(rows[2]).toEqual(['commune', '31825', '2026-02', 'month', 'c', '1']);
    expect(rows[13]).toEqual(['commune', '31825', '2026', 'year', 'c', '1']);
    expect(rows[26]).toEqual(['province', '96', '2026', 'year', '7', '2']);
    expect(rows).toHaveLength(1 + 26);
    expect(openDataFilename(2026)).toBe('cho-so-open-data-sales-2026.csv');
  });
});

describe('headers, kinds and methodology of every table', () => {
  const all = (lang: 'vi' | 'en') => {
    const cell = { code: 'x', name: '', measures: undefined, sellers: [] };
    return [
      indicatorsTable(answer, lang),
      seriesTable(answer, lang),
      breakdownTable('sales-by-commune', [], cell, lang),
      breakdownTable('sales-by-sector', [], cell, lang),
      inputsTable([], lang),
    ];
  };
  const shape = (t: TableData) =>
    [
      t.id,
      t.title.vi,
      t.title.en,
      ...t.columns.map((c) => `${c.key}|${c.vi}|${c.en}|${c.kind}`),
    ].join('\n');
  const breakdownColumns = (code: string) => [
    code,
    'name|Tên|Name|text',
    'netSales|Doanh số thuần (VND)|Net sales (VND)|vnd',
    'onlineNetSales|Doanh số thuần trực tuyến (VND)|Net online sales (VND)|vnd',
    'salesCount|Số giao dịch bán|Sales counted|count',
    'onlineOrders|Số đơn hàng trực tuyến|Online orders|count',
    'counterSales|Số giao dịch tại quầy|Counter sales|count',
    'cashlessShareValue|Tỷ lệ không dùng tiền mặt theo giá trị (%)|Cashless share by value (%)|percent',
    'activeSellers|Số người bán có giao dịch|Active sellers|count',
    'shareOfTotal|Tỷ trọng trong tổng (%)|Share of the total (%)|percent',
  ];

  it('the column keys, Vietnamese and English headers and kinds are the export contract', () => {
    expect(all('vi').map(shape)).toEqual(
      [
        [
          'indicators',
          'Chỉ tiêu',
          'Indicators',
          'id|Mã|Id|text',
          'labelVi|Chỉ tiêu|Indicator (vi)|text',
          'labelEn|Chỉ tiêu (tiếng Anh)|Indicator|text',
          'unit|Đơn vị|Unit|text',
          'value|Giá trị|Value|unit',
          'target|Mục tiêu (%)|Target (%)|percent',
          'targetYear|Năm mục tiêu|Target year|year',
          'progress|Tiến độ so với mục tiêu (%)|Progress to target (%)|percent',
          'missing|Thiếu số liệu|Missing|text',
        ],
        [
          'monthly-series',
          'Chuỗi theo tháng',
          'Monthly series',
          'period|Tháng|Month|text',
          'netSales|Doanh số thuần (VND)|Net sales (VND)|vnd',
          'onlineNetSales|Doanh số thuần trực tuyến (VND)|Net online sales (VND)|vnd',
          'orders|Số đơn hàng trực tuyến|Online orders|count',
          'ecommerceShare|Đóng góp vào tỷ trọng TMĐT trong TMBL (%)|Contribution to the e-commerce share of retail sales (%)|percent',
        ],
        [
          'sales-by-commune',
          'Theo xã, phường',
          'By commune',
          ...breakdownColumns('code|Mã xã, phường|Commune code|text'),
        ],
        [
          'sales-by-sector',
          'Theo ngành',
          'By sector',
          ...breakdownColumns('code|Mã ngành (VSIC cấp 2)|Sector (VSIC division)|text'),
        ],
        [
          'inputs',
          'Số liệu đầu vào',
          'Inputs',
          'kind|Loại|Kind|text',
          'key|Khóa|Key|text',
          'field|Trường|Field|text',
          'unit|Đơn vị|Unit|text',
          'value|Giá trị|Value|unit',
          'version|Phiên bản|Version|count',
          'sourceType|Loại nguồn|Source type|text',
          'reference|Nguồn|Reference|text',
          'note|Ghi chú|Note|text',
          'enteredAt|Thời điểm nhập|Entered at|text',
          'demo|Số liệu mẫu|Demo|text',
        ],
      ].map((lines) => lines.join('\n')),
    );
    expect(all('en').map(shape)).toEqual(all('vi').map(shape));
  });

  it('every measure column has its own formula, named in the language asked', () => {
    for (const lang of ['vi', 'en'] as const)
      for (const t of all(lang).slice(1, 4)) {
        const measures = t.columns.filter((c) => c.kind !== 'text');
        expect(t.methodology.map((m) => m.item)).toEqual(measures.map((c) => c.key));
        expect(t.methodology.map((m) => m.label)).toEqual(measures.map((c) => c[lang]));
        const formulas = t.methodology.map((m) => m.formula);
        expect(new Set(formulas).size).toBe(formulas.length);
        for (const f of formulas) expect(f.length).toBeGreaterThan(20);
      }
  });

  it('breakdown formulas say what they count', () => {
    const cell = { code: 'x', name: '', measures: undefined, sellers: [] };
    const byItem = Object.fromEntries(
      breakdownTable('sales-by-sector', [], cell, 'en').methodology.map((m) => [m.item, m.formula]),
    );
    expect(byItem).toEqual({
      netSales: 'Σ sales − cancellations − refunds, online and at the counter (VAT included)',
      onlineNetSales: 'Σ online sales − cancellations − refunds',
      salesCount: 'sales − cancelled sales, online and at the counter',
      onlineOrders: 'online sales − cancelled online sales',
      counterSales: 'counter sales − cancelled counter sales',
      cashlessShareValue:
        'cashless net sales ÷ net sales × 100 (cashless = VietQR or other non-cash); empty when net sales are 0',
      activeSellers: 'distinct sellers with at least one sale not cancelled in the period',
      shareOfTotal:
        "the row's net sales ÷ the total row's net sales × 100; empty when the total is 0",
    });
    const series = Object.fromEntries(
      seriesTable(answer, 'en').methodology.map((m) => [m.item, m.formula]),
    );
    expect(series.ecommerceShare).toBe(
      "net online sales ÷ the month's TMBL of the area × 100; empty when no monthly TMBL is entered",
    );
    expect(series.orders).toBe('online sales − cancelled online sales of the month');
  });
});
