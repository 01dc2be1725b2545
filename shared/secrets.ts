import { getConfig } from './config';

/**
 * The session-signing secret. Locally and in tests it is in SIGNING_SECRET (the local host
 * generates it on first start). On AWS the stack passes SIGNING_SECRET_ARN and the function reads
 * it through the AWS Parameters and Secrets Lambda Extension on localhost:2773, so no Secrets
 * Manager SDK is bundled. Read once per container.
 */
let cached: Promise<string> | undefined;

export function getSigningSecret(): Promise<string> {
  cached ??= load().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function load(): Promise<string> {
  const config = getConfig();
  if (config.SIGNING_SECRET) return config.SIGNING_SECRET;
  if (!config.SIGNING_SECRET_ARN)
    throw new Error('Neither SIGNING_SECRET nor SIGNING_SECRET_ARN is set');
  const port = config.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(config.SIGNING_SECRET_ARN)}`;
  const res = await fetch(url, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!res.ok) throw new Error(`Secrets extension answered ${res.status}`);
  const body = (await res.json()) as { SecretString?: string };
  const value = body.SecretString ?? '';
  // The stack generates a JSON secret {"signingKey": "..."}; accept a plain string too.
  const secret = value.startsWith('{')
    ? String((JSON.parse(value) as { signingKey?: string }).signingKey ?? '')
    : value;
  if (secret.length < 32) throw new Error('Signing secret is too short');
  return secret;
}
