import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../shared/db/audit';
import { getSeller } from '../../../shared/db/sellers';
import { officerSession, sellerSession, type TestCredentials } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

/**
 * An officer rejects a pending application with a reason the seller sees; only pending ones, on
 * the version the officer saw, never by the seller itself. The seller corrects its profile and
 * saving sends it back to the queue.
 */
const setStatus = (who: TestCredentials, sellerId: string, body: Record<string, unknown>) =>
  call('POST /api/officer/sellers/{sellerId}/status', {
    headers: who.headers,
    path: { sellerId },
    body,
  });
const REASON = 'Mã số thuế không khớp giấy đăng ký kinh doanh';

describe('rejecting a seller application', () => {
  it('a pending application → rejected with the reason; the seller sees it; audited', async () => {
    const officer = await officerSession();
    const seller = await sellerSession({ status: 'pending' });

    const res = await setStatus(officer, seller.sellerId, {
      action: 'reject',
      reason: `  ${REASON} `,
      version: 1,
    });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.seller).toMatchObject({
      status: 'rejected',
      statusReason: REASON,
      version: 2,
      lastStatusAction: 'reject',
    });
    const me = await call('GET /api/me', { headers: seller.headers });
    expect(me.body.seller).toMatchObject({ status: 'rejected', statusReason: REASON });
    const queue = await call('GET /api/officer/sellers', {
      headers: officer.headers,
      query: { status: 'rejected', limit: '100' },
    });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((s: { id: string }) => s.id)).toContain(seller.sellerId);
    const trail = await listAudit({ sellerId: seller.sellerId, limit: 10 });
    const entry = trail.items.find((e) => e.action === 'seller.reject');
    expect(entry?.details).toMatchObject({ from: 'pending', to: 'rejected', reason: REASON });
    expect(entry?.actor).toMatchObject({ kind: 'account', accountId: officer.accountId });
  });

  it.each([
    ['no reason', {}],
    ['a blank reason', { reason: '   ' }],
    ['a two-letter reason', { reason: 'ab' }],
  ])('%s → 400 naming the reason field, nothing written', async (_name, extra) => {
    const officer = await officerSession();
    const seller = await sellerSession({ status: 'pending' });
    const before = await tableSnapshot();

    const res = await setStatus(officer, seller.sellerId, {
      action: 'reject',
      version: 1,
      ...extra,
    });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(JSON.stringify(res.body.error.details)).toContain('reason');
    expect(await tableSnapshot()).toBe(before);
  });

  it.each(['approved', 'suspended', 'rejected'] as const)(
    'a %s seller cannot be rejected (409 seller.invalidTransition, nothing written)',
    async (status) => {
      const officer = await officerSession();
      const seller = await sellerSession({ status });
      const before = await tableSnapshot();

      const res = await setStatus(officer, seller.sellerId, {
        action: 'reject',
        reason: REASON,
        version: 1,
      });

      expect([res.status, res.body.error.code]).toEqual([409, 'seller.invalidTransition']);
      expect(res.body.error.details).toMatchObject({ status });
      expect(await tableSnapshot()).toBe(before);
    },
  );

  it('a stale version → 409 seller.versionConflict; the seller keeps its status', async () => {
    const officer = await officerSession();
    const seller = await sellerSession({ status: 'pending' });
    expect(
      (
        await call('PUT /api/seller/profile', {
          headers: seller.headers,
          body: { version: 1, legalName: 'HTX Đã sửa tên' },
        })
      ).status,
    ).toBe(200);
    const before = await tableSnapshot();

    const res = await setStatus(officer, seller.sellerId, {
      action: 'reject',
      reason: REASON,
      version: 1,
    });

    expect([res.status, res.body.error.code]).toEqual([409, 'seller.versionConflict']);
    expect(await tableSnapshot()).toBe(before);
    expect((await getSeller(seller.sellerId, true))?.status).toBe('pending');
  });

  it('of an approve and a reject sent together on one version, exactly one wins', async () => {
    const officer = await officerSession();
    const other = await officerSession();
    const seller = await sellerSession({ status: 'pending' });

    const [a, r] = await Promise.all([
      setStatus(officer, seller.sellerId, { action: 'approve', version: 1 }),
      setStatus(other, seller.sellerId, { action: 'reject', reason: REASON, version: 1 }),
    ]);

    expect([a.status, r.status].sort()).toEqual([200, 409]);
    const stored = await getSeller(seller.sellerId, true);
    expect(stored?.status).toBe(a.status === 200 ? 'approved' : 'rejected');
    expect(stored?.version).toBe(2);
  });

  it('the seller cannot reject (or approve) itself: 403, nothing written', async () => {
    const seller = await sellerSession({ status: 'pending' });
    const before = await tableSnapshot();

    const reject = await setStatus(seller, seller.sellerId, {
      action: 'reject',
      reason: REASON,
      version: 1,
    });
    const approve = await setStatus(seller, seller.sellerId, { action: 'approve', version: 1 });

    expect([reject.status, reject.body.error.code]).toEqual([403, 'auth.forbidden']);
    expect([approve.status, approve.body.error.code]).toEqual([403, 'auth.forbidden']);
    expect(await tableSnapshot()).toBe(before);
  });

  it('the seller corrects its profile: the application goes back to pending, reason kept for the officer', async () => {
    const officer = await officerSession();
    const seller = await sellerSession({ status: 'pending' });
    expect(
      (await setStatus(officer, seller.sellerId, { action: 'reject', reason: REASON, version: 1 }))
        .status,
    ).toBe(200);
    // A rejected application is neither approved nor reinstated by an officer directly.
    for (const action of ['approve', 'reinstate'])
      expect((await setStatus(officer, seller.sellerId, { action, version: 2 })).status).toBe(409);

    const fixed = await call('PUT /api/seller/profile', {
      headers: seller.headers,
      body: {
        version: 2,
        legalName: 'Hợp tác xã Thử nghiệm Đã sửa',
        // Not approved yet: a new bank account applies at once, no officer bank review.
        bank: { bin: '970405', accountNumber: '7800205999999', holderName: 'HTX THU NGHIEM' },
        currentPassword: seller.password,
      },
    });

    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.seller).toMatchObject({
      status: 'pending',
      version: 3,
      statusReason: REASON,
      bank: { accountNumber: '7800205999999' },
    });
    expect(fixed.body.seller.pendingBank).toBeUndefined();
    const queue = await call('GET /api/officer/sellers', {
      headers: officer.headers,
      query: { status: 'pending', limit: '100' },
    });
    expect(queue.body.items.map((s: { id: string }) => s.id)).toContain(seller.sellerId);
    const approved = await setStatus(officer, seller.sellerId, { action: 'approve', version: 3 });
    expect(approved.body.seller?.status).toBe('approved');
  });

  it('suspending still needs a reason too', async () => {
    const officer = await officerSession();
    const seller = await sellerSession({ status: 'approved' });
    const res = await setStatus(officer, seller.sellerId, { action: 'suspend', version: 1 });
    expect([res.status, res.body.error.code]).toEqual([400, 'request.invalid']);
  });
});
