import { sql } from 'kysely';
import type { Queryable } from '../database.js';

/** Profit-sharing financing (migration 0026): the akad's terms and the approved period reports. */

export interface TermsRow {
  application_id: bigint;
  loan_id: bigint | null;
  kind: 'mudharabah' | 'musyarakah';
  nisbah_kspps_percent: string;
  basis: 'profit' | 'revenue';
  projected_result_rupiah: bigint;
  member_capital_rupiah: bigint;
  carried_loss_rupiah: bigint;
  kspps_loss_rupiah: bigint;
  unabsorbed_loss_rupiah: bigint;
  negligence_reason: string | null;
  negligence_approval_id: bigint | null;
}

const TERMS = sql`application_id, loan_id, kind, trim_scale(nisbah_kspps_percent)::text as nisbah_kspps_percent, basis,
  projected_result_rupiah, member_capital_rupiah, carried_loss_rupiah, kspps_loss_rupiah, unabsorbed_loss_rupiah,
  negligence_reason, negligence_approval_id`;

export async function termsOfApplication(
  db: Queryable,
  coop: string,
  applicationId: bigint,
  lock = false,
): Promise<TermsRow | undefined> {
  const r = await sql<TermsRow>`select ${TERMS} from financing_profit_sharing
    where cooperative_id = ${coop} and application_id = ${applicationId} ${lock ? sql`for update` : sql``}`.execute(
    db,
  );
  return r.rows[0];
}

export async function termsOfLoan(
  db: Queryable,
  coop: string,
  loanId: bigint,
  lock = false,
): Promise<TermsRow | undefined> {
  const r = await sql<TermsRow>`select ${TERMS} from financing_profit_sharing
    where cooperative_id = ${coop} and loan_id = ${loanId} ${lock ? sql`for update` : sql``}`.execute(
    db,
  );
  return r.rows[0];
}

export async function upsertTerms(
  db: Queryable,
  coop: string,
  t: {
    applicationId: bigint;
    kind: 'mudharabah' | 'musyarakah';
    nisbahKsppsPercent: string;
    basis: 'profit' | 'revenue';
    projectedResultRupiah: bigint;
    memberCapitalRupiah: bigint;
    userId: string | null;
  },
): Promise<void> {
  await sql`
    insert into financing_profit_sharing (cooperative_id, application_id, kind, nisbah_kspps_percent, basis,
      projected_result_rupiah, member_capital_rupiah, created_by)
    values (${coop}, ${t.applicationId}, ${t.kind}, ${t.nisbahKsppsPercent}::numeric, ${t.basis},
      ${t.projectedResultRupiah}, ${t.memberCapitalRupiah}, ${t.userId})
    on conflict (cooperative_id, application_id) do update set kind = excluded.kind,
      nisbah_kspps_percent = excluded.nisbah_kspps_percent, basis = excluded.basis,
      projected_result_rupiah = excluded.projected_result_rupiah, member_capital_rupiah = excluded.member_capital_rupiah
    where financing_profit_sharing.loan_id is null`.execute(db);
}

export async function linkLoan(
  db: Queryable,
  coop: string,
  applicationId: bigint,
  loanId: bigint,
): Promise<void> {
  await sql`update financing_profit_sharing set loan_id = ${loanId}
    where cooperative_id = ${coop} and application_id = ${applicationId}`.execute(db);
}

export async function updateLosses(
  db: Queryable,
  coop: string,
  loanId: bigint,
  v: { carriedLossRupiah: bigint; addKsppsLossRupiah: bigint; addUnabsorbedRupiah: bigint },
): Promise<void> {
  await sql`update financing_profit_sharing set carried_loss_rupiah = ${v.carriedLossRupiah},
      kspps_loss_rupiah = kspps_loss_rupiah + ${v.addKsppsLossRupiah},
      unabsorbed_loss_rupiah = unabsorbed_loss_rupiah + ${v.addUnabsorbedRupiah}
    where cooperative_id = ${coop} and loan_id = ${loanId}`.execute(db);
}

export async function markNegligence(
  db: Queryable,
  coop: string,
  loanId: bigint,
  reason: string,
  approvalId: bigint,
): Promise<void> {
  await sql`update financing_profit_sharing set negligence_reason = ${reason}, negligence_approval_id = ${approvalId}
    where cooperative_id = ${coop} and loan_id = ${loanId}`.execute(db);
}

export interface ReportRow {
  period_no: number;
  result_rupiah: bigint;
  note: string | null;
  carried_loss_before_rupiah: bigint;
  carried_loss_after_rupiah: bigint;
  kspps_share_rupiah: bigint;
  member_share_rupiah: bigint;
  kspps_loss_rupiah: bigint;
  member_loss_rupiah: bigint;
  approval_id: bigint;
  entry_id: bigint | null;
  loss_entry_id: bigint | null;
  approved_at: Date;
}

