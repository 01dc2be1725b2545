import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { closeRefund } from '../../shared/db/orders';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({
  // RF-<order code> (a cancelled paid order), RF-<order code>-<10 hex> (money beyond the total or
  // after the order ended, one per transfer: shared/db/payments.ts).
  refundId: z.string().check(z.regex(/^RF-[A-Z0-9]{9}(-[0-9A-F]{10})?$/, 'A refund id')),
});
const Body = z.strictObject({
  /** The bank's reference of the transfer back to the buyer. */
  bankReference: z
    .string()
    .check(z.trim(), z.regex(/^[A-Za-z0-9 ._/-]{3,64}$/, 'A bank reference')),
});

/** Closes a refund with the bank reference of the refund transfer (repeatable with the same one). */
export const handler = httpHandler(
  { path: Path, body: Body },
  async ({ path, body, principal, now }) => {
    const { sellerId } = requireSeller(principal);
    return ok({ refund: await closeRefund(sellerId, path.refundId, body.bankReference, now) });
  },
);
