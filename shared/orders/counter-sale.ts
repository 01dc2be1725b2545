import * as z from 'zod/mini';
import { kindOf, type Product, unitPriceFor } from '../catalog/product';
import { AppError } from '../errors';
import { encodeVietQr, findBankByBin, foldToAscii } from '../vietqr';
import type { BankAccount } from './order';

/**
 * Counter sales (in person, cash or the stall's static VietQR) and the static QR itself. Pure.
 */
const MULTI_LINE = /^(?:[\n\r\t]|[^\p{Cc}\u202a-\u202e\u2066-\u2069])*$/u;

export const COUNTER_LIMITS = {
  maxItems: 50,
  maxQuantity: 100_000,
  maxAmount: 10_000_000_000,
  backdateDays: 366,
};

export const CounterSaleSchema = z.lazy(() =>
  z
    .strictObject({
      /** A client-made id (UUID) makes a retried submission record the sale once. */
      id: z.optional(z.uuid()),
      items: z.optional(
        z
          .array(
            z.strictObject({
              productId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'A product id')),
              quantity: z.int().check(z.minimum(1), z.maximum(COUNTER_LIMITS.maxQuantity)),
              /** The price actually charged per unit; the catalog's (tiers applied) when absent. */
              unitPrice: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000_000))),
            }),
          )
          .check(z.minLength(1), z.maxLength(COUNTER_LIMITS.maxItems)),
      ),
      /** Or just an amount (whole VND), of goods unless said otherwise. */
      amount: z.optional(z.int().check(z.minimum(1), z.maximum(COUNTER_LIMITS.maxAmount))),
      kind: z.optional(z.enum(['goods', 'service'])),
      method: z.enum(['cash', 'vietqr']),
      /** When the sale happened (default: now); not in the future, at most a year back. */
      occurredAt: z.optional(z.iso.datetime({ offset: true })),
      note: z.optional(z.string().check(z.trim(), z.maxLength(500), z.regex(MULTI_LINE))),
    })
    .check(
      z.refine((v) => (v.items === undefined) !== (v.amount === undefined), {
        message: 'Give either items or an amount',
        path: ['items'],
      }),
      z.refine((v) => v.kind === undefined || v.amount !== undefined, {
        message: 'kind goes with amount only',
        path: ['kind'],
      }),
    ),
);
export type CounterSaleInput = z.infer<typeof CounterSaleSchema>;

export interface CounterSaleItem {
  productId: string;
  name: { vi: string; en?: string };
  kind: 'goods' | 'service';
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

/** Prices a counter sale: items from the seller's own catalog (any status), or the amount. */
export function priceCounterSale(
  input: CounterSaleInput,
  products: ReadonlyMap<string, Product>,
  sellerId: string,
  now: Date,
): { items: CounterSaleItem[]; goodsAmount: number; servicesAmount: number; occurredAt: Date } {
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const issue = (path: string, message: string) =>
    new AppError('request.invalid', message, {
      issues: [{ in: 'body', path, code: 'custom', message }],
    });
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw issue('occurredAt', 'In the future');
  if (occurredAt.getTime() < now.getTime() - COUNTER_LIMITS.backdateDays * 86_400_000)
    throw issue('occurredAt', 'More than a year ago');
  if (input.amount !== undefined) {
    const service = input.kind === 'service';
    return {
      items: [],
      goodsAmount: service ? 0 : input.amount,
      servicesAmount: service ? input.amount : 0,
      occurredAt,
    };
  }
  const items = (input.items ?? []).map((line, i) => {
    const product = products.get(line.productId);
    if (!product || product.sellerId !== sellerId)
      throw issue(`items.${i}.productId`, 'Not one of your products');
    const unitPrice = line.unitPrice ?? unitPriceFor(product, line.quantity);
    return {
      productId: product.id,
      name: product.name,
      kind: kindOf(product.category),
      quantity: line.quantity,
      unitPrice,
      lineTotal: unitPrice * line.quantity,
    };
  });
  const sum = (kind: 'goods' | 'service') =>
    items.filter((i) => i.kind === kind).reduce((s, i) => s + i.lineTotal, 0);
  const goodsAmount = sum('goods');
  const servicesAmount = sum('service');
  if (!Number.isSafeInteger(goodsAmount + servicesAmount))
    throw issue('items', 'Amount out of range');
  return { items, goodsAmount, servicesAmount, occurredAt };
}

/**
 * The stall's static VietQR content: the seller's name folded to ASCII letters, ≤ 25 characters,
 * cut at a word boundary (a word longer than 25 is cut at 25) so the buyer's bank shows no half word.
 */
export function staticContent(legalName: string): string {
  const folded = foldToAscii(legalName)
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (folded.length <= 25) return folded || 'CHO SO';
  const cut = folded.slice(0, 26).lastIndexOf(' ');
  return (cut > 0 ? folded.slice(0, cut) : folded.slice(0, 25)).trim();
}

/** The static VietQR (no amount: the buyer types it) of a seller's approved bank account. */
export function staticQr(seller: { legalName: string; bank: BankAccount }) {
  const content = staticContent(seller.legalName);
  const bank = findBankByBin(seller.bank.bin);
  return {
    payload: encodeVietQr({
      bin: seller.bank.bin,
      accountNumber: seller.bank.accountNumber,
      service: 'account',
      purpose: content,
    }),
    bank: {
      bin: seller.bank.bin,
      name: bank?.shortName ?? seller.bank.bin,
      accountNumber: seller.bank.accountNumber,
      holderName: seller.bank.holderName,
    },
    content,
    sellerName: seller.legalName,
  };
}
