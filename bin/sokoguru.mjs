#!/usr/bin/env node
// Runs the CLI from the compiled server in .build/server when it is the build of src/ as it is
// (`npm start` builds it; see bin/server-build.mjs), and otherwise the TypeScript sources through
// tsx's loader, so the repository needs no build step and an edit counts at once.
import { pathToFileURL } from 'node:url';
import { buildIsCurrent, ENTRY } from './server-build.mjs';

if (process.env.SOKOGURU_FROM_SOURCE !== '1' && buildIsCurrent()) {
  // Stack traces name the compiled files (.build/server/src/…, the same names and functions as
  // src/). Node's source maps are left off: they would keep every loaded module's map in memory,
  // PGlite's included (about 20 MiB of the idle server: 287-303 MiB with them, 268-271 without);
  // NODE_OPTIONS=--enable-source-maps gives TypeScript lines at that price.
  await import(pathToFileURL(ENTRY).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/run.ts');
}
