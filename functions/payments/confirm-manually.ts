import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { writeAudit } from '../../shared/db/audit';
import { settleTransfer } from '../../shared/db/payments';
import { AppError } from '../../shared/errors';
import { normaliseOrderCode } from '../../shared/orders/code';
import type { BankTransfer } from '../../shared/payments/transfer';
import { auditActor } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { created, ok } from '../_http/respond';
import { OrderPath } from '../seller-orders/order-path';
import { loadChangeableSeller } from '../sellers/guard';
import { transferView } from './transfer-view';

const config = getConfig();

export const ManualPaymentSchema = z.strictObject({
  /** Whole VND received. */
  amount: z.int().check(z.minimum(1), z.maximum(10_000_000_000)),
  /** The bank's reference of the transfer (from the bank app or statement): the dedupe key. */
  bankReference: z
    .string()
    .check(z.trim(), z.regex(/^[A-Za-z0-9 ._/-]{3,64}$/, 'A bank reference')),
  /** When the money arrived (default: now). */
  paidAt: z.optional(z.iso.datetime({ offset: true })),
});

/**
 * A seller confirms by hand that a transfer for one of its orders arrived (no notification
 * service, or one that missed it). The same path as a webhook: provider `manual`, deduplicated on
 * the seller's bank reference, so repeating answers the first result (200) and a reference used
 * for another order or amount is 409 payment.referenceUsed. Not while suspended.
 */
export const handler = httpHandler(
  { path: OrderPath, body: ManualPaymentSchema },
  async ({ path, body, principal, now, event }) => {
    const { id: sellerId } = await loadChangeableSeller(principal);
    const code = normaliseOrderCode(path.code);
    if (!code) throw new AppError('order.notFound', 'No such order');
    const reference = body.bankReference.replace(/\s+/g, ' ').toUpperCase();
    const transfer: BankTransfer = {
      provider: 'manual',
      providerTransactionId: `${sellerId}:${reference}`,
      connectionId: 'manual',
      sellerId,
      amount: body.amount,
      content: code,
      bankReference: reference,
      ...(body.paidAt ? { bankTime: new Date(body.paidAt).toISOString() } : {}),
      receivedAt: now.toISOString(),
    };
    const { record, duplicate } = await settleTransfer(
      transfer,
      { kind: 'new', orderCode: code, unmatchedIsError: true },
      { now, piiDays: config.PII_RETENTION_DAYS },
    );
    if (duplicate && (record.orderCode !== code || record.amount !== body.amount))
      throw new AppError('payment.referenceUsed', 'This bank reference was already used', {
        bankReference: reference,
      });
    if (!duplicate) {
      await writeAudit(
        auditEvent({
          id: randomUUID(),
          at: now.toISOString(),
          action: 'payment.confirmedManually',
          actor: auditActor(principal, event),
          target: { kind: 'seller', id: sellerId, sellerId },
          details: { orderCode: code, amount: body.amount, transferId: record.id },
        }),
      );
    }
    logger.info('payment confirmed by hand', {
      sellerId,
      orderCode: code,
      transferId: record.id,
      duplicate,
    });
    const view = { ...transferView(record), duplicate };
    return duplicate ? ok(view) : created(view);
  },
);
