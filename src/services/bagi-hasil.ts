import * as repo from '../db/bagi-hasil.repo.js';
import { planForWholeSet } from '../db/savings-month-end.repo.js';
import { isShariaCooperative } from '../db/savings.repo.js';
import { memberIdOfUser } from '../db/members.repo.js';
import { findOrganization } from '../db/organizations.repo.js';
import type { JsonValue } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { amountsByLedgerRole } from '../domain/savings/ledger-role.js';
import {
  allocateIncome,
  equivalentRate,
  percentText,
  rational,
  type Rational,
} from '../domain/sharia/bagi-hasil.js';
import { formatPeriodId, type ReportDocument, type ReportRow } from '../reports/table.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { postEntry } from './ledger.js';
import { registerMonthEndStep, type MonthEnd } from './month-end.js';

/**
 * The month's profit distribution to mudharabah funds of a KSPPS (issue 21 item 2;
 * docs/domain/sharia-bagi-hasil.md): a month-end step after the loans' steps and the savings'
 * interest and fees, before deposits mature (a deposit maturing this month is paid out with its
 * share).
 *
 * 1. Rekonsiliasi pendapatan dan bagi hasil: the income to share P is the cash received this month
 *    of the financing income accrued in the books (fatwa 14/DSN-MUI/IX/2000), read from the ledger;
 *    under profit sharing the month's operating costs are taken off.
 * 2. F, the average financing outstanding, from the ledger's daily balances of the financing
 *    accounts (net of the deferred murabahah margin).
 * 3. Every account's daily-balance sum and nisbah staged in one statement; the products' exact
 *    income shares by the pure domain (`allocateIncome`); every account's share by one INSERT …
 *    SELECT with the domain's rounding; one journal entry; one balance update.
 */

/** Financing income of a KSPPS, shared with the funds (BMT guideline: margin, bagi hasil, ujrah, fees). */
export const INCOME_ROLES = ['marginIncome', 'profitShareIncome', 'ujrahIncome', 'adminIncome'];
/** Income accrued and not yet received in cash (its change is what the rekonsiliasi takes out). */
export const RECEIVABLE_ROLES = ['interestReceivable', 'profitShareReceivable'];
/** What the funds finance: receivables net of the deferred margin, investments, qardh. */
export const FINANCING_ROLES = [
  'murabahahReceivable',
  'deferredMargin',
  'mudharabahFinancing',
  'musyarakahFinancing',
  'qardh',
];

export interface Rekonsiliasi {
  /** pendapatan usaha utama (accrual) */
  accrualIncome: bigint;
  /** pendapatan periode berjalan yang kasnya belum diterima */
  unreceivedCurrent: bigint;
  /** pendapatan periode sebelumnya yang kasnya diterima periode berjalan */
  receivedPrevious: bigint;
  /** beban usaha (profit sharing only) */
  operatingCosts: bigint;
  /** pendapatan yang tersedia untuk bagi hasil: P */
  income: bigint;
}

/**
 * The rekonsiliasi from the ledger's figures (PSAK 101 laporan rekonsiliasi pendapatan dan bagi
 * hasil). Cash received first settles the receivable carried in from earlier months (the oldest
 * instalment is paid first), so of the receivable R0 carried in and R1 carried out:
 *   cash for income C = A + R0 − R1; received from earlier months = min(R0, max(C, 0));
 *   accrued this month and not received = R1 − R0 + that (≥ 0; a write-off could make it less).
 */
export function rekonsiliasi(
  figures: readonly repo.LedgerRoleFigures[],
  basis: 'revenue' | 'profit',
): Rekonsiliasi {
  const of = (roles: readonly string[]) => figures.filter((f) => roles.includes(f.role));
  const sum = (xs: readonly bigint[]) => xs.reduce((s, x) => s + x, 0n);
  const accrualIncome = -sum(of(INCOME_ROLES).map((f) => f.month));
  const r0 = sum(of(RECEIVABLE_ROLES).map((f) => f.opening));
  const r1 = r0 + sum(of(RECEIVABLE_ROLES).map((f) => f.month));
  const cash = accrualIncome + r0 - r1;
  const receivedPrevious = r0 <= 0n ? 0n : cash <= 0n ? 0n : cash < r0 ? cash : r0;
  const uc = r1 - r0 + receivedPrevious;
  const unreceivedCurrent = uc > 0n ? uc : 0n;
  const costs = sum(of(['operatingExpenses']).map((f) => f.month));
  const operatingCosts = basis === 'profit' && costs > 0n ? costs : 0n;
  const income = accrualIncome - unreceivedCurrent + receivedPrevious - operatingCosts;
  return {
    accrualIncome,
    unreceivedCurrent,
    receivedPrevious,
    operatingCosts,
    income: income > 0n ? income : 0n,
  };
}