export async function reportsOf(db: Queryable, coop: string, loanId: bigint): Promise<ReportRow[]> {
  const r = await sql<ReportRow>`
    select period_no, result_rupiah, note, carried_loss_before_rupiah, carried_loss_after_rupiah, kspps_share_rupiah,
      member_share_rupiah, kspps_loss_rupiah, member_loss_rupiah, approval_id, entry_id, loss_entry_id, approved_at
    from financing_reports where cooperative_id = ${coop} and loan_id = ${loanId} order by period_no`.execute(
    db,
  );
  return r.rows;
}

export async function insertReport(
  db: Queryable,
  coop: string,
  loanId: bigint,
  r: {
    periodNo: number;
    resultRupiah: bigint;
    note: string | null;
    carriedLossBeforeRupiah: bigint;
    carriedLossAfterRupiah: bigint;
    ksppsShareRupiah: bigint;
    memberShareRupiah: bigint;
    ksppsLossRupiah: bigint;
    memberLossRupiah: bigint;
    approvalId: bigint;
    enteredBy: string | null;
    approvedBy: string | null;
    entryId: bigint | null;
    lossEntryId: bigint | null;
  },
): Promise<void> {
  await sql`
    insert into financing_reports (cooperative_id, loan_id, period_no, result_rupiah, note, carried_loss_before_rupiah,
      carried_loss_after_rupiah, kspps_share_rupiah, member_share_rupiah, kspps_loss_rupiah, member_loss_rupiah,
      approval_id, entered_by, approved_by, entry_id, loss_entry_id)
    values (${coop}, ${loanId}, ${r.periodNo}, ${r.resultRupiah}, ${r.note}, ${r.carriedLossBeforeRupiah},
      ${r.carriedLossAfterRupiah}, ${r.ksppsShareRupiah}, ${r.memberShareRupiah}, ${r.ksppsLossRupiah}, ${r.memberLossRupiah},
      ${r.approvalId}, ${r.enteredBy}, ${r.approvedBy}, ${r.entryId}, ${r.lossEntryId})`.execute(
    db,
  );
}

/** Maker-checker requests of an action still waiting for a decision, for one loan. */
export async function pendingRequests(
  db: Queryable,
  coop: string,
  action: string,
  loanId: bigint,
): Promise<{ id: bigint; payload: Record<string, string>; requested_by: string | null }[]> {
  const r = await sql<{ id: bigint; payload: Record<string, string>; requested_by: string | null }>`
    select id, payload, requested_by from approvals
    where organization_id = ${coop} and action = ${action} and status = 'pending' and payload->>'loanId' = ${loanId.toString()}
    order by id`.execute(db);
  return r.rows;
}

/**
 * An approved report's bagi hasil on its period's instalment: billed (interest column), recognised
 * (the loan's accrued figure: the receivable) and owed (outstanding interest); the instalment is
 * unpaid again when it had been paid before the report.
 */
export async function billShare(
  db: Queryable,
  coop: string,
  loanId: bigint,
  version: number,
  periodNo: number,
  shareRupiah: bigint,
): Promise<void> {
  await sql`update loan_schedules set interest_rupiah = interest_rupiah + ${shareRupiah},
      paid_on = case when ${shareRupiah} > 0 then null else paid_on end
    where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${version} and instalment_no = ${periodNo}`.execute(
    db,
  );
  await sql`update loans set outstanding_interest_rupiah = outstanding_interest_rupiah + ${shareRupiah},
      accrued_interest_rupiah = accrued_interest_rupiah + ${shareRupiah}
    where cooperative_id = ${coop} and id = ${loanId}`.execute(db);
}

/**
 * A loss borne by the KSPPS: the principal of the unpaid instalments (new values per instalment,
 * from src/domain/sharia/profit-sharing-financing.ts reducePrincipalFromEnd) and the outstanding
 * principal fall by `amount`; an instalment left fully paid is marked paid on `on`.
 */
export async function reducePrincipal(
  db: Queryable,
  coop: string,
  loanId: bigint,
  version: number,
  rows: { instalmentNo: number; principalRupiah: bigint }[],
  amountRupiah: bigint,
  on: string,
): Promise<void> {
  if (rows.length > 0)
    await sql`
      update loan_schedules s set principal_rupiah = x.p,
        paid_on = case when s.paid_on is null and s.paid_principal_rupiah = x.p and s.paid_interest_rupiah = s.interest_rupiah
                        and s.paid_penalty_rupiah = s.penalty_rupiah then ${on}::date else s.paid_on end
      from unnest(${rows.map((r) => r.instalmentNo)}::int[], ${rows.map((r) => r.principalRupiah.toString())}::bigint[]) as x(no, p)
      where s.cooperative_id = ${coop} and s.loan_id = ${loanId} and s.schedule_version = ${version} and s.instalment_no = x.no`.execute(
      db,
    );
  await sql`update loans set outstanding_principal_rupiah = outstanding_principal_rupiah - ${amountRupiah}
    where cooperative_id = ${coop} and id = ${loanId}`.execute(db);
}
