import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { JsonValue } from './schema.js';
import type { Queryable, Tx } from './database.js';
import { sqlText, sqlUuid } from './literals.js';

export interface AuditEventInput {
  organizationId: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
  requestId: string | null;
  ip: string | null;
}

const toJsonb = (v: JsonValue | undefined): string | null =>
  v === undefined
    ? null
    : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));

export async function insertAuditEvent(tx: Queryable, e: AuditEventInput): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      organization_id: e.organizationId,
      actor_user_id: e.actorUserId,
      actor_label: e.actorLabel,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before: toJsonb(e.before),
      after: toJsonb(e.after),
      request_id: e.requestId,
      ip: e.ip,
    })
    .execute();
}

/**
 * A transaction's audit events as ONE statement (in the order they happened), values inlined as
 * literals so it can travel with the COMMIT (see inTenantTransaction); optionally with one more
 * data-modifying statement alongside (`alongside`, a complete UPDATE/INSERT). Undefined when there
 * is nothing to write.
 */
export function auditEventsStatement(
  events: readonly AuditEventInput[],
  alongside?: string,
): string | undefined {
  if (events.length === 0) return alongside;
  // plain VALUES rows, inserted (and numbered) in the order they happened; planning this costs a
  // fraction of unpacking the same rows from one jsonb document
  const rows = events.map(
    (e) =>
      `(${sqlUuid(e.organizationId)}, ${sqlUuid(e.actorUserId)}, ${sqlText(e.actorLabel)}, ${sqlText(e.action)}, ` +
      `${sqlText(e.entityType)}, ${sqlText(e.entityId)}, ${sqlText(toJsonb(e.before))}::jsonb, ` +
      `${sqlText(toJsonb(e.after))}::jsonb, ${sqlText(e.requestId)}, ${sqlText(e.ip)})`,
  );
  const insert = `insert into audit_events (organization_id, actor_user_id, actor_label, action, entity_type, entity_id, before, after, request_id, ip)
    values ${rows.join(', ')}`;
  return alongside ? `with audit as (${insert} returning 1) ${alongside}` : insert;
}

/** Writes audit events now, in one statement. */
export async function insertAuditEvents(
  tx: Queryable,
  events: readonly AuditEventInput[],
): Promise<void> {
  const statement = auditEventsStatement(events);
  if (statement) await sql.raw(statement).execute(tx);
}

/**
 * The canonical content hashed for each event: jsonb's text form is deterministic (keys in a fixed
 * order), and the instant is rendered in UTC to the microsecond so no setting changes it.
 */
const CANONICAL = sql<string>`jsonb_build_object(
  'org', organization_id, 'id', id,
  'at', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  'actor', actor_user_id, 'label', actor_label, 'action', action,
  'entity', entity_type, 'entity_id', entity_id, 'before', before, 'after', after,
  'request', request_id, 'ip', ip)::text`;

export const GENESIS_HASH = Buffer.alloc(32);

export function chainHash(prev: Uint8Array, canonical: string): Buffer {
  return createHash('sha256').update(prev).update(canonical, 'utf8').digest();
}

const SEAL_BATCH = 5000;

/**
 * Seals the organisation's unsealed events in id order onto its chain. One sealer per
 * organisation at a time (transaction-scoped advisory lock); writers never wait on it.
 */
