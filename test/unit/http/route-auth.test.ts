import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../functions/_http/dispatch';
import { httpHandler } from '../../../functions/_http/http-handler';
import { ok } from '../../../functions/_http/respond';
import { routeAuthOf } from '../../../functions/_http/route-auth';

// http-handler reads the configuration when it loads.
vi.hoisted(() => {
  process.env.TABLE_NAME ??= 'unit-test';
});

/**
 * Route auth: read from the manifest on the local host and in tests; on AWS from the table the
 * generated group entry hands to dispatch (the function does not bundle the manifest). The two
 * cases run in this order in one module, as the table replaces the manifest for good.
 */
const event = (routeKey: string) =>
  ({
    routeKey,
    rawPath: '/api/x',
    headers: {},
    requestContext: { requestId: 'ra1', http: { method: 'GET', sourceIp: '203.0.113.9' } },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;
const context = { functionName: 'f', awsRequestId: 'ra1' } as Context;

describe('route auth', () => {
  it('without a table, comes from the manifest by routeKey', async () => {
    expect(await routeAuthOf('GET /api/health')).toBe('public');
    expect(await routeAuthOf('POST /api/admin/officers')).toEqual({ roles: ['admin'] });
    expect(await routeAuthOf('GET /api/nowhere')).toBeUndefined();
  });

  it('with the table a group entry passes to dispatch, comes from that table only', async () => {
    const handler = httpHandler({}, async () => ok({ served: true }));
    const entry = dispatch(
      { 'GET /api/only-here': handler, 'GET /api/health': handler },
      { 'GET /api/only-here': 'public' },
    );

    const served = await entry(event('GET /api/only-here'), context);
    expect(served.statusCode).toBe(200);
    expect(JSON.parse(String(served.body))).toEqual({ served: true });
    // In the manifest but not in this function's table: not a route of this function.
    const other = await entry(event('GET /api/health'), context);
    expect(other.statusCode).toBe(404);
    expect(JSON.parse(String(other.body))).toMatchObject({ error: { code: 'route.notFound' } });
    expect(await routeAuthOf('POST /api/admin/officers')).toBeUndefined();
  });
});
