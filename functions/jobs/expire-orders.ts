import type { ScheduledEvent } from 'aws-lambda';
import { getConfig } from '../../shared/config';
import { dueForExpiry, getOrder, saveOrderChange } from '../../shared/db/orders';
import { expireOrder, isExpired } from '../../shared/orders/order';
import { logger } from '../_http/logger';

const config = getConfig();

/**
 * Scheduled: unpaid VietQR orders past their deadline expire and give stock and capacity back,
 * each in one transaction conditional on the order's version, so two runs at once (or a seller's
 * cancel at the same moment) give it back once. Reads the expiry queue (gsi2), never scans.
 */
export async function expireDueOrders(now: Date, batch = 100): Promise<{ expired: number }> {
  let expired = 0;
  for (let round = 0; round < 50; round++) {
    const codes = await dueForExpiry(now, batch);
    let progressed = 0;
    for (const code of codes) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const order = await getOrder(code);
        if (!order || !isExpired(order, now)) break; // paid, confirmed, cancelled or done already
        const saved = await saveOrderChange(
          order,
          expireOrder(order, now),
          { releaseStock: true, leavesPaymentQueue: true },
          { now, piiDays: config.PII_RETENTION_DAYS },
        );
        if (saved) {
          expired++;
          progressed++;
          break;
        }
      }
    }
    if (codes.length < batch || progressed === 0) break;
  }
  return { expired };
}

export const handler = async (event: Pick<ScheduledEvent, 'time'>): Promise<void> => {
  const parsed = event.time ? new Date(event.time) : new Date();
  const now = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
  const { expired } = await expireDueOrders(now);
  logger.info('order expiry ran', { expired });
};
