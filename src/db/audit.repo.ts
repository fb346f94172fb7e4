import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { AuditChainHeadsTable, AuditSealBlocksTable, JsonValue } from './schema.js';
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
 * order), and the instant is rendered in UTC to the microsecond so no setting changes it. Events
 * sealed in blocks also carry the transaction that wrote them (it decides their block and order).
 */
const CANONICAL_JSONB = sql`jsonb_build_object(
  'org', organization_id, 'id', id,
  'at', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  'actor', actor_user_id, 'label', actor_label, 'action', action,
  'entity', entity_type, 'entity_id', entity_id, 'before', before, 'after', after,
  'request', request_id, 'ip', ip)`;
const CANONICAL = sql<string>`(${CANONICAL_JSONB})::text`;
// jsonb orders its keys itself, so adding one renders as if it had been built in
const CANONICAL_IN_BLOCK = sql<string>`(${CANONICAL_JSONB} || jsonb_build_object('xact', xact_id::text))::text`;

export const GENESIS_HASH = Buffer.alloc(32);

export function chainHash(prev: Uint8Array, canonical: string): Buffer {
  return createHash('sha256').update(prev).update(canonical, 'utf8').digest();
}

const PAGE = 10_000;

interface BlockEvent {
  id: bigint;
  /** xact_id as text (named apart from the column, or ORDER BY would sort the text) */
  xact: string;
  canonical: string;
}

/**
 * An organisation's block-sealed events with from <= xact_id < to, in sealing order (xact_id, id),
 * fetched a page at a time.
 */
export async function* eventsInBlockOrder(
  db: Queryable,
  organizationId: string,
  from: string,
  to: string,
): AsyncGenerator<BlockEvent> {
  let after: BlockEvent | undefined;
  for (;;) {
    const page = await sql<BlockEvent>`
      select id, xact_id::text as xact, ${CANONICAL_IN_BLOCK} as canonical from audit_events
      where organization_id = ${organizationId} and xact_id >= ${from}::xid8 and xact_id < ${to}::xid8
        ${after ? sql`and (xact_id, id) > (${after.xact}::xid8, ${after.id})` : sql``}
      order by audit_events.xact_id, audit_events.id limit ${PAGE}`.execute(db);
    yield* page.rows;
    if (page.rows.length < PAGE) return;
    after = page.rows[page.rows.length - 1];
  }
}

type Block = Omit<Selectable<AuditSealBlocksTable>, 'organization_id' | 'sealed_at'>;

async function* blocksInOrder(db: Queryable, organizationId: string): AsyncGenerator<Block> {
  let after = 0n;
  for (;;) {
    const page = await sql<Block>`
      select block_seq, xact_from::text as xact_from, xact_to::text as xact_to, event_count, prev_hash, hash
      from audit_seal_blocks where organization_id = ${organizationId} and block_seq > ${after}
      order by block_seq limit ${PAGE}`.execute(db);
    yield* page.rows;
    if (page.rows.length < PAGE) return;
    after = page.rows[page.rows.length - 1]?.block_seq ?? after;
  }
}

type Head = Omit<Selectable<AuditChainHeadsTable>, 'organization_id' | 'sealed_at'>;

async function chainHead(db: Queryable, organizationId: string): Promise<Head | undefined> {
  const r = await sql<Head>`
    select chain_seq, hash, block_seq, horizon::text as horizon from audit_chain_heads
    where organization_id = ${organizationId}`.execute(db);
  return r.rows[0];
}

/**
 * Seals the organisation's events written by transactions that have ended since the last round:
 * hashes them in (xact_id, id) order onto the chain and appends one block. Events of transactions
 * still running wait for the next round, so no event can ever appear behind the seal. One sealer
 * per organisation at a time (transaction-scoped advisory lock); writers never wait on it, and no
 * event row is written again.
 */
