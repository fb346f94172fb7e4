import { defineConfig } from 'vitest/config';

// Crash tests: the real server as a child process, killed with SIGKILL mid-run (npm run test:crash).
export default defineConfig({
  test: {
    include: ['test/crash/**/*.test.ts'],
    // about 60 s a backend on an idle machine, mostly the demo seeding; ceilings for a busy one
    testTimeout: 360_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
