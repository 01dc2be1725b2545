import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProduct } from '../../../shared/db/products';
import { apiEvent } from '../../helpers/api-event';
import { sellerApiKey, sellerSession } from '../../helpers/auth';
import { call, NO_BODY } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';
import { jpegBytes, pngBytes } from '../../unit/storage/fixtures';

const sample = JSON.parse(apiEvent('catalog/create-product').body ?? '{}');
type Session = Awaited<ReturnType<typeof sellerSession>>;

/** The local image store of this file (the store reads LOCAL_UPLOADS_DIR on first use). */
const uploadsDir = mkdtempSync(join(tmpdir(), 'cho-so-products-images-'));
beforeAll(() => {
  process.env.LOCAL_UPLOADS_DIR = uploadsDir;
});
afterAll(() => {
  rmSync(uploadsDir, { recursive: true, force: true });
});

/** Stores bytes under a new upload key of the seller, as an upload would; returns the key. */
function stored(sellerId: string, bytes: Uint8Array = jpegBytes(64, 48), ext = 'jpg'): string {
  const key = `img/${sellerId}/${randomUUID()}.${ext}`;
  mkdirSync(dirname(join(uploadsDir, key)), { recursive: true });
  writeFileSync(join(uploadsDir, key), bytes);
  return key;
}

/** The sample product, with an image this seller uploaded. */
const body = (s: Session, over: Record<string, unknown> = {}) => ({
  ...sample,
  images: [stored(s.sellerId)],
  ...over,
});

async function create(s: Session, over: Record<string, unknown> = {}) {
  const res = await call('POST /api/seller/products', { headers: s.headers, body: body(s, over) });
  expect(res.status).toBe(201);
  return res.body.product;
}

const path = (productId: string) => ({ path: { productId } });

describe('product images must have been uploaded (both hosts read them through shared/storage)', () => {
  it('refuses a key that was never uploaded, and bytes that are not the image the key names', async () => {
    const s = await sellerSession();
    const before = await tableSnapshot();
    const never = `img/${s.sellerId}/${randomUUID()}.jpg`;
    const loose = `img/${s.sellerId}/a1.jpg`; // passes the key syntax, cannot be an upload
    const html = stored(s.sellerId, Buffer.from('<html><script>alert(1)</script></html>'));
    const pngAsJpg = stored(s.sellerId, pngBytes(4, 4));
    for (const [images, path, message] of [
      [[never], 'images.0', 'Not uploaded'],
      [[stored(s.sellerId), loose], 'images.1', 'Not uploaded'],
      [[html], 'images.0', 'Not an image of this type'],
      [[pngAsJpg], 'images.0', 'Not an image of this type'],
    ] as const) {
      const res = await call('POST /api/seller/products', {
        headers: s.headers,
        body: body(s, { images }),
      });
      expect([res.status, res.body.error?.code], JSON.stringify(images)).toEqual([
        400,
        'request.invalid',
      ]);
      expect(res.body.error.details.issues[0]).toMatchObject({ path, message });
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('checks images an update adds, and leaves the ones already on the product alone', async () => {
    const s = await sellerSession();
    const created = await create(s);
    const never = `img/${s.sellerId}/${randomUUID()}.png`;
    const refused = await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path(created.id),
      body: { version: 1, images: [...created.images, never] },
    });
    expect([refused.status, refused.body.error?.details?.issues?.[0]?.path]).toEqual([
      400,
      'images.1',
    ]);
    const png = stored(s.sellerId, pngBytes(8, 8), 'png');
    // Existing images are not read again: gone from the store, they do not block the update.
    for (const key of created.images as string[]) rmSync(join(uploadsDir, key));
    const ok = await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path(created.id),
      body: { version: 1, images: [png, ...created.images] },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.product.images).toEqual([png, ...created.images]);
  });
});

