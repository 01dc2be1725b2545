import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealConnectionSecret } from '../../../functions/payments/connection-secrets';
import { newConnectionId } from '../../../functions/payments/create-connection';
import { routes } from '../../../infra/routes';
import { resetTokenHash } from '../../../shared/accounts/recovery';
import { recordPayment, setDeliveryOptions } from '../../../shared/db/orders';
import {
  newTransferRecord,
  putConnectionIfAbsent,
  recordTransferOnly,
} from '../../../shared/db/payments';
import { insertPasswordReset } from '../../../shared/db/recovery';
import { apiEvent } from '../../helpers/api-event';
import {
  adminSession,
  anotherSessionFor,
  officerSession,
  sellerApiKey,
  sellerSession,
  type TestCredentials,
  testTaxCode,
} from '../../helpers/auth';
import { call } from '../../helpers/call';

/**
 * Who may call what: an EXACT expected status for every route × caller, written by hand here and
 * deliberately NOT derived from infra/routes.ts (the pipeline reads that file; a wrong role there
 * must show up as a failure here).
 *
 * HOW TO ADD A ROUTE: add one row to MATRIX below, `'METHOD /api/path': [anonymous, sellerA,
 * sellerB, apiKeyA, officer, admin]`, each the status that caller gets when calling the route with
 * its events/ sample (or the body BODIES builds for it). A manifest route without a row, or a row
 * without a route, fails the first test. Path parameters named in RESOURCES point at a fresh
 * resource of seller A per call; sellerB calling A's resources must get 404 (not 403, which would
 * confirm the resource exists). If the sample's body would make the status depend on earlier calls
 * (unique emails, versions, passwords), add a builder to BODIES.
 *
 * 401 and 403 are checked with their codes (auth.required / auth.forbidden).
 */
type Persona = 'anonymous' | 'sellerA' | 'sellerB' | 'apiKeyA' | 'officer' | 'admin';
const PERSONAS = ['anonymous', 'sellerA', 'sellerB', 'apiKeyA', 'officer', 'admin'] as const;
type Row = readonly [number, number, number, number, number, number];

