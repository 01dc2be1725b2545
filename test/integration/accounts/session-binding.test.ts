import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/accounts/principal';
import { SESSION_TTL_SECONDS, signSessionToken } from '../../../shared/accounts/session-token';
import { deleteSession, insertSession } from '../../../shared/db/accounts';
import { officerSession, sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';

/**
 * A session token is bound to the stored session it names: the account id in the token must be
 * the session's, and the role and seller the route sees come from the stored session, never from
 * the token's claims. Tokens here are validly signed, so only the binding can refuse them.
 */
interface Stored {
  accountId: string;
  role: Role;
  sellerId?: string;
  expiresAt?: Date;
}

async function storedSession(stored: Stored): Promise<string> {
  const now = new Date();
  const id = randomUUID();
  await insertSession({
    id,
    accountId: stored.accountId,
    role: stored.role,
    createdAt: now.toISOString(),
    expiresAt: (
      stored.expiresAt ?? new Date(now.getTime() + SESSION_TTL_SECONDS * 1000)
    ).toISOString(),
    ...(stored.sellerId ? { sellerId: stored.sellerId } : {}),
  });
  return id;
}

function token(claims: { sid: string; aid: string; role: Role; sel?: string }) {
  const iat = Math.floor(Date.now() / 1000);
  return {
    authorization: `Bearer ${signSessionToken(
      { ...claims, iat, exp: iat + SESSION_TTL_SECONDS },
      process.env.SIGNING_SECRET ?? '',
    )}`,
  };
}

describe('session ↔ account binding', () => {
  it('a token naming the right account is accepted (control)', async () => {
    const a = await sellerSession();
    const sid = await storedSession({
      accountId: a.accountId,
      role: 'seller',
      sellerId: a.sellerId,
    });
    const res = await call('GET /api/me', {
      headers: token({ sid, aid: a.accountId, role: 'seller', sel: a.sellerId }),
    });
    expect(res.status).toBe(200);
    expect(res.body.account.id).toBe(a.accountId);
    expect(res.body.seller.id).toBe(a.sellerId);
  });

  it("a token naming another account than its session's is refused", async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const sid = await storedSession({
      accountId: a.accountId,
      role: 'seller',
      sellerId: a.sellerId,
    });
    for (const route of ['GET /api/me', 'GET /api/seller/products', 'GET /api/seller/api-keys']) {
      const res = await call(route, {
        headers: token({ sid, aid: b.accountId, role: 'seller', sel: b.sellerId }),
      });
      expect(res.status, route).toBe(401);
      expect(res.body.error.code).toBe('auth.sessionExpired');
    }
  });

  it("role and seller come from the stored session, not from the token's claims", async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const sid = await storedSession({
      accountId: a.accountId,
      role: 'seller',
      sellerId: a.sellerId,
    });
    const forged = token({ sid, aid: a.accountId, role: 'admin', sel: b.sellerId });

    const officerRoute = await call('GET /api/officer/sellers', { headers: forged });
    expect(officerRoute.status).toBe(403);
    expect(officerRoute.body.error.code).toBe('auth.forbidden');

    const me = await call('GET /api/me', { headers: forged });
    expect(me.status).toBe(200);
    expect(me.body.seller.id).toBe(a.sellerId);
  });

  it("an officer's session cannot be used with a seller's account id", async () => {
    const officer = await officerSession();
    const seller = await sellerSession();
    const sid = await storedSession({ accountId: officer.accountId, role: 'officer' });
    const res = await call('GET /api/officer/sellers', {
      headers: token({ sid, aid: seller.accountId, role: 'officer' }),
    });
    expect(res.status).toBe(401);
  });

  it('an ended or expired stored session refuses a token that is still valid', async () => {
    const a = await sellerSession();
    const ended = await storedSession({
      accountId: a.accountId,
      role: 'seller',
      sellerId: a.sellerId,
    });
    await deleteSession(ended);
    const expired = await storedSession({
      accountId: a.accountId,
      role: 'seller',
      sellerId: a.sellerId,
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const sid of [ended, expired]) {
      const res = await call('GET /api/me', {
        headers: token({ sid, aid: a.accountId, role: 'seller', sel: a.sellerId }),
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('auth.sessionExpired');
    }
  });
});
