import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { launchBrowser, mobileContext, screenshot, signIn } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * The security work as people meet it: a seller asks for a new bank account (password needed;
 * the old account stays in use), an officer reviews it in the queue, an admin disables the
 * officer's sign-in and reads the audit trail.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-security-'))),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await mobileContext(browser, server.url);
  return context.newPage();
}

describe('account security pages', () => {
  it('bank-account change: password, officer review, then the admin offboards the officer', async () => {
    // 1. The seller asks for a new account; without the password the form says so.
    const seller = await newPage();
    await signIn(seller, DEMO_ACCOUNTS.seller.email, DEMO_ACCOUNTS.seller.password);
    await seller.goto('/ban-hang/#ho-so');
    await seller.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    await seller.getByLabel('Số tài khoản').fill('0071000999888');
    await seller.getByLabel('Tên chủ tài khoản').fill('HTX Tôm khô Rạch Gốc');
    await seller.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await expect
      .poll(() => seller.locator('.field.has-error').first().textContent())
      .toContain('Mật khẩu hiện tại');
    await seller.getByLabel('Mật khẩu hiện tại').fill(DEMO_ACCOUNTS.seller.password);
    await seller.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await seller.getByText('Tài khoản mới chờ duyệt').waitFor();
    expect(await seller.locator('#profile-host').textContent()).toContain('0071000999888');
    await screenshot(seller, 'security-seller-bank-pending');

    // 2. The officer sees it in the bank-change queue and approves it.
    const officer = await newPage();
    await signIn(officer, DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.officer.password);
    await officer.goto('/can-bo/?status=bank');
    await officer.getByRole('heading', { name: 'Yêu cầu đổi tài khoản ngân hàng' }).waitFor();
    await officer.getByText('0071000999888').first().waitFor();
    await screenshot(officer, 'security-officer-bank-queue');
    await officer
      .getByRole('button', { name: /^Duyệt tài khoản mới/ })
      .first()
      .click();
    await officer.getByRole('dialog').getByRole('button', { name: 'Duyệt' }).click();
    await expect
      .poll(() => officer.getByRole('status').first().textContent())
      .toContain('Đã duyệt tài khoản mới');

    // 3. The admin disables the officer's sign-in and finds it in the audit trail.
    const admin = await newPage();
    await signIn(admin, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    await admin.goto('/quan-tri/');
    await admin.getByRole('heading', { name: 'Cán bộ Sở Công Thương' }).waitFor();
    await admin
      .getByRole('button', { name: `Khóa đăng nhập ${DEMO_ACCOUNTS.officer.email}` })
      .click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Lý do').fill('Chuyển công tác sang Sở khác');
    await dialog.getByRole('button', { name: 'Khóa' }).click();
    await expect
      .poll(() => admin.locator('#message').textContent())
      .toContain(`Đã khóa ${DEMO_ACCOUNTS.officer.email}`);
    await expect.poll(() => admin.locator('#audit').textContent()).toContain('Khóa tài khoản');
    await expect
      .poll(() => admin.locator('#audit').textContent())
      .toContain('Duyệt tài khoản ngân hàng mới');
    await screenshot(admin, 'security-admin-audit');

    // The officer's open page loses its session at once.
    await officer.reload();
    await officer.waitForURL((url) => url.pathname.startsWith('/dang-nhap/'));
  });
});
