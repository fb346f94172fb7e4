import { sql, type Insertable, type Selectable } from 'kysely';
import type { Queryable, Tx } from './database.js';
import type {
  DpsCertificatesTable,
  DpsMembersTable,
  DpsMemberTermsTable,
  DpsOpinionsTable,
  DpsReviewsTable,
} from './schema.js';

/** Dewan Pengawas Syariah (migration 0027): members, terms, certificates, reviews, opinions. */

export type MemberRow = Selectable<DpsMembersTable>;
export type TermRow = Selectable<DpsMemberTermsTable>;
export type CertificateRow = Selectable<DpsCertificatesTable>;
export type ReviewRow = Selectable<DpsReviewsTable>;
export type OpinionRow = Selectable<DpsOpinionsTable>;

export async function members(tx: Queryable, coop: string): Promise<MemberRow[]> {
  return tx
    .selectFrom('dps_members')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .orderBy('id')
    .execute();
}

export async function terms(tx: Queryable, coop: string): Promise<TermRow[]> {
  return tx
    .selectFrom('dps_member_terms')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .orderBy('dps_member_id')
    .orderBy('term_no')
    .execute();
}

export async function certificates(tx: Queryable, coop: string): Promise<CertificateRow[]> {
  return tx
    .selectFrom('dps_certificates')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .orderBy('dps_member_id')
    .orderBy('issued_on')
    .orderBy('id')
    .execute();
}

