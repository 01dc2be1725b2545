import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../infra/routes';
import { fixture } from './stack-fixture';

/**
 * Local-only routes (infra/routes.ts `localOnly`: the simulated bank transfer) must leave no trace
 * on AWS: no API route, no function, no bundled entry that imports their handler.
 */
describe('local-only routes', () => {
  const local = routes.filter((r) => r.localOnly);

  it('exist (the simulated transfer is one)', () => {
    expect(local.map((r) => r.path)).toContain('/api/dev/simulate-transfer');
  });

  it('leave no trace in the AWS template or the bundled entries', () => {
    const { template, functions } = fixture();
    const text = JSON.stringify(template.toJSON());
    for (const route of local) {
      expect(text).not.toContain(route.path);
      expect(text).not.toContain(route.handler.replace(/\.ts$/, ''));
      expect(text).not.toContain(`api-${route.group}`);
    }
    expect(text).not.toMatch(/simulate/i);
    for (const entry of functions) {
      expect(entry.routes.some((r) => r.localOnly)).toBe(false);
      if (entry.kind !== 'api') continue;
      const dir = join(entry.entryPath, '..');
      const source = readdirSync(dir).includes(entry.entryPath.split('/').pop() as string)
        ? readFileSync(entry.entryPath, 'utf8')
        : '';
      expect(source).not.toContain('simulate-transfer');
    }
  });
});
