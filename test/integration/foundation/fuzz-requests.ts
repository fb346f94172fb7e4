/**
 * The requests of the OpenAPI fuzz (fuzz-sweep.ts): values of about the shape an operation's
 * schemas ask for mixed with hostile ones, and for each write request at least one way in which it
 * is made invalid (`Strategy`).
 */
import fc from 'fast-check';
import {
  conforms,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  isPlainObject,
  type Parameter,
  type Schema,
} from '../../support/openapi-fuzz.js';

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
export type Ids = Record<string, string>;
/**
 * Filled in by the test's beforeAll: the other organisations, and ids of the caller's and the other
 * cooperative's rows by kind.
 */
export const foreign = { orgIds: [] as string[], ids: {} as Ids };
export const ownIds: Ids = {};
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

export interface Route {
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

export interface Request {
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

export function requestFor(r: Route, ownOrgId: string): fc.Arbitrary<Request> {
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
