import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  imageStoreFor,
  objectKeyOf,
  parseStorageConfig,
  publicPathOf,
} from '../../../shared/storage/images';
import { verifyUploadQuery } from '../../../shared/storage/upload-url';
import { jpegBytes } from './fixtures';

const KEY = 'img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg';
const NOW = new Date('2026-11-23T08:00:00Z');
const SECRET = 'test-signing-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

describe('storage configuration', () => {
  it('picks S3 when IMAGES_BUCKET is set', () => {
    expect(imageStoreFor(parseStorageConfig({ IMAGES_BUCKET: 'cho-so-images' })).kind).toBe('s3');
  });

  it('picks the local store off AWS, with the README defaults', () => {
    expect(imageStoreFor(parseStorageConfig({ HOST_KIND: 'local' })).kind).toBe('local');
  });

  it('refuses to start on AWS without a bucket, and names bad values', () => {
    expect(() => imageStoreFor(parseStorageConfig({}))).toThrowError(/IMAGES_BUCKET/);
    expect(() => parseStorageConfig({ IMAGES_BUCKET: 'Bad_Bucket' })).toThrowError(/IMAGES_BUCKET/);
    expect(() => parseStorageConfig({ LOCAL_UPLOADS_URL: 'not a url' })).toThrowError(
      /LOCAL_UPLOADS_URL/,
    );
  });

  it('maps keys to the S3 object and the public path', () => {
    expect(objectKeyOf(KEY)).toBe(`images/${KEY}`);
    expect(publicPathOf(KEY)).toBe(`/images/${KEY}`);
  });
});

describe('S3 pre-signed PUT (signed offline with fixed credentials)', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('signs content-type, content-length and If-None-Match: *, for 15 minutes, on images/<key>', async () => {
    const store = imageStoreFor(
      parseStorageConfig({ IMAGES_BUCKET: 'cho-so-images', AWS_REGION: 'ap-southeast-1' }),
    );
    const ticket = await store.createUpload({
      key: KEY,
      contentType: 'image/jpeg',
      contentLength: 245760,
      now: NOW,
    });
    const url = new URL(ticket.uploadUrl);
    expect(url.hostname).toBe('cho-so-images.s3.ap-southeast-1.amazonaws.com');
    expect(url.pathname).toBe(`/images/${KEY}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual([
      'content-length',
      'content-type',
      'host',
      'if-none-match',
    ]);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261123T080000Z');
    // No SDK checksum a browser could not reproduce.
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(ticket).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'if-none-match': '*' },
      expiresAt: '2026-11-23T08:15:00.000Z',
    });
  });
});

describe('local store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cho-so-images-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const store = () =>
    imageStoreFor(
      parseStorageConfig({
        LOCAL_UPLOADS_URL: 'http://localhost:3000/_uploads/',
        LOCAL_UPLOADS_DIR: dir,
      }),
      async () => SECRET,
    );

  it('makes an HMAC-signed URL that the local host verifies', async () => {
    const ticket = await store().createUpload({
      key: KEY,
      contentType: 'image/jpeg',
      contentLength: 99,
      now: NOW,
    });
    const url = new URL(ticket.uploadUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`http://localhost:3000/_uploads/${KEY}`);
    const check = verifyUploadQuery(
      KEY,
      url.searchParams,
      SECRET,
      Math.floor(NOW.getTime() / 1000) + 899,
    );
    expect(check).toEqual({
      ok: true,
      claims: {
        key: KEY,
        contentType: 'image/jpeg',
        contentLength: 99,
        expiresAt: Math.floor(NOW.getTime() / 1000) + 900,
      },
    });
  });

  it('describes a stored image from its sidecar or its first bytes, and misses cleanly', async () => {
    const file = join(dir, KEY);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, jpegBytes(800, 600));
    expect(await store().describe(KEY)).toEqual({
      contentType: 'image/jpeg',
      bytes: jpegBytes(800, 600).length,
      width: 800,
      height: 600,
    });
    writeFileSync(
      `${file}.json`,
      JSON.stringify({ contentType: 'image/jpeg', bytes: 5, width: 1, height: 2 }),
    );
    expect(await store().describe(KEY)).toMatchObject({ width: 1, height: 2 });
    expect(await store().describe(KEY.replace('0b9e', '1b9e'))).toBeUndefined();
    expect(await store().describe('../../etc/passwd')).toBeUndefined();
  });
});