describe('POST /api/seller/products', () => {
  it('creates a product for the caller, taking the seller id from the credential', async () => {
    const s = await sellerSession();
    const res = await call('POST /api/seller/products', { headers: s.headers, body: body(s) });

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/seller/products/${res.body.product.id}`);
    expect(res.body.product).toMatchObject({
      sellerId: s.sellerId,
      status: 'active',
      version: 1,
      kind: 'goods',
      listed: true,
      price: 1_250_000,
      originCommune: { code: '32248', name: 'Xã Đất Mũi' },
    });
    expect(res.body.product.pk).toBeUndefined();
    expect(res.body.product.gsi1pk).toBeUndefined();
    expect(res.body.product.sellerListed).toBeUndefined();
    expect(await getProduct(res.body.product.id)).toMatchObject({
      sellerId: s.sellerId,
      stock: 120,
    });
  });

  it('works with an API key too', async () => {
    const s = await sellerSession();
    const res = await call('POST /api/seller/products', {
      headers: await sellerApiKey(s.sellerId),
      body: body(s),
    });
    expect(res.status).toBe(201);
  });

  it('lets a pending seller create products, which are not listed yet', async () => {
    const s = await sellerSession({ status: 'pending' });
    expect((await create(s)).listed).toBe(false);
  });

  it('refuses a suspended seller with 403 seller.suspended and writes nothing', async () => {
    const s = await sellerSession({ status: 'suspended' });
    const before = await tableSnapshot();
    const res = await call('POST /api/seller/products', { headers: s.headers, body: body(s) });

    expect([res.status, res.body.error.code]).toEqual([403, 'seller.suspended']);
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses bad input with 400 request.invalid and writes nothing', async () => {
    const s = await sellerSession();
    const before = await tableSnapshot();
    const bad = [
      { price: 1.5 },
      { price: 0 },
      { stock: -1 },
      { category: 'tour' },
      { originCommuneCode: '00001' },
      { images: ['img/someone-else/a1.jpg'] },
      { priceTiers: [{ minQuantity: 2, unitPrice: 2_000_000 }] },
      { sellerId: 'sl-other' },
      { version: 7 },
    ];
    for (const over of bad) {
      const res = await call('POST /api/seller/products', {
        headers: s.headers,
        body: body(s, over),
      });
      expect([res.status, res.body.error.code], JSON.stringify(over)).toEqual([
        400,
        'request.invalid',
      ]);
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('needs credentials', async () => {
    const res = await call('POST /api/seller/products', { body: sample });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/seller/products/{productId}', () => {
  it("returns the seller's product, and 404 for another seller's or an unknown id", async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const product = await create(a);

    const own = await call('GET /api/seller/products/{productId}', {
      headers: a.headers,
      ...path(product.id),
    });
    const foreign = await call('GET /api/seller/products/{productId}', {
      headers: b.headers,
      ...path(product.id),
    });
    const unknown = await call('GET /api/seller/products/{productId}', {
      headers: a.headers,
      ...path('no-such-product'),
    });

    expect(own.status).toBe(200);
    expect(own.body.product).toMatchObject({ id: product.id, version: 1 });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'product.notFound']);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'product.notFound']);
    expect(foreign.body.error.message).toBe(unknown.body.error.message);
  });
});

describe('GET /api/seller/products', () => {
  it('walks all own products newest first, exactly once, and none of another seller', async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await create(a, { status: i % 2 ? 'draft' : 'active' })).id);
    await create(b);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call('GET /api/seller/products', {
        headers: a.headers,
        query: { limit: '3', ...(cursor ? { cursor } : {}) },
      });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);

    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by status', async () => {
    const a = await sellerSession();
    const draft = await create(a, { status: 'draft' });
    await create(a, { status: 'active' });
    const res = await call('GET /api/seller/products', {
      headers: a.headers,
      query: { status: 'draft' },
    });
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([draft.id]);
  });

  it("refuses another seller's cursor and garbage with 400 query.invalidCursor", async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    await create(a);
    await create(a);
    const page = await call('GET /api/seller/products', {
      headers: a.headers,
      query: { limit: '1' },
    });
    expect(page.body.nextCursor).toBeTruthy();

    for (const cursor of [page.body.nextCursor, 'bm90LWEtY3Vyc29y', 'x']) {
      const res = await call('GET /api/seller/products', {
        headers: b.headers,
        query: { cursor },
      });
      expect([res.status, res.body.error.code]).toEqual([400, 'query.invalidCursor']);
    }
  });
});

describe('PUT /api/seller/products/{productId}', () => {
  it('updates the given fields and bumps the version', async () => {
    const s = await sellerSession();
    const product = await create(s);
    const res = await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path(product.id),
      body: { version: 1, price: 1_300_000, name: { vi: 'Tôm khô loại đặc biệt' } },
    });

    expect(res.status).toBe(200);
    expect(res.body.product).toMatchObject({
      version: 2,
      price: 1_300_000,
      name: { vi: 'Tôm khô loại đặc biệt' },
      stock: 120,
    });
    expect(await getProduct(product.id)).toMatchObject({ version: 2, price: 1_300_000 });
  });

  it('answers 409 product.versionConflict for a stale version and changes nothing', async () => {
    const s = await sellerSession();
    const product = await create(s);
    await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path(product.id),
      body: { version: 1, price: 1_300_000 },
    });
    const before = await tableSnapshot();

    const res = await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path(product.id),
      body: { version: 1, price: 1_100_000 },
    });

    expect([res.status, res.body.error.code]).toEqual([409, 'product.versionConflict']);
    expect(await tableSnapshot()).toBe(before);
  });

  it("answers 404 for another seller's product and changes nothing", async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const product = await create(a);
    const before = await tableSnapshot();

    const res = await call('PUT /api/seller/products/{productId}', {
      headers: b.headers,
      ...path(product.id),
      body: { version: 1, price: 1 },
    });

    expect([res.status, res.body.error.code]).toEqual([404, 'product.notFound']);
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses an invalid transition (archived → active) with 409', async () => {
    const s = await sellerSession();
    const product = await create(s);
    await call('POST /api/seller/products/{productId}/archive', {
      headers: s.headers,
      ...path(product.id),
    });
    const res = await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path(product.id),
      body: { version: 2, status: 'active' },
    });
    expect([res.status, res.body.error.code]).toEqual([409, 'product.invalidTransition']);
  });

  it('refuses an inconsistent result (price below a tier) with 400', async () => {
    const s = await sellerSession();
    const product = await create(s);
    const res = await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path(product.id),
      body: { version: 1, price: 1_000_000 },
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'request.invalid']);
  });

  it('refuses a suspended seller with 403', async () => {
    const s = await sellerSession({ status: 'suspended' });
    const res = await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      ...path('any-product'),
      body: { version: 1, price: 1 },
    });
    expect([res.status, res.body.error.code]).toEqual([403, 'seller.suspended']);
  });
});

describe('POST /api/seller/products/{productId}/archive', () => {
  it('archives idempotently; another seller gets 404', async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const product = await create(a);

    const foreign = await call('POST /api/seller/products/{productId}/archive', {
      headers: b.headers,
      ...path(product.id),
    });
    const first = await call('POST /api/seller/products/{productId}/archive', {
      headers: a.headers,
      ...path(product.id),
    });
    const again = await call('POST /api/seller/products/{productId}/archive', {
      headers: a.headers,
      ...path(product.id),
    });

    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'product.notFound']);
    expect(first.body.product).toMatchObject({ status: 'archived', version: 2, listed: false });
    expect(again.body.product).toMatchObject({ status: 'archived', version: 2 });
  });

  it('takes no body: one is refused and nothing changes', async () => {
    const s = await sellerSession();
    const product = await create(s);
    const before = await tableSnapshot();
    const res = await call('POST /api/seller/products/{productId}/archive', {
      headers: { ...s.headers, 'content-type': 'application/json' },
      ...path(product.id),
      rawBody: '{"status":"archived"}',
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'request.unexpectedBody']);
    expect(await tableSnapshot()).toBe(before);
    const ok = await call('POST /api/seller/products/{productId}/archive', {
      headers: s.headers,
      ...path(product.id),
      ...NO_BODY,
    });
    expect(ok.status).toBe(200);
  });
});
