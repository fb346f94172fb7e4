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
 */
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOPERATIVE_ROLES } from '../../../src/domain/auth/permissions.js';
import { checksum } from '../../../src/services/backup.js';
import { inOrg, systemContext, type OrgContext } from '../../../src/services/context.js';
import { seedChartOfAccounts } from '../../../src/services/ledger.js';
import { TEST_CHART } from '../../support/chart.js';
import {
  conforms,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  isPlainObject,
  type OpenApi,
  type Parameter,
  type Schema,
} from '../../support/openapi-fuzz.js';
import { approvalAndToken, seedTenantBook } from '../../support/tenant-book.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import {
  makeCooperative,
  makeDinas,
  makeUser,
  signIn,
  testApp,
  type Client,
} from '../../support/fixtures.js';

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

/** Ids no row has: well-formed (at most 18 digits, as idString allows), never assigned in a test. */
const ABSENT_IDS = ['999999999999999999', '461168601842738790'];
/** Kinds of row a path parameter or body field names, by its name. */
const KIND_OF: Record<string, string> = {
  branchId: 'branch',
  fromBranchId: 'branch',
  toBranchId: 'branch',
  deskId: 'desk',
  sessionId: 'session',
  cashSessionId: 'session',
  entryId: 'entry',
  productId: 'product',
  memberId: 'member',
  applicationId: 'application',
  loanId: 'loan',
  accountId: 'account',
  tokenId: 'token',
  approvalId: 'approval',
};
type Ids = Record<string, string>;
/** Filled in beforeAll: the other organisations, and ids of the caller's and the other cooperative's rows by kind. */
const foreign = { orgIds: [] as string[], ids: {} as Ids };
const ownIds: Ids = {};
/** Ids that name none of the caller's rows of that kind: the other cooperative's, or nobody's. */
const foreignIdFor = (name: string) => {
  const other = foreign.ids[KIND_OF[name] ?? ''];
  return fc.constantFrom(...(other ? [other] : []), ...ABSENT_IDS);
};
const hostileString = () =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...foreign.orgIds, ...Object.values(foreign.ids), ...ABSENT_IDS),
  );
const hostileNumber = () => fc.constantFrom(...HOSTILE_NUMBERS);
const hostileAny = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    hostileString(),
    hostileNumber(),
    fc.constantFrom<unknown>(null, true, false, [], {}, [{}], { $gt: '' }, [1, 2, 3], { a: [] }),
    fc.jsonValue({ maxDepth: 2 }),
  );

const regexCache = new Map<string, RegExp>();
const regex = (p: string) => {
  let r = regexCache.get(p);
  if (!r) regexCache.set(p, (r = new RegExp(p)));
  return r;
};

/** Values of about the shape `s` asks for, mixed with hostile ones: sometimes valid, often not. */
function shaped(s: Schema, depth = 0, validWeight = 3): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [];
  const hostile = depth > 3 ? fc.constant(null) : hostileAny();
  if (s.anyOf || s.oneOf)
    options.push(...(s.anyOf ?? s.oneOf)!.map((x) => shaped(x, depth, validWeight)));
  else if (s.enum) options.push(fc.constantFrom(...s.enum), fc.constantFrom(...s.enum));
  else
    switch (s.type ?? '') {
      case 'string':
        if (s.pattern)
          options.push(fc.stringMatching(regex(s.pattern)), fc.stringMatching(regex(s.pattern)));
        else
          options.push(
            fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }),
            hostileString(),
          );
        options.push(hostileString());
        break;
      case 'integer':
      case 'number':
        options.push(
          fc.integer({
            min: Math.ceil(s.minimum ?? -1000),
            max: Math.floor(Math.min(s.maximum ?? 1e6, 2 ** 31)),
          }),
          hostileNumber(),
        );
        break;
      case 'boolean':
        options.push(fc.boolean());
        break;
      case 'array':
        options.push(
          fc.array(shaped(s.items ?? {}, depth + 1, validWeight), {
            minLength: s.minItems ?? 0,
            maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
          }),
        );
        break;
      case 'object':
        options.push(shapedObject(s, depth, validWeight));
        break;
      default:
        break; // any value: the hostile ones below
    }
  if (s.nullable) options.push(fc.constant(null));
  return fc.oneof(
    { arbitrary: hostile, weight: 1 },
    ...options.map((arbitrary) => ({ arbitrary, weight: validWeight })),
  );
}

