import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * shared/pages/templates.ts: where the page comes from (PAGE_TEMPLATES_DIR before the bucket,
 * neither is an error), the size limit's edge, and the cache's minute to the millisecond.
 * Each test sets its environment and loads a fresh config.
 */
const BASE = {
  TABLE_NAME: 'cho-so-main',
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const saved = { ...process.env };
const load = async (env: Record<string, string>) => {
  for (const k of ['SITE_BUCKET', 'PAGE_TEMPLATES_DIR']) delete process.env[k];
  Object.assign(process.env, BASE, env);
  vi.resetModules();
  return import('../../../shared/pages/templates');
};
beforeEach(() => vi.unstubAllGlobals());
afterEach(() => {
  vi.unstubAllGlobals();
  process.env = { ...saved };
});

describe('page template sources', () => {
  it('PAGE_TEMPLATES_DIR is read from disk, even when a bucket is set too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cho-so-templates-'));
    mkdirSync(join(dir, 'san-pham'));
    writeFileSync(join(dir, 'san-pham/index.html'), '<html>từ đĩa</html>');
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const { loadTemplate } = await load({ PAGE_TEMPLATES_DIR: dir, SITE_BUCKET: 'cho-so-site' });
    expect(await loadTemplate('product')).toBe('<html>từ đĩa</html>');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('neither a bucket nor a folder: a plain error', async () => {
    const { loadTemplate } = await load({});
    await expect(loadTemplate('storefront')).rejects.toThrow(
      /^neither SITE_BUCKET nor PAGE_TEMPLATES_DIR is set$/,
    );
  });

  it('exactly 512 KiB is accepted; a byte more is refused', async () => {
    const { loadTemplate, clearTemplateCache } = await load({ SITE_BUCKET: 'cho-so-site' });
    const size = 512 * 1024;
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('<html>max</html>', {
          status: 206,
          headers: { 'content-range': `bytes 0-${size - 1}/${size}` },
        }),
    );
    expect(await loadTemplate('storefront', 0)).toBe('<html>max</html>');
    clearTemplateCache();
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('<html>max</html>', {
          status: 206,
          headers: { 'content-range': `bytes 0-${size - 1}/${size + 1}` },
        }),
    );
    await expect(loadTemplate('storefront', 0)).rejects.toThrow(
      /^index\.html is larger than 524288 bytes$/,
    );
  });

  it('kept until the minute is over, not at its last millisecond; clearing forgets it', async () => {
    const { loadTemplate, clearTemplateCache } = await load({ SITE_BUCKET: 'cho-so-site' });
    let n = 0;
    vi.stubGlobal('fetch', async () => new Response(`<html>${++n}</html>`, { status: 200 }));
    expect(await loadTemplate('product', 1_000)).toBe('<html>1</html>');
    expect(await loadTemplate('product', 60_999)).toBe('<html>1</html>');
    expect(await loadTemplate('product', 61_000)).toBe('<html>2</html>');
    expect(await loadTemplate('product', 61_001)).toBe('<html>2</html>');
    clearTemplateCache();
    expect(await loadTemplate('product', 61_002)).toBe('<html>3</html>');
  });
});
