import { randomBytes } from 'node:crypto';
import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIN_ANSWER_MS,
  RESETS_PER_ADDRESS,
  RESETS_PER_LOGIN,
} from '../../../functions/accounts/password-reset-request';
import { handler as onTableChange } from '../../../functions/streams/on-table-change';
import {
  ONE_TIME_PASSWORD_PATTERN,
  RESET_LINK_MINUTES,
  resetTokenHash,
} from '../../../shared/accounts/recovery';
import { getAccount } from '../../../shared/db/accounts';
import { listAudit } from '../../../shared/db/audit';
import { db } from '../../../shared/db/client';
import { recordPayment, setDeliveryOptions } from '../../../shared/db/orders';
import { getPasswordReset, insertPasswordReset, sellerAccounts } from '../../../shared/db/recovery';
import { failMailForTests, sentMail } from '../../../shared/mail/mail';
import { formatVnd } from '../../../shared/money';
import { apiEvent } from '../../helpers/api-event';
import { officerSession, sellerSession, testSeller } from '../../helpers/auth';
import { call, callFrom } from '../../helpers/call';

/**
 * Account recovery: reset links by mail (same answer for every login, throttled, hashed at rest,
 * single use, 30 minutes, sessions ended) and officer-issued one-time passwords (officers only,
 * audited, single use, expiry). Mail goes to the in-memory outbox of shared/mail (HOST_KIND=test).
 */
const SLOW = 60_000;
let n = 0;
const address = () => `198.51.100.${(++n % 250) + 1}`;
const request = (login: string, from = address()) =>
  callFrom('POST /api/auth/password-reset/request', from, { body: { login } });
const confirm = (token: string, newPassword: string) =>
  call('POST /api/auth/password-reset/confirm', { body: { token, newPassword } });
const signIn = (login: string, password: string) =>
  callFrom('POST /api/auth/sign-in', address(), { body: { login, password } });
const mailTo = (to: string) => sentMail().filter((m) => m.to === to);
const tokenIn = (text: string) => /#token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];

async function linkFor(email: string): Promise<string> {
  const res = await request(email);
  expect(res.status).toBe(202);
  const token = tokenIn(mailTo(email).at(-1)?.text ?? '');
  if (!token) throw new Error(`no reset mail to ${email}`);
  return token;
}

/** Moves a key's `expiresAtIso` into the past, as if the time had run out. */
async function expire(key: { pk: string; sk: string }) {
  const { doc, tableName } = db();
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET expiresAtIso = :past',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
    }),
  );
}

afterEach(() => failMailForTests(undefined));

