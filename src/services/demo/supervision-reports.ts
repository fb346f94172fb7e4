import { findUserByUsername } from '../../db/users.repo.js';
import * as repo from '../../db/supervision-reports.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { addDays, businessDateWib, type IsoDate } from '../../domain/calendar.js';
import {
  BALANCE_SHEET_LINES,
  canonicalReportJson,
  checkReport,
  dueDateOf,
  endedPeriods,
  INCOME_STATEMENT_LINES,
  parseReportPeriod,
  reportFromEntry,
  type BalanceSheetLine,
  type EnteredReport,
  type IncomeStatementLine,
  type ReportingRule,
} from '../../domain/supervision/report.js';
import { decide } from '../approvals.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { headlineOf, requestShare, sha256 } from '../supervision/reports.js';
import { rng } from './common.js';

/**
 * The reports of the demo (issue 15 item 8): Dinas Kota Pekalongan and the Jawa Tengah province
 * office ask for quarterly reports 30 days after each quarter; the three demo cooperatives on
 * Sokoguru share this year's quarters from their books through the real maker-checker (prepared
 * by the admin, approved by the pengurus, on a day after each quarter); and the city's
 * cooperatives not on Sokoguru have three years of typed quarterly reports, most on time, some
 * late, some missing (chronic for a few), a few corrected, with reminders for recent missing ones.
 * Figures are made up but plausible: scaled by each cooperative's members and type, growing over
 * time, every balance sheet balanced and every report passing the office's entry checks.
 */

/** Days after each quarter's end a report is due (the demo offices' rule). */
export const DEMO_QUARTERLY_DUE_DAYS = 30;
const DEMO_RULE: ReportingRule = {
  kind: 'quarterly',
  dueDays: DEMO_QUARTERLY_DUE_DAYS,
  effectiveFrom: '2024-01-01',
  required: true,
};

const ctxOf = (organizationId: string, user: { id: string; username: string }, role: Role) =>
  ({
    organizationId,
    actor: { userId: user.id, label: user.username },
    roles: [role],
    requestId: null,
    ip: null,
  }) satisfies OrgContext;

async function userNamed(deps: Deps, username: string) {
  const u = await findUserByUsername(deps.database.db, username);
  if (!u) throw new Error(`demo user ${username} is missing`);
  return { id: u.id, username };
}

/** A deps whose clock reads `date` at 09:00 WIB (the day a report was prepared and approved). */
const on = (deps: Deps, date: IsoDate): Deps => ({
  ...deps,
  clock: () => new Date(`${date}T02:00:00Z`),
});

// ---------------------------------------------------------------------------------------------
// figures of a cooperative not on Sokoguru

const FINANCIAL = new Set(['KSP', 'KSPPS']);
const ASSETS_PER_MEMBER: Record<string, number> = {
  KSP: 6_000_000,
  KSPPS: 4_000_000,
  KONSUMEN: 1_500_000,
  PRODUSEN: 2_500_000,
  PEMASARAN: 2_000_000,
  JASA: 1_200_000,
};

/** `amount` × per-mille, whole rupiah (rounded down to the thousand, as paper reports often are). */
const pm = (amount: bigint, perMille: number) =>
  ((amount * BigInt(Math.round(perMille))) / 1_000n / 1_000n) * 1_000n;

interface CoopProfile {
  baseAssets: bigint;
  financial: boolean;
  nplPerMille: number;
  members: number;
  menPerMille: number | null;
  growthPerMillePerQuarter: number;
}

function profileOf(
  row: { id: bigint; cooperative_type: string; member_count: number | null },
  next: () => number,
): CoopProfile {
  const members = row.member_count ?? 40 + Math.floor(next() * 200);
  const perMember = ASSETS_PER_MEMBER[row.cooperative_type] ?? 1_500_000;
  const base = Math.round(members * perMember * (0.6 + next() * 0.9));
  const troubled = next() < 0.15;
  return {
    baseAssets: BigInt(Math.max(base, 50_000_000)),
    financial: FINANCIAL.has(row.cooperative_type),
    nplPerMille: troubled ? 100 + next() * 200 : 15 + next() * 45,
    members,
    menPerMille: next() < 0.1 ? null : 350 + Math.round(next() * 300),
    growthPerMillePerQuarter: 5 + next() * 25,
  };
}

