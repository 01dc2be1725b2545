import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { dispatch } from '../../../functions/_http/dispatch';
import { errorBody, statusFor, toHttpError } from '../../../functions/_http/errors-to-http';
import type { HttpHandler } from '../../../functions/_http/http-handler';
import { CursorParam, wholeParam } from '../../../functions/_http/params';
import { created, json, noContent, ok } from '../../../functions/_http/respond';
import { AppError, ERROR_CODES } from '../../../shared/errors';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

describe('responses', () => {
  it('json sets the status, the JSON headers (extra ones win) and the serialised body', () => {
    expect(json(418, { a: 1 }, { 'x-extra': 'y', 'cache-control': 'max-age=60' })).toEqual({
      statusCode: 418,
      headers: { ...JSON_HEADERS, 'x-extra': 'y', 'cache-control': 'max-age=60' },
      body: '{"a":1}',
    });
  });

  it('ok, created and noContent', () => {
    expect(ok({ x: 'ả' })).toEqual({ statusCode: 200, headers: JSON_HEADERS, body: '{"x":"ả"}' });
    expect(created([1], { location: '/api/x/1' })).toEqual({
      statusCode: 201,
      headers: { ...JSON_HEADERS, location: '/api/x/1' },
      body: '[1]',
    });
    expect(noContent()).toEqual({ statusCode: 204, headers: { 'cache-control': 'no-store' } });
  });
});

describe('errors to HTTP', () => {
  it('every error code maps to a 4xx or 5xx, and only server-side conditions to 5xx', () => {
    for (const code of ERROR_CODES) {
      expect(statusFor[code], code).toBeGreaterThanOrEqual(400);
      expect(statusFor[code], code).toBeLessThan(600);
    }
    const fiveHundreds = ERROR_CODES.filter((c) => statusFor[c] >= 500);
    // internal, *.unavailable, and an import stopped at the function's time limit (nothing saved).
    expect(
      fiveHundreds.filter(
        (c) => c !== 'internal' && !c.endsWith('.unavailable') && c !== 'import.timeLimit',
      ),
    ).toEqual([]);
    expect(statusFor['import.timeLimit']).toBe(503);
  });

  it.each([
    ['request.invalid', 400],
    ['request.unsupportedMediaType', 415],
    ['request.tooLarge', 413],
    ['auth.required', 401],
    ['auth.forbidden', 403],
    ['auth.throttled', 429],
    ['seller.versionConflict', 409],
    ['product.notFound', 404],
    ['import.invalidRows', 422],
    ['internal', 500],
  ] as const)('%s → %i', (code, status) => {
    expect(statusFor[code]).toBe(status);
  });

  it('keeps an AppError code, message and details in the envelope', () => {
    const err = new AppError('seller.versionConflict', 'Changed meanwhile', { currentVersion: 3 });
    const res = toHttpError(err, 'req-1');
    expect(res.statusCode).toBe(409);
    expect(res.headers).toMatchObject({ ...JSON_HEADERS, 'x-request-id': 'req-1' });
    expect(JSON.parse(res.body as string)).toEqual({
      error: {
        code: 'seller.versionConflict',
        message: 'Changed meanwhile',
        details: { currentVersion: 3 },
      },
      requestId: 'req-1',
    });
  });

  it('sends Retry-After (whole seconds, at least 1) on 429 and 503 from details.retryAfterSeconds', () => {
    const retry = (err: AppError) => toHttpError(err, 'r').headers?.['retry-after'];
    expect(retry(new AppError('auth.throttled', 'Wait', { retryAfterSeconds: 840 }))).toBe('840');
    expect(retry(new AppError('order.rateLimited', 'Wait', { retryAfterSeconds: 0.2 }))).toBe('1');
    expect(retry(new AppError('order.tooManyUnpaid', 'Wait', { retryAfterSeconds: 59.1 }))).toBe(
      '60',
    );
    expect(retry(new AppError('service.unavailable', 'Down', { retryAfterSeconds: 5 }))).toBe('5');
    // Nothing to say, or not a back-off answer: no header.
    expect(retry(new AppError('auth.throttled', 'Wait'))).toBeUndefined();
    expect(retry(new AppError('auth.throttled', 'Wait', { retryAfterSeconds: 0 }))).toBeUndefined();
    expect(
      retry(new AppError('auth.throttled', 'Wait', { retryAfterSeconds: -3 })),
    ).toBeUndefined();
    expect(
      retry(new AppError('auth.throttled', 'Wait', { retryAfterSeconds: '60' as never })),
    ).toBeUndefined();
    expect(
      retry(new AppError('auth.throttled', 'Wait', { retryAfterSeconds: Number.NaN })),
    ).toBeUndefined();
    expect(
      retry(new AppError('seller.versionConflict', 'x', { retryAfterSeconds: 5 })),
    ).toBeUndefined();
  });

  it('leaves details out when there are none', () => {
    expect(errorBody(new AppError('auth.required', 'Sign in first'), 'r')).toEqual({
      error: { code: 'auth.required', message: 'Sign in first' },
      requestId: 'r',
    });
  });

  it('turns any other error into 500 internal without leaking its message', () => {
    for (const thrown of [new Error('secret table name xyz'), 'a string', undefined, { a: 1 }]) {
      const res = toHttpError(thrown, 'req-2');
      expect(res.statusCode).toBe(500);
      const body = JSON.parse(res.body as string);
      expect(body).toEqual({
        error: { code: 'internal', message: 'Internal error. Please try again later.' },
        requestId: 'req-2',
      });
      expect(res.body).not.toContain('xyz');
    }
  });
});

