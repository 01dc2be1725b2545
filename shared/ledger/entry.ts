/**
 * The sales ledger: append-only entries written in the same transaction as the change that causes
 * them, never updated or deleted. Statistics aggregate it by time, commune, sector, channel and
 * method, so each entry carries a snapshot of the seller's commune, sector and classification and
 * both the instant and the province's calendar date. No buyer data, ever: the types below have no
 * field that could hold it. Pure.
 */
import { provinceDate } from '../province-date';
export const LEDGER_KINDS = ['sale', 'cancellation', 'refund'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
/** `online` = ordered on the platform, `offline` = at the counter. */
export type LedgerChannel = 'online' | 'offline';
export type LedgerMethod = 'vietqr' | 'cash' | 'other';

export interface LedgerEntry {
  /** Deterministic from the cause (`sale:order:CS…`), so a cause writes its entry at most once. */
  id: string;
  kind: LedgerKind;
  /** goodsAmount + servicesAmount; VAT included, delivery fees excluded; negative undoes a sale. */
  amount: number;
  goodsAmount: number;
  servicesAmount: number;
  /** Delivery fee, apart: not a retail sale (same sign as amount). */
  deliveryFee: number;
  channel: LedgerChannel;
  method: LedgerMethod;
  sellerId: string;
  seller: { communeCode: string; sectorCode: string; classification: string };
  /** ISO instant. */
  occurredAt: string;
  /** YYYY-MM-DD in Asia/Ho_Chi_Minh (UTC+7 all year). */
  localDate: string;
  reference: { type: 'order' | 'counterSale'; id: string };
  recordedAt: string;
}

/** The province's calendar date of an instant (UTC+7 all year); `provinceDate` under its older name. */
export const localDateOf = provinceDate;

export interface LedgerCause {
  kind: LedgerKind;
  goodsAmount: number;
  servicesAmount: number;
  deliveryFee: number;
  channel: LedgerChannel;
  method: LedgerMethod;
  sellerId: string;
  seller: LedgerEntry['seller'];
  occurredAt: Date;
  reference: LedgerEntry['reference'];
  recordedAt: Date;
}

/** An entry from its cause: sales positive, cancellations and refunds negative. */
export function ledgerEntry(cause: LedgerCause): LedgerEntry {
  for (const v of [cause.goodsAmount, cause.servicesAmount, cause.deliveryFee]) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError('Ledger amounts are whole VND ≥ 0');
  }
  const sign = cause.kind === 'sale' ? 1 : -1;
  const signed = (v: number) => (v === 0 ? 0 : sign * v);
  return {
    id: `${cause.kind}:${cause.reference.type}:${cause.reference.id}`,
    kind: cause.kind,
    amount: signed(cause.goodsAmount + cause.servicesAmount),
    goodsAmount: signed(cause.goodsAmount),
    servicesAmount: signed(cause.servicesAmount),
    deliveryFee: signed(cause.deliveryFee),
    channel: cause.channel,
    method: cause.method,
    sellerId: cause.sellerId,
    seller: cause.seller,
    occurredAt: cause.occurredAt.toISOString(),
    localDate: provinceDate(cause.occurredAt),
    reference: cause.reference,
    recordedAt: cause.recordedAt.toISOString(),
  };
}

/** The ledger entry of an order event (sale when paid/delivered, cancellation when undone). */
export function orderLedgerEntry(
  order: {
    code: string;
    sellerId: string;
    sellerCommuneCode: string;
    sellerSector: { code: string; classification: string };
    goodsAmount: number;
    servicesAmount: number;
    deliveryFee: number;
    payment: 'vietqr' | 'cod';
  },
  kind: LedgerKind,
  at: Date,
): LedgerEntry {
  return ledgerEntry({
    kind,
    goodsAmount: order.goodsAmount,
    servicesAmount: order.servicesAmount,
    deliveryFee: order.deliveryFee,
    channel: 'online',
    method: order.payment === 'vietqr' ? 'vietqr' : 'cash',
    sellerId: order.sellerId,
    seller: {
      communeCode: order.sellerCommuneCode,
      sectorCode: order.sellerSector.code,
      classification: order.sellerSector.classification,
    },
    occurredAt: at,
    reference: { type: 'order', id: order.code },
    recordedAt: at,
  });
}
