import { sql } from 'kysely';
import type { Queryable, Tx } from './database.js';

/**
 * The RAT's secret ballots (migration 0038; docs/domain/rat-ballots.md, "Storage and service"). No
 * query here reads or writes a member id together with a pseudonym, a ballot or a tracker: the
 * who-registered rows (rat_ballot_voters) are written and read on their own.
 */

export interface ElectionRow {
  meeting_id: bigint;
  item_seq: number;
  election_id: string;
  threshold: number;
  trustees: number;
  keyholders: string[];
  manifest: unknown;
  verification_keys: unknown;
  status: 'setup' | 'ready' | 'voting' | 'closed' | 'tallied';
  head_seq: number;
  head_hash: string | null;
  tally_ciphertexts: unknown;
  tally: unknown;
}

export async function election(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
  lock = false,
): Promise<ElectionRow | undefined> {
  const r = await sql<ElectionRow>`
    select meeting_id, item_seq, election_id, threshold, trustees, keyholders, manifest,
      verification_keys, status, head_seq, head_hash, tally_ciphertexts, tally
    from rat_elections
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}
    ${lock ? sql`for update` : sql``}`.execute(db);
  return r.rows[0];
}

export async function insertElection(
  tx: Tx,
  coop: string,
  e: {
    meetingId: bigint;
    seq: number;
    electionId: string;
    threshold: number;
    keyholders: string[];
    manifest: unknown;
    createdBy: string | null;
  },
): Promise<boolean> {
  const r = await sql`
    insert into rat_elections (cooperative_id, meeting_id, item_seq, election_id, threshold, trustees,
      keyholders, manifest, created_by)
    values (${coop}, ${e.meetingId}, ${e.seq}, ${e.electionId}, ${e.threshold}, ${e.keyholders.length},
      ${JSON.stringify(e.keyholders)}::jsonb, ${JSON.stringify(e.manifest)}::jsonb, ${e.createdBy})
    on conflict do nothing`.execute(tx);
  return (r.numAffectedRows ?? 0n) > 0n;
}

export async function updateElection(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  set: {
    status?: ElectionRow['status'];
    manifest?: unknown;
    verificationKeys?: unknown;
    head?: { seq: number; hash: string };
    tallyCiphertexts?: unknown;
    tally?: unknown;
  },
): Promise<void> {
  const parts = [
    set.status === undefined ? undefined : sql`status = ${set.status}`,
    set.manifest === undefined ? undefined : sql`manifest = ${JSON.stringify(set.manifest)}::jsonb`,
    set.verificationKeys === undefined
      ? undefined
      : sql`verification_keys = ${JSON.stringify(set.verificationKeys)}::jsonb`,
    set.head === undefined
      ? undefined
      : sql`head_seq = ${set.head.seq}, head_hash = ${set.head.hash}`,
    set.tallyCiphertexts === undefined
      ? undefined
      : sql`tally_ciphertexts = ${JSON.stringify(set.tallyCiphertexts)}::jsonb`,
    set.tally === undefined ? undefined : sql`tally = ${JSON.stringify(set.tally)}::jsonb`,
  ].filter((p) => p !== undefined);
  if (parts.length === 0) return;
  await sql`
    update rat_elections set ${sql.join(parts)}
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}`.execute(tx);
}

export interface DealingRow {
  dealer: number;
  commitments: string[];
  sealed_shares: string[];
}

export async function dealings(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
): Promise<DealingRow[]> {
  const r = await sql<DealingRow>`
    select dealer, commitments, sealed_shares from rat_election_dealings
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}
    order by dealer`.execute(db);
  return r.rows;
}

export async function insertDealing(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  d: { dealer: number; commitments: string[]; sealedShares: string[] },
): Promise<boolean> {
  const r = await sql`
    insert into rat_election_dealings (cooperative_id, meeting_id, item_seq, dealer, commitments, sealed_shares)
    values (${coop}, ${meetingId}, ${seq}, ${d.dealer}, ${JSON.stringify(d.commitments)}::jsonb,
      ${JSON.stringify(d.sealedShares)}::jsonb)
    on conflict do nothing`.execute(tx);
  return (r.numAffectedRows ?? 0n) > 0n;
}

/** The keyholders' registered sealing keys (migration 0040), by keyholder index. */
export async function keyholderKeys(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
): Promise<{ keyholder: number; public_key: string }[]> {
  const r = await sql<{ keyholder: number; public_key: string }>`
    select keyholder, public_key from rat_election_keyholder_keys
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}
    order by keyholder`.execute(db);
  return r.rows;
}

/** Registers a keyholder's sealing key once; false if it already has one. */
export async function insertKeyholderKey(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  keyholder: number,
  publicKey: string,
  at: Date,
): Promise<boolean> {
  const r = await sql`
    insert into rat_election_keyholder_keys (cooperative_id, meeting_id, item_seq, keyholder, public_key, registered_at)
    values (${coop}, ${meetingId}, ${seq}, ${keyholder}, ${publicKey}, ${at})
    on conflict do nothing`.execute(tx);
  return (r.numAffectedRows ?? 0n) > 0n;
}

