import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { formatVnd } from '../../shared/money';
import { roundTo } from '../../shared/stats/indicators';
import {
  type AxeViolation,
  axeScan,
  blocking,
  launchBrowser,
  mobileNumber,
  signIn,
} from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * The officer statistics pages on a real `npm start`: an officer enters TMBL, GRDP and the other
 * inputs of the current period through /thong-ke/so-lieu/ (an API field error shown at its field
 * first), a buyer's VietQR order of the demo cooperative is paid (POST /api/dev/simulate-transfer),
 * and the dashboard's figures move by exactly what the order's amount implies, computed here from
 * the amounts and the figures read before (deltas: the local seed may add a year of demo history).
 * The dashboard renders without console errors, each chart has its table, Chart.js is a separate
 * chunk that other pages never load, and axe finds nothing serious. Screenshots at 360 and 1280 px
 * go to /tmp/shots/.
 *
 * The host runs with SEED_HISTORY=false: folding the demo year (3 600 entries) takes minutes on a
 * busy machine and would move the month and year cells while the test reads them.
 */
const SHOTS = '/tmp/shots';
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const year = today.slice(0, 4);
const month = `M${today.slice(0, 7)}`;
const monthVi = `tháng ${today.slice(5, 7)}/${year}`;

/** What the officer enters (whole VND; ratios as typed with a decimal comma). */
const TMBL_TOTAL = 2_000_000_000;
const TMBL_GOODS = 1_000_000_000;
const GRDP = 100_000_000_000;
const OUTPUT_RATIO = 0.5;
const VALUE_ADDED_RATIO = 0.4;
const OPERATOR_VA = 3_000_000;
const ENTERPRISES = 40;
const COOPERATIVES = 10;
/** The demo cooperative's dried shrimp (division 10), 1 kg, picked up: goods only, no delivery. */
const ORDER_AMOUNT = 1_250_000;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-statistics-')), undefined, {
      DEMO_WEBHOOK_SECRET: `demo-secret-${randomUUID()}`,
      SEED_HISTORY: 'false',
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function officerPage(width: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    baseURL: server.url,
    locale: 'vi-VN',
    deviceScaleFactor: 1,
  });
  contexts.push(context);
  const page = await context.newPage();
  const officer = DEMO_ACCOUNTS.officer;
  await signIn(page, officer.email, officer.password);
  return page;
}

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
    timeout: 60_000,
  });
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `[${v.impact}] ${v.id} — ${v.help}\n    ${JSON.stringify(v.nodes)}`)
    .join('\n');
}

interface Card {
  value: number | null;
  text: string;
  progress: number | null;
  terms: Record<string, number>;
}

/** The dashboard's figures as the page shows them (full precision in data-value). */
async function readDashboard(page: Page, period: string): Promise<Record<string, Card>> {
  await page.goto(`/thong-ke/?period=${period}`);
  await settled(page);
  return page.evaluate(() => {
    const out: Record<string, Card> = {};
    for (const card of document.querySelectorAll<HTMLElement>('[data-figure]')) {
      const raw = card.dataset.value ?? 'null';
      const progress = card.querySelector<HTMLElement>('progress')?.dataset.progress ?? 'null';
      const terms: Record<string, number> = {};
      for (const dd of card.querySelectorAll<HTMLElement>('[data-term]'))
        terms[dd.dataset.term as string] = Number(dd.dataset.termValue);
      out[card.dataset.figure as string] = {
        value: raw === 'null' ? null : Number(raw),
        text: card.querySelector('.stat-value')?.textContent ?? '',
        progress: progress === 'null' ? null : Number(progress),
        terms,
      };
    }
    return out;
  });
}

const pct = (v: number) =>
  `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(roundTo(v, 2))} %`;

/** Fills the entry form for one input and saves it; waits for the page's confirmation. */
async function enter(
  page: Page,
  kind: string,
  dims: Record<string, string>,
  values: Record<string, string>,
  source: { type: string; reference?: string },
  saved: string,
) {
  const form = page.locator('#input-form');
  await form.getByLabel('Loại số liệu').selectOption(kind);
  for (const [label, value] of Object.entries(dims))
    await form.getByLabel(label, { exact: true }).selectOption(value);
  for (const [label, value] of Object.entries(values))
    await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByLabel(source.type, { exact: true }).check();
  await form.getByLabel(/^Số hiệu văn bản/).fill(source.reference ?? '');
  await form.getByRole('button', { name: 'Lưu số liệu' }).click();
  await page.locator('#message').filter({ hasText: saved }).waitFor({ timeout: 15_000 });
}

