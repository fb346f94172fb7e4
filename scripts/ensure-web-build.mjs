#!/usr/bin/env node
// Builds the web app (vite build) only when web/dist is missing or older than its sources, so
// `npm start` is quick after the first time.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const out = 'web/dist/index.html';
function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}
const sources = Math.max(newest('web/src'), newest('web/index.html'), newest('vite.config.ts'));
if (existsSync(out) && statSync(out).mtimeMs >= sources) {
  console.log('web app is up to date (web/dist)');
} else {
  console.log('building the web app (vite build)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