export async function sealOrganizationChain(
  tx: Tx,
  organizationId: string,
): Promise<{ sealed: number; waiting: boolean }> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${organizationId}, 42))`.execute(tx);
  const head = await chainHead(tx, organizationId);
  // every transaction with a smaller id has ended: all the events it wrote are visible from now on
  const upTo = (
    await sql<{ h: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as h`.execute(tx)
  ).rows[0]?.h;
  if (!upTo) throw new Error('no transaction horizon');
  const from = head?.horizon ?? '0';
  const prevHash: Uint8Array = head?.hash ?? GENESIS_HASH;
  let hash: Uint8Array = prevHash;
  let count = 0;
  for await (const e of eventsInBlockOrder(tx, organizationId, from, upTo)) {
    hash = chainHash(hash, e.canonical);
    count++;
  }
  // committed events left for a later round, behind a transaction that is still running
  const waiting =
    (
      await sql<{ waiting: boolean }>`
        select exists (select 1 from audit_events
                       where organization_id = ${organizationId} and xact_id >= ${upTo}::xid8) as waiting`.execute(
        tx,
      )
    ).rows[0]?.waiting === true;
  // an empty round leaves the head where it was, so the blocks stay one unbroken range
  if (count === 0) return { sealed: 0, waiting };
  const blockSeq = (head?.block_seq ?? 0n) + 1n;
  await sql`
    with block as (
      insert into audit_seal_blocks (organization_id, block_seq, xact_from, xact_to, event_count, prev_hash, hash)
      values (${organizationId}, ${blockSeq}, ${from}::xid8, ${upTo}::xid8, ${count}, ${Buffer.from(prevHash)}, ${Buffer.from(hash)})
      returning 1
    )
    insert into audit_chain_heads (organization_id, chain_seq, hash, sealed_at, block_seq, horizon)
    values (${organizationId}, ${head?.chain_seq ?? 0n}, ${Buffer.from(hash)}, now(), ${blockSeq}, ${upTo}::xid8)
    on conflict (organization_id) do update
      set hash = excluded.hash, sealed_at = now(), block_seq = excluded.block_seq, horizon = excluded.horizon`.execute(
    tx,
  );
  return { sealed: count, waiting };
}

/** Organisations with events no block covers yet (after a crash, at start-up). */
export async function organizationsWithUnsealedEvents(db: Queryable): Promise<string[]> {
  const r = await sql<{ organization_id: string }>`
    select o.id as organization_id from organizations o
    left join audit_chain_heads h on h.organization_id = o.id
    where exists (select 1 from audit_events e
                  where e.organization_id = o.id and e.xact_id >= coalesce(h.horizon, '0'::xid8))`.execute(
    db,
  );
  return r.rows.map((x) => x.organization_id);
}

export interface ChainProblem {
  organizationId: string;
  /** the event's place, for events sealed one by one */
  chainSeq: bigint | null;
  /** the block, for events sealed in blocks */
  blockSeq?: bigint | null;
  eventId: bigint | null;
  problem:
    | 'hash-mismatch'
    | 'broken-link'
    | 'sequence-gap'
    | 'count-mismatch'
    | 'head-mismatch'
    | 'missing-head';
}

/**
 * Walks every chain and recomputes it: first the events sealed one by one (before migration 0009),
 * then every block from the events it covers. Any edit, deletion, insertion or reordering shows up
 * as a hash or count that no longer matches, a broken link or a head that does not fit.
 */
