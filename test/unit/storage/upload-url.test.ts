import { describe, expect, it } from 'vitest';
import {
  imageKeyFor,
  signUploadQuery,
  type UploadClaims,
  verifyUploadQuery,
} from '../../../shared/storage/upload-url';

const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const KEY = 'img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg';
const claims: UploadClaims = {
  key: KEY,
  contentType: 'image/jpeg',
  contentLength: 1234,
  expiresAt: 2_000_000_000,
};
const query = () => new URLSearchParams(signUploadQuery(claims, SECRET));

describe('signed upload URLs', () => {
  it('verify with the same key, type, length and secret before expiry', () => {
    expect(verifyUploadQuery(KEY, query(), SECRET, 1_999_999_999)).toEqual({ ok: true, claims });
  });

  it('expire at expiresAt', () => {
    expect(verifyUploadQuery(KEY, query(), SECRET, 2_000_000_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each([
    ['another key', { key: 'img/sl-b2/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg' }],
    ['another type', { ct: 'image/png' }],
    ['another length', { len: '1235' }],
    ['a later expiry', { exp: '2000000001' }],
  ])('refuse %s', (_name, change) => {
    const q = query();
    let key = KEY;
    for (const [k, v] of Object.entries(change)) {
      if (k === 'key') key = v;
      else q.set(k, v);
    }
    expect(verifyUploadQuery(key, q, SECRET, 1_000)).toEqual({ ok: false, reason: 'badSignature' });
  });

  it('refuse another secret', () => {
    expect(verifyUploadQuery(KEY, query(), `${SECRET}x`, 1_000)).toEqual({
      ok: false,
      reason: 'badSignature',
    });
  });

  it.each([
    ['a traversal key', '../../etc/passwd', {}],
    ['an encoded traversal', 'img/sl-a1/..%2F..%2Fx.jpg', {}],
    ['a missing signature', KEY, { sig: '' }],
    ['a non-image type', KEY, { ct: 'image/svg+xml' }],
    ['a zero length', KEY, { len: '0' }],
    ['a non-numeric expiry', KEY, { exp: 'soon' }],
  ])('refuse %s as malformed', (_name, key, change) => {
    const q = query();
    for (const [k, v] of Object.entries(change)) q.set(k, v);
    expect(verifyUploadQuery(key, q, SECRET, 1_000)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('imageKeyFor', () => {
  it('puts the seller and a uuid in the key, with the extension of the type', () => {
    expect(imageKeyFor('sl-a1', '0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10', 'image/webp')).toBe(
      'img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.webp',
    );
  });

  it('refuses ids that would break the pattern', () => {
    expect(() =>
      imageKeyFor('sl/../x', '0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10', 'image/png'),
    ).toThrow();
    expect(() => imageKeyFor('sl-a1', 'not-a-uuid', 'image/png')).toThrow();
  });
});
