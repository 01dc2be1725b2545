import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { launchBrowser, screenshot, signIn, signUpSeller } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * The officer's queue on a phone: each pending card shows what is needed to check the application
 * (name, tax code, commune, sector in words, account holder, email, a phone link); approving asks
 * first; rejecting needs a reason, which the seller then reads in its portal.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const REASON = 'Mã số thuế không khớp giấy đăng ký kinh doanh';

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(mkdtempSync(join(tmpdir(), 'choso-reject-'))),
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

describe('officer rejects an application with a reason', () => {
  it('checks the card, confirms, rejects with a reason; the seller sees the reason', async () => {
    const applicant = await signUpSeller(server.url);
    const other = await signUpSeller(server.url);
    const officer = await phone();
    await signIn(officer, DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.officer.password);
    await officer.goto('/can-bo/?status=pending');
    const card = officer.locator('li[data-seller-id]', { hasText: applicant.legalName });
    await card.waitFor();

    // Enough of the application to check it, and a way to call.
    await expect.poll(() => card.textContent()).toContain(applicant.taxCode);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(applicant.email);
    expect(text).toContain('HTX CUA NAM CAN');
    expect(text).toContain('Tên đăng ký kinh doanh');
    // Sector in words, not a bare code.
    expect(text).toMatch(/Ngành nghề chính.*[a-zà-ỹ]{3,}.*\(0321\)/i);
    expect(await card.locator('a[href^="tel:"]').getAttribute('href')).toBe(
      `tel:${applicant.phone}`,
    );

    // Buttons are 44 px or more and well apart.
    const approve = card.getByRole('button', { name: /^Duyệt/ });
    const reject = card.getByRole('button', { name: /^Từ chối/ });
    const a = await approve.boundingBox();
    const r = await reject.boundingBox();
    if (!a || !r) throw new Error('buttons not laid out');
    expect(Math.min(a.height, r.height)).toBeGreaterThanOrEqual(44);
    const gap = r.y > a.y + a.height - 1 ? r.y - (a.y + a.height) : r.x - (a.x + a.width);
    expect(gap).toBeGreaterThanOrEqual(16);
    await screenshot(officer, 'officer-pending-card');

    // Approving asks first; cancelling changes nothing.
    await approve.click();
    const dialog = officer.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Duyệt hồ sơ “${applicant.legalName}”?`);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await card.getByRole('button', { name: /^Duyệt/ }).count()).toBe(1);

    // Rejecting needs a reason.
    await reject.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await expect
      .poll(() => dialog.locator('.field-error').textContent())
      .toContain('Vui lòng ghi lý do');
    await screenshot(officer, 'officer-reject-dialog');
    await dialog.getByLabel('Lý do từ chối').fill(REASON);
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await officer.getByText(`Đã từ chối hồ sơ “${applicant.legalName}”.`).waitFor();

    await officer.goto('/can-bo/?status=rejected');
    const rejected = officer.locator('li[data-seller-id]', { hasText: applicant.legalName });
    await rejected.waitFor();
    expect(await rejected.textContent()).toContain(REASON);
    // The other application is untouched.
    await officer.goto('/can-bo/?status=pending');
    await officer.locator('li[data-seller-id]', { hasText: other.legalName }).waitFor();

    // The seller reads the reason and can correct the profile.
    const seller = await phone();
    await signIn(seller, applicant.email, applicant.password);
    await seller.goto('/ban-hang/');
    const status = seller.getByRole('region', { name: 'Trạng thái hồ sơ' });
    await status.waitFor();
    const said = (await status.textContent()) ?? '';
    expect(said).toContain('Hồ sơ chưa được duyệt');
    expect(said).toContain(`Lý do: ${REASON}`);
    await screenshot(seller, 'seller-rejected');
    await status.getByRole('link', { name: 'Sửa hồ sơ' }).click();
    await seller.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    await seller.getByRole('button', { name: 'Lưu và gửi lại để duyệt' }).click();
    await seller.getByText('Đã lưu và gửi lại hồ sơ.').waitFor();
  });
});
