import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import {
  type AxeViolation,
  axeScan,
  blocking,
  launchBrowser,
  mobileContext,
  screenshot,
  signIn,
  signUpSeller,
} from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * axe-core on every page at phone size (390×844), signed out, as a seller and as an officer:
 * no serious or critical violation of WCAG 2.1 A/AA. Each page is also saved as a screenshot in
 * test-results/screenshots/<page>.png for people to look at.
 */
let server: RunningServer;
let browser: Browser;
let productId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-a11y-'))),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await mobileContext(browser, server.url);
  contexts.push(context);
  return context.newPage();
}

/** Loaded: no request in flight and nothing marked busy. */
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

async function check(page: Page, name: string, path?: string) {
  if (path !== undefined) await page.goto(path);
  await settled(page);
  await screenshot(page, name);
  const found = blocking(await axeScan(page));
  expect(describeViolations(name, found), `axe on ${name}`).toBe('');
  expect(await page.locator('html').getAttribute('lang')).toMatch(/^(vi|en)$/);
  expect(await page.getByRole('main').count()).toBe(1);
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

describe('accessibility (axe-core, 390×844)', () => {
  it('public pages, in Vietnamese', async () => {
    const page = await newPage();
    await check(page, 'home', '/');
    await check(page, 'home-search', '/?q=tom%20kho&sort=priceAsc');
    await check(page, 'product', '/san-pham/?id=pr-demo-tomkho');
    await page.goto('/ban-hang/dang-ky/');
    await check(page, 'seller-signup');
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await page.getByRole('alert').first().waitFor();
    await check(page, 'seller-signup-errors');
    await check(page, 'sign-in', '/dang-nhap/');
    await check(page, 'docs', '/docs/');
    const missing = await page.goto('/khong-co-trang-nay');
    expect(missing?.status()).toBe(404);
    await check(page, 'not-found');
  });

  it('the home page in English', async () => {
    const page = await newPage();
    await page.goto('/');
    await settled(page);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: "Ca Mau's digital market" }).waitFor();
    await check(page, 'home-en');
    await check(page, 'product-en', '/san-pham/?id=pr-demo-tomkho');
  });

  it('seller portal pages, signed in as a seller', async () => {
    const seller = await signUpSeller(server.url);
    const page = await newPage();
    await signIn(page, seller.email, seller.password);
    const created = await page.request.post('/api/seller/products', {
      data: {
        name: { vi: 'Cua thịt Năm Căn', en: 'Nam Can mud crab' },
        category: 'crab',
        unit: 'kg',
        price: 450000,
        priceTiers: [{ minQuantity: 5, unitPrice: 420000 }],
        stock: 30,
        originCommuneCode: '32191',
        certifications: [{ kind: 'vietgap' }],
      },
    });
    expect(created.status()).toBe(201);
    productId = ((await created.json()) as { product: { id: string } }).product.id;

    await check(page, 'seller-products', '/ban-hang/');
    // API keys live in the profile's developer part, not in the tabs every seller sees.
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('link', { name: 'Khóa API' }).click();
    await page.getByLabel('Tên khóa').waitFor();
    await check(page, 'seller-api-keys');
    await page.getByLabel('Tên khóa').fill('Máy tính quầy');
    await page.getByRole('button', { name: 'Tạo khóa' }).click();
    await page.getByRole('button', { name: 'Sao chép khóa' }).waitFor();
    await check(page, 'seller-api-key-created');
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    await check(page, 'seller-profile-edit');
    await check(page, 'seller-product-new', '/ban-hang/san-pham/');
    await page.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    await page.getByRole('alert').first().waitFor();
    await check(page, 'seller-product-new-errors');
    await check(page, 'seller-product-edit', `/ban-hang/san-pham/?id=${productId}`);
    await check(page, 'seller-import', '/ban-hang/nhap-hang/');
    await check(page, 'change-password', '/doi-mat-khau/');
  });

  it('the officer page, signed in as an officer', async () => {
    const page = await newPage();
    await signIn(page, DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.officer.password);
    await check(page, 'officer-queue', '/can-bo/');
    await check(page, 'officer-approved', '/can-bo/?status=approved');
  });
});
