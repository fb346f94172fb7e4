/**
 * Fuzzing every route in the OpenAPI document with random and hostile input.
 *
 * For each operation fast-check builds requests from the operation's own parameter and body
 * schemas: values of roughly the right shape mixed with hostile ones (wrong types, 1e30, 2^63,
 * negative and fractional rupiah, 100k-character strings, SQL fragments, HTML, NUL bytes and other
 * awkward unicode, other tenants' ids, malformed uuids and dates, missing and extra fields, arrays
 * where objects belong). Every write request is made invalid on purpose in at least one way (see
 * `Strategy`), so it must be refused:
 *
 *   - the status is 4xx, never 5xx (GETs may also answer 2xx: reading with odd filters is allowed);
 *   - a 4xx body is application/problem+json with a `code`;
 *   - the database is unchanged: `checksum()` from the backup service (every table in public) is
 *     taken before and after each operation's runs. It leaves out only what backups leave out:
 *     `sessions` (every authenticated request may touch its session's last_seen_at) and
 *     `schema_migrations` (not data). Audit events, idempotency keys and the outbox are NOT
 *     excluded: a refused request must not leave those behind either. GETs may answer 2xx but
 *     must not change the checksum.
 *
 * The caller holds every cooperative role in its own cooperative (admin included), so permission
 * checks do not hide handler bugs; it sends the CSRF header on every request.
 *
 * The routes are swept in shards, one test file each (fuzz-1.test.ts, fuzz-2.test.ts), so the two
 * test workers share the sweep instead of one of them carrying it alone (about 110 s on PGlite with
 * 190 routes in one file).
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { COOPERATIVE_ROLES } from '../../../src/domain/auth/permissions.js';
import { checksum } from '../../../src/services/backup.js';
import type { OpenApi } from '../../support/openapi-fuzz.js';
import { approvalAndToken, seedChartAndTenantBook } from '../../support/tenant-book.js';
import {
  makeCooperative,
  makeDinas,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';
import {
  foreign,
  ownIds,
  requestFor,
  type Ids,
  type Request,
  type Route,
} from './fuzz-requests.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
/** Runs per operation: ~70 operations x this many requests keeps the file well under 60 s on PGlite. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/**
 * The database checksum is taken before and after each operation's runs; FUZZ_CHECKSUM=request
 * takes it around every single request instead (slower; names the request that wrote).
 */
const PER_REQUEST_CHECKSUM = process.env.FUZZ_CHECKSUM === 'request';

/**
 * Operations left out of the sweep, with the reason.
 *  - logout succeeds with any input by design (and would end the fuzzing session);
 */
const SKIPPED: { match: (method: string, path: string) => boolean; reason: string }[] = [
  {
    match: (m, p) => m === 'POST' && p === '/api/v1/auth/logout',
    reason: 'succeeds with any input',
  },
];

// ---------------------------------------------------------------------------------------------
// Fixtures.

const file = testAppForFile();
let own: Awaited<ReturnType<typeof makeCooperative>>;
let client: Client;

/** A chart, a branch, a desk with an open session, a journal entry and a loan product. */
async function seedCooperative(
  coop: { id: string },
  user: { id: string; username: string },
): Promise<Ids> {
  const branch = await file.deps.database.db
    .insertInto('branches')
    .values({ cooperative_id: coop.id, code: 'F1', name: 'Cabang Fuzz' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    branch: String(branch.id),
    ...(await seedChartAndTenantBook(file.deps, coop.id, user, branch.id)),
  };
}

beforeAll(async () => {
  const { deps, app } = file;
  own = await makeCooperative(deps, 'Koperasi Fuzz');
  const other = await makeCooperative(deps, 'Koperasi Lain');
  const dinas = await makeDinas(deps);
  const user = await makeUser(deps, own, [...COOPERATIVE_ROLES]);
  const otherUser = await makeUser(deps, other, ['admin']);
  client = await signIn(app, user.username);
  Object.assign(ownIds, await seedCooperative(own, user));
  const otherIds = await seedCooperative(other, otherUser);
  // A pending approval and an API token of the other cooperative too.
  const otherClient = await signIn(app, otherUser.username);
  Object.assign(otherIds, await approvalAndToken(other.id, otherClient));
  foreign.orgIds.push(other.id, dinas.id, '00000000-0000-0000-0000-000000000000');
  foreign.ids = otherIds;
  // Each kind has its own identity sequence: the other cooperative's row is never the caller's.
  for (const [kind, id] of Object.entries(otherIds)) expect(ownIds[kind], kind).not.toBe(id);
});

/** Every operation of the document, or of one shard (the i-th of every n, in document order). */
async function routes(
  shard: { index: number; of: number } = { index: 0, of: 1 },
): Promise<{ included: Route[]; skipped: string[] }> {
  const doc = (await file.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
  const included: Route[] = [];
  const skipped: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      const skip = SKIPPED.find((s) => s.match(method, path));
      if (skip) {
        skipped.push(`${method} ${path}: ${skip.reason}`);
        continue;
      }
      const content = op.requestBody?.content;
      included.push({
        method,
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: content ? (content['application/json']?.schema ?? {}) : undefined,
      });
    }
  }
  return { included: included.filter((_, i) => i % shard.of === shard.index), skipped };
}

