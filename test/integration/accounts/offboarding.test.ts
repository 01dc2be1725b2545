import { describe, expect, it } from 'vitest';
import { sessionTokenOf } from '../../../functions/_http/auth';
import { listAudit } from '../../../shared/db/audit';
import { getSeller } from '../../../shared/db/sellers';
import { apiEvent } from '../../helpers/api-event';
import {
  adminSession,
  officerSession,
  sellerApiKey,
  sellerSession,
  type TestCredentials,
} from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

const me = (headers: Record<string, string>) => call('GET /api/me', { headers });
const setStatus = (admin: TestCredentials, accountId: string, body: Record<string, unknown>) =>
  call('POST /api/admin/accounts/{accountId}/status', {
    headers: admin.headers,
    path: { accountId },
    body,
  });

describe('disabling accounts (offboarding)', () => {
  it('an admin disables an officer: its sessions end at once, sign-in is refused; enabling lets it back', async () => {
    const admin = await adminSession();
    const officer = await officerSession();
    expect((await me(officer.headers)).status).toBe(200);

    const noReason = await setStatus(admin, officer.accountId, { action: 'disable', version: 1 });
    expect(noReason.status).toBe(400);
    const off = await setStatus(admin, officer.accountId, {
      action: 'disable',
      reason: 'Chuyển công tác',
      version: 1,
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ account: { status: 'disabled' }, sessionsEnded: 1 });
    expect((await me(officer.headers)).status).toBe(401);
    const signIn = await call('POST /api/auth/sign-in', {
      body: { login: officer.email, password: officer.password },
    });
    expect([signIn.status, signIn.body.error.code]).toEqual([403, 'account.disabled']);

    const on = await setStatus(admin, officer.accountId, { action: 'enable', version: 2 });
    expect(on.status).toBe(200);
    const back = await call('POST /api/auth/sign-in', {
      body: { login: officer.email, password: officer.password },
    });
    expect(back.status).toBe(200);

    const trail = await listAudit({ accountId: officer.accountId, limit: 10 });
    const actions = trail.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['account.disabled', 'account.enabled', 'auth.signIn']),
    );
    const disabled = trail.items.find((e) => e.action === 'account.disabled');
    expect(disabled).toMatchObject({
      actor: { kind: 'account', accountId: admin.accountId, role: 'admin' },
      target: { kind: 'account', id: officer.accountId },
      details: { role: 'officer', reason: 'Chuyển công tác' },
    });
  });

  it('refuses a disabled account on every request, even with a live session item (status checked per request)', async () => {
    const admin = await adminSession();
    const seller = await sellerSession();
    // Disable through the db-level path only (as if sessions were not ended yet).
    const { getAccount, setAccountStatus } = await import('../../../shared/db/accounts');
    const account = await getAccount(seller.accountId);
    if (!account) throw new Error('no account');
    await setAccountStatus(account, 'disabled', new Date());
    const res = await me(seller.headers);
    expect([res.status, res.body.error.code]).toEqual([403, 'account.disabled']);
    expect(admin.accountId).toBeTruthy();
  });

  it('admins cannot disable admins or themselves; stale versions and repeats are refused; unknown ids are 404', async () => {
    const admin = await adminSession();
    const other = await adminSession();
    const officer = await officerSession();
    const before = await tableSnapshot();
    const cases = await Promise.all([
      setStatus(admin, other.accountId, { action: 'disable', reason: 'thử', version: 1 }),
      setStatus(admin, admin.accountId, { action: 'disable', reason: 'thử', version: 1 }),
      setStatus(admin, officer.accountId, { action: 'disable', reason: 'thử', version: 7 }),
      setStatus(admin, officer.accountId, { action: 'enable', version: 1 }),
      setStatus(admin, 'ac-nobody', { action: 'enable', version: 1 }),
    ]);
    expect(cases.map((r) => [r.status, r.body.error?.code])).toEqual([
      [409, 'account.invalidTransition'],
      [409, 'account.invalidTransition'],
      [409, 'account.invalidTransition'],
      [409, 'account.invalidTransition'],
      [404, 'account.notFound'],
    ]);
    expect(await tableSnapshot()).toBe(before);
  });

  it('admins are disabled only by the admin command path (includeAdmins), which ends their access', async () => {
    const admin = await adminSession();
    const { getAccount, setAccountStatus } = await import('../../../shared/db/accounts');
    const account = await getAccount(admin.accountId);
    if (!account) throw new Error('no account');
    await expect(setAccountStatus(account, 'disabled', new Date())).rejects.toMatchObject({
      code: 'account.invalidTransition',
    });
    await setAccountStatus(account, 'disabled', new Date(), [], { includeAdmins: true });
    const res = await me(admin.headers);
    expect([res.status, res.body.error.code]).toEqual([403, 'account.disabled']);
  });

  it('two admins disabling the same officer at once: one wins, one is refused', async () => {
    const [a, b] = [await adminSession(), await adminSession()];
    const officer = await officerSession();
    const body = { action: 'disable', reason: 'Nghỉ việc', version: 1 };
    const results = await Promise.all([
      setStatus(a, officer.accountId, body),
      setStatus(b, officer.accountId, body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const trail = await listAudit({
      accountId: officer.accountId,
      action: 'account.disabled',
      limit: 10,
    });
    expect(trail.items).toHaveLength(1);
  });

  it('lists accounts by role for the admin page, with a cursor', async () => {
    const admin = await adminSession();
    await officerSession();
    await officerSession();
    const first = await call('GET /api/admin/accounts', {
      headers: admin.headers,
      query: { role: 'officer', limit: '1' },
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].passwordHash).toBeUndefined();
    const next = await call('GET /api/admin/accounts', {
      headers: admin.headers,
      query: { role: 'officer', limit: '1', cursor: first.body.nextCursor },
    });
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
    const bad = await call('GET /api/admin/accounts', {
      headers: admin.headers,
      query: { role: 'seller', cursor: first.body.nextCursor },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'query.invalidCursor']);
  });
});

describe('seller suspension', () => {
  const suspend = (officer: TestCredentials, sellerId: string, version: number) =>
    call('POST /api/officer/sellers/{sellerId}/status', {
      headers: officer.headers,
      path: { sellerId },
      body: { action: 'suspend', reason: 'Vi phạm quy định', version },
    });

  it('kills the API keys; the seller can still read but not change profile, keys or bank account', async () => {
    const officer = await officerSession();
    const seller = await sellerSession();
    const key = await sellerApiKey(seller.sellerId);
    expect((await me(key)).status).toBe(200);

    expect((await suspend(officer, seller.sellerId, 1)).status).toBe(200);
    expect((await me(key)).status).toBe(401);
    const keys = await call('GET /api/seller/api-keys', { headers: seller.headers });
    expect(keys.status).toBe(200);
    expect(keys.body.items.every((k: { revokedAt?: string }) => k.revokedAt)).toBe(true);
    expect((await me(seller.headers)).body.seller.status).toBe('suspended');

    const before = await tableSnapshot();
    const attempts = await Promise.all([
      call('PUT /api/seller/profile', {
        headers: seller.headers,
        body: { version: 2, legalName: 'Tên mới của HTX' },
      }),
      call('POST /api/seller/api-keys', { headers: seller.headers, body: { name: 'x' } }),
      call('DELETE /api/seller/api-keys/{keyId}', {
        headers: seller.headers,
        path: { keyId: keys.body.items[0].keyId },
      }),
    ]);
    for (const res of attempts)
      expect([res.status, res.body.error.code]).toEqual([403, 'seller.suspended']);
    expect(await tableSnapshot()).toBe(before);
  });

  it('reinstating applies to suspended sellers only; keys stay revoked after it', async () => {
    const officer = await officerSession();
    const approved = await sellerSession();
    const pending = await sellerSession({ status: 'pending' });
    const reinstate = (sellerId: string, version: number) =>
      call('POST /api/officer/sellers/{sellerId}/status', {
        headers: officer.headers,
        path: { sellerId },
        body: { action: 'reinstate', version },
      });
    const a = await reinstate(approved.sellerId, 1);
    const p = await reinstate(pending.sellerId, 1);
    expect([a.status, a.body.error.code]).toEqual([409, 'seller.invalidTransition']);
    expect([p.status, p.body.error.code]).toEqual([409, 'seller.invalidTransition']);

    const key = await sellerApiKey(approved.sellerId);
    expect((await suspend(officer, approved.sellerId, 1)).status).toBe(200);
    const back = await reinstate(approved.sellerId, 2);
    expect(back.status).toBe(200);
    expect(back.body.seller.status).toBe('approved');
    expect((await me(key)).status).toBe(401);
    // A retry of the same reinstatement (same version) only re-applies the listing.
    expect((await reinstate(approved.sellerId, 2)).status).toBe(200);
    expect((await reinstate(approved.sellerId, 3)).status).toBe(409);

    const trail = await listAudit({ sellerId: approved.sellerId, limit: 10 });
    expect(trail.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['seller.suspend', 'seller.reinstate', 'apiKey.revokedBySuspension']),
    );
    expect(trail.items.find((e) => e.action === 'seller.suspend')?.details).toMatchObject({
      reason: 'Vi phạm quy định',
      from: 'approved',
      to: 'suspended',
    });
  });
});

