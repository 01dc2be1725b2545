import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredMail } from '../../../shared/mail/mail';
import { type SesTransport, sendEmailBody, sendWithSes } from '../../../shared/mail/ses';

/**
 * shared/mail/ses.ts, the request exactly: the whole header set with a SigV4 signature computed
 * here by hand (AWS's published algorithm, node:crypto), the backoff pauses with a fixed random,
 * the default transport's region and its real pause, and an unreadable error body.
 */
const mail = (): StoredMail => ({
  id: 'local-id',
  at: '2026-06-01T00:00:00.000Z',
  kind: 'passwordReset',
  to: 'htx@example.vn',
  from: 'no-reply@choso.vn',
  subject: 'Chủ đề',
  text: 'Nội dung',
});
const saved = { ...process.env };
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  process.env = { ...saved };
});

const hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) =>
  createHmac('sha256', key).update(s, 'utf8').digest();

/** SigV4 for a JSON POST to SES, written out from the AWS documentation. */
function expectedHeaders(region: string, body: string, amzDate: string, token?: string) {
  const host = `email.${region}.amazonaws.com`;
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host,
    'x-amz-content-sha256': hex(body),
    'x-amz-date': amzDate,
    ...(token ? { 'x-amz-security-token': token } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/v2/email/outbound-emails',
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    hex(body),
  ].join('\n');
  const scope = `${day}/${region}/ses/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac('AWS4secret', day), region), 'ses'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDHAND/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

interface Call {
  url: string;
  init: RequestInit;
}
const recorder = (answers: Response[]) => {
  const calls: Call[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answers.shift() ?? new Response('{"MessageId":"late"}', { status: 200 });
  }) as unknown as typeof fetch;
  return { calls, fake };
};
const transport = (fake: typeof fetch, over: Partial<SesTransport> = {}): SesTransport => ({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDHAND', secretAccessKey: 'secret' },
  fetch: fake,
  sleep: async () => {},
  ...over,
});

describe('the SES request, exactly', () => {
  it('one POST with exactly the signed headers and the body', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T07:08:09.000Z'));
    const { calls, fake } = recorder([new Response('{"MessageId":"m-1"}', { status: 200 })]);
    expect(await sendWithSes(mail(), 'Set', transport(fake))).toBe('m-1');
    const body = sendEmailBody(mail(), 'Set');
    expect(calls).toEqual([
      {
        url: 'https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails',
        init: {
          method: 'POST',
          headers: expectedHeaders('eu-west-1', body, '20260601T070809Z'),
          body,
        },
      },
    ]);
  });

  it('with a session token, the token is signed and sent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T23:59:59.000Z'));
    const { calls, fake } = recorder([]);
    await sendWithSes(
      mail(),
      undefined,
      transport(fake, {
        credentials: { accessKeyId: 'AKIDHAND', secretAccessKey: 'secret', sessionToken: 'tok' },
      }),
    );
    expect(calls[0]?.init.headers).toEqual(
      expectedHeaders('eu-west-1', sendEmailBody(mail()), '20261202T235959Z', 'tok'),
    );
  });

  it('pauses 100 ms × 2^(n−2) × (0.5 + random) before retry n', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    const pauses: number[] = [];
    const { calls, fake } = recorder([
      new Response('', { status: 429 }),
      new Response('', { status: 500 }),
      new Response('', { status: 503 }),
    ]);
    const error = await sendWithSes(
      mail(),
      undefined,
      transport(fake, {
        sleep: async (ms) => {
          pauses.push(ms);
        },
      }),
    ).catch((err: unknown) => err as Error & { statusCode: number });
    expect(pauses).toEqual([75, 150]);
    expect(calls).toHaveLength(3);
    expect(error).toMatchObject({ name: 'HTTP 503', message: 'SES answered 503', statusCode: 503 });
  });

  it('an error body that cannot be read: the status speaks', async () => {
    const broken = new Response(
      new ReadableStream({
        start(controller) {
          controller.error(new Error('reset'));
        },
      }),
      { status: 400, headers: { 'x-amzn-errortype': 'BadRequestException' } },
    );
    const { fake } = recorder([broken]);
    const error = await sendWithSes(mail(), undefined, transport(fake)).catch(
      (err: unknown) => err as Error & { statusCode: number },
    );
    expect(error).toMatchObject({
      name: 'BadRequestException',
      message: 'SES answered 400',
      statusCode: 400,
    });
  });
});

describe('the default transport', () => {
  const env = (region?: string) => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDHAND', AWS_SECRET_ACCESS_KEY: 'secret' });
    delete process.env.AWS_SESSION_TOKEN;
    if (region) process.env.AWS_REGION = region;
    else delete process.env.AWS_REGION;
  };

  it('takes the region from AWS_REGION, else ap-southeast-1', async () => {
    env('us-east-1');
    const a = recorder([]);
    vi.stubGlobal('fetch', a.fake);
    await sendWithSes(mail());
    expect(a.calls[0]?.url).toBe('https://email.us-east-1.amazonaws.com/v2/email/outbound-emails');
    env();
    const b = recorder([]);
    vi.stubGlobal('fetch', b.fake);
    await sendWithSes(mail());
    expect(b.calls[0]?.url).toBe(
      'https://email.ap-southeast-1.amazonaws.com/v2/email/outbound-emails',
    );
  });

  it('really waits before a retry (a timer of 50 ms with random 0)', async () => {
    env('ap-southeast-1');
    vi.spyOn(Math, 'random').mockReturnValue(0);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { calls, fake } = recorder([new Response('', { status: 500 })]);
    vi.stubGlobal('fetch', fake);
    const sent = sendWithSes(mail());
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await sent).toBe('late');
    expect(calls).toHaveLength(2);
  });
});
