// @ts-check
/**
 * Mutation testing (StrykerJS): `npm run test:mutation` mutates shared/ and functions/ and runs the
 * unit + integration tests that cover each mutant (vitest.mutation.config.ts). One folder:
 *   npm run test:mutation -- --mutate 'shared/vietqr/**\/*.ts'
 * Incremental: results are kept in reports/mutation/incremental.json, so a rerun only retests
 * mutants in changed code or covered by changed tests (`--force` retests everything).
 * Report: reports/mutation/index.html. See docs/testing.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // Mutants that do not type-check are dropped before any test runs. The checker needs the whole
  // project to type-check first; STRYKER_CHECKERS=none skips it (e.g. while the tree is mid-edit).
  checkers: process.env.STRYKER_CHECKERS === 'none' ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: ['shared/**/*.ts', 'functions/**/*.ts', '!**/*.generated.ts', '!**/*.d.ts'],
  // Mutants in module-level code need a module reload per mutant: slow, and mostly constants.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
  // The machine has 2 cores: one worker by default (`--concurrency 2` on an idle machine).
  concurrency: 1,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: [
    '.data',
    'cdk.out',
    'web/dist',
    'test-results',
    'bench/.out',
    'reports',
    // the default temp dir and the ones `--tempDirName .stryker-tmp-<name>` makes for parallel runs
    '.stryker-tmp*',
  ],
  thresholds: { high: 85, low: 70, break: null },
};
