import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { type RouteDefinition, routes } from '../../../infra/routes';
import { apiEvent, type EventOverrides } from '../../helpers/api-event';
import { adminSession, officerSession, sellerSession } from '../../helpers/auth';
import { tableSnapshot } from '../../helpers/local-dynamo';

/**
 * Walks every route of the manifest and sends it malformed input, as a caller the route allows
 * (a seller's session, else an officer's, else an admin's; nobody on public routes), so that the
 * input reaches validation. Every answer must be a 4xx whose code is a validation code (never
 * 401/403, which would mean validation was not reached), and the table must be byte-for-byte
 * unchanged. Routes added to infra/routes.ts join automatically; each needs a valid sample in
 * events/ (asserted below), which the mutations start from.
 */
type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<{ statusCode: number; body?: string }>;

const root = resolve(import.meta.dirname, '..', '..', '..');
const sampleName = (route: RouteDefinition) =>
  route.handler.replace(/^functions\//, '').replace(/\.ts$/, '');

const HUGE = 'x'.repeat(200_000);
const ODD_STRINGS = [
  '\u0000',
  '\ud800',
  'a\udc00b',
  '\u202eevil',
  '../../etc/passwd',
  '..%2F..%2F',
  'x'.repeat(5000),
];
const ODD_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, -1, 0.5];

/** Values certainly of the wrong type for a field whose valid sample value is `value`. */
function wrongTypes(value: unknown): unknown[] {
  const notString = [12345, true, null, [], {}];
  if (typeof value === 'string') return [...notString, 'x'.repeat(100_000), '\ud800'];
  if (typeof value === 'number') return ['12', null, [], {}, 1e308, -1e308, 2 ** 53 + 1];
  if (typeof value === 'boolean') return ['yes', 1, null];
  if (Array.isArray(value))
    return [{}, 'x', 1, null, Array.from({ length: 10_000 }, () => value[0] ?? 1)];
  return ['x', 1, null, []];
}

function cases(
  route: RouteDefinition,
  sample: APIGatewayProxyEventV2,
): Array<[string, EventOverrides]> {
  const out: Array<[string, EventOverrides]> = [];
  const json = { 'content-type': 'application/json' };
  const validBody = sample.body ? (JSON.parse(sample.body) as unknown) : undefined;
  out.push(['invalid JSON', { rawBody: '{"a":', headers: json }]);
  out.push(['truncated JSON', { rawBody: '[1,2', headers: json }]);
  out.push([
    'wrong content type',
    { rawBody: JSON.stringify(validBody ?? { a: 1 }), headers: { 'content-type': 'text/plain' } },
  ]);
  out.push([
    'form content type',
    { rawBody: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  ]);
  out.push(['oversized body', { rawBody: JSON.stringify({ a: HUGE }), headers: json }]);
  out.push([
    'deeply nested body',
    { rawBody: `${'['.repeat(5000)}${']'.repeat(5000)}`, headers: json },
  ]);
  for (const body of [[], 42, 'str', null, true])
    out.push([`body ${JSON.stringify(body)}`, { body }]);
  out.push(['NUL in body', { rawBody: '{"a":"\u0000"}', headers: json }]);
  out.push(['escaped lone surrogate in body', { rawBody: '{"a":"\\ud800"}', headers: json }]);
  out.push([
    'prototype pollution',
    { rawBody: '{"__proto__":{"role":"admin"},"constructor":{"prototype":{}}}', headers: json },
  ]);
  if (validBody && typeof validBody === 'object' && !Array.isArray(validBody)) {
    out.push(['unknown field', { body: { ...validBody, unknownField: 'x' } }]);
    for (const [key, value] of Object.entries(validBody)) {
      for (const wrong of wrongTypes(value))
        out.push([
          `field ${key} = ${String(JSON.stringify(wrong)).slice(0, 30)}`,
          { body: { ...validBody, [key]: wrong } },
        ]);
      for (const n of ODD_NUMBERS)
        if (typeof value === 'number')
          out.push([`field ${key} = ${n}`, { body: { ...validBody, [key]: n } }]);
    }
  }
  const params = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1] ?? '');
  for (const param of params) {
    for (const odd of ODD_STRINGS) {
      out.push([
        `path ${param} = ${odd.slice(0, 20)}`,
        { path: { ...sample.pathParameters, [param]: odd } },
      ]);
    }
  }
  out.push([
    'unknown query parameter',
    { query: { ...sample.queryStringParameters, zzzUnknown: '1' } },
  ]);
  for (const [key] of Object.entries(sample.queryStringParameters ?? {})) {
    for (const odd of ['1e309', '-99999999999999999999', 'NaN', ...ODD_STRINGS]) {
      out.push([
        `query ${key} = ${odd.slice(0, 20)}`,
        { query: { ...sample.queryStringParameters, [key]: odd } },
      ]);
    }
  }
  return out;
}

/** What the pipeline answers when validation refuses a request (functions/_http/parse-request.ts). */
const VALIDATION_CODES = new Set([
  'request.invalid',
  'request.invalidJson',
  'request.unsupportedMediaType',
  'request.tooLarge',
  'request.unexpectedBody',
  // The import route's body carries a file: a body that passes the schema but is not a readable
  // CSV/XLSX is refused by the file reader, still before anything is written.
  'import.invalidFile',
  // Webhooks check the provider's signature over the raw body first: any altered body fails it,
  // still before anything is read or written (functions/webhooks/receive-delivery.ts).
  'webhook.unauthorized',
]);

/** Credentials of a caller the manifest allows on this route. */
async function allowedCaller(route: RouteDefinition): Promise<Record<string, string>> {
  if (route.auth === 'public') return {};
  const { roles } = route.auth;
  if (roles.includes('seller')) return (await sellerSession()).headers;
  if (roles.includes('officer')) return (await officerSession()).headers;
  if (roles.includes('admin')) return (await adminSession()).headers;
  throw new Error(`no test caller for roles ${roles.join(', ')}`);
}

const handlers = new Map<string, Handler>();
beforeAll(async () => {
  for (const route of routes) {
    const mod = (await import(pathToFileURL(join(root, route.handler)).href)) as {
      handler: Handler;
    };
    handlers.set(route.handler, mod.handler);
  }
});

describe('every route refuses malformed input with a 4xx and changes nothing', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s has a valid events/ sample',
    (_key, route) => {
      expect(existsSync(join(root, 'events', `${sampleName(route)}.json`))).toBe(true);
    },
  );

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_key, route) => {
    const handler = handlers.get(route.handler) as Handler;
    const sample = apiEvent(sampleName(route));
    const credentials = await allowedCaller(route);
    const before = await tableSnapshot();
    const failures: string[] = [];
    const all = cases(route, sample);
    for (const [name, overrides] of all) {
      const result = await handler(
        apiEvent(sampleName(route), {
          ...overrides,
          headers: { ...overrides.headers, ...credentials },
        }),
        lambdaContext('robustness'),
      );
      const body = JSON.parse(result.body ?? '{}') as {
        error?: { code?: unknown };
        requestId?: unknown;
      };
      const ok =
        result.statusCode >= 400 &&
        result.statusCode < 500 &&
        typeof body.error?.code === 'string' &&
        VALIDATION_CODES.has(body.error.code) &&
        typeof body.requestId === 'string';
      if (!ok) failures.push(`${name}: ${result.statusCode} ${result.body?.slice(0, 200)}`);
    }
    expect(all.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
    expect(await tableSnapshot()).toBe(before);
  });
});
