import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two files at a time, each with its own server on its own copy of the seeded template and its
    // own browser: one at a time, a file mostly waited on its page and left a core idle.
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
    // expect.poll waits for the page to get there; Vitest's default of 1 s was short when two
    // files share the cores (a 40-row simulation took longer to render); Playwright waits 5 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
