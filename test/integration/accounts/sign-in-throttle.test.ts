import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { PER_LOGIN } from '../../../functions/accounts/sign-in';
import { emailLogin } from '../../../shared/accounts/account';
import { getThrottle, takeAttempt } from '../../../shared/db/accounts';
import { listAudit } from '../../../shared/db/audit';
import { db } from '../../../shared/db/client';
import { officerSession, sellerSession } from '../../helpers/auth';
import { callFrom } from '../../helpers/call';

/**
 * The sign-in throttle under attack: attempts are counted before the password is checked, in one
 * conditional update per login and per address, so parallel guesses cannot outrun the lock.
 */
/** Dozens of scrypt checks and DynamoDB round trips: slow on a loaded machine, not a goal. */
const HEAVY = 120_000;
let n = 0;
const address = () => `203.0.113.${(++n % 250) + 1}`;
const signIn = (login: string, password: string, from: string) =>
  callFrom('POST /api/auth/sign-in', from, { body: { login, password } });

/** Moves a throttle's window and lock into the past, as if `minutes` had gone by. */
async function age(what: string, minutes: number) {
  const state = await getThrottle(what);
  if (!state) return;
  const back = (iso: string) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
  const { doc, tableName } = db();
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `THROTTLE#${what}`, sk: 'THROTTLE' },
      UpdateExpression: `SET windowStart = :w${state.lockedUntil ? ', lockedUntil = :l' : ''}`,
      ExpressionAttributeValues: {
        ':w': back(state.windowStart),
        ...(state.lockedUntil ? { ':l': back(state.lockedUntil) } : {}),
      },
    }),
  );
}

describe('sign-in throttle per login', () => {
  it.each([
    ['a seller', sellerSession],
    ['an officer', officerSession],
  ])(
    '40 parallel wrong guesses at %s: at most 5 passwords checked, the rest 429, and the right password is refused until the lock ends',
    async (_who, make) => {
      const victim = await make();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          // Each guess from its own address: only the per-login lock can stop them.
          signIn(victim.email, `wrong-guess-${i}-xyz`, address()),
        ),
      );
      const checked = results.filter((r) => r.status === 401);
      const throttled = results.filter((r) => r.status === 429);
      expect(checked.length).toBeLessThanOrEqual(5);
      expect(checked.length).toBeGreaterThanOrEqual(1);
      expect(checked.length + throttled.length).toBe(40);
      for (const r of checked) expect(r.body.error.code).toBe('auth.invalidCredentials');
      for (const r of throttled) expect(r.body.error.code).toBe('auth.throttled');

      const right = await signIn(victim.email, victim.password, address());
      expect([right.status, right.body.error?.code]).toEqual([429, 'auth.throttled']);
      expect(right.body.error.details.retryAfterSeconds).toBeGreaterThan(800);

      // 14 minutes on: still locked. 16 minutes on: the lock has ended.
      await age(emailLogin(victim.email), 14);
      expect((await signIn(victim.email, victim.password, address())).status).toBe(429);
      await age(emailLogin(victim.email), 2);
      const after = await signIn(victim.email, victim.password, address());
      expect(after.status, JSON.stringify(after.body)).toBe(200);
    },
    HEAVY,
  );

  it(
    'starts the count again after a success (4 failures, success, 4 failures: not locked)',
    async () => {
      const user = await sellerSession();
      const from = address();
      for (let i = 0; i < 4; i++)
        expect((await signIn(user.email, `wrong-${i}-password`, from)).status).toBe(401);
      expect((await signIn(user.email, user.password, from)).status).toBe(200);
      for (let i = 0; i < 4; i++)
        expect((await signIn(user.email, `wrong-${i}-again-pw`, from)).status).toBe(401);
      expect((await signIn(user.email, user.password, from)).status).toBe(200);
      // Without the reset these 10 attempts would have locked the login at the fifth.
      expect((await getThrottle(emailLogin(user.email)))?.attempts ?? 0).toBe(0);
    },
    HEAVY,
  );

  it('the attempt that reaches the limit locks for the full lock time, past the window', async () => {
    const what = `test:lock:${Date.now()}:${++n}`;
    const t0 = Date.parse('2026-12-02T01:00:00Z');
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    for (let i = 0; i < 4; i++)
      expect(await takeAttempt(what, at(0), PER_LOGIN)).toMatchObject({ allowed: true });
    // The 5th, 10 minutes into the window, is checked and locks until minute 25.
    expect(await takeAttempt(what, at(10), PER_LOGIN)).toEqual({
      allowed: true,
      attempts: 5,
      windowStart: at(0).toISOString(),
    });
    expect(await takeAttempt(what, at(11), PER_LOGIN)).toEqual({
      allowed: false,
      retryAfterSeconds: 14 * 60,
    });
    // The window ended at minute 15; the lock did not.
    expect(await takeAttempt(what, at(16), PER_LOGIN)).toEqual({
      allowed: false,
      retryAfterSeconds: 9 * 60,
    });
    expect((await getThrottle(what))?.attempts).toBe(5);
    // After the lock: a fresh window, counting from one.
    expect(await takeAttempt(what, at(25), PER_LOGIN)).toEqual({
      allowed: true,
      attempts: 1,
      windowStart: at(25).toISOString(),
    });
    expect((await getThrottle(what))?.lockedUntil).toBeUndefined();
  });

  it('inside the window below the limit, attempts add up without a lock', async () => {
    const what = `test:count:${Date.now()}:${++n}`;
    const t0 = new Date('2026-12-02T02:00:00Z');
    const later = new Date(t0.getTime() + 14 * 60_000);
    await takeAttempt(what, t0, PER_LOGIN);
    expect(await takeAttempt(what, later, PER_LOGIN)).toMatchObject({ allowed: true, attempts: 2 });
    expect((await getThrottle(what))?.lockedUntil).toBeUndefined();
    // A window that ended (15 minutes) starts again at one.
    const next = new Date(t0.getTime() + 15 * 60_000);
    expect(await takeAttempt(what, next, PER_LOGIN)).toMatchObject({ allowed: true, attempts: 1 });
  });

  it('a success does not wipe failures counted after it (a parallel guesser keeps its count)', async () => {
    const what = `test:${Date.now()}:${++n}`;
    const now = new Date();
    const mine = await takeAttempt(what, now, PER_LOGIN);
    await takeAttempt(what, now, PER_LOGIN);
    expect(mine).toMatchObject({ allowed: true, attempts: 1 });
    const { resetAttempts } = await import('../../../shared/db/accounts');
    await resetAttempts(what, 1);
    expect((await getThrottle(what))?.attempts).toBe(2);
  });
});

