import { defineConfig } from 'vitest/config';

// Our machines run Node 20 on purpose (see README); the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// Four projects, one run: `npm test` runs them all; `npm run test:<name>` runs one.
// integration and e2e share one DynamoDB Local (in memory, random loopback port) per run.
/** Fast, in-process projects: the ones mutation testing runs (vitest.mutation.config.ts). */
export const unitProject = {
  test: {
    name: 'unit',
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
};
export const integrationProject = {
  test: {
    name: 'integration',
    include: ['test/integration/**/*.test.ts'],
    globalSetup: ['test/helpers/global-dynamodb.ts'],
    setupFiles: ['test/helpers/integration-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
};

export default defineConfig({
  test: {
    projects: [
      unitProject,
      integrationProject,
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
