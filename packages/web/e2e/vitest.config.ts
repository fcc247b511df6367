import { defineConfig } from 'vitest/config';

// Browser tests: the real server (started by global-setup.ts) serving the built web app,
// driven through Debian's Chromium. `npm run test:e2e` builds first.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files run in parallel against the one server; every test has its own browser context.
    maxWorkers: 4,
  },
});