describe('POST /api/auth/password-reset/request', () => {
  it(
    'answers the same 202 for a known, an unknown and a disabled login, and mails only the active account',
    async () => {
      const known = await sellerSession();
      const disabled = await sellerSession();
      const { doc, tableName } = db();
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `ACCOUNT#${disabled.accountId}`, sk: 'ACCOUNT' },
          UpdateExpression: 'SET #s = :d',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':d': 'disabled' },
        }),
      );
      const unknown = `nobody-${Date.now()}@example.vn`;
      const answers = await Promise.all([
        request(known.email),
        request(unknown),
        request(disabled.email),
      ]);
      for (const a of answers) {
        expect(a.status).toBe(202);
        expect(a.body).toEqual({ status: 'received' });
      }
      expect(mailTo(known.email)).toHaveLength(1);
      expect(mailTo(unknown)).toHaveLength(0);
      expect(mailTo(disabled.email)).toHaveLength(0);
      const mail = mailTo(known.email)[0];
      expect(mail?.subject).toContain('Đặt lại mật khẩu');
      expect(mail?.text).toContain('English:');
      expect(mail?.text).toMatch(/^http:\/\/localhost:3000\/dat-lai-mat-khau\/#token=/m);

      const audit = await listAudit({ action: 'account.passwordResetRequested', limit: 100 });
      const byLogin = (login: string) => audit.items.find((e) => e.details?.login === login);
      expect(byLogin(`email:${known.email}`)).toMatchObject({
        outcome: 'success',
        target: { id: known.accountId },
      });
      expect(byLogin(`email:${unknown}`)).toMatchObject({
        outcome: 'failure',
        details: { reason: 'unknownLogin' },
      });
      expect(byLogin(`email:${disabled.email}`)?.details?.reason).toBe('disabled');
    },
    SLOW,
  );

  it('takes at least MIN_ANSWER_MS whether or not the login exists', async () => {
    const known = await sellerSession();
    for (const login of [known.email, `nobody-${Date.now()}@example.vn`]) {
      const started = Date.now();
      expect((await request(login)).status).toBe(202);
      expect(Date.now() - started).toBeGreaterThanOrEqual(MIN_ANSWER_MS - 5);
    }
  });

  it(
    `throttles a login after ${RESETS_PER_LOGIN.max} requests, known or not, from any address`,
    async () => {
      const known = await sellerSession();
      for (const login of [known.email, `ghost-${Date.now()}@example.vn`]) {
        for (let i = 0; i < RESETS_PER_LOGIN.max; i++)
          expect((await request(login)).status).toBe(202);
        const refused = await request(login);
        expect([refused.status, refused.body.error.code]).toEqual([429, 'auth.throttled']);
        expect(refused.body.error.details.retryAfterSeconds).toBeGreaterThan(3000);
      }
      expect(mailTo(known.email)).toHaveLength(RESETS_PER_LOGIN.max);
    },
    SLOW,
  );

  it(
    `throttles an address after ${RESETS_PER_ADDRESS.max} requests for different logins`,
    async () => {
      const from = '192.0.2.77';
      const results = await Promise.all(
        Array.from({ length: RESETS_PER_ADDRESS.max + 5 }, (_, i) =>
          request(`spray-${i}-${Date.now()}@example.vn`, from),
        ),
      );
      expect(results.filter((r) => r.status === 202)).toHaveLength(RESETS_PER_ADDRESS.max);
      expect(results.filter((r) => r.status === 429)).toHaveLength(5);
    },
    SLOW,
  );

  it('stores only the hash of the token, nowhere the token itself', async () => {
    const seller = await sellerSession();
    const token = await linkFor(seller.email);
    const stored = await getPasswordReset(resetTokenHash(token));
    expect(stored?.accountId).toBe(seller.accountId);
    const minutes =
      (Date.parse(stored?.expiresAt ?? '') - Date.parse(stored?.createdAt ?? '')) / 60_000;
    expect(minutes).toBe(RESET_LINK_MINUTES);
    const { doc, tableName } = db();
    const all = await doc.send(new ScanCommand({ TableName: tableName }));
    const text = JSON.stringify(all.Items);
    expect(text).toContain(resetTokenHash(token));
    expect(text).not.toContain(token);
  });

  it('still answers 202 and keeps the link when the mail cannot be sent', async () => {
    const seller = await sellerSession();
    failMailForTests('SES throttled');
    const res = await request(seller.email);
    expect(res.status).toBe(202);
    expect(mailTo(seller.email)).toHaveLength(0);
    const audit = await listAudit({ accountId: seller.accountId, limit: 10 });
    expect(audit.items.map((e) => e.action)).toContain('account.passwordResetRequested');
  });
});

