// How the embedded database is opened, shared by the server's own thread (src/db/database.ts) and
// the thread the server gives it (src/db/pglite-thread-worker.ts). Kept small: the database's
// thread loads this and PGlite, nothing of the server.
import type { PGliteOptions } from '@electric-sql/pglite';
import { NodeFSWithLengths } from './pglite-fs.js';

/**
 * PostgreSQL type ids whose text the drivers turn into our own types: int8 into bigint (money is
 * exact); date and numeric stay strings, so no float or time-zone conversion ever touches a
 * business date or a rate.
 */
export const INT8 = 20;
export const DATE = 1082;
export const NUMERIC = 1700;

/**
 * The embedded database's memory settings (docs/operations.md, "Memory of the embedded
 * database"). PGlite's WebAssembly memory only grows: what PostgreSQL touches once stays in the
 * process. Its default shared_buffers (128MB) is touched at start; the data files are read
 * through the operating system's page cache anyway, so a smaller pool costs reads, not data.
 * SOKOGURU_PGLITE_SHARED_BUFFERS and SOKOGURU_PGLITE_WORK_MEM override them.
 */
export function pgliteSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    `shared_buffers = '${memorySetting(env.SOKOGURU_PGLITE_SHARED_BUFFERS, '16MB')}'`,
    `work_mem = '${memorySetting(env.SOKOGURU_PGLITE_WORK_MEM, '4MB')}'`,
    // index builds and VACUUM (the embedded maintenance): 64MB by default
    `maintenance_work_mem = '16MB'`,
  ];
}

function memorySetting(value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,6}(kB|MB|GB)$/.test(value))
    throw new Error(`a PGlite memory setting is a size such as 32MB, not "${value}"`);
  return value;
}

/**
 * PGlite's options for `dataDir` (a directory, or `memory://…`): bigint for int8, dates and
 * numerics as their text (as node-postgres is set up), the file lengths kept (pglite-fs.ts).
 * `settings` are the lines of pgliteSettings, read where the environment is.
 */
export function pgliteOptions(
  dataDir: string,
  settings: string[],
  loadDataDir?: Blob,
): PGliteOptions {
  const inMemory = dataDir.startsWith('memory://');
  return {
    ...(inMemory ? { dataDir } : { fs: new NodeFSWithLengths(dataDir) }),
    parsers: {
      [INT8]: (v: string) => BigInt(v),
      [DATE]: (v: string) => v,
      [NUMERIC]: (v: string) => v,
    },
    postgresqlconf: settings,
    ...(loadDataDir ? { loadDataDir } : {}),
  };
}
