#!/usr/bin/env node
// Runs the CLI from the compiled server in .build/server when it is the build of src/ as it is
// (`npm start` builds it; see bin/server-build.mjs), and otherwise the TypeScript sources through
// tsx's loader, so the repository needs no build step and an edit counts at once.
import { buildIsCurrent, ENTRY } from './server-build.mjs';

if (process.env.SOKOGURU_FROM_SOURCE !== '1' && buildIsCurrent()) {
  // stack traces name the TypeScript lines, as under tsx
  process.setSourceMapsEnabled(true);
  await import(new URL(`file://${ENTRY}`).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/run.ts');
}
