import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Seller API keys: `cs_<keyId>_<secret>`. The key id finds the record; only the SHA-256 of the
 * secret is stored (the secret is 32 random bytes, so a fast hash is enough). Shown once.
 */
export const API_KEY_PATTERN = /^cs_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function formatApiKey(keyId: string, secret: string): string {
  return `cs_${keyId}_${secret}`;
}

export function parseApiKey(key: string): { keyId: string; secret: string } | undefined {
  const m = API_KEY_PATTERN.exec(key);
  return m ? { keyId: m[1] as string, secret: m[2] as string } : undefined;
}

export const hashApiKeySecret = (secret: string) =>
  createHash('sha256').update(secret).digest('base64url');

export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKeySecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
