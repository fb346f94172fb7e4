#!/usr/bin/env node
// Compiles the server (src/) into .build/server unless that build is already current; see
// bin/server-build.mjs. Run by `npm start` and the deposit benchmark.
import { buildIsCurrent, buildServer } from '../bin/server-build.mjs';

if (buildIsCurrent()) {
  console.log('server build is up to date (.build/server)');
} else {
  const t0 = performance.now();
  const { files } = await buildServer();
  console.log(
    `server built (.build/server, ${files} files, ${Math.round(performance.now() - t0)} ms)`,
  );
}
