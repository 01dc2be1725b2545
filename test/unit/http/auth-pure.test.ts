import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../../shared/accounts/principal';

/**
 * The parts of the pipeline's caller checks that need no database: where the session token is
 * read from, the CSRF origin check, the principal narrowings, the audit actor, the session cookie
 * and one-time passwords, and the refusals authenticate() makes before any lookup.
 *
 * The configuration is read once per module load, so each case loads the modules afresh under the
 * environment it needs.
 */
async function load(env: Record<string, string> = {}) {
  vi.resetModules();
  vi.stubEnv('TABLE_NAME', 'unit-test');
  vi.stubEnv('HOST_KIND', 'test');
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const auth = await import('../../../functions/_http/auth');
  const session = await import('../../../functions/_http/session');
  const staff = await import('../../../functions/_http/staff-accounts');
  return { ...auth, ...session, ...staff };
}
// Fresh module loads are slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });
afterEach(() => {
  vi.unstubAllEnvs();
});

function ev(
  over: {
    method?: string;
    headers?: Record<string, string>;
    cookies?: string[];
    routeKey?: string;
    sourceIp?: string;
  } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: over.routeKey ?? 'POST /api/seller/products',
    rawPath: '/api/seller/products',
    rawQueryString: '',
    headers: over.headers ?? {},
    ...(over.cookies ? { cookies: over.cookies } : {}),
    requestContext: {
      requestId: 'req-1',
      http: {
        method: over.method ?? 'POST',
        path: '/api/seller/products',
        protocol: 'HTTP/1.1',
        sourceIp: over.sourceIp ?? '203.0.113.9',
        userAgent: 'test',
      },
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

/** The AppError a call throws (its code and details), or 'no error'. */
function thrown(f: () => unknown) {
  try {
    f();
    return 'no error';
  } catch (e) {
    const err = e as { name: string; code: string; message: string; details?: unknown };
    expect(err.name).toBe('AppError');
    return { code: err.code, message: err.message, details: err.details };
  }
}
async function rejected(p: Promise<unknown>) {
  try {
    await p;
    return 'no error';
  } catch (e) {
    const err = e as { name: string; code: string; message: string };
    expect(err.name).toBe('AppError');
    return { code: err.code, message: err.message };
  }
}

describe('sessionTokenOf', () => {
  it('a Bearer header first, trimmed', async () => {
    const { sessionTokenOf } = await load();
    expect(
      sessionTokenOf(
        ev({ headers: { authorization: 'Bearer  tok-1 ' }, cookies: ['__Host-cs_session=c'] }),
      ),
    ).toEqual({ token: 'tok-1', via: 'bearer' });
    // not a bearer header: falls back to the cookie
    expect(
      sessionTokenOf(
        ev({ headers: { authorization: 'bearer tok-1' }, cookies: ['__Host-cs_session=c'] }),
      ),
    ).toEqual({ token: 'c', via: 'cookie' });
  });

  it('the __Host- cookie from API Gateway cookies or a raw Cookie header', async () => {
    const { sessionTokenOf, sessionCookieName } = await load();
    expect(sessionCookieName()).toBe('__Host-cs_session');
    expect(sessionTokenOf(ev({ cookies: ['a=1', ' __Host-cs_session = tok '] }))).toEqual({
      token: 'tok',
      via: 'cookie',
    });
    expect(sessionTokenOf(ev({ headers: { cookie: 'x=1; __Host-cs_session=a=b' } }))).toEqual({
      token: 'a=b',
      via: 'cookie',
    });
    // the plain name, a cookie without a name, and no cookie at all
    expect(sessionTokenOf(ev({ cookies: ['cs_session=tok', '=tok', 'junk'] }))).toBeUndefined();
    expect(sessionTokenOf(ev({ headers: { cookie: '=__Host-cs_session=x' } }))).toBeUndefined();
    expect(sessionTokenOf(ev())).toBeUndefined();
    expect(
      sessionTokenOf({ ...ev(), headers: undefined } as unknown as APIGatewayProxyEventV2),
    ).toBeUndefined();
  });

  it('the plain cs_session cookie where cookies are not Secure', async () => {
    const { sessionTokenOf, sessionCookieName } = await load({ SECURE_COOKIES: 'false' });
    expect(sessionCookieName()).toBe('cs_session');
    expect(sessionTokenOf(ev({ cookies: ['__Host-cs_session=a', 'cs_session=b'] }))).toEqual({
      token: 'b',
      via: 'cookie',
    });
  });
});

describe('assertSameOrigin (CSRF for cookie sessions)', () => {
  it('safe methods are never refused', async () => {
    const { assertSameOrigin } = await load();
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(
        thrown(() => assertSameOrigin(ev({ method, headers: { 'sec-fetch-site': 'cross-site' } }))),
        method,
      ).toBe('no error');
    const noMethod = { ...ev({ headers: { 'sec-fetch-site': 'cross-site' } }), requestContext: {} };
    expect(thrown(() => assertSameOrigin(noMethod as unknown as APIGatewayProxyEventV2))).toBe(
      'no error',
    );
  });

  it('Sec-Fetch-Site decides when the browser sends it', async () => {
    const { assertSameOrigin } = await load();
    const site = (value: string, origin = 'https://evil.example') =>
      thrown(() =>
        assertSameOrigin(ev({ headers: { 'sec-fetch-site': value, origin, host: 'cho.vn' } })),
      );
    expect(site('same-origin')).toBe('no error');
    for (const value of ['same-site', 'cross-site', 'none'])
      expect(site(value, 'https://cho.vn')).toEqual({
        code: 'auth.crossSite',
        message: 'Cross-site request refused',
        details: { secFetchSite: value },
      });
  });

  it('else the Origin must be this host (or the forwarded one)', async () => {
    const { assertSameOrigin } = await load();
    const post = (headers: Record<string, string>) =>
      thrown(() => assertSameOrigin(ev({ method: 'DELETE', headers })));
    expect(post({})).toBe('no error');
    expect(post({ host: 'cho.vn' })).toBe('no error');
    expect(post({ origin: 'https://cho.vn', host: 'cho.vn' })).toBe('no error');
    expect(post({ origin: 'http://localhost:3900', host: 'localhost:3900' })).toBe('no error');
    expect(
      post({ origin: 'https://cho.vn', host: 'abc.execute-api', 'x-forwarded-host': 'cho.vn' }),
    ).toBe('no error');
    for (const origin of ['https://evil.example', 'null', 'https://cho.vn.evil.example'])
      expect(post({ origin, host: 'cho.vn' }), origin).toEqual({
        code: 'auth.crossSite',
        message: 'Cross-site request refused',
        details: { origin },
      });
    // no host header at all: nothing to match
    expect(post({ origin: 'https://cho.vn' })).toMatchObject({ code: 'auth.crossSite' });
    // the CORS wildcard allows nothing here
    expect(post({ origin: '*', host: 'cho.vn' })).toMatchObject({ code: 'auth.crossSite' });
  });

  it('or one of the allowed CORS origins (trimmed, never *)', async () => {
    const { assertSameOrigin } = await load({
      CORS_ALLOWED_ORIGINS: 'https://a.example , *,https://b.example',
    });
    const post = (origin: string) =>
      thrown(() => assertSameOrigin(ev({ headers: { origin, host: 'cho.vn' } })));
    expect(post('https://a.example')).toBe('no error');
    expect(post('https://b.example')).toBe('no error');
    expect(post('https://c.example')).toMatchObject({ code: 'auth.crossSite' });
    // an allowed origin that is not a URL still has no host: refused
    const weird = await load({ CORS_ALLOWED_ORIGINS: 'not a url' });
    expect(
      thrown(() => weird.assertSameOrigin(ev({ headers: { origin: 'not a url', host: 'x' } }))),
    ).toMatchObject({ code: 'auth.crossSite' });
  });
});

describe('principals', () => {
  const seller: Principal = {
    kind: 'session',
    accountId: 'ac-1',
    role: 'seller',
    sellerId: 'sl-1',
    sessionId: 'se-1',
  };
  const officer: Principal = {
    kind: 'session',
    accountId: 'ac-2',
    role: 'officer',
    sessionId: 'se-2',
  };
  const key: Principal = { kind: 'apiKey', role: 'seller', sellerId: 'sl-1', keyId: 'k-1' };

  it('requireSeller and requireSession', async () => {
    const { requireSeller, requireSession } = await load();
    expect(requireSeller(seller)).toEqual({ sellerId: 'sl-1' });
    expect(requireSeller(key)).toEqual({ sellerId: 'sl-1' });
    for (const p of [officer, { kind: 'anonymous' } as const])
      expect(thrown(() => requireSeller(p))).toEqual({
        code: 'auth.forbidden',
        message: 'Only sellers may do this',
        details: undefined,
      });
    expect(requireSession(officer)).toBe(officer);
    for (const p of [key, { kind: 'anonymous' } as const])
      expect(thrown(() => requireSession(p))).toEqual({
        code: 'auth.required',
        message: 'Sign in first',
        details: undefined,
      });
  });

  it('auditActor names the caller with the client address', async () => {
    const { auditActor } = await load();
    const event = ev({ sourceIp: '198.51.100.4' });
    expect(auditActor(seller, event)).toEqual({
      kind: 'account',
      accountId: 'ac-1',
      role: 'seller',
      address: '198.51.100.4',
      sellerId: 'sl-1',
    });
    expect(auditActor(officer, event)).toEqual({
      kind: 'account',
      accountId: 'ac-2',
      role: 'officer',
      address: '198.51.100.4',
    });
    expect(auditActor(key, event)).toEqual({
      kind: 'apiKey',
      keyId: 'k-1',
      sellerId: 'sl-1',
      address: '198.51.100.4',
    });
    expect(auditActor({ kind: 'anonymous' }, event)).toEqual({
      kind: 'public',
      address: '198.51.100.4',
    });
  });
});

describe('authenticate before any lookup', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('public routes: anonymous, whatever is sent', async () => {
    const { authenticate } = await load();
    expect(
      await authenticate(
        ev({ headers: { 'x-api-key': 'junk', authorization: 'x' } }),
        'public',
        now,
      ),
    ).toEqual({ kind: 'anonymous' });
  });

  it('an API key on a route that takes none; a malformed key; no credentials', async () => {
    const { authenticate } = await load();
    const sellerOnly = { roles: ['seller'] as const };
    expect(
      await rejected(authenticate(ev({ headers: { 'x-api-key': 'anything' } }), sellerOnly, now)),
    ).toEqual({ code: 'auth.forbidden', message: 'API keys may not call this route; sign in' });
    expect(
      await rejected(
        authenticate(
          ev({ headers: { 'x-api-key': 'not-a-key' } }),
          { ...sellerOnly, apiKey: true },
          now,
        ),
      ),
    ).toEqual({ code: 'auth.required', message: 'Invalid or revoked API key' });
    expect(await rejected(authenticate(ev(), sellerOnly, now))).toEqual({
      code: 'auth.required',
      message: 'Sign in first',
    });
  });

  it('a token that does not verify is auth.required', async () => {
    const { authenticate } = await load({ SIGNING_SECRET: 's'.repeat(40) });
    expect(
      await rejected(
        authenticate(
          ev({ headers: { authorization: 'Bearer not.a.token' } }),
          { roles: ['admin'] },
          now,
        ),
      ),
    ).toEqual({ code: 'auth.required', message: 'Invalid session' });
  });
});

describe('session cookie and one-time passwords', () => {
  it('Secure with the __Host- prefix by default', async () => {
    const { sessionCookie, clearSessionCookie } = await load();
    expect(sessionCookie('tok', 3600)).toBe(
      '__Host-cs_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure',
    );
    expect(clearSessionCookie()).toBe(
      '__Host-cs_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure',
    );
  });

  it('plain name and no Secure where cookies are not Secure', async () => {
    const { sessionCookie } = await load({ SECURE_COOKIES: 'false' });
    expect(sessionCookie('tok', 60)).toBe(
      'cs_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=60',
    );
  });

  it('one-time passwords: 20 base64url characters in groups of five', async () => {
    const { oneTimePassword } = await load();
    const a = oneTimePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{5}(-[A-Za-z0-9_-]{5}){3}$/);
    expect(oneTimePassword()).not.toBe(a);
  });
});

