import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProduct } from '../../../shared/db/products';
import { sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';
import { jpegBytes } from '../../unit/storage/fixtures';

/**
 * An import names image keys too: like a single product, a row may only name images that were
 * uploaded (and are the image type their key names), read through shared/storage.
 */
const uploadsDir = mkdtempSync(join(tmpdir(), 'cho-so-import-images-'));
beforeAll(() => {
  process.env.LOCAL_UPLOADS_DIR = uploadsDir;
});
afterAll(() => {
  rmSync(uploadsDir, { recursive: true, force: true });
});

function stored(sellerId: string, bytes: Uint8Array = jpegBytes(32, 24)): string {
  const key = `img/${sellerId}/${randomUUID()}.jpg`;
  mkdirSync(dirname(join(uploadsDir, key)), { recursive: true });
  writeFileSync(join(uploadsDir, key), bytes);
  return key;
}

const HEADER =
  'ten_san_pham (name),danh_muc (category),don_vi (unit),gia (price),ton_kho (stock),ma_xa (commune code),trang_thai (status),anh (image keys)';
let n = 0;
const line = (images: string) =>
  `Mắm ba khía Cà Mau ${++n},Hải sản khô,kg,"150.000",20,32248,đang bán,${images}`;
const csv = (lines: string[]) => `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`;

const importFile = (
  s: { headers: Record<string, string> },
  file: string,
  mode?: 'allOrNothing' | 'validRows',
) =>
  call('POST /api/seller/imports', {
    headers: s.headers,
    body: {
      format: 'csv',
      fileName: 'products.csv',
      contentBase64: Buffer.from(file).toString('base64'),
      ...(mode ? { mode } : {}),
    },
  });

describe('POST /api/seller/imports: image keys', () => {
  it('refuses the whole file when a row names an image never uploaded or not an image', async () => {
    const s = await sellerSession();
    const good = stored(s.sellerId);
    const never = `img/${s.sellerId}/${randomUUID()}.jpg`;
    const text = stored(s.sellerId, Buffer.from('not an image at all'));
    const before = await tableSnapshot();
    const res = await importFile(s, csv([line(good), line(never), line(`${good};${text}`)]));

    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('import.invalidRows');
    expect(res.body.error.details.errors).toMatchObject([
      { row: 3, column: 'anh (image keys)', code: 'image_not_uploaded' },
      { row: 4, column: 'anh (image keys)', code: 'image_not_uploaded' },
    ]);
    expect(res.body.error.details.errors[0].message.vi).toContain('chưa được tải lên');
    expect(await tableSnapshot()).toBe(before);
  });

  it('imports the rows whose images exist when asked for the valid rows only', async () => {
    const s = await sellerSession();
    const good = stored(s.sellerId);
    const never = `img/${s.sellerId}/${randomUUID()}.jpg`;
    const res = await importFile(s, csv([line(good), line(never)]), 'validRows');

    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.counts).toMatchObject({ received: 2, imported: 1, failed: 1 });
    const [imported] = res.body.products;
    expect((await getProduct(imported.id))?.images).toEqual([good]);
  });
});
