import { extractOrderCodes, normaliseOrderCode } from '../orders/code';
import { applyPayment, type Order } from '../orders/order';
import type { TransferFacts } from './transfer';

/** Why a verified transfer paid no order (shown to the seller in its unmatched queue). */
export const UNMATCHED_REASONS = [
  'noCode',
  'ambiguousCode',
  'orderNotFound',
  'otherSeller',
  'wrongAccount',
  'notPayable',
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** Which order code a transfer names: the provider's own code field first, then the text. */
export function findOrderCode(
  facts: Pick<TransferFacts, 'codeHint' | 'content'>,
): { code: string } | { reason: 'noCode' | 'ambiguousCode' } {
  const hinted = facts.codeHint ? normaliseOrderCode(facts.codeHint) : undefined;
  if (hinted) return { code: hinted };
  const codes = extractOrderCodes(facts.content);
  if (codes.length === 1) return { code: codes[0] as string };
  return { reason: codes.length === 0 ? 'noCode' : 'ambiguousCode' };
}

/** Account numbers compare on their digits (banks print them with spaces or dots). */
const digits = (account: string) => account.replace(/\D/g, '');

export type RefundReason = 'overpaid' | 'paidAfterCancel' | 'paidAfterExpiry';

export type PaymentDecision =
  | { kind: 'unmatched'; reason: UnmatchedReason }
  | {
      kind: 'pay';
      next: Order;
      /** The ledger `sale` is appended (the order became paid in full, first time). */
      sale: boolean;
      /** Money the seller owes back because of this transfer. */
      refund?: { amount: number; reason: RefundReason };
    };

/**
 * What one transfer does to one order (pure; the caller read the order and writes the decision
 * in one transaction conditional on the version read).
 * - A connection pays only its own seller's orders: another seller's order is `otherSeller`.
 * - When the provider names the receiving account and it is not the account the order's QR
 *   asked for, the money did not go where this order said: `wrongAccount`.
 * - Cash-on-delivery orders are not paid by transfer: `notPayable`, for the seller to decide.
 * - Money for a cancelled or expired order is recorded (amountPaid grows), no sale is written,
 *   and the whole amount is due back unless the seller fulfils it after all.
 * - Money beyond the total is due back (`overpaid`), only the part this transfer added.
 */
export function decidePayment(input: {
  facts: Pick<TransferFacts, 'amount' | 'accountNumber'>;
  order: Order | undefined;
  sellerId: string;
  now: Date;
  /** A person matching by hand vouches for the account (e.g. a sub-account): no check then. */
  trustAccount?: boolean;
}): PaymentDecision {
  const { facts, order } = input;
  if (!order) return { kind: 'unmatched', reason: 'orderNotFound' };
  if (order.sellerId !== input.sellerId) return { kind: 'unmatched', reason: 'otherSeller' };
  if (
    !input.trustAccount &&
    facts.accountNumber &&
    order.payee &&
    digits(facts.accountNumber) !== digits(order.payee.accountNumber)
  )
    return { kind: 'unmatched', reason: 'wrongAccount' };
  if (order.payment !== 'vietqr') return { kind: 'unmatched', reason: 'notPayable' };
  const { order: paid, becamePaid } = applyPayment(order, facts.amount, input.now);
  if (order.status === 'cancelled' || order.status === 'expired') {
    return {
      kind: 'pay',
      // No sale for an order that ended: the seller fulfils it (then it sells) or pays it back.
      next: { ...paid, saleRecorded: order.saleRecorded },
      sale: false,
      refund: {
        amount: facts.amount,
        reason: order.status === 'cancelled' ? 'paidAfterCancel' : 'paidAfterExpiry',
      },
    };
  }
  const excess = Math.min(facts.amount, paid.amountPaid - order.total);
  return {
    kind: 'pay',
    next: paid,
    sale: becamePaid,
    ...(excess > 0 ? { refund: { amount: excess, reason: 'overpaid' as const } } : {}),
  };
}
