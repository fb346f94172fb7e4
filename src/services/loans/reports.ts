import { nplPercent } from '../../domain/loans/npl.js';
import { appendFileSync } from 'node:fs';
import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { ReportDocument, ReportRow } from '../../reports/table.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { loadProduct } from './core.js';
import { simulateSchedule } from './products.js';

export type LoanReportKind = 'portfolio' | 'aging' | 'collectibility' | 'disbursements' | 'repayments' | 'npl';

const CLASS_NAMES: Record<string, string> = { L: 'Lancar', KL: 'Kurang Lancar', D: 'Diragukan', M: 'Macet' };

async function orgName(deps: Deps, ctx: OrgContext): Promise<string> {
  const r = await deps.database.db.selectFrom('organizations').select('name').where('id', '=', ctx.organizationId).executeTakeFirst();
  return r?.name ?? '';
}

/** NPL = (KL + D + M) / total outstanding, in basis points. */
export async function nplRatio(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ total: bigint; problem: bigint }>`
      select coalesce(sum(outstanding_principal_rupiah), 0)::bigint as total,
             coalesce(sum(outstanding_principal_rupiah) filter (where collectibility <> 'L'), 0)::bigint as problem
      from loans where cooperative_id = ${ctx.organizationId} and status = 'active'`.execute(tx);
    const total = r.rows[0]?.total ?? 0n;
    const problem = r.rows[0]?.problem ?? 0n;
    return { totalRupiah: total.toString(), problemRupiah: problem.toString(), nplBps: total === 0n ? 0 : Number((problem * 10_000n) / total) };
  });
}

