import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { hasUnsafeText, parseRequest } from '../../../functions/_http/parse-request';
import { AppError } from '../../../shared/errors';

const event = (over: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 =>
  ({
    headers: {},
    requestContext: { requestId: 'r' },
    isBase64Encoded: false,
    ...over,
  }) as APIGatewayProxyEventV2;
const json = { 'content-type': 'application/json; charset=utf-8' };
const spec = {
  body: z.strictObject({ name: z.string().min(1).max(50), price: z.number().int().positive() }),
  path: z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional() }),
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
  return 'no error';
}

describe('parseRequest', () => {
  it('returns typed body, path and query when all are valid', () => {
    const out = parseRequest(
      spec,
      event({
        headers: json,
        body: '{"name":"Tôm khô","price":1250000}',
        pathParameters: { id: 'p-1' },
        queryStringParameters: { limit: '10' },
      }),
      1000,
    );
    expect(out).toEqual({
      body: { name: 'Tôm khô', price: 1250000 },
      path: { id: 'p-1' },
      query: { limit: 10 },
    });
  });

  it('gives each kind of bad input its own 4xx code', () => {
    const ok = { headers: json, pathParameters: { id: 'p-1' } };
    expect(codeOf(() => parseRequest(spec, event({ ...ok, body: '{"name":' }), 1000))).toBe(
      'request.invalidJson',
    );
    expect(codeOf(() => parseRequest(spec, event({ ...ok, headers: {}, body: '{}' }), 1000))).toBe(
      'request.unsupportedMediaType',
    );
    expect(
      codeOf(() =>
        parseRequest(spec, event({ ...ok, body: `{"name":"${'x'.repeat(2000)}"}` }), 1000),
      ),
    ).toBe('request.tooLarge');
    expect(
      codeOf(() =>
        parseRequest(spec, event({ ...ok, body: '{"name":"a","price":1,"admin":true}' }), 1000),
      ),
    ).toBe('request.invalid');
    expect(
      codeOf(() => parseRequest(spec, event({ ...ok, body: '{"name":"a","price":1.5}' }), 1000)),
    ).toBe('request.invalid');
    expect(
      codeOf(() =>
        parseRequest(spec, event({ ...ok, body: '{"name":"\\ud800","price":1}' }), 1000),
      ),
    ).toBe('request.invalidJson');
    expect(codeOf(() => parseRequest({}, event({ body: 'x' }), 1000))).toBe(
      'request.unexpectedBody',
    );
    expect(codeOf(() => parseRequest({}, event({ queryStringParameters: { x: '1' } }), 1000))).toBe(
      'request.invalid',
    );
    expect(
      codeOf(() =>
        parseRequest(
          spec,
          event({ ...ok, pathParameters: { id: '../etc' }, body: '{"name":"a","price":1}' }),
          1000,
        ),
      ),
    ).toBe('request.invalid');
  });

  it('reports where each issue is', () => {
    try {
      parseRequest(
        spec,
        event({ headers: json, pathParameters: { id: 'p' }, body: '{"name":"","price":-1}' }),
        1000,
      );
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).details?.issues).toEqual([
        expect.objectContaining({ in: 'body', path: 'name' }),
        expect.objectContaining({ in: 'body', path: 'price' }),
      ]);
    }
  });

  it('decodes base64 bodies before checking them', () => {
    const body = Buffer.from('{"name":"Cua","price":450000}').toString('base64');
    const out = parseRequest(
      spec,
      event({ headers: json, isBase64Encoded: true, body, pathParameters: { id: 'a' } }),
      1000,
    );
    expect(out.body).toEqual({ name: 'Cua', price: 450000 });
  });
});

describe('hasUnsafeText', () => {
  it('finds NUL and lone surrogates but accepts Vietnamese and emoji', () => {
    expect(hasUnsafeText('Mật ong U Minh 🍯')).toBe(false);
    expect(hasUnsafeText('a\u0000')).toBe(true);
    expect(hasUnsafeText('\ud800')).toBe(true);
    expect(hasUnsafeText('x\udc00')).toBe(true);
  });
});
