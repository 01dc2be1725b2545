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
      // Instrumented code on a shared machine is slower: property tests get more time.
      { test: { ...unitProject.test, testTimeout: 30_000 } },
      integrationProject,
    ],
  },
});