function shapedObject(
  s: Schema,
  depth: number,
  validWeight = 3,
): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, p] of Object.entries(props)) model[k] = shaped(p, depth + 1, validWeight);
  return fc.record(model, {
    requiredKeys: Object.keys(props).filter((k) => required.has(k)),
  });
}

/** Values that certainly do not satisfy `s` (checked with `conforms`). */
function broken(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    hostileAny(),
    fc.constantFrom<unknown>([], ['x'], {}, { nested: { deep: [1] } }, 'teks', 42, 1.5, true, null),
  ];
  if (s.type === 'string' && s.maxLength !== undefined)
    options.push(fc.constant('x'.repeat(s.maxLength + 1)));
  if (s.type === 'object' && depth < 3) {
    const props = Object.entries(s.properties ?? {});
    const requiredNoDefault = (s.required ?? []).filter(
      (k) => s.properties?.[k]?.default === undefined,
    );
    const base = shapedObject(s, depth);
    // one property broken (recursively: e.g. one journal line with a bad amount)
    if (props.length > 0)
      options.push(
        fc
          .tuple(base, fc.constantFrom(...props))
          .chain(([o, [k, p]]) => broken(p, depth + 1).map((v) => ({ ...o, [k]: v }))),
      );
    // a required field missing
    if (requiredNoDefault.length > 0)
      options.push(
        fc.tuple(base, fc.constantFrom(...requiredNoDefault)).map(([o, k]) => {
          const c = { ...o };
          delete c[k];
          return c;
        }),
      );
    // a field the schema does not know
    if (s.additionalProperties === false)
      options.push(
        fc
          .tuple(
            base,
            fc.constantFrom('extra', '__proto__x', 'cooperativeId', 'id', 'status'),
            hostileAny(),
          )
          .filter(([, k]) => !(k in (s.properties ?? {})))
          .map(([o, k, v]) => ({ ...o, [k]: v })),
      );
    // an array where the object belongs
    options.push(base.map((o) => [o]));
  }
  if (s.type === 'array' && s.items && depth < 3) {
    options.push(fc.array(broken(s.items, depth + 1), { minLength: 1, maxLength: 2 }));
    if (s.maxItems !== undefined && s.maxItems < 500)
      options.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => ({}))));
  }
  return fc.oneof(...options).filter((v) => !conforms(s, v));
}

// ---------------------------------------------------------------------------------------------
// Requests.

interface Route {
  method: string;
  path: string;
  params: Parameter[];
  body: Schema | undefined;
}

/** How a write request is made invalid (each one is, in at least one of these ways). */
type Strategy =
  | 'free' // GETs only: anything goes, 2xx allowed
  | 'broken-body' // the body does not satisfy its schema
  | 'broken-param' // a path parameter does not satisfy its schema (malformed uuid, date, id …)
  | 'foreign-org' // another organisation's id (or a well-formed id of none) in {orgId}
  | 'foreign-resource' // a resource id of the other cooperative (or of nothing) in the path
  | 'foreign-ref'; // the body refers to the other cooperative's (or no) branch, desk, session …

const ID_PATTERN = '^[1-9][0-9]{0,17}$';
const isResourceParam = (p: Parameter) =>
  p.in === 'path' && p.name !== 'orgId' && p.name.endsWith('Id');
const refFields = (body: Schema | undefined) =>
  Object.entries(body?.properties ?? {})
    .filter(([k, p]) => k.endsWith('Id') && p.pattern === ID_PATTERN)
    .map(([k]) => k);

interface Request {
  strategy: Strategy;
  url: string;
  /** undefined: no body; otherwise the raw payload and its content type */
  payload?: { text: string; type: string };
}

function strategiesFor(r: Route): Strategy[] {
  const out: Strategy[] = [];
  if (r.method === 'GET') out.push('free', 'free');
  if (r.body) out.push('broken-body', 'broken-body');
  if (r.params.some((p) => p.in === 'path')) out.push('broken-param');
  if (r.params.some((p) => p.name === 'orgId')) out.push('foreign-org');
  if (r.params.some(isResourceParam)) out.push('foreign-resource', 'foreign-resource');
  if (refFields(r.body).length > 0) out.push('foreign-ref', 'foreign-ref');
  return out;
}