describe('bank-account changes', () => {
  const newBank = {
    bin: '970436',
    accountNumber: '0071000123456',
    holderName: 'Nguyễn Văn Kẻ Gian',
  };
  const change = (seller: TestCredentials, body: Record<string, unknown>) =>
    call('PUT /api/seller/profile', { headers: seller.headers, body });

  it('need the current password, keep the approved account for payments until an officer approves', async () => {
    const seller = await sellerSession();
    const officer = await officerSession();
    const original = (await getSeller(seller.sellerId))?.bank;

    const before = await tableSnapshot();
    const noPassword = await change(seller, { version: 1, bank: newBank });
    const wrongPassword = await change(seller, {
      version: 1,
      bank: newBank,
      currentPassword: 'not-the-password',
    });
    expect([noPassword.status, noPassword.body.error.code]).toEqual([400, 'account.wrongPassword']);
    expect([wrongPassword.status, wrongPassword.body.error.code]).toEqual([
      400,
      'account.wrongPassword',
    ]);
    expect(await tableSnapshot()).toBe(before);

    const asked = await change(seller, {
      version: 1,
      bank: newBank,
      currentPassword: seller.password,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const stored = await getSeller(seller.sellerId);
    expect(stored?.bank).toEqual(original);
    expect(stored?.status).toBe('approved');
    expect(stored?.pendingBank).toMatchObject({
      bin: '970436',
      accountNumber: '0071000123456',
      holderName: 'NGUYEN VAN KE GIAN',
      requestedBy: seller.accountId,
    });

    const queue = await call('GET /api/officer/bank-changes', { headers: officer.headers });
    const entry = queue.body.items.find((s: { id: string }) => s.id === seller.sellerId);
    expect(entry.pendingBank.requestedAt).toBe(stored?.pendingBank?.requestedAt);

    const stale = await call('POST /api/officer/sellers/{sellerId}/bank-change', {
      headers: officer.headers,
      path: { sellerId: seller.sellerId },
      body: { decision: 'approve', requestedAt: '2020-01-01T00:00:00.000Z' },
    });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'seller.bankChangeNotFound']);

    // Two officers decide at once: one decision wins.
    const decide = (decision: string) =>
      call('POST /api/officer/sellers/{sellerId}/bank-change', {
        headers: officer.headers,
        path: { sellerId: seller.sellerId },
        body: {
          decision,
          requestedAt: stored?.pendingBank?.requestedAt,
          ...(decision === 'reject' ? { reason: 'Chủ tài khoản khác tên HTX' } : {}),
        },
      });
    const decisions = await Promise.all([decide('approve'), decide('approve')]);
    expect(decisions.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await getSeller(seller.sellerId);
    expect(after?.bank).toEqual({
      bin: '970436',
      accountNumber: '0071000123456',
      holderName: 'NGUYEN VAN KE GIAN',
    });
    expect(after?.pendingBank).toBeUndefined();
    const queueAfter = await call('GET /api/officer/bank-changes', { headers: officer.headers });
    expect(queueAfter.body.items.map((s: { id: string }) => s.id)).not.toContain(seller.sellerId);

    const trail = await listAudit({ sellerId: seller.sellerId, limit: 20 });
    const actions = trail.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['seller.bankChangeRequested', 'seller.bankChangeApproved']),
    );
    // The trail names the bank and holder and only the last digits of the account number.
    expect(JSON.stringify(trail.items)).not.toContain('0071000123456');
    expect(JSON.stringify(trail.items)).not.toContain(seller.password);
  });

  it('a rejected change leaves the approved account; asking for the approved account withdraws a request', async () => {
    const seller = await sellerSession();
    const officer = await officerSession();
    const original = (await getSeller(seller.sellerId))?.bank;
    await change(seller, { version: 1, bank: newBank, currentPassword: seller.password });
    const requested = await getSeller(seller.sellerId);
    const noReason = await call('POST /api/officer/sellers/{sellerId}/bank-change', {
      headers: officer.headers,
      path: { sellerId: seller.sellerId },
      body: { decision: 'reject', requestedAt: requested?.pendingBank?.requestedAt },
    });
    expect(noReason.status).toBe(400);
    const rejected = await call('POST /api/officer/sellers/{sellerId}/bank-change', {
      headers: officer.headers,
      path: { sellerId: seller.sellerId },
      body: {
        decision: 'reject',
        requestedAt: requested?.pendingBank?.requestedAt,
        reason: 'Chủ tài khoản khác tên HTX',
      },
    });
    expect(rejected.status).toBe(200);
    expect((await getSeller(seller.sellerId))?.bank).toEqual(original);

    await change(seller, { version: 3, bank: newBank, currentPassword: seller.password });
    expect((await getSeller(seller.sellerId))?.pendingBank).toBeDefined();
    const withdrawn = await change(seller, { version: 4, bank: original });
    expect(withdrawn.status).toBe(200);
    expect((await getSeller(seller.sellerId))?.pendingBank).toBeUndefined();
  });

  it('a seller still pending approval changes its bank account directly (with its password)', async () => {
    const seller = await sellerSession({ status: 'pending' });
    const res = await change(seller, {
      version: 1,
      bank: newBank,
      currentPassword: seller.password,
    });
    expect(res.status).toBe(200);
    expect((await getSeller(seller.sellerId))?.bank.accountNumber).toBe('0071000123456');
  });

  it('other profile fields still change without a password', async () => {
    const seller = await sellerSession();
    const res = await change(seller, { version: 1, legalName: 'Hợp tác xã Đổi Tên' });
    expect(res.status).toBe(200);
    expect(res.body.seller.legalName).toBe('Hợp tác xã Đổi Tên');
  });
});

