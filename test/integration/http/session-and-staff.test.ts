import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../functions/_http/auth';
import { startSession } from '../../../functions/_http/session';
import { createStaffAccount } from '../../../functions/_http/staff-accounts';
import { type Account, emailLogin, phoneLogin } from '../../../shared/accounts/account';
import { verifyPassword } from '../../../shared/accounts/password';
import { SESSION_TTL_SECONDS, verifySessionToken } from '../../../shared/accounts/session-token';
import { findAccountByLogin, getAccount, getSession } from '../../../shared/db/accounts';
import { db } from '../../../shared/db/client';

/**
 * Sessions as sign-in starts them (stored, signed, as a cookie) and staff accounts as the admin
 * API creates them, read back from DynamoDB Local and used through authenticate().
 */
const SECRET = () => process.env.SIGNING_SECRET ?? '';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function account(over: Partial<Account>): Account {
  const id = `ac-${randomUUID()}`;
  return {
    id,
    email: `${id}@example.vn`,
    role: 'officer',
    displayName: 'Thử',
    passwordHash: 'x',
    status: 'active',
    mustChangePassword: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}

const bearer = (token: string, routeKey: string) =>
  ({
    routeKey,
    headers: { authorization: `Bearer ${token}` },
    requestContext: { http: { method: routeKey.split(' ')[0] } },
  }) as unknown as APIGatewayProxyEventV2;

/** A clock reading with a millisecond part, a whole second ago (so the token is already valid). */
const nowWithMillis = () => new Date((Math.floor(Date.now() / 1000) - 1) * 1000 + 750);

describe('startSession', () => {
  it("a seller's session: stored with its seller, signed claims, a four-hour Secure cookie", async () => {
    const now = nowWithMillis();
    const iat = Math.floor(now.getTime() / 1000);
    const seller = account({ role: 'seller', sellerId: `sl-${randomUUID()}` });
    const started = await startSession(seller, now);
    const expiresAt = new Date((iat + SESSION_TTL_SECONDS) * 1000).toISOString();
    expect(started.expiresAt).toBe(expiresAt);
    expect(started.cookie).toBe(
      `__Host-cs_session=${started.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=14400; Secure`,
    );
    const check = verifySessionToken(started.token, SECRET(), now);
    if (!check.ok) throw new Error(`token does not verify: ${check.reason}`);
    expect(check.claims.sid).toMatch(UUID);
    expect(check.claims).toStrictEqual({
      sid: check.claims.sid,
      aid: seller.id,
      role: 'seller',
      iat,
      exp: iat + SESSION_TTL_SECONDS,
      sel: seller.sellerId,
    });
    expect(await getSession(check.claims.sid)).toStrictEqual({
      id: check.claims.sid,
      accountId: seller.id,
      role: 'seller',
      createdAt: now.toISOString(),
      expiresAt,
      sellerId: seller.sellerId,
    });
    // two sessions of one account are two sessions
    const again = await startSession(seller, now);
    const second = verifySessionToken(again.token, SECRET(), now);
    expect(second.ok && second.claims.sid).not.toBe(check.claims.sid);
  });

  it('a one-time-password account: no seller, must change its password first', async () => {
    const now = nowWithMillis();
    const officer = account({ role: 'officer', mustChangePassword: true });
    const { token } = await startSession(officer, now);
    const check = verifySessionToken(token, SECRET(), now);
    if (!check.ok) throw new Error(`token does not verify: ${check.reason}`);
    const iat = Math.floor(now.getTime() / 1000);
    expect(check.claims).toStrictEqual({
      sid: check.claims.sid,
      aid: officer.id,
      role: 'officer',
      iat,
      exp: iat + SESSION_TTL_SECONDS,
      mcp: true,
    });
    const stored = await getSession(check.claims.sid);
    expect(stored).toStrictEqual({
      id: check.claims.sid,
      accountId: officer.id,
      role: 'officer',
      createdAt: now.toISOString(),
      expiresAt: new Date((iat + SESSION_TTL_SECONDS) * 1000).toISOString(),
    });
  });

  it('the started session authenticates (once the account exists), within its limits', async () => {
    const staff = await createStaffAccount(
      {
        id: `ac-${randomUUID()}`,
        email: `s-${randomUUID()}@example.vn`,
        displayName: 'Cán bộ',
        role: 'officer',
        password: 'Mật-khẩu-đủ-dài-1',
      },
      new Date(),
    );
    const now = nowWithMillis();
    const { token } = await startSession(staff.account, now);
    const principal = await authenticate(
      bearer(token, 'GET /api/officer/sellers'),
      { roles: ['officer', 'admin'] },
      new Date(),
    );
    expect(principal).toMatchObject({
      kind: 'session',
      accountId: staff.account.id,
      role: 'officer',
    });
    const fresh = await createStaffAccount(
      {
        id: `ac-${randomUUID()}`,
        email: `f-${randomUUID()}@example.vn`,
        displayName: 'Mới',
        role: 'admin',
      },
      new Date(),
    );
    const first = await startSession(fresh.account, nowWithMillis());
    await expect(
      authenticate(
        bearer(first.token, 'GET /api/admin/accounts'),
        { roles: ['admin'] },
        new Date(),
      ),
    ).rejects.toMatchObject({ code: 'auth.passwordChangeRequired' });
    await expect(
      authenticate(bearer(first.token, 'GET /api/me'), { roles: ['admin'] }, new Date()),
    ).resolves.toMatchObject({ kind: 'session', accountId: fresh.account.id, role: 'admin' });
  });
});

describe('createStaffAccount', () => {
  it('without a password: a one-time password, normalised email, both logins, stored as returned', async () => {
    const id = `ac-${randomUUID()}`;
    const phone = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const now = new Date('2026-11-30T08:15:00.123Z');
    const mixed = `  Can.Bo.${id}@Example.VN `;
    const { account: created, oneTimePassword } = await createStaffAccount(
      { id, email: mixed, displayName: 'Cán bộ Sở', phone, role: 'officer' },
      now,
    );
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{5}(-[A-Za-z0-9_-]{5}){3}$/);
    expect(verifyPassword(oneTimePassword, created.passwordHash)).toBe(true);
    expect(created).toStrictEqual({
      id,
      email: `can.bo.${id}@example.vn`,
      role: 'officer',
      displayName: 'Cán bộ Sở',
      passwordHash: created.passwordHash,
      status: 'active',
      mustChangePassword: true,
      createdAt: '2026-11-30T08:15:00.123Z',
      updatedAt: '2026-11-30T08:15:00.123Z',
      version: 1,
      phone,
    });
    expect(await getAccount(id)).toStrictEqual(created);
    expect((await findAccountByLogin(emailLogin(mixed)))?.id).toBe(id);
    expect((await findAccountByLogin(phoneLogin(phone)))?.id).toBe(id);
  });

  it('with a password: that password, no change required, no phone and no phone login', async () => {
    const id = `ac-${randomUUID()}`;
    const email = `admin.${id}@example.vn`;
    const { account: created, oneTimePassword } = await createStaffAccount(
      { id, email, displayName: 'Quản trị', role: 'admin', password: 'Mật-khẩu-quản-trị-2026' },
      new Date('2026-12-01T00:00:00.000Z'),
    );
    expect(oneTimePassword).toBe('Mật-khẩu-quản-trị-2026');
    expect(verifyPassword('Mật-khẩu-quản-trị-2026', created.passwordHash)).toBe(true);
    expect(created.mustChangePassword).toBe(false);
    expect(Object.keys(created)).not.toContain('phone');
    expect(await getAccount(id)).toStrictEqual(created);
    // two accounts never share a salt: the same password hashes differently
    const twin = await createStaffAccount(
      {
        id: `ac-${randomUUID()}`,
        email: `t.${id}@example.vn`,
        displayName: 'Đôi',
        role: 'admin',
        password: 'Mật-khẩu-quản-trị-2026',
      },
      new Date(),
    );
    expect(twin.account.passwordHash).not.toBe(created.passwordHash);
    // two one-time passwords differ too
    const a = await createStaffAccount(
      { id: `ac-${randomUUID()}`, email: `a.${id}@example.vn`, displayName: 'A', role: 'officer' },
      new Date(),
    );
    const b = await createStaffAccount(
      { id: `ac-${randomUUID()}`, email: `b.${id}@example.vn`, displayName: 'B', role: 'officer' },
      new Date(),
    );
    expect(a.oneTimePassword).not.toBe(b.oneTimePassword);
  });

  it('extra items join the same transaction: written with it, or nothing is', async () => {
    const { doc, tableName } = db();
    const read = async (pk: string) =>
      (await doc.send(new GetCommand({ TableName: tableName, Key: { pk, sk: 'TEST' } }))).Item;
    const marker = `TEST#${randomUUID()}`;
    const id = `ac-${randomUUID()}`;
    await createStaffAccount(
      { id, email: `x.${id}@example.vn`, displayName: 'X', role: 'officer' },
      new Date(),
      [{ Put: { TableName: tableName, Item: { pk: marker, sk: 'TEST', by: id } } }],
    );
    expect(await read(marker)).toEqual({ pk: marker, sk: 'TEST', by: id });
    expect((await getAccount(id))?.id).toBe(id);

    const refused = `ac-${randomUUID()}`;
    await expect(
      createStaffAccount(
        { id: refused, email: `y.${refused}@example.vn`, displayName: 'Y', role: 'officer' },
        new Date(),
        [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: { pk: `TEST#${randomUUID()}`, sk: 'TEST' },
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ],
      ),
    ).rejects.toThrow();
    expect(await getAccount(refused)).toBeUndefined();
    expect(await findAccountByLogin(emailLogin(`y.${refused}@example.vn`))).toBeUndefined();
  });
});
