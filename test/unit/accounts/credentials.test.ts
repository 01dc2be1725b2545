import { describe, expect, it } from 'vitest';
import {
  type Account,
  accountView,
  emailLogin,
  phoneLogin,
} from '../../../shared/accounts/account';
import {
  API_KEY_PATTERN,
  apiKeySecretMatches,
  formatApiKey,
  hashApiKeySecret,
  parseApiKey,
} from '../../../shared/accounts/api-key';
import { dummyHash, hashPassword, verifyPassword } from '../../../shared/accounts/password';
import { ANONYMOUS, ROLES } from '../../../shared/accounts/principal';
import { verifySessionToken } from '../../../shared/accounts/session-token';

/**
 * Known answers computed outside this code base (Python's hashlib.scrypt and hashlib.sha256),
 * so a changed parameter, encoding or normalisation shows.
 */
const PASSWORD = 'Tôm-khô-Rạch-Gốc-2026';
const SALT = Buffer.alloc(16, 1);
const KNOWN_HASH =
  'scrypt$32768$8$1$AQEBAQEBAQEBAQEBAQEBAQ$nTjTfKwyT9TmGEtmOQPVAs0u4MCJXSwyU85pp0BUYjg';
/** An older hash with N = 2^14: verification must read the parameters from the stored string. */
const OLD_HASH =
  'scrypt$16384$8$1$AgICAgICAgICAgICAgICAg$SifBn5ykOmuGby22QPL28tQCjZpUXm6BOuXGEqSFRks';
/** The same with a 16-byte key: the stored length decides the key length. */
const SHORT_HASH = 'scrypt$16384$8$1$AgICAgICAgICAgICAgICAg$SifBn5ykOmuGby22QPL28g';

describe('password hashes (scrypt)', () => {
  it('hashes to the known scrypt value, NFC-normalised, in the stored format', () => {
    expect(hashPassword(PASSWORD, SALT)).toBe(KNOWN_HASH);
    // the same password typed with combining accents (NFD) is the same password
    expect(hashPassword(PASSWORD.normalize('NFD'), SALT)).toBe(KNOWN_HASH);
  });

  it('verifies the right password only', () => {
    expect(verifyPassword(PASSWORD, KNOWN_HASH)).toBe(true);
    expect(verifyPassword(PASSWORD.normalize('NFD'), KNOWN_HASH)).toBe(true);
    expect(verifyPassword('Tom-kho-Rach-Goc-2026', KNOWN_HASH)).toBe(false);
    expect(verifyPassword(`${PASSWORD} `, KNOWN_HASH)).toBe(false);
    expect(verifyPassword('', KNOWN_HASH)).toBe(false);
  });

  it('reads N and the key length from the stored hash', () => {
    expect(verifyPassword('mật-khẩu-cũ-2024', OLD_HASH)).toBe(true);
    expect(verifyPassword('mật-khẩu-cũ-2025', OLD_HASH)).toBe(false);
    expect(verifyPassword('mật-khẩu-cũ-2024', SHORT_HASH)).toBe(true);
  });

  it.each([
    ['another scheme', KNOWN_HASH.replace(/^scrypt/, 'bcrypt')],
    ['no salt', 'scrypt$32768$8$1$$nTjTfKwyT9TmGEtmOQPVAs0u4MCJXSwyU85pp0BUYjg'],
    ['no hash', 'scrypt$32768$8$1$AQEBAQEBAQEBAQEBAQEBAQ$'],
    ['too few parts', 'scrypt$32768$8$1$AQEBAQEBAQEBAQEBAQEBAQ'],
    ['empty', ''],
  ])('refuses a stored value with %s', (_name, stored) => {
    expect(verifyPassword(PASSWORD, stored)).toBe(false);
  });

  it('the dummy hash is a real, stable scrypt hash that no user password matches', () => {
    const dummy = dummyHash();
    expect(dummy).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(dummyHash()).toBe(dummy);
    expect(verifyPassword('not-a-real-password', dummy)).toBe(true);
    expect(verifyPassword(PASSWORD, dummy)).toBe(false);
  });
});

