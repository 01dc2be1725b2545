import { describe, expect, it } from 'vitest';
import { OPENAPI_JSON } from '../../../functions/system/openapi.generated';
import { routes } from '../../../infra/routes';
import { buildOpenApi, serialise } from '../../../scripts/build-openapi';
import { call } from '../../helpers/call';

describe('GET /api/openapi.json', () => {
  it('serves the committed document, which is what the schemas generate today (run `npm run openapi`)', async () => {
    const committed = OPENAPI_JSON;
    expect(serialise(await buildOpenApi())).toBe(committed);

    const res = await call('GET /api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(committed));
  });

  it('describes every route of the manifest with its method, auth and request schemas', async () => {
    const doc = await buildOpenApi();
    // Local-only routes (the simulated transfer) are not part of the deployed API.
    for (const route of routes.filter((r) => !r.localOnly)) {
      const op = (
        doc.paths[route.path] as Record<string, { security: unknown[]; requestBody?: unknown }>
      )[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op?.security.length === 0).toBe(route.auth === 'public');
    }
    const signUp = (
      doc.paths['/api/sellers'] as Record<
        string,
        { requestBody: { content: Record<string, { schema: { required: string[] } }> } }
      >
    ).post;
    expect(signUp?.requestBody.content['application/json']?.schema.required).toContain('taxCode');
  });
});