function requestFor(r: Route, ownOrgId: string): fc.Arbitrary<Request> {
  const pathParams = r.params.filter((p) => p.in === 'path');
  const queryParams = r.params.filter((p) => p.in === 'query');
  /** A path value that satisfies the schema; resource ids never name one of the caller's rows. */
  const wellFormed = (p: Parameter): fc.Arbitrary<unknown> =>
    p.name === 'orgId'
      ? fc.constant(ownOrgId)
      : isResourceParam(p)
        ? foreignIdFor(p.name)
        : p.schema.enum
          ? fc.constantFrom(...p.schema.enum)
          : p.schema.pattern
            ? fc.stringMatching(regex(p.schema.pattern))
            : fc.string({ minLength: 1, maxLength: 10 });

  return fc.constantFrom(...strategiesFor(r)).chain((strategy) => {
    const brokenParam = pathParams.length
      ? fc.constantFrom(...pathParams.map((p) => p.name))
      : fc.constant('');
    return fc
      .record({
        brokenParam,
        pathValues: fc.tuple(
          ...pathParams.map((p) =>
            strategy === 'free' ? fc.oneof(wellFormed(p), shaped(p.schema)) : wellFormed(p),
          ),
        ),
        // a path parameter travels as text: it is broken when its text fails the schema
        brokenValues: fc.tuple(
          ...pathParams.map((p) =>
            broken(p.schema)
              .map(stringify)
              .filter((v) => !conforms(p.schema, v)),
          ),
        ),
        otherOrg: fc.oneof(fc.constantFrom(...foreign.orgIds), fc.uuid({ version: 4 })),
        query: fc.tuple(
          ...queryParams.map((p) =>
            fc.option(
              fc.oneof(shaped(p.schema), fc.array(hostileString(), { minLength: 2, maxLength: 2 })),
              {
                nil: undefined,
                freq: 3,
              },
            ),
          ),
        ),
        body: r.body
          ? strategy === 'broken-body'
            ? broken(r.body)
            : // mostly well-formed, so that the handler runs and meets the foreign id
              shaped(
                r.body,
                0,
                strategy === 'foreign-ref' || strategy === 'foreign-resource' ? 12 : 3,
              )
          : fc.constant(undefined),
        // the first reference is always foreign; the others may name the caller's own rows
        refs: fc.tuple(
          ...refFields(r.body).map((k, i) => {
            const own = ownIds[KIND_OF[k] ?? ''];
            return i === 0 || !own ? foreignIdFor(k) : fc.oneof(foreignIdFor(k), fc.constant(own));
          }),
        ),
        rawBody: fc.constantFrom<'json' | 'malformed' | 'text'>(
          'json',
          'json',
          'json',
          'json',
          'malformed',
          'text',
        ),
      })
      .map(
        ({
          brokenParam,
          pathValues,
          brokenValues,
          otherOrg,
          query,
          body,
          refs,
          rawBody,
        }): Request => {
          const values = new Map<string, unknown>(
            pathParams.map((p, i) => [p.name, pathValues[i]]),
          );
          if (strategy === 'broken-param') {
            const i = pathParams.findIndex((p) => p.name === brokenParam);
            values.set(brokenParam, brokenValues[i]);
          }
          if (strategy === 'foreign-org') values.set('orgId', otherOrg);
          let b = body;
          if (strategy === 'foreign-ref') {
            const o: Record<string, unknown> = isPlainObject(body) ? { ...body } : {};
            refFields(r.body).forEach((k, i) => (o[k] = refs[i]));
            b = o;
          }
          // Now and then the broken parameter is not even valid percent-encoding.
          const rawParam = strategy === 'broken-param' && rawBody === 'malformed';
          const url =
            r.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
              rawParam && name === brokenParam ? '%E0%A4%A' : encode(stringify(values.get(name))),
            ) + querystring(queryParams.map((p, i) => [p.name, query[i]]));
          if (b === undefined && !(r.body && strategy === 'broken-body')) return { strategy, url };
          const text = JSON.stringify(b) ?? 'null';
          // A broken body is sometimes not even JSON, or sent as another media type.
          if (strategy === 'broken-body' && rawBody === 'malformed')
            return {
              strategy,
              url,
              payload: {
                text: text.slice(0, Math.max(1, text.length - 1)) + ',',
                type: 'application/json',
              },
            };
          if (strategy === 'broken-body' && rawBody === 'text')
            return { strategy, url, payload: { text, type: 'text/plain' } };
          return { strategy, url, payload: { text, type: 'application/json' } };
        },
      );
  });
}

