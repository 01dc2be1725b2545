import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  esbuildOptions,
  lambdaRuntime,
  lambdaRuntimeNodeArgs,
  nodejsBundling,
  settings,
} from '../../infra/aws/bundling';
import {
  type FunctionEntry,
  functionEntries,
  groupEntrySource,
  prepareFunctionEntries,
  repoRoot,
} from '../../infra/bundle-entries';
import { type RouteDefinition, routeGroups, routeKeyOf, routes } from '../../infra/routes';

const route = (over: Partial<RouteDefinition>): RouteDefinition => ({
  method: 'GET',
  path: '/api/x',
  handler: 'functions/system/get-health.ts',
  group: 'system',
  auth: 'public',
  tables: {},
  summary: 'x',
  ...over,
});

describe('function entries', () => {
  it('generates one entry per route group that dispatches every routeKey of the group', () => {
    const entries = functionEntries({ entriesDir: '/repo/cdk.out/.entries' });

    for (const [group, groupRoutes] of routeGroups(routes.filter((r) => !r.localOnly))) {
      const entry = entries.find((e) => e.name === `api-${group}`);
      expect(entry?.kind).toBe('api');
      for (const r of groupRoutes) expect(entry?.source).toContain(`'${routeKeyOf(r)}': h`);
    }
  });

  it('imports each handler module once, by a path that resolves to the handler file', () => {
    const entriesDir = resolve('cdk.out/.entries');
    const source = groupEntrySource(
      'g',
      [
        route({ method: 'GET', path: '/api/a' }),
        route({ method: 'POST', path: '/api/a' }),
        route({ path: '/api/b', handler: 'functions/jobs/record-heartbeat.ts' }),
      ],
      entriesDir,
    );

    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    expect(imports).toHaveLength(3);
    for (const path of imports) {
      expect(path).not.toMatch(/\.ts$/);
      expect(existsSync(`${resolve(entriesDir, path)}.ts`), path).toBe(true);
    }
    expect(source).toContain("'GET /api/a': h0,\n  'POST /api/a': h0,\n  'GET /api/b': h1,");
  });

  it('points stream consumers and jobs at their handler files', () => {
    const entries = functionEntries();

    for (const entry of entries.filter((e) => e.kind !== 'api')) {
      expect(entry.source).toBeUndefined();
      expect(existsSync(entry.entryPath), entry.entryPath).toBe(true);
    }
  });

  it('gives each group the union of its routes grants', () => {
    const entries = functionEntries({
      routes: [
        route({ path: '/api/a', tables: { main: 'read' } }),
        route({ path: '/api/b', tables: { main: 'write' } }),
        route({ path: '/api/c', group: 'other', tables: {} }),
      ],
    });

    expect(entries.find((e) => e.name === 'api-system')?.tables).toEqual({ main: 'readWrite' });
    expect(entries.find((e) => e.name === 'api-other')?.tables).toEqual({});
  });

  it('refuses a routeKey declared twice', () => {
    expect(() => functionEntries({ routes: [route({}), route({ group: 'other' })] })).toThrow(
      /declared twice/,
    );
  });

  it('covers every manifest route but the local-only ones', () => {
    const served = functionEntries().flatMap((e) => e.routes);

    const deployed = routes.filter((r) => !r.localOnly);
    expect(served.map(routeKeyOf).sort()).toEqual(deployed.map(routeKeyOf).sort());
    expect(deployed.length).toBeLessThan(routes.length);
  });
});

describe('bundling settings', () => {
  it('feeds NodejsFunction and the benchmark the same esbuild settings', () => {
    const cdk = nodejsBundling();
    const js = esbuildOptions('/x/entry.ts', '/out');

    expect(cdk).toMatchObject({
      format: js.format,
      target: js.target,
      minify: js.minify,
      sourceMap: js.sourcemap,
      sourcesContent: js.sourcesContent,
      mainFields: js.mainFields,
      banner: js.banner?.js,
      externalModules: js.external,
      forceDockerBundling: false,
    });
    expect(js.outfile).toBe('/out/index.mjs');
    expect(dirname(js.outfile ?? '')).toBe('/out');
    expect(settings.format).toBe('esm');
    expect(settings.mainFields).toEqual(['module', 'main']);
  });

  it('targets the Node.js that the Lambda runtime runs', () => {
    // NODEJS_24_X → node24: esbuild neither down-levels for an older Node nor emits newer syntax.
    const runtimeMajor = /^nodejs(\d+)\.x$/.exec(lambdaRuntime.name)?.[1];
    expect(runtimeMajor).toBeDefined();
    expect(settings.target).toBe(`node${runtimeMajor}`);
    expect(nodejsBundling().target).toBe(`node${runtimeMajor}`);
  });

  it("gives the cold-start bench the Lambda runtime's node flags for a memory size", () => {
    // The argv a 128 MB function's process shows on Lambda.
    expect(lambdaRuntimeNodeArgs(128)).toEqual([
      '--expose-gc',
      '--max-http-header-size',
      '81920',
      '--max-semi-space-size=6',
      '--max-old-space-size=116',
    ]);
    // Ours: 1024 MB → 102 MB new space, 51 MB per semi-space, 922 MB old space.
    expect(lambdaRuntimeNodeArgs(1024).slice(3)).toEqual([
      '--max-semi-space-size=51',
      '--max-old-space-size=922',
    ]);
    expect(lambdaRuntimeNodeArgs(1769).slice(3)).toEqual([
      '--max-semi-space-size=88',
      '--max-old-space-size=1593',
    ]);
  });
});

