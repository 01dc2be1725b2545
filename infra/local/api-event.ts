import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Builds the API Gateway HTTP API (payload 2.0) event that AWS would deliver for a request, so the
 * local host and the tests call handlers with exactly what Lambda gets. Pure but for the ids.
 */
export interface RequestParts {
  method: string;
  /** Path without the query, as sent (percent-encoded). */
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer | string;
  routeKey: string;
  pathParameters?: Record<string, string>;
  sourceIp?: string;
  requestId?: string;
  now?: Date;
}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml|.*\+json)|text\/)/i;

export function toApiEvent(parts: RequestParts): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(parts.headers ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (key === 'cookie')
      cookies.push(
        ...joined
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    else headers[key] = joined;
  }
  const query: Record<string, string> = {};
  const rawQueryString = parts.rawQueryString ?? '';
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    // HTTP API joins repeated parameters with commas.
    query[key] = key in query ? `${query[key]},${value}` : value;
  }
  const bodyBuffer =
    parts.body === undefined
      ? undefined
      : Buffer.isBuffer(parts.body)
        ? parts.body
        : Buffer.from(parts.body);
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  const now = parts.now ?? new Date();
  const requestId = parts.requestId ?? randomUUID();
  return {
    version: '2.0',
    routeKey: parts.routeKey,
    rawPath: parts.rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(parts.pathParameters && Object.keys(parts.pathParameters).length
      ? { pathParameters: parts.pathParameters }
      : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: parts.method.toUpperCase(),
        path: parts.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: parts.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: parts.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(bodyBuffer?.length
      ? {
          body: isText ? bodyBuffer.toString('utf8') : bodyBuffer.toString('base64'),
          isBase64Encoded: !isText,
        }
      : { isBase64Encoded: false }),
  };
}