describe('POST /api/auth/password-reset/confirm', () => {
  it(
    'sets the new password, ends every session, kills the other links, audits and tells the owner',
    async () => {
      const seller = await sellerSession();
      const older = await linkFor(seller.email);
      const token = await linkFor(seller.email);
      expect((await call('GET /api/me', { headers: seller.headers })).status).toBe(200);

      const res = await confirm(token, 'Cua-Năm-Căn-2027-mới');
      expect(res.status, JSON.stringify(res.body)).toBe(204);

      const me = await call('GET /api/me', { headers: seller.headers });
      expect([me.status, me.body.error?.code]).toEqual([401, 'auth.sessionExpired']);
      expect((await signIn(seller.email, seller.password)).status).toBe(401);
      expect((await signIn(seller.email, 'Cua-Năm-Căn-2027-mới')).status).toBe(200);
      const again = await confirm(older, 'Another-password-2027');
      expect([again.status, again.body.error.code]).toEqual([400, 'auth.resetTokenInvalid']);

      const audit = await listAudit({
        accountId: seller.accountId,
        action: 'account.passwordReset',
        limit: 10,
      });
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]?.actor.kind).toBe('public');
      expect(mailTo(seller.email).at(-1)?.kind).toBe('passwordChanged');
    },
    SLOW,
  );

  it(
    'lets exactly one of 8 parallel confirms with the same link win',
    async () => {
      const seller = await sellerSession();
      const token = await linkFor(seller.email);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => confirm(token, `Parallel-password-${i}-xyz`)),
      );
      const won = results.flatMap((r, i) => (r.status === 204 ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results.filter((r) => r.status !== 204))
        expect([r.status, r.body.error.code]).toEqual([400, 'auth.resetTokenInvalid']);
      expect((await signIn(seller.email, `Parallel-password-${won[0]}-xyz`)).status).toBe(200);
      const audit = await listAudit({
        accountId: seller.accountId,
        action: 'account.passwordReset',
        limit: 10,
      });
      expect(audit.items).toHaveLength(1);
    },
    SLOW,
  );

  it('refuses an expired link and writes nothing', async () => {
    const seller = await sellerSession();
    const token = await linkFor(seller.email);
    await expire({ pk: `PWRESET#${resetTokenHash(token)}`, sk: 'PWRESET' });
    const before = await getAccount(seller.accountId);
    const res = await confirm(token, 'Too-late-password-2027');
    expect([res.status, res.body.error.code]).toEqual([400, 'auth.resetTokenInvalid']);
    expect(await getAccount(seller.accountId)).toEqual(before);
    expect((await call('GET /api/me', { headers: seller.headers })).status).toBe(200);
  });

  it('refuses a token that was never issued, and a weak new password before looking', async () => {
    const res = await confirm(randomBytes(32).toString('base64url'), 'Some-new-password-1');
    expect([res.status, res.body.error.code]).toEqual([400, 'auth.resetTokenInvalid']);
    const seller = await sellerSession();
    const token = await linkFor(seller.email);
    const weak = await confirm(token, 'aaaaaaaaaaaa');
    expect([weak.status, weak.body.error.code]).toEqual([400, 'request.invalid']);
    expect(await getPasswordReset(resetTokenHash(token))).toBeDefined();
  });

  it('refuses a link of a disabled account', async () => {
    const seller = await sellerSession();
    const token = randomBytes(32).toString('base64url');
    await insertPasswordReset({
      tokenHash: resetTokenHash(token),
      accountId: seller.accountId,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const { doc, tableName } = db();
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `ACCOUNT#${seller.accountId}`, sk: 'ACCOUNT' },
        UpdateExpression: 'SET #s = :d',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':d': 'disabled' },
      }),
    );
    const res = await confirm(token, 'Disabled-account-2027');
    expect([res.status, res.body.error.code]).toEqual([403, 'account.disabled']);
  });
});

