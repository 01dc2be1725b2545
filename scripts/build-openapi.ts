import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { routes } from '../infra/routes';
import { ERROR_CODES } from '../shared/errors';

/**
 * Builds the OpenAPI 3.1 document from the manifest (paths, methods, auth, summaries) and the
 * zod schemas each handler declares (body, path, query). `npm run openapi` writes it to
 * functions/system/openapi.generated.ts, which GET /api/openapi.json serves; a test fails when
 * the committed file is stale.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OPENAPI_FILE = join(root, 'functions', 'system', 'openapi.generated.ts');

type Spec = { body?: core.$ZodType; path?: core.$ZodType; query?: core.$ZodType };
type JsonSchema = { properties?: Record<string, unknown>; required?: string[] } & Record<
  string,
  unknown
>;

/** JSON Schema of what a client sends (input side of transforms), without a `$schema` line. */
function toSchema(schema: core.$ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return json;
}

function parameters(schema: core.$ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export async function buildOpenApi() {
  process.env.TABLE_NAME ??= 'openapi';
  const paths: Record<string, Record<string, unknown>> = {};
  // Local-only routes (the simulated transfer) are not part of the deployed API.
  for (const route of routes.filter((r) => !r.localOnly)) {
    const mod = (await import(pathToFileURL(join(root, route.handler)).href)) as {
      handler: { spec?: Spec };
    };
    const spec = mod.handler.spec ?? {};
    const security =
      route.auth === 'public'
        ? []
        : [{ session: [] }, { sessionCookie: [] }, ...(route.auth.apiKey ? [{ apiKey: [] }] : [])];
    const roles = route.auth === 'public' ? 'anyone' : route.auth.roles.join(', ');
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.handler
        .replace(/^functions\//, '')
        .replace(/\.ts$/, '')
        .replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
      summary: route.summary,
      description: `Who: ${roles}.`,
      tags: [route.group],
      security,
      parameters: [...parameters(spec.path, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(spec.body) } },
            },
          }
        : {}),
      responses: {
        '2XX': { description: 'Success (JSON; 204 has no body).' },
        '4XX': { $ref: '#/components/responses/Error' },
        '5XX': { $ref: '#/components/responses/Error' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chợ Số API',
      version: '1.0.0',
      description:
        'Chợ Số: storefront, seller and officer API. Money is integer VND. Errors: {"error":{"code","message","details"},"requestId"}; branch on code.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          description: 'Session token from POST /api/auth/sign-in',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-cs_session' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Seller API key' },
      },
      responses: {
        Error: {
          description: 'Error envelope',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['error', 'requestId'],
                properties: {
                  error: {
                    type: 'object',
                    required: ['code', 'message'],
                    properties: {
                      code: { type: 'string', enum: [...ERROR_CODES] },
                      message: { type: 'string' },
                      details: { type: 'object' },
                    },
                  },
                  requestId: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
}

export const serialise = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/**
 * The generated module: the document as one string literal, served as it is. A string costs
 * next to nothing at cold start; the same document as a JSON import is a 55 KB object literal to
 * evaluate in every container of the function.
 */
export const moduleSource = (doc: unknown) =>
  `// Generated by \`npm run openapi\` (scripts/build-openapi.ts): do not edit.\nexport const OPENAPI_JSON =\n  ${JSON.stringify(serialise(doc))};\n`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_FILE, moduleSource(await buildOpenApi()));
  console.log(`wrote ${OPENAPI_FILE}`);
}
