import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';

/**
 * Webhook secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the service's
 * signing secret (Secrets Manager on AWS, DATA_DIR/secrets.json locally), so a copy of the table
 * alone reveals no secret. The additional data binds a ciphertext to its connection and seller: a
 * sealed secret moved onto another connection item does not open. Pure: the 12-byte IV comes in.
 */
export interface SealedSecret {
  v: 1;
  /** Which signing key sealed it (a fingerprint, not the key): survives a key rotation. */
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

const INFO = 'cho-so/payment-connection-secret/aes-256-gcm/v1';

export interface SecretKey {
  kid: string;
  key: Buffer;
}

/** The encryption key derived from one signing secret. */
export function deriveSecretKey(signingSecret: string): SecretKey {
  const key = Buffer.from(hkdfSync('sha256', signingSecret, 'cho-so', INFO, 32));
  const kid = createHash('sha256').update(key).update('kid').digest('hex').slice(0, 12);
  return { kid, key };
}

export function sealSecret(
  plain: string,
  key: SecretKey,
  aad: string,
  iv: Uint8Array,
): SealedSecret {
  if (iv.length !== 12) throw new RangeError('AES-GCM takes a 12-byte IV');
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    v: 1,
    kid: key.kid,
    iv: Buffer.from(iv).toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

/** The plain secret, or undefined when no key fits or the ciphertext or its binding was changed. */
export function openSecret(
  sealed: SealedSecret,
  keys: readonly SecretKey[],
  aad: string,
): string | undefined {
  const key = keys.find((k) => k.kid === sealed.kid);
  if (!key || sealed.v !== 1) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ct, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** What binds a sealed secret to its place. */
export const secretAad = (connectionId: string, sellerId: string) =>
  `payment-connection:${connectionId}:seller:${sellerId}`;
