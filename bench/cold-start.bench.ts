/**
 * Cold start: how much work a fresh Node.js process does to import each Lambda bundle, against a
 * FLOOR bundle that holds nothing but the DynamoDB clients every function needs anyway.
 *
 * The goal is on CPU time (user + system of the importing process, from process.cpuUsage()):
 * on Lambda the init phase has its vCPU to itself, so wall time ≈ CPU time there, while on a
 * shared build machine wall time mostly measures how long the process waited for a core (the
 * floor itself moved from 100 to 370 ms between runs while six test suites ran). Wall time is
 * still reported beside it.
 *
 * Every bundle is built with THE settings of infra/aws/bundling.ts (esbuildOptions: the same
 * options the stack's NodejsFunction passes to esbuild), from the same entries
 * (infra/bundle-entries.ts). Each sample is one new `node` process that imports the bundle with
 * NODE_OPTIONS=--enable-source-maps, as on Lambda; samples are interleaved across bundles over
 * rounds so drift hits all alike.
 *
 * The estimate is the interquartile mean (the mean of the middle half of the samples). One import's
 * CPU time varies by ±15 % from process to process on this machine even when it is otherwise idle
 * (the floor: 60-94 ms of main-thread CPU in 21 consecutive samples), so with 15 samples and the
 * median a function's ratio moved by ±0.1 between runs. Every ratio divides by the floor's
 * estimate, so the floor is sampled three times per round (spread over it), and 31 rounds are
 * the default.
 *
 * The samples run on the Node.js major of the Lambda runtime (lambdaRuntime: Node 24), fetched by
 * scripts/node24.sh when the `node` running the bench is another one. Under --enable-source-maps
 * Node 20 pays at import in proportion to the bundle's map (measured: floor +8 ms, a 2.2 MB map
 * +50 ms), Node 24 a few ms that do not grow with it, so on Node 20 big bundles weigh far more
 * than on Lambda.
 * COLD_START_NODE=current keeps the running node (the output says which Node ran the samples).
 *
 * Each sample runs with the flags Lambda's Node.js runtime starts node with (lambdaRuntimeNodeArgs in infra/aws/bundling.ts),
 * for the functions' memory size. They matter: with `--expose-gc` V8 rejects the code cache Node
 * embeds for its own built-in modules (the flag hash differs), so every built-in module an import
 * loads (http, https, crypto, stream...) is compiled from source: the floor costs ~35 ms more CPU
 * than under plain `node`, on Lambda as here. Our code's cost over the floor does not change with
 * them, so every ratio is lower than under plain node; the output also gives that cost in ms, the
 * figure that does not depend on the floor. COLD_START_FLAGS=none samples under plain node.
 *
 *   npm run bench -- cold-start [runs=31] [function names, comma-separated: api-system,job-heartbeat]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { functionDefaults } from '../infra/aws/api-function';
import {
  esbuildOptions,
  lambdaRuntime,
  lambdaRuntimeNodeArgs,
  settings,
} from '../infra/aws/bundling';
import { prepareFunctionEntries, repoRoot } from '../infra/bundle-entries';
import { type BenchModule, type Comparison, interquartileMean } from './harness';

const FLOOR = 'floor';
const FLOOR_SOURCE = `// Cold-start floor: the DynamoDB clients every function constructs, nothing else.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const handler = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

/** What the function sees at import on Lambda, minus credentials (imports need none). */
const childEnv = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'x',
  AWS_REGION: 'ap-southeast-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_OPTIONS: '--enable-source-maps',
};

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  mapBytes: number;
  metafile: Metafile;
}

async function buildBundles(outRoot: string, only: string[]): Promise<Bundle[]> {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  // Inside the repository so that node_modules resolves, as for the real entries.
  const floorEntry = join(outRoot, 'floor-entry.ts');
  writeFileSync(floorEntry, FLOOR_SOURCE);
  const entries = [
    { name: FLOOR, entryPath: floorEntry },
    ...prepareFunctionEntries()
      .filter((entry) => only.length === 0 || only.includes(entry.name))
      .map((entry) => ({ name: entry.name, entryPath: entry.entryPath })),
  ];
  return Promise.all(
    entries.map(async ({ name, entryPath }) => {
      const outDir = join(outRoot, name);
      const result = await build(esbuildOptions(entryPath, outDir));
      const file = join(outDir, settings.outFile);
      return {
        name,
        file,
        bytes: statSync(file).size,
        mapBytes: statSync(`${file}.map`).size,
        metafile: result.metafile as Metafile,
      };
    }),
  );
}

interface Sample {
  /** Wall time from before import() to after it resolves, in ms. */
  wall: number;
  /** CPU time (user + system) the process spent over the same span, in ms. */
  cpu: number;
}

