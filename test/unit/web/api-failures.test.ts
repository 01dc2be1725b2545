import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, asApiError } from '../../../web/lib/api';

/**
 * web/lib/api.ts tells failures apart (issue 11): no network, timeout, server trouble, and the
 * API's own refusals. fetch is the browser's; here it is replaced per test with what a phone meets.
 */
afterEach(() => {
  vi.unstubAllGlobals();
});

const fail = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected a failure');
};

describe('api failures', () => {
  it('no connection is network.offline, retryable, and says so in Vietnamese', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const err = await fail(api('/api/x', { method: 'POST', body: { a: 1 } }));
    expect(err.code).toBe('network.offline');
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
    expect(err.text('vi')).toContain('Không kết nối được mạng');
    expect(err.text('vi')).not.toContain('Hệ thống');
    expect(err.text('en')).toContain('No network connection');
  });

  it('no answer in time is network.timeout (the request is aborted)', async () => {
    let aborted = false;
    vi.stubGlobal(
      'fetch',
      (_: string, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    const err = await fail(api('/api/x', { timeoutMs: 20 }));
    expect(aborted).toBe(true);
    expect(err.code).toBe('network.timeout');
    expect(err.kind).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(err.text('vi')).toContain('Mạng quá chậm');
  });

  it('a 5xx without our envelope is a server error naming its status', async () => {
    vi.stubGlobal('fetch', async () => new Response('Bad gateway', { status: 502 }));
    const err = await fail(api('/api/x'));
    expect(err.code).toBe('internal');
    expect(err.kind).toBe('server');
    expect(err.retryable).toBe(true);
    expect(err.text('vi')).toContain('mã 502');
  });

  it("the API's own refusal keeps its code and details and is not retried as is", async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            error: { code: 'request.invalid', message: 'bad', details: { issues: [] } },
            requestId: 'r',
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    );
    const err = await fail(api('/api/x'));
    expect(err.code).toBe('request.invalid');
    expect(err.kind).toBe('rejected');
    expect(err.retryable).toBe(false);
    expect(err.details).toEqual({ issues: [] });
  });

  it('503 service.unavailable and 429 are worth retrying; 409 is not', async () => {
    expect(new ApiError('service.unavailable', 503, '').retryable).toBe(true);
    expect(new ApiError('order.rateLimited', 429, '').retryable).toBe(true);
    expect(new ApiError('product.versionConflict', 409, '').retryable).toBe(false);
  });

  it('a stalled upload is a timeout; a TypeError thrown elsewhere is the network', () => {
    expect(new ApiError('upload.stalled', 0, '').kind).toBe('timeout');
    expect(asApiError(new TypeError('Failed to fetch')).code).toBe('network.offline');
    expect(asApiError(new Error('bug')).code).toBe('internal');
  });

  it('custom headers still reach fetch (the orders pages send Idempotency-Key)', async () => {
    let seen: Record<string, string> | undefined;
    vi.stubGlobal('fetch', async (_: string, init: RequestInit) => {
      seen = init.headers as Record<string, string>;
      return new Response('{}', { status: 200 });
    });
    await api('/api/x', { method: 'POST', body: {}, headers: { 'idempotency-key': 'k1' } });
    expect(seen).toMatchObject({ 'idempotency-key': 'k1', 'content-type': 'application/json' });
  });
});
