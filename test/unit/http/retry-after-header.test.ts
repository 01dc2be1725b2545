import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../../functions/_http/errors-to-http';
import { AppError } from '../../../shared/errors';

/**
 * Without a wait to announce, an error response has no Retry-After key at all, not one set to
 * undefined: the local host hands every header to Node's setHeader, which refuses undefined.
 */
const headersOf = (err: AppError) => toHttpError(err, 'r-1').headers;
const BASE = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-request-id': 'r-1',
};

describe('Retry-After only when there is a wait to announce', () => {
  it('429 and 503 without a usable wait: exactly the JSON headers and the request id', () => {
    for (const err of [
      new AppError('auth.throttled', 'Wait'),
      new AppError('order.rateLimited', 'Wait', { retryAfterSeconds: 0 }),
      new AppError('service.unavailable', 'Down', { retryAfterSeconds: Number.NaN }),
    ])
      expect(headersOf(err), err.code).toStrictEqual(BASE);
  });

  it('other statuses never carry it, even with a wait in the details', () => {
    expect(
      headersOf(new AppError('seller.versionConflict', 'x', { retryAfterSeconds: 5 })),
    ).toStrictEqual(BASE);
    expect(headersOf(new AppError('request.invalid', 'x'))).toStrictEqual(BASE);
  });

  it('429 with a wait: the JSON headers, the request id and Retry-After', () => {
    expect(
      headersOf(new AppError('auth.throttled', 'Wait', { retryAfterSeconds: 30 })),
    ).toStrictEqual({
      ...BASE,
      'retry-after': '30',
    });
  });
});
