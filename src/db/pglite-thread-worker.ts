// The embedded database on a thread of its own (src/db/pglite-thread.ts): one PGlite instance,
// answering the server's thread one message at a time, in the order they come.
import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import { pgliteOptions } from './pglite-open.js';
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread.js';

const port = parentPort!;
const start = workerData as ThreadStart;
const pglite = new PGlite(pgliteOptions(start.dataDir, start.settings));
const unlistens = new Map<number, () => Promise<void>>();

const reply = (r: ThreadReply) => port.postMessage(r);

/** What crosses to the other thread of an error: its message and PostgreSQL's fields. */
function errorFields(err: unknown): Record<string, unknown> {
  const e = err instanceof Error ? err : new Error(String(err));
  const fields: Record<string, unknown> = { name: e.name, message: e.message, stack: e.stack };
  for (const [k, v] of Object.entries(e))
    if (v === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof v)) fields[k] = v;
  return fields;
}

const results = (rs: { rows: unknown[]; affectedRows?: number }[]) =>
  rs.map((r) => ({ rows: r.rows, affectedRows: r.affectedRows }));

async function handle(m: ThreadRequest): Promise<unknown> {
  switch (m.op) {
    case 'query': {
      const r = await pglite.query(m.sql, m.params);
      return { rows: r.rows, affectedRows: r.affectedRows };
    }
    case 'exec':
      return results(await pglite.exec(m.sql));
    case 'transaction':
      try {
        return results(await pglite.exec(m.sql));
      } catch (err) {
        // after an error the rest of the script was skipped and its transaction is aborted: it
        // ends here, before the next message runs
        await pglite.exec('rollback').catch(() => undefined);
        throw err;
      }
    case 'listen': {
      const id = m.listenId;
      // a notice is posted before the reply of the statement whose transaction sent it, as the
      // in-process instance calls back before that statement's result returns
      unlistens.set(
        id,
        await pglite.listen(m.channel, (payload) => reply({ notice: id, payload })),
      );
      return null;
    }
    case 'unlisten': {
      const unlisten = unlistens.get(m.listenId);
      unlistens.delete(m.listenId);
      await unlisten?.();
      return null;
    }
    case 'close':
      await pglite.close();
      return null;
  }
}

// One at a time: PGlite queues its own calls too, but a listen's callback and the replies must
// keep the order in which the requests came.
let turn: Promise<void> = Promise.resolve();
port.on('message', (m: ThreadRequest) => {
  turn = turn.then(async () => {
    try {
      reply({ id: m.id, ok: true, value: await handle(m) });
    } catch (err) {
      reply({ id: m.id, ok: false, error: errorFields(err) });
    }
  });
});

pglite.waitReady.then(
  () => reply({ ready: true }),
  (err: unknown) => reply({ ready: false, error: errorFields(err) }),
);
