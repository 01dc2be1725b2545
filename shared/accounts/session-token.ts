import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from './principal';

/**
 * Short-lived signed session tokens: `v1.<payload>.<signature>`, base64url, HMAC-SHA256 over
 * `v1.<payload>`. The token is only half the check: the session it names must also still exist
 * (sign-out deletes it), see functions/_http/auth.ts. Pure: time comes in as an argument.
 */
export interface SessionClaims {
  /** session id */
  sid: string;
  /** account id */
  aid: string;
  role: Role;
  /** seller id, for sellers */
  sel?: string;
  /** issued at / expires at, epoch seconds */
  iat: number;
  exp: number;
  /** must change password (one-time password accounts) */
  mcp?: boolean;
}

export const SESSION_TTL_SECONDS = 4 * 3600;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest();

export function signSessionToken(claims: SessionClaims, secret: string): string {
  const body = `v1.${b64(JSON.stringify(claims))}`;
  return `${body}.${b64(sign(body, secret))}`;
}

export type TokenCheck =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: 'malformed' | 'badSignature' | 'expired' };

/**
 * Checks a token against the signing keys (the current one first, then the previous one during a
 * rotation). A token has exactly one spelling: the signature must be the canonical base64url of
 * the HMAC (no padding, no `+/`, no stray characters, no altered unused low bits), so a token
 * cannot be replayed under another spelling that a cache, a log filter or a revocation list would
 * not recognise.
 */
export function verifySessionToken(
  token: string,
  secrets: string | readonly string[],
  now: Date,
): TokenCheck {
  if (token.length > 2048) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
  const [version, payload, signature] = parts as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  if (b64(given) !== signature) return { ok: false, reason: 'badSignature' };
  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  const matches = keys.some((secret) => {
    const expected = sign(`${version}.${payload}`, secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: 'badSignature' };
  let claims: SessionClaims;
  try {
    const text = Buffer.from(payload, 'base64url').toString('utf8');
    if (b64(text) !== payload) return { ok: false, reason: 'malformed' };
    claims = JSON.parse(text) as SessionClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    !claims ||
    typeof claims.exp !== 'number' ||
    typeof claims.sid !== 'string' ||
    typeof claims.aid !== 'string'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
