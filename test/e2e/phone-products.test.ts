import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageFor } from '../../shared/i18n/messages';
import { readImageSize } from '../../shared/storage/image-size';
import {
  launchBrowser,
  screenshot,
  signIn,
  signUpSeller,
  type WebSeller,
} from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * A seller on a cheap phone (360 px) and a poor connection (issue 11, items 1, 3 and 4): a picture
 * is never silently lost (Save waits for it, a failed upload can be retried, the photo is resized
 * and carries no EXIF/GPS), an offline save says it is the network and keeps what was typed,
 * prices are read the way people write them, and the list's quick stock edit never overwrites a
 * stock that changed meanwhile.
 */
let server: RunningServer;
let browser: Browser;
let seller: WebSeller;

const PHONE = { width: 360, height: 780 } as const;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-phone-'))),
    launchBrowser(),
  ]);
  seller = await signUpSeller(server.url);
}, 120_000);

/** The demo officer approves the seller with this tax code (through the API). */
async function approveSeller(taxCode: string): Promise<void> {
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, init);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const { token } = await api<{ token: string }>('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'canbo@choso.vn', password: 'ChoSo-CanBo-2026!' }),
  });
  const auth = { authorization: `Bearer ${token}` };
  const pending = await api<{ items: Array<{ id: string; taxCode: string; version: number }> }>(
    '/api/officer/sellers?status=pending&limit=100',
    { headers: auth },
  );
  const mine = pending.items.find((p) => p.taxCode === taxCode);
  if (!mine) throw new Error(`seller ${taxCode} not in the approval queue`);
  await api(`/api/officer/sellers/${mine.id}/status`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'approve', version: mine.version }),
  });
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phonePage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    baseURL: server.url,
    locale: 'vi-VN',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await signIn(page, seller.email, seller.password);
  return { context, page };
}

/** The basic fields of a new product (goods, so stock is asked). */
async function fillProduct(page: Page, name: string, price: string) {
  await page.goto('/ban-hang/san-pham/');
  await page.getByLabel('Tên sản phẩm (tiếng Việt)').fill(name);
  await page.getByLabel('Danh mục').selectOption('crab');
  await page.getByLabel('Đơn vị bán').selectOption('kg');
  await page.getByLabel('Giá bán (đồng cho một đơn vị)').fill(price);
  await page.getByLabel('Số lượng tồn kho').fill('20');
}

interface Own {
  id: string;
  name: { vi: string };
  price: number;
  stock?: number;
  images: string[];
  status: string;
  version: number;
}

async function ownProduct(page: Page, name: string): Promise<Own | undefined> {
  const res = await page.request.get('/api/seller/products?limit=100');
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: Own[] };
  return items.find((p) => p.name.vi === name);
}

/** Bytes of an EXIF APP1 segment holding a GPS position (9°10'N, the Cà Mau coast). */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 at 8
  tiff.writeUInt16BE(1, 8); // one entry: the GPS IFD pointer
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12); // LONG
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18); // GPS IFD at 26
  tiff.writeUInt32BE(0, 22); // no next IFD
  tiff.writeUInt16BE(2, 26); // two GPS entries
  tiff.writeUInt16BE(0x0001, 28); // GPSLatitudeRef "N"
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 34, 'ascii');
  tiff.writeUInt16BE(0x0002, 40); // GPSLatitude, 3 rationals at 56
  tiff.writeUInt16BE(5, 42);
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52); // no next IFD
  [9, 1, 10, 1, 4242, 100].forEach((v, i) => {
    tiff.writeUInt32BE(v, 56 + i * 4);
  });
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** A 4000×3000 "camera" JPEG (noisy, so it is megabytes) with the GPS EXIF block after SOI. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const grad = ctx.createLinearGradient(0, 0, 4000, 3000);
    grad.addColorStop(0, '#c0392b');
    grad.addColorStop(1, '#f1c40f');
    ctx.fillStyle = grad;
    ctx.fillRect(0, 0, 4000, 3000);
    const noise = ctx.createImageData(4000, 300);
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = (i * 2654435761) % 251;
    for (let y = 0; y < 3000; y += 600) ctx.putImageData(noise, 0, y);
    const blob = await new Promise<Blob>((r) =>
      canvas.toBlob((b) => r(b as Blob), 'image/jpeg', 0.92),
    );
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  const jpeg = Buffer.from(base64, 'base64');
  return Buffer.concat([jpeg.subarray(0, 2), exifWithGps(), jpeg.subarray(2)]);
}

