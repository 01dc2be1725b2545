import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { demoSellers } from '../../infra/local/seed-data';
import { formatVnd } from '../../shared/money';
import {
  axeScan,
  blocking,
  launchBrowser,
  mobileNumber,
  screenshot,
  validTaxCode,
} from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * The public open-data page on a real `npm start`, with sales arranged through the API only:
 * a paid VietQR order of the demo cooperative (POST /api/dev/simulate-transfer), one new seller
 * alone in a commune that had no sales this year, and three new sellers in another. The page shows
 * `c` for the lone seller's commune, numbers where the API publishes numbers, never a seller's
 * name or id (nor does the API), and its tables have captions and header cells (axe, too).
 * Screenshots at 360 px and 1280 px go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
let server: RunningServer;
let browser: Browser;

type Published = number | 'c';
interface Row {
  code: string;
  netSales: Published[];
  salesCount: Published[];
}
interface Tables {
  year: number;
  columns: string[];
  byCommune: Row[];
  bySector: Row[];
  province: Row;
}

const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
const month = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(5, 7));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-open-data-')), undefined, {
      DEMO_WEBHOOK_SECRET: `demo-secret-${randomUUID()}`,
      // The test arranges its own sales and reads no absolute figure; the demo history's year of
      // ledger entries would sit ahead of them in the stream fold for minutes on a busy machine.
      SEED_HISTORY: 'false',
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function json<T>(path: string, init: RequestInit = {}, expected = 200): Promise<T> {
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  expect(res.status, `${init.method ?? 'GET'} ${path}: ${text}`).toBe(expected);
  return JSON.parse(text) as T;
}

const tables = () => json<Tables>(`/api/open-data/sales?year=${year}`);

async function signInToken(login: string, password: string): Promise<string> {
  const { token } = await json<{ token: string }>('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return token;
}

interface NewSeller {
  id: string;
  legalName: string;
  taxCode: string;
  email: string;
  token: string;
}

/** Signs a seller up in `communeCode`, has the demo officer approve it, signs it in. */
async function approvedSeller(communeCode: string, officer: string): Promise<NewSeller> {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const s = {
    email: `od.${run}@example.vn`,
    password: 'Mat-Ong-U-Minh-2026',
    legalName: `Hộ kinh doanh Mật ong ${run}`,
    taxCode: validTaxCode(),
  };
  await json(
    '/api/sellers',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: s.email,
        phone: mobileNumber(),
        password: s.password,
        legalName: s.legalName,
        type: 'household',
        taxCode: s.taxCode,
        communeCode,
        sectorCode: '1079',
        bank: { bin: '970436', accountNumber: '1023456789', holderName: 'HO KINH DOANH MAT ONG' },
      }),
    },
    202,
  );
  const auth = { authorization: `Bearer ${officer}` };
  const pending = await json<{ items: Array<{ id: string; taxCode: string; version: number }> }>(
    '/api/officer/sellers?status=pending&limit=100',
    { headers: auth },
  );
  const mine = pending.items.find((p) => p.taxCode === s.taxCode);
  if (!mine) throw new Error(`seller ${s.taxCode} not in the approval queue`);
  await json(`/api/officer/sellers/${mine.id}/status`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'approve', version: mine.version }),
  });
  return { id: mine.id, ...s, token: await signInToken(s.email, s.password) };
}

async function counterSale(seller: NewSeller, amount: number) {
  await json(
    '/api/seller/counter-sales',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${seller.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: randomUUID(), amount, kind: 'goods', method: 'cash' }),
    },
    201,
  );
}

/** The officer's (unsuppressed) yearly net sales of a commune: tells when the fold is done. */
async function netSalesOf(officer: string, communeCode: string): Promise<number> {
  const answer = await json<{ figures: Array<{ id: string; value: number | null }> }>(
    `/api/stats/indicators?period=Y${year}&area=C${communeCode}&sector=*`,
    { headers: { authorization: `Bearer ${officer}` } },
  );
  return answer.figures.find((f) => f.id === 'netSales')?.value ?? 0;
}

