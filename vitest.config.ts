import { defineConfig } from 'vitest/config';

// Unit and integration tests. Browser tests have their own config (packages/web/e2e).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['packages/server/src/testing/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      { test: { name: 'web', include: ['packages/web/src/**/*.test.ts'] } },
    ],
  },
});
