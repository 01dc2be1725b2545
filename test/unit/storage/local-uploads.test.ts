import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUploadsHandler } from '../../../infra/local/uploads';
import { signUploadQuery, type UploadClaims } from '../../../shared/storage/upload-url';
import { jpegBytes, pngBytes, webpLossy } from './fixtures';

/** The local host's upload and image routes, on a real node:http server (port 0). */
const SECRET = 'test-signing-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const NOW = new Date('2026-11-23T08:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const dir = mkdtempSync(join(tmpdir(), 'cho-so-uploads-'));
let server: Server;
let base: string;
let n = 0;

const newKey = (ext = 'png') =>
  `img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-${String(++n).padStart(12, '0')}.${ext}`;

function signedUrl(claims: Partial<UploadClaims> & { key: string; contentLength: number }) {
  const full: UploadClaims = { contentType: 'image/png', expiresAt: nowSeconds + 900, ...claims };
  return `${base}/_uploads/${full.key}?${signUploadQuery(full, SECRET)}`;
}

/** A PUT as the browser sends it: the headers of the upload ticket. */
const put = (
  url: string,
  body: Uint8Array,
  type = 'image/png',
  extra: Record<string, string> = {},
) =>
  fetch(url, {
    method: 'PUT',
    body: body as unknown as BodyInit,
    headers: { 'content-type': type, 'if-none-match': '*', ...extra },
  });

beforeAll(async () => {
  const handle = createUploadsHandler({ dir, secret: SECRET, now: () => NOW });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!handle(req, res, url)) {
      res.writeHead(418);
      res.end('not mine');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('PUT /_uploads/<key>', () => {
  it('stores a signed upload and records its pixel size; GET /images/<key> serves it', async () => {
    const key = newKey();
    const image = pngBytes(40, 30);
    const res = await put(signedUrl({ key, contentLength: image.length }), image);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      imageKey: key,
      contentType: 'image/png',
      bytes: image.length,
      width: 40,
      height: 30,
    });
    expect(readFileSync(join(dir, key))).toEqual(image);

    const got = await fetch(`${base}/images/${key}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(got.headers.get('cross-origin-resource-policy')).toBe('same-site');
    expect(got.headers.get('x-image-width')).toBe('40');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(image);

    const again = await fetch(`${base}/images/${key}`, {
      headers: { 'if-none-match': got.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    const head = await fetch(`${base}/images/${key}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(image.length));
  });

  it('accepts JPEG and WebP under their own signed types', async () => {
    const jpg = jpegBytes(1200, 800, 6);
    const jpgKey = newKey('jpg');
    const res = await put(
      signedUrl({ key: jpgKey, contentType: 'image/jpeg', contentLength: jpg.length }),
      jpg,
      'image/jpeg',
    );
    expect(await res.json()).toMatchObject({ width: 800, height: 1200 });
    const webp = webpLossy(64, 48);
    const webpKey = newKey('webp');
    const ok = await put(
      signedUrl({ key: webpKey, contentType: 'image/webp', contentLength: webp.length }),
      webp,
      'image/webp',
    );
    expect(ok.status).toBe(200);
    expect((await fetch(`${base}/images/${webpKey}`)).headers.get('content-type')).toBe(
      'image/webp',
    );
  });

  it('refuses a tampered or expired signature with 403 upload.invalidSignature', async () => {
    const image = pngBytes(2, 2);
    const key = newKey();
    const tampered = signedUrl({ key, contentLength: image.length }).replace(
      /sig=[A-Za-z0-9_-]{43}/,
      `sig=${'A'.repeat(43)}`,
    );
    const expired = signedUrl({ key, contentLength: image.length, expiresAt: nowSeconds });
    const otherKey = signedUrl({ key, contentLength: image.length }).replace(key, newKey());
    const unsigned = `${base}/_uploads/${key}`;
    for (const url of [tampered, expired, otherKey, unsigned]) {
      const res = await put(url, image);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'upload.invalidSignature' } });
    }
    expect(existsSync(join(dir, key))).toBe(false);
  });

  it('refuses another Content-Type or Content-Length than signed (403)', async () => {
    const image = pngBytes(2, 2);
    const key = newKey();
    const url = signedUrl({ key, contentLength: image.length });
    expect((await put(url, image, 'image/jpeg')).status).toBe(403);
    expect((await put(url, Buffer.concat([image, Buffer.from([0])]))).status).toBe(403);
    expect(existsSync(join(dir, key))).toBe(false);
  });

  it('refuses a PUT without the signed If-None-Match: * (403), as S3 does', async () => {
    const image = pngBytes(2, 2);
    const key = newKey();
    const url = signedUrl({ key, contentLength: image.length });
    for (const value of [undefined, '"abc"', 'W/"*"']) {
      const res = await fetch(url, {
        method: 'PUT',
        body: image as unknown as BodyInit,
        headers: { 'content-type': 'image/png', ...(value ? { 'if-none-match': value } : {}) },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'upload.invalidSignature' } });
    }
    expect(existsSync(join(dir, key))).toBe(false);
  });

  it('never overwrites: a replayed or concurrent PUT of the same signed URL gets 412', async () => {
    const first = pngBytes(10, 10);
    const key = newKey();
    const url = signedUrl({ key, contentLength: first.length });
    expect((await put(url, first)).status).toBe(200);
    // Same length, other pixels: a replay that would swap the image under a product.
    const other = pngBytes(10, 10);
    other[other.length - 20] = (other[other.length - 20] ?? 0) ^ 0xff;
    const replay = await put(url, other);
    expect(replay.status).toBe(412);
    expect(await replay.json()).toMatchObject({ error: { code: 'upload.alreadyExists' } });
    expect(readFileSync(join(dir, key))).toEqual(first);

    const key2 = newKey();
    const url2 = signedUrl({ key: key2, contentLength: first.length });
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => put(url2, first)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(7);
  });

  it('refuses bytes that are not the signed image type with 415', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const key = newKey();
    const res = await put(signedUrl({ key, contentLength: svg.length }), svg);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'upload.unsupportedType' } });
    const jpg = jpegBytes(4, 4);
    const res2 = await put(signedUrl({ key, contentLength: jpg.length }), jpg);
    expect(res2.status).toBe(415);
    expect(existsSync(join(dir, key))).toBe(false);
  });

  it('answers other methods with 405', async () => {
    expect((await fetch(`${base}/_uploads/${newKey()}`)).status).toBe(405);
    expect((await fetch(`${base}/images/${newKey()}`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('GET /images/<key>', () => {
  it.each([
    '/images/img/sl-a1/missing.png',
    '/images/img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-999999999999.png',
    '/images/..%2F..%2Fetc%2Fpasswd',
    '/images/img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-000000000001.png.json',
    '/images/img%2Fsl-a1%2F0b9e1f4e-3a6d-4f39-9a47-000000000001.png',
  ])('answers 404 for %s', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('leaves other paths to the host', async () => {
    expect((await fetch(`${base}/index.html`)).status).toBe(418);
    expect((await fetch(`${base}/imagesx/a`)).status).toBe(418);
  });
});