describe('function bundles', () => {
  // Every function, bundled as deployed (not minified, not written), in one esbuild run.
  let built: Promise<{ entries: FunctionEntry[]; outputs: Metafile['outputs'] }> | undefined;
  const buildAll = () => {
    built ??= buildEveryFunction();
    return built;
  };
  async function buildEveryFunction() {
    const entries = prepareFunctionEntries({
      entriesDir: join(repoRoot, 'cdk.out', '.entries-bundling-test'),
    });
    const base = esbuildOptions(entries[0]?.entryPath ?? '', '/unused');
    const result = await build({
      ...base,
      entryPoints: Object.fromEntries(entries.map((e) => [e.name, e.entryPath])),
      outfile: undefined,
      outdir: join(repoRoot, 'cdk.out', '.bundling-test-out'),
      write: false,
      minify: false,
      sourcemap: false,
      absWorkingDir: repoRoot,
    });
    return { entries, outputs: result.metafile?.outputs ?? {} };
  }
  /** The functions whose bundle holds an input whose path contains `fragment`, sorted. */
  const carriersIn = (outputs: Metafile['outputs']) => (fragment: string) =>
    Object.entries(outputs)
      .filter(([, out]) => out.entryPoint)
      .filter(([, out]) => Object.keys(out.inputs).some((i) => i.includes(fragment)))
      .map(([path]) => path.replace(/^.*\//, '').replace(/\.m?js$/, ''))
      .sort();
  const inputsByFunction = (outputs: Metafile['outputs']) =>
    Object.entries(outputs)
      .filter(([, out]) => out.entryPoint)
      .map(([path, out]) => ({
        name: path.replace(/^.*\//, '').replace(/\.m?js$/, ''),
        bytesOf: (input: string) => out.inputs[input]?.bytesInOutput ?? 0,
      }));

  it('carry no exceljs: the statistics export writes XLSX itself', {
    timeout: 240_000,
  }, async () => {
    const { entries, outputs } = await buildAll();
    const functions = inputsByFunction(outputs);
    expect(functions).toHaveLength(entries.length);
    // The statistics export writes XLSX with shared/stats/xlsx.ts (fflate); exceljs is a test oracle.
    const withExcel = Object.entries(outputs)
      .filter(([, out]) => out.entryPoint)
      .filter(([, out]) =>
        Object.keys(out.inputs).some((i) => i.includes('node_modules/exceljs/')),
      );
    expect(withExcel).toEqual([]);
    const statsExport = functions.find((fn) => fn.name === 'api-statsExport');
    expect(statsExport?.bytesOf('shared/stats/xlsx.ts')).toBeGreaterThan(0);
  });

  it('carry no SESv2 client: mail is one signed POST (shared/mail/ses.ts)', {
    timeout: 240_000,
  }, async () => {
    const { outputs } = await buildAll();
    const carriers = carriersIn(outputs);
    expect(carriers('node_modules/@aws-sdk/client-sesv2/')).toEqual([]);
    expect(carriers('shared/mail/ses.ts')).toEqual(['api-accounts', 'stream-tableStream']);
  });

  it('carry the bank list only where a bank account is read or checked', {
    timeout: 240_000,
  }, async () => {
    const { outputs } = await buildAll();
    const carriers = carriersIn(outputs);
    // Sign-up and profile (seller schemas), the officer queue, VietQR orders, reference data.
    expect(carriers('shared/vietqr/banks.generated.ts')).toEqual([
      'api-accounts',
      'api-officer',
      'api-orders',
      'api-sellerOrders',
      'api-sellers',
      'api-system',
    ]);
    // A date helper or a phone rule must not pull the seller schemas; open data no payments.
    expect(carriers('shared/sellers/seller.ts')).not.toContain('api-orders');
    expect(carriers('shared/sellers/seller.ts')).not.toContain('job-expireOrders');
    expect(carriers('shared/db/payments.ts')).not.toContain('api-openData');
    expect(carriers('shared/orders/order.ts')).not.toContain('api-openData');
    // The lists come as JSON.parse strings (scripts/data-modules.ts), never as object literals.
    expect(carriers('shared/vietqr/banks.json')).toEqual([]);
    expect(carriers('shared/geo/camau-communes.json')).toEqual([]);
  });

  it('leave the route manifest out: each group entry carries its own routes auth', {
    timeout: 240_000,
  }, async () => {
    const { entries, outputs } = await buildAll();

    const functions = inputsByFunction(outputs);
    expect(functions).toHaveLength(entries.length);
    // The health route reads the job list (jobs alone, ~1 KB); no function carries the routes.
    for (const fn of functions) expect(fn.bytesOf('infra/routes.ts'), fn.name).toBeLessThan(2000);
    const withRoutes = functions.filter((fn) => fn.bytesOf('infra/routes.ts') > 0);
    expect(withRoutes.map((fn) => fn.name)).toEqual(['api-system']);
    for (const entry of entries.filter((e) => e.kind === 'api')) {
      for (const r of entry.routes)
        expect(entry.source).toContain(`'${routeKeyOf(r)}': ${JSON.stringify(r.auth)},`);
    }
  });
});
