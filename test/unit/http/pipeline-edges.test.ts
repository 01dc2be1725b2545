import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { clientAddress, viewerAddress } from '../../../functions/_http/client-address';
import { dispatch } from '../../../functions/_http/dispatch';
import { errorsToHttp, toHttpError } from '../../../functions/_http/errors-to-http';
import { logger } from '../../../functions/_http/logger';
import { ORIGIN_VERIFY_HEADER, originVerify } from '../../../functions/_http/origin-verify';
import { parseRequest } from '../../../functions/_http/parse-request';
import type { HttpResult } from '../../../functions/_http/respond';
import { AppError } from '../../../shared/errors';

/**
 * Edges of the pipeline the other unit tests leave open: what is logged for which error, request
 * ids when the event or context lacks them, events without headers, bracketed viewer addresses,
 * and the issue list of a refused request.
 */
afterEach(() => {
  vi.restoreAllMocks();
});

const bodyOf = (res: HttpResult) => JSON.parse(String(res.body));

describe('errors to HTTP: logging and request ids', () => {
  it('logs 5xx AppErrors and unknown errors once, never 4xx ones', () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const internal = new AppError('internal', 'boom');
    expect(toHttpError(internal, 'r1').statusCode).toBe(500);
    expect(error).toHaveBeenLastCalledWith('request failed', { code: 'internal', error: internal });
    const unavailable = new AppError('service.unavailable', 'later');
    expect(toHttpError(unavailable, 'r2').statusCode).toBe(503);
    expect(error).toHaveBeenCalledTimes(2);
    expect(toHttpError(new AppError('request.invalid', 'bad'), 'r3').statusCode).toBe(400);
    expect(error).toHaveBeenCalledTimes(2);
    const oops = new TypeError('oops');
    const res = toHttpError(oops, 'r4');
    expect(error).toHaveBeenLastCalledWith('request failed unexpectedly', { error: oops });
    expect(error).toHaveBeenCalledTimes(3);
    expect(res.headers?.['x-request-id']).toBe('r4');
    expect(bodyOf(res)).toEqual({
      error: { code: 'internal', message: 'Internal error. Please try again later.' },
      requestId: 'r4',
    });
  });

  it('the request id comes from the event, else the Lambda context, else "unknown"', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const failing = middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
      .use(errorsToHttp())
      .handler(async () => {
        throw new AppError('request.invalid', 'bad');
      });
    const run = (event: unknown, context: unknown) =>
      failing(event as APIGatewayProxyEventV2, context as Context);
    const id = async (event: unknown, context: unknown) =>
      (await run(event, context)).headers?.['x-request-id'];
    expect(await id({ requestContext: { requestId: 'ev-1' } }, { awsRequestId: 'ctx-1' })).toBe(
      'ev-1',
    );
    expect(await id({ requestContext: {} }, { awsRequestId: 'ctx-1' })).toBe('ctx-1');
    expect(await id({}, { awsRequestId: 'ctx-2' })).toBe('ctx-2');
    expect(await id(undefined, { awsRequestId: 'ctx-3' })).toBe('ctx-3');
    expect(await id({}, {})).toBe('unknown');
    expect(bodyOf(await run({}, {}))).toMatchObject({ requestId: 'unknown' });
  });

  it('dispatch names the missing route', async () => {
    const res = await dispatch({})(
      { routeKey: 'GET /nowhere', requestContext: { requestId: 'd1' } } as APIGatewayProxyEventV2,
      {} as Context,
    );
    expect(bodyOf(res)).toEqual({
      error: { code: 'route.notFound', message: 'No such route' },
      requestId: 'd1',
    });
  });
});

describe('origin check and client address without headers', () => {
  it('an event without headers is refused with the message, not a crash', async () => {
    const h = middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
      .use(errorsToHttp())
      .use(originVerify(async () => ['x'.repeat(40)]))
      .handler(async () => ({ statusCode: 200 }));
    const res = await h(
      { requestContext: { requestId: 'o1' } } as unknown as APIGatewayProxyEventV2,
      {} as Context,
    );
    expect(res.statusCode).toBe(403);
    expect(bodyOf(res).error).toEqual({
      code: 'auth.forbidden',
      message: 'Requests must come through the site',
    });
    expect(ORIGIN_VERIFY_HEADER).toBe('x-origin-verify');
  });

  it('the client address is "unknown" without a request context', () => {
    expect(clientAddress({} as APIGatewayProxyEventV2)).toBe('unknown');
    expect(clientAddress({ requestContext: {} } as APIGatewayProxyEventV2)).toBe('unknown');
  });

  it('a viewer address needs both brackets or none', () => {
    expect(viewerAddress('[2001:db8::7]:443')).toBe('2001:db8::7');
    expect(viewerAddress('[2001:db8::7:443')).toBeUndefined();
    expect(viewerAddress('2001:db8::7]:443')).toBeUndefined();
  });
});

describe('refused requests list their issues', () => {
  const event = (body: unknown) =>
    ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      isBase64Encoded: false,
    }) as unknown as APIGatewayProxyEventV2;
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as AppError;
    }
    throw new Error('expected a refusal');
  };

  it('at most 20 issues, with dotted paths and where they are', () => {
    const spec = { body: z.strictObject({ a: z.strictObject({ b: z.string() }) }) };
    const nested = refusal(() => parseRequest(spec, event({ a: { b: 1 } }), 10_000));
    expect(nested.message).toBe('Invalid body');
    expect(nested.details).toEqual({
      issues: [
        {
          in: 'body',
          path: 'a.b',
          code: 'invalid_type',
          message: expect.any(String),
        },
      ],
    });
    const many = z.array(z.string());
    const lots = refusal(() =>
      parseRequest({ body: many }, event(Array.from({ length: 30 }, (_, i) => i)), 10_000),
    );
    expect(lots.details?.issues).toHaveLength(20);
    const query = refusal(() =>
      parseRequest(
        { query: z.strictObject({ n: z.literal('1') }) },
        { queryStringParameters: { n: '2' } } as unknown as APIGatewayProxyEventV2,
        10_000,
      ),
    );
    expect(query.message).toBe('Invalid query');
  });
});
