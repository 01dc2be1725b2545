import { defineConfig } from 'vitest/config';
import { integrationProject, unitProject } from './vitest.config';

/**
 * What `npm run test:mutation` (Stryker, stryker.config.mjs) runs against each mutant: the unit and
 * integration projects (in-process, DynamoDB Local started once by the integration globalSetup).
 * The infra (CDK synth) and e2e (a whole local host in a child process) projects are left out: they
 * take minutes per run and Stryker cannot see which of their tests cover a mutant.
 */
export default defineConfig({
  test: {
    projects: [
      // Instrumented code on a shared machine is slower: property tests get more time. Property
      // tests that size their runs with test/unit/vietqr/runs.ts run at most FC_NUM_RUNS cases
      // (default 50) per mutant: a mutant that survives 50 random cases is one for a fixed example.
      {
        test: {
          ...unitProject.test,
          testTimeout: 30_000,
          env: { FC_NUM_RUNS: process.env.FC_NUM_RUNS ?? '50' },
        },
      },
      integrationProject,
    ],
  },
});