// biome-ignore format: a hand-aligned table reads better
const MATRIX: Record<string, Row> = {
  //                                              anon  sellA sellB keyA  offic admin
  'GET /api/health':                              [200,  200,  200,  200,  200,  200],
  'GET /api/openapi.json':                        [200,  200,  200,  200,  200,  200],
  'GET /api/meta/reference-data':                 [200,  200,  200,  200,  200,  200],
  'POST /api/sellers':                            [202,  202,  202,  202,  202,  202],
  'POST /api/auth/sign-in':                       [200,  200,  200,  200,  200,  200],
  'POST /api/auth/sign-out':                      [401,  204,  204,  403,  204,  204],
  'GET /api/me':                                  [401,  200,  200,  200,  200,  200],
  'POST /api/me/password':                        [401,  204,  204,  403,  204,  204],
  'PUT /api/seller/profile':                      [401,  200,  200,  403,  403,  403],
  'GET /api/seller/api-keys':                     [401,  200,  200,  403,  403,  403],
  'POST /api/seller/api-keys':                    [401,  201,  201,  403,  403,  403],
  'DELETE /api/seller/api-keys/{keyId}':          [401,  204,  404,  403,  403,  403],
  'GET /api/officer/sellers':                     [401,  403,  403,  403,  200,  200],
  'POST /api/officer/sellers/{sellerId}/status':  [401,  403,  403,  403,  200,  200],
  // The same 202 for anyone and any login (a fresh login per call: 3 per login per hour).
  'POST /api/auth/password-reset/request':        [202,  202,  202,  202,  202,  202],
  // A fresh valid link per call (whoever calls, the token is the credential).
  'POST /api/auth/password-reset/confirm':        [204,  204,  204,  204,  204,  204],
  'POST /api/officer/sellers/{sellerId}/one-time-password': [401, 403, 403, 403, 201, 201],
  'POST /api/admin/officers':                     [401,  403,  403,  403,  403,  201],
  // A fresh approved seller has no bank change waiting: officers pass the gate and get 409.
  'GET /api/officer/bank-changes':                [401,  403,  403,  403,  200,  200],
  'POST /api/officer/sellers/{sellerId}/bank-change':[401, 403,  403,  403,  409,  409],
  'GET /api/officer/health':                      [401,  403,  403,  403,  200,  200],
  'GET /api/stats/indicators':                    [401,  403,  403,  403,  200,  200],
  'GET /api/stats/export':                        [401,  403,  403,  403,  200,  200],
  'GET /api/officer/inputs':                      [401,  403,  403,  403,  200,  200],
  'POST /api/officer/inputs':                     [401,  403,  403,  403,  201,  201],
  'POST /api/officer/inputs/tmbl-csv':            [401,  403,  403,  403,  201,  201],
  'GET /api/open-data/sales':                     [200,  200,  200,  200,  200,  200],
  'GET /api/open-data/datapackage.json':          [200,  200,  200,  200,  200,  200],
  'GET /api/admin/accounts':                      [401,  403,  403,  403,  403,  200],
  'POST /api/admin/accounts/{accountId}/status':  [401,  403,  403,  403,  403,  200],
  'GET /api/admin/audit':                         [401,  403,  403,  403,  403,  200],
  'GET /api/products':                            [200,  200,  200,  200,  200,  200],
  'GET /api/products/{productId}':                [200,  200,  200,  200,  200,  200],
  // HTML pages, the same for everyone (no cookie reaches them behind CloudFront).
  'GET /api/pages/storefront':                    [200,  200,  200,  200,  200,  200],
  'GET /api/pages/product':                       [200,  200,  200,  200,  200,  200],
  'GET /api/seller/products':                     [401,  200,  200,  200,  403,  403],
  'POST /api/seller/products':                    [401,  201,  201,  201,  403,  403],
  'GET /api/seller/products/{productId}':         [401,  200,  404,  200,  403,  403],
  'PUT /api/seller/products/{productId}':         [401,  200,  404,  200,  403,  403],
  'POST /api/seller/products/{productId}/archive':[401,  200,  404,  200,  403,  403],
  'POST /api/seller/imports':                     [401,  201,  201,  201,  403,  403],
  'GET /api/seller/imports/template':             [200,  200,  200,  200,  200,  200],
  'POST /api/seller/uploads':                     [401,  201,  201,  201,  403,  403],
  // Orders. The buyer has no account: anyone may check out (one body and key for every caller, so
  // later callers get the first answer); the sample's token is not the order's, so the order page
  // is 404 for everyone; A's sample product is goods, not booked by date: 400 for everyone.
  'POST /api/orders':                             [201,  201,  201,  201,  201,  201],
  'POST /api/orders/quote':                       [200,  200,  200,  200,  200,  200],
  'GET /api/orders/{code}':                       [404,  404,  404,  404,  404,  404],
  'GET /api/products/{productId}/availability':   [400,  400,  400,  400,  400,  400],
  'GET /api/seller/orders':                       [401,  200,  200,  200,  403,  403],
  'GET /api/seller/orders/{code}':                [401,  200,  404,  200,  403,  403],
  'POST /api/seller/orders/{code}/actions':       [401,  200,  404,  200,  403,  403],
  'GET /api/seller/refunds':                      [401,  200,  200,  200,  403,  403],
  'POST /api/seller/refunds/{refundId}/close':    [401,  200,  404,  200,  403,  403],
  'GET /api/seller/delivery-options':             [401,  200,  200,  200,  403,  403],
  'PUT /api/seller/delivery-options':             [401,  200,  200,  200,  403,  403],
  'POST /api/seller/counter-sales':               [401,  201,  201,  201,  403,  403],
  'GET /api/seller/counter-sales':                [401,  200,  200,  200,  403,  403],
  'GET /api/seller/static-qr':                    [401,  200,  200,  200,  403,  403],
  // Payments. Connections are managed with a session only; the webhook is public (its signature is
  // the credential: the sample is signed for the connection RESOURCES makes and names no order of
  // A, so each delivery is recorded unmatched and answered 200). A's sample order is cash on delivery:
  // confirming a transfer for it passes the gate and is refused with 409 transfer.notMatchable.
  'GET /api/seller/payment-connections':          [401,  200,  200,  403,  403,  403],
  'POST /api/seller/payment-connections':         [401,  201,  201,  403,  403,  403],
  'DELETE /api/seller/payment-connections/{connectionId}':[401, 200, 404, 403, 403, 403],
  'POST /api/webhooks/{provider}/{connectionId}': [200,  200,  200,  200,  200,  200],
  'POST /api/seller/orders/{code}/payments':      [401,  409,  404,  409,  403,  403],
  'GET /api/seller/transfers':                    [401,  200,  200,  200,  200,  200],
  'POST /api/seller/transfers/{transferId}/actions':[401, 200, 404,  200,  200,  200],
  // Local host only (never deployed): the sample names no order, so everyone gets 404.
  'POST /api/dev/simulate-transfer':              [404,  404,  404,  404,  404,  404],
};

type Caller = { headers: Record<string, string>; creds?: TestCredentials };

let sellerA: TestCredentials & { sellerId: string };
let apiKeyA: Record<string, string>;
let counter = 0;

