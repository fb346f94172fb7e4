import { defineConfig } from 'vitest/config';

// Crash tests: the real server as a child process, killed with SIGKILL mid-run (npm run test:crash).
export default defineConfig({
  test: {
    include: ['test/crash/**/*.test.ts'],
    // about 30 s a backend on an idle machine, mostly PGlite's initdb and the server's two starts;
    // ceilings for a busy one
    testTimeout: 360_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
