import { describe, expect, it } from 'vitest';
import { mergeAccess, routeGroups, routeKeyOf, routes } from '../../../infra/routes';
import { createTableInput, mainTable } from '../../../infra/tables';

describe('table definitions', () => {
  it('build a CreateTable request with every key attribute declared once', () => {
    const input = createTableInput(mainTable, 't');
    const names = input.AttributeDefinitions.map((a) => a.AttributeName);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'pk', 'sk']);
    expect(input.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(input.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['gsi1', 'gsi2']);
  });
});

describe('route manifest', () => {
  it('keeps every API path under /api/ and every route key unique', () => {
    const keys = routes.map(routeKeyOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of routes) expect(r.path.startsWith('/api/')).toBe(true);
  });

  it('groups routes by function and merges their grants', () => {
    expect([...routeGroups().keys()]).toContain('system');
    expect(mergeAccess([{ main: 'read' }, { main: 'write' }])).toEqual({ main: 'readWrite' });
    expect(mergeAccess([{ main: 'read' }, { main: 'read' }])).toEqual({ main: 'read' });
  });
});
