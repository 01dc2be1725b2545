import { describe, expect, it } from 'vitest';
import { compileRoutes } from '../../../infra/local/router';
import type { RouteDefinition } from '../../../infra/routes';

const route = (
  method: RouteDefinition['method'],
  path: RouteDefinition['path'],
): RouteDefinition => ({
  method,
  path,
  handler: 'x.ts',
  group: 'g',
  auth: 'public',
  tables: {},
  summary: '',
});

describe('local router', () => {
  const match = compileRoutes([
    route('GET', '/api/products/{id}'),
    route('GET', '/api/products/search'),
    route('POST', '/api/products'),
    route('GET', '/api/files/{key+}'),
  ]);

  it('prefers an exact segment over a parameter, as API Gateway does', () => {
    expect(match('GET', '/api/products/search')).toMatchObject({
      kind: 'match',
      routeKey: 'GET /api/products/search',
    });
  });

  it('decodes path parameters', () => {
    expect(match('GET', '/api/products/t%C3%B4m')).toMatchObject({
      routeKey: 'GET /api/products/{id}',
      pathParameters: { id: 'tôm' },
    });
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(match('GET', '/api/files/a/b/c.png')).toMatchObject({
      pathParameters: { key: 'a/b/c.png' },
    });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(match('DELETE', '/api/products')).toEqual({
      kind: 'methodNotAllowed',
      allowed: ['POST'],
    });
    expect(match('GET', '/api/nothing')).toEqual({ kind: 'none' });
  });

  it('refuses malformed percent-encoding instead of throwing', () => {
    expect(match('GET', '/api/products/%E0%A4%A')).toEqual({ kind: 'badPath' });
  });
});