/** Appends a board entry (the caller holds the election row's lock and computed the entry). */
export async function insertEntry(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  e: { seq: number; prevHash: string; kind: string; hash: string; tracker: string | null },
  content: unknown,
): Promise<void> {
  await sql`
    insert into rat_board_entries (cooperative_id, meeting_id, item_seq, seq, prev_hash, kind, content, hash, tracker)
    values (${coop}, ${meetingId}, ${seq}, ${e.seq}, ${e.prevHash}, ${e.kind},
      ${JSON.stringify(content)}::jsonb, ${e.hash}, ${e.tracker})`.execute(tx);
}

export async function entries(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
): Promise<unknown[]> {
  const r = await sql<{ content: unknown }>`
    select content from rat_board_entries
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}
    order by seq`.execute(db);
  return r.rows.map((x) => x.content);
}

export async function lastEntry(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
  boardSeq: number,
): Promise<unknown> {
  const r = await sql<{ content: unknown }>`
    select content from rat_board_entries
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq} and seq = ${boardSeq}`.execute(
    db,
  );
  return r.rows[0]?.content;
}

export async function entryByTracker(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
  tracker: string,
): Promise<{ seq: number; hash: string } | undefined> {
  const r = await sql<{ seq: number; hash: string }>`
    select seq, hash from rat_board_entries
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq} and tracker = ${tracker}
    order by seq limit 1`.execute(db);
  return r.rows[0];
}

export async function boardCounts(db: Queryable, coop: string, meetingId: bigint, seq: number) {
  const r = await sql<{ ballots: number; pseudonyms: number; weight: number }>`
    select
      (select count(*)::integer from rat_board_entries
        where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq} and kind = 'ballot') as ballots,
      (select count(*)::integer from rat_ballot_pseudonyms
        where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}) as pseudonyms,
      (select coalesce(sum(weight), 0)::integer from rat_ballot_pseudonyms
        where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}) as weight`.execute(
    db,
  );
  return r.rows[0]!;
}

export async function pseudonymWeight(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
  pseudonym: string,
): Promise<number | undefined> {
  const r = await sql<{ weight: number }>`
    select weight from rat_ballot_pseudonyms
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq} and pseudonym = ${pseudonym}`.execute(
    db,
  );
  return r.rows[0]?.weight;
}

export async function insertPseudonym(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  pseudonym: string,
  weight: number,
): Promise<boolean> {
  const r = await sql`
    insert into rat_ballot_pseudonyms (cooperative_id, meeting_id, item_seq, pseudonym, weight)
    values (${coop}, ${meetingId}, ${seq}, ${pseudonym}, ${weight})
    on conflict do nothing`.execute(tx);
  return (r.numAffectedRows ?? 0n) > 0n;
}

/** Who registered: the member and the minute, nothing else. False if already registered. */
export async function insertVoter(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  memberId: bigint,
  at: Date,
): Promise<boolean> {
  const r = await sql`
    insert into rat_ballot_voters (cooperative_id, meeting_id, item_seq, member_id, registered_at)
    values (${coop}, ${meetingId}, ${seq}, ${memberId}, date_trunc('minute', ${at}::timestamptz))
    on conflict do nothing`.execute(tx);
  return (r.numAffectedRows ?? 0n) > 0n;
}

export async function isVoter(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
  memberId: bigint,
): Promise<boolean> {
  const r = await sql<{ one: number }>`
    select 1 as one from rat_ballot_voters
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq} and member_id = ${memberId}`.execute(
    db,
  );
  return r.rows.length > 0;
}

export async function tallyShares(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
): Promise<unknown[]> {
  const r = await sql<{ decryption: unknown }>`
    select decryption from rat_tally_shares
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and item_seq = ${seq}
    order by trustee`.execute(db);
  return r.rows.map((x) => x.decryption);
}

export async function insertTallyShare(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  trustee: number,
  decryption: unknown,
): Promise<boolean> {
  const r = await sql`
    insert into rat_tally_shares (cooperative_id, meeting_id, item_seq, trustee, decryption)
    values (${coop}, ${meetingId}, ${seq}, ${trustee}, ${JSON.stringify(decryption)}::jsonb)
    on conflict do nothing`.execute(tx);
  return (r.numAffectedRows ?? 0n) > 0n;
}

/** Users of the cooperative holding the pengawas role, with their names (keyholder candidates). */
export async function pengawasUsers(
  db: Queryable,
  coop: string,
  userIds: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (userIds.length === 0) return [];
  const r = await sql<{ id: string; name: string }>`
    select u.id, coalesce(u.full_name, u.username) as name
    from users u join organization_roles r on r.user_id = u.id
    where r.organization_id = ${coop} and r.role = 'pengawas'
      and u.id in (${sql.join(userIds.map((id) => sql`${id}::uuid`))})`.execute(db);
  return r.rows;
}
