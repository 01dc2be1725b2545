import { beforeAll, describe, expect, it, vi } from 'vitest';

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

import { sendMail } from '../../../shared/mail/mail';
import { sesClient } from '../../../shared/mail/ses';
import { passwordResetMail } from '../../../shared/mail/templates';

/**
 * On AWS the port sends through the real SESv2 client; the HTTP request it signs is captured at
 * the last step before the network and answered like SES, so the wire format is the SDK's own.
 */
const sent: Array<{ path: string; body: Record<string, unknown>; host: string }> = [];
let fail = false;

beforeAll(async () => {
  const { client } = await sesClient();
  client.middlewareStack.add(
    (_next) => async (args) => {
      const request = args.request as { path: string; body: string | Uint8Array; hostname: string };
      if (fail)
        throw Object.assign(new Error('Email address is on the suppression list'), {
          name: 'MessageRejected',
        });
      const text =
        typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
      sent.push({ path: request.path, host: request.hostname, body: JSON.parse(text) });
      return {
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: new Blob([JSON.stringify({ MessageId: 'ses-message-1' })]).stream(),
        },
        // finalizeRequest runs after serialization and before deserialization: answer parsed.
        output: { MessageId: 'ses-message-1', $metadata: {} },
      } as never;
    },
    { step: 'finalizeRequest', name: 'captureForTests', priority: 'low' },
  );
});

describe('sending through Amazon SES', () => {
  it('sends SendEmail v2 from MAIL_FROM with the configuration set, UTF-8 subject and text', async () => {
    const outcome = await sendMail(
      passwordResetMail(
        'htx@example.vn',
        'HTX Tôm khô',
        'https://cho.example/dat-lai-mat-khau/#token=x',
      ),
    );
    expect(outcome).toEqual({ ok: true, id: 'ses-message-1', via: 'ses' });
    const [request] = sent;
    expect(request?.path).toBe('/v2/email/outbound-emails');
    expect(request?.host).toBe('email.ap-southeast-1.amazonaws.com');
    expect(request?.body).toMatchObject({
      FromEmailAddress: 'no-reply@choso.vn',
      Destination: { ToAddresses: ['htx@example.vn'] },
      ConfigurationSetName: 'ChoSoMail',
      EmailTags: [{ Name: 'kind', Value: 'passwordReset' }],
      Content: {
        Simple: {
          Subject: { Data: 'Đặt lại mật khẩu Chợ Số / Reset your password', Charset: 'UTF-8' },
          Body: { Text: { Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('reports a refused send instead of throwing', async () => {
    fail = true;
    const outcome = await sendMail(passwordResetMail('bounced@example.vn', 'X', 'https://x/'));
    fail = false;
    expect(outcome).toMatchObject({ ok: false, via: 'ses' });
    expect(outcome.ok ? '' : outcome.error).toContain('suppression list');
  });
});