describe('dispatch', () => {
  const context = {} as Context;
  const event = (routeKey: string) =>
    ({ routeKey, requestContext: { requestId: 'req-3' } }) as unknown as APIGatewayProxyEventV2;

  it('calls the handler of the routeKey', async () => {
    const handler = (async () => ok({ hit: 'a' })) as HttpHandler;
    const other = (async () => ok({ hit: 'b' })) as HttpHandler;
    const entry = dispatch({ 'GET /api/a': handler, 'GET /api/b': other });
    expect(JSON.parse((await entry(event('GET /api/b'), context)).body as string)).toEqual({
      hit: 'b',
    });
  });

  it('answers an unknown routeKey with 404 route.notFound and the request id', async () => {
    const res = await dispatch({})(event('GET /api/nowhere'), context);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body as string)).toMatchObject({
      error: { code: 'route.notFound' },
      requestId: 'req-3',
    });
    const noId = await dispatch({})(
      { routeKey: 'x' } as unknown as APIGatewayProxyEventV2,
      context,
    );
    expect(JSON.parse(noId.body as string).requestId).toBe('unknown');
  });
});

describe('query parameter schemas', () => {
  const limit = wholeParam(1, 100);
  it.each([
    ['1', 1],
    ['100', 100],
    ['007', 7],
  ])('wholeParam accepts %j as %i', (input, value) => {
    expect(z.parse(limit, input)).toBe(value);
  });
  it.each(['0', '101', '-1', '+5', '1e2', ' 5', '5 ', '1.0', '', '12345678901', 'NaN'])(
    'wholeParam refuses %j',
    (input) => {
      expect(z.safeParse(limit, input).success).toBe(false);
    },
  );
  it('CursorParam accepts base64url up to 1024 characters only', () => {
    expect(z.safeParse(CursorParam, 'eyJwayI6IngifQ-_').success).toBe(true);
    expect(z.safeParse(CursorParam, 'a'.repeat(1024)).success).toBe(true);
    for (const bad of ['', 'a'.repeat(1025), 'abc=', 'a+b', 'a/b', 'a b'])
      expect(z.safeParse(CursorParam, bad).success).toBe(false);
  });
});
