import { describe, expect, it } from 'vitest';
import { setSellerListing } from '../../../shared/db/products';
import { getSeller, saveSeller } from '../../../shared/db/sellers';
import { apiEvent } from '../../helpers/api-event';
import { officerSession, sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';

const sample = JSON.parse(apiEvent('catalog/create-product').body ?? '{}');
type Session = Awaited<ReturnType<typeof sellerSession>>;

async function create(s: Session, over: Record<string, unknown> = {}) {
  const res = await call('POST /api/seller/products', {
    headers: s.headers,
    body: { ...sample, images: [], status: 'active', ...over },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.product as { id: string; version: number };
}

const named = (vi: string, over: Record<string, unknown> = {}) => ({
  name: { vi },
  description: { vi: '' },
  ...over,
});

async function list(query: Record<string, string>) {
  const res = await call('GET /api/products', { query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: Array<{ id: string; name: { vi: string }; price: number }>;
    total: number;
    nextCursor?: string;
  };
}

async function walk(query: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('cursor loop');
}

const getPublic = (productId: string) =>
  call('GET /api/products/{productId}', { path: { productId } });

describe('GET /api/products', () => {
  it('finds "Tôm khô Cà Mau" first for "tom kho ca mau", then partial matches', async () => {
    const s = await sellerSession();
    const best = await create(s, named('Tôm khô Cà Mau'));
    const partial = await create(s, named('Khô cá bổi Cà Mau'));
    const other = await create(s, named('Tôm khô Rạch Gốc', { description: { vi: 'tôm đất' } }));
    await create(s, named('Mật ong rừng tràm'));

    const page = await list({ q: 'tom kho ca mau', seller: s.sellerId });

    expect(page.items.map((p) => p.id)).toEqual([best.id, partial.id, other.id]);
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({
      name: { vi: 'Tôm khô Cà Mau' },
      seller: { id: s.sellerId, legalName: 'Hợp tác xã Thử nghiệm', commune: { code: '32248' } },
      originCommune: { code: '32248', name: 'Xã Đất Mũi' },
      inStock: true,
    });
    expect(page.items[0]).not.toHaveProperty('pk');
  });

  it('matches đ with d, whole words before prefixes', async () => {
    const s = await sellerSession();
    const dat = await create(
      s,
      named('Tour Đất Mũi', {
        category: 'tour',
        unit: 'người',
        stock: undefined,
        capacityPerDate: 10,
        priceTiers: [],
      }),
    );
    const cay = await create(s, named('Cây đước giống'));
    const ca = await create(s, named('Cá đước khô'));

    expect((await list({ q: 'dat', seller: s.sellerId })).items.map((p) => p.id)).toEqual([dat.id]);
    expect((await list({ q: 'ca', seller: s.sellerId })).items.map((p) => p.id)).toEqual([
      ca.id,
      cay.id,
    ]);
  });

  it('filters by category, commune, price and stock, and sorts by price', async () => {
    const s = await sellerSession();
    const crab = await create(
      s,
      named('Cua gạch', {
        category: 'crab',
        price: 450_000,
        priceTiers: [],
        originCommuneCode: '32191',
      }),
    );
    const cheap = await create(s, named('Khô cá', { price: 185_000, priceTiers: [], stock: 0 }));
    const dear = await create(s, named('Tôm khô', { price: 1_250_000 }));

    const ids = async (q: Record<string, string>) =>
      (await list({ seller: s.sellerId, ...q })).items.map((p) => p.id);
    expect(await ids({ category: 'crab' })).toEqual([crab.id]);
    expect(await ids({ commune: '32191' })).toEqual([crab.id]);
    expect(await ids({ minPrice: '200000', maxPrice: '500000' })).toEqual([crab.id]);
    expect(await ids({ inStock: 'false' })).toEqual([cheap.id]);
    expect(await ids({ sort: 'priceAsc' })).toEqual([cheap.id, crab.id, dear.id]);
    expect(await ids({ sort: 'priceDesc' })).toEqual([dear.id, crab.id, cheap.id]);
    expect(await ids({})).toEqual([dear.id, cheap.id, crab.id]);
  });

  it('walks every result exactly once with cursors, for browse and for search', async () => {
    const s = await sellerSession();
    const created: string[] = [];
    for (let i = 0; i < 12; i++)
      created.push(
        (
          await create(
            s,
            named(`Gạo ST25 túi ${i}`, { price: 100_000 + (i % 4) * 1000, priceTiers: [] }),
          )
        ).id,
      );

    const browse = await walk({ seller: s.sellerId, limit: '5' });
    const byPrice = await walk({ seller: s.sellerId, limit: '5', sort: 'priceAsc' });
    const search = await walk({ seller: s.sellerId, limit: '5', q: 'gao st25' });

    for (const walked of [browse, byPrice, search]) {
      expect(walked).toHaveLength(12);
      expect(new Set(walked)).toEqual(new Set(created));
    }
    expect(browse).toEqual([...created].reverse());
  });

  it('lists only active products of approved sellers', async () => {
    const approved = await sellerSession();
    const pending = await sellerSession({ status: 'pending' });
    const draft = await create(approved, named('Mắm cá lóc', { status: 'draft' }));
    const live = await create(approved, named('Mắm cá lóc U Minh'));
    const waiting = await create(pending, named('Mắm cá lóc'));

    const ids = (await list({ q: 'mam ca loc' })).items.map((p) => p.id);
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(waiting.id);
    expect((await getPublic(draft.id)).status).toBe(404);
    expect((await getPublic(waiting.id)).status).toBe(404);
  });

  it('shows a new product and an edit at once, and drops an archived one at once', async () => {
    const s = await sellerSession();
    await list({ seller: s.sellerId });
    const p = await create(s, named('Bánh phồng tôm'));
    expect((await list({ seller: s.sellerId })).items.map((i) => i.id)).toEqual([p.id]);

    await call('PUT /api/seller/products/{productId}', {
      headers: s.headers,
      path: { productId: p.id },
      body: { version: 1, price: 1_300_000 },
    });
    expect((await list({ seller: s.sellerId })).items[0]?.price).toBe(1_300_000);

    await call('POST /api/seller/products/{productId}/archive', {
      headers: s.headers,
      path: { productId: p.id },
    });
    expect((await list({ seller: s.sellerId })).items).toEqual([]);
    expect((await getPublic(p.id)).status).toBe(404);
  });

  it('refuses bad cursors and bad filters with 400', async () => {
    const s = await sellerSession();
    await create(s, named('Cua'));
    await create(s, named('Cua biển'));
    const first = await list({ seller: s.sellerId, limit: '1' });
    expect(first.nextCursor).toBeTruthy();

    const other = await call('GET /api/products', {
      query: {
        seller: s.sellerId,
        limit: '1',
        sort: 'priceAsc',
        cursor: first.nextCursor as string,
      },
    });
    const garbage = await call('GET /api/products', { query: { cursor: 'abc' } });
    const range = await call('GET /api/products', { query: { minPrice: '10', maxPrice: '5' } });
    const limit = await call('GET /api/products', { query: { limit: '0' } });
    const commune = await call('GET /api/products', { query: { commune: '99999' } });

    expect([other.status, other.body.error.code]).toEqual([400, 'query.invalidCursor']);
    expect([garbage.status, garbage.body.error.code]).toEqual([400, 'query.invalidCursor']);
    for (const res of [range, limit, commune])
      expect([res.status, res.body.error.code]).toEqual([400, 'request.invalid']);
  });
});

describe('GET /api/products/{productId}', () => {
  it('shows a listed product with description, seller name and commune names', async () => {
    const s = await sellerSession();
    const p = await create(s, named('Mật ong U Minh', { description: { vi: 'Mật ong gác kèo.' } }));
    const res = await getPublic(p.id);

    expect(res.status).toBe(200);
    expect(res.body.product).toMatchObject({
      id: p.id,
      description: { vi: 'Mật ong gác kèo.' },
      seller: { legalName: 'Hợp tác xã Thử nghiệm', commune: { name: 'Xã Đất Mũi' } },
      certifications: [{ kind: 'ocop', stars: 4 }],
    });
    expect(res.body.product.version).toBeUndefined();
  });

  it('answers 404 product.notFound for an unknown id', async () => {
    const res = await getPublic('no-such-id');
    expect([res.status, res.body.error.code]).toEqual([404, 'product.notFound']);
  });
});

describe('seller suspension', () => {
  it("removes a suspended seller's products from list and product page at once, and brings them back on reinstatement", async () => {
    const s = await sellerSession();
    const officer = await officerSession();
    const p = await create(s, named('Cua Năm Căn loại 1'));
    expect((await list({ seller: s.sellerId })).total).toBe(1);

    const status = async (action: string, reason?: string) => {
      const seller = await getSeller(s.sellerId, true);
      const res = await call('POST /api/officer/sellers/{sellerId}/status', {
        headers: officer.headers,
        path: { sellerId: s.sellerId },
        body: { action, version: seller?.version, ...(reason ? { reason } : {}) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };

    await status('suspend', 'Kiểm tra chất lượng');
    expect((await list({ seller: s.sellerId })).items).toEqual([]);
    expect((await list({ q: 'cua nam can loai 1' })).items.map((i) => i.id)).not.toContain(p.id);
    expect((await getPublic(p.id)).status).toBe(404);

    await status('reinstate');
    expect((await list({ seller: s.sellerId })).items.map((i) => i.id)).toEqual([p.id]);
    expect((await getPublic(p.id)).status).toBe(200);
  });

  it('setSellerListing alone takes the products off the list (the denormalised flag)', async () => {
    const s = await sellerSession();
    await create(s, named('Khô cá sặc'));
    await create(s, named('Khô cá lóc'));
    await list({ seller: s.sellerId });

    expect(await setSellerListing(s.sellerId, false)).toEqual({ updated: 2 });
    expect((await list({ seller: s.sellerId })).items).toEqual([]);
    expect(await setSellerListing(s.sellerId, false)).toEqual({ updated: 0 });
    expect(await setSellerListing(s.sellerId, true)).toEqual({ updated: 2 });
    expect((await list({ seller: s.sellerId })).total).toBe(2);
  });

  it('hides a seller suspended in the table even before the flag is moved (read-time check)', async () => {
    const s = await sellerSession();
    const p = await create(s, named('Cá khô bổi'));
    await list({ seller: s.sellerId });
    const seller = await getSeller(s.sellerId, true);
    await saveSeller(
      {
        ...(seller as NonNullable<typeof seller>),
        status: 'suspended',
        version: (seller?.version ?? 0) + 1,
      },
      seller?.version ?? 0,
      { action: 'suspend', by: 'test', reason: 'test' },
    );

    expect((await list({ seller: s.sellerId })).items).toEqual([]);
    expect((await getPublic(p.id)).status).toBe(404);
  });
});