async function placeAndPay(): Promise<string> {
  const res = await fetch(`${server.url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      buyer: { name: 'Người mua thống kê', phone: mobileNumber() },
      delivery: { method: 'pickup' },
      payment: 'vietqr',
      lines: [{ productId: 'pr-demo-tomkho', quantity: 1 }],
    }),
  });
  const body = (await res.json()) as { orders: Array<{ code: string; total: number }> };
  expect(res.status, JSON.stringify(body)).toBe(201);
  const order = body.orders[0] as { code: string; total: number };
  expect(order.total).toBe(ORDER_AMOUNT);
  const paid = await fetch(`${server.url}/api/dev/simulate-transfer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderCode: order.code }),
  });
  expect(paid.status, await paid.clone().text()).toBe(200);
  return order.code;
}

describe('officer statistics pages', () => {
  it('inputs entered on the page and a paid order move the dashboard by exactly the right amount', async () => {
    const page = await officerPage(1280);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    // A day has no TMBL: the share is named as missing, never a zero.
    const day = await readDashboard(page, `D${today}`);
    expect(day.ecommerceShare?.value).toBeNull();
    await expect(
      page.locator('[data-figure="ecommerceShare"] .missing').textContent(),
    ).resolves.toContain('Thiếu số liệu: TMBL được nhập theo tháng, quý hoặc năm');
    expect(day.ecommerceShare?.text).toBe('Chưa tính được');

    // --- the inputs, through the page ------------------------------------------------------
    await page.goto(`/thong-ke/so-lieu/?year=${year}`);
    await settled(page);
    const form = page.locator('#input-form');
    // An API field error is shown next to its field: goods above the total.
    await form.getByLabel('Kỳ', { exact: true }).selectOption(month);
    await form.getByLabel('Tổng mức bán lẻ (hàng hóa và dịch vụ)', { exact: true }).fill('1.000');
    await form.getByLabel('Trong đó: bán lẻ hàng hóa', { exact: true }).fill('2.000');
    await form.getByLabel('Số hiệu văn bản', { exact: false }).fill('Báo cáo thử');
    await form.getByRole('button', { name: 'Lưu số liệu' }).click();
    const goodsField = form.locator('.field', {
      has: page.getByLabel('Trong đó: bán lẻ hàng hóa', { exact: true }),
    });
    await goodsField
      .locator('.field-error')
      .filter({ hasText: 'Bán lẻ hàng hóa không được lớn hơn tổng mức bán lẻ.' })
      .waitFor();
    await expect(
      page.getByLabel('Trong đó: bán lẻ hàng hóa', { exact: true }).getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await page.screenshot({
      path: join(SHOTS, 'statistics-inputs-error-1280.png'),
      fullPage: false,
    });

    await enter(
      page,
      'tmbl',
      { Kỳ: month, 'Địa bàn': 'P96' },
      {
        'Tổng mức bán lẻ (hàng hóa và dịch vụ)': '2.000.000.000',
        'Trong đó: bán lẻ hàng hóa': '1.000.000.000',
      },
      { type: 'Văn bản', reference: `Báo cáo kinh tế - xã hội ${monthVi} (thử)` },
      `Đã lưu Tổng mức bán lẻ hàng hóa và dịch vụ (TMBL), ${monthVi} · Toàn tỉnh Cà Mau`,
    );
    await enter(
      page,
      'grdp',
      { 'Địa bàn': 'P96' },
      { 'GRDP theo giá hiện hành': '100.000.000.000' },
      { type: 'Trang web', reference: 'https://thongke.camau.gov.vn/grdp' },
      `Đã lưu GRDP theo giá hiện hành, năm ${year} · Toàn tỉnh Cà Mau`,
    );
    await enter(
      page,
      'sectorRatio',
      { 'Ngành (VSIC cấp 2)': '10' },
      { 'Hệ số sản lượng (0–1)': '0,5', 'Hệ số giá trị tăng thêm (0–1)': '0,4' },
      { type: 'Ước tính' },
      'Đã lưu Hệ số sản lượng và giá trị tăng thêm của ngành',
    );
    await enter(
      page,
      'operatorValueAdded',
      {},
      { 'Giá trị tăng thêm': '3.000.000' },
      { type: 'Ước tính' },
      'Đã lưu Giá trị tăng thêm của đơn vị vận hành nền tảng',
    );
    await enter(
      page,
      'enterprises',
      { 'Địa bàn': 'P96' },
      {
        'Doanh nghiệp đang hoạt động': String(ENTERPRISES),
        'Hợp tác xã đang hoạt động': String(COOPERATIVES),
        'Hộ kinh doanh': '500',
      },
      { type: 'Văn bản', reference: 'Niên giám thống kê (thử)' },
      'Đã lưu Doanh nghiệp, hợp tác xã và hộ kinh doanh đang hoạt động',
    );
    // A year of TMBL by commune from CSV: a bad line is named and nothing is entered; then it is.
    const csvForm = page.locator('#csv-form');
    const upload = async (csv: string) => {
      await csvForm.getByLabel('Tệp CSV').setInputFiles({
        name: 'tmbl.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await csvForm.getByLabel(/^Số hiệu văn bản/).fill('Niên giám thống kê (thử)');
      await csvForm.getByRole('button', { name: 'Tải lên' }).click();
    };
    await upload('commune_code,total,goods\n32248,900000000,600000000\n99999,1,1\n');
    await csvForm.locator('.csv-problems').filter({ hasText: 'Dòng 3' }).waitFor();
    await upload(
      'commune_code,total,goods\n32248,900000000,600000000\n32191,800000000,500000000\n',
    );
    await page
      .locator('#message')
      .filter({ hasText: `Đã nhập TMBL năm ${year} của 2 xã/phường.` })
      .waitFor({ timeout: 15_000 });
    await page.locator(`[data-kind="tmbl"] tr[data-key="Y${year}|C32191"]`).waitFor();
    // The history lists the TMBL with its source, version and who entered it.
    const tmblRow = page.locator(`[data-kind="tmbl"] tr[data-key="${month}|P96"]`);
    await expect(tmblRow.textContent()).resolves.toContain('2.000.000.000');
    await expect(tmblRow.textContent()).resolves.toContain('ac-demo-officer');
    await page.screenshot({ path: join(SHOTS, 'statistics-inputs-1280.png'), fullPage: true });

    // --- before, the order, after ----------------------------------------------------------
    // (The 422 of the deliberate error above is in the console; the dashboard's must be clean.)
    consoleErrors.length = 0;
    const before = await readDashboard(page, month);
    const beforeYear = await readDashboard(page, `Y${year}`);
    expect(before.ecommerceShare?.terms.tmbl).toBe(TMBL_TOTAL);
    expect(beforeYear.digitalEconomyShare?.terms.grdp).toBe(GRDP);

    await placeAndPay();
    const ordersBefore = before.orders?.value ?? 0;
    let after = before;
    const deadline = Date.now() + 90_000;
    while ((after.orders?.value ?? 0) === ordersBefore) {
      if (Date.now() > deadline) throw new Error('the dashboard never showed the paid order');
      await page.waitForTimeout(1_000);
      after = await readDashboard(page, month);
    }
    const afterYear = await readDashboard(page, `Y${year}`);

    const v = (c: Record<string, Card>, id: string) => c[id]?.value as number;
    expect(v(after, 'netSales') - v(before, 'netSales')).toBe(ORDER_AMOUNT);
    expect(v(after, 'onlineNetSales') - v(before, 'onlineNetSales')).toBe(ORDER_AMOUNT);
    expect(v(after, 'orders') - v(before, 'orders')).toBe(1);
    expect(v(after, 'counterSales')).toBe(v(before, 'counterSales'));
    expect(after.netSales?.text).toBe(formatVnd(v(after, 'netSales')));

    // E-commerce share: online net ÷ TMBL × 100, the order adds 1 250 000 ÷ 2 000 000 000 × 100.
    const online = v(after, 'onlineNetSales');
    expect(v(after, 'ecommerceShare')).toBeCloseTo((online * 100) / TMBL_TOTAL, 12);
    expect(v(after, 'ecommerceShare') - (before.ecommerceShare?.value ?? 0)).toBeCloseTo(
      (ORDER_AMOUNT * 100) / TMBL_TOTAL,
      12,
    );
    expect(after.ecommerceShare?.text).toBe(pct(v(after, 'ecommerceShare')));
    expect(after.ecommerceShare?.progress).toBe(
      roundTo((v(after, 'ecommerceShare') / 20) * 100, 2),
    );
    expect(v(after, 'ecommerceShareGoods') - (before.ecommerceShareGoods?.value ?? 0)).toBeCloseTo(
      (ORDER_AMOUNT * 100) / TMBL_GOODS,
      12,
    );

    // Cashless: the VietQR sale adds one cashless sale and its value to both sides.
    const cc = before.cashlessShareCount?.terms as Record<string, number>;
    expect(v(after, 'cashlessShareCount')).toBeCloseTo(
      (((cc.cashless ?? 0) + 1) * 100) / ((cc.all ?? 0) + 1),
      12,
    );
    const cv = before.cashlessShareValue?.terms as Record<string, number>;
    expect(v(after, 'cashlessShareValue')).toBeCloseTo(
      (((cv.cashless ?? 0) + ORDER_AMOUNT) * 100) / ((cv.all ?? 0) + ORDER_AMOUNT),
      12,
    );

    // SME adoption: active sellers ÷ (enterprises + cooperatives); the cooperative is active now.
    const activeBefore = v(before, 'activeSellers');
    const activeAfter = v(after, 'activeSellers');
    expect([activeBefore, activeBefore + 1]).toContain(activeAfter);
    expect(v(after, 'smeAdoption')).toBeCloseTo(
      (activeAfter * 100) / (ENTERPRISES + COOPERATIVES),
      12,
    );

    // Digital economy (year): the order adds 1 250 000 × 0.5 × 0.4 ÷ GRDP × 100.
    expect(afterYear.digitalEconomyShare?.value).not.toBeNull();
    expect(
      v(afterYear, 'digitalEconomyShare') - (beforeYear.digitalEconomyShare?.value ?? 0),
    ).toBeCloseTo((ORDER_AMOUNT * OUTPUT_RATIO * VALUE_ADDED_RATIO * 100) / GRDP, 12);
    expect(afterYear.digitalEconomyShare?.terms.operatorValueAdded).toBe(OPERATOR_VA);
    expect(v(afterYear, 'netSales') - v(beforeYear, 'netSales')).toBe(ORDER_AMOUNT);
    // A month has no GRDP: named, not zero.
    expect(after.digitalEconomyShare?.value).toBeNull();
    await page.goto(`/thong-ke/?period=${month}`);
    await settled(page);
    await expect(
      page.locator('[data-figure="digitalEconomyShare"] .missing').textContent(),
    ).resolves.toContain('Thiếu số liệu: GRDP chỉ có theo năm');
    // The inputs used are listed with source and version.
    await expect(
      page.locator(`[data-figure="ecommerceShare"] [data-input="tmbl|${month}|P96"]`).textContent(),
    ).resolves.toMatch(/phiên bản \d+ · nguồn Văn bản: Báo cáo kinh tế - xã hội/);

    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  }, 300_000);

  it('renders the dashboard with a table for every chart, Chart.js as its own chunk, no console errors', async () => {
    for (const width of [360, 1280]) {
      const page = await officerPage(width);
      const problems: string[] = [];
      const scripts: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
        if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
      });
      await page.goto(`/thong-ke/?period=${month}`);
      await settled(page);
      for (const id of [
        'chart-sales',
        'chart-share',
        'chart-communes',
        'chart-sectors',
        'chart-cashless',
      ]) {
        const fig = page.locator(`#${id}`);
        await expect(fig.locator('table caption').count()).resolves.toBe(1);
        await expect(fig.locator('table th[scope="col"]').count()).resolves.toBeGreaterThan(1);
        await expect(fig.locator('canvas[role="img"]').getAttribute('aria-label')).resolves.toMatch(
          /bảng/,
        );
      }
      // Chart.js drew (the canvas got its size) once its chunk loaded.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('canvas')].every((c) => c.width > 0 && c.height > 0),
      );
      await expect(page.locator('#chart-sales tr[data-row]').count()).resolves.toBe(12);
      expect(scripts.some((s) => /^\/chunks\/charts-[A-Z0-9]+\.js$/.test(s))).toBe(true);
      // Export links carry the filters.
      const xlsx = await page.locator('a[data-format="xlsx"]').getAttribute('href');
      expect(xlsx).toBe(
        `/api/stats/export?period=${month}&area=P96&sector=*&table=all&format=xlsx&lang=vi`,
      );
      const csv = await page.request.get(
        (await page
          .locator('a[data-format="csv"][data-table="indicators"]')
          .getAttribute('href')) as string,
      );
      expect(csv.status()).toBe(200);
      await page.waitForTimeout(500);
      await page.screenshot({
        path: join(SHOTS, `statistics-dashboard-${width}.png`),
        fullPage: true,
      });
      if (width === 1280) {
        // The English switch: static and computed words follow, the charts redraw.
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: 'Digital-economy statistics' }).waitFor();
        await expect(page.locator('[data-figure="ecommerceShare"] h3').textContent()).resolves.toBe(
          'Platform contribution to the e-commerce share of total retail sales',
        );
        await page.screenshot({ path: join(SHOTS, 'statistics-dashboard-en-1280.png') });
        await page.getByRole('button', { name: 'Tiếng Việt' }).click();
        const found = blocking(await axeScan(page));
        expect(describeViolations(found), 'axe on the dashboard').toBe('');
        await page.goto('/thong-ke/so-lieu/');
        await settled(page);
        const onInputs = blocking(await axeScan(page));
        expect(describeViolations(onInputs), 'axe on the inputs page').toBe('');
      } else {
        await page.goto('/thong-ke/so-lieu/');
        await settled(page);
        await page.screenshot({ path: join(SHOTS, 'statistics-inputs-360.png'), fullPage: true });
      }
      expect(problems, problems.join('\n')).toEqual([]);
    }
    // Another officer page never loads the chart chunk.
    const other = await officerPage(1280);
    const loaded: string[] = [];
    other.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    await other.goto('/can-bo/');
    await settled(other);
    expect(loaded.filter((p) => p.startsWith('/chunks/'))).toEqual([]);
  }, 300_000);
});
