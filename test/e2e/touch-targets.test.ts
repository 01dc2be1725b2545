import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * Touch targets on a small Android phone (360 px wide): every visible link, button, field,
 * checkbox and radio of the main pages is at least 44 px high, or sits in (or is named by) a label
 * that is. Links inside a sentence are exempt (WCAG 2.5.8 "inline"), as is the skip link (off
 * screen until focused). A failure lists each offender with its page, text and height.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const MIN = 44;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-touch-'))),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    baseURL: server.url,
    locale: 'vi-VN',
    deviceScaleFactor: 1,
  });
  contexts.push(context);
  return context.newPage();
}

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

/**
 * Visible interactive elements smaller than MIN px high (and not saved by a label), described.
 * Runs in the page as a string: the test's TypeScript transform adds helpers the page lacks.
 * Exempt: links inside a sentence (a text or plain-element sibling with letters), a link whose
 * absolutely positioned ::after stretches over a tall card, the skip link, visually hidden ones.
 */
const SCAN = String.raw`((min) => {
  const out = [];
  const tall = (el) => !!el && el.getBoundingClientRect().height >= min - 0.5;
  const inline = (el) =>
    el.tagName === 'A' &&
    [...(el.parentElement ? el.parentElement.childNodes : [])].some(
      (n) =>
        n !== el &&
        (n.nodeType === Node.TEXT_NODE ||
          (n.nodeType === Node.ELEMENT_NODE && !n.matches('a, button, input, select, textarea'))) &&
        /\p{L}/u.test(n.textContent || ''),
    );
  const stretched = (el) => {
    const after = getComputedStyle(el, '::after');
    return after.content !== 'none' && after.position === 'absolute' && tall(el.offsetParent);
  };
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 2 || box.height <= 2) continue;
    if (el.classList.contains('skip-link') || inline(el) || stretched(el)) continue;
    if (tall(el)) continue;
    const labels = el instanceof HTMLInputElement && el.labels ? [...el.labels] : [];
    if (tall(el.closest('label')) || labels.some(tall)) continue;
    const kind = el instanceof HTMLInputElement ? 'input[' + el.type + ']' : el.tagName.toLowerCase();
    const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '')
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 40);
    out.push(kind + ' "' + text + '" ' + Math.round(box.height) + 'px');
  }
  return out;
})`;

function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(`${SCAN}(${MIN})`);
}

const found: string[] = [];
async function check(page: Page, name: string, path?: string) {
  if (path !== undefined) await page.goto(path);
  await settled(page);
  await screenshot(page, `touch-${name}`);
  for (const offender of await smallTargets(page)) found.push(`${name}: ${offender}`);
}

describe('touch targets at 360 px', () => {
  it('public pages', async () => {
    const page = await phone();
    await check(page, 'home', '/');
    const product = page.locator('a[href*="/san-pham/?id="]').first();
    await check(page, 'product', (await product.getAttribute('href')) ?? '/');
    await check(page, 'cart', '/gio-hang/');
    await check(page, 'sign-in', '/dang-nhap/');
    await check(page, 'sign-up', '/ban-hang/dang-ky/');
    await check(page, 'open-data', '/du-lieu-mo/');
    expect(found.join('\n')).toBe('');
  });

  it('seller portal: products, profile, payments, product form, import', async () => {
    found.length = 0;
    const page = await phone();
    await signIn(page, DEMO_ACCOUNTS.seller.email, DEMO_ACCOUNTS.seller.password);
    await check(page, 'seller-products', '/ban-hang/#san-pham');
    await page.getByRole('link', { name: 'Hồ sơ' }).click();
    await check(page, 'seller-profile');
    await page.getByRole('link', { name: 'Bán tại quầy' }).click();
    await check(page, 'seller-counter');
    await check(page, 'seller-product-new', '/ban-hang/san-pham/');
    await check(page, 'seller-import', '/ban-hang/nhap-hang/');
    expect(found.join('\n')).toBe('');
  });

  it('officer queue', async () => {
    found.length = 0;
    const page = await phone();
    await signIn(page, DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.officer.password);
    await check(page, 'officer', '/can-bo/?status=pending');
    await check(page, 'officer-approved', '/can-bo/?status=approved');
    expect(found.join('\n')).toBe('');
  });
});
