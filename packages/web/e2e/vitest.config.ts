import { defineConfig } from 'vitest/config';

// Browser tests: the real server (started by global-setup.ts) serving the built web app,
// driven through Debian's Chromium. `npm run test:e2e` builds first.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    // a whole flow with five people (officer, facilitator, coordinator, supervisor, kabupaten)
    // takes 15-25 s on two shared cores
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files run in parallel against the one server, one per core; every test has its own browser context.
    maxWorkers: 2,
    // expect.poll waits for what the page shows after a request (a POST, then a reload). Vitest's
    // default of 1 s is shorter than one round trip on two busy cores: the village head's
    // approval in puskesos.e2e failed that way (the approval text came after 1 s). Like
    // Playwright's own auto-waiting, wait up to 10 s for the state; it is no timed assertion.
    expect: { poll: { timeout: 10_000 } },
  },
});
