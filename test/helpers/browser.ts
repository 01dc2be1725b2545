import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * The browser the tests drive, in this order: CHROMIUM_PATH; the system Chromium (Debian's
 * /usr/bin/chromium); else the Chromium that the npm package @sparticuz/chromium ships (a
 * devDependency: it unpacks to /tmp on first use, no download at run time). A missing browser fails
 * loudly: e2e tests never skip.
 */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) return system;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A phone-sized context (iPhone 12-ish, 390×844), Vietnamese, its own cookies and storage. */
export const MOBILE = { width: 390, height: 844 } as const;

export function mobileContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ viewport: MOBILE, baseURL, locale: 'vi-VN', deviceScaleFactor: 1 });
}

export const screenshotsDir = resolve(
  import.meta.dirname,
  '..',
  '..',
  'test-results',
  'screenshots',
);

/** Full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}

/** Signs in through the real form and waits for the page the role lands on. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/dang-nhap/');
  await page.getByLabel('Email hoặc số điện thoại').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const problem = page.getByRole('alert').filter({ hasText: /\S/ });
  const outcome = await Promise.race([
    page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap/')).then(() => 'ok'),
    problem
      .first()
      .waitFor()
      .then(() => 'error'),
  ]);
  if (outcome === 'error')
    throw new Error(`sign-in failed: ${await problem.first().textContent()}`);
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

let axeSource: string | undefined;

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules plus best practices) in the page. */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  // Evaluated through the DevTools protocol: the pages' CSP (script-src 'self') forbids inline tags.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Violations that fail a test: serious and critical. */
export const blocking = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/**
 * A fresh seller for browser tests, made through the public sign-up API (no database access from
 * the test): unique email, phone and tax code on every call.
 */
export interface WebSeller {
  email: string;
  phone: string;
  password: string;
  legalName: string;
  taxCode: string;
}

let counter = 0;

/** A 10-digit tax code with a valid check digit. */
export function validTaxCode(): string {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (;;) {
    const body = `20${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
    const check = 10 - (sum % 11);
    if (check <= 9) return `${body}${check}`;
  }
}

export const mobileNumber = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

export async function signUpSeller(baseUrl: string, legalName?: string): Promise<WebSeller> {
  const run = `${Date.now().toString(36)}${++counter}`;
  const seller: WebSeller = {
    email: `htx.${run}@example.vn`,
    phone: mobileNumber(),
    password: 'Cua-Nam-Can-2026',
    legalName: legalName ?? `Hợp tác xã Cua Năm Căn ${run}`,
    taxCode: validTaxCode(),
  };
  const res = await fetch(`${baseUrl}/api/sellers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: seller.email,
      phone: seller.phone,
      password: seller.password,
      legalName: seller.legalName,
      type: 'cooperative',
      taxCode: seller.taxCode,
      communeCode: '32191',
      sectorCode: '0321',
      bank: { bin: '970436', accountNumber: '1023456789', holderName: 'HTX CUA NAM CAN' },
    }),
  });
  // 202 whether or not the login was new (the API does not confirm existing accounts).
  if (res.status !== 202) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return seller;
}