describe('POST /api/officer/sellers/{sellerId}/one-time-password', () => {
  const issue = (
    headers: Record<string, string>,
    sellerId: string,
    reason = 'Gọi lại số trong hồ sơ, khớp MST',
  ) =>
    call('POST /api/officer/sellers/{sellerId}/one-time-password', {
      headers,
      path: { sellerId },
      body: { reason },
    });

  it(
    'is for officers only; issues a password shown once, audited with the officer and the reason',
    async () => {
      const seller = await sellerSession();
      const other = await sellerSession();
      const refused = await issue(other.headers, seller.sellerId);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'auth.forbidden']);
      const officer = await officerSession();
      const res = await issue(officer.headers, seller.sellerId);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.oneTimePassword).toMatch(ONE_TIME_PASSWORD_PATTERN);
      expect(res.body.login).toBe(seller.email);
      expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
      expect(res.headers['cache-control']).toBe('no-store');

      const audit = await listAudit({
        action: 'account.oneTimePasswordIssued',
        accountId: seller.accountId,
        limit: 10,
      });
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]).toMatchObject({
        actor: { kind: 'account', accountId: officer.accountId, role: 'officer' },
        target: { kind: 'account', id: seller.accountId, sellerId: seller.sellerId },
        details: { reason: 'Gọi lại số trong hồ sơ, khớp MST' },
      });
      expect(JSON.stringify(audit.items)).not.toContain(res.body.oneTimePassword);
      const { doc, tableName } = db();
      const all = JSON.stringify((await doc.send(new ScanCommand({ TableName: tableName }))).Items);
      expect(all).not.toContain(res.body.oneTimePassword);

      const short = await issue(officer.headers, seller.sellerId, 'ok');
      expect([short.status, short.body.error.code]).toEqual([400, 'request.invalid']);
      const missing = await issue(officer.headers, 'sl-no-such-seller');
      expect([missing.status, missing.body.error.code]).toEqual([404, 'seller.notFound']);
    },
    SLOW,
  );

  it(
    'signs in once, ends the other sessions, and allows only the password change until a new one is set',
    async () => {
      const seller = await sellerSession();
      const officer = await officerSession();
      const otp = (await issue(officer.headers, seller.sellerId)).body.oneTimePassword as string;

      const [a, b, c] = await Promise.all([
        signIn(seller.email, otp),
        signIn(seller.email, otp),
        signIn(seller.email, otp),
      ]);
      const ok = [a, b, c].filter((r) => r?.status === 200);
      expect(ok).toHaveLength(1);
      for (const r of [a, b, c].filter((r) => r?.status !== 200))
        expect(r?.body.error.code).toBe('auth.invalidCredentials');
      const session = ok[0];
      expect(session?.body.account.mustChangePassword).toBe(true);
      // Used once: it signs in no more, even before the new password is set.
      expect((await signIn(seller.email, otp)).status).toBe(401);
      // The old session ended (the sign-in throttle allows 5 tries per login: no more here).
      expect((await call('GET /api/me', { headers: seller.headers })).status).toBe(401);

      const headers = { authorization: `Bearer ${session?.body.token}` };
      const blocked = await call('GET /api/seller/api-keys', { headers });
      expect([blocked.status, blocked.body.error.code]).toEqual([
        403,
        'auth.passwordChangeRequired',
      ]);
      const changed = await call('POST /api/me/password', {
        headers,
        body: { currentPassword: otp, newPassword: 'Mật-khẩu-của-tôi-2027' },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(204);
      expect((await signIn(seller.email, 'Mật-khẩu-của-tôi-2027')).status).toBe(200);
      const used = await listAudit({
        action: 'account.oneTimePasswordUsed',
        accountId: seller.accountId,
        limit: 10,
      });
      expect(used.items).toHaveLength(1);
    },
    SLOW,
  );

  it('does not work after it expired, and a new issue replaces the previous one', async () => {
    const seller = await sellerSession();
    const officer = await officerSession();
    const first = (await issue(officer.headers, seller.sellerId)).body.oneTimePassword as string;
    const second = (await issue(officer.headers, seller.sellerId)).body.oneTimePassword as string;
    expect((await signIn(seller.email, first)).status).toBe(401);
    await expire({ pk: `ONETIMEPW#${seller.accountId}`, sk: 'ONETIMEPW' });
    expect((await signIn(seller.email, second)).status).toBe(401);
    // The own password still works: an unused one-time password changes nothing.
    expect((await signIn(seller.email, seller.password)).status).toBe(200);
  });
});

