/**
 * Pages on a slow phone network: each page loaded in real Chromium on Chrome's "Slow 3G" profile
 * (2 s round trip, 50 kB/s each way), first visit (empty cache), time from navigation to the first
 * useful content (the first product card, the product's title, the seller's product list, the
 * officer's queue, the sign-up form).
 *
 * Baseline, measured in the same run on the same seeded data: the pages as they were before
 * scripts/page-shell.ts, infra/local/compression.ts and functions/pages, i.e. built without the
 * header's shell, preloads and inline stylesheet, served without compression and without ETags, and
 * not filled on the server (host options `compress: false`, `renderPages: false`).
 * Goals (issue 11): storefront and product page ≤ 4 s, seller portal ≤ 6 s on a first visit.
 *
 *   npm run bench -- pages [--runs 3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import { type Comparison, percentile } from './harness';

const SLOW_3G = {
  offline: false,
  latency: 2000,
  downloadThroughput: 50 * 1024,
  uploadThroughput: 50 * 1024,
};

interface PageCase {
  name: string;
  path: (ids: { productId: string }) => string;
  /** The first useful content: visible, with a size. */
  selector: string;
  signIn?: { login: string; password: string };
  /** Absolute goal in ms on a first visit (issue 11), when there is one. */
  goalMs?: number;
}

const CASES: PageCase[] = [
  { name: 'storefront', path: () => '/', selector: '#grid .card h3', goalMs: 4000 },
  {
    name: 'product page',
    path: ({ productId }) => `/san-pham/?id=${encodeURIComponent(productId)}`,
    selector: '#product h1',
    goalMs: 4000,
  },
  {
    name: 'seller portal',
    path: () => '/ban-hang/',
    selector: '#products li',
    signIn: { login: 'htx.rachgoc@choso.vn', password: 'ChoSo-HTX-2026!' },
    goalMs: 6000,
  },
  {
    name: 'officer queue',
    path: () => '/can-bo/',
    selector: '#sellers:not([aria-busy="true"])',
    signIn: { login: 'canbo@choso.vn', password: 'ChoSo-CanBo-2026!' },
  },
  { name: 'sign-up', path: () => '/ban-hang/dang-ky/', selector: '#form-host form' },
];

/** Records, inside the page, when `selector` first matches a visible element (ms since navigation). */
const WATCH = (selector: string) => `
  (() => {
    const seen = () => {
      const el = document.querySelector(${JSON.stringify(selector)});
      if (!el) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const check = () => {
      if (window.__useful === undefined && seen()) window.__useful = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
    document.addEventListener('DOMContentLoaded', check);
  })();
`;

async function measure(
  context: BrowserContext,
  baseUrl: string,
  c: PageCase,
  ids: { productId: string },
): Promise<number> {
  if (c.signIn) {
    const res = await context.request.post(`${baseUrl}/api/auth/sign-in`, { data: c.signIn });
    if (!res.ok()) throw new Error(`sign-in for ${c.name}: ${res.status()}`);
  }
  const page = await context.newPage();
  await page.addInitScript(WATCH(c.selector));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await page.goto(`${baseUrl}${c.path(ids)}`, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => (window as { __useful?: number }).__useful !== undefined, null, {
    timeout: 120_000,
    polling: 100,
  });
  const ms = await page.evaluate(() => (window as unknown as { __useful: number }).__useful);
  await page.close();
  return ms;
}

/** Runs bench/pages-host.ts for the variant (its own process) and `run` against its URL. */
async function withHost<T>(
  variant: 'baseline' | 'current',
  run: (url: string) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `cho-so-bench-pages-${variant}-`));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'pages-host.ts'), variant, dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<string>((res, rej) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /ready (http:\/\/\S+)/.exec(out);
        if (ready?.[1]) res(ready[1]);
      });
      child.once('exit', (code) =>
        rej(new Error(`pages host (${variant}) exited: ${code}\n${out}`)),
      );
    });
    return await run(url);
  } finally {
    const exited = new Promise((res) => child.once('exit', res));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default {
  description:
    'time to first useful content per page on Slow 3G (2 s RTT, 50 kB/s), first visit: pages now vs as before the page shell, preloads, compression and server-filled pages',
  async run(args: string[]) {
    const runsAt = args.indexOf('--runs');
    const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 1) : 2;
    const browser = await launchBrowser();
    const times: Record<'baseline' | 'current', Record<string, number[]>> = {
      baseline: {},
      current: {},
    };
    try {
      for (const variant of ['baseline', 'current'] as const) {
        await withHost(variant, async (url) => {
          const list = (await (await fetch(`${url}/api/products?limit=1`)).json()) as {
            items: Array<{ id: string }>;
          };
          const productId = list.items[0]?.id;
          if (!productId) throw new Error('the seed has no product');
          for (const c of CASES) {
            for (let i = 0; i < runs; i++) {
              // A fresh context each time: empty cache and no cookies, a true first visit.
              const context = await browser.newContext({
                viewport: { width: 360, height: 740 },
                locale: 'vi-VN',
              });
              try {
                const ms = await measure(context, url, c, { productId });
                times[variant][c.name] = [...(times[variant][c.name] ?? []), ms];
              } finally {
                await context.close();
              }
            }
          }
        });
      }
    } finally {
      await browser.close();
    }
    const rows: Comparison[] = [];
    const verdicts: string[] = [];
    for (const c of CASES) {
      const now = percentile(times.current[c.name] ?? [], 50);
      const before = percentile(times.baseline[c.name] ?? [], 50);
      rows.push({
        figure: `${c.name}: first useful content (p50 of ${runs})`,
        unit: 'ms',
        value: now,
        baselineName: 'before (no shell, preloads, compression, server filling)',
        baseline: before,
        higherIsBetter: false,
        goal: { ratio: 1, comparison: 'atMost' },
      });
      if (c.goalMs)
        verdicts.push(
          `${c.name}: ${(now / 1000).toFixed(1)} s (goal ≤ ${c.goalMs / 1000} s: ${now <= c.goalMs ? 'met' : 'MISSED'})`,
        );
    }
    console.log(`absolute goals on Slow 3G, first visit:\n  ${verdicts.join('\n  ')}`);
    return rows;
  },
};