/** Percent-encoding that also carries lone surrogates: as the bytes of no valid UTF-8 (%ED%A0%80). */
function encode(text: string): string {
  let out = '';
  for (const ch of text) out += /[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch);
  return out;
}

function stringify(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
}

function querystring(pairs: [string, unknown][]): string {
  const parts: string[] = [];
  for (const [k, v] of pairs) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) parts.push(`${encode(k)}=${encode(stringify(x))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

let deps: TestDeps;
let app: FastifyInstance;
let own: Awaited<ReturnType<typeof makeCooperative>>;
let client: Client;

/** A chart, a branch, a desk with an open session, a journal entry and a loan product. */
async function seedCooperative(
  coop: { id: string },
  userId: string,
  username: string,
): Promise<Ids> {
  const ctx: OrgContext = {
    ...systemContext(coop.id, 'test'),
    actor: { userId, label: username },
    roles: [],
  };
  await inOrg(deps, ctx, (o) => seedChartOfAccounts(o, TEST_CHART));
  const branch = await deps.database.db
    .insertInto('branches')
    .values({ cooperative_id: coop.id, code: 'F1', name: 'Cabang Fuzz' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { branch: String(branch.id), ...(await seedTenantBook(deps, ctx, branch.id)) };
}

beforeAll(async () => {
  deps = await testDeps();
  app = await testApp(deps);
  own = await makeCooperative(deps, 'Koperasi Fuzz');
  const other = await makeCooperative(deps, 'Koperasi Lain');
  const dinas = await makeDinas(deps);
  const user = await makeUser(deps, own, [...COOPERATIVE_ROLES]);
  const otherUser = await makeUser(deps, other, ['admin']);
  client = await signIn(app, user.username);
  Object.assign(ownIds, await seedCooperative(own, user.id, user.username));
  const otherIds = await seedCooperative(other, otherUser.id, otherUser.username);
  // A pending approval and an API token of the other cooperative too.
  const otherClient = await signIn(app, otherUser.username);
  Object.assign(otherIds, await approvalAndToken(other.id, otherClient));
  foreign.orgIds.push(other.id, dinas.id, '00000000-0000-0000-0000-000000000000');
  foreign.ids = otherIds;
  // Each kind has its own identity sequence: the other cooperative's row is never the caller's.
  for (const [kind, id] of Object.entries(otherIds)) expect(ownIds[kind], kind).not.toBe(id);
});

afterAll(async () => {
  await app?.close();
  await deps?.close();
});

async function routes(): Promise<{ included: Route[]; skipped: string[] }> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
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
  return { included, skipped };
}

/** The whole database (sessions and schema_migrations aside, as in backups), after the audit sealer settles. */
async function databaseDigest(): Promise<string> {
  await deps.sealer.flush();
  return (await checksum(deps.database, null)).digest;
}

function send(method: string, req: Request): Promise<LightMyRequestResponse> {
  return app.inject({
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

describe('fuzzing every route in the OpenAPI document', () => {
  it('covers the document (the sweep is not empty)', async () => {
    const { included, skipped } = await routes();
    expect(included.length).toBeGreaterThanOrEqual(50);
    expect(skipped).toContain('POST /api/v1/auth/logout: succeeds with any input');
  });

  it('random and hostile requests are refused with a 4xx problem and change nothing', async () => {
    const { included } = await routes();
    const failures: string[] = [];
    const stats = new Map<string, number>();
    for (const r of included) {
      const t0 = Date.now();
      const sent: string[] = [];
      const routeBefore = await databaseDigest();
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
      if ((await databaseDigest()) !== routeBefore)
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
  }, 120_000);
});
