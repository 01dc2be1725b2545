import { scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: scrypt (N=2^15, r=8, p=1, 32-byte key) with a 16-byte salt, stored as
 * `scrypt$N$r$p$salt$hash`. The salt comes in as an argument (the core takes no randomness).
 */
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAXMEM = 64 * 1024 * 1024;

export function hashPassword(password: string, salt: Buffer): string {
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, {
    N,
    r: R,
    p: P,
    maxmem: MAXMEM,
  });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(
    password.normalize('NFC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAXMEM,
    },
  );
  return timingSafeEqual(actual, expected);
}

/**
 * A hash to verify against when the login is unknown, so that answer costs the same time as a
 * wrong password (no account discovery). Computed on first use, not at module load: scrypt at
 * cold start would add ~70 ms to every function that imports this module.
 */
let dummy: string | undefined;
export function dummyHash(): string {
  dummy ??= hashPassword('not-a-real-password', Buffer.alloc(16, 7));
  return dummy;
}
