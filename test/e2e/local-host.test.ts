import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { launchBrowser } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/local-server';

/** `npm start` as a person uses it: real server process, DynamoDB Local on disk, real Chromium. */
const screenshots = resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const dataDir = mkdtempSync(join(tmpdir(), 'choso-e2e-'));
let server: RunningServer;
let browser: Browser;

const javaPids = () => {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  [server, browser] = await Promise.all([startServer(dataDir), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('local host', () => {
  it('serves the Vietnamese storefront, switches to English, and remembers it', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url);

    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ sản phẩm$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Chợ số của Cà Mau');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    for (const price of await page.locator('.price .amount').allTextContents())
      expect(price).toMatch(/^\d{1,3}(\.\d{3})*\u00a0₫$/);
    await page.screenshot({ path: join(screenshots, 'home-vi.png'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      "Ca Mau's digital market",
    );
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ products?$/);
    await page.screenshot({ path: join(screenshots, 'home-en.png'), fullPage: true });

    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('answers unknown pages with 404 and refuses path traversal', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'route.notFound' } });
  });

  it('compresses pages, scripts and API answers, and answers a revalidation with 304', async () => {
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((res, rej) => {
        const req = httpGet(`${server.url}${path}`, { headers }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () =>
            res({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }),
          );
        });
        req.on('error', rej);
      });
    const plain = await raw('/home/main.js', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw('/home/main.js', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    const gz = await raw('/', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('<main id="main">');
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await raw('/home/main.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const api = await raw('/api/meta/reference-data', { 'accept-encoding': 'gzip' });
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(api.body).toString())).toHaveProperty('communes');
    // A small answer is not worth compressing.
    const small = await raw('/api/health', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('keeps its data across a restart, seeds only once, and leaves no java process behind', async () => {
    // Entity counts are for officers (the public health answer is status only).
    const officerHealth = async () => {
      const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          login: DEMO_ACCOUNTS.officer.email,
          password: DEMO_ACCOUNTS.officer.password,
        }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const res = await fetch(`${server.url}/api/officer/health`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return res.json();
    };
    const before = await officerHealth();
    expect(before.entities).toMatchObject({ seller: 4, product: 6 });

    expect(await server.stop()).toBe(0);
    expect(javaPids()).toBe('');
    expect(server.output()).toContain('stopped cleanly');
    expect(server.output()).not.toContain('failure store');

    server = await startServer(dataDir);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await officerHealth();
    // Signing in to read them adds a session and audit records; the domain data is unchanged.
    const domain = (e: Record<string, number>) => ({
      seller: e.seller,
      product: e.product,
      account: e.account,
    });
    expect(domain(after.entities)).toEqual(domain(before.entities));
  });
});
