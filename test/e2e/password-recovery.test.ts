import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { launchBrowser, mobileContext, screenshot, signIn } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * Password recovery as a seller meets it on a phone: "Quên mật khẩu?" on the sign-in page, the
 * mail in the local outbox (/_outbox), the link, a new password, signing in with it; and the
 * officer-assisted way: an officer issues a one-time password, the seller signs in with it and
 * must choose a new one.
 */
let server: RunningServer;
let browser: Browser;
const seller = DEMO_ACCOUNTS.seller;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-recovery-'))),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(width = 360): Promise<Page> {
  const context = await mobileContext(browser, server.url);
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  return page;
}

const signInAnswer = (login: string, password: string) =>
  fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ login, password }),
  });

describe('password recovery', () => {
  it('forgot password → mail in /_outbox → link → new password → sign in', async () => {
    const page = await newPage();
    await page.goto('/dang-nhap/');
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.waitForURL('**/quen-mat-khau/');
    await page.getByLabel('Email hoặc số điện thoại').fill(seller.email);
    await page.getByRole('button', { name: 'Gửi liên kết đặt lại' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('vừa gửi liên kết');
    await screenshot(page, 'recovery-request-360');

    // The local host keeps the mail: list, then the mail itself.
    await page.goto('/_outbox/');
    await page
      .getByRole('link', { name: /Đặt lại mật khẩu Chợ Số/ })
      .first()
      .click();
    await page.getByText(`Xin chào ${'Hợp tác xã Tôm khô Rạch Gốc'}`).waitFor();
    await screenshot(page, 'recovery-outbox-mail-360');
    await page.getByRole('link', { name: /\/dat-lai-mat-khau\/#token=/ }).click();
    await page.waitForURL('**/dat-lai-mat-khau/**');
    // The token leaves the address bar at once.
    await expect.poll(() => new URL(page.url()).hash).toBe('');

    const fresh = page.getByLabel('Mật khẩu mới', { exact: true });
    await fresh.fill('Tôm-khô-mới-2027!');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Tôm-khô-mới-2027!');
    await page.getByLabel('Hiện mật khẩu').check();
    expect(await fresh.getAttribute('type')).toBe('text');
    await screenshot(page, 'recovery-reset-form-360');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Đã đặt mật khẩu mới');

    expect((await signInAnswer(seller.email, seller.password)).status).toBe(401);
    const next = await newPage(1280);
    await signIn(next, seller.email, 'Tôm-khô-mới-2027!');
    expect(new URL(next.url()).pathname).toBe('/ban-hang/');

    const desktop = await newPage(1280);
    await desktop.goto('/quen-mat-khau/');
    await screenshot(desktop, 'recovery-request-desktop');
  }, 180_000);

  it('officer-assisted: a one-time password shown once, then the seller must choose a new one', async () => {
    const officer = await newPage(1280);
    await signIn(officer, DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.officer.password);
    await officer.goto('/can-bo/?status=approved');
    await officer
      .getByRole('button', { name: /^Cấp mật khẩu một lần Hợp tác xã Tôm khô Rạch Gốc/ })
      .click();
    const dialog = officer.getByRole('dialog');
    await dialog
      .getByLabel('Bạn đã xác minh thế nào?')
      .fill('Gọi lại số trong hồ sơ, khớp mã số thuế và người đại diện');
    await dialog.getByRole('button', { name: 'Cấp mật khẩu' }).click();
    const shown = officer.locator('[data-one-time-password]');
    await shown.waitFor();
    const otp = (await shown.getAttribute('data-one-time-password')) ?? '';
    expect(otp).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await shown.textContent()).toContain(seller.email);
    await screenshot(officer, 'recovery-officer-otp-desktop');

    const page = await newPage();
    await signIn(page, seller.email, otp);
    await page.waitForURL('**/doi-mat-khau/**');
    await page.getByLabel('Mật khẩu hiện tại').fill(otp);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Cua-Năm-Căn-2028!');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Cua-Năm-Căn-2028!');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/doi-mat-khau/'));
    // Used once: the one-time password no longer signs in.
    expect((await signInAnswer(seller.email, otp)).status).toBe(401);
    expect((await signInAnswer(seller.email, 'Cua-Năm-Căn-2028!')).status).toBe(200);
  }, 180_000);
});
