import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's Node file system, with the length of each open file kept in memory.
 *
 * PostgreSQL learns a table's length in pages by seeking to the end of its file (`lseek(SEEK_END)`:
 * every sequential scan and every plan of a table). The embedded database runs PostgreSQL compiled
 * to WebAssembly over Emscripten's NODEFS, which answers that seek with an `fstat` of the real file:
 * about 20 a deposit, 5.5-6.2 % of the server's one thread under 8 tellers (docs/performance.md,
 * "The embedded server's file lengths"), each a system call from JavaScript.
 *
 * Only this process writes the data directory (PGlite holds it alone), and every change of a file's
 * length goes through the same file system: a write past the end, or a truncation. So the length is
 * read from the file once, kept per file (its node), grown by the writes through any descriptor,
 * and forgotten on a truncation (through a descriptor or by path) and on a close; a seek then asks
 * the file again.
 *
 * Patching NODEFS's stream operations is reaching into PGlite's Emscripten build: the patch checks
 * the operations it wraps are there, and leaves NODEFS as it is when they are not (a later PGlite).
 */
export class NodeFSWithLengths extends NodeFS {
  /** whether the lengths are kept (false: this PGlite's NODEFS lacks an operation the patch wraps) */
  lengthsKept = false;

  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const r = await super.init(...args);
    const preRun = (r.emscriptenOpts as { preRun?: ((module: EmscriptenModule) => void)[] }).preRun;
    preRun?.push((module) => {
      this.lengthsKept = keepFileLengths(module);
    });
    return r;
  }
}

export interface EmscriptenModule {
  NODEFS?: {
    stream_ops?: StreamOps;
    node_ops?: { setattr?: (node: object, attr: { size?: number }) => unknown };
  };
  FS?: { isFile(mode: number): boolean };
}

interface Stream {
  node: { mode: number };
}

interface StreamOps {
  llseek?: (stream: Stream, offset: number, whence: number) => number;
  write?: (
    stream: Stream,
    buffer: unknown,
    offset: number,
    length: number,
    position: number,
    canOwn?: boolean,
  ) => number;
  setattr?: (stream: Stream, attr: { size?: number }) => unknown;
  close?: (stream: Stream) => unknown;
}

const SEEK_END = 2;

/** Wraps NODEFS's stream operations so a seek to the end reads a kept length (see above). */
export function keepFileLengths(module: EmscriptenModule): boolean {
  const ops = module.NODEFS?.stream_ops;
  const nodeOps = module.NODEFS?.node_ops;
  const fsApi = module.FS;
  if (!ops?.llseek || !ops.write || !ops.setattr || !ops.close || !nodeOps?.setattr || !fsApi)
    return false;
  const { llseek, write, setattr, close } = ops;
  const pathSetattr = nodeOps.setattr;
  // by the file's node, which every descriptor opened on that path shares: a write through one
  // descriptor grows the length another one seeks by (a file unlinked and made again under the same
  // name is a new node)
  const lengths = new WeakMap<object, number>();

  ops.llseek = function (stream, offset, whence) {
    if (whence !== SEEK_END || !fsApi.isFile(stream.node.mode))
      return llseek.call(this, stream, offset, whence);
    let length = lengths.get(stream.node);
    if (length === undefined) {
      // the original asks the file (fstat); with offset 0 its answer is the length
      length = llseek.call(this, stream, 0, SEEK_END);
      lengths.set(stream.node, length);
    }
    // a position before the start: the original's error
    if (offset + length < 0) return llseek.call(this, stream, offset, whence);
    return offset + length;
  };
  ops.write = function (stream, buffer, offset, length, position, canOwn) {
    const written = write.call(this, stream, buffer, offset, length, position, canOwn);
    const known = lengths.get(stream.node);
    if (known !== undefined && position + written > known)
      lengths.set(stream.node, position + written);
    return written;
  };
  ops.setattr = function (stream, attr) {
    lengths.delete(stream.node);
    try {
      return setattr.call(this, stream, attr);
    } finally {
      lengths.delete(stream.node);
    }
  };
  ops.close = function (stream) {
    lengths.delete(stream.node);
    return close.call(this, stream);
  };
  // a truncation by path
  nodeOps.setattr = function (node, attr) {
    lengths.delete(node);
    try {
      return pathSetattr.call(this, node, attr);
    } finally {
      lengths.delete(node);
    }
  };
  return true;
}
