/**
 * The `dynamodb:LeadingKeys` allow-lists of infra/key-access.ts are complete: every partition key
 * a function sends while doing its job is on its list.
 *
 * DynamoDB Local does not enforce IAM, so this test is the proof the stack's conditions rely on.
 * Each function runs as on Lambda: its generated entry (infra/bundle-entries.ts) loaded in a
 * module graph of its own (vi.resetModules), so caches of one function (the storefront catalog,
 * sessions, the signing key) never save another a read, with its own DynamoDB client carrying a
 * middleware that records the partition key of every item and query it sends (test/integration/
 * http/key-use.ts). The drive: every deployed route called as each kind of caller (anonymous,
 * two sellers, an API key, an officer, an admin) with fresh resources, then the flows whose
 * branches the sweep does not reach (sign-up to approval, suspension, one-time password, password
 * reset, bank change, paid orders through the webhook, manual payment, the order page, service
 * availability, stats), then the stream consumer over everything written (the real Streams API)
 * and each scheduled job. Every route must answer 2xx at least once, so no route is recorded
 * only on its refusal paths.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sealConnectionSecret } from '../../../functions/payments/connection-secrets';
import { newConnectionId } from '../../../functions/payments/create-connection';
import {
  type FunctionEntry,
  prepareFunctionEntries,
  repoRoot,
} from '../../../infra/bundle-entries';
import { DESCRIBE_TABLE, KEY_ACCESS, leadingKeyAllowed } from '../../../infra/key-access';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { StreamPoller } from '../../../infra/local/stream-poller';
import { awsRoutes, type RouteDefinition, routeKeyOf } from '../../../infra/routes';
import { resetTokenHash } from '../../../shared/accounts/recovery';
import { putConnectionIfAbsent } from '../../../shared/db/payments';
import { insertPasswordReset } from '../../../shared/db/recovery';
import { buildDelivery } from '../../../shared/payments/simulate';
import { apiEvent, type EventOverrides } from '../../helpers/api-event';
import {
  adminSession,
  anotherSessionFor,
  officerSession,
  sellerApiKey,
  sellerSession,
  type TestCredentials,
  testTaxCode,
} from '../../helpers/auth';
import { sampleName } from '../../helpers/call';
import { type KeyUse, recordKeyUses } from './key-use';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
interface LoadedFunction {
  handler: Handler;
  uses: KeyUse[];
  /** The function's own shared/db/client module (the recorded client). */
  client: typeof import('../../../shared/db/client');
}

const entries = prepareFunctionEntries();
const loaded = new Map<string, LoadedFunction>();

