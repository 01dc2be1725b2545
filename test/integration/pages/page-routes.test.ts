import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../infra/local/dynamodb-local';
import { type LocalHost, startLocalHost } from '../../../infra/local/host';
import { PAGE_DATA_ID } from '../../../shared/pages/html';
import { clearTemplateCache } from '../../../shared/pages/templates';
import { call } from '../../helpers/call';
import { goods, seller } from '../orders/fixtures';

/**
 * `/` and `/san-pham/?id=` through the real local host (infra/local/host.ts): routed by
 * shared/http/page-routes.ts to the page-render handlers (functions/pages), which fill the pages
 * with the products, every text escaped; kept as CloudFront keeps them; the page as built when the
 * render cannot fill it.
 */
const EVIL = '<script>alert(1)</script> Tôm “khô” & mắm';
const webSources = resolve(import.meta.dirname, '..', '..', '..', 'web');

let host: LocalHost;
const dataDir = mkdtempSync(join(tmpdir(), 'cho-so-pages-'));
const webDir = join(dataDir, 'web');
let evilId: string;
let plainId: string;

const get = async (path: string) => {
  const res = await fetch(`${host.url}${path}`);
  return { res, html: await res.text() };
};
/** Waits until the storefront's API lists `count` products or more. */
async function listed(count: number) {
  for (let i = 0; i < 60; i++) {
    const res = await call('GET /api/products', { query: { limit: '50' } });
    if (res.body.items.length >= count) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the storefront never listed ${count} products`);
}
const pageData = (html: string) => {
  const m = new RegExp(
    `<script type="application/json" id="${PAGE_DATA_ID}">([^<]*)</script>`,
  ).exec(html);
  return m ? (JSON.parse(m[1] ?? 'null') as Record<string, unknown>) : undefined;
};

beforeAll(async () => {
  // The page sources carry the same slots as the built pages (web/dist).
  mkdirSync(join(webDir, 'san-pham'), { recursive: true });
  copyFileSync(join(webSources, 'index.html'), join(webDir, 'index.html'));
  copyFileSync(join(webSources, 'san-pham', 'index.html'), join(webDir, 'san-pham', 'index.html'));
  host = await startLocalHost({ port: await freePort(), dataDir, webDir, log: () => undefined });
  const s = await seller();
  evilId = (await goods(s.sellerId, { name: { vi: EVIL, en: EVIL }, price: 1_250_000 })).id;
  plainId = (await goods(s.sellerId, { name: { vi: 'Mật ong U Minh' }, price: 320_000 })).id;
  // Listed (the storefront's feed follows the table) before the first page is kept.
  await listed(2);
}, 180_000);
afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the storefront page', () => {
  it('has its first products in the HTML, escaped, with the data for the script', async () => {
    const { res, html } = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('s-maxage=60');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toContain('class="skeleton"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Tôm “khô” &amp; mắm');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(`href="/san-pham/?id=${evilId}"`);
    expect(html).toContain('<strong class="amount">1.250.000\u00a0₫</strong>');
    expect(html).toContain('<strong class="amount">320.000\u00a0₫</strong>');
    // The product preload is gone (the data is here); the page's own script stays.
    expect(html).not.toContain('/api/products?limit=12');
    expect(html).toContain('<script type="module" src="/home/main.js"></script>');
    const data = pageData(html) as {
      storefront: { items: Array<{ id: string; name: { vi: string } }> };
    };
    expect(data.storefront.items.find((p) => p.id === evilId)?.name.vi).toBe(EVIL);
  });

  it('drops query parameters the page does not read; a search gets the page as built', async () => {
    const tagged = await get('/?utm_source=zalo&fbclid=abc');
    expect(pageData(tagged.html)).toBeDefined();
    expect(tagged.html).toContain(`href="/san-pham/?id=${evilId}"`);
    const search = await get('/?q=mat%20ong');
    expect(search.res.status).toBe(200);
    expect(pageData(search.html)).toBeUndefined();
    expect(search.html).toContain('class="skeleton"');
  });

  it('is kept for its s-maxage, as CloudFront keeps it', async () => {
    const first = await get('/');
    const s = await seller();
    const later = await goods(s.sellerId, { name: { vi: 'Cua gạch Năm Căn' } });
    await listed(3);
    const again = await get('/');
    expect(again.html).toBe(first.html);
    expect(again.html).not.toContain(later.id);
  });
});

describe('the product page', () => {
  it('has the product in the HTML and the title, escaped', async () => {
    const { res, html } = await get(`/san-pham/?id=${evilId}&utm_campaign=tet`);
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toBeNull();
    expect(html).toContain(
      '<h1><span data-vi="&lt;script&gt;alert(1)&lt;/script&gt; Tôm “khô” &amp; mắm"',
    );
    expect(html).toContain(
      '<title data-vi="&lt;script&gt;alert(1)&lt;/script&gt; Tôm “khô” &amp; mắm · Chợ Số"',
    );
    expect(html).not.toContain('<script>alert');
    expect((pageData(html) as { product: { id: string } }).product.id).toBe(evilId);
    expect(html).toContain('<strong class="amount">1.250.000\u00a0₫</strong>');
  });

  it('an unknown or malformed id gets the page as built, with the preload of its fetch', async () => {
    const unknown = await get('/san-pham/?id=pr-does-not-exist');
    expect(unknown.res.status).toBe(200);
    expect(pageData(unknown.html)).toBeUndefined();
    expect(unknown.html).toContain('aria-busy="true"');
    expect(unknown.res.headers.get('link')).toBe(
      '</api/products/pr-does-not-exist>; rel=preload; as=fetch; crossorigin=anonymous',
    );
    const malformed = await get('/san-pham/?id=..%2F..%2Fapi%2Fme');
    expect(malformed.res.status).toBe(200);
    expect(pageData(malformed.html)).toBeUndefined();
    expect(malformed.res.headers.get('link')).toBeNull();
  });

  it('a render that cannot fill the page answers the page as built, not kept', async () => {
    const file = join(webDir, 'san-pham', 'index.html');
    const good = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, good.replace(/<article id="product"[\s\S]*?<\/article>/, ''));
      clearTemplateCache();
      const { res, html } = await get(`/san-pham/?id=${plainId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(pageData(html)).toBeUndefined();
      expect(res.headers.get('link')).toContain(`/api/products/${plainId}`);
    } finally {
      writeFileSync(file, good);
      clearTemplateCache();
    }
    // Not kept: the next request fills the page.
    const { html } = await get(`/san-pham/?id=${plainId}`);
    expect((pageData(html) as { product: { id: string } }).product.id).toBe(plainId);
  });
});
