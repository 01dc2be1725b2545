import { describe, expect, it } from 'vitest';
import { PageCache, sharedCacheTimes } from '../../../infra/local/page-cache';

/** The local host keeps server-filled pages as CloudFront does, by their Cache-Control. */
const page = (body: string, cacheControl: string, statusCode = 200) => ({
  statusCode,
  headers: { 'Cache-Control': cacheControl },
  body,
});
const PAGE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400';

describe('PageCache', () => {
  it('reads the shared-cache times; never keeps no-store, private or errors', () => {
    expect(sharedCacheTimes(page('x', PAGE))).toEqual({ fresh: 60, stale: 300, ifError: 86400 });
    expect(sharedCacheTimes(page('x', 'public, max-age=30'))).toEqual({
      fresh: 30,
      stale: 0,
      ifError: 0,
    });
    expect(sharedCacheTimes(page('x', 'no-store'))).toBeUndefined();
    expect(sharedCacheTimes(page('x', 'private, max-age=60'))).toBeUndefined();
    expect(sharedCacheTimes(page('x', 'max-age=0'))).toBeUndefined();
    expect(sharedCacheTimes(page('x', PAGE, 404))).toBeUndefined();
  });

  it('fresh: kept; stale: kept while one render runs; then the new page', async () => {
    let now = 0;
    const cache = new PageCache(() => now);
    let renders = 0;
    const render = async () => page(`v${++renders}`, PAGE);
    expect((await cache.get('k', render)).body).toBe('v1');
    now = 59_000;
    expect((await cache.get('k', render)).body).toBe('v1');
    expect(renders).toBe(1);
    now = 61_000;
    // Stale: the kept page at once, one render behind it (not two for two requests).
    const [a, b] = await Promise.all([cache.get('k', render), cache.get('k', render)]);
    expect([a.body, b.body]).toEqual(['v1', 'v1']);
    await new Promise((r) => setTimeout(r, 0));
    expect(renders).toBe(2);
    expect((await cache.get('k', render)).body).toBe('v2');
    // Past stale-while-revalidate: rendered before answering.
    now = 61_000 + 361_000;
    expect((await cache.get('k', render)).body).toBe('v3');
    expect((await cache.get('other', render)).body).toBe('v4');
  });

  it('a failed render answers the kept page within stale-if-error, else fails', async () => {
    let now = 0;
    const cache = new PageCache(() => now);
    await cache.get('k', async () => page('good', PAGE));
    now = 1000 * 1000;
    expect((await cache.get('k', async () => page('err', 'no-store', 502))).body).toBe('good');
    await expect(
      cache.get('k', async () => {
        throw new Error('down');
      }),
    ).resolves.toMatchObject({ body: 'good' });
    now = 87_000 * 1000;
    await expect(
      cache.get('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    // A no-store answer is passed on, not kept.
    const fresh = new PageCache(() => 0);
    expect((await fresh.get('k', async () => page('once', 'no-store'))).body).toBe('once');
    expect((await fresh.get('k', async () => page('twice', 'no-store'))).body).toBe('twice');
  });
});
