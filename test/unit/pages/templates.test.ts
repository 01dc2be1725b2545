import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The page templates on AWS: read from the site bucket with a signed GET (the function's role may
 * read those two keys only), kept a minute, failures not kept.
 */
beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'cho-so-main',
    AWS_REGION: 'ap-southeast-1',
    SITE_BUCKET: 'cho-so-site-bucket',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  });
  delete process.env.PAGE_TEMPLATES_DIR;
});
afterEach(() => vi.unstubAllGlobals());

const load = async () => import('../../../shared/pages/templates');

describe('page templates from the site bucket', () => {
  it('reads the built page with a signed GET and keeps it a minute', async () => {
    const { loadTemplate, clearTemplateCache } = await load();
    clearTemplateCache();
    const seen: Array<{ url: string; auth: string | undefined }> = [];
    vi.stubGlobal('fetch', async (url: string, init: { headers: Record<string, string> }) => {
      seen.push({ url, auth: init.headers.authorization });
      return new Response('<html>page</html>', {
        status: 206,
        headers: { 'content-range': 'bytes 0-16/17' },
      });
    });
    expect(await loadTemplate('product', 1_000)).toBe('<html>page</html>');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(
      'https://cho-so-site-bucket.s3.ap-southeast-1.amazonaws.com/san-pham/index.html',
    );
    expect(seen[0]?.auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(await loadTemplate('product', 60_000)).toBe('<html>page</html>');
    expect(seen).toHaveLength(1);
    await loadTemplate('product', 61_001);
    expect(seen).toHaveLength(2);
  });

  it('a missing or oversized page is an error, and is not kept', async () => {
    const { loadTemplate, clearTemplateCache } = await load();
    clearTemplateCache();
    vi.stubGlobal('fetch', async () => new Response('no', { status: 404 }));
    await expect(loadTemplate('storefront')).rejects.toThrow('the site bucket has no index.html');
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('x', { status: 206, headers: { 'content-range': 'bytes 0-0/999999999' } }),
    );
    await expect(loadTemplate('storefront')).rejects.toThrow(/larger than/);
    vi.stubGlobal('fetch', async () => new Response('<html>ok</html>', { status: 200 }));
    expect(await loadTemplate('storefront')).toBe('<html>ok</html>');
  });
});