/** F × D: Σ over the financing accounts of D × opening + the day-weighted movements. */
export function financingDailySum(figures: readonly repo.LedgerRoleFigures[], days: number) {
  const s = figures
    .filter((f) => FINANCING_ROLES.includes(f.role))
    .reduce((acc, f) => acc + BigInt(days) * f.opening + f.weighted, 0n);
  return s > 0n ? s : 0n;
}

const floorOf = (r: Rational) => r.n / r.d;

export async function stepBagiHasil(o: OrgTx, m: MonthEnd): Promise<JsonValue> {
  if (!(await isShariaCooperative(o.tx, o.ctx.organizationId))) return { kspps: false };
  const coop = o.ctx.organizationId;
  const days = Number(m.lastDay.slice(8, 10));
  const settings = await repo.settingsOf(o.tx, coop);
  const figures = await repo.ledgerFigures(o.tx, coop, m, [
    ...INCOME_ROLES,
    ...RECEIVABLE_ROLES,
    ...FINANCING_ROLES,
  ]);
  const rek = rekonsiliasi(figures, settings.basis);
  const financingSum = financingDailySum(figures, days);
  const d = await distributeMonth(o, m, settings, rek.income, financingSum);
  await repo.insertDistribution(o.tx, coop, {
    period: m.period,
    days,
    basis: settings.basis,
    accrual_income_rupiah: rek.accrualIncome,
    unreceived_current_rupiah: rek.unreceivedCurrent,
    received_previous_rupiah: rek.receivedPrevious,
    operating_costs_rupiah: rek.operatingCosts,
    income_rupiah: rek.income,
    financing_daily_sum_rupiah: financingSum,
    divisor_is: d.divisorIs,
    distributed_rupiah: d.distributed,
    accounts: d.accounts,
    entry_id: d.entryId,
  });
  await repo.insertProducts(o.tx, coop, m.period, d.products);
  return {
    incomeRupiah: rek.income.toString(),
    distributedRupiah: d.distributed.toString(),
    accounts: d.accounts,
    paidAccounts: d.paidAccounts,
    entryId: d.entryId?.toString() ?? null,
  };
}

/**
 * Shares `income` (P) over the month's accounts given the financing's daily-balance sum (F × D):
 * stages the accounts, allocates by the domain, writes every account's line, posts the entry and
 * credits the balances. The month-end's step derives P and F from the ledger; the property test
 * (test/integration/sharia/bagi-hasil-generated.test.ts) passes its own and compares every line
 * with the domain's `computeBagiHasil`.
 */