describe('phones and slow networks', () => {
  it('a picture is never silently lost: failed upload retried, Save waits, resized, no GPS', async () => {
    const { context, page } = await phonePage();
    const name = `Cua Năm Căn ảnh ${Date.now().toString(36)}`;
    await fillProduct(page, name, '650.000đ');
    const photo = await cameraPhoto(page);
    expect(photo.length).toBeGreaterThan(1_000_000);
    expect(photo.includes(Buffer.from('Exif\0\0', 'binary'))).toBe(true);

    // The first upload's connection drops; the second is held until the test lets it through.
    let puts = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const uploaded: Buffer[] = [];
    await page.route('**/_uploads/**', async (route: Route) => {
      puts += 1;
      if (puts === 1) {
        await route.abort('connectionreset');
        return;
      }
      uploaded.push(route.request().postDataBuffer() ?? Buffer.alloc(0));
      await held;
      await route.continue();
    });

    await page.getByLabel('Ảnh sản phẩm').setInputFiles({
      name: 'IMG_20261202_0915.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    const card = page.locator('.thumbs-edit li').first();
    await card.getByRole('button', { name: /Thử lại/ }).waitFor();
    expect(await card.textContent()).toContain('Mất kết nối khi đang tải ảnh lên');
    await screenshot(page, 'phone-upload-failed');

    // Save refuses to drop the failed picture, and says what to do.
    await page.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.textContent()).toContain('Chưa lưu: ảnh chưa tải xong');
    expect(new URL(page.url()).pathname).toBe('/ban-hang/san-pham/');
    expect(await ownProduct(page, name)).toBeUndefined();

    // Retry: uploading (held); Save now waits for it instead of saving without the photo.
    await card.getByRole('button', { name: /Thử lại/ }).click();
    await page.locator('.thumbs-edit li[data-state="uploading"]').waitFor();
    expect(await card.locator('progress').count()).toBe(1);
    expect(await card.textContent()).toMatch(/Đang tải lên \d+% \(\d+ kB\/\d+ kB\)/);
    await page.getByRole('button', { name: /Lưu sản phẩm|Đang chờ ảnh/ }).click();
    await page.getByText('Sản phẩm sẽ được lưu ngay khi ảnh tải xong').waitFor();
    expect(await page.getByRole('button', { name: 'Đang chờ ảnh tải xong…' }).isDisabled()).toBe(
      true,
    );
    await screenshot(page, 'phone-save-waits-for-upload');
    await new Promise((r) => setTimeout(r, 500));
    expect(await ownProduct(page, name)).toBeUndefined();

    release();
    await page.waitForURL((url) => url.pathname === '/ban-hang/', { timeout: 30_000 });
    const saved = await ownProduct(page, name);
    expect(saved?.images).toHaveLength(1);
    expect(saved?.price).toBe(650000);
    expect(saved?.status).toBe('active'); // "Đăng bán ngay" is ticked by default

    // What left the phone: resized to 1600 px on the long side, WebP, no EXIF and no GPS; then
    // the 480 px copy the storefront cards use.
    expect(uploaded).toHaveLength(2);
    const sent = uploaded[0] as Buffer;
    const smallSent = uploaded[1] as Buffer;
    expect(readImageSize(new Uint8Array(smallSent))).toEqual({
      type: 'webp',
      width: 480,
      height: 360,
    });
    expect(smallSent.length).toBeLessThan(sent.length / 3);
    expect(smallSent.includes(Buffer.from('Exif', 'ascii'))).toBe(false);
    const size = readImageSize(new Uint8Array(sent));
    expect(size).toEqual({ type: 'webp', width: 1600, height: 1200 });
    expect(sent.length).toBeLessThan(photo.length / 3);
    expect(sent.includes(Buffer.from('Exif', 'ascii'))).toBe(false);
    const gpsRational = Buffer.from([0, 0, 0x10, 0x92, 0, 0, 0, 100]); // 4242/100
    expect(sent.includes(gpsRational)).toBe(false);
    // And the stored image is those bytes.
    const stored = await page.request.get(`/images/${saved?.images[0]}`);
    expect(stored.status()).toBe(200);
    expect(Buffer.from(await stored.body()).equals(sent)).toBe(true);
    const smallKey = saved?.images[0]?.replace(/\.webp$/, '-w480.webp');
    const storedSmall = await page.request.get(`/images/${smallKey}`);
    expect(Buffer.from(await storedSmall.body()).equals(smallSent)).toBe(true);

    // A phone-sized storefront card loads the small copy, not the 1600 px picture (once an
    // officer has approved the seller, its products are in the shop).
    await approveSeller(seller.taxCode);
    const shop = await context.newPage();
    const loaded: string[] = [];
    shop.on('requestfinished', (r) => {
      if (r.url().includes('/images/')) loaded.push(new URL(r.url()).pathname);
    });
    await shop.goto(`/?q=${encodeURIComponent(name)}`);
    const img = shop.locator('#grid .card img').first();
    await img.waitFor();
    expect(await img.getAttribute('srcset')).toContain('-w480.webp 480w');
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).currentSrc))
      .toContain('-w480.webp');
    expect(loaded.some((path) => path.endsWith(`${saved?.images[0]}`))).toBe(false);
    await context.close();
  }, 120_000);

  it('the upload size limit is named in the error: 5 MB', async () => {
    const { context, page } = await phonePage();
    // The API's limit, as a page would meet it: the message names 5 MB.
    const res = await page.request.post('/api/seller/uploads', {
      data: { contentType: 'image/jpeg', contentLength: 6 * 1024 * 1024 },
    });
    expect(res.status()).toBe(413);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('upload.tooLarge');
    expect(messageFor(body.error.code, 'vi')).toContain('tối đa 5 MB');
    await context.close();
  }, 60_000);

  it('offline save names the network, keeps what was typed, and "Thử lại" saves; 150k is 150000', async () => {
    const { context, page } = await phonePage();
    const name = `Khô cá lóc ${Date.now().toString(36)}`;
    await fillProduct(page, name, '150k');
    await page.getByLabel('Mô tả (tiếng Việt)').fill('Khô cá lóc một nắng, làm tại Năm Căn.');
    // The amount read back before saving.
    await expect
      .poll(() => page.locator('.money-echo').first().textContent())
      .toBe('= 150.000\u00a0₫');

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.textContent()).toContain('Chưa gửi được: không có mạng');
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('Không kết nối được mạng');
    expect(text).not.toContain('Hệ thống đang gặp sự cố');
    expect(text).not.toContain('Vui lòng kiểm tra lại');
    expect(await page.getByLabel('Tên sản phẩm (tiếng Việt)').inputValue()).toBe(name);
    expect(await page.getByLabel('Giá bán (đồng cho một đơn vị)').inputValue()).toBe('150k');
    expect(await page.getByLabel('Mô tả (tiếng Việt)').inputValue()).toContain('một nắng');
    await screenshot(page, 'phone-offline-save');

    // A server failure is told apart from the network (one 500, then the real server).
    await context.setOffline(false);
    let failOnce = true;
    await page.route('**/api/seller/products', async (route) => {
      if (failOnce && route.request().method() === 'POST') {
        failOnce = false;
        await route.fulfill({ status: 500, contentType: 'text/plain', body: 'Bad gateway' });
        return;
      }
      await route.continue();
    });
    await summary.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(() => summary.textContent()).toContain('Chưa gửi được: máy chủ gặp lỗi');
    expect(await summary.textContent()).toContain('mã 500');
    await summary.getByRole('button', { name: 'Thử lại' }).click();
    await page.waitForURL((url) => url.pathname === '/ban-hang/');
    const saved = await ownProduct(page, name);
    expect(saved?.price).toBe(150000);
    await context.close();
  }, 90_000);

  it('a price that cannot be read says how to write one; leaving a dirty form asks first', async () => {
    const { context, page } = await phonePage();
    await fillProduct(page, 'Mực một nắng', '1,2345k');
    await page.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    const priceError = page.locator('.field.has-error .field-error').first();
    await expect.poll(() => priceError.textContent()).toContain('đồng chẵn');
    await page.getByLabel('Giá bán (đồng cho một đơn vị)').fill('1tr2');
    await expect
      .poll(() => page.locator('.money-echo').first().textContent())
      .toBe('= 1.200.000\u00a0₫');
    expect(
      await page.getByLabel('Giá bán (đồng cho một đơn vị)').getAttribute('aria-invalid'),
    ).toBeNull();
    await screenshot(page, 'phone-price-echo');

    // In-app link: a dialog; staying keeps everything.
    await page.getByRole('link', { name: 'Hủy' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Rời trang khi chưa lưu?').waitFor();
    await screenshot(page, 'phone-leave-dialog');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    expect(new URL(page.url()).pathname).toBe('/ban-hang/san-pham/');
    expect(await page.getByLabel('Tên sản phẩm (tiếng Việt)').inputValue()).toBe('Mực một nắng');

    // Reload: the browser's own question (beforeunload), dismissed: the page stays.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    void page.reload().catch(() => undefined);
    expect(await asked).toBe('beforeunload');
    expect(await page.getByLabel('Tên sản phẩm (tiếng Việt)').inputValue()).toBe('Mực một nắng');

    // Leaving on purpose.
    await page.getByRole('link', { name: 'Hủy' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rời trang' }).click();
    await page.waitForURL((url) => url.pathname === '/ban-hang/');
    await context.close();
  }, 90_000);

  it('quick stock edit in the list: saves, and a stale version shows the conflict', async () => {
    const { context, page } = await phonePage();
    const name = `Ba khía muối ${Date.now().toString(36)}`;
    const created = await page.request.post('/api/seller/products', {
      data: {
        name: { vi: name },
        category: 'crab',
        unit: 'kg',
        price: 120000,
        stock: 40,
        originCommuneCode: '32191',
        status: 'active',
      },
    });
    expect(created.status()).toBe(201);
    const { product } = (await created.json()) as { product: Own };
    // The portal was open since sign-in (its list loaded then): open it afresh, as a seller would.
    await page.goto('/ban-hang/#san-pham');
    await page.reload();
    const item = page.locator(`[data-product-id="${product.id}"]`);
    await item.waitFor();

    // Meanwhile an order (or another phone) changes the stock: the list's version is stale.
    const other = await page.request.put(`/api/seller/products/${product.id}`, {
      data: { version: product.version, stock: 37 },
    });
    expect(other.status()).toBe(200);

    await item.getByText('Sửa nhanh giá, tồn kho').click();
    await item.getByLabel('Tồn kho').fill('50');
    await item.getByLabel('Giá bán (đồng)').fill('125k');
    await item.getByRole('button', { name: 'Lưu', exact: true }).click();
    const summary = item.locator('.error-summary');
    await expect.poll(() => summary.textContent()).toContain('tồn kho 37');
    expect(await summary.textContent()).toContain('Chưa lưu: sản phẩm vừa thay đổi');
    expect(await item.getByLabel('Tồn kho').inputValue()).toBe('50');
    expect((await ownProduct(page, name))?.stock).toBe(37);
    await screenshot(page, 'phone-quick-edit-conflict');

    // Having seen it, the seller saves again: now it applies.
    await item.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã cập nhật “${name}”` })
      .waitFor();
    const after = await ownProduct(page, name);
    expect(after?.stock).toBe(50);
    expect(after?.price).toBe(125000);
    expect(
      await page.locator(`[data-product-id="${product.id}"] .meta`).first().textContent(),
    ).toContain('Tồn kho 50');
    await screenshot(page, 'phone-quick-edit-saved');
    await context.close();
  }, 90_000);
});