/** One quarter's typed report (year-to-date income) of a cooperative, balanced. */
export function demoPaperReport(
  p: CoopProfile,
  period: string,
  quarterIndex: number,
  next: () => number,
): EnteredReport {
  const q = parseReportPeriod('quarterly', period)!;
  const months = (q.quarter ?? 4) * 3;
  const growth = 1000 + p.growthPerMillePerQuarter * quarterIndex + (next() - 0.5) * 20;
  const size = pm(p.baseAssets, growth);
  const b = Object.fromEntries(BALANCE_SHEET_LINES.map((l) => [l.key, 0n])) as Record<
    BalanceSheetLine,
    bigint
  >;
  const i = Object.fromEntries(INCOME_STATEMENT_LINES.map((l) => [l.key, 0n])) as Record<
    IncomeStatementLine,
    bigint
  >;
  // assets
  b.kasBank = pm(size, p.financial ? 90 + next() * 40 : 130 + next() * 40);
  b.penempatanBank = pm(size, p.financial ? 50 : 0);
  b.pinjamanAnggota = pm(size, p.financial ? 740 + next() * 40 : 250);
  b.asetLancarLain = pm(size, p.financial ? 20 : 330);
  b.investasi = pm(size, p.financial ? 10 : 30);
  b.asetTetap = pm(size, p.financial ? 90 : 300);
  b.akumulasiPenyusutan = pm(size, p.financial ? 30 : 80);
  // the loan book by class: problem loans of the cooperative's profile
  const loansOut = b.pinjamanAnggota;
  const npl = pm(loansOut, p.nplPerMille * (0.8 + next() * 0.4));
  const kl = pm(npl, 500);
  const d = pm(npl, 250);
  const m = npl - kl - d;
  const l = loansOut - npl;
  const avgLoan = p.financial ? 8_000_000n : 3_000_000n;
  const count = (o: bigint) => (o === 0n ? 0 : Number(o / avgLoan) + 1);
  const loans: EnteredReport['loans'] = {
    lancar: { loans: count(l), outstandingRupiah: l, requiredProvisionRupiah: pm(l, 5) },
    kurangLancar: { loans: count(kl), outstandingRupiah: kl, requiredProvisionRupiah: pm(kl, 100) },
    diragukan: { loans: count(d), outstandingRupiah: d, requiredProvisionRupiah: pm(d, 500) },
    macet: { loans: count(m), outstandingRupiah: m, requiredProvisionRupiah: m },
  };
  b.ppap = Object.values(loans).reduce((s, c) => s + c.requiredProvisionRupiah, 0n);
  const aset =
    b.kasBank +
    b.penempatanBank +
    b.pinjamanAnggota -
    b.ppap +
    b.asetLancarLain +
    b.investasi +
    b.asetTetap -
    b.akumulasiPenyusutan;
  // year-to-date income and expenses
  const per = (amount: bigint, perMillePerMonth: number) => pm(amount, perMillePerMonth * months);
  if (p.financial) {
    i.pendapatanPartisipasiAnggota = per(loansOut, 14 + next() * 4);
    i.pendapatanNonAnggota = pm(i.pendapatanPartisipasiAnggota, 30);
    i.pendapatanLain = per(b.penempatanBank, 4);
  } else {
    i.pendapatanPartisipasiAnggota = per(size, 60 + next() * 20);
    i.pendapatanNonAnggota = pm(i.pendapatanPartisipasiAnggota, 150);
    i.pendapatanLain = per(size, 1);
    i.bebanUsahaLain = pm(i.pendapatanPartisipasiAnggota + i.pendapatanNonAnggota, 780);
  }
  b.simpananSukarela = pm(aset, p.financial ? 400 + next() * 60 : 100);
  b.simpananBerjangka = pm(aset, p.financial ? 170 : 0);
  b.kewajibanLancarLain = pm(aset, p.financial ? 30 : 120);
  b.kewajibanJangkaPanjang = pm(aset, p.financial ? 50 : 60);
  i.bebanJasaSimpanan = per(b.simpananSukarela, 2) + per(b.simpananBerjangka, 5);
  i.bebanPenyisihanPinjaman = pm(b.ppap, (months * 1000) / 12 / 4);
  i.bebanKaryawan = per(size, p.financial ? 3 : 5);
  i.bebanPengurusPengawas = per(size, 0.8);
  i.bebanPendidikan = per(size, 0.3);
  i.bebanOrganisasiUmum = per(size, 1.5);
  const pendapatan = i.pendapatanPartisipasiAnggota + i.pendapatanNonAnggota + i.pendapatanLain;
  const beban = Object.entries(i)
    .filter(([k]) => k.startsWith('beban'))
    .reduce((s, [, v]) => s + v, 0n);
  const beforeTax = pendapatan - beban;
  i.bebanPajak = beforeTax > 0n ? pm(beforeTax, 100) : 0n;
  // equity: members' savings, reserves, the year's result; the reserve takes what is left
  b.simpananPokok = BigInt(p.members) * (p.financial ? 100_000n : 50_000n);
  b.simpananWajib = pm(aset, 140);
  b.cadanganRisiko = pm(aset, 10);
  b.shuTahunBerjalan = beforeTax - i.bebanPajak;
  const rest =
    aset -
    (b.simpananSukarela +
      b.simpananBerjangka +
      b.kewajibanLancarLain +
      b.kewajibanJangkaPanjang +
      b.simpananPokok +
      b.simpananWajib +
      b.cadanganRisiko +
      b.shuTahunBerjalan);
  if (rest >= 0n) b.cadanganUmum = rest;
  else b.ekuitasLain = rest;
  const members = p.members + Math.round(quarterIndex * p.members * 0.01);
  const men = p.menPerMille === null ? null : Math.round((members * p.menPerMille) / 1000);
  return {
    kind: 'quarterly',
    period,
    balanceSheet: b,
    incomeStatement: i,
    loans,
    members: { count: members, men, women: men === null ? null : members - men },
  };
}

