import { describe, expect, it } from 'vitest';
import { toApiEvent } from '../../../infra/local/api-event';

describe('toApiEvent (API Gateway HTTP API payload 2.0)', () => {
  it('lower-cases headers, splits cookies and joins repeated query parameters with commas', () => {
    const event = toApiEvent({
      method: 'get',
      rawPath: '/api/products',
      rawQueryString: 'q=t%C3%B4m&tag=a&tag=b',
      headers: { 'Content-Type': 'application/json', Cookie: 'a=1; b=2', 'X-Multi': ['1', '2'] },
      routeKey: 'GET /api/products',
      requestId: 'r1',
      now: new Date('2026-11-23T00:00:00Z'),
    });

    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-multi': '1,2' });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.queryStringParameters).toEqual({ q: 'tôm', tag: 'a,b' });
    expect(event.requestContext).toMatchObject({
      requestId: 'r1',
      routeKey: 'GET /api/products',
      http: { method: 'GET' },
    });
    expect(event.requestContext.timeEpoch).toBe(Date.parse('2026-11-23T00:00:00Z'));
  });

  it('passes text bodies as text and binary bodies as base64', () => {
    const text = toApiEvent({
      method: 'POST',
      rawPath: '/',
      routeKey: 'x',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const binary = toApiEvent({
      method: 'POST',
      rawPath: '/',
      routeKey: 'x',
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([0, 1, 2]),
    });

    expect(text).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    expect(binary).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
  });

  it('leaves body out when there is none', () => {
    const event = toApiEvent({
      method: 'GET',
      rawPath: '/api/health',
      routeKey: 'GET /api/health',
    });
    expect(event.body).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
  });
});
