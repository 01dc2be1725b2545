import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUploadsHandler } from '../../../infra/local/uploads';
import { imageStore } from '../../../shared/storage/images';
import { apiEvent } from '../../helpers/api-event';
import { sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

/**
 * create-upload against the local store, and the whole round trip the web page makes: ask for a
 * URL, PUT the file there (infra/local/uploads.ts on a real server), load it from /images/<key>,
 * name it in a product.
 */
const dir = mkdtempSync(join(tmpdir(), 'cho-so-upload-it-'));
let server: Server;
let base: string;

beforeAll(async () => {
  const handle = createUploadsHandler({ dir, secret: process.env.SIGNING_SECRET ?? '' });
  server = createServer((req, res) => {
    if (!handle(req, res, new URL(req.url ?? '/', 'http://localhost'))) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The names the local host sets; the store reads them on first use.
  process.env.LOCAL_UPLOADS_URL = `${base}/_uploads`;
  process.env.LOCAL_UPLOADS_DIR = dir;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(180);
  return PNG.sync.write(image);
}

const ask = (headers: Record<string, string>, body: unknown) =>
  call('POST /api/seller/uploads', { headers, body });

describe('POST /api/seller/uploads', () => {
  it('gives a signed PUT URL under the caller’s own prefix; the round trip works', async () => {
    const s = await sellerSession();
    const image = png(120, 80);
    const before = await tableSnapshot();
    const res = await ask(s.headers, { contentType: 'image/png', contentLength: image.length });
    expect(res.status).toBe(201);
    expect(await tableSnapshot()).toBe(before);
    expect(imageStore().kind).toBe('local');
    expect(res.body).toMatchObject({
      imageKey: expect.stringMatching(new RegExp(`^img/${s.sellerId}/[0-9a-f-]{36}\\.png$`)),
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      maxBytes: 5 * 1024 * 1024,
    });
    expect(res.body.imageUrl).toBe(`/images/${res.body.imageKey}`);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);

    const put = await fetch(res.body.uploadUrl, {
      method: res.body.method,
      headers: res.body.headers,
      body: image as unknown as BodyInit,
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ width: 120, height: 80 });
    const got = await fetch(`${base}${res.body.imageUrl}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(image);
    expect(await imageStore().describe(res.body.imageKey)).toEqual({
      contentType: 'image/png',
      bytes: image.length,
      width: 120,
      height: 80,
    });

    const sample = JSON.parse(apiEvent('catalog/create-product').body ?? '{}');
    const product = await call('POST /api/seller/products', {
      headers: s.headers,
      body: { ...sample, images: [res.body.imageKey] },
    });
    expect(product.status, JSON.stringify(product.body)).toBe(201);
  });

  it('refuses a type we do not take with 415, and more than 5 MB with 413', async () => {
    const s = await sellerSession();
    const svg = await ask(s.headers, { contentType: 'image/svg+xml', contentLength: 100 });
    expect(svg.status).toBe(415);
    expect(svg.body.error.code).toBe('upload.unsupportedType');
    const big = await ask(s.headers, {
      contentType: 'image/jpeg',
      contentLength: 5 * 1024 * 1024 + 1,
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('upload.tooLarge');
    const zero = await ask(s.headers, { contentType: 'image/jpeg', contentLength: 0 });
    expect(zero.status).toBe(400);
  });

  it('a URL signed for one length refuses another body', async () => {
    const s = await sellerSession();
    const image = png(10, 10);
    const res = await ask(s.headers, { contentType: 'image/png', contentLength: image.length + 5 });
    const put = await fetch(res.body.uploadUrl, {
      method: 'PUT',
      headers: res.body.headers,
      body: image as unknown as BodyInit,
    });
    expect(put.status).toBe(403);
  });

  it('refuses anonymous callers (401) and suspended sellers (403)', async () => {
    const anonymous = await call('POST /api/seller/uploads', {});
    expect(anonymous.status).toBe(401);
    const suspended = await sellerSession({ status: 'suspended' });
    const res = await ask(suspended.headers, { contentType: 'image/png', contentLength: 10 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('seller.suspended');
  });

  it('cannot be steered into another seller’s prefix', async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const res = await ask(b.headers, {
      contentType: 'image/png',
      contentLength: 10,
      sellerId: a.sellerId,
    });
    expect(res.status).toBe(400);
    const ok = await ask(b.headers, { contentType: 'image/png', contentLength: 10 });
    expect(ok.body.imageKey.startsWith(`img/${b.sellerId}/`)).toBe(true);
  });

  it('gives the small copy of the caller’s own image its -w480 key; the round trip works', async () => {
    const s = await sellerSession();
    const main = await ask(s.headers, { contentType: 'image/png', contentLength: 10 });
    const small = png(48, 32);
    const res = await ask(s.headers, {
      contentType: 'image/png',
      contentLength: small.length,
      variantOf: main.body.imageKey,
    });
    expect(res.status).toBe(201);
    expect(res.body.imageKey).toBe(main.body.imageKey.replace(/\.png$/, '-w480.png'));
    const put = await fetch(res.body.uploadUrl, {
      method: res.body.method,
      headers: res.body.headers,
      body: small as unknown as BodyInit,
    });
    expect(put.status).toBe(200);
    const got = await fetch(`${base}${res.body.imageUrl}`);
    expect(got.status).toBe(200);
  });

  it('refuses a small copy of another seller’s image, of a small copy, or of another type (400 on variantOf)', async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const theirs = await ask(b.headers, { contentType: 'image/png', contentLength: 10 });
    const mine = await ask(a.headers, { contentType: 'image/png', contentLength: 10 });
    const before = await tableSnapshot();
    const cases = [
      { contentType: 'image/png', variantOf: theirs.body.imageKey },
      { contentType: 'image/png', variantOf: mine.body.imageKey.replace(/\.png$/, '-w480.png') },
      { contentType: 'image/webp', variantOf: mine.body.imageKey },
      { contentType: 'image/png', variantOf: `img/${a.sellerId}/../${b.sellerId}/x.png` },
    ];
    for (const c of cases) {
      const res = await ask(a.headers, { ...c, contentLength: 10 });
      expect(res.status, JSON.stringify(c)).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('variantOf');
    }
    expect(await tableSnapshot()).toBe(before);
  });
});
