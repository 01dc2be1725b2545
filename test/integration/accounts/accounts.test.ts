import { describe, expect, it } from 'vitest';
import { emailLogin } from '../../../shared/accounts/account';
import { findAccountByLogin } from '../../../shared/db/accounts';
import { listAudit } from '../../../shared/db/audit';
import { getSeller } from '../../../shared/db/sellers';
import { apiEvent } from '../../helpers/api-event';
import { adminSession, sellerSession, testTaxCode } from '../../helpers/auth';
import { call, callFrom } from '../../helpers/call';

const sample = JSON.parse(apiEvent('accounts/register-seller').body ?? '{}');
let n = 0;
const uniquePhone = () =>
  `09${String(Date.now() % 1e6).padStart(6, '0')}${String(++n % 100).padStart(2, '0')}`;
const signUpBody = (over: Record<string, unknown> = {}) => ({
  ...sample,
  email: `htx-${Date.now()}-${++n}@example.vn`,
  phone: uniquePhone(),
  taxCode: testTaxCode(),
  ...over,
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** Each sign-up from its own address unless one is given (sign-ups are throttled per address). */
let addressCounter = 0;
const signUp = (body: Record<string, unknown>, address?: string) =>
  callFrom('POST /api/sellers', address ?? `192.0.2.${(++addressCounter % 250) + 1}`, { body });

describe('seller sign-up', () => {
  it('creates a pending seller and its account, normalising phone, tax code and holder name', async () => {
    const body = signUpBody({ phone: '+84 912 000 111'.replace('111', String(100 + (n % 800))) });
    const res = await signUp(body);

    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'received', email: body.email, legalName: body.legalName });
    const account = await findAccountByLogin(emailLogin(body.email));
    const seller = await getSeller(account?.sellerId ?? '');
    expect(seller).toMatchObject({
      status: 'pending',
      communeCode: '32236',
      bank: { holderName: 'HTX TOM KHO TAN AN' },
    });
    expect(seller?.phone).toMatch(/^09\d{8}$/);
  });

  it('answers a taken email or phone exactly like a new sign-up (no account discovery), writing no account', async () => {
    const first = signUpBody();
    expect((await signUp(first)).status).toBe(202);
    const owner = await findAccountByLogin(emailLogin(first.email));

    const again = signUpBody({ email: first.email.toUpperCase() });
    const sameEmail = await signUp(again);
    const samePhone = await signUp(signUpBody({ phone: first.phone }));
    const sameTax = await signUp(signUpBody({ taxCode: first.taxCode }));

    expect([sameEmail.status, Object.keys(sameEmail.body).sort()]).toEqual([
      202,
      ['email', 'legalName', 'status'],
    ]);
    expect(sameEmail.body).toEqual({
      status: 'received',
      email: first.email.toLowerCase(),
      legalName: again.legalName,
    });
    expect(samePhone.status).toBe(202);
    // Tax codes are public in the business register: naming a taken one reveals nothing new.
    expect([sameTax.status, sameTax.body.error.code]).toEqual([409, 'seller.taxCodeTaken']);
    // The owner's account is untouched and still the one behind the login.
    expect(await findAccountByLogin(emailLogin(first.email))).toEqual(owner);
    const refused = await listAudit({ action: 'account.signUpRefused', limit: 10 });
    expect(refused.items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(refused.items)).not.toContain(first.password);
  });

  it('throttles sign-ups per client address (10 an hour), other addresses unaffected', async () => {
    const address = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signUp(signUpBody(), address)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    const blocked = await signUp(signUpBody(), address);
    expect([blocked.status, blocked.body.error.code]).toEqual([429, 'auth.throttled']);
    expect(blocked.body.error.details.retryAfterSeconds).toBeGreaterThan(3000);
    expect((await signUp(signUpBody(), '198.51.100.78')).status).toBe(202);
  });

  it('names each invalid field: check digit, commune, sector, bank, phone, password', async () => {
    const res = await call('POST /api/sellers', {
      body: signUpBody({
        taxCode: '2001234566',
        communeCode: '00001',
        sectorCode: '0400',
        phone: '0212345678',
        password: 'aaaaaaaaaaaa',
        bank: { bin: '999999', accountNumber: '12', holderName: '!!' },
      }),
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual([
      'bank.accountNumber',
      'bank.bin',
      'bank.holderName',
      'communeCode',
      'password',
      'phone',
      'sectorCode',
      'taxCode',
    ]);
  });

  it('takes a 12-digit personal number as tax code for household businesses only', async () => {
    const personal = `0961${String(Date.now()).slice(-8)}`;
    const coop = await signUp(signUpBody({ taxCode: personal }));
    const household = await signUp(signUpBody({ taxCode: personal, type: 'household' }));
    expect(coop.status).toBe(400);
    expect(household.status).toBe(202);
  });
});

describe('sign-in, sessions and sign-out', () => {
  async function registered() {
    const body = signUpBody();
    expect((await signUp(body)).status).toBe(202);
    return body;
  }

  it('signs in by email or phone, sets an HttpOnly SameSite cookie, and the token works', async () => {
    const user = await registered();
    const byEmail = await call('POST /api/auth/sign-in', {
      body: { login: user.email, password: user.password },
    });
    const byPhone = await call('POST /api/auth/sign-in', {
      body: { login: user.phone.replace(/^0/, '+84'), password: user.password },
    });

    expect(byEmail.status).toBe(200);
    expect(byPhone.status).toBe(200);
    expect(byEmail.cookies[0]).toMatch(
      /^__Host-cs_session=v1\..+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=14400; Secure$/,
    );
    const me = await call('GET /api/me', { headers: bearer(byEmail.body.token) });
    expect(me.body).toMatchObject({
      account: { email: user.email },
      seller: { status: 'pending' },
      via: 'session',
    });
    const viaCookie = await call('GET /api/me', {
      headers: { cookie: byEmail.cookies[0]?.split(';')[0] ?? '' },
    });
    expect(viaCookie.status).toBe(200);
  });

  it('answers an unknown login and a wrong password alike', async () => {
    const user = await registered();
    const unknown = await call('POST /api/auth/sign-in', {
      body: { login: 'nobody@example.vn', password: 'whatever-123' },
    });
    const wrong = await call('POST /api/auth/sign-in', {
      body: { login: user.email, password: 'wrong-password-1' },
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'auth.invalidCredentials']);
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'auth.invalidCredentials']);
  });

  it('locks a login after 5 failures, even for the right password', async () => {
    const user = await registered();
    for (let i = 0; i < 5; i++)
      await call('POST /api/auth/sign-in', {
        body: { login: user.email, password: `wrong-${i}-password` },
      });
    const res = await call('POST /api/auth/sign-in', {
      body: { login: user.email, password: user.password },
    });
    expect([res.status, res.body.error.code]).toEqual([429, 'auth.throttled']);
    expect(res.body.error.details.retryAfterSeconds).toBeGreaterThan(800);
  });

  it('signing out ends the session at once', async () => {
    const user = await registered();
    const { body } = await call('POST /api/auth/sign-in', {
      body: { login: user.email, password: user.password },
    });
    const out = await call('POST /api/auth/sign-out', { headers: bearer(body.token) });
    const after = await call('GET /api/me', { headers: bearer(body.token) });
    expect(out.status).toBe(204);
    expect(out.cookies[0]).toContain('Max-Age=0');
    expect([after.status, after.body.error.code]).toEqual([401, 'auth.sessionExpired']);
  });

  it('refuses forged, tampered and missing tokens', async () => {
    const seller = await sellerSession();
    const token = seller.headers.authorization?.slice(7) ?? '';
    const [v, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = `${v}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${sig}`;
    expect((await call('GET /api/me', { headers: bearer(forged) })).status).toBe(401);
    expect((await call('GET /api/me', { headers: bearer('garbage') })).status).toBe(401);
    expect((await call('GET /api/me')).status).toBe(401);
  });

  it('changing the password ends every other session and keeps this one signed in', async () => {
    const user = await registered();
    const a = (
      await call('POST /api/auth/sign-in', { body: { login: user.email, password: user.password } })
    ).body.token;
    const b = (
      await call('POST /api/auth/sign-in', { body: { login: user.email, password: user.password } })
    ).body.token;

    const wrong = await call('POST /api/me/password', {
      headers: bearer(a),
      body: { currentPassword: 'not-it-at-all', newPassword: 'Cua-gạch-mới-2027' },
    });
    const changed = await call('POST /api/me/password', {
      headers: bearer(a),
      body: { currentPassword: user.password, newPassword: 'Cua-gạch-mới-2027' },
    });

    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'account.wrongPassword']);
    expect(changed.status).toBe(204);
    expect((await call('GET /api/me', { headers: bearer(b) })).status).toBe(401);
    const fresh = changed.cookies[0]?.split(';')[0]?.split('=').slice(1).join('=') ?? '';
    expect((await call('GET /api/me', { headers: bearer(fresh) })).status).toBe(200);
    expect(
      (
        await call('POST /api/auth/sign-in', {
          body: { login: user.email, password: 'Cua-gạch-mới-2027' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, work as the seller, and stop working when revoked', async () => {
    const seller = await sellerSession();
    const made = await call('POST /api/seller/api-keys', {
      headers: seller.headers,
      body: { name: 'Kế toán' },
    });
    expect(made.status).toBe(201);
    expect(made.body.key).toMatch(/^cs_[A-Za-z0-9]{12}_/);

    const listed = await call('GET /api/seller/api-keys', { headers: seller.headers });
    expect(listed.body.items).toEqual([
      { keyId: made.body.keyId, name: 'Kế toán', createdAt: made.body.createdAt },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key.slice(16));

    const me = await call('GET /api/me', { headers: { 'x-api-key': made.body.key } });
    expect(me.body).toMatchObject({ seller: { id: seller.sellerId }, via: 'apiKey' });

    const keysByKey = await call('GET /api/seller/api-keys', {
      headers: { 'x-api-key': made.body.key },
    });
    expect([keysByKey.status, keysByKey.body.error.code]).toEqual([403, 'auth.forbidden']);

    const revoke = await call('DELETE /api/seller/api-keys/{keyId}', {
      headers: seller.headers,
      path: { keyId: made.body.keyId },
    });
    expect(revoke.status).toBe(204);
    expect((await call('GET /api/me', { headers: { 'x-api-key': made.body.key } })).status).toBe(
      401,
    );
  });

  it('cannot be revoked by another seller (not found, and the key keeps working)', async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const made = await call('POST /api/seller/api-keys', {
      headers: a.headers,
      body: { name: 'A' },
    });
    const res = await call('DELETE /api/seller/api-keys/{keyId}', {
      headers: b.headers,
      path: { keyId: made.body.keyId },
    });
    expect([res.status, res.body.error.code]).toEqual([404, 'apiKey.notFound']);
    expect((await call('GET /api/me', { headers: { 'x-api-key': made.body.key } })).status).toBe(
      200,
    );
  });
});

describe('officers and admins', () => {
  it('an admin creates an officer whose one-time password must be changed before anything else', async () => {
    const admin = await adminSession();
    const email = `canbo-${Date.now()}@example.vn`;
    const made = await call('POST /api/admin/officers', {
      headers: admin.headers,
      body: { email, displayName: 'Cán bộ Lan' },
    });
    expect(made.status).toBe(201);
    expect(made.body.account).toMatchObject({ role: 'officer', mustChangePassword: true });

    const signIn = await call('POST /api/auth/sign-in', {
      body: { login: email, password: made.body.oneTimePassword },
    });
    const queue = await call('GET /api/officer/sellers', { headers: bearer(signIn.body.token) });
    expect([queue.status, queue.body.error.code]).toEqual([403, 'auth.passwordChangeRequired']);

    const changed = await call('POST /api/me/password', {
      headers: bearer(signIn.body.token),
      body: { currentPassword: made.body.oneTimePassword, newPassword: 'Cán-bộ-mật-khẩu-mới-1' },
    });
    const token = changed.cookies[0]?.split(';')[0]?.split('=').slice(1).join('=') ?? '';
    expect((await call('GET /api/officer/sellers', { headers: bearer(token) })).status).toBe(200);
    expect((await findAccountByLogin(emailLogin(email)))?.mustChangePassword).toBe(false);
  });

  it('the approval queue lists pending sellers oldest first with cursor pagination', async () => {
    const officer = (await adminSession()).headers;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await sellerSession({ status: 'pending' })).sellerId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET /api/officer/sellers', {
        headers: officer,
        query: { status: 'pending', limit: '2', ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((s: { id: string }) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    const bad = await call('GET /api/officer/sellers', {
      headers: officer,
      query: { cursor: 'bm90LWpzb24' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'query.invalidCursor']);
  });
});
