import { sql } from 'kysely';
import type { Queryable } from './database.js';
import type { MediationCasesTable } from './schema.js';

/**
 * Mediation cases (migration 0034; docs/domain/supervision-mediation.md). Every read and write
 * here goes through row-level security: a case and everything in it is seen only by the officer
 * who opened it and those assigned, once `actAs` has named the acting user for the transaction.
 */

/** Names the acting user for the rest of the transaction (what the mediation policies read). */
export async function actAs(db: Queryable, userId: string | null): Promise<void> {
  await sql`select set_config('sokoguru.user_id', ${userId ?? ''}, true)`.execute(db);
}

export interface CaseRow {
  region_code: string;
  registry_id: bigint;
  id: bigint;
  registry_name: string;
  kind: MediationCasesTable['kind'];
  title: string;
  summary: string;
  opened_on: string;
  status: 'open' | 'agreement' | 'resolved' | 'failed';
  closed_on: string | null;
  closing_note: string | null;
  created_by_name: string;
  claims_rupiah: bigint;
  parties: number;
}

const caseColumns = sql`c.region_code, c.registry_id, c.id, r.name as registry_name, c.kind, c.title,
  c.summary, c.opened_on, c.status, c.closed_on, c.closing_note, u.full_name as created_by_name,
  coalesce((select sum(p.claim_rupiah) from mediation_parties p
            where p.registry_id = c.registry_id and p.case_id = c.id), 0)::int8 as claims_rupiah,
  (select count(*) from mediation_parties p
   where p.registry_id = c.registry_id and p.case_id = c.id)::int as parties`;

/** The cases the acting user may see, open ones first, newest first. */
export async function listCases(
  db: Queryable,
  q: { registryId?: bigint; limit: number },
): Promise<CaseRow[]> {
  const r = await sql<CaseRow>`
    select ${caseColumns}
    from mediation_cases c
    join registry_cooperatives r on r.id = c.registry_id
    join users u on u.id = c.created_by
    ${q.registryId !== undefined ? sql`where c.registry_id = ${q.registryId}` : sql``}
    order by (c.status in ('open', 'agreement')) desc, c.opened_on desc, c.id desc
    limit ${q.limit}`.execute(db);
  return r.rows;
}

export async function findCase(db: Queryable, caseId: bigint, forUpdate = false) {
  const r = await sql<CaseRow>`
    select ${caseColumns}
    from mediation_cases c
    join registry_cooperatives r on r.id = c.registry_id
    join users u on u.id = c.created_by
    where c.id = ${caseId}
    ${forUpdate ? sql`for update of c` : sql``}`.execute(db);
  return r.rows[0];
}