/** One member, locked for the change that follows. */
export async function lockMember(tx: Tx, coop: string, id: bigint) {
  return tx
    .selectFrom('dps_members')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertMember(tx: Tx, row: Insertable<DpsMembersTable>) {
  return tx.insertInto('dps_members').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertTerm(tx: Tx, row: Insertable<DpsMemberTermsTable>) {
  return tx.insertInto('dps_member_terms').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function lastTermNo(tx: Tx, coop: string, memberId: bigint): Promise<number> {
  const r = await tx
    .selectFrom('dps_member_terms')
    .select((eb) => eb.fn.max('term_no').as('n'))
    .where('cooperative_id', '=', coop)
    .where('dps_member_id', '=', memberId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Inserts a certificate unless its kind and number are recorded already (then undefined). */
export async function insertCertificate(tx: Tx, row: Insertable<DpsCertificatesTable>) {
  return tx
    .insertInto('dps_certificates')
    .values(row)
    .onConflict((oc) => oc.columns(['cooperative_id', 'kind', 'number']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateMember(
  tx: Tx,
  coop: string,
  id: bigint,
  set: Partial<
    Pick<
      MemberRow,
      | 'no_conviction_declared'
      | 'no_conviction_declared_on'
      | 'no_relation_declared'
      | 'no_relation_declared_on'
      | 'ended_on'
      | 'end_reason'
      | 'end_reference'
      | 'user_id'
    >
  >,
) {
  return tx
    .updateTable('dps_members')
    .set(set)
    .where('cooperative_id', '=', coop)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The DPS member (not ended) whose login this is. */
export async function memberOfUser(tx: Queryable, coop: string, userId: string) {
  return tx
    .selectFrom('dps_members')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .where('user_id', '=', userId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

/** Whether the user holds the given role in the cooperative. */
export async function userHasRole(tx: Queryable, coop: string, userId: string, role: string) {
  const r = await sql<{ ok: boolean }>`
    select exists (select 1 from organization_roles
                    where organization_id = ${coop} and user_id = ${userId} and role = ${role}) as ok`.execute(
    tx,
  );
  return r.rows[0]?.ok ?? false;
}

export async function userIdByUsername(tx: Queryable, username: string) {
  const r = await tx
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  return r?.id;
}

export async function memberExists(tx: Queryable, coop: string, memberId: bigint) {
  const r = await tx
    .selectFrom('members')
    .select('id')
    .where('cooperative_id', '=', coop)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function reviews(
  tx: Queryable,
  coop: string,
  status: ReviewRow['status'] | undefined,
  limit: number,
) {
  let q = tx.selectFrom('dps_reviews').selectAll().where('cooperative_id', '=', coop);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function insertReview(tx: Tx, row: Insertable<DpsReviewsTable>) {
  return tx.insertInto('dps_reviews').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function lockReview(tx: Tx, coop: string, id: bigint) {
  return tx
    .selectFrom('dps_reviews')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function decideReview(
  tx: Tx,
  coop: string,
  id: bigint,
  d: {
    status: 'approved' | 'rejected';
    decidedBy: string | null;
    dpsMemberId: bigint;
    decidedAt: Date;
    opinion: string;
    fatwaReference: string | null;
  },
) {
  return tx
    .updateTable('dps_reviews')
    .set({
      status: d.status,
      decided_by: d.decidedBy,
      decided_by_dps_member_id: d.dpsMemberId,
      decided_at: d.decidedAt,
      opinion: d.opinion,
      fatwa_reference: d.fatwaReference,
    })
    .where('cooperative_id', '=', coop)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A product's pending review of the given subject (one at a time). */
export async function pendingReviewOf(
  tx: Queryable,
  coop: string,
  productId: bigint,
  subject: 'savings_product' | 'nisbah_change',
) {
  return tx
    .selectFrom('dps_reviews')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .where('savings_product_id', '=', productId)
    .where('subject', '=', subject)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function setProductActive(tx: Tx, coop: string, productId: bigint, active: boolean) {
  await tx
    .updateTable('savings_products')
    .set({ active })
    .where('cooperative_id', '=', coop)
    .where('id', '=', productId)
    .execute();
}

export async function setProductSettings(
  tx: Tx,
  coop: string,
  productId: bigint,
  settings: unknown,
) {
  await sql`update savings_products set settings = ${JSON.stringify(settings)}::jsonb
             where cooperative_id = ${coop} and id = ${productId}`.execute(tx);
}

export async function opinions(tx: Queryable, coop: string, year?: number) {
  let q = tx.selectFrom('dps_opinions').selectAll().where('cooperative_id', '=', coop);
  if (year !== undefined) q = q.where('book_year', '=', year);
  return q.orderBy('book_year', 'desc').execute();
}

export async function signatories(tx: Queryable, coop: string) {
  return tx
    .selectFrom('dps_opinion_signatories as s')
    .innerJoin('dps_members as m', (j) =>
      j.onRef('m.cooperative_id', '=', 's.cooperative_id').onRef('m.id', '=', 's.dps_member_id'),
    )
    .select(['s.book_year', 's.dps_member_id', 'm.full_name'])
    .where('s.cooperative_id', '=', coop)
    .orderBy('s.book_year')
    .orderBy('s.dps_member_id')
    .execute();
}

export async function saveOpinion(
  tx: Tx,
  row: Insertable<DpsOpinionsTable> & { cooperative_id: string; book_year: number },
  signers: readonly bigint[],
) {
  const saved = await tx
    .insertInto('dps_opinions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['cooperative_id', 'book_year']).doUpdateSet({
        opinion_date: row.opinion_date,
        opinion: row.opinion,
        reported_to_dsn_on: row.reported_to_dsn_on ?? null,
        dsn_report_reference: row.dsn_report_reference ?? null,
        recorded_by: row.recorded_by ?? null,
        recorded_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx
    .deleteFrom('dps_opinion_signatories')
    .where('cooperative_id', '=', row.cooperative_id)
    .where('book_year', '=', row.book_year)
    .execute();
  if (signers.length > 0)
    await tx
      .insertInto('dps_opinion_signatories')
      .values(
        signers.map((id) => ({
          cooperative_id: row.cooperative_id,
          book_year: row.book_year,
          dps_member_id: id,
        })),
      )
      .execute();
  return saved;
}

export async function productCodeName(tx: Queryable, coop: string, productId: bigint) {
  return tx
    .selectFrom('savings_products')
    .select(['code', 'name', 'akad', 'active'])
    .where('cooperative_id', '=', coop)
    .where('id', '=', productId)
    .executeTakeFirst();
}

/** Each savings product with the DPS's decision on it (its latest product review), if any. */
export async function productApprovals(tx: Queryable, coop: string) {
  const r = await sql<{
    code: string;
    name: string;
    active: boolean;
    status: 'pending' | 'approved' | 'rejected' | null;
    fatwa_reference: string | null;
  }>`
    select p.code, p.name, p.active, r.status, r.fatwa_reference
      from savings_products p
      left join lateral (
        select status, fatwa_reference from dps_reviews r
         where r.cooperative_id = p.cooperative_id and r.savings_product_id = p.id
           and r.subject = 'savings_product'
         order by r.id desc limit 1) r on true
     where p.cooperative_id = ${coop}
     order by p.code`.execute(tx);
  return r.rows;
}