/** Portfolio reports as one ReportDocument each (JSON, PDF and Excel render the same document). */
export async function loanReport(deps: Deps, ctx: OrgContext, kind: LoanReportKind, from: string, to: string, asOf: string): Promise<ReportDocument> {
  const coop = ctx.organizationId;
  const organization = await orgName(deps, ctx);
  const base = { organization, generatedAt: new Date(deps.clock()).toISOString(), period: `Per ${asOf}` };
  return inOrg(deps, ctx, async ({ tx }) => {
    switch (kind) {
      case 'portfolio': {
        const r = await sql<{ code: string; name: string; n: bigint; principal: bigint; outstanding: bigint }>`
          select p.code, p.name, count(l.id) as n, coalesce(sum(l.principal_rupiah), 0)::bigint as principal,
                 coalesce(sum(l.outstanding_principal_rupiah), 0)::bigint as outstanding
          from loan_products p left join loans l on l.cooperative_id = p.cooperative_id and l.product_id = p.id and l.status = 'active'
          where p.cooperative_id = ${coop} group by p.code, p.name order by p.code`.execute(tx);
        return {
          ...base,
          title: 'Portofolio pinjaman beredar',
          sections: [{
            columns: [
              { header: 'Produk', kind: 'text', width: 3 },
              { header: 'Jumlah pinjaman', kind: 'number' },
              { header: 'Plafon', kind: 'rupiah' },
              { header: 'Sisa pokok', kind: 'rupiah' },
            ],
            rows: r.rows.map((x) => ({ cells: [`${x.code} ${x.name}`, { number: Number(x.n) }, { rupiah: x.principal }, { rupiah: x.outstanding }] })),
          }],
        };
      }
      case 'aging': {
        const r = await sql<{ bucket: string; n: bigint; outstanding: bigint }>`
          select case when days_past_due = 0 then '0' when days_past_due <= 30 then '1-30' when days_past_due <= 60 then '31-60'
                      when days_past_due <= 90 then '61-90' when days_past_due <= 180 then '91-180' when days_past_due <= 270 then '181-270'
                      else '>270' end as bucket,
                 count(*) as n, sum(outstanding_principal_rupiah)::bigint as outstanding
          from loans where cooperative_id = ${coop} and status = 'active' group by 1 order by min(days_past_due)`.execute(tx);
        return {
          ...base,
          title: 'Umur tunggakan pinjaman (aging)',
          sections: [{
            columns: [
              { header: 'Hari tunggakan', kind: 'text' },
              { header: 'Jumlah pinjaman', kind: 'number' },
              { header: 'Sisa pokok', kind: 'rupiah' },
            ],
            rows: r.rows.map((x) => ({ cells: [x.bucket, { number: Number(x.n) }, { rupiah: x.outstanding }] })),
          }],
        };
      }
      case 'collectibility':
      case 'npl': {
        const r = await sql<{ cls: string; n: bigint; outstanding: bigint }>`
          select collectibility as cls, count(*) as n, sum(outstanding_principal_rupiah)::bigint as outstanding
          from loans where cooperative_id = ${coop} and status = 'active' group by 1
          order by array_position(array['L','KL','D','M'], collectibility)`.execute(tx);
        const total = r.rows.reduce((s, x) => s + x.outstanding, 0n);
        const problem = r.rows.filter((x) => x.cls !== 'L').reduce((s, x) => s + x.outstanding, 0n);
        const rows: ReportRow[] = r.rows.map((x) => ({
          cells: [CLASS_NAMES[x.cls] ?? x.cls, { number: Number(x.n) }, { rupiah: x.outstanding }],
        }));
        rows.push({ cells: ['Jumlah', null, { rupiah: total }], style: 'total' });
        const npl = nplPercent(problem, total);
        return {
          ...base,
          title: kind === 'npl' ? 'Rasio pinjaman bermasalah (NPL)' : 'Kolektibilitas pinjaman',
          sections: [{ columns: [{ header: 'Kolektibilitas', kind: 'text' }, { header: 'Jumlah pinjaman', kind: 'number' }, { header: 'Sisa pokok', kind: 'rupiah' }], rows }],
          notes: [`NPL = (KL + D + M) / jumlah pinjaman = ${npl} %`],
        };
      }
      case 'disbursements': {
        const r = await sql<{ loan_number: string; full_name: string; disbursed_on: string; gross: bigint; fees: bigint; net: bigint }>`
          select l.loan_number, m.full_name, d.disbursed_on::text as disbursed_on, d.gross_rupiah as gross, d.fees_rupiah as fees, d.net_rupiah as net
          from loan_disbursements d join loans l on l.cooperative_id = d.cooperative_id and l.id = d.loan_id
          join members m on m.cooperative_id = l.cooperative_id and m.id = l.member_id
          where d.cooperative_id = ${coop} and d.disbursed_on between ${from}::date and ${to}::date order by d.disbursed_on, l.loan_number limit 5000`.execute(tx);
        return {
          ...base,
          period: `${from} s.d. ${to}`,
          title: 'Pencairan pinjaman',
          orientation: 'landscape',
          sections: [{
            columns: [
              { header: 'Tanggal', kind: 'date' }, { header: 'No. pinjaman', kind: 'text' }, { header: 'Anggota', kind: 'text', width: 3 },
              { header: 'Plafon', kind: 'rupiah' }, { header: 'Biaya', kind: 'rupiah' }, { header: 'Diterima', kind: 'rupiah' },
            ],
            rows: r.rows.map((x) => ({ cells: [{ date: x.disbursed_on }, x.loan_number, x.full_name, { rupiah: x.gross }, { rupiah: x.fees }, { rupiah: x.net }] })),
          }],
        };
      }
      case 'repayments': {
        const r = await sql<{ paid_on: string; loan_number: string; kind: string; amount: bigint; penalty: bigint; interest: bigint; principal: bigint }>`
          select r.paid_on::text as paid_on, l.loan_number, r.kind, r.amount_rupiah as amount, r.penalty_rupiah as penalty,
                 r.interest_rupiah as interest, r.principal_rupiah as principal
          from loan_repayments r join loans l on l.cooperative_id = r.cooperative_id and l.id = r.loan_id
          where r.cooperative_id = ${coop} and r.paid_on between ${from}::date and ${to}::date order by r.paid_on, r.id limit 5000`.execute(tx);
        return {
          ...base,
          period: `${from} s.d. ${to}`,
          title: 'Penerimaan angsuran pinjaman',
          orientation: 'landscape',
          sections: [{
            columns: [
              { header: 'Tanggal', kind: 'date' }, { header: 'No. pinjaman', kind: 'text' }, { header: 'Jenis', kind: 'text' },
              { header: 'Jumlah', kind: 'rupiah' }, { header: 'Denda', kind: 'rupiah' }, { header: 'Jasa/margin', kind: 'rupiah' }, { header: 'Pokok', kind: 'rupiah' },
            ],
            rows: r.rows.map((x) => ({
              cells: [{ date: x.paid_on }, x.loan_number, x.kind, { rupiah: x.amount }, { rupiah: x.penalty }, { rupiah: x.interest }, { rupiah: x.principal }],
            })),
          }],
        };
      }
    }
  });
}