describe('events without headers or request context', () => {
  const bare = (over: Record<string, unknown>) =>
    ({ ...ev(), ...over }) as unknown as APIGatewayProxyEventV2;

  it('the origin check and authenticate read missing headers as absent', async () => {
    const { assertSameOrigin, authenticate } = await load();
    expect(thrown(() => assertSameOrigin(bare({ headers: undefined })))).toBe('no error');
    expect(
      thrown(() =>
        assertSameOrigin(
          bare({ requestContext: undefined, headers: { 'sec-fetch-site': 'cross-site' } }),
        ),
      ),
    ).toBe('no error');
    expect(
      await rejected(authenticate(bare({ headers: undefined }), { roles: ['seller'] }, new Date())),
    ).toEqual({ code: 'auth.required', message: 'Sign in first' });
  });

  it('a cookie without = is no cookie, even when it starts with the name', async () => {
    const { sessionTokenOf } = await load();
    expect(sessionTokenOf(ev({ cookies: ['__Host-cs_sessionX'] }))).toBeUndefined();
  });

  it('an expired token is auth.sessionExpired, before any lookup', async () => {
    const secret = 's'.repeat(40);
    const { authenticate } = await load({ SIGNING_SECRET: secret });
    const { signSessionToken } = await import('../../../shared/accounts/session-token');
    const token = signSessionToken(
      { sid: 'se-x', aid: 'ac-x', role: 'admin', iat: 1_000, exp: 2_000 },
      secret,
    );
    expect(
      await rejected(
        authenticate(
          ev({ headers: { authorization: `Bearer ${token}` } }),
          { roles: ['admin'] },
          new Date(3_000_000),
        ),
      ),
    ).toEqual({ code: 'auth.sessionExpired', message: 'Invalid session' });
  });
});
