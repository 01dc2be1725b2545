import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { launchBrowser, mobileContext, screenshot, signIn } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * A cooperative joins Chợ Số the way a person does it, on a phone: signs up by the form, waits for
 * an officer's approval, signs in, lists a product by the form, and a buyer finds it by typing
 * without accents.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-journey-'))),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A 10-digit tax code with a valid check digit, different on each run. */
function taxCode(): string {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (;;) {
    const body = `20${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
    const check = 10 - (sum % 11);
    if (check <= 9) return `${body}${check}`;
  }
}

async function newPage(): Promise<Page> {
  const context = await mobileContext(browser, server.url);
  return context.newPage();
}

describe('seller journey', () => {
  it('signs up, is approved, lists a product, and buyers find it without accents', async () => {
    const run = Date.now().toString(36);
    const legalName = `Hợp tác xã Mắm tôm Cái Đôi Vàm ${run}`;
    const productName = `Mắm tôm Cái Đôi Vàm đặc biệt ${run}`;
    const email = `htx.maitom.${run}@example.vn`;
    const password = 'Mam-tom-Cai-Doi-2026';

    // 1. Sign-up by the form: empty first (errors at the fields), then filled in.
    const seller = await newPage();
    await seller.goto('/ban-hang/dang-ky/');
    await seller.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await expect
      .poll(() => seller.getByRole('alert').first().textContent())
      .toContain('Vui lòng kiểm tra lại');
    expect(await seller.getByLabel('Tên đăng ký kinh doanh').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await screenshot(seller, 'journey-signup-errors');

    await seller.getByLabel('Tên đăng ký kinh doanh').fill(legalName);
    await seller.getByLabel('Hợp tác xã', { exact: true }).check();
    await seller.getByLabel('Mã số thuế').fill('0101234568');
    await seller.getByLabel('Xã/phường').selectOption({ label: 'Xã Cái Đôi Vàm' });
    await seller.getByLabel('Ngành nghề chính', { exact: true }).selectOption('1020');
    await seller
      .getByLabel('Số điện thoại di động')
      .fill(`09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
    await seller.getByLabel('Email').fill(email);
    await seller.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await seller.getByLabel('Ngân hàng').selectOption('970436');
    await seller.getByLabel('Số tài khoản').fill('0123456789');
    await seller.getByLabel('Tên chủ tài khoản').fill('HTX Mắm tôm Cái Đôi Vàm');
    // A wrong check digit is caught by the shared schema before anything is sent.
    await seller.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await expect
      .poll(() => seller.getByRole('alert').first().textContent())
      .toContain('Mã số thuế: Không đúng. Dùng một trong ba dạng');
    await seller.getByLabel('Mã số thuế').fill(taxCode());
    await seller.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await seller.getByRole('heading', { name: 'Đã gửi đăng ký — hồ sơ đang chờ duyệt' }).waitFor();
    await screenshot(seller, 'journey-signup-done');

    // 2. An officer approves it from the queue.
    const officer = await newPage();
    await signIn(officer, DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.officer.password);
    expect(new URL(officer.url()).pathname).toBe('/can-bo/');
    await officer.getByRole('heading', { name: legalName }).waitFor();
    await officer.getByRole('button', { name: `Duyệt ${legalName}` }).click();
    // Approving asks first.
    await officer.getByRole('dialog').getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect
      .poll(() => officer.getByRole('status').textContent())
      .toContain(`Đã duyệt “${legalName}”`);
    await screenshot(officer, 'journey-officer-approved');

    // 3. The seller signs in and adds a product by the form.
    await signIn(seller, email, password);
    expect(new URL(seller.url()).pathname).toBe('/ban-hang/');
    await seller.getByText('Hồ sơ đã được duyệt').waitFor();
    await seller.getByRole('link', { name: 'Thêm sản phẩm' }).click();
    await seller.getByLabel('Tên sản phẩm (tiếng Việt)').waitFor();
    await seller.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    const nameError = seller.locator('.field.has-error .field-error').first();
    await expect.poll(() => nameError.textContent()).toBe('Vui lòng nhập.');

    await seller.getByLabel('Tên sản phẩm (tiếng Việt)').fill(productName);
    await seller.getByLabel('Danh mục').selectOption({ label: 'Thực phẩm chế biến' });
    await seller.getByLabel('Đơn vị bán').selectOption('hũ');
    await seller.getByLabel('Giá bán (đồng cho một đơn vị)').fill('85.000');
    await seller.getByLabel('Số lượng tồn kho').fill('200');
    await seller
      .getByLabel('Mô tả (tiếng Việt)')
      .fill('Mắm tôm chà truyền thống, tôm tươi Cái Đôi Vàm.');
    await seller.getByLabel('Đăng bán ngay').check();
    await seller.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    await seller.waitForURL((url) => url.pathname === '/ban-hang/');
    await seller
      .getByRole('status')
      .filter({ hasText: `Đã lưu “${productName}”` })
      .waitFor();
    await seller.getByRole('heading', { name: productName }).waitFor();
    await screenshot(seller, 'journey-seller-products');

    // 4. A buyer types without accents and finds it.
    const buyer = await newPage();
    await buyer.goto('/');
    await buyer.getByLabel('Tìm sản phẩm').fill(`mam tom cai doi ${run}`);
    await buyer.getByRole('button', { name: 'Tìm', exact: true }).click();
    const link = buyer.getByRole('link', { name: productName });
    await expect
      .poll(
        async () => {
          if (await link.count()) return true;
          await buyer.reload();
          return false;
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true);
    expect(new URL(buyer.url()).searchParams.get('q')).toBe(`mam tom cai doi ${run}`);
    const card = buyer.getByRole('listitem').filter({ has: link });
    expect(await card.textContent()).toContain('85.000\u00a0₫/hũ');
    expect(await card.textContent()).toContain(legalName);
    await screenshot(buyer, 'journey-search');

    await link.click();
    await buyer.getByRole('heading', { level: 1, name: productName }).waitFor();
    expect(await buyer.getByText('Còn 200 hũ').count()).toBe(1);
    await screenshot(buyer, 'journey-product');
  });
});
