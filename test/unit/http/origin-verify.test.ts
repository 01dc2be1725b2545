import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { clientAddress, viewerAddress } from '../../../functions/_http/client-address';
import { errorsToHttp } from '../../../functions/_http/errors-to-http';
import { ORIGIN_VERIFY_HEADER, originVerify } from '../../../functions/_http/origin-verify';
import type { HttpResult } from '../../../functions/_http/respond';
import { apiEvent } from '../../helpers/api-event';

const SECRET = `${'a'.repeat(24)}current-origin-secret`;
const PREVIOUS = `${'b'.repeat(24)}previous-origin-secret`;

/** The pipeline's origin check in front of a handler that answers with the client's address. */
function pipeline(secrets: () => Promise<readonly string[] | undefined>) {
  return middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(errorsToHttp())
    .use(originVerify(secrets))
    .handler(async (event) => ({ statusCode: 200, body: clientAddress(event) }));
}
const invoke = (h: ReturnType<typeof pipeline>, event: APIGatewayProxyEventV2) =>
  h(event, {} as Context);

const eventWith = (headers: Record<string, string>, sourceIp = '130.176.1.1') => {
  const event = apiEvent('system/get-health', { headers });
  event.requestContext.http.sourceIp = sourceIp;
  return event;
};

describe('origin verification (CloudFront as the only way in)', () => {
  const aws = pipeline(async () => [SECRET, PREVIOUS]);

  it('refuses a request to the API endpoint itself (no origin header) with 403 and the envelope', async () => {
    const res = await invoke(aws, eventWith({ 'cloudfront-viewer-address': '198.51.100.9:443' }));
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(String(res.body))).toMatchObject({ error: { code: 'auth.forbidden' } });
  });

  it('refuses a wrong or truncated secret', async () => {
    for (const value of ['nope', SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase()]) {
      const res = await invoke(aws, eventWith({ [ORIGIN_VERIFY_HEADER]: value }));
      expect(res.statusCode).toBe(403);
    }
  });

  it('accepts the current and the previous secret and takes the viewer address from CloudFront', async () => {
    const current = await invoke(
      aws,
      eventWith({
        [ORIGIN_VERIFY_HEADER]: SECRET,
        'cloudfront-viewer-address': '198.51.100.9:5123',
      }),
    );
    expect(current).toMatchObject({ statusCode: 200, body: '198.51.100.9' });
    const previous = await invoke(
      aws,
      eventWith({
        [ORIGIN_VERIFY_HEADER]: PREVIOUS,
        'cloudfront-viewer-address': '2001:DB8::7:46532',
      }),
    );
    expect(previous).toMatchObject({ statusCode: 200, body: '2001:db8::7' });
  });

  it('falls back to the source address when the verified viewer header is missing or malformed', async () => {
    for (const header of [undefined, 'garbage', '198.51.100.9', '1.2.3.4:port', ':443']) {
      const headers: Record<string, string> = { [ORIGIN_VERIFY_HEADER]: SECRET };
      if (header !== undefined) headers['cloudfront-viewer-address'] = header;
      const res = await invoke(aws, eventWith(headers, '130.176.9.9'));
      expect(res).toMatchObject({ statusCode: 200, body: '130.176.9.9' });
    }
  });

  it('local host (no secret configured): no check, and a forged viewer header is ignored', async () => {
    const local = pipeline(async () => undefined);
    const res = await invoke(
      local,
      eventWith({ 'cloudfront-viewer-address': '198.51.100.9:443' }, '127.0.0.1'),
    );
    expect(res).toMatchObject({ statusCode: 200, body: '127.0.0.1' });
  });

  it('an event that never went through the check never trusts the header', () => {
    const event = eventWith(
      { [ORIGIN_VERIFY_HEADER]: SECRET, 'cloudfront-viewer-address': '198.51.100.9:443' },
      '10.0.0.1',
    );
    expect(clientAddress(event)).toBe('10.0.0.1');
  });
});

describe('viewerAddress', () => {
  it.each([
    ['203.0.113.7:46532', '203.0.113.7'],
    ['2001:db8::7:443', '2001:db8::7'],
    ['[2001:db8::7]:443', '2001:db8::7'],
    ['::1:80', '::1'],
    ['::ffff:192.0.2.1:80', '::ffff:192.0.2.1'],
  ])('%s → %s', (header, address) => {
    expect(viewerAddress(header)).toBe(address);
  });
  it.each([
    '',
    '203.0.113.7',
    '203.0.113.7:',
    '203.0.113.7:123456',
    'evil.example:443',
    '999.0.0.1:1',
  ])('rejects %j', (header) => {
    expect(viewerAddress(header)).toBeUndefined();
  });
});
