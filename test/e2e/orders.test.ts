import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { decodeVietQr } from '../../shared/vietqr';
import {
  type AxeViolation,
  axeScan,
  blocking,
  launchBrowser,
  mobileContext,
  mobileNumber,
  screenshot,
  signIn,
} from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * Buying in the browser, on a phone: products of two sellers go into the cart (tier price shown as
 * the quantity changes), the cart survives a reload, checkout errors come from the API's schema,
 * checkout makes one order per seller, and each order page's QR, read back from the page's pixels,
 * pays the right account the right amount with the order code.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-orders-'))),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function newPage(viewport?: { width: number; height: number }): Promise<Page> {
  const context = await mobileContext(browser, server.url);
  contexts.push(context);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  return page;
}

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

function describeViolations(name: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${name}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes
          .map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
}

/** Screenshot plus axe: no serious or critical WCAG 2.1 A/AA violation. */
async function check(page: Page, name: string) {
  await settled(page);
  await screenshot(page, name);
  const found = blocking(await axeScan(page));
  expect(describeViolations(name, found), `axe on ${name}`).toBe('');
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

/** Reads the QR code inside an element's pixels (a screenshot of it), as a phone camera would. */
async function readQr(page: Page, selector: string): Promise<string> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error(`no QR code readable in ${selector}`);
  return found.data;
}

async function addToCart(page: Page, productId: string, quantity: number) {
  await page.goto(`/san-pham/?id=${productId}`);
  await settled(page);
  await page.getByLabel(/^Số lượng/).fill(String(quantity));
  await page.getByLabel(/^Số lượng/).dispatchEvent('change');
  await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm vào giỏ' }).waitFor();
}

