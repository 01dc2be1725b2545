import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { auditEvent } from '../../../shared/audit/audit';
import { writeAudit } from '../../../shared/db/audit';
import { forgetSigningKeys, getSigningKeys, SECRET_CACHE_SECONDS } from '../../../shared/secrets';
import { adminSession, officerSession, sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';

const audit = (query: Record<string, string>, headers: Record<string, string>) =>
  call('GET /api/admin/audit', { headers, query });

describe('audit trail API', () => {
  it('filters by account and by action, newest first, with a cursor; admins only', async () => {
    const admin = await adminSession();
    const accountId = `ac-${randomUUID()}`;
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      await writeAudit(
        auditEvent({
          id: randomUUID(),
          at: new Date(t0 + i * 1000).toISOString(),
          action: i % 2 === 0 ? 'auth.signInFailed' : 'auth.signIn',
          outcome: i % 2 === 0 ? 'failure' : 'success',
          actor: { kind: 'account', accountId, role: 'officer', address: '203.0.113.9' },
          details: { step: i },
        }),
      );
    }
    const all = await audit({ account: accountId }, admin.headers);
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { details: { step: number } }) => e.details.step)).toEqual([
      4, 3, 2, 1, 0,
    ]);

    const failures: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit(
        {
          account: accountId,
          action: 'auth.signInFailed',
          limit: '2',
          ...(cursor ? { cursor } : {}),
        },
        admin.headers,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      failures.push(...page.body.items.map((e: { details: { step: number } }) => e.details.step));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(failures).toEqual([4, 2, 0]);

    const byAction = await audit({ action: 'auth.signIn', limit: '100' }, admin.headers);
    expect(byAction.body.items.every((e: { action: string }) => e.action === 'auth.signIn')).toBe(
      true,
    );
    const everything = await audit({ limit: '3' }, admin.headers);
    expect(everything.body.items).toHaveLength(3);
    expect(everything.body.nextCursor).toBeDefined();

    // A cursor belongs to its list.
    const foreign = await audit(
      { action: 'auth.signIn', cursor: everything.body.nextCursor },
      admin.headers,
    );
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'query.invalidCursor']);
    const bad = await audit({ action: 'not an action' }, admin.headers);
    expect(bad.status).toBe(400);

    const officer = await officerSession();
    expect((await audit({}, officer.headers)).status).toBe(403);
  });

  it('records API key creation and revocation by the seller, never the key itself', async () => {
    const admin = await adminSession();
    const seller = await sellerSession();
    const made = await call('POST /api/seller/api-keys', {
      headers: seller.headers,
      body: { name: 'Kế toán' },
    });
    await call('DELETE /api/seller/api-keys/{keyId}', {
      headers: seller.headers,
      path: { keyId: made.body.keyId },
    });
    const trail = await audit({ seller: seller.sellerId }, admin.headers);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'apiKey.revoked',
      'apiKey.created',
    ]);
    expect(trail.body.items[1]).toMatchObject({
      actor: { kind: 'account', accountId: seller.accountId },
      target: { kind: 'apiKey', id: made.body.keyId, sellerId: seller.sellerId },
      details: { name: 'Kế toán' },
    });
    expect(JSON.stringify(trail.body)).not.toContain(made.body.key);
  });
});

describe('signing keys', () => {
  const original = process.env.SIGNING_SECRET;
  afterEach(() => {
    process.env.SIGNING_SECRET = original;
    delete process.env.SIGNING_SECRET_PREVIOUS;
    forgetSigningKeys();
  });

  it('are cached for a limited time, so a rotated key is picked up without a restart', async () => {
    forgetSigningKeys();
    const t = Date.now();
    expect((await getSigningKeys(t)).current).toBe(original);
    process.env.SIGNING_SECRET = 'rotated-signing-key-0123456789-abcdefghijkl';
    process.env.SIGNING_SECRET_PREVIOUS = original;
    expect((await getSigningKeys(t + (SECRET_CACHE_SECONDS - 1) * 1000)).current).toBe(original);
    const after = await getSigningKeys(t + SECRET_CACHE_SECONDS * 1000);
    expect(after).toEqual({
      current: 'rotated-signing-key-0123456789-abcdefghijkl',
      previous: original,
    });
  });

  it('sessions signed before a rotation keep working; new ones are signed with the new key', async () => {
    const seller = await sellerSession(); // signed with the original key
    forgetSigningKeys();
    process.env.SIGNING_SECRET = 'rotated-signing-key-0123456789-abcdefghijkl';
    process.env.SIGNING_SECRET_PREVIOUS = original;
    expect((await call('GET /api/me', { headers: seller.headers })).status).toBe(200);
    const fresh = await call('POST /api/auth/sign-in', {
      body: { login: seller.email, password: seller.password },
    });
    expect(fresh.status).toBe(200);

    // Once the previous key is dropped, old tokens stop working and new ones still do.
    forgetSigningKeys();
    delete process.env.SIGNING_SECRET_PREVIOUS;
    expect((await call('GET /api/me', { headers: seller.headers })).status).toBe(401);
    const bearer = { authorization: `Bearer ${fresh.body.token}` };
    expect((await call('GET /api/me', { headers: bearer })).status).toBe(200);
  });
});
