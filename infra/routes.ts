import type { TableId } from './tables';

/**
 * THE route manifest. Each entry is one API route: the CDK stack makes an HTTP API route and grants
 * its function exactly the table access named here; the local host serves the same path with the
 * same handler module; the robustness and access tests walk every entry. Add a route here and it
 * joins all of them.
 *
 * Handlers are grouped: one Lambda function per `group` (infra/bundle-entries.ts generates the
 * group's entry, which dispatches on the API Gateway routeKey). The function gets the union of its
 * routes' grants.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TableAccess = 'read' | 'write' | 'readWrite';
export type RouteAuth = 'public';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway v2 path syntax: `/api/products/{id}`. Always under /api/. */
  path: `/api/${string}`;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  /** Lambda function that serves this route. */
  group: string;
  /** Who may call it. */
  auth: RouteAuth;
  tables: Partial<Record<TableId, TableAccess>>;
  summary: string;
}

export interface StreamConsumerDefinition {
  id: string;
  handler: string;
  /** Table whose stream is consumed. */
  source: TableId;
  tables: Partial<Record<TableId, TableAccess>>;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  retryAttempts: number;
}

export interface JobDefinition {
  id: string;
  handler: string;
  everyMinutes: number;
  tables: Partial<Record<TableId, TableAccess>>;
  summary: string;
}

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/health',
    handler: 'functions/system/get-health.ts',
    group: 'system',
    auth: 'public',
    tables: { main: 'read' },
    summary: "Reports the tables' status, the stream consumer and the scheduler.",
  },
];

export const streamConsumers: readonly StreamConsumerDefinition[] = [
  {
    id: 'tableStream',
    handler: 'functions/streams/on-table-change.ts',
    source: 'main',
    tables: { main: 'readWrite' },
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    retryAttempts: 5,
  },
];

export const jobs: readonly JobDefinition[] = [
  {
    id: 'heartbeat',
    handler: 'functions/jobs/record-heartbeat.ts',
    everyMinutes: 5,
    tables: { main: 'write' },
    summary: 'Records that the scheduler ran, so /api/health can tell a stalled scheduler.',
  },
];

/** `GET /api/health`: the routeKey API Gateway puts into every event. */
export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>) =>
  `${route.method} ${route.path}`;

/** Route groups in manifest order, each with its routes. */
export function routeGroups(
  list: readonly RouteDefinition[] = routes,
): Map<string, RouteDefinition[]> {
  const groups = new Map<string, RouteDefinition[]>();
  for (const route of list) groups.set(route.group, [...(groups.get(route.group) ?? []), route]);
  return groups;
}

/** Union of grants: write + read = readWrite. */
export function mergeAccess(
  grants: ReadonlyArray<Partial<Record<TableId, TableAccess>>>,
): Partial<Record<TableId, TableAccess>> {
  const out: Partial<Record<TableId, TableAccess>> = {};
  for (const grant of grants) {
    for (const [table, access] of Object.entries(grant) as [TableId, TableAccess][]) {
      const prev = out[table];
      out[table] = !prev || prev === access ? access : 'readWrite';
    }
  }
  return out;
}
