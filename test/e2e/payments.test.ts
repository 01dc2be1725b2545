import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONNECTIONS } from '../../functions/payments/demo-connections';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { buildDelivery } from '../../shared/payments/simulate';
import { launchBrowser, mobileContext, mobileNumber, screenshot, signIn } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * The local demo of a payment, on a real `npm start`: the banner prints the demo webhooks, the
 * order page's "Giả lập chuyển khoản" turns the order paid within seconds, and a delivery signed
 * from outside with DEMO_WEBHOOK_SECRET through the printed URL pays too (a forged one does not).
 */
const SECRET = `demo-secret-${randomUUID()}`;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-payments-')), undefined, {
      DEMO_WEBHOOK_SECRET: SECRET,
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function checkout(quantity = 1) {
  const res = await fetch(`${server.url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      buyer: { name: 'Người mua thử', phone: mobileNumber() },
      delivery: { method: 'pickup' },
      payment: 'vietqr',
      lines: [{ productId: 'pr-demo-tomkho', quantity }],
    }),
  });
  const body = (await res.json()) as { orders: Array<{ code: string; accessToken: string }> };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.orders[0] as { code: string; accessToken: string };
}

const orderOf = async (o: { code: string; accessToken: string }) =>
  (
    (await (await fetch(`${server.url}/api/orders/${o.code}?t=${o.accessToken}`)).json()) as {
      order: { paymentStatus: string; amountDue: number; total: number };
    }
  ).order;

describe('payments on the local host', () => {
  it('prints the three demo webhook URLs and where the secret comes from', () => {
    const out = server.output();
    for (const { id, provider } of DEMO_CONNECTIONS)
      expect(out).toContain(`/api/webhooks/${provider}/${id}`);
    expect(out).toContain('from DEMO_WEBHOOK_SECRET');
    expect(out).not.toContain(SECRET);
  });

  it('the order page’s "Giả lập chuyển khoản" turns the order paid within 5 seconds', async () => {
    const order = await checkout();
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();
    await page.goto(`/don-hang/?code=${order.code}&t=${order.accessToken}`);
    const button = page.getByRole('button', { name: 'Giả lập chuyển khoản' });
    await button.waitFor();
    await screenshot(page, 'payments-order-before');
    await button.click();
    await page.getByText('Đã thanh toán', { exact: true }).first().waitFor({ timeout: 5_000 });
    await screenshot(page, 'payments-order-paid');
    expect((await orderOf(order)).paymentStatus).toBe('paid');
    await context.close();
  });

  it('a delivery signed with DEMO_WEBHOOK_SECRET pays through the printed URL; a forged one is 401', async () => {
    const order = await checkout();
    const before = await orderOf(order);
    const sepay = DEMO_CONNECTIONS.find((c) => c.provider === 'sepay');
    const url = `${server.url}/api/webhooks/sepay/${sepay?.id}`;
    const transfer = {
      transactionId: String(Date.now()),
      amount: 100_000,
      content: `MBVCB.1.${order.code}.CT tu ban`,
      accountNumber: '',
      at: new Date(),
    };
    const forged = buildDelivery('sepay', { secret: `${SECRET}x`, sepayAuth: 'hmac' }, transfer);
    const refused = await fetch(url, {
      method: 'POST',
      headers: forged.headers,
      body: forged.rawBody,
    });
    expect(refused.status).toBe(401);
    const signed = buildDelivery('sepay', { secret: SECRET, sepayAuth: 'hmac' }, transfer);
    const accepted = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.rawBody,
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ success: true });
    const after = await orderOf(order);
    expect(after.paymentStatus).toBe(100_000 < before.total ? 'partially_paid' : 'paid');
    expect(after.amountDue).toBe(Math.max(0, before.total - 100_000));
  });

  it('the seller sees its connections and matches an unmatched transfer to an order in the portal', async () => {
    const order = await checkout();
    const { total } = await orderOf(order);
    const casso = DEMO_CONNECTIONS.find((c) => c.provider === 'casso');
    const lunch = buildDelivery(
      'casso',
      { secret: SECRET },
      {
        transactionId: String(Date.now() + 7),
        amount: total,
        content: 'chuyen tien hang tuan truoc',
        accountNumber: '',
        at: new Date(),
      },
    );
    const res = await fetch(`${server.url}/api/webhooks/casso/${casso?.id}`, {
      method: 'POST',
      headers: lunch.headers,
      body: lunch.rawBody,
    });
    expect(res.status).toBe(200);
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();
    const seller = DEMO_ACCOUNTS.seller as { email: string; password: string };
    await signIn(page, seller.email, seller.password);
    await page.goto('/ban-hang/#thanh-toan');
    await page.getByRole('heading', { name: 'Kết nối của bạn' }).waitFor();
    for (const { id } of DEMO_CONNECTIONS) await page.getByText(new RegExp(id)).first().waitFor();
    await expect(page.content()).resolves.not.toContain(SECRET);
    await screenshot(page, 'payments-portal');
    const item = page.getByRole('listitem').filter({ hasText: 'chuyen tien hang tuan truoc' });
    await item.getByLabel('Mã đơn để ghi nhận').fill(order.code);
    await item.getByRole('button', { name: 'Ghi nhận cho đơn' }).click();
    await page.getByText('Đã ghi nhận vào đơn.').waitFor();
    expect((await orderOf(order)).paymentStatus).toBe('paid');
    await screenshot(page, 'payments-portal-matched');
    await context.close();
  });

  it('the seller confirms a transfer by hand on the order in the portal (dialog, errors shown)', async () => {
    const order = await checkout();
    const { total } = await orderOf(order);
    const reference = `FT${Date.now()}`;
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();
    const seller = DEMO_ACCOUNTS.seller as { email: string; password: string };
    await signIn(page, seller.email, seller.password);
    await page.goto('/ban-hang/#don-hang');
    await page.getByRole('button', { name: `Đơn ${order.code}` }).click();
    const form = page.getByRole('form', { name: 'Xác nhận thanh toán thủ công' });
    await form.waitFor();
    // An amount that cannot be read is refused in the page, nothing sent.
    await form.getByLabel('Số tiền đã nhận').fill('mười nghìn');
    await form.getByLabel('Mã giao dịch ngân hàng').fill(reference);
    await form.getByRole('button', { name: 'Xác nhận đã nhận tiền' }).click();
    await form.getByText('Không đọc được số tiền', { exact: false }).first().waitFor();
    expect((await orderOf(order)).paymentStatus).toBe('unpaid');
    // The amount as a seller writes it, then the dialog.
    await form.getByLabel('Số tiền đã nhận').fill(`${total / 1000}k`);
    await form.getByRole('button', { name: 'Xác nhận đã nhận tiền' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(order.code, { exact: false }).waitFor();
    await screenshot(page, 'payments-manual-dialog');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(`cho đơn ${order.code}.`, { exact: false }).first().waitFor();
    expect((await orderOf(order)).paymentStatus).toBe('paid');
    await screenshot(page, 'payments-manual-confirmed');

    // The same bank reference for another order: the API's refusal is shown on the form.
    const second = await checkout();
    await page.getByRole('button', { name: '← Danh sách đơn' }).click();
    await page.getByRole('button', { name: `Đơn ${second.code}` }).click();
    const form2 = page.getByRole('form', { name: 'Xác nhận thanh toán thủ công' });
    await form2.getByLabel('Mã giao dịch ngân hàng').fill(reference);
    await form2.getByRole('button', { name: 'Xác nhận đã nhận tiền' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
    await form2.locator('.error-summary').waitFor({ state: 'visible' });
    expect((await orderOf(second)).paymentStatus).toBe('unpaid');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'payments-manual-error-desktop');
    await context.close();
  });

  it('a simulated transfer shows in the seller’s navigation count without a reload', async () => {
    const order = await checkout();
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();
    const seller = DEMO_ACCOUNTS.seller as { email: string; password: string };
    await signIn(page, seller.email, seller.password);
    await page.goto('/ban-hang/#san-pham');
    await page.getByRole('heading', { name: 'Sản phẩm của bạn' }).waitFor();
    // Let the first look (the baseline) happen, then the money arrives.
    await page.waitForResponse((r) => r.url().includes('/api/seller/transfers?state=matched'));
    const res = await fetch(`${server.url}/api/dev/simulate-transfer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderCode: order.code, provider: 'payos' }),
    });
    expect(res.status).toBe(200);
    const badge = page.locator('.tabs a[href="#don-hang"] .nav-count');
    await badge.getByText('Đã thanh toán mới (1)').waitFor({ timeout: 20_000 });
    await screenshot(page, 'payments-nav-count');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'payments-nav-count-desktop');
    // Opening the orders shows the order paid and clears the count.
    await page.getByRole('link', { name: /Đơn hàng/ }).click();
    await page.getByRole('button', { name: `Đơn ${order.code}` }).waitFor();
    await expect(badge.isHidden()).resolves.toBe(true);
    await context.close();
  });

  it('an officer sees every seller’s unmatched transfers with the seller’s name and marks one not a sale', async () => {
    const casso = DEMO_CONNECTIONS.find((c) => c.provider === 'casso');
    const text = `chuyen tien ca nhan ${randomUUID().slice(0, 8)}`;
    const personal = buildDelivery(
      'casso',
      { secret: SECRET },
      {
        transactionId: String(Date.now() + 11),
        amount: 77_000,
        content: text,
        accountNumber: '',
        at: new Date(),
      },
    );
    const res = await fetch(`${server.url}/api/webhooks/casso/${casso?.id}`, {
      method: 'POST',
      headers: personal.headers,
      body: personal.rawBody,
    });
    expect(res.status).toBe(200);
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();
    const officer = DEMO_ACCOUNTS.officer as { email: string; password: string };
    await signIn(page, officer.email, officer.password);
    await page.goto('/can-bo/');
    await page
      .getByRole('heading', { name: 'Chuyển khoản chưa khớp đơn (mọi người bán)' })
      .waitFor();
    const item = page.locator('#officer-transfers li').filter({ hasText: text });
    await item.getByText('Hợp tác xã Tôm khô Rạch Gốc').waitFor();
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'payments-officer-queue');
    await item.getByRole('button', { name: 'Không phải bán hàng' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Đã ghi là không phải bán hàng.').waitFor();
    await item.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'payments-officer-queue-desktop');
    await context.close();
  });
});
