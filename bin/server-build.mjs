// The server compiled to JavaScript ahead of time (`.build/server/`), so a running server needs no
// TypeScript loader. tsx's loader runs its hooks on a thread of their own, a second V8 heap of its
// own: measured under 8 tellers' deposits on PGlite (bench/http-deposits.ts), the server's peak
// resident set was 428 MiB through the loader and 356 MiB compiled, at the same deposits a second.
//
// The build is only used while it is the build of the sources as they are: its stamp is the list
// of every file under src/ with its size and modification time, and any edit, checkout, new or
// deleted file makes a different stamp. Without a current build bin/sokoguru.mjs runs the sources
// through tsx, as before, so a developer's edit counts at once.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
export const BUILD_DIR = join(ROOT, '.build', 'server');
const STAMP = join(BUILD_DIR, 'source-stamp');
export const ENTRY = join(BUILD_DIR, 'src', 'cli', 'run.js');

function sourceFiles(dir = SRC, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else out.push(path);
  }
  return out;
}

/** The stamp of the sources as they are now: every file's path, size and modification time. */
export function sourceStamp(files = sourceFiles()) {
  const hash = createHash('sha256');
  for (const path of [...files].sort()) {
    const st = statSync(path);
    hash.update(`${relative(SRC, path)}\0${st.size}\0${Math.trunc(st.mtimeMs)}\n`);
  }
  return hash.digest('hex');
}

/** True when .build/server holds the build of src/ as it is now. */
export function buildIsCurrent() {
  if (!existsSync(ENTRY) || !existsSync(STAMP)) return false;
  return readFileSync(STAMP, 'utf8') === sourceStamp();
}

/**
 * Compiles src/ file by file (esbuild, the transpiler tsx itself uses: types stripped, nothing
 * bundled, so every relative path and the migrations' directory stay where the sources have them)
 * into a new directory, then puts it in place with one rename: a server starting meanwhile sees
 * either the old build or the new one, never half of one.
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  const files = sourceFiles();
  const stamp = sourceStamp(files);
  const next = `${BUILD_DIR}.${process.pid}.tmp`;
  rmSync(next, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((f) => f.endsWith('.ts')),
    outdir: join(next, 'src'),
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const f of files.filter((f) => !f.endsWith('.ts'))) {
    const to = join(next, 'src', relative(SRC, f));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(f, to);
  }
  writeFileSync(join(next, 'source-stamp'), stamp);
  mkdirSync(dirname(BUILD_DIR), { recursive: true });
  const old = `${BUILD_DIR}.${process.pid}.old`;
  if (existsSync(BUILD_DIR)) renameSync(BUILD_DIR, old);
  renameSync(next, BUILD_DIR);
  rmSync(old, { recursive: true, force: true });
  return { files: files.length, stamp };
}