export async function distributeMonth(
  o: OrgTx,
  m: MonthEnd,
  settings: Pick<
    repo.Settings,
    'weight_wadiah_bps' | 'weight_mudharabah_bps' | 'weight_berjangka_bps'
  >,
  income: bigint,
  financingSum: bigint,
) {
  const coop = o.ctx.organizationId;
  const days = Number(m.lastDay.slice(8, 10));
  // the same plan as the savings month-end: every join set against set
  await planForWholeSet(o.tx);
  await repo.stageAccounts(o.tx, coop, { ...m, days });
  const staged = await repo.stagedProducts(o.tx, coop);
  const weightOf = (akad: repo.StagedProduct['akad']) =>
    akad === 'wadiah'
      ? settings.weight_wadiah_bps
      : akad === 'mudharabah'
        ? settings.weight_mudharabah_bps
        : settings.weight_berjangka_bps;
  const allocation = allocateIncome(
    days,
    income,
    financingSum,
    staged.map((p) => ({
      code: p.code,
      weight: rational(BigInt(weightOf(p.akad)), 10000n),
      dailyBalanceSumRupiah: p.n,
    })),
  );
  const products = staged.map((p, i) => {
    const a = allocation.products[i]!;
    // D_p = R_p × Σ N_a × bps_a / (10000 × N_p): what the SQL's lines add up to
    const pool =
      p.n === 0n ? rational(0n) : rational(a.incomeShare.n * p.nw, a.incomeShare.d * 10000n * p.n);
    return { p, a, pool, poolRupiah: floorOf(pool) };
  });
  const t = await repo.insertLines(
    o.tx,
    coop,
    m,
    products.map(({ p, a, poolRupiah }) => ({
      productId: p.product_id,
      kind: p.kind,
      akad: p.akad,
      incomeShareN: a.incomeShare.n,
      incomeShareD: a.incomeShare.d,
      n: p.n,
      poolRupiah,
    })),
    staged.filter((p) => p.akad === 'mudharabah_berjangka').map((p) => p.product_id),
  );
  const written = t.written;
  const distributed = t.from_sukarela + t.from_berjangka;
  const expected = products.reduce((s, x) => s + x.poolRupiah, 0n);
  if (distributed !== expected)
    throw new AppError('INTERNAL', {}, `bagi hasil lines ${distributed} ≠ pools ${expected}`);

  let entryId: bigint | null = null;
  if (distributed > 0n) {
    const posted = await postEntry(o, {
      entryDate: m.lastDay,
      description: `Distribusi bagi hasil simpanan mudharabah ${m.period}`,
      source: { type: 'savings.bagi-hasil', id: m.period },
      lines: [
        ...(t.from_sukarela > 0n
          ? [{ account: { role: 'savingsInterestExpense' }, debitRupiah: t.from_sukarela }]
          : []),
        ...(t.from_berjangka > 0n
          ? [{ account: { role: 'depositInterestExpense' }, debitRupiah: t.from_berjangka }]
          : []),
        // each share on the account it is credited to: a mudharabah sukarela account (2102), a
        // wadiah one a deposit pays out to (2101), the deposit itself (2103)
        ...amountsByLedgerRole(t.credited).map((x) => ({
          account: { role: x.role },
          creditRupiah: x.rupiah,
        })),
      ],
    });
    entryId = posted.entryId;
    await repo.creditLines(o.tx, coop, m.period);
  }
  return {
    divisorIs: allocation.divisorIs,
    distributed,
    accounts: written,
    paidAccounts: t.paid_accounts,
    entryId,
    products: products.map(({ p, a, pool, poolRupiah }) => ({
      product_id: p.product_id,
      akad: p.akad,
      weight_bps: weightOf(p.akad),
      nisbah_min_bps: p.min_bps,
      nisbah_max_bps: p.max_bps,
      accounts: p.accounts,
      daily_balance_sum_rupiah: p.n,
      income_share_rupiah: floorOf(a.incomeShare),
      pool_rupiah: poolRupiah,
      rate_per_month_percent: equivalentRate(pool, a.averageBalance).ratePerMonthPercent,
    })),
  };
}

registerMonthEndStep({ name: 'savings-bagi-hasil', order: 62, run: stepBagiHasil });

export { proposeWadiahBonus, wadiahBonusDecisions } from './wadiah-bonus.js';

// ---- reading and settings ----

const bps = (n: number) => percentText(rational(BigInt(n), 10000n), 2);

function distributionView(d: repo.DistributionRow, products: repo.ProductRow[]) {
  const retained = d.income_rupiah - d.distributed_rupiah;
  return {
    period: d.period,
    days: d.days,
    basis: d.basis,
    rekonsiliasi: {
      accrualIncomeRupiah: d.accrual_income_rupiah.toString(),
      unreceivedCurrentRupiah: d.unreceived_current_rupiah.toString(),
      receivedPreviousRupiah: d.received_previous_rupiah.toString(),
      operatingCostsRupiah: d.operating_costs_rupiah.toString(),
      incomeRupiah: d.income_rupiah.toString(),
    },
    averageFinancingRupiah: (d.financing_daily_sum_rupiah / BigInt(d.days)).toString(),
    divisorIs: d.divisor_is,
    distributedRupiah: d.distributed_rupiah.toString(),
    retainedRupiah: retained.toString(),
    accounts: d.accounts,
    entryId: d.entry_id?.toString() ?? null,
    products: products.map((p) => ({
      productId: p.product_id.toString(),
      code: p.code,
      name: p.name,
      akad: p.akad,
      weightPercent: bps(p.weight_bps),
      nisbahAnggotaPercent:
        p.nisbah_min_bps === p.nisbah_max_bps
          ? bps(p.nisbah_min_bps)
          : `${bps(p.nisbah_min_bps)}–${bps(p.nisbah_max_bps)}`,
      accounts: p.accounts,
      averageBalanceRupiah: (p.daily_balance_sum_rupiah / BigInt(d.days)).toString(),
      incomeShareRupiah: p.income_share_rupiah.toString(),
      poolRupiah: p.pool_rupiah.toString(),
      ratePerMonthPercent: p.rate_per_month_percent,
      rateAnnualPercent: p.rate_per_month_percent
        ? percentText(rational(BigInt(p.rate_per_month_percent.replace('.', '')) * 12n, 100000n))
        : null,
    })),
  };
}

