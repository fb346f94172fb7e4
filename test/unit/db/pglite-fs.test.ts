import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { keepFileLengths, NodeFSWithLengths } from '../../../src/db/pglite-fs.js';

/** A stand-in for Emscripten's NODEFS: files as lengths, and a count of the `fstat`s. */
function fakeNodeFs() {
  const files = new Map<number, number>(); // real descriptor → length
  const calls = { fstat: 0 };
  const stream_ops = {
    llseek(stream: { nfd?: number }, offset: number, whence: number) {
      if (whence !== 2) return offset;
      calls.fstat++;
      const pos = offset + files.get(stream.nfd!)!;
      if (pos < 0) throw new Error('EINVAL');
      return pos;
    },
    write(stream: { nfd?: number }, _b: unknown, _o: number, length: number, position: number) {
      files.set(stream.nfd!, Math.max(files.get(stream.nfd!)!, position + length));
      return length;
    },
    setattr(stream: { nfd?: number }, attr: { size?: number }) {
      if (attr.size !== undefined) files.set(stream.nfd!, attr.size);
    },
    close(_stream: { nfd?: number }) {},
  };
  const node_ops = {
    setattr(_node: unknown, attr: { size?: number }) {
      if (attr.size !== undefined) for (const fd of files.keys()) files.set(fd, attr.size);
    },
  };
  const module = { NODEFS: { stream_ops, node_ops }, FS: { isFile: () => true } };
  return { module, files, calls, ops: stream_ops, nodeOps: node_ops };
}

const file = { mode: 0o100644 };

describe('the embedded database keeps its files’ lengths (src/db/pglite-fs.ts)', () => {
  it('asks the file once, grows with writes past the end, forgets on truncate and close', () => {
    const f = fakeNodeFs();
    expect(keepFileLengths(f.module)).toBe(true);
    const s = { nfd: 7, node: file };
    f.files.set(7, 8192);
    expect(f.ops.llseek(s, 0, 2)).toBe(8192);
    expect(f.ops.llseek(s, 0, 2)).toBe(8192);
    expect(f.calls.fstat).toBe(1);
    // a write inside the file changes nothing; one past the end extends it
    f.ops.write(s, null, 0, 100, 0);
    f.ops.write(s, null, 0, 8192, 8192);
    expect(f.ops.llseek(s, 0, 2)).toBe(16384);
    expect(f.ops.llseek(s, -8192, 2)).toBe(8192);
    expect(f.calls.fstat).toBe(1);
    // a seek before the start is the original's error
    expect(() => f.ops.llseek(s, -20000, 2)).toThrow('EINVAL');
    // truncated through its descriptor: asked again
    f.ops.setattr(s, { size: 4096 });
    expect(f.ops.llseek(s, 0, 2)).toBe(4096);
    // truncated by path (any descriptor may be that file): every length asked again
    f.nodeOps.setattr({}, { size: 100 });
    expect(f.ops.llseek(s, 0, 2)).toBe(100);
    // closed: the descriptor's number may come back for another file
    f.ops.close(s);
    f.files.set(7, 1);
    expect(f.ops.llseek(s, 0, 2)).toBe(1);
    // other seeks are the original's
    expect(f.ops.llseek(s, 5, 0)).toBe(5);
  });

  it('leaves a NODEFS without the operations it wraps as it is', () => {
    const f = fakeNodeFs();
    const noWrite: Partial<typeof f.ops> = { ...f.ops };
    delete noWrite.write;
    expect(
      keepFileLengths({ ...f.module, NODEFS: { ...f.module.NODEFS, stream_ops: noWrite } }),
    ).toBe(false);
    expect(f.ops.llseek({ nfd: 1 }, 3, 0)).toBe(3);
  });

  const dir = mkdtempSync(join(tmpdir(), 'sokoguru-pglite-fs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies to the installed PGlite, whose tables grow, shrink and reopen whole', async () => {
    const open = async () => {
      const fs = new NodeFSWithLengths(dir);
      const pg = new PGlite({ fs });
      await pg.waitReady;
      return { pg, fs };
    };
    const first = await open();
    let pg = first.pg;
    // a later PGlite whose NODEFS no longer has these operations fails here, to be looked at
    expect(first.fs.lengthsKept).toBe(true);
    await pg.exec('create table t (id int, pad text)');
    // each statement extends the table past the length a seek before it was told
    for (let i = 0; i < 8; i++) {
      await pg.exec(`insert into t select g, repeat('x', 200) from generate_series(1, 5000) g`);
      const r = await pg.query<{ n: number }>('select count(*)::int as n from t');
      expect(r.rows[0]!.n).toBe(5000 * (i + 1));
    }
    await pg.exec('truncate t');
    await pg.exec(`insert into t select g, repeat('x', 200) from generate_series(1, 4000) g`);
    await pg.exec('delete from t where id % 2 = 0');
    await pg.exec('vacuum t');
    await pg.exec(`insert into t select g, 'y' from generate_series(1, 3000) g`);
    await pg.exec('vacuum full t');
    await pg.exec(`insert into t select g, repeat('z', 300) from generate_series(1, 3000) g`);
    const blocks = async () =>
      (
        await pg.query<{ n: number; blocks: number; seen: number }>(
          `select count(*)::int as n, (pg_relation_size('t') / 8192)::int as blocks,
             count(distinct (ctid::text::point)[0])::int as seen from t`,
        )
      ).rows[0]!;
    const before = await blocks();
    expect(before.n).toBe(8000);
    // every page the file holds (stat by path) is one a scan (lengths by seek) reads
    expect(before.seen).toBe(before.blocks);
    await pg.close();
    ({ pg } = await open());
    expect(await blocks()).toEqual(before);
    await pg.close();
  });
});
