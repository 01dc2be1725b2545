import { createHash, randomInt } from 'node:crypto';

/**
 * Account recovery secrets. Pure apart from `newOneTimePassword`'s randomness.
 * - Reset links carry 32 random bytes (base64url); only the SHA-256 is stored (a fast hash is
 *   enough for 256 random bits). Valid RESET_LINK_MINUTES, once.
 * - Officer-issued one-time passwords: 12 characters of an alphabet without look-alikes (no
 *   0/O, 1/I/L), read out over the phone as three groups; about 59 bits. Stored with scrypt like
 *   a password; valid ONE_TIME_PASSWORD_MINUTES, once; the seller must then choose a password.
 */
export const RESET_LINK_MINUTES = 30;
export const ONE_TIME_PASSWORD_MINUTES = 30;

export const resetTokenHash = (token: string) =>
  createHash('sha256').update(token).digest('base64url');

export const ONE_TIME_PASSWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ONE_TIME_PASSWORD_PATTERN =
  /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

export function newOneTimePassword(pick: (max: number) => number = randomInt): string {
  const chars = Array.from(
    { length: 12 },
    () => ONE_TIME_PASSWORD_ALPHABET[pick(ONE_TIME_PASSWORD_ALPHABET.length)],
  ).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