/** The node binary the samples run on: the Lambda runtime's major if it can be had. */
function sampleNode(): { path: string; version: string } {
  const current = { path: process.execPath, version: process.version };
  const want = /^nodejs(\d+)\.x$/.exec(lambdaRuntime.name)?.[1];
  if (process.env.COLD_START_NODE === 'current' || process.versions.node.startsWith(`${want}.`))
    return current;
  const script = join(repoRoot, 'scripts', `node${want}.sh`);
  const out = spawnSync(
    'bash',
    [script, 'node', '-p', 'process.execPath + "\\n" + process.version'],
    { encoding: 'utf8' },
  );
  const [path, version] = out.stdout?.trim().split('\n') ?? [];
  if (out.status === 0 && path && version?.startsWith(`v${want}.`)) return { path, version };
  console.warn(
    `  (no Node ${want} from ${script}: samples run on ${process.version}, unlike Lambda)`,
  );
  return current;
}

let node = { path: process.execPath, version: process.version };
let nodeArgs: string[] = [];

/** One sample: a new node process importing the bundle. */
function importTime(file: string): Sample {
  const code = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const wall = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall, cpu: (u.user + u.system) / 1000 }));`;
  const out = spawnSync(node.path, [...nodeArgs, '--input-type=module', '-e', code], {
    env: childEnv,
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`importing ${file} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout) as Sample;
}

/** Largest packages in a bundle (bytes of output they contribute), for the description lines. */
function topPackages(metafile: Metafile, count = 4): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = match?.[1] ?? '(our code)';
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`)
    .join(', ');
}

const kb = (bytes: number) => bytes / 1024;

const bench: BenchModule = {
  description:
    'Lambda cold start: import CPU time (interquartile mean) (and wall time) of each bundle (infra/aws/bundling.ts settings) in a fresh node process, against a floor bundle holding only the DynamoDB clients',
  async run(args) {
    const runs = Number(args[0] ?? 31);
    const only = (args[1] ?? '').split(',').filter(Boolean);
    const outRoot = join(repoRoot, 'bench', '.out', 'cold-start');
    const bundles = await buildBundles(outRoot, only);
    node = sampleNode();
    nodeArgs =
      process.env.COLD_START_FLAGS === 'none'
        ? []
        : lambdaRuntimeNodeArgs(functionDefaults.memorySize);
    console.log(
      `  samples on Node ${node.version} ${nodeArgs.length ? `with Lambda's flags (${nodeArgs.join(' ')})` : 'without flags (plain node)'}, ${runs} per bundle (${3 * runs} of the floor)`,
    );
    const floor = bundles.find((b) => b.name === FLOOR);
    if (!floor) throw new Error('floor bundle missing');

    for (const bundle of bundles) importTime(bundle.file); // warm the file cache
    const samples = new Map<string, Sample[]>(bundles.map((b) => [b.name, []]));
    const others = bundles.filter((b) => b !== floor);
    const third = Math.ceil(others.length / 3);
    for (let round = 0; round < runs; round++) {
      // rotate the order each round so no bundle always runs first or last; the floor runs at
      // the start of each third of the round
      for (let i = 0; i < others.length; i++) {
        if (i % third === 0) samples.get(FLOOR)?.push(importTime(floor.file));
        const bundle = others[(i + round) % others.length] as Bundle;
        samples.get(bundle.name)?.push(importTime(bundle.file));
      }
    }
    const estimateOf = (name: string, of: keyof Sample = 'cpu') =>
      interquartileMean((samples.get(name) ?? []).map((sample) => sample[of]));
    const floorMs = estimateOf(FLOOR);
    const floorWall = estimateOf(FLOOR, 'wall');

    for (const bundle of bundles) {
      console.log(
        `  ${bundle.name}: ${kb(bundle.bytes).toFixed(0)} KB (+ ${kb(bundle.mapBytes).toFixed(0)} KB map); largest: ${topPackages(bundle.metafile)}`,
      );
    }
    const functions = bundles.filter((b) => b.name !== FLOOR);
    // The cost over the floor in ms: what the function's own code adds, whatever the floor is.
    console.log(
      `  import CPU over the floor (${floorMs.toFixed(1)} ms): ${functions
        .map((bundle) => `${bundle.name} +${(estimateOf(bundle.name) - floorMs).toFixed(1)}`)
        .join(', ')}`,
    );
    const times: Comparison[] = functions.map((bundle) => ({
      figure: `${bundle.name} import CPU`,
      unit: 'ms',
      value: estimateOf(bundle.name),
      baselineName: 'floor (DynamoDB clients)',
      baseline: floorMs,
      higherIsBetter: false,
      goal: { ratio: 1.25, comparison: 'atMost' },
    }));
    const walls: Comparison[] = functions.map((bundle) => ({
      figure: `${bundle.name} import wall`,
      unit: 'ms',
      value: estimateOf(bundle.name, 'wall'),
      baselineName: 'floor (DynamoDB clients)',
      baseline: floorWall,
      higherIsBetter: false,
    }));
    const sizes: Comparison[] = functions.map((bundle) => ({
      figure: `${bundle.name} bundle size`,
      unit: 'KB',
      value: kb(bundle.bytes),
      baselineName: 'floor (DynamoDB clients)',
      baseline: kb(floor.bytes),
      higherIsBetter: false,
    }));
    return [...times, ...walls, ...sizes];
  },
};

export default bench;
