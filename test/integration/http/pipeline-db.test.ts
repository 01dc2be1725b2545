import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { Account } from '../../../shared/accounts/account';
import { emailLogin } from '../../../shared/accounts/account';
import { formatApiKey, hashApiKeySecret } from '../../../shared/accounts/api-key';
import { hashPassword } from '../../../shared/accounts/password';
import type { Role } from '../../../shared/accounts/principal';
import { SESSION_TTL_SECONDS, signSessionToken } from '../../../shared/accounts/session-token';
import {
  deleteSession,
  getApiKey,
  insertAccount,
  insertApiKey,
  insertSession,
  revokeApiKey,
} from '../../../shared/db/accounts';
import type { Seller } from '../../../shared/sellers/seller';
import { testSeller } from '../../helpers/auth';

/**
 * The pipeline's database paths, called directly and cheaply (a few DynamoDB Local reads per
 * case): which stored API key or session authenticate() accepts and which it refuses, with which
 * code, and the whole http-handler pipeline (route lookup, caller, validation, what the handler is
 * given, response headers) around a handler of the test's own.
 *
 * CORS is configured here (an allow-list of one origin) so the response headers show whether the
 * request's Origin was read; the modules are loaded after that, with their own config.
 */
const ALLOWED = 'https://shop.example';
const savedCors = process.env.CORS_ALLOWED_ORIGINS;
process.env.CORS_ALLOWED_ORIGINS = ALLOWED;
const { authenticate } = await import('../../../functions/_http/auth');
const { httpHandler } = await import('../../../functions/_http/http-handler');
const { ok } = await import('../../../functions/_http/respond');
const { logger } = await import('../../../functions/_http/logger');
afterAll(() => {
  if (savedCors === undefined) delete process.env.CORS_ALLOWED_ORIGINS;
  else process.env.CORS_ALLOWED_ORIGINS = savedCors;
});

class AppErrorForTest extends Error {}

const SECRET = () => process.env.SIGNING_SECRET ?? '';
const passwordHash = hashPassword('mật-khẩu-thử-1', Buffer.alloc(16, 2));
const context = { awsRequestId: 'ctx-1', functionName: 'test' } as unknown as Context;