/** The function's entry in a fresh module graph, with a recording DynamoDB client of its own. */
async function fn(name: string, store = loaded): Promise<LoadedFunction> {
  const existing = store.get(name);
  if (existing) return existing;
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no function ${name}`);
  vi.resetModules();
  const client = (await import(
    '../../../shared/db/client'
  )) as typeof import('../../../shared/db/client');
  const uses: KeyUse[] = [];
  recordKeyUses(client.db().raw, (use) => uses.push(use));
  const module = (await import(pathToFileURL(entry.entryPath).href)) as { handler: Handler };
  const made = { handler: module.handler, uses, client };
  store.set(name, made);
  return made;
}

const functionOfRoute = (routeKey: string) => {
  const route = awsRoutes.find((r) => routeKeyOf(r) === routeKey);
  if (!route) throw new Error(`no deployed route ${routeKey}`);
  return { route, name: `api-${route.group}` };
};

/** The route's events/ sample; a route without one yet gets the health sample re-aimed at it. */
function sample(route: RouteDefinition, overrides: EventOverrides = {}): APIGatewayProxyEventV2 {
  if (existsSync(join(repoRoot, 'events', `${sampleName(route)}.json`)))
    return apiEvent(sampleName(route), overrides);
  const event = apiEvent('system/get-health', overrides);
  event.routeKey = routeKeyOf(route);
  event.requestContext.routeKey = routeKeyOf(route);
  event.requestContext.http.method = route.method;
  if (!overrides.rawPath) event.rawPath = route.path;
  return event;
}

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
  body: any;
}
const answered = new Map<string, number[]>();
let address = 0;

/** Calls a route through its function's entry, from a fresh client address (no throttles hit). */
async function invoke(routeKey: string, overrides: EventOverrides = {}): Promise<Answer> {
  const { route, name } = functionOfRoute(routeKey);
  const { handler } = await fn(name);
  const base = sample(route);
  const n = ++address;
  const event: APIGatewayProxyEventV2 = sample(route, {
    sourceIp: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    ...overrides,
    ...(overrides.path && route.path.includes('{')
      ? {
          rawPath: Object.entries(overrides.path).reduce(
            (p: string, [k, v]) => p.replace(`{${k}}`, encodeURIComponent(v ?? '')),
            route.path as string,
          ),
        }
      : {}),
  });
  if (overrides.body === undefined && overrides.rawBody === undefined) event.body = base.body;
  const result = (await handler(event, lambdaContext('key-access'))) as {
    statusCode: number;
    body?: string;
    headers?: Record<string, unknown>;
  };
  answered.set(routeKey, [...(answered.get(routeKey) ?? []), result.statusCode]);
  const json = String(result.headers?.['content-type'] ?? '').startsWith('application/json');
  return {
    status: result.statusCode,
    body: json && result.body ? JSON.parse(result.body) : result.body,
  };
}

const ok = (res: Answer, what: string) => {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res;
};

const sampleBody = (name: string) => JSON.parse(apiEvent(name).body ?? '{}');
const uniquePhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
let counter = 0;

let sellerA: TestCredentials & { sellerId: string };
let apiKeyA: Record<string, string>;
const sessionA = async () => (await anotherSessionFor(sellerA.sellerId)).headers;

async function productOfA(over: Record<string, unknown> = {}): Promise<string> {
  const res = ok(
    await invoke('POST /api/seller/products', {
      headers: await sessionA(),
      body: { ...sampleBody('catalog/create-product'), images: [], priceTiers: [], ...over },
    }),
    'create product',
  );
  return res.body.product.id;
}

async function orderOfA(
  payment: 'cod' | 'vietqr' = 'cod',
): Promise<{ code: string; accessToken: string; total: number }> {
  const res = ok(
    await invoke('POST /api/orders', {
      headers: { 'idempotency-key': `keys-${++counter}-${Date.now()}` },
      body: {
        ...sampleBody('orders/place-order'),
        buyer: { name: 'Người mua thử', phone: uniquePhone() },
        payment,
        lines: [{ productId: await productOfA(), quantity: 1 }],
      },
    }),
    'place order',
  );
  return res.body.orders[0];
}

const PAYOS_SAMPLE_SECRET = 'payos-checksum-sample-5f4e3d2c1b0a9f8e7d6c5b4a';

/** A payOS connection of A with the checksum key events/webhooks/receive-delivery.json is signed with. */
async function connectionOfA(): Promise<string> {
  const id = newConnectionId();
  await putConnectionIfAbsent({
    id,
    sellerId: sellerA.sellerId,
    provider: 'payos',
    sealed: await sealConnectionSecret(PAYOS_SAMPLE_SECRET, id, sellerA.sellerId),
    secretLast4: PAYOS_SAMPLE_SECRET.slice(-4),
    createdAt: new Date().toISOString(),
  });
  return id;
}

const RESOURCES: Record<string, () => Promise<string>> = {
  productId: () => productOfA(),
  async keyId() {
    const res = ok(
      await invoke('POST /api/seller/api-keys', { headers: await sessionA(), body: { name: 'A' } }),
      'api key',
    );
    return res.body.keyId;
  },
  async sellerId() {
    return (await sellerSession()).sellerId;
  },
  async code() {
    return (await orderOfA()).code;
  },
  async refundId() {
    const { code, total } = await orderOfA('vietqr');
    ok(
      await invoke('POST /api/seller/orders/{code}/payments', {
        headers: await sessionA(),
        path: { code },
        body: { amount: total, bankReference: `FT${++counter}`, paidAt: new Date().toISOString() },
      }),
      'manual payment',
    );
    ok(
      await invoke('POST /api/seller/orders/{code}/actions', {
        headers: await sessionA(),
        path: { code },
        body: { action: 'cancel', reason: 'Hết hàng' },
      }),
      'cancel paid order',
    );
    return `RF-${code}`;
  },
  async provider() {
    return 'payos';
  },
  connectionId: () => connectionOfA(),
  async transferId() {
    // Money that named no order, through the real webhook of a connection of A.
    const connection = { id: await connectionOfA(), secret: PAYOS_SAMPLE_SECRET };
    const { rawBody, headers } = buildDelivery('payos', connection, {
      transactionId: `keys-${++counter}-${Date.now()}`,
      amount: 50_000,
      content: 'chuyen tien',
      accountNumber: '0123456789',
      at: new Date(),
    });
    ok(
      await invoke('POST /api/webhooks/{provider}/{connectionId}', {
        path: { provider: 'payos', connectionId: connection.id },
        rawBody,
        headers,
      }),
      'unmatched delivery',
    );
    const list = ok(
      await invoke('GET /api/seller/transfers', { headers: await sessionA(), query: {} }),
      'transfers',
    );
    const [transfer] = list.body.items;
    if (!transfer) throw new Error(`no unmatched transfer in ${JSON.stringify(list.body)}`);
    return transfer.id;
  },
  async accountId() {
    return (await officerSession()).accountId;
  },
};

type Caller = { headers: Record<string, string>; creds?: TestCredentials };
const BODIES: Record<string, (caller: Caller) => Promise<unknown>> = {
  async 'POST /api/sellers'() {
    return {
      ...sampleBody('accounts/register-seller'),
      email: `keys-${++counter}-${Date.now()}@example.vn`,
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
  async 'POST /api/seller/imports'() {
    const sample = sampleBody('catalog/import-products');
    const csv = Buffer.from(sample.contentBase64, 'base64')
      .toString('utf8')
      .replace('Mật ong U Minh Hạ', `Mật ong U Minh Hạ ${++counter}`);
    return { ...sample, contentBase64: Buffer.from(csv, 'utf8').toString('base64') };
  },
  async 'POST /api/orders'() {
    return {
      ...sampleBody('orders/place-order'),
      lines: [{ productId: await productOfA(), quantity: 1 }],
    };
  },
  async 'POST /api/seller/transfers/{transferId}/actions'() {
    return { action: 'notSale' };
  },
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

const PERSONAS = ['anonymous', 'sellerA', 'sellerB', 'apiKeyA', 'officer', 'admin'] as const;
async function callerOf(persona: (typeof PERSONAS)[number]): Promise<Caller> {
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

beforeAll(async () => {
  sellerA = await sellerSession();
  ok(
    await invoke('PUT /api/seller/delivery-options', {
      headers: await sessionA(),
      body: {
        pickup: { enabled: true, address: 'Ấp Rạch Gốc' },
        shipping: { enabled: true, fee: 30_000 },
        cod: true,
      },
    }),
    'delivery options',
  );
  apiKeyA = await sellerApiKey(sellerA.sellerId);
});

describe('every function, driven through its routes, flows, the stream and the jobs', () => {
  it('sweeps every deployed route as every caller', { timeout: 600_000 }, async () => {
    for (const route of awsRoutes) {
      const routeKey = routeKeyOf(route);
      for (const persona of PERSONAS) {
        const caller = await callerOf(persona);
        const params = [...routeKey.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
        const path: Record<string, string> = {};
        for (const p of params) {
          const make = RESOURCES[p];
          if (!make) throw new Error(`no RESOURCES entry for path parameter ${p}`);
          path[p] = await make();
        }
        const build = BODIES[routeKey];
        await invoke(routeKey, {
          headers: caller.headers,
          ...(params.length ? { path } : {}),
          ...(build ? { body: await build(caller) } : {}),
        });
      }
    }
  });

  it('runs the flows the sweep does not reach', { timeout: 300_000 }, async () => {
    const officer = (await officerSession()).headers;
    const admin = (await adminSession()).headers;

    // Sign-up → the officer's queue → approval (relists products), rejection, suspension and back.
    const email = `flow-${Date.now()}@example.vn`;
    const password = 'Mật-khẩu-dài-2027!';
    ok(
      await invoke('POST /api/sellers', {
        body: {
          ...sampleBody('accounts/register-seller'),
          email,
          phone: uniquePhone(),
          taxCode: testTaxCode(),
          password,
        },
      }),
      'sign-up',
    );
    const signIn = ok(
      await invoke('POST /api/auth/sign-in', { body: { login: email, password } }),
      'sign-in',
    );
    const pending = { authorization: `Bearer ${signIn.body.token}` };
    const me = ok(await invoke('GET /api/me', { headers: pending }), 'me');
    const newSellerId: string = me.body.seller.id;
    ok(
      await invoke('POST /api/seller/products', {
        headers: pending,
        body: { ...sampleBody('catalog/create-product'), images: [], status: 'active' },
      }),
      'pending seller product',
    );
    await invoke('POST /api/auth/sign-in', { body: { login: email, password: 'wrong-password' } });
    await invoke('POST /api/auth/sign-in', {
      body: { login: `unknown-${Date.now()}@example.vn`, password },
    });
    const queue = ok(
      await invoke('GET /api/officer/sellers', { headers: officer, query: { status: 'pending' } }),
      'pending queue',
    );
    expect(JSON.stringify(queue.body)).toContain(newSellerId);
    for (const status of ['approved', 'suspended', 'rejected']) {
      ok(await invoke('GET /api/officer/sellers', { headers: officer, query: { status } }), status);
    }
    // A key of its own, so that the suspension below revokes one.
    ok(
      await invoke('POST /api/seller/api-keys', { headers: pending, body: { name: 'Kho' } }),
      'pending seller key',
    );
    let version: number = me.body.seller.version;
    for (const action of ['approve', 'suspend', 'reinstate'] as const) {
      const res = ok(
        await invoke('POST /api/officer/sellers/{sellerId}/status', {
          headers: officer,
          path: { sellerId: newSellerId },
          body: { action, version, ...(action === 'approve' ? {} : { reason: 'Kiểm tra hồ sơ' }) },
        }),
        `seller ${action}`,
      );
      version = res.body.seller?.version ?? res.body.version ?? version + 1;
    }
    const rejected = await sellerSession({ status: 'pending' });
    ok(
      await invoke('POST /api/officer/sellers/{sellerId}/status', {
        headers: officer,
        path: { sellerId: rejected.sellerId },
        body: { action: 'reject', reason: 'Sai mã số thuế', version: 1 },
      }),
      'reject',
    );

    // Bank change: the seller asks with the password, the officer approves what they saw.
    const approved = await sellerSession();
    const profile = ok(await invoke('GET /api/me', { headers: approved.headers }), 'me');
    ok(
      await invoke('PUT /api/seller/profile', {
        headers: approved.headers,
        body: {
          version: profile.body.seller.version,
          bank: {
            bin: profile.body.seller.bank.bin,
            accountNumber: '9876543210',
            holderName: profile.body.seller.bank.holderName,
          },
          currentPassword: approved.password,
        },
      }),
      'bank change request',
    );
    const changes = ok(
      await invoke('GET /api/officer/bank-changes', { headers: officer }),
      'bank changes',
    );
    const change = changes.body.items.find((c: { id: string }) => c.id === approved.sellerId);
    ok(
      await invoke('POST /api/officer/sellers/{sellerId}/bank-change', {
        headers: officer,
        path: { sellerId: approved.sellerId },
        body: { decision: 'approve', requestedAt: change.pendingBank.requestedAt },
      }),
      'bank change approved',
    );

    // One-time password: issued by an officer, signs in once, must be changed.
    const forgetful = await sellerSession();
    const otp = ok(
      await invoke('POST /api/officer/sellers/{sellerId}/one-time-password', {
        headers: officer,
        path: { sellerId: forgetful.sellerId },
        body: sampleBody('officer/one-time-password'),
      }),
      'one-time password',
    );
    const otpSignIn = ok(
      await invoke('POST /api/auth/sign-in', {
        body: { login: forgetful.email, password: otp.body.oneTimePassword },
      }),
      'one-time sign-in',
    );
    ok(
      await invoke('POST /api/me/password', {
        headers: { authorization: `Bearer ${otpSignIn.body.token}` },
        body: { currentPassword: otp.body.oneTimePassword, newPassword: 'Khô-cá-lóc-Cà-Mau-2027' },
      }),
      'password from one-time',
    );

    // Password reset for a real account (a link by mail).
    ok(
      await invoke('POST /api/auth/password-reset/request', { body: { login: forgetful.email } }),
      'reset request',
    );

    // Admin: accounts by role, disable and enable, the audit trail by account, seller and action.
    const someOfficer = await officerSession();
    for (const role of ['seller', 'officer', 'admin']) {
      ok(await invoke('GET /api/admin/accounts', { headers: admin, query: { role } }), role);
    }
    let accountVersion = 1;
    for (const action of ['disable', 'enable']) {
      const res = ok(
        await invoke('POST /api/admin/accounts/{accountId}/status', {
          headers: admin,
          path: { accountId: someOfficer.accountId },
          body: { action, reason: 'Nghỉ việc', version: accountVersion },
        }),
        `account ${action}`,
      );
      accountVersion = res.body.account?.version ?? accountVersion + 1;
    }
    for (const query of [
      {},
      { account: forgetful.accountId },
      { seller: newSellerId },
      { action: 'auth.signIn' },
    ]) {
      ok(await invoke('GET /api/admin/audit', { headers: admin, query }), 'audit');
    }

    // Orders: VietQR paid through the webhook, the order page with its token, the seller's steps.
    const payosSecret = `test-payos-${randomBytes(16).toString('hex')}`;
    const connection = ok(
      await invoke('POST /api/seller/payment-connections', {
        headers: await sessionA(),
        body: { provider: 'payos', secret: payosSecret },
      }),
      'connection',
    );
    const paid = await orderOfA('vietqr');
    ok(
      await invoke('GET /api/orders/{code}', {
        path: { code: paid.code },
        query: { t: paid.accessToken },
      }),
      'order page',
    );
    const order = ok(
      await invoke('GET /api/seller/orders/{code}', {
        headers: await sessionA(),
        path: { code: paid.code },
      }),
      'seller order',
    );
    void order;
    const meA = ok(await invoke('GET /api/me', { headers: await sessionA() }), 'me A');
    const account: string = meA.body.seller.bank.accountNumber;
    expect(account).toBeTruthy();
    const delivery = buildDelivery(
      'payos',
      { secret: payosSecret },
      {
        transactionId: `keys-paid-${Date.now()}`,
        amount: paid.total,
        content: `MBVCB.3278907687.${paid.code}.CT tu 0912345678 NGUYEN VAN A`,
        accountNumber: account,
        at: new Date(),
      },
    );
    ok(
      await invoke('POST /api/webhooks/{provider}/{connectionId}', {
        path: { provider: 'payos', connectionId: connection.body.id },
        rawBody: delivery.rawBody,
        headers: delivery.headers,
      }),
      'paying delivery',
    );
    for (const action of ['confirm', 'ship', 'complete']) {
      await invoke('POST /api/seller/orders/{code}/actions', {
        headers: await sessionA(),
        path: { code: paid.code },
        body: { action },
      });
    }
    const booked = await productOfA({
      ...sampleBody('catalog/create-product'),
      category: 'tour',
      unit: 'người',
      stock: undefined,
      capacityPerDate: 10,
      status: 'active',
      images: [],
      priceTiers: [],
    });
    // A booked service: capacity taken by the order, given back when the seller cancels it; a
    // second one left unpaid for the expiry job.
    const date = new Date(Date.now() + 7 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    const serviceOrder = async (payment: 'cod' | 'vietqr') =>
      ok(
        await invoke('POST /api/orders', {
          headers: { 'idempotency-key': `keys-service-${++counter}-${Date.now()}` },
          body: {
            ...sampleBody('orders/place-order'),
            buyer: { name: 'Khách du lịch', phone: uniquePhone() },
            payment,
            lines: [{ productId: booked, quantity: 2, date }],
          },
        }),
        `service order ${payment}`,
      ).body.orders[0] as { code: string };
    const tour = await serviceOrder('cod');
    ok(
      await invoke('POST /api/seller/orders/{code}/actions', {
        headers: await sessionA(),
        path: { code: tour.code },
        body: { action: 'cancel', reason: 'Thời tiết xấu' },
      }),
      'cancel service order',
    );
    await serviceOrder('vietqr');
    // An unpaid VietQR order cancelled by the seller (the buyer's hold goes with it).
    const unpaid = await orderOfA('vietqr');
    ok(
      await invoke('POST /api/seller/orders/{code}/actions', {
        headers: await sessionA(),
        path: { code: unpaid.code },
        body: { action: 'cancel', reason: 'Hết hàng' },
      }),
      'cancel unpaid order',
    );
    ok(
      await invoke('GET /api/products/{productId}/availability', {
        path: { productId: booked },
        query: { from: new Date().toISOString().slice(0, 10), days: '7' },
      }),
      'availability',
    );
    ok(
      await invoke('GET /api/seller/orders/{code}', {
        headers: apiKeyA,
        path: { code: paid.code },
      }),
      'order by key',
    );
  });

  it('runs the stream consumer over everything written, on the real Streams API', {
    timeout: 300_000,
  }, async () => {
    const { handler } = await fn('stream-tableStream');
    const poller = new StreamPoller({
      endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
      region: 'ap-southeast-1',
      tableName: process.env.TABLE_NAME ?? '',
      handler: handler as (event: DynamoDBStreamEvent, context: Context) => Promise<undefined>,
      context: () => lambdaContext('stream'),
      batchSize: 100,
      retryAttempts: 5,
      pollIntervalMs: 50,
    });
    poller.start();
    await poller.idle();
    await poller.idle();
    await poller.stop();
    expect(poller.delivered).toBeGreaterThan(100);
  });

  it('runs every job, with times that make them act', { timeout: 120_000 }, async () => {
    await orderOfA('vietqr');
    const day = 86_400_000;
    for (const [name, offset] of [
      ['job-heartbeat', 0],
      ['job-expireOrders', day],
      ['job-purgeBuyerData', 800 * day],
    ] as const) {
      const { handler } = await fn(name);
      await handler({ time: new Date(Date.now() + offset).toISOString() }, lambdaContext(name));
    }
  });
});

describe('the allow-lists', () => {
  afterAll(() => {
    // The recorded partitions, by function (for whoever updates infra/key-access.ts).
    if (process.env.KEY_ACCESS_REPORT) {
      const report: Record<string, string[]> = {};
      for (const [name, { uses }] of loaded) {
        report[name] = [
          ...new Set(
            uses.map((u) => `${u.index ?? 'table'} ${u.operation} ${u.key ?? '(no key)'}`),
          ),
        ].sort();
      }
      console.log(JSON.stringify(report, null, 1));
    }
  });

  it('every deployed route answered 2xx at least once', () => {
    const never = awsRoutes
      .map(routeKeyOf)
      .filter((key) => !(answered.get(key) ?? []).some((s) => s < 300));
    expect(never.map((key) => `${key} ${JSON.stringify(answered.get(key))}`)).toEqual([]);
  });

  it('every function of the stack ran and sent keys', () => {
    const ran = (entry: FunctionEntry) => (loaded.get(entry.name)?.uses.length ?? 0) > 0;
    expect(
      entries.filter((e) => Object.keys(e.tables).length && !ran(e)).map((e) => e.name),
    ).toEqual([]);
  });

  it('every recorded partition key is on its function’s list', () => {
    expect(outsideKeys(loaded)).toEqual([]);
    expect(Object.keys(KEY_ACCESS).sort()).toEqual(entries.map((e) => e.name).sort());
  });

  it('catches a key outside the list (a real request of a real function’s client)', async () => {
    const store = new Map<string, LoadedFunction>();
    const catalog = await fn('api-catalog', store);
    const { doc, tableName } = catalog.client.db();
    await doc.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'ACCOUNT#x', sk: 'ACCOUNT' } }),
    );
    await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': 'gsi2pk' },
        ExpressionAttributeValues: { ':p': 'ACCOUNTS#admin' },
      }),
    );
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: { pk: 'PRODUCT#y', sk: 'PRODUCT' },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: tableName, Item: { pk: 'SESSION#z', sk: 'SESSION' } } },
        ],
      }),
    );
    await catalog.client.db().raw.send(new DescribeTableCommand({ TableName: tableName }));
    expect(outsideKeys(store)).toEqual([
      'api-catalog: DescribeTable (no key)',
      'api-catalog: GetItem ACCOUNT#x',
      'api-catalog: Query on gsi2 ACCOUNTS#admin',
      'api-catalog: TransactWriteItems.Put SESSION#z',
    ]);
    // The allowed element of the transaction (PRODUCT#y) is not reported; api-system may describe.
    expect(DESCRIBE_TABLE).toEqual(['api-system']);
  });
});

/** The recorded uses outside each function's list, one line each, sorted. */
function outsideKeys(store: Map<string, LoadedFunction>): string[] {
  const outside = new Set<string>();
  for (const [name, { uses }] of store) {
    for (const use of uses) {
      const fine =
        use.key === undefined
          ? use.operation === 'DescribeTable' && DESCRIBE_TABLE.includes(name)
          : leadingKeyAllowed(name, use.key);
      if (!fine)
        outside.add(
          `${name}: ${use.operation}${use.index ? ` on ${use.index}` : ''} ${use.key ?? '(no key)'}`,
        );
    }
  }
  return [...outside].sort();
}