export async function verifyChains(
  db: Queryable,
  organizationId?: string,
): Promise<{ events: number; problems: ChainProblem[] }> {
  const orgs = organizationId
    ? [organizationId]
    : (
        await sql<{ organization_id: string }>`
        select organization_id from audit_chain_heads
        union select organization_id from audit_seal_blocks
        union select distinct organization_id from audit_events where chain_seq is not null`.execute(
          db,
        )
      ).rows.map((r) => r.organization_id);
  const problems: ChainProblem[] = [];
  let events = 0;
  for (const org of orgs) {
    const problem = (p: Omit<ChainProblem, 'organizationId'>) =>
      problems.push({ organizationId: org, ...p });
    // 1. events sealed one by one, in chain_seq order
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
        order by chain_seq limit ${PAGE}`.execute(db);
      for (const r of page.rows) {
        events++;
        if (r.chain_seq !== expectedSeq) {
          problem({ chainSeq: expectedSeq, eventId: null, problem: 'sequence-gap' });
          expectedSeq = r.chain_seq;
        }
        if (!Buffer.from(r.prev_hash).equals(Buffer.from(prev)))
          problem({ chainSeq: r.chain_seq, eventId: r.id, problem: 'broken-link' });
        const h = chainHash(r.prev_hash, r.canonical);
        if (!h.equals(Buffer.from(r.hash)))
          problem({ chainSeq: r.chain_seq, eventId: r.id, problem: 'hash-mismatch' });
        prev = r.hash;
        expectedSeq = r.chain_seq + 1n;
      }
      if (page.rows.length < PAGE) break;
    }
    const head = await chainHead(db, org);
    // the head remembers where the one-by-one chain ended: a cut tail shows here
    if (head && head.chain_seq !== expectedSeq - 1n)
      problem({ chainSeq: head.chain_seq, eventId: null, problem: 'head-mismatch' });

    // 2. blocks, each replayed from the events of its range; together they cover [0, horizon).
    //    One pass over the blocks and one over the events, side by side.
    const end = (
      await sql<{ end: string | null }>`
        select greatest(${head?.horizon ?? '0'}::xid8, max(xact_to))::text as end
        from audit_seal_blocks where organization_id = ${org}`.execute(db)
    ).rows[0]?.end;
    const sealed = eventsInBlockOrder(db, org, '0', end ?? '0')[Symbol.asyncIterator]();
    let next = await sealed.next();
    let expectedBlock = 1n;
    let expectedFrom = '0';
    for await (const b of blocksInOrder(db, org)) {
      if (b.block_seq !== expectedBlock || b.xact_from !== expectedFrom)
        problem({
          chainSeq: null,
          blockSeq: expectedBlock,
          eventId: null,
          problem: 'sequence-gap',
        });
      if (!Buffer.from(b.prev_hash).equals(Buffer.from(prev)))
        problem({ chainSeq: null, blockSeq: b.block_seq, eventId: null, problem: 'broken-link' });
      // events of no block (a gap before this one) were reported with the gap
      while (!next.done && BigInt(next.value.xact) < BigInt(b.xact_from))
        next = await sealed.next();
      let h: Uint8Array = b.prev_hash;
      let n = 0;
      while (!next.done && BigInt(next.value.xact) < BigInt(b.xact_to)) {
        h = chainHash(h, next.value.canonical);
        n++;
        next = await sealed.next();
      }
      events += n;
      if (n !== b.event_count)
        problem({
          chainSeq: null,
          blockSeq: b.block_seq,
          eventId: null,
          problem: 'count-mismatch',
        });
      if (!Buffer.from(h).equals(Buffer.from(b.hash)))
        problem({ chainSeq: null, blockSeq: b.block_seq, eventId: null, problem: 'hash-mismatch' });
      prev = b.hash;
      expectedBlock = b.block_seq + 1n;
      expectedFrom = b.xact_to;
    }
    await sealed.return(undefined);
    if (!head) {
      if (expectedSeq > 1n || expectedBlock > 1n)
        problem({ chainSeq: null, eventId: null, problem: 'missing-head' });
    } else if (
      !Buffer.from(head.hash).equals(Buffer.from(prev)) ||
      head.block_seq !== expectedBlock - 1n ||
      (expectedBlock > 1n && head.horizon !== expectedFrom)
    ) {
      // the last blocks were cut, or the head rewritten
      problem({
        chainSeq: head.chain_seq,
        blockSeq: head.block_seq,
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
  const rows = await sql<{
    id: bigint;
    occurred_at: Date;
    actor_label: string;
    action: string;
    entity_type: string;
    entity_id: string | null;
    request_id: string | null;
    ip: string | null;
    sealed: boolean;
  }>`
    select e.id, e.occurred_at, e.actor_label, e.action, e.entity_type, e.entity_id, e.request_id, e.ip,
           (e.chain_seq is not null or e.xact_id < h.horizon) is true as sealed
    from audit_events e
    left join audit_chain_heads h on h.organization_id = e.organization_id
    where e.organization_id = ${organizationId}
      ${beforeId !== undefined ? sql`and e.id < ${beforeId}` : sql``}
    order by e.id desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    actorUsername: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    requestId: r.request_id,
    ip: r.ip,
    sealed: r.sealed,
  }));
}