describe('seller notifications from the table stream', () => {
  const modify = (eventID: string, before: object, after: object) => ({
    eventID,
    eventName: 'MODIFY' as const,
    dynamodb: {
      SequenceNumber: eventID,
      // biome-ignore lint/suspicious/noExplicitAny: the Lambda event's own AttributeValue type
      OldImage: marshall(before, { removeUndefinedValues: true }) as any,
      // biome-ignore lint/suspicious/noExplicitAny: the Lambda event's own AttributeValue type
      NewImage: marshall(after, { removeUndefinedValues: true }) as any,
    },
  });

  it('mails the seller a rejection with the reason once, even when the batch is delivered twice', async () => {
    const seller = await sellerSession({ status: 'pending' });
    const base = { ...testSeller({ id: seller.sellerId, status: 'pending' }), entity: 'seller' };
    const rejected = {
      ...base,
      status: 'rejected',
      lastStatusAction: 'reject',
      statusReason: 'Mã số thuế không khớp giấy phép',
      version: 2,
    };
    const event = { Records: [modify(`n-${Date.now()}`, base, rejected)] } as DynamoDBStreamEvent;
    expect(await onTableChange(event)).toEqual({ batchItemFailures: [] });
    expect(await onTableChange(event)).toEqual({ batchItemFailures: [] });
    const mails = mailTo(seller.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.kind).toBe('sellerRejected');
    expect(mails[0]?.text).toContain('Lý do: Mã số thuế không khớp giấy phép');
  });

  it('never fails the batch when the mail cannot be sent', async () => {
    const seller = await sellerSession({ status: 'pending' });
    const base = { ...testSeller({ id: seller.sellerId, status: 'pending' }), entity: 'seller' };
    failMailForTests('SES down');
    const event = {
      Records: [
        modify(`f-${Date.now()}`, base, {
          ...base,
          status: 'approved',
          lastStatusAction: 'approve',
          version: 2,
        }),
      ],
    } as DynamoDBStreamEvent;
    expect(await onTableChange(event)).toEqual({ batchItemFailures: [] });
    expect(mailTo(seller.email)).toHaveLength(0);
  });

  it('mails the seller a placed order and its payment, each once, from the real order items', async () => {
    const seller = await sellerSession();
    await setDeliveryOptions(seller.sellerId, {
      pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
      shipping: { enabled: true, fee: 30_000 },
      cod: true,
    });
    const sample = JSON.parse(apiEvent('orders/place-order').body ?? '{}');
    const product = await call('POST /api/seller/products', {
      headers: seller.headers,
      body: {
        ...JSON.parse(apiEvent('catalog/create-product').body ?? '{}'),
        images: [],
        priceTiers: [],
      },
    });
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    const placed = await call('POST /api/orders', {
      headers: { 'idempotency-key': `notify-${Date.now()}` },
      body: {
        ...sample,
        buyer: { name: 'Người mua thử', phone: `09${String(Date.now()).slice(-8)}` },
        payment: 'vietqr',
        lines: [{ productId: product.body.product.id, quantity: 1 }],
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const code = placed.body.orders[0].code as string;
    const { doc, tableName } = db();
    const read = async () =>
      (
        await doc.send(
          new GetCommand({ TableName: tableName, Key: { pk: `ORDER#${code}`, sk: 'ORDER' } }),
        )
      ).Item as Record<string, unknown>;
    const unpaid = await read();
    const inserted = {
      eventID: `ins-${code}`,
      eventName: 'INSERT' as const,
      dynamodb: {
        SequenceNumber: `ins-${code}`,
        // biome-ignore lint/suspicious/noExplicitAny: the Lambda event's own AttributeValue type
        NewImage: marshall(unpaid, { removeUndefinedValues: true }) as any,
      },
    };
    await onTableChange({ Records: [inserted] } as DynamoDBStreamEvent);
    await onTableChange({ Records: [inserted] } as DynamoDBStreamEvent);
    expect(mailTo(seller.email).map((m) => m.kind)).toEqual(['orderPlaced']);
    expect(mailTo(seller.email)[0]?.subject).toContain(code);

    await recordPayment(code, Number(unpaid.total), { now: new Date(), piiDays: 180 });
    const paid = await read();
    expect(paid.paymentStatus).toBe('paid');
    const event = { Records: [modify(`pay-${code}`, unpaid, paid)] } as DynamoDBStreamEvent;
    await onTableChange(event);
    await onTableChange(event);
    expect(mailTo(seller.email).map((m) => m.kind)).toEqual(['orderPlaced', 'orderPaid']);
    expect(mailTo(seller.email)[1]?.text).toContain(formatVnd(Number(unpaid.total)));
  });

  it("finds a seller's accounts, also those made before the lookup items existed", async () => {
    const seller = await sellerSession();
    expect((await sellerAccounts(seller.sellerId)).map((a) => a.id)).toEqual([seller.accountId]);
    const { doc, tableName } = db();
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await doc.send(
      new DeleteCommand({
        TableName: tableName,
        Key: { pk: `SELLER#${seller.sellerId}`, sk: `ACCOUNT#${seller.accountId}` },
      }),
    );
    expect((await sellerAccounts(seller.sellerId)).map((a) => a.id)).toEqual([seller.accountId]);
  });
});