/** Polls until `state()` is `want` (the stream consumer folds sales in within seconds). */
async function until<T>(state: () => Promise<T>, want: T, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const now = await state();
    if (JSON.stringify(now) === JSON.stringify(want)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A full-page screenshot into /tmp/shots (once more if a busy browser fails the first). */
async function shot(page: Page, name: string) {
  const path = join(SHOTS, `${name}.png`);
  await page
    .screenshot({ path, fullPage: true })
    .catch(() => page.waitForTimeout(1000).then(() => page.screenshot({ path, fullPage: true })));
}

const rowOf = (t: Tables, code: string) => t.byCommune.find((r) => r.code === code) as Row;

let lone: NewSeller;
let trio: NewSeller[];
let loneCommune: string;
let trioCommune: string;
let after: Tables;

async function openPage(width: number, query = ''): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    baseURL: server.url,
    locale: 'vi-VN',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`/du-lieu-mo/${query}`);
  await page
    .waitForFunction(
      () => document.querySelector('#results')?.getAttribute('aria-busy') === 'false',
      undefined,
      { timeout: 60_000 },
    )
    .catch((e: Error) => {
      throw new Error(`${e.message}\npage errors: ${problems.join('\n')}`);
    });
  expect(problems).toEqual([]);
  return page;
}

/** The text of the cells of the row `code` in the table inside `box`. */
const rowCells = (page: Page, box: string, code: string) =>
  page.locator(`${box} tr[data-code="${code}"] td`).allTextContents();

