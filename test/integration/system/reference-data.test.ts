import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/call';

describe('GET /api/meta/reference-data', () => {
  it('carries a strong ETag and a day of caching; a revalidation with it costs a 304 and no body', async () => {
    const first = await call('GET /api/meta/reference-data');
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers['cache-control']).toBe(
      'public, max-age=86400, stale-while-revalidate=604800',
    );
    expect((first.body as { communes: unknown[] }).communes.length).toBeGreaterThan(60);

    const again = await call('GET /api/meta/reference-data', {
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers.etag).toBe(etag);

    const stale = await call('GET /api/meta/reference-data', {
      headers: { 'if-none-match': '"not-this-one"' },
    });
    expect(stale.status).toBe(200);
  });
});
