import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { hasUnsafeText, parseRequest } from '../../../functions/_http/parse-request';
import type { AppError } from '../../../shared/errors';

/** parseRequest and hasUnsafeText at their edges: whole refusals, surrogate ranges, depth. */
const ev = (over: Record<string, unknown>) =>
  ({ headers: {}, isBase64Encoded: false, ...over }) as unknown as APIGatewayProxyEventV2;
const json = (
  text: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => ev({ body: text, headers });
function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    const err = e as AppError;
    return { code: err.code, message: err.message, details: err.details };
  }
  return 'accepted';
}
const anyBody = { body: z.unknown() };

describe('hasUnsafeText', () => {
  it('pairs need a high surrogate (D800–DBFF) then a low one (DC00–DFFF)', () => {
    expect(hasUnsafeText('ab')).toBe(false);
    expect(hasUnsafeText('\ud800\udc00')).toBe(false);
    expect(hasUnsafeText('\udbff\udfff')).toBe(false);
    expect(hasUnsafeText('\ud800\ue000')).toBe(true);
    expect(hasUnsafeText('\ud800\udbff')).toBe(true);
    expect(hasUnsafeText('\ud800a')).toBe(true);
    expect(hasUnsafeText('\udc00')).toBe(true);
    expect(hasUnsafeText('\udfff')).toBe(true);
    expect(hasUnsafeText('a\ue000\ud7ff')).toBe(false);
  });
});

describe('parseRequest refusals, whole', () => {
  it('a body over the limit names the limit and the size; the limit itself is fine', () => {
    expect(refusal(() => parseRequest(anyBody, json('"abcd"'), 5))).toEqual({
      code: 'request.tooLarge',
      message: 'Body exceeds 5 bytes',
      details: { limit: 5, size: 6 },
    });
    expect(refusal(() => parseRequest(anyBody, json('"abc"'), 5))).toBe('accepted');
  });

  it('the media type: case and parameters ignored; missing headers are a 415', () => {
    expect(
      refusal(() =>
        parseRequest(
          anyBody,
          json('1', { 'content-type': ' Application/JSON ; charset=utf-8' }),
          100,
        ),
      ),
    ).toBe('accepted');
    const expected = {
      code: 'request.unsupportedMediaType',
      message: 'Send the body as application/json',
      details: { expected: 'application/json' },
    };
    expect(
      refusal(() => parseRequest(anyBody, json('1', { 'content-type': 'text/plain' }), 100)),
    ).toEqual(expected);
    expect(
      refusal(() => parseRequest(anyBody, ev({ body: '1', headers: undefined }), 100)),
    ).toEqual(expected);
  });

  it('raw NUL, bad JSON, escaped lone surrogates, a body where none is taken', () => {
    expect(refusal(() => parseRequest(anyBody, json('{"a":"x\u0000"}'), 100))).toEqual({
      code: 'request.invalidJson',
      message: 'Body contains invalid characters',
      details: undefined,
    });
    expect(refusal(() => parseRequest(anyBody, json('{"a":'), 100))).toEqual({
      code: 'request.invalidJson',
      message: 'Body is not valid JSON',
      details: undefined,
    });
    expect(refusal(() => parseRequest(anyBody, json('["ok","\\ud800"]'), 100))).toEqual({
      code: 'request.invalidJson',
      message: 'Body contains invalid characters',
      details: undefined,
    });
    expect(refusal(() => parseRequest(anyBody, json('{"ok":1,"\\udc00":1}'), 100))).toMatchObject({
      message: 'Body contains invalid characters',
    });
    expect(refusal(() => parseRequest({}, json('{}'), 100))).toEqual({
      code: 'request.unexpectedBody',
      message: 'This route takes no body',
      details: undefined,
    });
  });

  it('nulls are fine; nesting is refused beyond depth 32, arrays and objects alike', () => {
    expect(refusal(() => parseRequest(anyBody, json('{"a":null,"b":[null,true,1]}'), 1000))).toBe(
      'accepted',
    );
    const arrays = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    const objects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    expect(refusal(() => parseRequest(anyBody, json(arrays(32)), 1000))).toBe('accepted');
    expect(refusal(() => parseRequest(anyBody, json(arrays(33)), 1000))).toMatchObject({
      message: 'Body contains invalid characters',
    });
    expect(refusal(() => parseRequest(anyBody, json(objects(32)), 1000))).toBe('accepted');
    expect(refusal(() => parseRequest(anyBody, json(objects(33)), 1000))).toMatchObject({
      message: 'Body contains invalid characters',
    });
  });

  it('path and query values: NUL refused before the schema; absent values skipped', () => {
    const spec = {
      path: z.strictObject({ id: z.string() }),
      query: z.strictObject({ q: z.optional(z.string()) }),
    };
    expect(
      refusal(() =>
        parseRequest(
          spec,
          ev({ pathParameters: { id: 'a' }, queryStringParameters: { q: 'x\u0000' } }),
          100,
        ),
      ),
    ).toEqual({
      code: 'request.invalid',
      message: 'Parameter contains invalid characters',
      details: undefined,
    });
    expect(
      refusal(() =>
        parseRequest(
          spec,
          ev({ pathParameters: { id: 'a\ud800' }, queryStringParameters: {} }),
          100,
        ),
      ),
    ).toMatchObject({ message: 'Parameter contains invalid characters' });
    expect(
      refusal(() =>
        parseRequest(
          spec,
          ev({ pathParameters: { id: 'a' }, queryStringParameters: { q: undefined } }),
          100,
        ),
      ),
    ).toBe('accepted');
    expect(refusal(() => parseRequest(spec, ev({ pathParameters: { id: 1 } }), 100))).toEqual({
      code: 'request.invalid',
      message: 'Invalid path',
      details: { issues: [expect.objectContaining({ in: 'path', path: 'id' })] },
    });
  });
});