export type DistributionView = ReturnType<typeof distributionView>;

/** One month's distribution report, or NOT_FOUND when that month was not distributed. */
export async function distributionReport(deps: Deps, ctx: OrgContext, period: string) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const d = await repo.distributionOf(tx, ctx.organizationId, period);
    if (!d) throw new AppError('BAGI_HASIL_NOT_DISTRIBUTED', { period });
    return distributionView(d, await repo.productsOf(tx, ctx.organizationId, period));
  });
}

/** The months distributed, newest first (the report's month picker and its chart). */
export async function distributionList(deps: Deps, ctx: OrgContext, limit = 24) {
  return inOrg(deps, ctx, async ({ tx }) =>
    (await repo.distributions(tx, ctx.organizationId, limit)).map((d) => ({
      period: d.period,
      incomeRupiah: d.income_rupiah.toString(),
      distributedRupiah: d.distributed_rupiah.toString(),
      accounts: d.accounts,
    })),
  );
}

function settingsView(s: repo.Settings) {
  return {
    basis: s.basis,
    weightWadiahBps: s.weight_wadiah_bps,
    weightMudharabahBps: s.weight_mudharabah_bps,
    weightBerjangkaBps: s.weight_berjangka_bps,
    updatedBy: s.updated_by_name,
    updatedAt: s.updated_at?.toISOString() ?? null,
  };
}

export async function getSettings(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) =>
    settingsView(await repo.settingsOf(tx, ctx.organizationId)),
  );
}

export async function putSettings(
  deps: Deps,
  ctx: OrgContext,
  input: {
    basis: 'revenue' | 'profit';
    weightWadiahBps: number;
    weightMudharabahBps: number;
    weightBerjangkaBps: number;
  },
) {
  return inOrg(deps, ctx, async (o) => {
    if (!(await isShariaCooperative(o.tx, ctx.organizationId)))
      throw new AppError('BAGI_HASIL_NOT_SHARIA');
    const before = settingsView(await repo.settingsOf(o.tx, ctx.organizationId));
    await repo.saveSettings(
      o.tx,
      ctx.organizationId,
      {
        basis: input.basis,
        weight_wadiah_bps: input.weightWadiahBps,
        weight_mudharabah_bps: input.weightMudharabahBps,
        weight_berjangka_bps: input.weightBerjangkaBps,
      },
      ctx.actor.userId ?? null,
    );
    const after = settingsView(await repo.settingsOf(o.tx, ctx.organizationId));
    await o.audit({
      action: 'bagi-hasil.settings',
      entityType: 'bagi-hasil',
      before: { ...before },
      after: { ...after },
    });
    return after;
  });
}

/**
 * A member's bagi hasil lines, newest first, each with the nisbah of the member's akad and the
 * account's own equivalent rate (share ÷ its average balance; information only).
 */
export async function myBagiHasil(deps: Deps, ctx: OrgContext, limit = 12) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const userId = ctx.actor.userId;
    const memberId =
      userId === null ? undefined : await memberIdOfUser(tx, ctx.organizationId, userId);
    if (memberId === undefined) throw new AppError('MEMBER_NOT_FOUND');
    const rows = await repo.memberLines(tx, ctx.organizationId, memberId, limit);
    return rows.map((r) => {
      const rate =
        r.daily_balance_sum_rupiah === 0n
          ? null
          : percentText(rational(r.share_rupiah * BigInt(r.days), r.daily_balance_sum_rupiah));
      return {
        period: r.period,
        accountId: r.account_id.toString(),
        accountNumber: r.account_number,
        productName: r.product_name,
        nisbahAnggotaPercent: bps(r.nisbah_anggota_bps),
        shareRupiah: r.share_rupiah.toString(),
        bookedOn: r.booked_on,
        ratePerMonthPercent: rate,
      };
    });
  });
}

