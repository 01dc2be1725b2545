import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTEXT_ROWS,
  configRows,
  envTable,
  LOCAL_ROWS,
  storageRows,
} from '../../../scripts/env-table';

const root = resolve(import.meta.dirname, '..', '..', '..');
const files = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(join(root, path)).isDirectory()
      ? files(path)
      : path.endsWith('.ts')
        ? [path]
        : [];
  });

/** Standard names read by the AWS SDK, CDK, Node or vitest themselves: documented by them. */
const STANDARD = new Set([
  'PATH',
  'VITEST',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'CDK_DEFAULT_ACCOUNT',
  'CDK_DEFAULT_REGION',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
]);

describe('README environment table', () => {
  it('is the generated table (npx tsx scripts/env-table.ts --write)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = /<!-- env:start -->\n([\s\S]*?)<!-- env:end -->/.exec(readme)?.[1] ?? '';
    expect(table.trim()).toBe(envTable().trim());
  });

  it('has a meaning for every key of the config schema (its JSDoc comment)', () => {
    const undocumented = configRows()
      .filter((row) => !row.meaning)
      .map((row) => row.name);
    expect(undocumented, 'add a /** comment */ above these keys in shared/config.ts').toEqual([]);
  });

  it('names every environment variable and CDK context key the code reads', () => {
    const documented = new Set([
      ...configRows().map((r) => r.name),
      ...storageRows(new Set()).map((r) => r.name),
      ...LOCAL_ROWS.map((r) => r.name),
    ]);
    const read = new Set<string>();
    const contextKeys = new Set<string>();
    for (const file of [
      'infra',
      'shared',
      'functions',
      'scripts',
      'bench',
      'test/helpers',
      'test/e2e',
    ].flatMap(files)) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const m of source.matchAll(
        /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g,
      ))
        read.add((m[1] ?? m[2]) as string);
      if (file.startsWith('infra/aws'))
        for (const m of source.matchAll(/(?:tryGetContext|context|number)\('([a-zA-Z]+)'\)/g))
          contextKeys.add(m[1] as string);
    }
    expect([...read].filter((name) => !documented.has(name) && !STANDARD.has(name))).toEqual([]);
    const documentedKeys = new Set(CONTEXT_ROWS.map((r) => r.key));
    expect([...contextKeys].filter((key) => !documentedKeys.has(key))).toEqual([]);
    expect(contextKeys.size).toBeGreaterThan(3);
  });
});
