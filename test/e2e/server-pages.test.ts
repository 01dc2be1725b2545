import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, mobileContext, screenshot } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * The storefront and the product page as `npm start` serves them, filled on the server
 * (functions/pages): the script takes the products from the page instead of fetching them, the
 * language switch flips the server's texts, and a product name with markup is shown as text.
 */
const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)> Tôm';
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-pages-'))),
    launchBrowser(),
  ]);
}, 240_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function newPage(
  english = false,
): Promise<{ page: Page; apiCalls: string[]; dialogs: string[] }> {
  const context = await mobileContext(browser, server.url);
  contexts.push(context);
  if (english) await context.addInitScript(() => localStorage.setItem('choso.lang', 'en'));
  const page = await context.newPage();
  const apiCalls: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) apiCalls.push(url.pathname + url.search);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, apiCalls, dialogs };
}

const settled = async (page: Page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
};

describe('pages filled on the server', () => {
  it('the storefront shows its cards with the HTML and its script fetches no products', async () => {
    const { page, apiCalls } = await newPage();
    await page.goto('/');
    await settled(page);
    const names = await page.locator('#grid .card h3').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(apiCalls.filter((c) => c.startsWith('/api/products'))).toEqual([]);
    expect(await page.locator('#count').textContent()).toMatch(/^\d+ sản phẩm$/);
    // The language switch flips the server's texts too.
    await page.getByRole('button', { name: 'English' }).click();
    const english = await page.locator('#grid .card h3').allTextContents();
    expect(english).not.toEqual(names);
    expect(english).toContain('Nam Can roe crab');
    expect(await page.locator('#count').textContent()).toMatch(/^\d+ products?$/);
    // A search still fetches, as before.
    await page.getByLabel('Search products').fill('cua');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => apiCalls.some((c) => c.startsWith('/api/products?q=cua'))).toBe(true);
  });

  it('a visitor who chose English sees the cards in English', async () => {
    const { page } = await newPage(true);
    await page.goto('/');
    await settled(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#grid .card h3').allTextContents()).toContain('Nam Can roe crab');
    await screenshot(page, 'storefront-server-filled-en');
  });

  it('a product named with markup shows it as text, filled in without a fetch of the product', async () => {
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'htx.rachgoc@choso.vn', password: 'ChoSo-HTX-2026!' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const sample = JSON.parse(
      JSON.parse(
        readFileSync(
          resolve(import.meta.dirname, '../../events/catalog/create-product.json'),
          'utf8',
        ),
      ).body,
    );
    const res = await fetch(`${server.url}/api/seller/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...sample, name: { vi: EVIL }, images: [] }),
    });
    expect(res.status).toBe(201);
    const { product } = (await res.json()) as { product: { id: string } };
    const { page, apiCalls, dialogs } = await newPage();
    await page.goto(`/san-pham/?id=${product.id}`);
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).waitFor();
    await settled(page);
    expect(await page.locator('#product h1').textContent()).toBe(EVIL);
    expect(await page.title()).toBe(`${EVIL} · Chợ Số`);
    expect(dialogs).toEqual([]);
    expect(
      apiCalls.filter(
        (c) => c.startsWith(`/api/products/${product.id}`) && !c.includes('/availability'),
      ),
    ).toEqual([]);
    await screenshot(page, 'product-server-filled-markup-name');
  });
});
