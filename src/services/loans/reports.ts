import { appendFileSync } from 'node:fs';
import * as reportsRepo from '../../db/loans/reports.repo.js';
import { nplPercent } from '../../domain/loans/npl.js';
import { AppError } from '../../domain/errors.js';
import type { ReportDocument, ReportRow } from '../../reports/table.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { loadProduct } from './core.js';
import { simulateSchedule } from './products.js';

export type LoanReportKind =
  'portfolio' | 'aging' | 'collectibility' | 'disbursements' | 'repayments' | 'npl';

const CLASS_NAMES: Record<string, string> = {
  L: 'Lancar',
  KL: 'Kurang Lancar',
  D: 'Diragukan',
  M: 'Macet',
};

async function orgName(deps: Deps, ctx: OrgContext): Promise<string> {
  return reportsRepo.organizationName(deps.database.db, ctx.organizationId);
}

/** NPL = (KL + D + M) / total outstanding, in basis points. */
export async function nplRatio(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const { total, problem } = await reportsRepo.outstandingTotals(tx, ctx.organizationId);
    return {
      totalRupiah: total.toString(),
      problemRupiah: problem.toString(),
      nplBps: total === 0n ? 0 : Number((problem * 10_000n) / total),
    };
  });
}

/** Portfolio reports as one ReportDocument each (JSON, PDF and Excel render the same document). */
export async function loanReport(
  deps: Deps,
  ctx: OrgContext,
  kind: LoanReportKind,
  from: string,
  to: string,
  asOf: string,
): Promise<ReportDocument> {
  const coop = ctx.organizationId;
  const organization = await orgName(deps, ctx);
  const base = {
    organization,
    generatedAt: new Date(deps.clock()).toISOString(),
    period: `Per ${asOf}`,
  };
  return inOrg(deps, ctx, async ({ tx }) => {
    switch (kind) {
      case 'portfolio': {
        const rows = await reportsRepo.portfolioByProduct(tx, coop);
        return {
          ...base,
          title: 'Portofolio pinjaman beredar',
          sections: [
            {
              columns: [
                { header: 'Produk', kind: 'text', width: 3 },
                { header: 'Jumlah pinjaman', kind: 'number' },
                { header: 'Plafon', kind: 'rupiah' },
                { header: 'Sisa pokok', kind: 'rupiah' },
              ],
              rows: rows.map((x) => ({
                cells: [
                  `${x.code} ${x.name}`,
                  { number: Number(x.n) },
                  { rupiah: x.principal },
                  { rupiah: x.outstanding },
                ],
              })),
            },
          ],
        };
      }
      case 'aging': {
        const rows = await reportsRepo.agingBuckets(tx, coop);
        return {
          ...base,
          title: 'Umur tunggakan pinjaman (aging)',
          sections: [
            {
              columns: [
                { header: 'Hari tunggakan', kind: 'text' },
                { header: 'Jumlah pinjaman', kind: 'number' },
                { header: 'Sisa pokok', kind: 'rupiah' },
              ],
              rows: rows.map((x) => ({
                cells: [x.bucket, { number: Number(x.n) }, { rupiah: x.outstanding }],
              })),
            },
          ],
        };
      }
      case 'collectibility':
      case 'npl': {
        const classes = await reportsRepo.byCollectibility(tx, coop);
        const total = classes.reduce((s, x) => s + x.outstanding, 0n);
        const problem = classes
          .filter((x) => x.cls !== 'L')
          .reduce((s, x) => s + x.outstanding, 0n);
        const rows: ReportRow[] = classes.map((x) => ({
          cells: [CLASS_NAMES[x.cls] ?? x.cls, { number: Number(x.n) }, { rupiah: x.outstanding }],
        }));
        rows.push({ cells: ['Jumlah', null, { rupiah: total }], style: 'total' });
        const npl = nplPercent(problem, total);
        return {
          ...base,
          title: kind === 'npl' ? 'Rasio pinjaman bermasalah (NPL)' : 'Kolektibilitas pinjaman',
          sections: [
            {
              columns: [
                { header: 'Kolektibilitas', kind: 'text' },
                { header: 'Jumlah pinjaman', kind: 'number' },
                { header: 'Sisa pokok', kind: 'rupiah' },
              ],
              rows,
            },
          ],
          notes: [`NPL = (KL + D + M) / jumlah pinjaman = ${npl} %`],
        };
      }
      case 'disbursements': {
        const rows = await reportsRepo.disbursementsBetween(tx, coop, from, to);
        return {
          ...base,
          period: `${from} s.d. ${to}`,
          title: 'Pencairan pinjaman',
          orientation: 'landscape',
          sections: [
            {
              columns: [
                { header: 'Tanggal', kind: 'date' },
                { header: 'No. pinjaman', kind: 'text' },
                { header: 'Anggota', kind: 'text', width: 3 },
                { header: 'Plafon', kind: 'rupiah' },
                { header: 'Biaya', kind: 'rupiah' },
                { header: 'Diterima', kind: 'rupiah' },
              ],
              rows: rows.map((x) => ({
                cells: [
                  { date: x.disbursed_on },
                  x.loan_number,
                  x.full_name,
                  { rupiah: x.gross },
                  { rupiah: x.fees },
                  { rupiah: x.net },
                ],
              })),
            },
          ],
        };
      }
      case 'repayments': {
        const rows = await reportsRepo.repaymentsBetween(tx, coop, from, to);
        return {
          ...base,
          period: `${from} s.d. ${to}`,
          title: 'Penerimaan angsuran pinjaman',
          orientation: 'landscape',
          sections: [
            {
              columns: [
                { header: 'Tanggal', kind: 'date' },
                { header: 'No. pinjaman', kind: 'text' },
                { header: 'Jenis', kind: 'text' },
                { header: 'Jumlah', kind: 'rupiah' },
                { header: 'Denda', kind: 'rupiah' },
                { header: 'Jasa/margin', kind: 'rupiah' },
                { header: 'Pokok', kind: 'rupiah' },
              ],
              rows: rows.map((x) => ({
                cells: [
                  { date: x.paid_on },
                  x.loan_number,
                  x.kind,
                  { rupiah: x.amount },
                  { rupiah: x.penalty },
                  { rupiah: x.interest },
                  { rupiah: x.principal },
                ],
              })),
            },
          ],
        };
      }
    }
  });
}

