import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsCurrent, buildServer, ENTRY } from '../../../bin/server-build.mjs';
import { spawnServer } from '../../support/spawn-server.js';

/**
 * The compiled server (.build/server, bin/server-build.mjs) is used only while it is the build of
 * src/ as it is, and it is the same program: the same refusal on a bad command line, the same
 * server answering.
 */
const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'sg-build-'));

beforeAll(async () => {
  await buildServer();
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the compiled server', () => {
  it('counts as current until a source file changes, and again once it is as built', async () => {
    expect(buildIsCurrent()).toBe(true);
    // a source file touched (a newer time, as an edit or a checkout leaves it)
    const file = 'src/config.ts';
    const st = statSync(file);
    utimesSync(file, st.atime, new Date(st.mtimeMs + 2_000));
    try {
      expect(buildIsCurrent()).toBe(false);
    } finally {
      // (a restored time is not the original to the nanosecond: the build is made again)
      utimesSync(file, st.atime, st.mtime);
    }
    // a new file, then gone again: the same sources as built
    const probe = `src/.server-build-probe-${process.pid}`;
    await buildServer();
    expect(buildIsCurrent()).toBe(true);
    writeFileSync(probe, 'x');
    try {
      expect(buildIsCurrent()).toBe(false);
    } finally {
      rmSync(probe, { force: true });
    }
    expect(buildIsCurrent()).toBe(true);
    expect(ENTRY).toMatch(/\.build[/\\]server[/\\]src[/\\]cli[/\\]run\.js$/);
  });

  it('refuses a bad command line as the sources do: a message and exit 2', async () => {
    expect(buildIsCurrent()).toBe(true);
    const err = await run(process.execPath, ['bin/sokoguru.mjs', 'serve', '--port', 'abc']).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain('--port "abc" tidak valid: harus nomor port 1–65535');
    expect(err?.stderr).not.toMatch(/\n\s+at /);
  });

  it('serves: migrations found beside the compiled code, the API answering', async () => {
    expect(buildIsCurrent()).toBe(true);
    const server = await spawnServer({ env: { SOKOGURU_DATA_DIR: dataDir }, demo: false });
    try {
      const health = await fetch(`${server.url}/api/v1/health`);
      expect(health.status).toBe(200);
      const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        openapi: string;
      };
      expect(openapi.openapi).toMatch(/^3\./);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
