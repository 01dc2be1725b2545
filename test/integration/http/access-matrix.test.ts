import { beforeAll, describe, expect, it } from 'vitest';
import { type RouteDefinition, routes } from '../../../infra/routes';
import { apiEvent } from '../../helpers/api-event';
import {
  adminSession,
  anotherSessionFor,
  officerSession,
  sellerApiKey,
  sellerSession,
} from '../../helpers/auth';
import { call, sampleName } from '../../helpers/call';

/**
 * Who may call what, for EVERY route of the manifest: anonymous, seller A, seller B on A's
 * resources, A's API key, an officer and an admin. Role rules come from infra/routes.ts; ownership
 * is proven by pointing each path parameter at a resource of seller A.
 */
type Persona = 'anonymous' | 'sellerA' | 'sellerB' | 'apiKeyA' | 'officer' | 'admin';
const PERSONAS: Persona[] = ['anonymous', 'sellerA', 'sellerB', 'apiKeyA', 'officer', 'admin'];

let sellerA: { sellerId: string };
let apiKeyA: Record<string, string>;
let resources: Record<string, string>;

/** Fresh credentials per call: some routes end sessions or revoke keys. */
async function headersOf(persona: Persona): Promise<Record<string, string>> {
  switch (persona) {
    case 'anonymous':
      return {};
    case 'sellerA':
      return (await anotherSessionFor(sellerA.sellerId)).headers;
    case 'sellerB':
      return (await sellerSession()).headers;
    case 'apiKeyA':
      return apiKeyA;
    case 'officer':
      return (await officerSession()).headers;
    case 'admin':
      return (await adminSession()).headers;
  }
}

const roleOf = (persona: Persona) =>
  persona === 'anonymous'
    ? undefined
    : persona === 'officer' || persona === 'admin'
      ? persona
      : 'seller';

function allowedByManifest(route: RouteDefinition, persona: Persona): boolean {
  if (route.auth === 'public') return true;
  const role = roleOf(persona);
  if (!role || !route.auth.roles.includes(role)) return false;
  return persona !== 'apiKeyA' || route.auth.apiKey === true;
}

/** Path parameters that name a seller's own resource: another seller must get 404. */
const OWNED = new Set(['productId', 'keyId']);

beforeAll(async () => {
  sellerA = await sellerSession();
  apiKeyA = await sellerApiKey(sellerA.sellerId);
  const a = (await anotherSessionFor(sellerA.sellerId)).headers;
  const key = await call('POST /api/seller/api-keys', { headers: a, body: { name: 'A' } });
  const sample = JSON.parse(apiEvent('catalog/create-product').body ?? '{}');
  const product = await call('POST /api/seller/products', {
    headers: a,
    body: { ...sample, images: [] },
  });
  expect(product.status).toBe(201);
  // Officer routes act on a seller of their own, so that suspending it leaves A's routes alone.
  const sellerC = await sellerSession({ status: 'pending' });
  resources = {
    keyId: key.body.keyId,
    productId: product.body.product?.id ?? product.body.id,
    sellerId: sellerC.sellerId,
  };
});

describe('access matrix: every route × every persona', () => {
  const cases = routes.flatMap((route) =>
    PERSONAS.map((persona) => [`${route.method} ${route.path}`, persona, route] as const),
  );

  it.each(cases)('%s as %s', async (routeKey, persona, route) => {
    const params = Object.keys(apiEvent(sampleName(route)).pathParameters ?? {});
    const path = Object.fromEntries(params.map((p) => [p, resources[p] ?? 'x']));
    const res = await call(routeKey, {
      headers: await headersOf(persona),
      ...(params.length ? { path } : {}),
    });
    const code = res.body?.error?.code;

    if (!allowedByManifest(route, persona)) {
      expect(res.status, JSON.stringify(res.body)).toBe(persona === 'anonymous' ? 401 : 403);
      expect(code).toBe(persona === 'anonymous' ? 'auth.required' : 'auth.forbidden');
      return;
    }
    expect([401, 403], `${res.status} ${JSON.stringify(res.body)}`).not.toContain(res.status);
    // Public routes show public things to anyone; ownership is a question on seller routes only.
    const ownsResource = route.auth !== 'public' && params.some((p) => OWNED.has(p));
    if (persona === 'sellerB' && ownsResource)
      expect(res.status, JSON.stringify(res.body)).toBe(404);
    if ((persona === 'sellerA' || persona === 'apiKeyA') && ownsResource)
      expect(res.status).not.toBe(404);
  });
});
