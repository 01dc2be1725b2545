import type { RouteAuth } from '../../infra/routes';

/**
 * Who may call each route, by API Gateway routeKey (`GET /api/health`). The manifest
 * (infra/routes.ts) stays the one source of truth, but a Lambda function does not bundle it:
 * - on AWS the generated entry of a route group (infra/bundle-entries.ts) carries its own routes'
 *   `auth`, copied from the manifest at build time, and dispatch() hands it over (useRouteAuth).
 *   The whole manifest (every route of every function, ~14 KB) cost ~3 ms CPU at each cold start;
 * - on the local host and in tests, which call handler modules directly, the manifest is imported
 *   on first use.
 */
let byRouteKey: ReadonlyMap<string, RouteAuth> | undefined;
let loading: Promise<ReadonlyMap<string, RouteAuth>> | undefined;

/** The auth of every route this function serves (the generated group entry, through dispatch). */
export function useRouteAuth(auth: Readonly<Record<string, RouteAuth>>): void {
  byRouteKey = new Map(Object.entries(auth));
}

/** The route's auth, or undefined for a routeKey the manifest does not have. */
export async function routeAuthOf(routeKey: string): Promise<RouteAuth | undefined> {
  if (!byRouteKey) {
    loading ??= manifestAuth();
    byRouteKey = await loading;
  }
  return byRouteKey.get(routeKey);
}

/**
 * Not a string literal on purpose: esbuild bundles only literal import paths, so the manifest
 * stays out of the Lambda bundles (where useRouteAuth has always run first).
 */
const MANIFEST = '../../infra/routes';

async function manifestAuth(): Promise<ReadonlyMap<string, RouteAuth>> {
  const { routes, routeKeyOf } = (await import(MANIFEST)) as typeof import('../../infra/routes');
  return new Map(routes.map((route) => [routeKeyOf(route), route.auth]));
}