const AKAD_ID: Record<string, string> = {
  wadiah: 'Wadiah',
  mudharabah: 'Mudharabah',
  mudharabah_berjangka: 'Mudharabah berjangka',
};
const pct = (x: string | null) => (x === null ? '–' : `${x.replace(/\./g, ',')} %`);

/**
 * The month's distribution as a report document (PDF and Excel by the renderers every statement
 * uses): the rekonsiliasi pendapatan dan bagi hasil, then the products.
 */
export async function distributionDocument(
  deps: Deps,
  ctx: OrgContext,
  period: string,
): Promise<ReportDocument> {
  const d = await distributionReport(deps, ctx, period);
  const org = await inOrg(deps, ctx, ({ tx }) => findOrganization(tx, ctx.organizationId));
  const money = (name: string, v: string, style?: ReportRow['style'], level = 0): ReportRow => ({
    cells: [name, { rupiah: BigInt(v) }],
    level,
    ...(style ? { style } : {}),
  });
  const k = d.rekonsiliasi;
  return {
    title: 'Distribusi Bagi Hasil Simpanan Mudharabah',
    organization: org?.name ?? '',
    period: `Periode: ${formatPeriodId(period)} (${d.days} hari)`,
    generatedAt: deps.clock().toISOString().slice(0, 16).replace('T', ' '),
    orientation: 'landscape',
    sections: [
      {
        title: 'Rekonsiliasi pendapatan dan bagi hasil',
        columns: [
          { header: 'Uraian', kind: 'text', width: 3 },
          { header: 'Jumlah (Rp)', kind: 'rupiah', width: 1 },
        ],
        rows: [
          money('Pendapatan usaha utama (akrual)', k.accrualIncomeRupiah),
          money(
            'Dikurangi: pendapatan periode berjalan yang kasnya belum diterima',
            (-BigInt(k.unreceivedCurrentRupiah)).toString(),
            undefined,
            1,
          ),
          money(
            'Ditambah: pendapatan periode sebelumnya yang kasnya diterima periode berjalan',
            k.receivedPreviousRupiah,
            undefined,
            1,
          ),
          ...(d.basis === 'profit'
            ? [
                money(
                  'Dikurangi: beban usaha (bagi laba)',
                  (-BigInt(k.operatingCostsRupiah)).toString(),
                  undefined,
                  1,
                ),
              ]
            : []),
          money('Pendapatan yang tersedia untuk bagi hasil', k.incomeRupiah, 'total'),
          money('Hak pemilik dana (dibagikan)', d.distributedRupiah, undefined, 1),
          money('Hak koperasi', d.retainedRupiah, undefined, 1),
          money('Rata-rata pembiayaan yang diberikan', d.averageFinancingRupiah),
        ],
      },
      {
        title: 'Distribusi per produk',
        columns: [
          { header: 'Produk', kind: 'text', width: 3 },
          { header: 'Akad', kind: 'text', width: 2 },
          { header: 'Rekening', kind: 'number', width: 1 },
          { header: 'Saldo rata-rata (Rp)', kind: 'rupiah', width: 2 },
          { header: 'Bobot', kind: 'text', width: 1 },
          { header: 'Porsi pendapatan (Rp)', kind: 'rupiah', width: 2 },
          { header: 'Nisbah anggota', kind: 'text', width: 1 },
          { header: 'Bagi hasil anggota (Rp)', kind: 'rupiah', width: 2 },
          { header: 'Setara per bulan', kind: 'text', width: 1 },
        ],
        rows: d.products.map((p) => ({
          cells: [
            `${p.code} ${p.name}`,
            AKAD_ID[p.akad] ?? p.akad,
            { number: p.accounts },
            { rupiah: BigInt(p.averageBalanceRupiah) },
            pct(p.weightPercent),
            { rupiah: BigInt(p.incomeShareRupiah) },
            pct(p.nisbahAnggotaPercent),
            { rupiah: BigInt(p.poolRupiah) },
            pct(p.ratePerMonthPercent),
          ],
        })),
      },
    ],
    notes: [
      d.basis === 'revenue'
        ? 'Prinsip bagi hasil (revenue sharing) atas pendapatan yang diterima tunai (fatwa DSN-MUI 14 dan 15/2000).'
        : 'Prinsip bagi laba (profit sharing) atas pendapatan yang diterima tunai (fatwa DSN-MUI 14 dan 15/2000).',
      'Tingkat setara hanya informasi, bukan janji imbal hasil; bagi hasil tiap anggota mengikuti nisbah dalam akadnya.',
    ],
  };
}