/** Collection work list: overdue loans grouped by loan officer, worst first. */
export async function collectionList(deps: Deps, ctx: OrgContext, limit: number) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await reportsRepo.overdueLoans(tx, ctx.organizationId, limit);
    return rows.map((x) => ({
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
  // the message as the transport sees it: the outbox row's id (a bigint) stays in the outbox
  return {
    send: async (m) =>
      appendFileSync(
        path,
        `${JSON.stringify({ recipient: m.recipient, template: m.template, body: m.body })}\n`,
      ),
  };
}

/** Sends queued messages (oldest first, up to `limit`) and records each outcome. */
export async function deliverOutbox(
  deps: Deps,
  ctx: OrgContext,
  transport: MessageTransport,
  limit = 500,
) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await reportsRepo.lockQueuedMessages(tx, ctx.organizationId, limit);
    let sent = 0;
    let failed = 0;
    for (const m of rows) {
      try {
        await transport.send(m);
        await reportsRepo.markMessageSent(tx, ctx.organizationId, m.id);
        sent++;
      } catch (e) {
        await reportsRepo.markMessageFailed(tx, ctx.organizationId, m.id, String(e).slice(0, 500));
        failed++;
      }
    }
    return { sent, failed };
  });
}

/** Surat perjanjian pinjaman: the contract of an approved application, with its schedule. */
export async function contractDocument(
  deps: Deps,
  ctx: OrgContext,
  applicationId: bigint,
  startDate: string,
): Promise<ReportDocument> {
  const organization = await orgName(deps, ctx);
  return inOrg(deps, ctx, async ({ tx }) => {
    const a = await reportsRepo.contractParty(tx, ctx.organizationId, applicationId);
    if (!a) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
    if (a.status !== 'approved' && a.status !== 'disbursed')
      throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    const p = await loadProduct(tx, ctx.organizationId, a.product_id);
    const s = simulateSchedule(p, { principalRupiah: a.amount_rupiah, tenor: a.tenor, startDate });
    const akadTitle =
      p.akad === 'conventional'
        ? 'SURAT PERJANJIAN PINJAMAN'
        : `AKAD PEMBIAYAAN ${p.akad.toUpperCase()}`;
    return {
      title: akadTitle,
      subtitle: `${p.name} — pengajuan #${applicationId.toString()}`,
      organization,
      period: `Tanggal ${startDate}`,
      generatedAt: new Date(deps.clock()).toISOString(),
      sections: [
        {
          title: 'Para pihak dan pokok perjanjian',
          columns: [
            { header: 'Uraian', kind: 'text', width: 2 },
            { header: 'Isi', kind: 'text', width: 3 },
          ],
          rows: [
            ['Anggota', `${a.full_name} (No. ${a.member_number ?? '-'}, NIK ${a.nik})`],
            ['Alamat', a.address ?? '-'],
            ['Jumlah pinjaman/pembiayaan', `Rp ${a.amount_rupiah.toString()}`],
            ['Jangka waktu', `${a.tenor} angsuran (${p.frequency})`],
            ['Tujuan', a.purpose],
            [
              p.akad === 'conventional' ? 'Jasa' : 'Margin/ujrah',
              `${p.rate_percent} % per ${p.rate_period}, metode ${p.method}; total Rp ${s.totalInterestRupiah}`,
            ],
            [
              'Provisi dan administrasi',
              `Rp ${s.provisiRupiah} dan Rp ${s.adminFeeRupiah}, dipotong saat pencairan`,
            ],
          ].map(([k, v]) => ({ cells: [k ?? '', v ?? ''] })),
        },
        {
          title: 'Jadwal angsuran',
          columns: [
            { header: 'Ke', kind: 'number' },
            { header: 'Jatuh tempo', kind: 'date' },
            { header: 'Pokok', kind: 'rupiah' },
            { header: p.akad === 'conventional' ? 'Jasa' : 'Margin/ujrah', kind: 'rupiah' },
            { header: 'Angsuran', kind: 'rupiah' },
            { header: 'Sisa', kind: 'rupiah' },
          ],
          rows: s.instalments.map((i) => ({
            cells: [
              { number: i.instalmentNo },
              { date: i.dueOn },
              { rupiah: BigInt(i.principalRupiah) },
              { rupiah: BigInt(i.interestRupiah) },
              { rupiah: BigInt(i.totalRupiah) },
              { rupiah: BigInt(i.remainingRupiah) },
            ],
          })),
        },
      ],
      notes: [
        'Pembayaran dialokasikan berturut-turut untuk denda, jasa/margin, lalu pokok, mulai dari angsuran tertua.',
        p.penalty_kind === 'none'
          ? 'Tidak ada denda keterlambatan.'
          : `Denda keterlambatan berlaku setelah ${p.penalty_grace_days} hari dari jatuh tempo.`,
        'Ditandatangani oleh anggota, penjamin dan pengurus koperasi.',
      ],
    };
  });
}
