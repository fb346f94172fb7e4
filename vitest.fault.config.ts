import { defineConfig } from 'vitest/config';

// Fault suite: the real server on a throwaway PostgreSQL cluster it may take away under load
// (npm run test:fault; test/fault/).
export default defineConfig({
  test: {
    include: ['test/fault/**/*.test.ts'],
    // the fresh cluster (initdb) and the server's starts are most of it; ceilings for a busy machine
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
