import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * An `events/<name>.json` sample with overrides: `apiEvent('system/get-health', { query: {...} })`.
 * Each call gets a fresh requestId.
 */
export interface EventOverrides {
  body?: unknown;
  /** Raw body text, sent as is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | undefined>;
  path?: Record<string, string | undefined>;
  rawPath?: string;
  /** The client address (`requestContext.http.sourceIp`): per-address throttles, the audit trail. */
  sourceIp?: string;
}

const eventsDir = resolve(import.meta.dirname, '..', '..', 'events');

export function apiEvent(name: string, overrides: EventOverrides = {}): APIGatewayProxyEventV2 {
  const base = JSON.parse(
    readFileSync(join(eventsDir, `${name}.json`), 'utf8'),
  ) as APIGatewayProxyEventV2;
  const body =
    overrides.rawBody ??
    (overrides.body === undefined ? undefined : JSON.stringify(overrides.body));
  const headers = {
    ...base.headers,
    ...(body !== undefined && overrides.rawBody === undefined
      ? { 'content-type': 'application/json' }
      : {}),
    ...overrides.headers,
  };
  return {
    ...base,
    headers,
    ...(overrides.rawPath ? { rawPath: overrides.rawPath } : {}),
    ...(overrides.query ? { queryStringParameters: overrides.query } : {}),
    ...(overrides.path ? { pathParameters: overrides.path } : {}),
    ...(body !== undefined ? { body, isBase64Encoded: false } : {}),
    requestContext: {
      ...base.requestContext,
      requestId: randomUUID(),
      ...(overrides.sourceIp
        ? { http: { ...base.requestContext.http, sourceIp: overrides.sourceIp } }
        : {}),
    },
  };
}
