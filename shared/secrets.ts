import { getConfig } from './config';

/**
 * The session-signing keys. Locally and in tests the current key is SIGNING_SECRET (the local host
 * generates it on first start) and, during a rotation, the previous one SIGNING_SECRET_PREVIOUS.
 * On AWS the stack passes SIGNING_SECRET_ARN and the function reads the secret's AWSCURRENT and
 * AWSPREVIOUS versions through the AWS Parameters and Secrets Lambda Extension on localhost:2773
 * (no Secrets Manager SDK in the bundle).
 *
 * Kept for SECRET_CACHE_SECONDS (5 minutes), not forever: after Secrets Manager rotates the key,
 * every container signs with the new key within that time, and tokens signed with the old key
 * keep verifying (as the previous key) until they expire. A rotation must therefore not happen
 * more often than the session lifetime (4 h), or tokens older than two keys are refused.
 */
export const SECRET_CACHE_SECONDS = 300;

export interface SigningKeys {
  /** Signs new tokens and is tried first. */
  current: string;
  /** Still verifies tokens issued before the last rotation. */
  previous?: string;
}

let cached: { keys: Promise<SigningKeys>; loadedAt: number } | undefined;

/** The signing keys, re-read at most every SECRET_CACHE_SECONDS (`now` for tests). */
export function getSigningKeys(now: number = Date.now()): Promise<SigningKeys> {
  if (!cached || now - cached.loadedAt >= SECRET_CACHE_SECONDS * 1000) {
    const keys = load().catch((err: unknown) => {
      if (cached?.keys === keys) cached = undefined;
      throw err;
    });
    cached = { keys, loadedAt: now };
  }
  return cached.keys;
}

/** The current key alone (what signs). */
export async function getSigningSecret(): Promise<string> {
  return (await getSigningKeys()).current;
}

/** Every key that verifies, current first. */
export async function verificationKeys(): Promise<string[]> {
  const keys = await getSigningKeys();
  return keys.previous && keys.previous !== keys.current
    ? [keys.current, keys.previous]
    : [keys.current];
}

/** Forgets the cached keys (tests; a function that learns of a rotation). */
export function forgetSigningKeys(): void {
  cached = undefined;
}

async function load(): Promise<SigningKeys> {
  const config = getConfig();
  // Read at each load, not from the cold-start config: a local rotation needs no restart.
  const envCurrent = process.env.SIGNING_SECRET ?? config.SIGNING_SECRET;
  if (envCurrent) {
    const previous = process.env.SIGNING_SECRET_PREVIOUS;
    return {
      current: envCurrent,
      ...(previous && previous.length >= 32 ? { previous } : {}),
    };
  }
  if (!config.SIGNING_SECRET_ARN)
    throw new Error('Neither SIGNING_SECRET nor SIGNING_SECRET_ARN is set');
  const current = await fromExtension(config.SIGNING_SECRET_ARN, 'AWSCURRENT');
  if (!current) throw new Error('The signing secret has no current version');
  // No previous version before the first rotation: the extension answers 4xx then.
  const previous = await fromExtension(config.SIGNING_SECRET_ARN, 'AWSPREVIOUS').catch(
    () => undefined,
  );
  return { current, ...(previous ? { previous } : {}) };
}

async function fromExtension(arn: string, stage: string): Promise<string | undefined> {
  const port = getConfig().PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}&versionStage=${stage}`;
  const res = await fetch(url, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (res.status >= 400 && res.status < 500 && stage !== 'AWSCURRENT') return undefined;
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
