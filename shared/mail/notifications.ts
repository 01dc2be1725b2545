import { claimMail, sellerAccounts } from '../db/recovery';
import type { Mail } from './mail';
import { type MailOutcome, sendMail } from './mail';
import { orderPaidMail, orderPlacedMail, sellerStatusMail } from './templates';

/**
 * Seller notifications, read off committed changes (the table's stream: functions/streams/
 * on-table-change.ts), never sent from inside a transaction:
 * - a seller's status changed (approved, rejected with the reason, suspended with the reason,
 *   reinstated);
 * - an order was placed; an order became paid (paid or overpaid).
 * Each change is mailed at most once (`claimMail` on a name of the change), to every active
 * account of the seller. `notificationsOf` is pure.
 */
export interface Notification {
  /** Names the change, for at-most-once sending: `order-placed#CS…`, `seller#sl-…#v3`. */
  what: string;
  sellerId: string;
  mail: (to: string, site: string) => Mail;
}

type Item = Record<string, unknown>;
const PAID = new Set(['paid', 'overpaid']);

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);

function orderFacts(order: Item) {
  const payment = order.payment as { method?: string } | string | undefined;
  return {
    code: str(order.code),
    total: num(order.total),
    amountPaid: num(order.amountPaid),
    lines: Array.isArray(order.lines) ? order.lines.length : 0,
    payment: typeof payment === 'string' ? payment : str(payment?.method),
  };
}

export function notificationsOf(
  kind: 'INSERT' | 'MODIFY' | 'REMOVE',
  before: Item | undefined,
  after: Item | undefined,
): Notification[] {
  if (!after) return [];
  if (after.entity === 'order' && str(after.sellerId) && str(after.code)) {
    const facts = orderFacts(after);
    const name = str(after.sellerName);
    const out: Notification[] = [];
    if (kind === 'INSERT')
      out.push({
        what: `order-placed#${facts.code}`,
        sellerId: str(after.sellerId),
        mail: (to, site) => orderPlacedMail(to, name, facts, site),
      });
    if (PAID.has(str(after.paymentStatus)) && !PAID.has(str(before?.paymentStatus)))
      out.push({
        what: `order-paid#${facts.code}`,
        sellerId: str(after.sellerId),
        mail: (to, site) => orderPaidMail(to, name, facts, site),
      });
    return out;
  }
  if (kind === 'MODIFY' && after.entity === 'seller' && before && before.status !== after.status) {
    // By the status reached (a corrected profile going back to pending keeps its last action,
    // `reject`, and is not mailed); the action only tells a reinstatement from an approval.
    const status =
      after.status === 'approved'
        ? after.lastStatusAction === 'reinstate'
          ? 'reinstated'
          : 'approved'
        : after.status === 'rejected' || after.status === 'suspended'
          ? after.status
          : undefined;
    if (!status) return [];
    const reason = status === 'rejected' || status === 'suspended' ? str(after.statusReason) : '';
    const name = str(after.legalName);
    return [
      {
        what: `seller#${str(after.id)}#v${num(after.version)}`,
        sellerId: str(after.id),
        mail: (to, site) => sellerStatusMail(to, name, status, site, reason || undefined),
      },
    ];
  }
  return [];
}

/**
 * Sends one notification to the seller's accounts, once. Never throws for a failed send (the
 * outcome comes back for the log); a database failure does throw (the caller logs it).
 */
export async function deliver(
  notification: Notification,
  site: string,
  now: Date,
): Promise<MailOutcome[]> {
  if (!(await claimMail(notification.what, now))) return [];
  const accounts = await sellerAccounts(notification.sellerId);
  const outcomes: MailOutcome[] = [];
  for (const account of accounts)
    outcomes.push(await sendMail(notification.mail(account.email, site), now));
  return outcomes;
}
