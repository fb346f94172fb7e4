import { findOrganization } from '../../db/organizations.repo.js';
import { distributionsInRange } from '../../db/bagi-hasil.repo.js';
import { formatIsoDate, parseYearMonth, daysInYearMonth } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { formatPeriodId, type ReportDocument, type ReportRow } from '../../reports/table.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { PeriodRange } from '../statements-data.js';
import { fundStatementDocument } from './baitul-maal.js';

/**
 * The statements only a KSPPS publishes (PSAK 101 as restated in docs/domain/sharia-statements.md),
 * for the range of months the other statements take: the laporan sumber dan penyaluran dana zakat,
 * the laporan sumber dan penggunaan dana kebajikan and the laporan rekonsiliasi pendapatan dan bagi
 * hasil. The neraca and the PHU take the sharia presentation in services/statements.ts.
 */
export const SHARIA_STATEMENT_KINDS = [
  'dana-zakat',
  'dana-kebajikan',
  'rekonsiliasi-bagi-hasil',
] as const;
export type ShariaStatementKind = (typeof SHARIA_STATEMENT_KINDS)[number];
/** The statements' names in the error a conventional cooperative gets. */
const NAMES: Record<ShariaStatementKind, string> = {
  'dana-zakat': 'sumber dan penyaluran dana zakat',
  'dana-kebajikan': 'sumber dan penggunaan dana kebajikan',
  'rekonsiliasi-bagi-hasil': 'rekonsiliasi pendapatan dan bagi hasil',
};

const firstDay = (ym: string) => `${ym}-01`;
const lastDay = (ym: string) => {
  const { year, month } = parseYearMonth(ym);
  return formatIsoDate({ year, month, day: daysInYearMonth(ym) });
};

export async function shariaStatement(
  deps: Deps,
  ctx: OrgContext,
  kind: ShariaStatementKind,
  range: PeriodRange,
): Promise<ReportDocument> {
  const org = await inOrg(deps, ctx, ({ tx }) => findOrganization(tx, ctx.organizationId));
  if (!org) throw new AppError('ORG_NOT_FOUND');
  if (org.cooperative_type !== 'KSPPS')
    throw new AppError('STATEMENT_SHARIA_ONLY', { kind: NAMES[kind] });
  switch (kind) {
    case 'dana-zakat':
    case 'dana-kebajikan':
      return fundStatementDocument(
        deps,
        ctx,
        kind === 'dana-zakat' ? 'zakat' : 'kebajikan',
        firstDay(range.from),
        lastDay(range.to),
      );
    case 'rekonsiliasi-bagi-hasil':
      return rekonsiliasiDocument(deps, ctx, org.name, range);
  }
}

/**
 * Laporan rekonsiliasi pendapatan dan bagi hasil over the range, one row per month distributed:
 * the accrual income of the books, less the month's income not received in cash, plus earlier
 * income received this month (less the operating costs under profit sharing) gives the income
 * shared, split into the funds' right (what the month-end credited them) and the KSPPS's.
 * The rows are the ones the month-end stored, so the report always matches what was paid.
 */
async function rekonsiliasiDocument(
  deps: Deps,
  ctx: OrgContext,
  organization: string,
  range: PeriodRange,
): Promise<ReportDocument> {
  const rows = await inOrg(deps, ctx, ({ tx }) =>
    distributionsInRange(tx, ctx.organizationId, range.from, range.to),
  );
  const rp = (v: bigint) => ({ rupiah: v });
  const total = {
    accrual: 0n,
    unreceived: 0n,
    received: 0n,
    costs: 0n,
    income: 0n,
    funds: 0n,
    kspps: 0n,
  };
  const body: ReportRow[] = rows.map((d) => {
    const kspps = d.income_rupiah - d.distributed_rupiah;
    total.accrual += d.accrual_income_rupiah;
    total.unreceived += d.unreceived_current_rupiah;
    total.received += d.received_previous_rupiah;
    total.costs += d.operating_costs_rupiah;
    total.income += d.income_rupiah;
    total.funds += d.distributed_rupiah;
    total.kspps += kspps;
    return {
      cells: [
        formatPeriodId(d.period),
        rp(d.accrual_income_rupiah),
        rp(-d.unreceived_current_rupiah),
        rp(d.received_previous_rupiah),
        rp(-d.operating_costs_rupiah),
        rp(d.income_rupiah),
        rp(d.distributed_rupiah),
        rp(kspps),
      ],
    };
  });
  const money = (header: string) => ({ header, kind: 'rupiah' as const });
  const period =
    range.from === range.to
      ? `Periode ${formatPeriodId(range.to)}`
      : `Periode ${formatPeriodId(range.from)} s.d. ${formatPeriodId(range.to)}`;
  return {
    title: 'Laporan Rekonsiliasi Pendapatan dan Bagi Hasil',
    organization,
    period,
    generatedAt: deps.clock().toISOString().slice(0, 16).replace('T', ' '),
    orientation: 'landscape',
    sections: [
      {
        columns: [
          { header: 'Bulan', kind: 'text', width: 2 },
          money('Pendapatan usaha utama (akrual)'),
          money('Dikurangi: pendapatan periode berjalan belum diterima kasnya'),
          money('Ditambah: pendapatan periode sebelumnya diterima kasnya'),
          money('Dikurangi: beban usaha (bagi laba)'),
          money('Pendapatan yang tersedia untuk bagi hasil'),
          money('Hak pemilik dana'),
          money('Hak koperasi'),
        ],
        rows: [
          ...body,
          {
            cells: [
              'JUMLAH',
              rp(total.accrual),
              rp(-total.unreceived),
              rp(total.received),
              rp(-total.costs),
              rp(total.income),
              rp(total.funds),
              rp(total.kspps),
            ],
            style: 'grand-total',
          },
        ],
      },
    ],
    notes: [
      rows.length === 0
        ? 'Belum ada distribusi bagi hasil pada periode ini (distribusi dilakukan pada tutup bulan).'
        : `${rows.length} bulan didistribusikan. Pendapatan dibagi atas dasar kas (fatwa 14/DSN-MUI/IX/2000); hak pemilik dana sama dengan bagi hasil yang dikreditkan pada tutup bulan.`,
      'Beban usaha hanya dikurangkan bila koperasi memakai bagi laba (profit sharing); bawaannya bagi pendapatan (revenue sharing).',
    ],
  };
}
