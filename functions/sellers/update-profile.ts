import { randomUUID } from 'node:crypto';
import { verifyPassword } from '../../shared/accounts/password';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { getAccount, type TransactItem } from '../../shared/db/accounts';
import { auditPuts } from '../../shared/db/audit';
import { bankChangeQueueDelete, bankChangeQueuePut, saveSeller } from '../../shared/db/sellers';
import { AppError } from '../../shared/errors';
import {
  applyProfileUpdate,
  SellerProfileUpdateSchema,
  sameBankAccount,
} from '../../shared/sellers/seller';
import { sellerView } from '../../shared/sellers/view';
import { auditActor, requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';
import { loadChangeableSeller } from './guard';

getConfig();

/**
 * The seller edits its own profile on the version it read (409 when stale). Suspended sellers
 * cannot. A different bank account needs the current password and waits for an officer as
 * `pendingBank`; `bank` (what VietQR codes pay into) stays the approved one until then. Every
 * change is in the audit trail, in the same transaction.
 */
export const handler = httpHandler(
  { body: SellerProfileUpdateSchema },
  async ({ body, principal, now, event }) => {
    const session = requireSession(principal);
    const seller = await loadChangeableSeller(principal);
    if (seller.version !== body.version) {
      throw new AppError('seller.versionConflict', 'The profile was changed meanwhile', {
        currentVersion: seller.version,
      });
    }
    const bankChanges = body.bank !== undefined && !sameBankAccount(body.bank, seller.bank);
    const withdraws = body.bank !== undefined && !bankChanges && seller.pendingBank !== undefined;
    if (bankChanges) {
      const account = await getAccount(session.accountId);
      if (
        !body.currentPassword ||
        !account ||
        !verifyPassword(body.currentPassword, account.passwordHash)
      ) {
        throw new AppError(
          'account.wrongPassword',
          'The current password is needed to change the bank account',
          {
            field: 'currentPassword',
          },
        );
      }
    }
    const updated = applyProfileUpdate(seller, body, now, session.accountId);
    const actor = auditActor(principal, event);
    const target = { kind: 'seller' as const, id: seller.id, sellerId: seller.id };
    const changed = (['legalName', 'phone', 'communeCode', 'sectorCode'] as const).filter(
      (k) => body[k] !== undefined,
    );
    const extra: TransactItem[] = [
      ...auditPuts(
        auditEvent({
          id: randomUUID(),
          at: now.toISOString(),
          action: 'seller.profileChanged',
          actor,
          target,
          details: { fields: changed.join(','), version: updated.version },
        }),
      ),
    ];
    if (bankChanges && updated.pendingBank) {
      extra.push(bankChangeQueuePut(seller.id, updated.pendingBank.requestedAt));
    }
    if (bankChanges || withdraws) {
      const to = body.bank ?? seller.bank;
      extra.push(
        ...auditPuts(
          auditEvent({
            id: randomUUID(),
            at: now.toISOString(),
            action: 'seller.bankChangeRequested',
            actor,
            target,
            details: {
              // Who would be paid: bank and holder, and the account number's last digits only.
              bin: to.bin,
              accountEnding: to.accountNumber.slice(-4),
              holderName: to.holderName,
              appliedAtOnce: updated.pendingBank === undefined && bankChanges,
              withdrawn: withdraws,
            },
          }),
        ),
      );
    }
    if (withdraws || (bankChanges && !updated.pendingBank && seller.pendingBank)) {
      extra.push(bankChangeQueueDelete(seller.id));
    }
    await saveSeller(updated, seller.version, undefined, extra);
    return ok({ seller: sellerView(updated) });
  },
);
