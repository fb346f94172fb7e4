import { fuzzRoutes } from './fuzz-sweep.js';

// Shard 2 of the sweep of every route (./fuzz-sweep.ts says what it checks).
fuzzRoutes(1, 2);