describe('session cookie and cross-site requests', () => {
  async function cookieOf() {
    const seller = await sellerSession();
    const signIn = await call('POST /api/auth/sign-in', {
      body: { login: seller.email, password: seller.password },
    });
    return (signIn.cookies[0] ?? '').split(';')[0] ?? '';
  }

  it('refuses unsafe cookie requests that the browser marks cross-site, allows same-origin', async () => {
    const cookie = await cookieOf();
    expect(cookie.startsWith('__Host-cs_session=')).toBe(true);
    const crossSite = await call('POST /api/seller/api-keys', {
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      body: { name: 'csrf' },
    });
    const sameSite = await call('POST /api/seller/api-keys', {
      headers: { cookie, 'sec-fetch-site': 'same-site' },
      body: { name: 'csrf' },
    });
    const evilOrigin = await call('POST /api/seller/api-keys', {
      headers: { cookie, origin: 'https://evil.example' },
      body: { name: 'csrf' },
    });
    for (const res of [crossSite, sameSite, evilOrigin])
      expect([res.status, res.body.error.code]).toEqual([403, 'auth.crossSite']);
    // Body-less unsafe requests too.
    const signOut = await call('POST /api/auth/sign-out', {
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      rawBody: '',
    });
    expect([signOut.status, signOut.body.error.code]).toEqual([403, 'auth.crossSite']);
    // Reads are not state changes.
    expect(
      (await call('GET /api/me', { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status,
    ).toBe(200);
    const same = await call('POST /api/seller/api-keys', {
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      body: { name: 'ok' },
    });
    expect(same.status).toBe(201);
    const ownHost = apiEvent('sellers/create-api-key').headers.host;
    const sameOrigin = await call('POST /api/seller/api-keys', {
      headers: { cookie, origin: `https://${ownHost}` },
      body: { name: 'ok2' },
    });
    expect(sameOrigin.status).toBe(201);
  });

  it('reads only the __Host- cookie, and bearer tokens are not subject to the origin check', async () => {
    const cookie = await cookieOf();
    const value = cookie.split('=').slice(1).join('=');
    const event = apiEvent('accounts/get-me', { headers: { cookie: `cs_session=${value}` } });
    expect(sessionTokenOf(event)).toBeUndefined();
    const bearer = await call('POST /api/seller/api-keys', {
      headers: { authorization: `Bearer ${value}`, 'sec-fetch-site': 'cross-site' },
      body: { name: 'api client' },
    });
    expect(bearer.status).toBe(201);
  });
});
