import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applyUpdate, archiveProduct, type Product } from '../../../shared/catalog/product';
import { db } from '../../../shared/db/client';
import {
  deleteUntouchedProducts,
  getMany,
  getProduct,
  insertMany,
  insertProduct,
  listBySeller,
  listListedProducts,
  resetListingCache,
  stockChange,
  updateProduct,
} from '../../../shared/db/products';
import { getSeller, saveSeller } from '../../../shared/db/sellers';
import { AppError } from '../../../shared/errors';
import { sellerSession } from '../../helpers/auth';
import { tableSnapshot } from '../../helpers/local-dynamo';

let n = 0;
const product = (sellerId: string, over: Partial<Product> = {}): Product => {
  const at = new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString();
  return {
    id: `p-${Date.now()}-${++n}`,
    sellerId,
    name: { vi: `Sản phẩm ${n}` },
    description: { vi: '' },
    category: 'driedSeafood',
    unit: 'kg',
    price: 100_000,
    priceTiers: [],
    stock: 10,
    originCommuneCode: '32248',
    certifications: [],
    images: [],
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...over,
  };
};

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  );

describe('insertMany', () => {
  it('writes more than one transaction worth (150 products) and lists them all', async () => {
    const s = await sellerSession();
    const products = Array.from({ length: 150 }, () => product(s.sellerId));
    await insertMany(products, 'approved');

    expect((await getMany(products.map((p) => p.id))).size).toBe(150);
    expect((await listListedProducts({ sellerId: s.sellerId, limit: 200 })).total).toBe(150);
  });

  it('refuses a suspended seller (status checked in the transaction) and writes nothing', async () => {
    const s = await sellerSession({ status: 'suspended' });
    const before = await tableSnapshot();
    expect(await codeOf(insertProduct(product(s.sellerId), 'approved'))).toBe('seller.suspended');
    expect(await tableSnapshot()).toBe(before);
  });

  it('re-reads a status that changed since the caller read it, and lists accordingly', async () => {
    const s = await sellerSession({ status: 'pending' });
    const p = product(s.sellerId);
    await insertProduct(p, 'approved');

    expect(await getProduct(p.id)).toEqual(p);
    expect((await listListedProducts({ sellerId: s.sellerId, limit: 5 })).total).toBe(0);
  });

  it('refuses a seller that does not exist', async () => {
    expect(await codeOf(insertProduct(product('sl-ghost'), 'approved'))).toBe('seller.notFound');
  });
});

