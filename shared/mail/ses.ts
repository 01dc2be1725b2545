import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { StoredMail } from './mail';

/**
 * Amazon SES v2 SendEmail (simple content), one JSON POST signed with the SDK's own SigV4 signer
 * (@smithy/signature-v4, what @aws-sdk/client-sesv2 signs with) instead of the whole SESv2
 * client: the client's ~115 KB bundled cost the accounts and stream functions ~10 ms CPU at
 * every cold start (bench/cold-start.bench.ts), even when imported only on the first send, and
 * most of their requests never send mail. The request is the one the SDK sends: same endpoint,
 * path and JSON body (test/unit/mail/ses.test.ts compares the body with @aws-sdk/client-sesv2's).
 * Like the SDK's standard retry mode, a throttled (429), failed (5xx) or unreachable send is
 * tried up to 3 times. Credentials: the Lambda's role from its environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as for the S3 signatures (shared/storage). The role
 * may send only from the stack's identity (`ses:SendEmail` on it and on the configuration set,
 * infra/aws/stack.ts). Returns SES's message id.
 */
export const SES_PATH = '/v2/email/outbound-emails';
export const MAX_ATTEMPTS = 3;

type Credentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

export interface SesTransport {
  region: string;
  credentials: Credentials;
  fetch: typeof fetch;
  /** Pause before a retry (tests make it instant). */
  sleep: (ms: number) => Promise<void>;
}

let envCredentials: ReturnType<typeof fromEnv> | undefined;
const defaultTransport = (): SesTransport => {
  envCredentials ??= fromEnv();
  return {
    region: process.env.AWS_REGION ?? 'ap-southeast-1',
    credentials: envCredentials,
    fetch,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
};

/** The SendEmail body (the JSON @aws-sdk/client-sesv2 sends for the same input). */
export function sendEmailBody(mail: StoredMail, configurationSet?: string): string {
  return JSON.stringify({
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    Content: {
      Simple: {
        Body: { Text: { Charset: 'UTF-8', Data: mail.text } },
        Subject: { Charset: 'UTF-8', Data: mail.subject },
      },
    },
    Destination: { ToAddresses: [mail.to] },
    EmailTags: [{ Name: 'kind', Value: mail.kind }],
    FromEmailAddress: mail.from,
  });
}

/** SES's error answer as an Error named like the SDK's exception (`MessageRejected`, …). */
async function sesError(res: Response): Promise<Error> {
  const text = await res.text().catch(() => '');
  let body: { message?: string; Message?: string } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  const type = (res.headers.get('x-amzn-errortype') ?? '').split(':')[0] || `HTTP ${res.status}`;
  const message = body.message ?? body.Message ?? `SES answered ${res.status}`;
  return Object.assign(new Error(message), { name: type, statusCode: res.status });
}

const retryable = (status: number) => status === 429 || status >= 500;

export async function sendWithSes(
  mail: StoredMail,
  configurationSet?: string,
  transport: SesTransport = defaultTransport(),
): Promise<string> {
  const hostname = `email.${transport.region}.amazonaws.com`;
  const body = sendEmailBody(mail, configurationSet);
  const signer = new SignatureV4({
    service: 'ses',
    region: transport.region,
    credentials: transport.credentials,
    sha256: Sha256,
  });
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) await transport.sleep(100 * 2 ** (attempt - 2) * (0.5 + Math.random()));
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'https:',
      hostname,
      path: SES_PATH,
      query: {},
      headers: { host: hostname, 'content-type': 'application/json' },
      body,
    });
    const headers = { ...signed.headers };
    delete headers.host; // fetch sets it from the URL
    let res: Response;
    try {
      res = await transport.fetch(`https://${hostname}${SES_PATH}`, {
        method: 'POST',
        headers,
        body,
      });
    } catch (err) {
      lastError = err; // network: try again
      continue;
    }
    if (res.ok) {
      const out = (await res.json()) as { MessageId?: string };
      return out.MessageId ?? mail.id;
    }
    lastError = await sesError(res);
    if (!retryable(res.status)) break;
  }
  throw lastError;
}