describe('API keys', () => {
  const keyId = 'AbCdEf123456';
  const secret = `${'A'.repeat(41)}-_`;

  it('formats and parses `cs_<keyId>_<secret>`', () => {
    const key = formatApiKey(keyId, secret);
    expect(key).toBe(`cs_AbCdEf123456_${secret}`);
    expect(parseApiKey(key)).toEqual({ keyId, secret });
    expect(API_KEY_PATTERN.test(key)).toBe(true);
  });

  it.each([
    ['a short key id', `cs_AbCdEf12345_${secret}`],
    ['a long key id', `cs_AbCdEf1234567_${secret}`],
    ['a key id with a dash', `cs_AbCdEf-23456_${secret}`],
    ['a short secret', `cs_${keyId}_${'A'.repeat(42)}`],
    ['a long secret', `cs_${keyId}_${'A'.repeat(44)}`],
    ['a secret with +', `cs_${keyId}_${'A'.repeat(42)}+`],
    ['another prefix', `sk_${keyId}_${secret}`],
    ['a leading space', ` cs_${keyId}_${secret}`],
    ['a trailing newline', `cs_${keyId}_${secret}\n`],
    ['nothing', ''],
  ])('refuses %s', (_name, key) => {
    expect(parseApiKey(key)).toBeUndefined();
  });

  it('stores the SHA-256 of the secret (base64url) and compares against it', () => {
    const stored = hashApiKeySecret('A'.repeat(43));
    expect(stored).toBe('DwBzhbb51LfusnSGBa_hqYSgo7-j8BTQnip4TOnlzRo');
    expect(apiKeySecretMatches('A'.repeat(43), stored)).toBe(true);
    expect(apiKeySecretMatches(`${'A'.repeat(42)}B`, stored)).toBe(false);
    // a stored value of another length is a mismatch, not an exception
    expect(apiKeySecretMatches('A'.repeat(43), stored.slice(1))).toBe(false);
    expect(apiKeySecretMatches('A'.repeat(43), '')).toBe(false);
  });
});

describe('accounts', () => {
  it('logins are case- and space-insensitive for email, as given for phone', () => {
    expect(emailLogin('  HTX.TomKho@Example.VN ')).toBe('email:htx.tomkho@example.vn');
    expect(phoneLogin('0912345678')).toBe('phone:0912345678');
  });

  it('a view never shows the password hash or the version', () => {
    const account: Account = {
      id: 'ac-1',
      email: 'a@example.vn',
      role: 'officer',
      displayName: 'Cán bộ',
      passwordHash: KNOWN_HASH,
      status: 'active',
      mustChangePassword: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
      version: 3,
    };
    expect(accountView(account)).toEqual({
      id: 'ac-1',
      email: 'a@example.vn',
      role: 'officer',
      displayName: 'Cán bộ',
      status: 'active',
      mustChangePassword: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
  });
});

describe('principals and token size', () => {
  it('the anonymous principal and the roles', () => {
    expect(ANONYMOUS).toEqual({ kind: 'anonymous' });
    expect(ROLES).toEqual(['seller', 'officer', 'admin']);
  });

  it('a token of 2048 characters is judged on its signature; one longer is malformed unread', () => {
    const signature = 'A'.repeat(43);
    const at2048 = `v1.${'A'.repeat(2048 - 3 - 1 - 43)}.${signature}`;
    expect(at2048).toHaveLength(2048);
    const now = new Date();
    expect(verifySessionToken(at2048, 'k'.repeat(32), now)).toEqual({
      ok: false,
      reason: 'badSignature',
    });
    expect(
      verifySessionToken(`${at2048.slice(0, 3)}A${at2048.slice(3)}`, 'k'.repeat(32), now),
    ).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