describe('stock', () => {
  it('takes stock on condition stock >= quantity, and gives it back', async () => {
    const s = await sellerSession();
    const p = product(s.sellerId, { stock: 3 });
    await insertProduct(p, 'approved');
    const { doc } = db();
    const send = (delta: number) =>
      doc.send(new TransactWriteCommand({ TransactItems: [stockChange(p.id, delta, new Date())] }));

    await send(-2);
    await expect(send(-2)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect((await getProduct(p.id))?.stock).toBe(1);
    await send(2);
    expect((await getProduct(p.id))?.stock).toBe(3);
  });

  it("a seller's edit without stock keeps an order's decrement made meanwhile", async () => {
    const s = await sellerSession();
    const p = product(s.sellerId, { stock: 10 });
    await insertProduct(p, 'approved');
    const read = (await getProduct(p.id)) as Product;
    const { doc } = db();
    await doc.send(
      new TransactWriteCommand({ TransactItems: [stockChange(p.id, -4, new Date())] }),
    );

    const next = applyUpdate(read, { version: 1, price: 120_000 }, new Date());
    const saved = await updateProduct(next, {
      expectedVersion: 1,
      writeStock: false,
      now: new Date(),
    });

    expect(saved).toMatchObject({ price: 120_000, stock: 6, version: 2 });
    expect((await listListedProducts({ sellerId: s.sellerId, limit: 5 })).items[0]?.stock).toBe(6);
  });

  it('an explicit stock from the seller is written', async () => {
    const s = await sellerSession();
    const p = product(s.sellerId, { stock: 10 });
    await insertProduct(p, 'approved');
    const next = applyUpdate(p, { version: 1, stock: 50 }, new Date());
    expect(
      (await updateProduct(next, { expectedVersion: 1, writeStock: true, now: new Date() })).stock,
    ).toBe(50);
  });
});

describe('updateProduct', () => {
  it("maps a stale version to product.versionConflict and another seller's product to product.notFound", async () => {
    const s = await sellerSession();
    const p = product(s.sellerId);
    await insertProduct(p, 'approved');
    const now = new Date();
    await updateProduct(archiveProduct(p, now), { expectedVersion: 1, writeStock: false, now });
    const before = await tableSnapshot();

    expect(
      await codeOf(
        updateProduct(
          { ...p, price: 5, version: 2 },
          { expectedVersion: 1, writeStock: false, now },
        ),
      ),
    ).toBe('product.versionConflict');
    expect(
      await codeOf(
        updateProduct(
          { ...p, sellerId: 'sl-thief', version: 3 },
          { expectedVersion: 2, writeStock: false, now },
        ),
      ),
    ).toBe('product.notFound');
    expect(await tableSnapshot()).toBe(before);
  });

  it('moves a product between goods and services, removing the other quantity', async () => {
    const s = await sellerSession();
    const p = product(s.sellerId);
    await insertProduct(p, 'approved');
    const next = applyUpdate(
      p,
      { version: 1, category: 'homestay', unit: 'đêm', capacityPerDate: 4 },
      new Date(),
    );
    const saved = await updateProduct(next, {
      expectedVersion: 1,
      writeStock: false,
      now: new Date(),
    });
    expect(saved.stock).toBeUndefined();
    expect(saved.capacityPerDate).toBe(4);
  });
});

describe('listBySeller', () => {
  it('pages newest first with a status filter that skips across pages', async () => {
    const s = await sellerSession();
    const products = Array.from({ length: 9 }, (_, i) =>
      product(s.sellerId, { status: i % 3 === 0 ? 'draft' : 'active' }),
    );
    await insertMany(products, 'approved');
    const drafts = products.filter((p) => p.status === 'draft').map((p) => p.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listBySeller(s.sellerId, { status: 'draft', limit: 2, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen).toEqual([...drafts].reverse());
  });
});

describe('the storefront cache', () => {
  it('sees changes after it loaded, and the same after a full reload', async () => {
    const s = await sellerSession();
    const first = product(s.sellerId);
    await insertProduct(first, 'approved');
    expect((await listListedProducts({ sellerId: s.sellerId, limit: 10 })).total).toBe(1);

    const second = product(s.sellerId, { name: { vi: 'Mắm ba khía Rạch Gốc' } });
    await insertProduct(second, 'approved');
    const now = new Date();
    await updateProduct(archiveProduct(first, now), { expectedVersion: 1, writeStock: false, now });

    const incremental = await listListedProducts({ sellerId: s.sellerId, limit: 10 });
    resetListingCache();
    const reloaded = await listListedProducts({ sellerId: s.sellerId, limit: 10 });

    expect(incremental.items.map((p) => p.id)).toEqual([second.id]);
    expect(reloaded).toEqual(incremental);
    expect(
      (await listListedProducts({ q: 'mam ba khia', limit: 10 })).items.map((p) => p.id),
    ).toEqual([second.id]);
  });

  it('follows a seller status saved by the sellers module once the flag moves', async () => {
    const s = await sellerSession();
    await insertProduct(product(s.sellerId), 'approved');
    const seller = await getSeller(s.sellerId, true);
    if (!seller) throw new Error('no seller');
    await saveSeller(
      { ...seller, status: 'suspended', version: seller.version + 1 },
      seller.version,
    );
    // insert under the new status: the transaction re-reads it and refuses.
    expect(await codeOf(insertProduct(product(s.sellerId), 'approved'))).toBe('seller.suspended');
  });
});

describe('deleteUntouchedProducts', () => {
  it('deletes untouched products, keeps touched ones, and storefront caches drop the deleted', async () => {
    const s = await sellerSession();
    const [untouched, edited, sold] = [
      product(s.sellerId),
      product(s.sellerId),
      product(s.sellerId),
    ];
    await insertMany([untouched, edited, sold] as Product[], 'approved');
    expect((await listListedProducts({ sellerId: s.sellerId, limit: 10 })).total).toBe(3);
    const now = new Date();
    const e = edited as Product;
    await updateProduct(applyUpdate(e, { version: 1, price: 123_000 }, now), {
      expectedVersion: 1,
      writeStock: false,
      now,
    });
    const { doc } = db();
    await doc.send(
      new TransactWriteCommand({ TransactItems: [stockChange((sold as Product).id, -1, now)] }),
    );

    const ids = [untouched, edited, sold].map((p) => (p as Product).id);
    const result = await deleteUntouchedProducts(s.sellerId, [...ids, 'unknown-id']);
    const other = await sellerSession();
    const foreign = await deleteUntouchedProducts(other.sellerId, ids);

    expect(result.kept.sort()).toEqual([e.id, (sold as Product).id].sort());
    expect(foreign.kept).toEqual([]);
    expect(await getProduct((untouched as Product).id)).toBeUndefined();
    expect((await listBySeller(s.sellerId, { limit: 10 })).items.map((p) => p.id).sort()).toEqual(
      [e.id, (sold as Product).id].sort(),
    );
    const listed = await listListedProducts({ sellerId: s.sellerId, limit: 10 });
    expect(listed.items.map((p) => p.id)).not.toContain((untouched as Product).id);
    expect(listed.total).toBe(2);
  });
});
