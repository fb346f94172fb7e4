import { fuzzRoutes } from './fuzz-sweep.js';

// Shard 1 of the sweep of every route (./fuzz-sweep.ts says what it checks).
fuzzRoutes(0, 2);
