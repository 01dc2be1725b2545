import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  mobileContext,
  screenshot,
  signIn,
  signUpSeller,
  type WebSeller,
} from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * Bulk import from the seller portal: a CSV with one bad row is refused whole (all-or-nothing is
 * the default) and the page names the row, the column and the problem in Vietnamese; the
 * seller's list is unchanged. Asked to import only the valid rows, it imports the good one.
 */
let server: RunningServer;
let browser: Browser;
let seller: WebSeller;
let page: Page;

const HEADER =
  'ten_san_pham (name),danh_muc (category),don_vi (unit),gia (price),ton_kho (stock),ma_xa (commune code)';

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-import-'))),
    launchBrowser(),
  ]);
  seller = await signUpSeller(server.url);
  page = await (await mobileContext(browser, server.url)).newPage();
  await signIn(page, seller.email, seller.password);
  // One product already there, made through the API with the page's session.
  const res = await page.request.post('/api/seller/products', {
    data: {
      name: { vi: 'Cua gạch Năm Căn' },
      category: 'crab',
      unit: 'kg',
      price: 650000,
      stock: 40,
      originCommuneCode: '32191',
    },
  });
  expect(res.status()).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function ownProductNames(): Promise<string[]> {
  const res = await page.request.get('/api/seller/products');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: Array<{ name: { vi: string } }> };
  return body.items.map((p) => p.name.vi).sort();
}

async function sendFile(csv: string) {
  await page.getByLabel('Tệp sản phẩm (CSV hoặc XLSX)').setInputFiles({
    name: 'san-pham.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\ufeff${csv}`, 'utf8'),
  });
  await page.getByRole('button', { name: 'Nhập sản phẩm' }).click();
}

describe('product import', () => {
  it('shows the bad row and column in Vietnamese and imports nothing', async () => {
    await page.goto('/ban-hang/');
    await page.getByRole('heading', { name: 'Cua gạch Năm Căn' }).waitFor();
    await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
    await page.getByRole('heading', { name: 'Nhập sản phẩm từ tệp' }).waitFor();
    expect(
      await page.getByLabel('Không nhập gì cả, để tôi sửa tệp (khuyên dùng)').isChecked(),
    ).toBe(true);

    await sendFile(
      [
        HEADER,
        'Tôm khô nhập thử loại 1,Hải sản khô,kg,900000,10,32248',
        'Mực khô nhập thử,Hải sản khô,kg,chín trăm nghìn,5,32248',
      ].join('\n'),
    );

    await page
      .getByRole('heading', { name: 'Tệp có 1 dòng lỗi — chưa nhập sản phẩm nào' })
      .waitFor();
    const table = page.getByRole('table', { name: 'Lỗi theo dòng và cột' });
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(2);
    const cells = await rows.nth(1).getByRole('cell').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toContain('Giá');
    expect(cells[2]).toMatch(/không phải là số/);
    await screenshot(page, 'import-errors');

    expect(await ownProductNames()).toEqual(['Cua gạch Năm Căn']);
    await page.getByRole('link', { name: 'Sản phẩm của bạn' }).click();
    await page.getByRole('heading', { name: 'Cua gạch Năm Căn' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Tôm khô nhập thử loại 1' }).count()).toBe(0);
  });

  it('imports only the valid rows when asked to', async () => {
    await page.goto('/ban-hang/nhap-hang/');
    await page.getByLabel('Chỉ nhập các dòng đúng').check();
    await sendFile(
      [
        HEADER,
        'Tôm khô nhập thử loại 1,Hải sản khô,kg,900000,10,32248',
        'Mực khô nhập thử,Hải sản khô,kg,900000,5,99999',
      ].join('\n'),
    );
    await page.getByRole('heading', { name: 'Đã nhập 1 sản phẩm' }).waitFor();
    const skipped = page.getByRole('table', { name: 'Lỗi theo dòng và cột' }).getByRole('row');
    expect(await skipped.nth(1).getByRole('cell').first().textContent()).toBe('3');
    await screenshot(page, 'import-valid-rows');
    expect(await ownProductNames()).toEqual(['Cua gạch Năm Căn', 'Tôm khô nhập thử loại 1']);
  });
});
