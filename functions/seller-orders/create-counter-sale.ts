import { randomUUID } from 'node:crypto';
import { getConfig } from '../../shared/config';
import { getOrderSeller, recordCounterSale } from '../../shared/db/orders';
import { getMany } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { ledgerEntry } from '../../shared/ledger/entry';
import { CounterSaleSchema, priceCounterSale } from '../../shared/orders/counter-sale';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { created } from '../_http/respond';

getConfig();

/**
 * Records an in-person sale (an offline sale in the ledger, same transaction). Goods items take
 * stock down, never below zero: a sale that happened is recorded anyway and the answer warns.
 */
export const handler = httpHandler(
  { body: CounterSaleSchema },
  async ({ body, principal, now }) => {
    const { sellerId } = requireSeller(principal);
    const seller = await getOrderSeller(sellerId);
    if (!seller) throw new AppError('seller.notFound', 'No such seller');
    if (seller.status === 'suspended')
      throw new AppError('seller.suspended', 'A suspended seller cannot record sales');
    const products = body.items ? await getMany(body.items.map((i) => i.productId)) : new Map();
    const priced = priceCounterSale(body, products, sellerId, now);
    const id = body.id ?? randomUUID();
    const entry = ledgerEntry({
      kind: 'sale',
      goodsAmount: priced.goodsAmount,
      servicesAmount: priced.servicesAmount,
      deliveryFee: 0,
      channel: 'offline',
      method: body.method === 'cash' ? 'cash' : 'vietqr',
      sellerId,
      seller: {
        communeCode: seller.communeCode,
        sectorCode: seller.sector.code,
        classification: seller.sector.classification,
      },
      occurredAt: priced.occurredAt,
      reference: { type: 'counterSale', id },
      recordedAt: now,
    });
    const sale = await recordCounterSale(
      {
        id,
        sellerId,
        items: priced.items,
        goodsAmount: priced.goodsAmount,
        servicesAmount: priced.servicesAmount,
        amount: priced.goodsAmount + priced.servicesAmount,
        method: body.method,
        ...(body.note ? { note: body.note } : {}),
        occurredAt: priced.occurredAt.toISOString(),
        recordedAt: now.toISOString(),
      },
      entry,
      now,
    );
    return created({
      counterSale: sale,
      warnings: sale.stockWarnings.map((w) => ({
        code: 'stock.short',
        productId: w.productId,
        message: `Only ${w.available} in stock for ${w.requested} sold: stock is now 0`,
        requested: w.requested,
        available: w.available,
      })),
    });
  },
);
