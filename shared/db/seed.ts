import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '../catalog/product';
import type { Seller } from '../sellers/seller';
import { db } from './client';
import { sellerKey, sellerStatusIndex, systemKey } from './keys';
import { productItem } from './products';

/**
 * Writes demo data once: the seed marker and every item go in conditional puts, so a second start
 * (or two starts racing) changes nothing. Returns false when this seed version was already there.
 */
export async function seedOnce(
  version: string,
  sellers: Seller[],
  products: Product[],
  now: Date,
): Promise<boolean> {
  const { doc, tableName } = db();
  const put = (Item: Record<string, unknown>) => ({
    Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  const statusOf = new Map(sellers.map((s) => [s.id, s.status]));
  const items = [
    ...sellers.map((s) =>
      put({
        ...sellerKey(s.id),
        ...sellerStatusIndex(s.status, s.createdAt, s.id),
        entity: 'seller',
        ...s,
      }),
    ),
    // Products go on the storefront feed like any other product (shared/db/products.ts).
    ...products.map((p) =>
      put(
        productItem(p, { sellerListed: statusOf.get(p.sellerId) === 'approved', changedAt: now }),
      ),
    ),
  ];
  const marker = put({
    ...systemKey(`seed#${version}`),
    entity: 'system',
    seededAt: now.toISOString(),
  });
  // A transaction holds at most 100 items: the marker goes with the last chunk, so a crash
  // mid-way is re-run (earlier chunks then fail their conditions item by item and are skipped).
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 99) chunks.push(items.slice(i, i + 99));
  if (chunks.length === 0) chunks.push([]);
  let wrote = false;
  for (const [i, chunk] of chunks.entries()) {
    const transact = i === chunks.length - 1 ? [...chunk, marker] : chunk;
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: transact }));
      wrote = true;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      // Some items exist already: write the missing ones one by one.
      for (const item of transact) {
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: [item] }));
          wrote = true;
        } catch (inner) {
          if (!(inner instanceof TransactionCanceledException)) throw inner;
        }
      }
    }
  }
  return wrote;
}