describe('buying in the browser', () => {
  it('adds goods with the tier price, keeps the cart over a reload, checks the form with the API schema', async () => {
    const page = await newPage();
    await page.goto('/san-pham/?id=pr-demo-tomkho');
    await settled(page);
    const qty = page.getByLabel(/^Số lượng/);
    await qty.fill('1');
    await qty.dispatchEvent('input');
    const one = await page.locator('.line-total').textContent();
    expect(one).not.toContain('Giá sỉ');
    await screenshot(page, 'orders-product-add');

    await addToCart(page, 'pr-demo-tomkho', 2);
    await addToCart(page, 'pr-demo-cuagach', 1);

    await page.goto('/gio-hang/');
    await settled(page);
    await page.reload();
    await settled(page);
    const groups = page.locator('section.seller-group');
    expect(await groups.count()).toBe(2);
    expect(await groups.nth(0).getByRole('heading', { level: 2 }).textContent()).toContain(
      'Tôm khô Rạch Gốc',
    );
    expect(await groups.nth(1).getByRole('heading', { level: 2 }).textContent()).toContain(
      'Cua Năm Căn',
    );
    await expect
      .poll(() => page.getByRole('link', { name: /Giỏ hàng/ }).textContent())
      .toContain('(2)');
    await check(page, 'orders-cart');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'orders-cart-desktop');
    await page.setViewportSize({ width: 360, height: 740 });
    await screenshot(page, 'orders-cart-360');

    // More than the stock (a cart edited elsewhere): the server's quote marks the line and
    // checkout waits until it is fixed.
    await page.evaluate(() => {
      const lines = JSON.parse(localStorage.getItem('choso.cart.v1') ?? '[]');
      lines[1].quantity = 81;
      delete lines[1].max;
      localStorage.setItem('choso.cart.v1', JSON.stringify(lines));
    });
    await page.reload();
    await settled(page);
    await page.getByText('Chỉ còn 80.').waitFor();
    expect(await page.getByRole('button', { name: 'Đặt hàng' }).isDisabled()).toBe(true);
    await page.getByLabel('Số lượng: Cua gạch Năm Căn').fill('1');
    await page.getByLabel('Số lượng: Cua gạch Năm Căn').dispatchEvent('change');
    await page.getByRole('link', { name: 'Đặt hàng' }).click();
    await page.waitForURL('**/thanh-toan/');
    await settled(page);
    await page.getByRole('button', { name: /^Đặt/ }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Vui lòng kiểm tra lại');
    expect(await page.getByLabel('Họ và tên người nhận').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Số điện thoại di động').fill('0123');
    await page.getByRole('button', { name: /^Đặt/ }).click();
    await expect
      .poll(() => page.locator('.field.has-error .field-error').allTextContents())
      .toContain('Cần 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678).');
    await check(page, 'orders-checkout-errors');
  });

  it('checks out two sellers into two orders whose QR codes pay the right accounts; the seller handles a COD order to a sale', async () => {
    // The demo seller takes cash on delivery and ships, set through the profile form.
    const seller = await newPage();
    await signIn(seller, DEMO_ACCOUNTS.seller.email, DEMO_ACCOUNTS.seller.password);
    await seller.goto('/ban-hang/#ho-so');
    await seller.getByRole('button', { name: 'Sửa cách giao hàng' }).click();
    await seller.getByLabel('Địa chỉ nhận hàng').fill('Ấp Rạch Gốc, xã Đất Mũi');
    await seller.getByLabel('Giao tận nơi').check();
    await seller.getByLabel('Phí giao mỗi đơn (₫)').fill('30000');
    await seller.getByLabel('Miễn phí giao từ (₫)').fill('5000000');
    await seller.getByLabel('Nhận tiền mặt khi giao (COD)').check();
    await seller.getByRole('button', { name: 'Lưu cách giao hàng' }).click();
    await seller.getByRole('status').filter({ hasText: 'Đã lưu cách giao hàng' }).waitFor();

    // A buyer: goods of two sellers, the tier price at 3 kg.
    const buyer = await newPage();
    await addToCart(buyer, 'pr-demo-tomkho', 3);
    expect(await buyer.locator('.line-total').textContent()).toContain('Giá sỉ');
    await addToCart(buyer, 'pr-demo-cuagach', 2);
    await buyer.goto('/gio-hang/');
    await settled(buyer);
    await buyer.getByRole('link', { name: 'Đặt hàng' }).click();
    await buyer.waitForURL('**/thanh-toan/');
    await settled(buyer);
    await buyer.getByLabel('Họ và tên người nhận').fill('Nguyễn Thị Lan');
    await buyer.getByLabel('Số điện thoại di động').fill(mobileNumber());
    // Both sellers ship: the server prices each one's delivery (Năm Căn 45.000 ₫, Rạch Gốc free
    // from 5.000.000 ₫ as set above: 30.000 ₫ here), then pickup makes both free.
    await buyer.getByLabel('Giao tận nơi').check();
    await expect.poll(() => buyer.locator('.checkout-summary').textContent()).toContain('45.000');
    expect(await buyer.locator('.checkout-summary').textContent()).toContain('30.000');
    await buyer.getByLabel('Nhận tại chỗ người bán').check();
    await expect
      .poll(() => buyer.locator('.checkout-summary').textContent())
      .not.toContain('45.000');
    await screenshot(buyer, 'orders-checkout');
    await buyer.setViewportSize({ width: 1280, height: 900 });
    await screenshot(buyer, 'orders-checkout-desktop');
    await buyer.setViewportSize({ width: 390, height: 844 });
    await buyer.getByRole('button', { name: /^Đặt 2 đơn/ }).click();
    await buyer.getByRole('heading', { level: 1, name: 'Đã đặt hàng' }).waitFor();
    const links = buyer.getByRole('link', { name: /^Đơn CS/ });
    expect(await links.count()).toBe(2);
    await check(buyer, 'orders-placed');
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));

    // The cart is empty now; each order page's QR, read from pixels, pays its seller.
    const expected = [
      { bin: '970405', account: '7800205123456', amount: 3 * 1_200_000 },
      { bin: '970436', account: '1023456789', amount: 2 * 450_000 },
    ];
    const codes: string[] = [];
    for (const [i, href] of hrefs.entries()) {
      await buyer.goto(href);
      await settled(buyer);
      const code = new URL(href).searchParams.get('code') as string;
      codes.push(code);
      const decoded = decodeVietQr(await readQr(buyer, '#vietqr'));
      expect(decoded.ok, JSON.stringify(decoded)).toBe(true);
      if (!decoded.ok) continue;
      const want = expected[i] as (typeof expected)[number];
      expect(decoded.value.bin).toBe(want.bin);
      expect(decoded.value.accountNumber).toBe(want.account);
      expect(decoded.value.amount).toBe(want.amount);
      expect(decoded.value.purpose).toBe(code);
      expect(await buyer.locator('.copy-list').textContent()).toContain(want.account);
      if (i === 0) {
        await check(buyer, 'orders-order-page');
        await buyer.setViewportSize({ width: 1280, height: 900 });
        await screenshot(buyer, 'orders-order-page-desktop');
        await buyer.setViewportSize({ width: 360, height: 740 });
        await screenshot(buyer, 'orders-order-page-360');
        // "Lưu ảnh QR" saves a PNG that still reads as the same code.
        const [download] = await Promise.all([
          buyer.waitForEvent('download'),
          buyer.getByRole('button', { name: 'Lưu ảnh QR' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`VietQR-${code}.png`);
        const path = await download.path();
        const png = PNG.sync.read((await import('node:fs')).readFileSync(path));
        const saved = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
        expect(saved?.data).toBe(await readQr(buyer, '#vietqr'));
        // The language switch follows on the order page, then back to Vietnamese.
        await buyer.getByRole('button', { name: 'English' }).click();
        await buyer.getByRole('heading', { level: 1, name: `Order ${code}` }).waitFor();
        expect(await buyer.getByRole('button', { name: 'Save QR image' }).count()).toBe(1);
        await buyer.getByRole('button', { name: 'Tiếng Việt' }).click();
        await buyer.getByRole('heading', { level: 1, name: `Đơn ${code}` }).waitFor();
      }
    }
    await buyer.goto('/gio-hang/');
    await settled(buyer);
    expect(await buyer.getByText('Giỏ hàng đang trống.').count()).toBe(1);
    expect(await buyer.locator('#my-orders-list li').count()).toBe(2);

    // A second buyer orders by cash on delivery, shipped to an address.
    const cod = await newPage();
    await addToCart(cod, 'pr-demo-khobaingau', 2);
    await cod.goto('/thanh-toan/');
    await settled(cod);
    await cod.getByLabel('Họ và tên người nhận').fill('Trần Văn Bình');
    await cod.getByLabel('Số điện thoại di động').fill(mobileNumber());
    await cod.getByLabel('Giao tận nơi').check();
    await cod.getByLabel('Xã/phường').selectOption({ label: 'Xã Đất Mũi' });
    await cod.getByLabel(/^Địa chỉ/).fill('Số 12, ấp Kiến Vàng');
    await cod.getByLabel('Tiền mặt khi nhận hàng').check();
    await expect.poll(() => cod.locator('.checkout-summary').textContent()).toContain('30.000');
    await cod.getByRole('button', { name: /^Đặt hàng/ }).click();
    await cod.getByRole('link', { name: /^Đơn CS/ }).click();
    await settled(cod);
    const codCode = new URL(cod.url()).searchParams.get('code') as string;
    expect(await cod.locator('#vietqr').count()).toBe(0);
    expect(await cod.getByText(/tiền mặt khi nhận hàng/).count()).toBeGreaterThan(0);
    const polls: number[] = [];
    cod.on('response', (r) => {
      if (r.url().includes(`/api/orders/${codCode}`)) polls.push(r.status());
    });

    // The seller sees its two orders (the other seller's is not there) and confirms the COD one.
    await seller.goto('/ban-hang/#don-hang');
    await settled(seller);
    const list = seller.locator('#orders-list');
    await expect.poll(() => list.locator('li').count()).toBe(2);
    expect(await list.textContent()).toContain(codes[0]);
    expect(await list.textContent()).toContain(codCode);
    expect(await list.textContent()).not.toContain(codes[1]);
    await check(seller, 'orders-seller-list');
    await seller.getByRole('button', { name: `Đơn ${codCode}` }).click();
    await seller.getByRole('button', { name: 'Xác nhận đơn' }).click();
    await seller.getByRole('status').filter({ hasText: 'Đã xác nhận đơn' }).waitFor();
    expect(await seller.locator('.order-detail').textContent()).toContain('Trần Văn Bình');
    await check(seller, 'orders-seller-detail');
    // The buyer's page follows by itself (conditional polls: 304 while nothing changed).
    await expect
      .poll(() => cod.locator('.badges').textContent(), { timeout: 30_000 })
      .toContain('Đã xác nhận');
    await seller.getByRole('button', { name: 'Đã gửi hàng' }).click();
    await seller.getByRole('status').filter({ hasText: 'Đã ghi nhận gửi hàng' }).waitFor();
    await seller.getByRole('button', { name: 'Đã giao, đã nhận tiền mặt' }).click();
    await seller.getByRole('status').filter({ hasText: 'Đã ghi nhận giao hàng' }).waitFor();
    expect(await seller.locator('.order-detail .badges').textContent()).toContain('Đã thanh toán');
    await cod.reload();
    await settled(cod);
    expect(await cod.locator('.badges').textContent()).toContain('Đã giao');
    expect(await cod.locator('.badges').textContent()).toContain('Đã thanh toán');
    expect(polls.length).toBeLessThan(12);
  });

  it('records a counter sale and prints the stall sign whose QR pays the account', async () => {
    const seller = await newPage();
    await signIn(seller, DEMO_ACCOUNTS.seller.email, DEMO_ACCOUNTS.seller.password);
    await seller.goto('/ban-hang/#ban-tai-quay');
    await settled(seller);
    await seller.getByLabel('Sản phẩm 1').selectOption('pr-demo-tomkho');
    await seller.getByLabel('Số lượng 1').fill('2');
    await seller.getByLabel('Tiền mặt', { exact: true }).check();
    await seller.getByRole('button', { name: 'Ghi nhận bán' }).click();
    await seller.getByRole('status').filter({ hasText: 'Đã ghi nhận bán 2.500.000' }).waitFor();
    await expect.poll(() => seller.locator('#counter-list').textContent()).toContain('2.500.000');
    await check(seller, 'orders-counter-sales');

    await seller.goto('/ban-hang/ma-qr/');
    await settled(seller);
    const decoded = decodeVietQr(await readQr(seller, '#static-qr'));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.value.bin).toBe('970405');
      expect(decoded.value.accountNumber).toBe('7800205123456');
      expect(decoded.value.amount).toBeUndefined();
    }
    expect(await seller.locator('.qr-sign').textContent()).toContain('Hợp tác xã Tôm khô Rạch Gốc');
    await check(seller, 'orders-static-qr');
    await seller.emulateMedia({ media: 'print' });
    await screenshot(seller, 'orders-static-qr-print');
    const pdf = await seller.pdf({ preferCSSPageSize: true });
    expect(pdf.byteLength).toBeGreaterThan(1000);
  });

  it('offers a service only on dates with places left, and books the date chosen', async () => {
    // Someone books the whole tour on the day after tomorrow (province calendar) through the API.
    const day = (n: number) =>
      new Date(Date.now() + 7 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
    const full = day(2);
    const res = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
        origin: server.url,
      },
      body: JSON.stringify({
        buyer: { name: 'Đoàn khách Hà Nội', phone: mobileNumber() },
        delivery: { method: 'pickup' },
        payment: 'vietqr',
        lines: [{ productId: 'pr-demo-tourmui', quantity: 20, date: full }],
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);

    const page = await newPage();
    await page.goto('/san-pham/?id=pr-demo-tourmui');
    await settled(page);
    const dates = page.getByLabel('Ngày', { exact: true });
    const offered = await dates
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain(day(1));
    expect(offered).not.toContain(full);
    expect(offered).toContain(day(3));
    await dates.selectOption(day(3));
    await page.getByLabel(/^Số người/).fill('25');
    await page.getByLabel(/^Số người/).dispatchEvent('change');
    // No more people than places left on that date.
    expect(await page.getByLabel(/^Số người/).inputValue()).toBe('20');
    await page.getByLabel(/^Số người/).fill('4');
    await page.getByLabel(/^Số người/).dispatchEvent('change');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm vào giỏ' }).waitFor();
    await check(page, 'orders-service-add');
    await page.goto('/gio-hang/');
    await settled(page);
    expect(await page.locator('.cart-line').textContent()).toContain('4 người × 650.000');
  });

  it('shows what is left when stock runs out between the form and the order, and places nothing', async () => {
    const buyer = await newPage();
    await addToCart(buyer, 'pr-demo-mattong', 5);
    await buyer.goto('/thanh-toan/');
    await settled(buyer);
    // U Minh Hạ only ships and takes transfers: no pickup, no cash on delivery offered.
    expect(await buyer.getByLabel('Nhận tại chỗ người bán').count()).toBe(0);
    expect(await buyer.getByLabel('Tiền mặt khi nhận hàng').count()).toBe(0);
    await buyer.getByLabel('Họ và tên người nhận').fill('Lê Thị Hoa');
    await buyer.getByLabel('Số điện thoại di động').fill(mobileNumber());
    await buyer.getByLabel('Xã/phường').selectOption({ label: 'Xã Đất Mũi' });
    await buyer.getByLabel(/^Địa chỉ/).fill('Số 3, ấp Mũi');

    // Meanwhile someone else buys all but 2 bottles.
    const res = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
        origin: server.url,
      },
      body: JSON.stringify({
        buyer: { name: 'Cửa hàng đặc sản', phone: mobileNumber() },
        delivery: { method: 'ship', address: { communeCode: '32248', line: 'Số 1, ấp Mũi' } },
        payment: 'vietqr',
        lines: [{ productId: 'pr-demo-mattong', quantity: 198 }],
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);

    await buyer.getByRole('button', { name: /^Đặt hàng/ }).click();
    await expect
      .poll(() => buyer.getByRole('alert').first().textContent())
      .toContain('Mật ong rừng tràm U Minh Hạ: chỉ còn 2');
    expect(await buyer.getByText('chưa có đơn nào được tạo').count()).toBe(1);
    await check(buyer, 'orders-checkout-conflict');
    // The cart is kept for the buyer to fix.
    await buyer.goto('/gio-hang/');
    await settled(buyer);
    await buyer.getByText('Chỉ còn 2.').waitFor();
  });
});
