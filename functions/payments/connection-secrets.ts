import { randomBytes } from 'node:crypto';
import { resealConnection } from '../../shared/db/payments';
import type { PaymentConnection } from '../../shared/payments/connection';
import {
  deriveSecretKey,
  openSecret,
  type SealedSecret,
  type SecretKey,
  sealSecret,
  secretAad,
} from '../../shared/payments/secret-box';
import { verificationKeys } from '../../shared/secrets';

/**
 * The keys that seal webhook secrets, derived from the signing keys (current first). Derived
 * again only when the signing keys change (they are re-read every few minutes).
 */
let derived: { from: string; keys: SecretKey[] } | undefined;
async function secretKeys(): Promise<SecretKey[]> {
  const signing = await verificationKeys();
  const from = signing.join('\u0000');
  if (derived?.from !== from) derived = { from, keys: signing.map(deriveSecretKey) };
  return derived.keys;
}

/** Seals a new secret under the current key, bound to its connection and seller. */
export async function sealConnectionSecret(
  plain: string,
  connectionId: string,
  sellerId: string,
): Promise<SealedSecret> {
  const [current] = await secretKeys();
  if (!current) throw new Error('No signing key');
  return sealSecret(plain, current, secretAad(connectionId, sellerId), randomBytes(12));
}

/**
 * The connection's plain secret, or undefined when it cannot be opened (a key retired before the
 * secret was re-sealed, or a tampered item). A secret sealed under the previous signing key is
 * re-sealed under the current one, so a rotation never strands a connection that keeps working.
 */
export async function openConnectionSecret(
  connection: PaymentConnection,
): Promise<string | undefined> {
  const keys = await secretKeys();
  const aad = secretAad(connection.id, connection.sellerId);
  const plain = openSecret(connection.sealed, keys, aad);
  const current = keys[0];
  if (plain !== undefined && current && connection.sealed.kid !== current.kid) {
    await resealConnection(
      connection.id,
      connection.sealed,
      sealSecret(plain, current, aad, randomBytes(12)),
    );
  }
  return plain;
}
