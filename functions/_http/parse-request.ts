import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { AppError } from '../../shared/errors';

export interface RequestSpec {
  /** JSON body schema; without one, a route refuses any body. */
  body?: core.$ZodType;
  /** Path parameters; without one, a route must have none. */
  path?: core.$ZodType;
  /** Query string; without one, a route refuses any query parameter. */
  query?: core.$ZodType;
  /** This route's body limit in bytes (imports raise it); the configured default otherwise. */
  maxBodyBytes?: number;
  /**
   * Webhooks: accept any body and hand it over unparsed as `rawBody` (signatures are checked on
   * the bytes received, before anything is parsed). Not combined with `body`.
   */
  rawBody?: true;
}

export interface ParsedRequest<S extends RequestSpec> {
  body: S['body'] extends core.$ZodType ? core.output<S['body']> : undefined;
  path: S['path'] extends core.$ZodType ? core.output<S['path']> : Record<string, never>;
  query: S['query'] extends core.$ZodType ? core.output<S['query']> : Record<string, never>;
  /** The body as received (UTF-8), for routes with `rawBody` only. */
  rawBody: S['rawBody'] extends true ? string : undefined;
}

const Empty = z.strictObject({});

/** zod issues as plain data for the error envelope: where, what, and the rule. */
export function issuesOf(error: core.$ZodError, where: 'body' | 'path' | 'query') {
  return error.issues.slice(0, 20).map((issue) => ({
    in: where,
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

function parsePart(schema: core.$ZodType, value: unknown, where: 'body' | 'path' | 'query') {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new AppError('request.invalid', `Invalid ${where}`, {
      issues: issuesOf(result.error, where),
    });
  }
  return result.data;
}

/** Lone surrogates and NUL make keys and logs ambiguous: refused in any text we accept. */
export function hasUnsafeText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function hasUnsafeValue(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasUnsafeText(value);
  if (depth > 32) return true;
  if (Array.isArray(value)) return value.some((v) => hasUnsafeValue(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => hasUnsafeText(k) || hasUnsafeValue(v, depth + 1));
  }
  return false;
}

/**
 * Reads and validates what a handler needs from an API Gateway v2 event. Every failure is an
 * AppError with a 4xx code; nothing here can throw anything else.
 */
export function parseRequest<S extends RequestSpec>(
  spec: S,
  event: APIGatewayProxyEventV2,
  defaultMaxBodyBytes: number,
): ParsedRequest<S> {
  const rawBody = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(rawBody, 'base64').toString('utf8') : rawBody;
  const limit = spec.maxBodyBytes ?? defaultMaxBodyBytes;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > limit)
    throw new AppError('request.tooLarge', `Body exceeds ${limit} bytes`, { limit, size });

  let body: unknown;
  if (spec.body) {
    const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new AppError('request.unsupportedMediaType', 'Send the body as application/json', {
        expected: 'application/json',
      });
    }
    if (hasUnsafeText(text))
      throw new AppError('request.invalidJson', 'Body contains invalid characters');
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('request.invalidJson', 'Body is not valid JSON');
    }
    // JSON escapes (`"\\ud800"`) can carry what the raw-text check cannot see.
    if (hasUnsafeValue(body))
      throw new AppError('request.invalidJson', 'Body contains invalid characters');
    body = parsePart(spec.body, body, 'body');
  } else if (text.length > 0 && !spec.rawBody) {
    throw new AppError('request.unexpectedBody', 'This route takes no body');
  }

  const rawPath = event.pathParameters ?? {};
  const rawQuery = event.queryStringParameters ?? {};
  for (const value of [...Object.values(rawPath), ...Object.values(rawQuery)]) {
    if (value !== undefined && hasUnsafeText(value)) {
      throw new AppError('request.invalid', 'Parameter contains invalid characters');
    }
  }
  const path = parsePart(spec.path ?? Empty, rawPath, 'path');
  const query = parsePart(spec.query ?? Empty, rawQuery, 'query');
  return { body, path, query, ...(spec.rawBody ? { rawBody: text } : {}) } as ParsedRequest<S>;
}
