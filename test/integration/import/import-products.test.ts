import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importDeps } from '../../../functions/catalog/import-products';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { COLUMNS } from '../../../shared/catalog/import/columns';
import { parseCsv } from '../../../shared/catalog/import/csv';
import { readXlsx } from '../../../shared/catalog/import/xlsx-read';
import { getProduct, insertMany, listBySeller } from '../../../shared/db/products';
import { apiEvent } from '../../helpers/api-event';
import { sellerApiKey, sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

const HEADER =
  'ten_san_pham (name),danh_muc (category),don_vi (unit),gia (price),ton_kho (stock),ma_xa (commune code),trang_thai (status)';
let n = 0;
/** A valid CSV line, unique per call. */
const line = (over: Partial<Record<'name' | 'price' | 'stock', string>> = {}) =>
  `${over.name ?? `Tôm khô Đất Mũi ${++n}`},Hải sản khô,kg,"${over.price ?? '1.250.000'}",${over.stock ?? '50'},32248,đang bán`;
const csv = (lines: string[], header = HEADER) => `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

function importFile(
  s: { headers: Record<string, string> },
  file: string | Uint8Array,
  options: {
    format?: 'csv' | 'xlsx';
    mode?: 'allOrNothing' | 'validRows';
    /** The Lambda clock (default 30 s). */
    timeoutMs?: number;
  } = {},
) {
  return call(
    'POST /api/seller/imports',
    {
      headers: s.headers,
      body: {
        format: options.format ?? 'csv',
        fileName: `products.${options.format ?? 'csv'}`,
        contentBase64: b64(file),
        ...(options.mode ? { mode: options.mode } : {}),
      },
    },
    { timeoutMs: options.timeoutMs },
  );
}

async function ownProducts(sellerId: string) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await listBySeller(sellerId, { limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The template route answers a file, not JSON: call its handler directly. */
async function template(format?: string) {
  const { handler } = await import('../../../functions/catalog/get-import-template');
  return handler(
    apiEvent('catalog/get-import-template', { query: format ? { format } : {} }),
    lambdaContext('test'),
  );
}

describe('GET /api/seller/imports/template', () => {
  it('serves the CSV template with a BOM, Vietnamese headers and an example row', async () => {
    const res = await template('csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers?.['content-disposition']).toMatch(/attachment; filename=".*\.csv"/);
    const body = res.body ?? '';
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(body).rows;
    expect(rows[0]).toEqual(COLUMNS.map((c) => c.label.vi));
    expect(rows[1]).toEqual(COLUMNS.map((c) => c.en));
    expect(rows).toHaveLength(3);
  });

  it('serves the XLSX template (the default) as base64 with a lists sheet', async () => {
    const res = await template();
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(true);
    expect(res.headers?.['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const bytes = Buffer.from(res.body ?? '', 'base64');
    expect(readXlsx(bytes).rows[0]?.map((c) => c.text)).toEqual(COLUMNS.map((c) => c.label.vi));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sản phẩm', 'Danh mục', 'Hướng dẫn']);
  });

  it('refuses an unknown format', async () => {
    const res = await template('xls');
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body ?? '{}').error.code).toBe('request.invalid');
  });
});

describe('POST /api/seller/imports', () => {
  it('imports a CSV file for the caller: counts, ids, products in the seller’s list', async () => {
    const s = await sellerSession();
    const res = await importFile(s, csv([line({ name: 'Mật ong U Minh' }), line(), line()]));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.counts).toEqual({
      received: 3,
      valid: 3,
      imported: 3,
      updated: 0,
      failed: 0,
      skipped: 0,
    });
    expect(res.body.errors).toEqual([]);
    expect(res.body.products.map((p: { row: number }) => p.row)).toEqual([2, 3, 4]);
    const stored = await getProduct(res.body.products[0].id);
    expect(stored).toMatchObject({
      sellerId: s.sellerId,
      name: { vi: 'Mật ong U Minh' },
      price: 1_250_000,
      status: 'active',
      version: 1,
    });
    expect(await ownProducts(s.sellerId)).toHaveLength(3);
  });

  it('with one bad row answers 422 naming row and column, and writes nothing', async () => {
    const s = await sellerSession();
    const before = await tableSnapshot();
    const res = await importFile(s, csv([line(), line(), line(), line({ price: '0' }), line()]));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import.invalidRows');
    expect(res.body.error.details.counts).toEqual({
      received: 5,
      valid: 4,
      imported: 0,
      updated: 0,
      failed: 1,
      skipped: 0,
    });
    expect(res.body.error.details.errors).toEqual([
      {
        row: 5,
        column: 'gia (price)',
        cell: 'D5',
        code: 'too_small',
        message: { vi: 'Giá phải lớn hơn 0', en: 'Price must be above 0' },
      },
    ]);
    expect(await tableSnapshot()).toBe(before);
  });

  it('in validRows mode imports the good rows and reports the bad ones', async () => {
    const s = await sellerSession();
    const res = await importFile(
      s,
      csv([line(), line({ price: '12,5' }), line(), line({ stock: '-1' })]),
      { mode: 'validRows' },
    );
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({
      received: 4,
      valid: 2,
      imported: 2,
      updated: 0,
      failed: 2,
      skipped: 0,
    });
    expect(res.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'not_integer'],
      [5, 'too_small'],
    ]);
    expect((await ownProducts(s.sellerId)).length).toBe(2);
  });

  it('in validRows mode with no valid row answers 422 and writes nothing', async () => {
    const s = await sellerSession();
    const before = await tableSnapshot();
    const res = await importFile(s, csv([line({ price: 'abc' })]), { mode: 'validRows' });
    expect(res.status).toBe(422);
    expect(await tableSnapshot()).toBe(before);
  });

  it('imports an XLSX file made by Excel tools (exceljs), numbers and dates as cells', async () => {
    const s = await sellerSession();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sản phẩm');
    ws.addRow([
      'ten_san_pham (name)',
      'danh_muc (category)',
      'don_vi (unit)',
      'gia (price)',
      'ton_kho (stock)',
      'ma_xa (commune code)',
      'ocop_sao (OCOP stars)',
      'ocop_so_chung_nhan (OCOP certificate number)',
      'ocop_het_han (OCOP expiry date)',
    ]);
    ws.addRow([
      'Cua gạch Năm Căn',
      'Cua',
      'con',
      350000,
      20,
      32191,
      4,
      'OCOP-CM-1',
      new Date(Date.UTC(2027, 11, 31)),
    ]);
    ws.getCell('I2').numFmt = 'dd/mm/yyyy';
    ws.addRow([
      'Homestay rừng U Minh',
      'homestay',
      'đêm',
      { formula: '400000+50000', result: 450000 },
      null,
      '32191',
    ]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await importFile(s, bytes, { format: 'xlsx', mode: 'validRows' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.counts).toMatchObject({ received: 2, imported: 1, failed: 1 });
    // The homestay is a service: it needs a capacity per date, not a stock.
    expect(res.body.errors).toMatchObject([
      { row: 3, column: 'suc_chua_moi_ngay (capacity per date)', code: 'invalid_combination' },
    ]);
    expect(await getProduct(res.body.products[0].id)).toMatchObject({
      price: 350000,
      stock: 20,
      originCommuneCode: '32191',
      certifications: [{ kind: 'ocop', stars: 4, number: 'OCOP-CM-1', expiresOn: '2027-12-31' }],
    });
  });

  it('reads semicolon CSV from Vietnamese Excel, with quoted commas and line breaks', async () => {
    const s = await sellerSession();
    const file = `sep=;\r\nten_san_pham;danh_muc;don_vi;gia;ton_kho;ma_xa;mo_ta\r\n"Khô cá, loại 1";Hải sản khô;túi;95.000;10;32248;"Dòng 1\r\nDòng 2; hết"\r\n;;;;;;\r\n\r\n`;
    const res = await importFile(s, file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await getProduct(res.body.products[0].id)).toMatchObject({
      name: { vi: 'Khô cá, loại 1' },
      description: { vi: 'Dòng 1\r\nDòng 2; hết' },
      price: 95000,
      status: 'draft',
    });
  });

  it('refuses duplicates within the file; re-importing a file updates (nothing duplicated)', async () => {
    const s = await sellerSession();
    const dup = await importFile(s, csv([line({ name: 'Gạo ST25' }), line({ name: 'gạo  st25' })]));
    expect(dup.status).toBe(422);
    expect(dup.body.error.details.errors).toMatchObject([
      { row: 3, column: 'ten_san_pham (name)', code: 'duplicate' },
    ]);

    const file = csv([line({ name: 'Gạo ST25' }), line({ name: 'Mắm tôm chà' })]);
    const first = await importFile(s, file);
    expect(first.status).toBe(201);
    const again = await importFile(s, file);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.counts).toMatchObject({ imported: 2, updated: 2 });
    expect(again.body.products).toEqual(
      first.body.products.map((p: { row: number; id: string }) => ({ ...p, updated: true })),
    );
    expect(await ownProducts(s.sellerId)).toHaveLength(2);
  });

  it('refuses a file that is not what it says, or lacks columns, with import.invalidFile', async () => {
    const s = await sellerSession();
    const before = await tableSnapshot();
    const cases = [
      await importFile(s, csv([line()]), { format: 'xlsx' }),
      await importFile(s, 'ten,gia\r\nx,1\r\n'),
      await importFile(s, 'a,"open\r\n'),
      await importFile(s, new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), { format: 'xlsx' }),
    ];
    for (const res of cases) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('import.invalidFile');
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses more than 2000 rows with 413 import.tooManyRows', async () => {
    const s = await sellerSession();
    const res = await importFile(s, csv(Array.from({ length: 2001 }, () => line())));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: 'import.tooManyRows',
      details: { maxRows: 2000, received: 2001 },
    });
  });

  it('imports 2000 rows end to end, in batched transactions', async () => {
    const s = await sellerSession();
    const file = csv(Array.from({ length: 2000 }, () => line()));
    // The Lambda's 30 s clock is not what this checks (the time-limit test below does): on
    // DynamoDB Local, beside the other integration files on a busy 2-core machine, this took over
    // 25 s (4.5 s alone; DynamoDB itself is far faster), and middy then answered 500 at 30 s while
    // the writes went on into the next test. A longer clock here.
    const started = performance.now();
    const res = await importFile(s, file, { timeoutMs: 110_000 });
    const ms = Math.round(performance.now() - started);
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({
      received: 2000,
      valid: 2000,
      imported: 2000,
      updated: 0,
      failed: 0,
      skipped: 0,
    });
    expect(await ownProducts(s.sellerId)).toHaveLength(2000);
    process.stdout.write(
      `\n[import] 2000-row CSV (${Math.round(file.length / 1024)} KiB) imported in ${ms} ms\n`,
    );
  }, 120_000);

  it('undoes the committed batches when a later batch fails, then answers the error', async () => {
    const s = await sellerSession();
    const realInsert = importDeps.insert;
    let calls = 0;
    importDeps.insert = async (...args) => {
      if (++calls === 3) throw new Error('simulated DynamoDB failure');
      return realInsert(...args);
    };
    try {
      const res = await importFile(s, csv(Array.from({ length: 250 }, () => line())));
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal');
    } finally {
      importDeps.insert = realInsert;
    }
    expect(calls).toBe(3);
    expect(await ownProducts(s.sellerId)).toEqual([]);
  });

  it('stops before the function runs out of time: nothing kept, 503 import.timeLimit with Retry-After', async () => {
    const s = await sellerSession();
    const realRemaining = importDeps.remainingMs;
    const realInsert = importDeps.insert;
    let inserts = 0;
    importDeps.insert = async (...args) => {
      inserts++;
      return realInsert(...args);
    };
    // Two batches go in, then the clock says less than the margin is left.
    importDeps.remainingMs = () => (inserts >= 2 ? 4_999 : 60_000);
    try {
      const res = await importFile(s, csv(Array.from({ length: 250 }, () => line())));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('import.timeLimit');
      expect(res.body.error.details).toEqual({ rows: 250, retryAfterSeconds: 60 });
      expect(res.headers['retry-after']).toBe('60');
    } finally {
      importDeps.remainingMs = realRemaining;
      importDeps.insert = realInsert;
    }
    expect(inserts).toBe(2);
    expect(await ownProducts(s.sellerId)).toEqual([]);
  });

  it('refuses anonymous callers with 401', async () => {
    const res = await call('POST /api/seller/imports', {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('auth.required');
  });

  it('refuses a suspended seller and writes nothing', async () => {
    const s = await sellerSession({ status: 'suspended' });
    const before = await tableSnapshot();
    const res = await importFile(s, csv([line()]));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('seller.suspended');
    expect(await tableSnapshot()).toBe(before);
  });

  it('works with an API key', async () => {
    const s = await sellerSession();
    const res = await importFile({ headers: await sellerApiKey(s.sellerId) }, csv([line()]));
    expect(res.status).toBe(201);
  });
});

describe('ownership comes from the credential only', () => {
  it('a seller column in the file is ignored; seller B neither sees nor changes A’s imports', async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const fileByA = csv(
      [`${line({ name: 'Tôm khô của A' })},${a.sellerId}`],
      `${HEADER},seller_id`,
    );
    const imported = await importFile(a, fileByA);
    expect(imported.status).toBe(201);
    expect(imported.body.ignoredColumns).toEqual(['seller_id']);
    const id = imported.body.products[0].id;

    // B sends the same file, A's seller id inside it: B gets B's own product.
    const byB = await importFile(b, fileByA);
    expect(byB.status).toBe(201);
    expect(await getProduct(byB.body.products[0].id)).toMatchObject({ sellerId: b.sellerId });
    expect((await getProduct(id))?.sellerId).toBe(a.sellerId);

    const bList = await call('GET /api/seller/products', { headers: b.headers });
    expect(bList.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const bGet = await call('GET /api/seller/products/{productId}', {
      headers: b.headers,
      path: { productId: id },
    });
    expect(bGet.status).toBe(404);
  });

  it('B cannot attach A’s uploaded images in an import', async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const file = csv(
      [`${line()},img/${a.sellerId}/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg`],
      `${HEADER},anh (image keys)`,
    );
    const res = await importFile(b, file);
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors).toMatchObject([
      { column: 'anh (image keys)', code: 'not_own_image' },
    ]);
  });

  it('an id collision in a later batch is compensated too (real conditional write)', async () => {
    const s = await sellerSession();
    // A product already holding the id the import will give its 150th row.
    const taken = `p-taken-${Date.now()}`;
    const at = new Date().toISOString();
    await insertMany(
      [
        {
          id: taken,
          sellerId: s.sellerId,
          name: { vi: 'Đã có' },
          description: { vi: '' },
          category: 'rice',
          unit: 'kg',
          price: 1,
          priceTiers: [],
          stock: 1,
          originCommuneCode: '32248',
          certifications: [],
          images: [],
          status: 'draft',
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      ],
      'approved',
    );
    const realId = importDeps.newId;
    let ids = 0;
    importDeps.newId = () => (++ids === 151 ? taken : realId());
    try {
      const res = await importFile(s, csv(Array.from({ length: 200 }, () => line())));
      expect(res.status).toBe(500);
    } finally {
      importDeps.newId = realId;
    }
    expect((await ownProducts(s.sellerId)).map((p) => p.id)).toEqual([taken]);
  });
});
