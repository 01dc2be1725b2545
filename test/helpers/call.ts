import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/lambda-context';
import { type RouteDefinition, routes } from '../../infra/routes';
import { apiEvent, type EventOverrides } from './api-event';

/** Calls a route's handler with its events/ sample plus overrides; parses the JSON answer. */
type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<{
  statusCode: number;
  body?: string;
  headers?: Record<string, unknown>;
  cookies?: string[];
}>;

const root = resolve(import.meta.dirname, '..', '..');
export const sampleName = (route: Pick<RouteDefinition, 'handler'>) =>
  route.handler.replace(/^functions\//, '').replace(/\.ts$/, '');

export function routeOf(routeKey: string): RouteDefinition {
  const route = routes.find((r) => `${r.method} ${r.path}` === routeKey);
  if (!route) throw new Error(`no route ${routeKey}`);
  return route;
}

const cache = new Map<string, Promise<Handler>>();
export function handlerOf(route: RouteDefinition): Promise<Handler> {
  let p = cache.get(route.handler);
  if (!p) {
    p = import(pathToFileURL(join(root, route.handler)).href).then(
      (m: { handler: Handler }) => m.handler,
    );
    cache.set(route.handler, p);
  }
  return p;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
  body: any;
  cookies: string[];
  headers: Record<string, unknown>;
}

/**
 * Calls the route's handler in-process. `options.timeoutMs`: the Lambda clock the handler gets
 * (default 30 s; middy answers 500 when it runs out, while the handler's work goes on).
 */
export async function call(
  routeKey: string,
  overrides: EventOverrides = {},
  options: { timeoutMs?: number } = {},
): Promise<CallResult> {
  const route = routeOf(routeKey);
  const handler = await handlerOf(route);
  const base = apiEvent(sampleName(route));
  const event = apiEvent(sampleName(route), {
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
  if (overrides.body === undefined && overrides.rawBody === undefined) {
    event.body = base.body;
  }
  const result = await handler(event, lambdaContext('test', options.timeoutMs));
  return {
    status: result.statusCode,
    body:
      result.body && String(result.headers?.['content-type'] ?? '').startsWith('application/json')
        ? JSON.parse(result.body)
        : result.body,
    cookies: result.cookies ?? [],
    headers: result.headers ?? {},
  };
}

/** `call` from a given client address. */
export const callFrom = (routeKey: string, sourceIp: string, overrides: EventOverrides = {}) =>
  call(routeKey, { ...overrides, sourceIp });

/** Sends no body even when the sample has one. */
export const NO_BODY: EventOverrides = { rawBody: '' };
