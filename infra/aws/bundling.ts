import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * THE bundling settings of every Lambda function. The stack's NodejsFunction (nodejsBundling) and
 * the cold-start benchmark (esbuildOptions, esbuild's JS API) are both derived from `settings`, so
 * what we measure is what we deploy.
 *
 * Decisions:
 * - Runtime: the newest Node.js runtime aws-cdk-lib knows (cdk-nag AwsSolutions-L1), on arm64.
 *   esbuild targets exactly that Node (node24): nothing is down-levelled for an older Node than
 *   the one that runs the code (test/infra/bundling.test.ts keeps the two in step).
 * - ESM output (index.mjs) with `mainFields: module, main`: the SDK v3 and zod ship ESM builds
 *   that tree-shake; without module-first resolution the SDK's CJS build is bundled whole.
 * - `require` shim banner: a few bundled dependencies are CJS and call require() for Node
 *   built-ins, which an ESM bundle does not have.
 * - AWS SDK v3 is BUNDLED (nothing is external): the runtime's SDK version changes under us
 *   without a deploy, while a bundled one is the version our tests ran against (lib-dynamodb and
 *   client-dynamodb stay in step). Tree-shaken ESM loads one file instead of hundreds of
 *   node_modules files, which also helps cold starts.
 * - Source maps without sourcesContent: stack traces map to our files via
 *   NODE_OPTIONS=--enable-source-maps, and Node parses a map a third the size at load.
 * - Local esbuild only (no Docker): esbuild is a dev dependency.
 */
export const lambdaRuntime = Runtime.NODEJS_24_X;
export const lambdaArchitecture = Architecture.ARM_64;

export const settings = {
  target: 'node24',
  platform: 'node',
  format: 'esm',
  outFile: 'index.mjs',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner:
    "import { createRequire as __choSoCreateRequire } from 'node:module'; const require = __choSoCreateRequire(import.meta.url);",
  external: [] as string[],
} as const;

/**
 * The flags the Lambda Node.js runtime starts `node` with, for a function of `memoryMb`: its
 * bootstrap (`/var/runtime/bootstrap` in the public runtime images) runs
 * `node --expose-gc --max-http-header-size 81920 --max-semi-space-size=S --max-old-space-size=O`
 * with a tenth of the memory as new space (S = half of it) and the rest as old space; a 128 MB
 * function runs with S=6, O=116. Not something we set: the cold-start benchmark samples under them
 * so that it measures what Lambda runs (`--expose-gc` alone makes V8 reject Node's built-in code
 * cache, so built-in modules compile from source at import).
 */
export function lambdaRuntimeNodeArgs(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    '--expose-gc',
    '--max-http-header-size',
    '81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

/** Environment every function gets so stack traces point at the TypeScript sources. */
export const bundlingEnvironment = { NODE_OPTIONS: '--enable-source-maps' } as const;

/** For NodejsFunction's `bundling` prop. */
export function nodejsBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: settings.target,
    minify: settings.minify,
    sourceMap: settings.sourcemap,
    sourcesContent: settings.sourcesContent,
    mainFields: [...settings.mainFields],
    banner: settings.banner,
    externalModules: [...settings.external],
    forceDockerBundling: false,
    logLevel: LogLevel.WARNING,
  };
}

/** For esbuild's JS API (the benchmark): the same build NodejsFunction runs, into outDir. */
export function esbuildOptions(entryPoint: string, outDir: string): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile: `${outDir}/${settings.outFile}`,
    bundle: true,
    platform: settings.platform,
    target: settings.target,
    format: settings.format,
    minify: settings.minify,
    sourcemap: settings.sourcemap,
    sourcesContent: settings.sourcesContent,
    mainFields: [...settings.mainFields],
    banner: { js: settings.banner },
    external: [...settings.external],
    logLevel: 'warning',
    metafile: true,
  };
}
