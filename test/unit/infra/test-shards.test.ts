import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { integrationProjects, slowIntegrationProjects } from '../../../vitest.config';

/** What a project's `include` / `exclude` globs of the forms the config uses match. */
function matches(globs: readonly string[], file: string): boolean {
  return globs.some((glob) => {
    const pattern = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\//g, '(?:.*/)?')
      .replace(/\*/g, '[^/]*');
    return new RegExp(`^${pattern}$`).test(file);
  });
}

describe('integration test projects', () => {
  const files = readdirSync('test/integration', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/integration/${f.replaceAll('\\', '/')}`);
  const projects = [...integrationProjects, ...slowIntegrationProjects];

  it('run every integration file in exactly one project (each project has its own DynamoDB Local)', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const owners = projects.filter(
        (p) =>
          matches(p.test.include, file) &&
          !matches('exclude' in p.test ? p.test.exclude : [], file),
      );
      expect(
        owners.map((p) => p.test.name),
        file,
      ).toHaveLength(1);
    }
  });

  it('give every project its own DynamoDB Local and table per file', () => {
    for (const p of projects) {
      expect(p.test.globalSetup).toEqual(['test/helpers/global-dynamodb.ts']);
      expect(p.test.setupFiles).toEqual(['test/helpers/integration-env.ts']);
    }
  });
});