/** Fresh credentials per call: some routes end sessions or change passwords. */
async function callerOf(persona: Persona): Promise<Caller> {
  const withCreds = (creds: TestCredentials) => ({ headers: creds.headers, creds });
  switch (persona) {
    case 'anonymous':
      return { headers: {} };
    case 'sellerA':
      return withCreds(await anotherSessionFor(sellerA.sellerId));
    case 'sellerB':
      return withCreds(await sellerSession());
    case 'apiKeyA':
      return { headers: apiKeyA };
    case 'officer':
      return withCreds(await officerSession());
    case 'admin':
      return withCreds(await adminSession());
  }
}

const sampleBody = (name: string) => JSON.parse(apiEvent(name).body ?? '{}');
const uniquePhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** A listed product of seller A with stock, and an order of it placed through the API. */
async function productOfA(): Promise<string> {
  const a = (await anotherSessionFor(sellerA.sellerId)).headers;
  const res = await call('POST /api/seller/products', {
    headers: a,
    body: { ...sampleBody('catalog/create-product'), images: [], priceTiers: [] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.product.id;
}
let checkoutBody: Promise<unknown> | undefined;
async function orderOfA(payment: 'cod' | 'vietqr' = 'cod'): Promise<{ code: string }> {
  const res = await call('POST /api/orders', {
    headers: { 'idempotency-key': `matrix-${++counter}-${Date.now()}` },
    body: {
      ...sampleBody('orders/place-order'),
      buyer: { name: 'Người mua thử', phone: uniquePhone() },
      payment,
      lines: [{ productId: await productOfA(), quantity: 1 }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.orders[0];
}

/** A fresh resource of seller A per call, so no call depends on an earlier one. */
const RESOURCES: Record<string, () => Promise<string>> = {
  async productId() {
    const a = (await anotherSessionFor(sellerA.sellerId)).headers;
    const res = await call('POST /api/seller/products', {
      headers: a,
      body: { ...sampleBody('catalog/create-product'), images: [] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.product.id;
  },
  async keyId() {
    const a = (await anotherSessionFor(sellerA.sellerId)).headers;
    const res = await call('POST /api/seller/api-keys', { headers: a, body: { name: 'A' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.keyId;
  },
  /** Officer routes act on an approved seller of their own (suspending it leaves A alone). */
  async sellerId() {
    return (await sellerSession()).sellerId;
  },
  /** A fresh order of seller A (cash on delivery, so it stays open for every action). */
  async code() {
    return (await orderOfA()).code;
  },
  /** A refund A owes: an order of A paid in full, then cancelled. */
  async refundId() {
    const { code } = await orderOfA('vietqr');
    await recordPayment(code, 1_250_000, { now: new Date(), piiDays: 180 });
    const a = (await anotherSessionFor(sellerA.sellerId)).headers;
    const res = await call('POST /api/seller/orders/{code}/actions', {
      headers: a,
      path: { code },
      body: { action: 'cancel', reason: 'Hết hàng' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return `RF-${code}`;
  },
  /** The webhook sample is payOS's (its signature is in the body: no header, no clock). */
  async provider() {
    return 'payos';
  },
  /** A payOS connection of A with the checksum key the webhook sample was signed with. */
  async connectionId() {
    const id = newConnectionId();
    // events/webhooks/receive-delivery.json is signed with this checksum key.
    const secret = 'payos-checksum-sample-5f4e3d2c1b0a9f8e7d6c5b4a';
    await putConnectionIfAbsent({
      id,
      sellerId: sellerA.sellerId,
      provider: 'payos',
      sealed: await sealConnectionSecret(secret, id, sellerA.sellerId),
      secretLast4: secret.slice(-4),
      createdAt: new Date().toISOString(),
    });
    return id;
  },
  /** An unmatched transfer of A (money that named no order). */
  async transferId() {
    const at = new Date().toISOString();
    const { record } = await recordTransferOnly(
      newTransferRecord(
        {
          provider: 'casso',
          providerTransactionId: `matrix-${++counter}-${Date.now()}`,
          connectionId: 'matrix',
          sellerId: sellerA.sellerId,
          amount: 50_000,
          content: 'chuyen tien',
          receivedAt: at,
        },
        'unmatched',
        { reason: 'noCode' },
      ),
    );
    return record.id;
  },
  /** Admin routes act on a fresh officer account (disabling it leaves the callers alone). */
  async accountId() {
    return (await officerSession()).accountId;
  },
};

/** Bodies whose effect must not depend on earlier calls (unique logins, the caller's password). */
const BODIES: Record<string, (caller: Caller) => Promise<unknown>> = {
  async 'POST /api/sellers'() {
    const n = ++counter;
    return {
      ...sampleBody('accounts/register-seller'),
      email: `matrix-${n}-${Date.now()}@example.vn`,
      phone: uniquePhone(),
      taxCode: testTaxCode(),
    };
  },
  async 'POST /api/auth/sign-in'() {
    const someone = await sellerSession();
    return { login: someone.email, password: someone.password };
  },
  async 'POST /api/auth/password-reset/request'() {
    return { login: `nobody-${++counter}-${Date.now()}@example.vn` };
  },
  async 'POST /api/auth/password-reset/confirm'() {
    const someone = await sellerSession();
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await insertPasswordReset({
      tokenHash: resetTokenHash(token),
      accountId: someone.accountId,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 30 * 60_000).toISOString(),
    });
    return { token, newPassword: 'Tôm-khô-Rạch-Gốc-mới-2027' };
  },
  async 'POST /api/me/password'(caller) {
    return {
      currentPassword: caller.creds?.password ?? 'no-password-known',
      newPassword: 'Cua-gạch-Năm-Căn-2027',
    };
  },
  async 'POST /api/seller/products'() {
    return { ...sampleBody('catalog/create-product'), images: [] };
  },
  /** The sample's CSV with a product name of its own (a seller's names are unique per unit). */
  async 'POST /api/seller/imports'() {
    const sample = sampleBody('catalog/import-products');
    const csv = Buffer.from(sample.contentBase64, 'base64')
      .toString('utf8')
      .replace('Mật ong U Minh Hạ', `Mật ong U Minh Hạ ${++counter}`);
    return { ...sample, contentBase64: Buffer.from(csv, 'utf8').toString('base64') };
  },
  /** One body for every caller (the sample's Idempotency-Key is fixed): the first answer replays. */
  async 'POST /api/orders'() {
    checkoutBody ??= (async () => ({
      ...sampleBody('orders/place-order'),
      lines: [{ productId: await productOfA(), quantity: 1 }],
    }))();
    return checkoutBody;
  },
  /** "Not a sale" needs no order: the action every allowed caller can take on A's transfer. */
  async 'POST /api/seller/transfers/{transferId}/actions'() {
    return { action: 'notSale' };
  },
  /** A first entry of an input of its own (a version 1 per call). */
  async 'POST /api/officer/inputs'() {
    const body = sampleBody('officer/inputs-put');
    return {
      ...body,
      input: { ...body.input, period: `Y${2000 + (++counter % 100)}`, area: 'C31843' },
    };
  },
  async 'POST /api/admin/officers'() {
    return {
      ...sampleBody('admin/create-officer'),
      email: `officer-${++counter}-${Date.now()}@example.vn`,
      phone: uniquePhone(),
    };
  },
};

beforeAll(async () => {
  sellerA = await sellerSession();
  await setDeliveryOptions(sellerA.sellerId, {
    pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
    shipping: { enabled: true, fee: 30_000 },
    cod: true,
  });
  apiKeyA = await sellerApiKey(sellerA.sellerId);
});

describe('access matrix', () => {
  it('has exactly one row per manifest route', () => {
    const manifest = routes.map((r) => `${r.method} ${r.path}`).sort();
    const rows = Object.keys(MATRIX).sort();
    expect(
      manifest.filter((k) => !rows.includes(k)),
      'routes without a row in MATRIX',
    ).toEqual([]);
    expect(
      rows.filter((k) => !manifest.includes(k)),
      'rows for routes not in the manifest',
    ).toEqual([]);
  });

  const cases = Object.entries(MATRIX).flatMap(([routeKey, row]) =>
    PERSONAS.map((persona, i) => [routeKey, persona, row[i] as number] as const),
  );

  it.each(cases)('%s as %s → %i', async (routeKey, persona, expected) => {
    const caller = await callerOf(persona);
    const params = [...routeKey.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const path: Record<string, string> = {};
    for (const p of params) {
      const make = RESOURCES[p];
      if (!make) throw new Error(`no RESOURCES entry for path parameter ${p}`);
      path[p] = await make();
    }
    const build = BODIES[routeKey];
    const res = await call(routeKey, {
      headers: caller.headers,
      ...(params.length ? { path } : {}),
      ...(build ? { body: await build(caller) } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    if (expected === 401) expect(res.body.error.code).toBe('auth.required');
    if (expected === 403) expect(res.body.error.code).toBe('auth.forbidden');
    if (expected === 404) expect(res.body.error.code).toMatch(/\.notFound$/);
    if (expected === 409 && routeKey.endsWith('/bank-change'))
      expect(res.body.error.code).toBe('seller.bankChangeNotFound');
  });
});
