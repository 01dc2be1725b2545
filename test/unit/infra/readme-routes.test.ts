import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routesTable } from '../../../scripts/routes-table';

describe('README', () => {
  it('shows the route table of the manifest as it is', () => {
    const readme = readFileSync(
      resolve(import.meta.dirname, '..', '..', '..', 'README.md'),
      'utf8',
    );
    const table = /<!-- routes:start -->\n([\s\S]*?)<!-- routes:end -->/.exec(readme)?.[1] ?? '';
    expect(table.trim()).toBe(routesTable().trim());
  });
});