describe('open-data page', { timeout: 240_000 }, () => {
  it('arranges sales through the API: a paid order, one lone seller, three sellers together', async () => {
    const before = await tables();
    // Communes with no sale this year: true zeros in the answer, away from the demo sellers.
    const demoCommunes = new Set(demoSellers.map((d) => d.communeCode));
    const empty = before.byCommune.filter(
      (r) =>
        !demoCommunes.has(r.code) && r.salesCount[12] === 0 && r.netSales.every((v) => v === 0),
    );
    expect(empty.length).toBeGreaterThan(2);
    loneCommune = (empty.at(-1) as Row).code;
    trioCommune = (empty.at(-2) as Row).code;

    const officer = await signInToken(DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.officer.password);
    const demoCommune = demoSellers.find((d) => d.id === 'sl-demo-rachgoc')?.communeCode as string;
    const demoBefore = await netSalesOf(officer, demoCommune);
    // The demo cooperative sells online, paid through the simulated bank transfer.
    const order = await json<{ orders: Array<{ code: string; accessToken: string }> }>(
      '/api/orders',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          buyer: { name: 'Người mua dữ liệu mở', phone: mobileNumber() },
          delivery: { method: 'pickup' },
          payment: 'vietqr',
          lines: [{ productId: 'pr-demo-tomkho', quantity: 1 }],
        }),
      },
      201,
    );
    const code = order.orders[0]?.code as string;
    const paid = await json<{ status: number }>('/api/dev/simulate-transfer', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderCode: code }),
    });
    expect(paid.status).toBe(200);

    lone = await approvedSeller(loneCommune, officer);
    trio = [];
    for (let i = 0; i < 3; i++) trio.push(await approvedSeller(trioCommune, officer));
    await counterSale(lone, 450_000);
    for (const [i, s] of trio.entries()) await counterSale(s, 200_000 + 50_000 * i);

    // Folded when the officer's figures (not disclosure-controlled) hold every sale.
    await until(
      async () => [
        await netSalesOf(officer, loneCommune),
        await netSalesOf(officer, trioCommune),
        (await netSalesOf(officer, demoCommune)) > demoBefore,
      ],
      [450_000, 750_000, true],
      'the sales to be folded into the statistics cells (lone, trio, demo order)',
    );
    after = await tables();
    expect(rowOf(after, loneCommune).netSales[12]).toBe('c');
    // three sellers, none dominant: published
    expect(rowOf(after, trioCommune).salesCount[12]).toBe(3);
    // one seller: its commune is c in its month and in the year, sales count too
    expect(rowOf(after, loneCommune).netSales[month - 1]).toBe('c');
    expect(rowOf(after, loneCommune).salesCount[12]).toBe('c');
  });

  it('the API names no seller: no id, legal name, tax code or email in the answer', async () => {
    const text = JSON.stringify(after);
    for (const s of [lone, ...trio])
      for (const secret of [s.id, s.legalName, s.taxCode, s.email])
        expect(text).not.toContain(secret);
    expect(text).not.toMatch(/sl-demo|Rạch Gốc|HTX|sellerId/);
  });

  it('shows c for the lone seller’s commune, numbers where the API publishes them (360 px)', async () => {
    const page = await openPage(360);
    await screenshot(page, 'open-data-360');
    await shot(page, 'open-data-360');
    // whole year, the default
    expect(await rowCells(page, '#communes', loneCommune)).toEqual(['c', 'c']);
    // the three sellers' commune is published: the API's numbers, formatted
    expect(await rowCells(page, '#communes', trioCommune)).toEqual([formatVnd(750_000), '3']);
    // and every published yearly cell of the API is in the page as it is
    for (const r of [...after.byCommune, after.province])
      if (typeof r.netSales[12] === 'number' && r.netSales[12] > 0)
        expect((await rowCells(page, '#communes', r.code))[0]).toBe(formatVnd(r.netSales[12]));
    // the legend explains c and links to the methodology
    const legend = page.locator('.open-data-legend');
    expect(await legend.getByText('ít hơn 3 người bán', { exact: false }).count()).toBe(1);
    expect(await legend.getByText('quy tắc p%', { exact: false }).count()).toBe(1);
    expect(await legend.getByRole('link', { name: /Phương pháp/ }).getAttribute('href')).toBe(
      '/du-lieu-mo/phuong-phap/',
    );
    // downloads follow the year
    expect(await page.locator('#download-csv').getAttribute('href')).toBe(
      `/api/open-data/sales?year=${year}&format=csv`,
    );
    // the month: the lone commune is c in it too
    await page.selectOption('#period', String(month).padStart(2, '0'));
    expect(await rowCells(page, '#communes', loneCommune)).toEqual(['c', 'c']);
    expect(page.url()).toContain(`period=${String(month).padStart(2, '0')}`);
    // nothing in the page names a seller
    const html = await page.content();
    for (const s of [lone, ...trio])
      for (const secret of [s.id, s.legalName, s.taxCode, s.email])
        expect(html).not.toContain(secret);
    expect(html).not.toMatch(/sl-demo|Rạch Gốc/);
    await page.context().close();
  });

  it('tables have captions and header cells, and axe finds nothing serious (1280 px, 12 months)', async () => {
    const page = await openPage(1280, `?year=${year}&period=all&measure=net`);
    await shot(page, 'open-data-1280-months');
    const tablesInPage = page.locator('main table');
    expect(await tablesInPage.count()).toBe(2);
    for (const t of await tablesInPage.all()) {
      expect((await t.locator('caption').textContent())?.trim()).not.toBe('');
      expect(await t.locator('thead th[scope="col"]').count()).toBe(14);
      const rows = await t.locator('tbody tr').count();
      expect(await t.locator('tbody th[scope="row"]').count()).toBe(rows);
      expect(await t.locator('tfoot th[scope="row"]').count()).toBe(1);
    }
    const cells = await rowCells(page, '#communes', loneCommune);
    expect(cells).toHaveLength(13);
    expect(cells[month - 1]).toBe('c');
    expect(cells[12]).toBe('c');
    expect(blocking(await axeScan(page))).toEqual([]);
    // English: the same tables, words switched
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open data: sales on Chợ Số' }).waitFor();
    expect(await page.locator('#communes caption').textContent()).toContain('Sales by commune');
    await page.selectOption('#period', 'Y');
    await shot(page, 'open-data-1280-en');
    expect(blocking(await axeScan(page))).toEqual([]);
    await page.context().close();
  });

  it('the methodology page, Vietnamese then English, at 360 px', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 900 },
      baseURL: server.url,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    await page.goto('/du-lieu-mo/phuong-phap/');
    await page.getByRole('heading', { level: 1, name: 'Phương pháp' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByText('Asia/Ho_Chi_Minh', { exact: false }).count()).toBeGreaterThan(0);
    await shot(page, 'open-data-methodology-360');
    expect(blocking(await axeScan(page))).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Methodology' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(blocking(await axeScan(page))).toEqual([]);
    await context.close();
  });

  it('the footer links to the open data (from the cart page)', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto('/gio-hang/');
    await page
      .locator('.site-footer')
      .getByRole('link', { name: 'Dữ liệu mở' })
      .click({ timeout: 60_000 });
    await page.waitForURL('**/du-lieu-mo/');
    await context.close();
  });
});