/** Collection work list: overdue loans grouped by loan officer, worst first. */
export async function collectionList(deps: Deps, ctx: OrgContext, limit: number) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ officer: string | null; loan_id: bigint; loan_number: string; member: string; phone: string | null; dpd: number; cls: string; outstanding: bigint; penalty: bigint }>`
      select u.full_name as officer, l.id as loan_id, l.loan_number, m.full_name as member, m.phone, l.days_past_due as dpd, l.collectibility as cls,
             l.outstanding_principal_rupiah as outstanding, l.penalty_due_rupiah as penalty
      from loans l join members m on m.cooperative_id = l.cooperative_id and m.id = l.member_id
      left join users u on u.id = l.officer_user_id
      where l.cooperative_id = ${ctx.organizationId} and l.status = 'active' and l.days_past_due > 0
      order by u.full_name nulls last, l.days_past_due desc limit ${limit}`.execute(tx);
    return r.rows.map((x) => ({
      officer: x.officer,
      loanId: x.loan_id.toString(),
      loanNumber: x.loan_number,
      member: x.member,
      phone: x.phone,
      daysPastDue: x.dpd,
      collectibility: x.cls,
      outstandingRupiah: x.outstanding.toString(),
      penaltyDueRupiah: x.penalty.toString(),
    }));
  });
}

/** Where reminder messages go; an SMS or WhatsApp gateway implements the same interface. */
export interface MessageTransport {
  send(message: { recipient: string | null; body: string; template: string }): Promise<void>;
}
export const consoleTransport: MessageTransport = {
  send: async (m) => {
    process.stdout.write(`[outbox ${m.template}] ${m.recipient ?? '-'}: ${m.body}\n`);
  },
};
export function fileTransport(path: string): MessageTransport {
  return { send: async (m) => appendFileSync(path, `${JSON.stringify(m)}\n`) };
}

/** Sends queued messages (oldest first, up to `limit`) and records each outcome. */
export async function deliverOutbox(deps: Deps, ctx: OrgContext, transport: MessageTransport, limit = 500) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ id: bigint; recipient: string | null; body: string; template: string }>`
      select id, recipient, body, template from message_outbox where cooperative_id = ${ctx.organizationId} and status = 'queued'
      order by id limit ${limit} for update skip locked`.execute(tx);
    let sent = 0;
    let failed = 0;
    for (const m of r.rows) {
      try {
        await transport.send(m);
        await sql`update message_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1 where cooperative_id = ${ctx.organizationId} and id = ${m.id}`.execute(tx);
        sent++;
      } catch (e) {
        await sql`update message_outbox set attempts = attempts + 1, last_error = ${String(e).slice(0, 500)},
                    status = case when attempts + 1 >= 5 then 'failed' else 'queued' end
                  where cooperative_id = ${ctx.organizationId} and id = ${m.id}`.execute(tx);
        failed++;
      }
    }
    return { sent, failed };
  });
}

