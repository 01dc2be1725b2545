import type { StoredMail } from './mail';

type Client = import('@aws-sdk/client-sesv2').SESv2Client;
let client: Promise<{ client: Client; mod: typeof import('@aws-sdk/client-sesv2') }> | undefined;

/** The one SES client of this process, made on first use (tests add a middleware to it). */
export function sesClient() {
  client ??= import('@aws-sdk/client-sesv2').then((mod) => ({
    mod,
    client: new mod.SESv2Client({}),
  }));
  return client;
}

/**
 * Amazon SES (v2 SendEmail, simple content). The SDK is loaded on the first send, not at cold
 * start: most requests of a function that may send mail never do. The role may send only from
 * the stack's identity (`ses:SendEmail` on it and on the configuration set, infra/aws/stack.ts).
 * Returns SES's message id.
 */
export async function sendWithSes(mail: StoredMail, configurationSet?: string): Promise<string> {
  const { client: ses, mod } = await sesClient();
  const out = await ses.send(
    new mod.SendEmailCommand({
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
  return out.MessageId ?? mail.id;
}
