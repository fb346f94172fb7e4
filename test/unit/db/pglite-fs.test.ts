import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  keepFileLengths,
  NodeFSWithLengths,
  type EmscriptenModule,
} from '../../../src/db/pglite-fs.js';

/** A stand-in for Emscripten's NODEFS: files as nodes with a length, and a count of the `fstat`s. */
interface FakeNode {
  mode: number;
  length: number;
}
interface FakeStream {
  node: FakeNode;
}
function fakeNodeFs() {
  const calls = { fstat: 0 };
  const stream_ops = {
    llseek(stream: FakeStream, offset: number, whence: number) {
      if (whence !== 2) return offset;
      calls.fstat++;
      const pos = offset + stream.node.length;
      if (pos < 0) throw new Error('EINVAL');
      return pos;
    },
    write(stream: FakeStream, _b: unknown, _o: number, length: number, position: number) {
      stream.node.length = Math.max(stream.node.length, position + length);
      return length;
    },
    setattr(stream: FakeStream, attr: { size?: number }) {
      if (attr.size !== undefined) stream.node.length = attr.size;
    },
    close(_stream: FakeStream) {},
  };
  const node_ops = {
    setattr(node: object, attr: { size?: number }) {
      if (attr.size !== undefined) (node as FakeNode).length = attr.size;
    },
  };
  // the stand-in's streams carry their node's length, which the real module's type does not know
  const module = {
    NODEFS: { stream_ops, node_ops },
    FS: { isFile: () => true },
  } as unknown as EmscriptenModule;
  return { module, calls, ops: stream_ops, nodeOps: node_ops };
}

const file = (length: number): FakeNode => ({ mode: 0o100644, length });

describe('the embedded database keeps its files’ lengths (src/db/pglite-fs.ts)', () => {
  it('asks the file once, grows with writes past the end, forgets on truncate and close', () => {
    const f = fakeNodeFs();
    expect(keepFileLengths(f.module)).toBe(true);
    const node = file(8192);
    const s = { node };
    expect(f.ops.llseek(s, 0, 2)).toBe(8192);
    expect(f.ops.llseek(s, 0, 2)).toBe(8192);
    expect(f.calls.fstat).toBe(1);
    // a write inside the file changes nothing; one past the end extends it
    f.ops.write(s, null, 0, 100, 0);
    f.ops.write(s, null, 0, 8192, 8192);
    expect(f.ops.llseek(s, 0, 2)).toBe(16384);
    expect(f.ops.llseek(s, -8192, 2)).toBe(8192);
    // a second descriptor on the same file: its writes grow the length the first one seeks by
    const other = { node };
    f.ops.write(other, null, 0, 8192, 16384);
    expect(f.ops.llseek(s, 0, 2)).toBe(24576);
    expect(f.calls.fstat).toBe(1);
    // another file has its own length
    expect(f.ops.llseek({ node: file(10) }, 0, 2)).toBe(10);
    expect(f.calls.fstat).toBe(2);
    // a seek before the start is the original's error
    expect(() => f.ops.llseek(s, -30000, 2)).toThrow('EINVAL');
    // truncated through a descriptor: asked again
    f.ops.setattr(other, { size: 4096 });
    expect(f.ops.llseek(s, 0, 2)).toBe(4096);
    // truncated by path: asked again
    f.nodeOps.setattr(node, { size: 100 });
    expect(f.ops.llseek(s, 0, 2)).toBe(100);
    // closed: asked again on the next seek
    f.ops.close(s);
    node.length = 1;
    expect(f.ops.llseek(s, 0, 2)).toBe(1);
    // other seeks are the original's
    expect(f.ops.llseek(s, 5, 0)).toBe(5);
  });

  it('leaves a NODEFS without the operations it wraps as it is', () => {
    const f = fakeNodeFs();
    const noWrite: Partial<typeof f.ops> = { ...f.ops };
    delete noWrite.write;
    expect(
      keepFileLengths({
        ...f.module,
        NODEFS: { ...f.module.NODEFS, stream_ops: noWrite },
      } as unknown as EmscriptenModule),
    ).toBe(false);
    const s = { node: file(3) };
    f.ops.llseek(s, 0, 2);
    f.ops.llseek(s, 0, 2);
    expect(f.calls.fstat).toBe(2);
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