/** The whole database (sessions and schema_migrations aside, as in backups), after the audit sealer settles. */
async function databaseDigest(): Promise<string> {
  await file.deps.sealer.settle();
  return (await checksum(file.deps.database, null)).digest;
}

function send(method: string, req: Request): Promise<LightMyRequestResponse> {
  return file.app.inject({
    method: method as 'GET',
    url: req.url,
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrf,
      'idempotency-key': `fuzz-${Math.random().toString(36).slice(2, 12)}`,
      ...(req.payload ? { 'content-type': req.payload.type } : {}),
    },
    ...(req.payload ? { payload: req.payload.text } : {}),
  });
}

/** The sweep of one shard of the routes (`index` of `of`), as a test file's describe block. */
export function fuzzRoutes(index: number, of: number): void {
  const shard = { index, of };
  describe(`fuzzing every route in the OpenAPI document (shard ${index + 1} of ${of})`, () => {
    it('covers the document (the sweep is not empty)', async () => {
      const { included, skipped } = await routes(shard);
      expect(included.length).toBeGreaterThanOrEqual(Math.floor(50 / of));
      expect(skipped).toContain('POST /api/v1/auth/logout: succeeds with any input');
    });

    it('random and hostile requests are refused with a 4xx problem and change nothing', async () => {
      const { included } = await routes(shard);
      const failures: string[] = [];
      const stats = new Map<string, number>();
      // one digest per route: the digest after a route is the one before the next (the sweep reads
      // every table each time, and the routes and tables keep growing)
      let digest = await databaseDigest();
      for (const r of included) {
        const t0 = Date.now();
        const sent: string[] = [];
        const routeBefore = digest;
        try {
          await fc.assert(
            fc.asyncProperty(requestFor(r, own.id), async (req) => {
              const before = PER_REQUEST_CHECKSUM ? await databaseDigest() : undefined;
              const res = await send(r.method, req);
              const what = `${r.method} ${req.url.slice(0, 200)} [${req.strategy}] body=${req.payload?.text.slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
              sent.push(what);
              if (process.env.FUZZ_DEBUG) {
                const key = `${req.strategy} ${res.statusCode} ${/"code":"(\w+)"/.exec(res.body)?.[1] ?? ''}`;
                stats.set(key, (stats.get(key) ?? 0) + 1);
              }
              expect(res.statusCode, what).toBeLessThan(500);
              if (r.method !== 'GET') expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
              if (res.statusCode >= 400) {
                expect(res.headers['content-type'], what).toContain('application/problem+json');
                expect(typeof res.json<{ code?: unknown }>().code, what).toBe('string');
              }
              if (before !== undefined)
                expect(await databaseDigest(), `database changed: ${what}`).toBe(before);
            }),
            { seed: SEED, numRuns: RUNS, endOnFailure: true },
          );
        } catch (e) {
          failures.push(`${r.method} ${r.path}: ${String((e as Error).cause ?? e).slice(0, 1500)}`);
        }
        digest = await databaseDigest();
        if (digest !== routeBefore)
          failures.push(
            `${r.method} ${r.path}: the database changed (FUZZ_CHECKSUM=request finds the request); sent:\n${sent.join('\n')}`,
          );
        if (process.env.FUZZ_DEBUG) console.log(`${Date.now() - t0} ms ${r.method} ${r.path}`);
      }
      if (process.env.FUZZ_DEBUG)
        console.log(
          [...stats]
            .sort()
            .map(([k, n]) => `${n}\t${k}`)
            .join('\n'),
        );
      expect(failures).toEqual([]);
      // a sweep over half the routes: about 90 s a shard in CI on PGlite; the limit is a ceiling
      // for a loaded machine, not a speed target (a shard took 295 s at load 10 on 2 cores)
    }, 600_000);
  });
}