/** Surat perjanjian pinjaman: the contract of an approved application, with its schedule. */
export async function contractDocument(deps: Deps, ctx: OrgContext, applicationId: bigint, startDate: string): Promise<ReportDocument> {
  const organization = await orgName(deps, ctx);
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ status: string; amount_rupiah: bigint; tenor: number; product_id: bigint; purpose: string; full_name: string; nik: string; address: string | null; member_number: string | null }>`
      select a.status, a.amount_rupiah, a.tenor, a.product_id, a.purpose, m.full_name, m.nik, m.address, m.member_number
      from loan_applications a join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${ctx.organizationId} and a.id = ${applicationId}`.execute(tx);
    const a = r.rows[0];
    if (!a) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
    if (a.status !== 'approved' && a.status !== 'disbursed') throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    const p = await loadProduct(tx, ctx.organizationId, a.product_id);
    const s = simulateSchedule(p, { principalRupiah: a.amount_rupiah, tenor: a.tenor, startDate });
    const akadTitle = p.akad === 'conventional' ? 'SURAT PERJANJIAN PINJAMAN' : `AKAD PEMBIAYAAN ${p.akad.toUpperCase()}`;
    return {
      title: akadTitle,
      subtitle: `${p.name} — pengajuan #${applicationId.toString()}`,
      organization,
      period: `Tanggal ${startDate}`,
      generatedAt: new Date(deps.clock()).toISOString(),
      sections: [
        {
          title: 'Para pihak dan pokok perjanjian',
          columns: [{ header: 'Uraian', kind: 'text', width: 2 }, { header: 'Isi', kind: 'text', width: 3 }],
          rows: [
            ['Anggota', `${a.full_name} (No. ${a.member_number ?? '-'}, NIK ${a.nik})`],
            ['Alamat', a.address ?? '-'],
            ['Jumlah pinjaman/pembiayaan', `Rp ${a.amount_rupiah.toString()}`],
            ['Jangka waktu', `${a.tenor} angsuran (${p.frequency})`],
            ['Tujuan', a.purpose],
            [p.akad === 'conventional' ? 'Jasa' : 'Margin/ujrah', `${p.rate_percent} % per ${p.rate_period}, metode ${p.method}; total Rp ${s.totalInterestRupiah}`],
            ['Provisi dan administrasi', `Rp ${s.provisiRupiah} dan Rp ${s.adminFeeRupiah}, dipotong saat pencairan`],
          ].map(([k, v]) => ({ cells: [k ?? '', v ?? ''] })),
        },
        {
          title: 'Jadwal angsuran',
          columns: [
            { header: 'Ke', kind: 'number' }, { header: 'Jatuh tempo', kind: 'date' }, { header: 'Pokok', kind: 'rupiah' },
            { header: p.akad === 'conventional' ? 'Jasa' : 'Margin/ujrah', kind: 'rupiah' }, { header: 'Angsuran', kind: 'rupiah' }, { header: 'Sisa', kind: 'rupiah' },
          ],
          rows: s.instalments.map((i) => ({
            cells: [{ number: i.instalmentNo }, { date: i.dueOn }, { rupiah: BigInt(i.principalRupiah) }, { rupiah: BigInt(i.interestRupiah) },
              { rupiah: BigInt(i.totalRupiah) }, { rupiah: BigInt(i.remainingRupiah) }],
          })),
        },
      ],
      notes: [
        'Pembayaran dialokasikan berturut-turut untuk denda, jasa/margin, lalu pokok, mulai dari angsuran tertua.',
        p.penalty_kind === 'none' ? 'Tidak ada denda keterlambatan.' : `Denda keterlambatan berlaku setelah ${p.penalty_grace_days} hari dari jatuh tempo.`,
        'Ditandatangani oleh anggota, penjamin dan pengurus koperasi.',
      ],
    };
  });
}