function ev(
  routeKey: string,
  over: {
    headers?: Record<string, string>;
    cookies?: string[];
    body?: string;
    query?: Record<string, string>;
    requestId?: string | null;
  } = {},
): APIGatewayProxyEventV2 {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: over.headers ?? {},
    ...(over.cookies ? { cookies: over.cookies } : {}),
    ...(over.query ? { queryStringParameters: over.query } : {}),
    ...(over.body !== undefined ? { body: over.body } : {}),
    requestContext: {
      ...(over.requestId === null ? {} : { requestId: over.requestId ?? `req-${randomUUID()}` }),
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

async function newAccount(
  role: Role,
  over: Partial<Account> = {},
  seller?: Seller,
): Promise<Account> {
  const id = `ac-${randomUUID()}`;
  const now = new Date().toISOString();
  const account: Account = {
    id,
    email: `${id}@example.vn`,
    role,
    displayName: 'Thử',
    passwordHash,
    status: 'active',
    mustChangePassword: false,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...(seller ? { sellerId: seller.id } : {}),
    ...over,
  };
  await insertAccount(account, [emailLogin(account.email)], seller);
  return account;
}

/** A stored session and a token for it; each part can be made to disagree with the other. */
async function session(
  account: Pick<Account, 'id' | 'role' | 'sellerId'>,
  over: {
    storedAccountId?: string;
    storedExpiresAt?: string;
    tokenAccountId?: string;
    mcp?: boolean;
    store?: boolean;
  } = {},
) {
  const id = randomUUID();
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + SESSION_TTL_SECONDS;
  if (over.store !== false)
    await insertSession({
      id,
      accountId: over.storedAccountId ?? account.id,
      role: account.role,
      createdAt: new Date(iat * 1000).toISOString(),
      expiresAt: over.storedExpiresAt ?? new Date(exp * 1000).toISOString(),
      ...(account.sellerId ? { sellerId: account.sellerId } : {}),
    });
  const token = signSessionToken(
    {
      sid: id,
      aid: over.tokenAccountId ?? account.id,
      role: account.role,
      iat,
      exp,
      ...(account.sellerId ? { sel: account.sellerId } : {}),
      ...(over.mcp ? { mcp: true } : {}),
    },
    SECRET(),
  );
  return { id, token, bearer: { authorization: `Bearer ${token}` } };
}

async function apiKeyFor(sellerId: string) {
  const keyId = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  await insertApiKey({
    keyId,
    sellerId,
    name: 'thử',
    secretHash: hashApiKeySecret(secret),
    createdAt: new Date().toISOString(),
  });
  return { keyId, secret, key: formatApiKey(keyId, secret) };
}

/** The AppError an authenticate() call is refused with: code, message and details. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    const err = e as { name: string; code: string; message: string; details?: unknown };
    expect(err.name).toBe('AppError');
    return { code: err.code, message: err.message, details: err.details };
  }
}

const SELLER_ROUTE = { roles: ['seller'], apiKey: true } as const;
const SELLER_SESSION_ROUTE = { roles: ['seller'] } as const;
const SIGNED_IN = { roles: ['seller', 'officer', 'admin'] } as const;
const badKey = { code: 'auth.required', message: 'Invalid or revoked API key', details: undefined };
const ended = { code: 'auth.sessionExpired', message: 'The session has ended', details: undefined };

describe('authenticate: API keys against the stored record and seller', () => {
  let seller: Seller;
  beforeAll(async () => {
    seller = testSeller({ status: 'approved' });
    await newAccount('seller', {}, seller);
  });

  it('a valid key is the seller, by key id', async () => {
    const { keyId, key } = await apiKeyFor(seller.id);
    const principal = await authenticate(
      ev('POST /api/seller/products', { headers: { 'x-api-key': key } }),
      SELLER_ROUTE,
      new Date(),
    );
    expect(principal).toStrictEqual({
      kind: 'apiKey',
      role: 'seller',
      sellerId: seller.id,
      keyId,
    });
  });

  it('a well-formed key nobody issued', async () => {
    const key = formatApiKey('NoSuchKey123', randomBytes(32).toString('base64url'));
    expect(
      await refusal(
        authenticate(
          ev('GET /api/me', { headers: { 'x-api-key': key } }),
          SELLER_ROUTE,
          new Date(),
        ),
      ),
    ).toEqual(badKey);
  });

  it('a known key id with another secret', async () => {
    const { keyId } = await apiKeyFor(seller.id);
    const key = formatApiKey(keyId, randomBytes(32).toString('base64url'));
    expect(
      await refusal(
        authenticate(
          ev('GET /api/me', { headers: { 'x-api-key': key } }),
          SELLER_ROUTE,
          new Date(),
        ),
      ),
    ).toEqual(badKey);
  });

  it('a revoked key, with its right secret', async () => {
    const { keyId, key } = await apiKeyFor(seller.id);
    await revokeApiKey(keyId, seller.id, new Date());
    expect((await getApiKey(keyId))?.revokedAt).toEqual(expect.any(String));
    expect(
      await refusal(
        authenticate(
          ev('GET /api/me', { headers: { 'x-api-key': key } }),
          SELLER_ROUTE,
          new Date(),
        ),
      ),
    ).toEqual(badKey);
  });

  it('an unrevoked key of a suspended seller, and of a seller that does not exist', async () => {
    const suspended = testSeller({ status: 'suspended' });
    await newAccount('seller', {}, suspended);
    const { key } = await apiKeyFor(suspended.id);
    expect(
      await refusal(
        authenticate(
          ev('GET /api/me', { headers: { 'x-api-key': key } }),
          SELLER_ROUTE,
          new Date(),
        ),
      ),
    ).toEqual(badKey);
    const orphan = await apiKeyFor(`sl-${randomUUID()}`);
    expect(
      await refusal(
        authenticate(
          ev('GET /api/me', { headers: { 'x-api-key': orphan.key } }),
          SELLER_ROUTE,
          new Date(),
        ),
      ),
    ).toEqual(badKey);
  });

  it('a valid key of a seller still pending approval is accepted (only suspension stops keys)', async () => {
    const pending = testSeller({ status: 'pending' });
    await newAccount('seller', {}, pending);
    const { keyId, key } = await apiKeyFor(pending.id);
    expect(
      await authenticate(
        ev('GET /api/me', { headers: { 'x-api-key': key } }),
        SELLER_ROUTE,
        new Date(),
      ),
    ).toStrictEqual({ kind: 'apiKey', role: 'seller', sellerId: pending.id, keyId });
  });

  it('a valid key on a route whose roles exclude sellers is forbidden, naming the role', async () => {
    const { key } = await apiKeyFor(seller.id);
    expect(
      await refusal(
        authenticate(
          ev('GET /api/officer/sellers', { headers: { 'x-api-key': key } }),
          { roles: ['officer', 'admin'], apiKey: true },
          new Date(),
        ),
      ),
    ).toEqual({
      code: 'auth.forbidden',
      message: 'This role may not call this route',
      details: { role: 'seller' },
    });
  });

  it('a valid key on a session-only route is forbidden before any lookup', async () => {
    const { key } = await apiKeyFor(seller.id);
    expect(
      await refusal(
        authenticate(
          ev('GET /api/seller/payment-connections', { headers: { 'x-api-key': key } }),
          SELLER_SESSION_ROUTE,
          new Date(),
        ),
      ),
    ).toEqual({
      code: 'auth.forbidden',
      message: 'API keys may not call this route; sign in',
      details: undefined,
    });
  });
});

describe('authenticate: sessions against the stored session and account', () => {
  let seller: Seller;
  let sellerAccount: Account;
  let officer: Account;
  beforeAll(async () => {
    seller = testSeller({ status: 'approved' });
    sellerAccount = await newAccount('seller', {}, seller);
    officer = await newAccount('officer');
  });

  it("a seller's session: the stored session's account, role, id and seller", async () => {
    const s = await session(sellerAccount);
    expect(
      await authenticate(ev('GET /api/me', { headers: s.bearer }), SIGNED_IN, new Date()),
    ).toStrictEqual({
      kind: 'session',
      accountId: sellerAccount.id,
      role: 'seller',
      sessionId: s.id,
      sellerId: seller.id,
    });
  });

  it("an officer's session has no seller id at all", async () => {
    const s = await session(officer);
    const principal = await authenticate(
      ev('GET /api/officer/sellers', { headers: s.bearer }),
      { roles: ['officer', 'admin'] },
      new Date(),
    );
    expect(principal).toStrictEqual({
      kind: 'session',
      accountId: officer.id,
      role: 'officer',
      sessionId: s.id,
    });
    expect(Object.keys(principal)).not.toContain('sellerId');
  });

  it('the role check: an officer on a seller route is forbidden, naming the role', async () => {
    const s = await session(officer);
    expect(
      await refusal(
        authenticate(
          ev('POST /api/seller/products', { headers: s.bearer }),
          SELLER_ROUTE,
          new Date(),
        ),
      ),
    ).toEqual({
      code: 'auth.forbidden',
      message: 'This role may not call this route',
      details: { role: 'officer' },
    });
  });

  it('a signed token whose session was deleted (signed out) has ended', async () => {
    const s = await session(officer);
    await deleteSession(s.id);
    expect(
      await refusal(authenticate(ev('GET /api/me', { headers: s.bearer }), SIGNED_IN, new Date())),
    ).toEqual(ended);
  });

  it('a stored session whose account does not exist has ended', async () => {
    const ghost = { id: `ac-${randomUUID()}`, role: 'officer' as const };
    const s = await session(ghost);
    expect(
      await refusal(authenticate(ev('GET /api/me', { headers: s.bearer }), SIGNED_IN, new Date())),
    ).toEqual(ended);
  });

  it("a token naming another (existing) account than its stored session's has ended", async () => {
    const other = await newAccount('officer');
    const s = await session(officer, { tokenAccountId: other.id });
    expect(
      await refusal(authenticate(ev('GET /api/me', { headers: s.bearer }), SIGNED_IN, new Date())),
    ).toEqual(ended);
  });

  it('the stored expiry counts even while the token is still valid (to the millisecond)', async () => {
    const at = new Date(Date.now() + 60_000);
    const s = await session(officer, { storedExpiresAt: at.toISOString() });
    const call = (now: Date) =>
      refusal(authenticate(ev('GET /api/me', { headers: s.bearer }), SIGNED_IN, now));
    expect(await call(at)).toEqual(ended);
    expect(
      await authenticate(
        ev('GET /api/me', { headers: s.bearer }),
        SIGNED_IN,
        new Date(at.getTime() - 1),
      ),
    ).toMatchObject({ kind: 'session', sessionId: s.id });
  });

  it('a disabled account is refused even with a live session', async () => {
    const disabled = await newAccount('officer', { status: 'disabled' });
    const s = await session(disabled);
    expect(
      await refusal(authenticate(ev('GET /api/me', { headers: s.bearer }), SIGNED_IN, new Date())),
    ).toEqual({ code: 'account.disabled', message: 'Account disabled', details: undefined });
  });

  it('cookie sessions get the cross-site check on unsafe methods; bearer tokens do not', async () => {
    const s = await session(sellerAccount);
    const cookie = [`__Host-cs_session=${s.token}`];
    const crossSite = { 'sec-fetch-site': 'cross-site', host: 'cho.vn' };
    const post = (over: { headers: Record<string, string>; cookies?: string[] }) =>
      authenticate(ev('POST /api/seller/products', over), SELLER_ROUTE, new Date());
    expect(await refusal(post({ headers: crossSite, cookies: cookie }))).toEqual({
      code: 'auth.crossSite',
      message: 'Cross-site request refused',
      details: { secFetchSite: 'cross-site' },
    });
    expect(
      await post({ headers: { 'sec-fetch-site': 'same-origin' }, cookies: cookie }),
    ).toMatchObject({ kind: 'session', sessionId: s.id });
    expect(await post({ headers: { ...crossSite, ...s.bearer } })).toMatchObject({
      kind: 'session',
      sessionId: s.id,
    });
  });

  it('a session that must change its password may use only the three allowed routes', async () => {
    // The module afresh: its list of allowed routes is built when it loads.
    vi.resetModules();
    const { authenticate } = await import('../../../functions/_http/auth');
    const fresh = await newAccount('officer', { mustChangePassword: true });
    const s = await session(fresh, { mcp: true });
    for (const routeKey of ['POST /api/me/password', 'GET /api/me', 'POST /api/auth/sign-out'])
      expect(
        await authenticate(ev(routeKey, { headers: s.bearer }), SIGNED_IN, new Date()),
        routeKey,
      ).toMatchObject({ kind: 'session', accountId: fresh.id });
    for (const routeKey of ['GET /api/officer/sellers', 'POST /api/me'])
      expect(
        await refusal(authenticate(ev(routeKey, { headers: s.bearer }), SIGNED_IN, new Date())),
        routeKey,
      ).toEqual({
        code: 'auth.passwordChangeRequired',
        message: 'Change the one-time password first',
        details: undefined,
      });
  });
});

describe('httpHandler: the whole pipeline around a handler', () => {
  type Args = Parameters<Parameters<typeof httpHandler>[1]>[0];
  const spec = { query: z.object({ n: z.string() }) };
  // Built inside each test (not at load time), so that each mutant of the pipeline is built too.
  const echoHandler = () => {
    const seen: Args[] = [];
    const handler = httpHandler(spec, async (args) => {
      seen.push(args);
      return ok({ fine: true }, { 'x-request-id': 'the-handlers-own', 'x-own': 'kept' });
    });
    return { handler, seen };
  };
  const bodyOf = (res: { body?: string }) => JSON.parse(String(res.body));

  it('hands the handler the parsed request, the caller, the request id and one clock reading', async () => {
    const event = ev('GET /api/health', {
      query: { n: '7' },
      headers: { origin: ALLOWED },
      requestId: 'req-echo',
    });
    const { handler: echo, seen } = echoHandler();
    const before = Date.now();
    const res = await echo(event, context);
    const after = Date.now();
    expect(echo.spec).toBe(spec);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({ fine: true });
    const args = seen.at(-1) as Args;
    expect(args.event).toBe(event);
    expect(args.context).toBe(context);
    expect(args.requestId).toBe('req-echo');
    expect(args.principal).toStrictEqual({ kind: 'anonymous' });
    expect(args.query).toStrictEqual({ n: '7' });
    expect(args.path).toStrictEqual({});
    expect(args.body).toBeUndefined();
    expect(args.now).toBeInstanceOf(Date);
    expect(args.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(args.now.getTime()).toBeLessThanOrEqual(after);
    // the handler's headers stay, the request id is the pipeline's, CORS for an allowed origin
    expect(res.headers).toStrictEqual({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-own': 'kept',
      'x-request-id': 'req-echo',
      'access-control-allow-origin': ALLOWED,
      'access-control-expose-headers': 'x-request-id',
      vary: 'origin',
    });
  });

  it('no CORS headers for an origin not on the list; "unknown" without a request id', async () => {
    const { handler: echo } = echoHandler();
    const res = await echo(
      ev('GET /api/health', {
        query: { n: '1' },
        headers: { origin: 'https://evil.example' },
        requestId: null,
      }),
      context,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['x-request-id']).toBe('unknown');
    expect(Object.keys(res.headers ?? {}).filter((h) => h.startsWith('access-control'))).toEqual(
      [],
    );
    expect(res.headers?.['x-own']).toBe('kept');
  });

  it('a routeKey the manifest does not have is 404, with the headers, before anything else', async () => {
    const { handler: echo, seen } = echoHandler();
    const res = await echo(
      ev('GET /api/no-such-route', {
        headers: { origin: ALLOWED, authorization: 'Bearer junk' },
        requestId: 'req-404',
      }),
      context,
    );
    expect(res.statusCode).toBe(404);
    expect(bodyOf(res)).toEqual({
      error: { code: 'route.notFound', message: 'No such route' },
      requestId: 'req-404',
    });
    expect(res.headers).toMatchObject({
      'x-request-id': 'req-404',
      'access-control-allow-origin': ALLOWED,
      'content-type': 'application/json; charset=utf-8',
    });
    expect(seen).toEqual([]);
  });

  it('the caller before validation: an anonymous call with a bad body is 401, not 400', async () => {
    const guarded = httpHandler({ body: z.object({ a: z.number() }) }, async () => ok({}));
    const res = await guarded(
      ev('POST /api/seller/products', {
        body: '{"a":',
        headers: { 'content-type': 'application/json', origin: ALLOWED },
        requestId: 'req-401',
      }),
      context,
    );
    expect(res.statusCode).toBe(401);
    expect(bodyOf(res)).toEqual({
      error: { code: 'auth.required', message: 'Sign in first' },
      requestId: 'req-401',
    });
    expect(res.headers?.['access-control-allow-origin']).toBe(ALLOWED);
  });

  it('a signed-in caller reaches validation and the handler, with the default body limit', async () => {
    const seller = testSeller({ status: 'approved' });
    const account = await newAccount('seller', {}, seller);
    const s = await session(account);
    const got: Args[] = [];
    const create = httpHandler({ body: z.string() }, async (args) => {
      got.push(args);
      return ok({ length: (args.body as string).length });
    });
    const send = (text: string) =>
      create(
        ev('POST /api/seller/products', {
          body: JSON.stringify(text),
          headers: { 'content-type': 'application/json', ...s.bearer },
        }),
        context,
      );
    // 65,536 bytes is the configured default (MAX_BODY_BYTES): two quotes around the text
    const fits = await send('x'.repeat(65_534));
    expect(fits.statusCode).toBe(200);
    expect(bodyOf(fits)).toEqual({ length: 65_534 });
    expect(got[0]?.principal).toStrictEqual({
      kind: 'session',
      accountId: account.id,
      role: 'seller',
      sessionId: s.id,
      sellerId: seller.id,
    });
    const tooLarge = await send('x'.repeat(65_535));
    expect(tooLarge.statusCode).toBe(413);
    expect(bodyOf(tooLarge).error).toEqual({
      code: 'request.tooLarge',
      message: 'Body exceeds 65536 bytes',
      details: { limit: 65_536, size: 65_537 },
    });
    expect(got).toHaveLength(1);
  });

  it('errors the handler throws get the envelope and the same headers', async () => {
    const failing = httpHandler({}, async () => {
      throw new TypeError('boom');
    });
    const res = await failing(
      ev('GET /api/health', { headers: { origin: ALLOWED }, requestId: 'req-500' }),
      context,
    );
    expect(res.statusCode).toBe(500);
    expect(bodyOf(res)).toEqual({
      error: { code: 'internal', message: 'Internal error. Please try again later.' },
      requestId: 'req-500',
    });
    expect(res.headers).toMatchObject({
      'x-request-id': 'req-500',
      'access-control-allow-origin': ALLOWED,
      vary: 'origin',
    });
  });

  it('events without headers or without a request context still get an answer', async () => {
    const { handler: echo } = echoHandler();
    const bare = { ...ev('GET /api/health', { query: { n: '2' }, requestId: 'req-bare' }) };
    delete (bare as { headers?: unknown }).headers;
    const res = await echo(bare, context);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['x-request-id']).toBe('req-bare');
    expect(res.headers?.['access-control-allow-origin']).toBeUndefined();
    // API Gateway always sets requestContext; without one the handler fails, and still answers
    const noContext = { ...ev('GET /api/health', { query: { n: '2' } }) };
    delete (noContext as { requestContext?: unknown }).requestContext;
    const failed = await echo(noContext, context);
    expect(failed.statusCode).toBe(500);
    expect(bodyOf(failed).error.code).toBe('internal');
    expect(failed.headers?.['x-request-id']).toEqual(expect.any(String));
  });

  it('keys a handler adds to the log context are dropped after its request, failed or not', async () => {
    const reset = vi.spyOn(logger, 'resetKeys');
    try {
      const handler = httpHandler({}, async () => {
        logger.appendKeys({ orderCode: 'CS-TEST' });
        return ok({});
      });
      const failing = httpHandler({}, async () => {
        logger.appendKeys({ orderCode: 'CS-FAIL' });
        throw new AppErrorForTest();
      });
      expect((await handler(ev('GET /api/health'), context)).statusCode).toBe(200);
      expect(reset).toHaveBeenCalledTimes(1);
      expect((await failing(ev('GET /api/health'), context)).statusCode).toBe(500);
      expect(reset).toHaveBeenCalledTimes(2);
    } finally {
      reset.mockRestore();
    }
  });

  it('a handler that answers nothing is passed through as nothing (no header is added)', async () => {
    const silent = httpHandler({}, async () => undefined as unknown as ReturnType<typeof ok>);
    expect(await silent(ev('GET /api/health', { headers: { origin: ALLOWED } }), context)).toBe(
      undefined,
    );
  });
});
