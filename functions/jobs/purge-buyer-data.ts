import type { ScheduledEvent } from 'aws-lambda';
import { getConfig } from '../../shared/config';
import { dueForPurge, getOrder, purgeBuyerData } from '../../shared/db/orders';
import { purgeTransferTexts } from '../../shared/db/payments';
import { logger } from '../_http/logger';

getConfig();

/**
 * Scheduled: removes buyer name, phone, email, address and note from orders that ended more than
 * PII_RETENTION_DAYS ago (the purge queue on gsi2, due time = end + retention; no scan), and the
 * bank texts of the transfers tied to each (first: a failure between the two is redone next run).
 */
export async function purgeDueBuyerData(now: Date, batch = 100): Promise<{ purged: number }> {
  let purged = 0;
  for (let round = 0; round < 50; round++) {
    const codes = await dueForPurge(now, batch);
    let progressed = 0;
    for (const code of codes) {
      const order = await getOrder(code);
      if (!order || order.piiPurgedAt) continue;
      await purgeTransferTexts(order, now);
      if (await purgeBuyerData(order, now)) {
        purged++;
        progressed++;
      }
    }
    if (codes.length < batch || progressed === 0) break;
  }
  return { purged };
}

export const handler = async (event: Pick<ScheduledEvent, 'time'>): Promise<void> => {
  const parsed = event.time ? new Date(event.time) : new Date();
  const now = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
  const { purged } = await purgeDueBuyerData(now);
  logger.info('buyer data purge ran', { purged });
};
