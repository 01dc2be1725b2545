import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'unit',
    HOST_KIND: 'aws',
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'AKIDUNITTEST',
    AWS_SECRET_ACCESS_KEY: 'unit-test-secret',
    MAIL_FROM: 'no-reply@choso.vn',
    SES_CONFIGURATION_SET: 'ChoSoMail',
  });
  delete process.env.MAIL_OUTBOX_DIR;
});

import type { StoredMail } from '../../../shared/mail/mail';
import { sendMail } from '../../../shared/mail/mail';
import {
  MAX_ATTEMPTS,
  SES_PATH,
  type SesTransport,
  sendEmailBody,
  sendWithSes,
} from '../../../shared/mail/ses';
import { passwordResetMail } from '../../../shared/mail/templates';

/**
 * On AWS the port sends SESv2 SendEmail as one SigV4-signed POST (no SDK client at cold start).
 * fetch is replaced by a recorder that answers like SES; the body is compared with what the real
 * @aws-sdk/client-sesv2 serializes for the same mail.
 */
interface Call {
  url: string;
  init: RequestInit;
}
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const recorder = (answers: Array<Response | Error>) => {
  const calls: Call[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift() ?? answer(200, { MessageId: 'late' });
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof fetch;
  return { calls, fake };
};
const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;

/** The JSON body @aws-sdk/client-sesv2 would send (captured before signing, never sent). */
async function sdkBody(mail: StoredMail, configurationSet?: string): Promise<unknown> {
  const client = new SESv2Client({
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  let body = '';
  client.middlewareStack.add(
    (_next) => async (args) => {
      const request = args.request as { body: string };
      body = request.body;
      return { output: { $metadata: {} }, response: {} } as never;
    },
    { step: 'build', name: 'captureForTests', priority: 'low' },
  );
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: mail.from,
      Destination: { ToAddresses: [mail.to] },
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      EmailTags: [{ Name: 'kind', Value: mail.kind }],
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  return JSON.parse(body);
}

const stored: StoredMail = {
  ...passwordResetMail('htx@example.vn', 'HTX Tôm khô', 'https://cho.example/#token=x'),
  id: 'local-id',
  at: '2026-06-01T00:00:00.000Z',
  from: 'no-reply@choso.vn',
};

const transport = (fake: typeof fetch, over: Partial<SesTransport> = {}): SesTransport => ({
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'AKIDUNIT', secretAccessKey: 's', sessionToken: 'tok' },
  fetch: fake,
  sleep: async () => {},
  ...over,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sending through Amazon SES', () => {
  it('sends SendEmail v2 from MAIL_FROM with the configuration set, UTF-8 subject and text', async () => {
    const { calls, fake } = recorder([answer(200, { MessageId: 'ses-message-1' })]);
    vi.stubGlobal('fetch', fake);
    const mail = passwordResetMail(
      'htx@example.vn',
      'HTX Tôm khô',
      'https://cho.example/dat-lai-mat-khau/#token=x',
    );
    const outcome = await sendMail(mail);

    expect(outcome).toEqual({ ok: true, id: 'ses-message-1', via: 'ses' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('https://email.ap-southeast-1.amazonaws.com/v2/email/outbound-emails');
    expect(call?.init.method).toBe('POST');
    const body = JSON.parse(String(call?.init.body));
    expect(body).toMatchObject({
      FromEmailAddress: 'no-reply@choso.vn',
      Destination: { ToAddresses: ['htx@example.vn'] },
      ConfigurationSetName: 'ChoSoMail',
      EmailTags: [{ Name: 'kind', Value: 'passwordReset' }],
      Content: {
        Simple: {
          Subject: { Data: 'Đặt lại mật khẩu Chợ Số / Reset your password', Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
        },
      },
    });
    const headers = headersOf(call);
    expect(headers['content-type']).toBe('application/json');
    expect(headers.host).toBeUndefined();
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDUNITTEST\/\d{8}\/ap-southeast-1\/ses\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends the body the SESv2 SDK client sends, with and without a configuration set', async () => {
    expect(JSON.parse(sendEmailBody(stored, 'ChoSoMail'))).toEqual(
      await sdkBody(stored, 'ChoSoMail'),
    );
    expect(JSON.parse(sendEmailBody(stored))).toEqual(await sdkBody(stored));
    expect(sendEmailBody(stored)).not.toContain('ConfigurationSetName');
  });

  it('reports a refused send instead of throwing, without retrying it', async () => {
    const { calls, fake } = recorder([
      answer(
        400,
        { message: 'Email address is on the suppression list' },
        { 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/' },
      ),
    ]);
    vi.stubGlobal('fetch', fake);
    const outcome = await sendMail(passwordResetMail('bounced@example.vn', 'X', 'https://x/'));

    expect(outcome).toMatchObject({ ok: false, via: 'ses' });
    expect(outcome.ok ? '' : outcome.error).toContain('suppression list');
    expect(calls).toHaveLength(1);
    const error = await sendWithSes(
      stored,
      undefined,
      transport(
        recorder([answer(400, { message: 'no' }, { 'x-amzn-errortype': 'MessageRejected:x' })])
          .fake,
      ),
    ).catch((err: unknown) => err as Error & { statusCode: number });
    expect(error).toMatchObject({ name: 'MessageRejected', message: 'no', statusCode: 400 });
  });

  it('signs with the session token and retries throttling, 5xx and network errors, 3 times at most', async () => {
    const throttled = recorder([
      answer(429, { message: 'Maximum sending rate exceeded.' }),
      new TypeError('fetch failed'),
      answer(200, { MessageId: 'third-time' }),
    ]);
    const pauses: number[] = [];
    const sleep = async (ms: number) => {
      pauses.push(ms);
    };
    expect(await sendWithSes(stored, 'Set', transport(throttled.fake, { sleep }))).toBe(
      'third-time',
    );
    expect(throttled.calls).toHaveLength(3);
    expect(pauses).toHaveLength(2);
    expect(pauses[0]).toBeGreaterThanOrEqual(50);
    expect(pauses[1]).toBeGreaterThanOrEqual(100);
    expect(headersOf(throttled.calls[0])['x-amz-security-token']).toBe('tok');
    expect(headersOf(throttled.calls[0]).authorization).toContain(
      'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,',
    );

    const down = recorder([
      answer(503, {}, {}),
      answer(500, { Message: 'internal' }),
      new Response('<html>bad gateway</html>', { status: 502 }),
      answer(200, { MessageId: 'never' }),
    ]);
    const error = await sendWithSes(stored, undefined, transport(down.fake)).catch(
      (err: unknown) => err as Error,
    );
    expect(down.calls).toHaveLength(MAX_ATTEMPTS);
    expect(error).toMatchObject({ name: 'HTTP 502', message: 'SES answered 502' });

    const offline = recorder([new TypeError('a'), new TypeError('b'), new TypeError('c')]);
    await expect(sendWithSes(stored, undefined, transport(offline.fake))).rejects.toThrow('c');

    const noId = recorder([answer(200, {})]);
    expect(await sendWithSes(stored, undefined, transport(noId.fake))).toBe('local-id');
    expect(noId.calls[0]?.url).toBe(`https://email.ap-southeast-1.amazonaws.com${SES_PATH}`);
  });
});