describe('sign-in throttle per address', () => {
  it(
    'locks an address after 30 attempts across any logins; other addresses still sign in',
    async () => {
      const from = address();
      const user = await sellerSession();
      for (let batch = 0; batch < 3; batch++) {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            signIn(`nobody-${batch}-${i}-${Date.now()}@example.vn`, 'some-guess-123', from),
          ),
        );
        for (const r of results) expect(r.status).toBe(401);
      }
      const blocked = await signIn(user.email, user.password, from);
      expect([blocked.status, blocked.body.error?.code]).toEqual([429, 'auth.throttled']);
      // The refused attempt took nothing from the login's own count.
      expect((await getThrottle(emailLogin(user.email)))?.attempts ?? 0).toBe(0);
      expect((await signIn(user.email, user.password, address())).status).toBe(200);
    },
    HEAVY,
  );

  it(
    'successful sign-ins do not count against the address (an office behind one address)',
    async () => {
      const from = address();
      const user = await sellerSession();
      for (let i = 0; i < 31; i++) {
        const res = await signIn(user.email, user.password, from);
        expect(res.status).toBe(200);
      }
    },
    HEAVY,
  );
});

describe('sign-in audit', () => {
  it('records success and failure with the login and the address, never the password', async () => {
    const user = await sellerSession();
    const from = address();
    await signIn(user.email, 'a-wrong-password-1', from);
    await signIn(user.email, user.password, from);
    const mine = await listAudit({ accountId: user.accountId, limit: 10 });
    const actions = mine.items.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(['auth.signIn:success', 'auth.signInFailed:failure']);
    for (const e of mine.items) {
      expect(e.details).toEqual({ login: emailLogin(user.email) });
      expect(e.actor).toMatchObject({ address: from });
    }
    expect(JSON.stringify(mine.items)).not.toContain('a-wrong-password-1');
    expect(JSON.stringify(mine.items)).not.toContain(user.password);
  });
});
