import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  IMAGE_KEY_PATTERN,
  imageKeyFor,
  SMALL_IMAGE_WIDTH,
  signUploadQuery,
  smallImageKeyOf,
  type UploadClaims,
  verifyUploadQuery,
} from '../../../shared/storage/upload-url';

const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const UUID = '0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10';
const KEY = `img/sl-a1/${UUID}.jpg`;
const claims: UploadClaims = {
  key: KEY,
  contentType: 'image/jpeg',
  contentLength: 1234,
  expiresAt: 2_000_000_000,
};

describe('smallImageKeyOf (the 480 px copy of a main picture)', () => {
  it('adds -w480 before the extension of a main image key, for each type', () => {
    expect(SMALL_IMAGE_WIDTH).toBe(480);
    for (const ext of ['jpg', 'png', 'webp']) {
      const small = smallImageKeyOf(`img/sl-a1/${UUID}.${ext}`);
      expect(small).toBe(`img/sl-a1/${UUID}-w480.${ext}`);
      // The small key is itself a valid image key (it can be signed and served).
      expect(IMAGE_KEY_PATTERN.test(small ?? '')).toBe(true);
    }
  });

  it('has none for a small key, a key of another shape, or another extension', () => {
    expect(smallImageKeyOf(`img/sl-a1/${UUID}-w480.jpg`)).toBeUndefined();
    expect(smallImageKeyOf(`img/sl-a1/${UUID}-w480.webp`)).toBeUndefined();
    expect(smallImageKeyOf(`img/sl-a1/${UUID}.gif`)).toBeUndefined();
    expect(smallImageKeyOf(`img/sl-a1/${UUID}.jpg.png`)).toBeUndefined();
    expect(smallImageKeyOf(`../img/sl-a1/${UUID}.jpg`)).toBeUndefined();
    expect(smallImageKeyOf('')).toBeUndefined();
  });
});

describe('upload signatures', () => {
  it('are HMAC-SHA256 of PUT, key, type, length and expiry (one a line) with a purpose key', () => {
    const purposeKey = createHmac('sha256', SECRET).update('cho-so/image-upload/v1').digest();
    const sig = createHmac('sha256', purposeKey)
      .update(`PUT\n${KEY}\nimage/jpeg\n1234\n2000000000`)
      .digest('base64url');
    expect(signUploadQuery(claims, SECRET)).toBe(
      `ct=image%2Fjpeg&len=1234&exp=2000000000&sig=${sig}`,
    );
  });

  it('a signature made with the secret itself (no purpose key) does not pass', () => {
    const sig = createHmac('sha256', SECRET)
      .update(`PUT\n${KEY}\nimage/jpeg\n1234\n2000000000`)
      .digest('base64url');
    const q = new URLSearchParams({ ct: 'image/jpeg', len: '1234', exp: '2000000000', sig });
    expect(verifyUploadQuery(KEY, q, SECRET, 1)).toEqual({ ok: false, reason: 'badSignature' });
  });

  const signed = () => new URLSearchParams(signUploadQuery(claims, SECRET));
  it.each([
    ['a length with a leading zero', { len: '01234' }],
    ['a length followed by text', { len: '1234x' }],
    ['a length of 11 digits', { len: '12345678901' }],
    ['an expiry after text', { exp: 'x2000000000' }],
    ['an expiry followed by text', { exp: '2000000000x' }],
    ['an expiry of 13 digits', { exp: '2000000000000' }],
    ['a signature after another character', { sig: `x${'A'.repeat(43)}` }],
    ['a signature followed by another character', { sig: `${'A'.repeat(43)}x` }],
    ['a signature of 42 characters', { sig: 'A'.repeat(42) }],
    ['a signature with padding', { sig: `${'A'.repeat(42)}=` }],
  ])('refuse %s as malformed', (_name, change) => {
    const q = signed();
    for (const [k, v] of Object.entries(change)) q.set(k, v);
    expect(verifyUploadQuery(KEY, q, SECRET, 1)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each(['ct', 'len', 'exp', 'sig'])('refuse a query without %s as malformed', (name) => {
    const q = signed();
    q.delete(name);
    expect(verifyUploadQuery(KEY, q, SECRET, 1)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts the longest length and expiry the format allows when signed', () => {
    const big = { ...claims, contentLength: 9_999_999_999, expiresAt: 999_999_999_999 };
    const q = new URLSearchParams(signUploadQuery(big, SECRET));
    expect(verifyUploadQuery(KEY, q, SECRET, 1)).toEqual({ ok: true, claims: big });
  });
});

describe('imageKeyFor', () => {
  it('names the seller when it cannot make a key', () => {
    expect(() => imageKeyFor('sl/../x', UUID, 'image/png')).toThrow(
      'Cannot make an image key for sl/../x',
    );
  });
});