export async function sealOrganizationChain(tx: Tx, organizationId: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${organizationId}, 42))`.execute(tx);
  const head = await sql<{ chain_seq: bigint; hash: Uint8Array }>`
    select chain_seq, hash from audit_chain_heads where organization_id = ${organizationId}`.execute(
    tx,
  );
  let seq = head.rows[0]?.chain_seq ?? 0n;
  let prev: Uint8Array = head.rows[0]?.hash ?? GENESIS_HASH;
  let sealed = 0;
  for (;;) {
    const rows = await sql<{ id: bigint; canonical: string }>`
      select id, ${CANONICAL} as canonical from audit_events
      where organization_id = ${organizationId} and chain_seq is null
      order by id limit ${SEAL_BATCH}`.execute(tx);
    if (rows.rows.length === 0) break;
    const ids: string[] = [];
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows.rows) {
      seq += 1n;
      const h = chainHash(prev, r.canonical);
      ids.push(r.id.toString());
      seqs.push(seq.toString());
      prevs.push(Buffer.from(prev).toString('hex'));
      hashes.push(h.toString('hex'));
      prev = h;
    }
    await sql`
      update audit_events a set chain_seq = v.seq, prev_hash = decode(v.prev, 'hex'), hash = decode(v.h, 'hex')
      from (select unnest(${ids}::bigint[]) as id, unnest(${seqs}::bigint[]) as seq,
                   unnest(${prevs}::text[]) as prev, unnest(${hashes}::text[]) as h) v
      where a.organization_id = ${organizationId} and a.id = v.id`.execute(tx);
    sealed += rows.rows.length;
    if (rows.rows.length < SEAL_BATCH) break;
  }
  if (sealed > 0) {
    await sql`
      insert into audit_chain_heads (organization_id, chain_seq, hash, sealed_at)
      values (${organizationId}, ${seq}, ${Buffer.from(prev)}, now())
      on conflict (organization_id) do update set chain_seq = excluded.chain_seq, hash = excluded.hash, sealed_at = now()`.execute(
      tx,
    );
  }
  return sealed;
}

export async function organizationsWithUnsealedEvents(db: Queryable): Promise<string[]> {
  const r = await sql<{ organization_id: string }>`
    select distinct organization_id from audit_events where chain_seq is null`.execute(db);
  return r.rows.map((x) => x.organization_id);
}

export interface ChainProblem {
  organizationId: string;
  chainSeq: bigint | null;
  eventId: bigint | null;
  problem: 'hash-mismatch' | 'broken-link' | 'sequence-gap' | 'head-mismatch' | 'missing-head';
}

const VERIFY_PAGE = 10_000;

/** Walks every sealed chain and recomputes it; any edit, deletion or reordering shows up. */
export async function verifyChains(
  db: Queryable,
  organizationId?: string,
): Promise<{ events: number; problems: ChainProblem[] }> {
  const orgs = organizationId
    ? [organizationId]
    : (
        await sql<{ organization_id: string }>`
        select organization_id from audit_chain_heads
        union select distinct organization_id from audit_events where chain_seq is not null`.execute(
          db,
        )
      ).rows.map((r) => r.organization_id);
  const problems: ChainProblem[] = [];
  let events = 0;
  for (const org of orgs) {
    let expectedSeq = 1n;
    let prev: Uint8Array = GENESIS_HASH;
    for (;;) {
      const page = await sql<{
        id: bigint;
        chain_seq: bigint;
        prev_hash: Uint8Array;
        hash: Uint8Array;
        canonical: string;
      }>`
        select id, chain_seq, prev_hash, hash, ${CANONICAL} as canonical from audit_events
        where organization_id = ${org} and chain_seq >= ${expectedSeq}
        order by chain_seq limit ${VERIFY_PAGE}`.execute(db);
      for (const r of page.rows) {
        events++;
        if (r.chain_seq !== expectedSeq) {
          problems.push({
            organizationId: org,
            chainSeq: expectedSeq,
            eventId: null,
            problem: 'sequence-gap',
          });
          expectedSeq = r.chain_seq;
        }
        if (!Buffer.from(r.prev_hash).equals(Buffer.from(prev))) {
          problems.push({
            organizationId: org,
            chainSeq: r.chain_seq,
            eventId: r.id,
            problem: 'broken-link',
          });
        }
        const h = chainHash(r.prev_hash, r.canonical);
        if (!h.equals(Buffer.from(r.hash))) {
          problems.push({
            organizationId: org,
            chainSeq: r.chain_seq,
            eventId: r.id,
            problem: 'hash-mismatch',
          });
        }
        prev = r.hash;
        expectedSeq = r.chain_seq + 1n;
      }
      if (page.rows.length < VERIFY_PAGE) break;
    }
    const head = await sql<{ chain_seq: bigint; hash: Uint8Array }>`
      select chain_seq, hash from audit_chain_heads where organization_id = ${org}`.execute(db);
    const h = head.rows[0];
    if (!h) {
      if (expectedSeq > 1n)
        problems.push({
          organizationId: org,
          chainSeq: null,
          eventId: null,
          problem: 'missing-head',
        });
    } else if (h.chain_seq !== expectedSeq - 1n || !Buffer.from(h.hash).equals(Buffer.from(prev))) {
      // The tail was cut or the last events changed: the head remembers where the chain ended.
      problems.push({
        organizationId: org,
        chainSeq: h.chain_seq,
        eventId: null,
        problem: 'head-mismatch',
      });
    }
  }
  return { events, problems };
}

export interface AuditEventRow {
  id: bigint;
  occurredAt: Date;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  sealed: boolean;
}

export async function listAuditEvents(
  db: Queryable,
  organizationId: string,
  limit: number,
  beforeId?: bigint,
): Promise<AuditEventRow[]> {
  let q = db
    .selectFrom('audit_events')
    .select([
      'id',
      'occurred_at',
      'actor_label',
      'action',
      'entity_type',
      'entity_id',
      'request_id',
      'ip',
      'chain_seq',
    ])
    .where('organization_id', '=', organizationId)
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    actorUsername: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    requestId: r.request_id,
    ip: r.ip,
    sealed: r.chain_seq !== null,
  }));
}