export async function insertCase(
  db: Queryable,
  c: {
    region_code: string;
    registry_id: bigint;
    kind: MediationCasesTable['kind'];
    title: string;
    summary: string;
    opened_on: string;
    created_by: string;
  },
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into mediation_cases (region_code, registry_id, kind, title, summary, opened_on, created_by)
    values (${c.region_code}, ${c.registry_id}, ${c.kind}, ${c.title}, ${c.summary}, ${c.opened_on},
            ${c.created_by})
    returning id`.execute(db);
  return r.rows[0]!.id;
}

export async function assignOfficers(
  db: Queryable,
  c: { region_code: string; registry_id: bigint; id: bigint },
  userIds: readonly string[],
  on: string,
  by: string,
): Promise<void> {
  await sql`
    insert into mediation_officers (region_code, registry_id, case_id, user_id, assigned_on, assigned_by)
    select ${c.region_code}, ${c.registry_id}, ${c.id}, u, ${on}::date, ${by}::uuid
    from unnest(${userIds}::uuid[]) as u
    on conflict do nothing`.execute(db);
}

export async function officersOf(db: Queryable, caseId: bigint) {
  const r = await sql<{ user_id: string; full_name: string; assigned_on: string }>`
    select o.user_id, u.full_name, o.assigned_on
    from mediation_officers o join users u on u.id = o.user_id
    where o.case_id = ${caseId} order by o.assigned_on, u.full_name`.execute(db);
  return r.rows;
}

/** The office's users (members of the organisation with a Dinas role) among `userIds`. */
export async function officeUsers(
  db: Queryable,
  organizationId: string,
  userIds: readonly string[],
) {
  const r = await sql<{ user_id: string }>`
    select distinct r.user_id from organization_roles r
    where r.organization_id = ${organizationId} and r.user_id = any(${userIds}::uuid[])
      and r.role in ('dinas_admin', 'dinas_pembina', 'dinas_pengawas')`.execute(db);
  return r.rows.map((x) => x.user_id);
}

export async function insertParty(
  db: Queryable,
  c: { region_code: string; registry_id: bigint; id: bigint },
  p: {
    role: 'pengadu' | 'koperasi' | 'lainnya';
    name: string;
    contact: string | null;
    claim: string | null;
    claimRupiah: bigint | null;
  },
): Promise<void> {
  await sql`
    insert into mediation_parties (region_code, registry_id, case_id, role, name, contact, claim, claim_rupiah)
    values (${c.region_code}, ${c.registry_id}, ${c.id}, ${p.role}, ${p.name}, ${p.contact}, ${p.claim},
            ${p.claimRupiah})`.execute(db);
}

export async function partiesOf(db: Queryable, caseId: bigint) {
  const r = await sql<{
    id: bigint;
    role: 'pengadu' | 'koperasi' | 'lainnya';
    name: string;
    contact: string | null;
    claim: string | null;
    claim_rupiah: bigint | null;
  }>`select id, role, name, contact, claim, claim_rupiah from mediation_parties
     where case_id = ${caseId} order by id`.execute(db);
  return r.rows;
}

export async function insertMeeting(
  db: Queryable,
  c: { region_code: string; registry_id: bigint; id: bigint },
  m: { heldOn: string; place: string | null; attendees: string; minutes: string; by: string },
): Promise<void> {
  await sql`
    insert into mediation_meetings (region_code, registry_id, case_id, held_on, place, attendees, minutes, recorded_by)
    values (${c.region_code}, ${c.registry_id}, ${c.id}, ${m.heldOn}, ${m.place}, ${m.attendees},
            ${m.minutes}, ${m.by})`.execute(db);
}

export async function meetingsOf(db: Queryable, caseId: bigint) {
  const r = await sql<{
    id: bigint;
    held_on: string;
    place: string | null;
    attendees: string;
    minutes: string;
    recorded_by_name: string;
  }>`select m.id, m.held_on, m.place, m.attendees, m.minutes, u.full_name as recorded_by_name
     from mediation_meetings m join users u on u.id = m.recorded_by
     where m.case_id = ${caseId} order by m.held_on, m.id`.execute(db);
  return r.rows;
}

export async function insertAgreement(
  db: Queryable,
  c: { region_code: string; registry_id: bigint; id: bigint },
  a: {
    signedOn: string;
    terms: string;
    totalRupiah: bigint;
    by: string;
    plan: readonly { no: number; dueOn: string; amountRupiah: bigint }[];
  },
): Promise<void> {
  await sql`
    insert into mediation_agreements (region_code, registry_id, case_id, signed_on, terms, total_rupiah, recorded_by)
    values (${c.region_code}, ${c.registry_id}, ${c.id}, ${a.signedOn}, ${a.terms}, ${a.totalRupiah}, ${a.by})`.execute(
    db,
  );
  await sql`
    insert into mediation_instalments (region_code, registry_id, case_id, no, due_on, amount_rupiah)
    select ${c.region_code}, ${c.registry_id}, ${c.id}, p.no, p.due_on, p.amount
    from unnest(${a.plan.map((p) => p.no)}::int4[], ${a.plan.map((p) => p.dueOn)}::date[],
                ${a.plan.map((p) => p.amountRupiah.toString())}::int8[]) as p (no, due_on, amount)`.execute(
    db,
  );
}

export async function agreementOf(db: Queryable, caseId: bigint) {
  const a = await sql<{
    signed_on: string;
    terms: string;
    total_rupiah: bigint;
    recorded_by_name: string;
  }>`
    select a.signed_on, a.terms, a.total_rupiah, u.full_name as recorded_by_name
    from mediation_agreements a join users u on u.id = a.recorded_by
    where a.case_id = ${caseId}`.execute(db);
  if (!a.rows[0]) return undefined;
  const i = await sql<{
    no: number;
    due_on: string;
    amount_rupiah: bigint;
    paid_on: string | null;
    paid_rupiah: bigint;
  }>`select no, due_on, amount_rupiah, paid_on, paid_rupiah from mediation_instalments
     where case_id = ${caseId} order by no`.execute(db);
  return { ...a.rows[0], instalments: i.rows };
}

/** Records a payment on an instalment; the amount paid so far grows, never past the amount. */
export async function payInstalment(
  db: Queryable,
  caseId: bigint,
  no: number,
  paidOn: string,
  amount: bigint,
): Promise<{ paid_rupiah: bigint; amount_rupiah: bigint } | undefined> {
  const r = await sql<{ paid_rupiah: bigint; amount_rupiah: bigint }>`
    update mediation_instalments set paid_rupiah = paid_rupiah + ${amount}, paid_on = ${paidOn}
    where case_id = ${caseId} and no = ${no} and paid_rupiah + ${amount} <= amount_rupiah
    returning paid_rupiah, amount_rupiah`.execute(db);
  return r.rows[0];
}

export async function closeCase(
  db: Queryable,
  caseId: bigint,
  status: 'agreement' | 'resolved' | 'failed',
  on: string | null,
  note: string | null,
): Promise<void> {
  await sql`
    update mediation_cases set status = ${status}, closed_on = ${on}, closing_note = ${note}
    where id = ${caseId}`.execute(db);
}
