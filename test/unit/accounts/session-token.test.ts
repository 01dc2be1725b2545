import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type SessionClaims,
  signSessionToken,
  verifySessionToken,
} from '../../../shared/accounts/session-token';

const KEY = 'current-signing-key-0123456789-abcdefghijkl';
const OLD = 'previous-signing-key-0123456789-abcdefghijk';
const now = new Date('2026-12-02T10:00:00Z');
const claims: SessionClaims = {
  sid: 'session-1',
  aid: 'ac-1',
  role: 'seller',
  iat: now.getTime() / 1000,
  exp: now.getTime() / 1000 + 3600,
};

/** A token whose signature holds a `-` or `_`, so the standard-alphabet spelling differs. */
function tokenWithUrlSafeCharacters(): string {
  for (let i = 0; ; i++) {
    const token = signSessionToken({ ...claims, sid: `session-${i}` }, KEY);
    if (/[-_]/.test(token.split('.')[2] ?? '')) return token;
  }
}

describe('session tokens have exactly one spelling', () => {
  const token = tokenWithUrlSafeCharacters();
  const signed = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  const [v, payload, sig] = token.split('.') as [string, string, string];

  it('accepts the token as signed', () => {
    expect(verifySessionToken(token, KEY, now)).toEqual({ ok: true, claims: signed });
  });

  it.each([
    ['padding appended', `${v}.${payload}.${sig}=`],
    ['double padding appended', `${v}.${payload}.${sig}==`],
    [
      'standard base64 alphabet',
      `${v}.${payload}.${Buffer.from(sig, 'base64url').toString('base64').replace(/=+$/, '')}`,
    ],
    ['a character inserted', `${v}.${payload}.${sig.slice(0, 10)}!${sig.slice(10)}`],
    ['whitespace inserted', `${v}.${payload}.${sig.slice(0, 10)} ${sig.slice(10)}`],
  ])('refuses the signature with %s', (_what, variant) => {
    expect(variant).not.toBe(token);
    expect(verifySessionToken(variant, KEY, now)).toEqual({ ok: false, reason: 'badSignature' });
  });

  it('refuses the last character with its unused low bits flipped (same bytes, other spelling)', () => {
    // 32 bytes → 43 characters; the last one carries 4 bits and 2 unused ones.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(sig.slice(-1));
    const variants = [1, 2, 3].map((bits) => `${sig.slice(0, -1)}${alphabet[last ^ bits]}`);
    for (const other of variants) {
      expect(Buffer.from(other, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
      expect(verifySessionToken(`${v}.${payload}.${other}`, KEY, now).ok).toBe(false);
    }
  });

  it('refuses another key, an altered payload, expiry, and malformed tokens', () => {
    expect(verifySessionToken(token, OLD, now)).toEqual({ ok: false, reason: 'badSignature' });
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(verifySessionToken(`${v}.${forged}.${sig}`, KEY, now).ok).toBe(false);
    expect(verifySessionToken(token, KEY, new Date(claims.exp * 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifySessionToken('v2.a.b', KEY, now).ok).toBe(false);
    expect(verifySessionToken(`${token}.x`, KEY, now).ok).toBe(false);
    expect(verifySessionToken('x'.repeat(3000), KEY, now).ok).toBe(false);
  });
});

describe('key rotation', () => {
  it('verifies with the current key first and the previous key after a rotation', () => {
    const old = signSessionToken(claims, OLD);
    const fresh = signSessionToken(claims, KEY);
    expect(verifySessionToken(old, [KEY, OLD], now).ok).toBe(true);
    expect(verifySessionToken(fresh, [KEY, OLD], now).ok).toBe(true);
    expect(verifySessionToken(old, [KEY], now).ok).toBe(false);
  });
});

describe('malformed tokens (each refused for its own reason)', () => {
  const mac = (body: string, key = KEY) =>
    createHmac('sha256', key).update(body).digest('base64url');
  /** A token signed with the right key around any payload text. */
  const signedAround = (payloadText: string, version = 'v1') => {
    const payload = Buffer.from(payloadText).toString('base64url');
    return `${version}.${payload}.${mac(`${version}.${payload}`)}`;
  };

  it.each([
    ['not JSON', 'not json at all'],
    ['JSON null', 'null'],
    ['exp not a number', JSON.stringify({ ...claims, exp: String(claims.exp) })],
    ['no session id', JSON.stringify({ ...claims, sid: undefined })],
    ['no account id', JSON.stringify({ ...claims, aid: 42 })],
  ])('refuses a correctly signed payload that is %s', (_what, text) => {
    expect(verifySessionToken(signedAround(text), KEY, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses another version even when signed', () => {
    expect(verifySessionToken(signedAround(JSON.stringify(claims), 'v2'), KEY, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses a signed payload spelled non-canonically (unused bits set)', () => {
    const canonical = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(canonical.slice(-1));
    const odd = `${canonical.slice(0, -1)}${alphabet[last ^ 1]}`;
    if (canonical.length % 4 === 0) return expect(odd).not.toBe(canonical);
    expect(Buffer.from(odd, 'base64url').equals(Buffer.from(canonical, 'base64url'))).toBe(true);
    const token = `v1.${odd}.${mac(`v1.${odd}`)}`;
    expect(verifySessionToken(token, KEY, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a signature of the wrong length without throwing', () => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const short = Buffer.alloc(16, 1).toString('base64url');
    expect(verifySessionToken(`v1.${payload}.${short}`, KEY, now)).toEqual({
      ok: false,
      reason: 'badSignature',
    });
  });

  it('takes tokens up to 2048 characters', () => {
    const sized = (length: number) => {
      const base = signSessionToken({ ...claims, sid: '' }, KEY).length;
      // Each 3 characters of sid add 4 of base64url.
      let sid = '';
      let token = signSessionToken({ ...claims, sid }, KEY);
      while (token.length < length) {
        sid += 'x';
        token = signSessionToken({ ...claims, sid }, KEY);
      }
      return { token, base };
    };
    const atLimit = sized(2046).token;
    expect(atLimit.length).toBeLessThanOrEqual(2048);
    expect(verifySessionToken(atLimit, KEY, now).ok).toBe(true);
    const over = sized(2049).token;
    expect(over.length).toBeGreaterThan(2048);
    expect(verifySessionToken(over, KEY, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