/** How a cooperative reports: most reliably, some sloppily, a few hardly at all. */
function habitOf(next: () => number): { onTime: number; late: number } {
  const x = next();
  if (x < 0.6) return { onTime: 0.92, late: 0.06 };
  if (x < 0.88) return { onTime: 0.55, late: 0.25 };
  return { onTime: 0.2, late: 0.2 };
}

// ---------------------------------------------------------------------------------------------

export interface DemoReportsResult {
  /** versions the Sokoguru cooperatives shared from their books */
  shared: number;
  /** typed versions of the cooperatives not on Sokoguru (corrections included) */
  typed: number;
  reminders: number;
}

/**
 * Seeds the demo's reports. Call after the registry is filed (the three cooperatives linked) and
 * after their books are complete (months closed). `today` defaults to the clock's business date.
 */
export async function seedDemoSupervisionReports(
  deps: Deps,
  offices: { city: OrganizationView; province: OrganizationView },
  linked: { ksp: OrganizationView; kspps: OrganizationView; konsumen: OrganizationView },
  options: { today?: IsoDate; cityAdmin?: string; provinceAdmin?: string } = {},
): Promise<DemoReportsResult> {
  const today = options.today ?? businessDateWib(deps.clock());
  const cityAdmin = await userNamed(deps, options.cityAdmin ?? 'dinas.admin');
  const provinceAdmin = await userNamed(deps, options.provinceAdmin ?? 'dinas.provinsi');
  const cityCtx = ctxOf(offices.city.id, cityAdmin, 'dinas_admin');

  // the offices' rule: quarterly reports 30 days after each quarter, since 2024
  for (const [office, admin] of [
    [offices.city, cityAdmin],
    [offices.province, provinceAdmin],
  ] as const)
    await inOrg(deps, ctxOf(office.id, admin, 'dinas_admin'), async (o) =>
      repo.insertSchedule(o.tx, {
        regionCode: office.dinasRegionCode ?? '',
        kind: 'quarterly',
        required: true,
        dueDays: DEMO_QUARTERLY_DUE_DAYS,
        effectiveFrom: DEMO_RULE.effectiveFrom,
        setBy: admin.id,
      }),
    );

  // (a) the Sokoguru cooperatives share this year's ended quarters from their books
  const year = Number(today.slice(0, 4));
  const thisYear = endedPeriods('quarterly', today, 4)
    .filter(
      (p) => p.startsWith(`${year}-`) && (dueDateOf([DEMO_RULE], 'quarterly', p) ?? '') < today,
    )
    .reverse();
  let shared = 0;
  for (const [prefix, org] of [
    ['ksp', linked.ksp],
    ['kspps', linked.kspps],
    ['konsumen', linked.konsumen],
  ] as const) {
    const maker = ctxOf(org.id, await userNamed(deps, `${prefix}.admin`), 'admin');
    const checker = ctxOf(org.id, await userNamed(deps, `${prefix}.pengurus`), 'pengurus');
    for (const [n, period] of thisYear.entries()) {
      const due = dueDateOf([DEMO_RULE], 'quarterly', period)!;
      // the consumer cooperative was late once (its second quarter)
      const day = prefix === 'konsumen' && n === 1 ? addDays(due, 6) : addDays(due, -12 - n);
      const at = on(deps, day);
      const { approvalId } = await requestShare(at, maker, { kind: 'quarterly', period }, 'id');
      await decide(at, checker, approvalId, { approve: true });
      shared += 1;
    }
  }

  // (b) three years of typed quarterly reports for the city's cooperatives not on Sokoguru
  const periods = endedPeriods('quarterly', today, 16)
    .filter((p) => Number(p.slice(0, 4)) >= year - 2)
    .reverse();
  const rows = (
    await inOrg(deps, cityCtx, (o) => repo.registrySizes(o.tx, offices.city.dinasRegionCode ?? ''))
  ).filter((r) => !r.linked && r.status === 'active');
  const next = rng(15_2026);
  const versions: Parameters<typeof repo.insertEnteredVersions>[1][number][] = [];
  const versionNo = new Map<object, number>();
  const reminders: Parameters<typeof repo.insertReminders>[1][number][] = [];
  for (const row of rows) {
    const profile = profileOf(row, next);
    const habit = habitOf(next);
    for (const [qi, period] of periods.entries()) {
      const due = dueDateOf([DEMO_RULE], 'quarterly', period)!;
      const x = next();
      const arrived =
        x < habit.onTime
          ? addDays(due, -Math.floor(next() * 25))
          : x < habit.onTime + habit.late
            ? addDays(due, 3 + Math.floor(next() * 80))
            : null;
      if (arrived === null || arrived > today) {
        // recent missing reports got a reminder a week after the due date
        if (qi >= periods.length - 3 && addDays(due, 7) <= today && next() < 0.7)
          reminders.push({
            regionCode: row.region_code,
            registryId: row.id,
            kind: 'quarterly',
            period,
            note: `Mohon segera menyampaikan laporan triwulan ${period}.`,
            sentAt: new Date(`${addDays(due, 7)}T02:00:00Z`),
            sentBy: cityAdmin.id,
          });
        continue;
      }
      const entered = demoPaperReport(profile, period, qi, next);
      const add = (e: EnteredReport, date: IsoDate, version: number) => {
        const report = reportFromEntry(e);
        if (checkReport(report).length > 0)
          throw new Error(`demo report ${row.id} ${period} does not pass its checks`);
        const text = canonicalReportJson(report);
        const v = {
          regionCode: row.region_code,
          registryId: row.id,
          kind: 'quarterly' as const,
          period,
          channel: next() < 0.6 ? ('excel' as const) : ('form' as const),
          content: JSON.parse(text) as unknown,
          contentSha256: sha256(text),
          submittedAt: new Date(`${date}T02:00:00Z`),
          submittedOn: date,
          submittedBy: cityAdmin.id,
          submittedByOrg: offices.city.id,
          headline: headlineOf(report),
        };
        versions.push(v);
        versionNo.set(v, version);
      };
      add(entered, arrived, 1);
      // a few are corrected a couple of weeks later: cash and voluntary savings both up
      const fixedOn = addDays(arrived, 10 + Math.floor(next() * 20));
      if (next() < 0.04 && fixedOn <= today) {
        const delta = pm(entered.balanceSheet.kasBank, 20);
        add(
          {
            ...entered,
            balanceSheet: {
              ...entered.balanceSheet,
              kasBank: entered.balanceSheet.kasBank + delta,
              simpananSukarela: entered.balanceSheet.simpananSukarela + delta,
            },
          },
          fixedOn,
          2,
        );
      }
    }
  }
  let typed = 0;
  await inOrg(deps, cityCtx, async (o) => {
    for (let i = 0; i < versions.length; i += 500)
      typed += await repo.insertEnteredVersions(
        o.tx,
        versions.slice(i, i + 500),
        (v) => versionNo.get(v) ?? 1,
      );
    await repo.insertReminders(o.tx, reminders);
  });
  return { shared, typed, reminders: reminders.length };
}
