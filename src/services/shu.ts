import { z } from 'zod';
import { memberIdOfUser } from '../db/members.repo.js';
import { findOrganization } from '../db/organizations.repo.js';
import type { JsonValue } from '../db/schema.js';
import * as repo from '../db/shu.repo.js';
import { businessDateWib, isoDateOf } from '../domain/calendar.js';
import { AppError, type FieldError } from '../domain/errors.js';
import { savingsLedgerRole } from '../domain/savings/ledger-role.js';
import type { SavingsAkad } from '../domain/savings/akad.js';
import {
  ALLOCATION_POSTS,
  allocationTotalPpm,
  POST_NAMES_ID,
  PPM_WHOLE,
  percentToPpm,
  ppmToPercent,
  type AllocationPost,
  type AllocationPpm,
  type AllocationRupiah,
} from '../domain/shu/allocation.js';
import { computeShu, type ShuInput } from '../domain/shu/compute.js';
import { DEFAULT_SHU_TAX_RULES, type ShuTaxRule } from '../domain/shu/tax.js';
import type { PostingInput } from '../ledger/post.js';
import type { ReportDocument, ReportRow } from '../reports/table.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { ensureCashAvailable, requireOwnOpenSession } from './cashdesk.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { inOrgOnce, type Idempotency } from './idempotency.js';
import { postEntry } from './ledger.js';

/**
 * SHU from the books (issue 17 items 2 and 3; docs/domain/shu-books.md): the AD/ART's settings as
 * dated versions, runs that gather every member's figures from the ledger and the savings and
 * loan sub-ledgers and share the year's SHU with the pure engine (src/domain/shu/compute.ts),
 * the final run after the RAT (maker-checker), the distribution entry and the payouts.
 */

export const SHU_DISTRIBUTION_SOURCE = 'shu.distribution';
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2099;

/** Business lines whose participation the books give today, with where it comes from. */
export const BUSINESS_LINES = {
  pinjaman: 'jasa (bunga) pinjaman konvensional dan qardh yang dibayar dalam tahun',
  pembiayaan: 'margin murabahah dan ujrah ijarah yang dibayar dalam tahun',
  belanja: 'belanja anggota di toko koperasi dalam tahun (bersih setelah pembatalan dan retur)',
} as const;
export type BusinessLine = keyof typeof BUSINESS_LINES;

// Settings ------------------------------------------------------------------------------------

const percent = z.union([z.string().max(12), z.number()]);
const allocationInput = z
  .object(
    Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, percent])) as Record<
      AllocationPost,
      typeof percent
    >,
  )
  .strict();

export const settingsInput = z
  .object({
    validFromYear: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
    /** percent per post (`"40"`, `"2.5"`), must total 100 */
    allocation: allocationInput,
    /** non-member SHU's own allocation (jasa modal and usaha 0); null: cadangan and the funds */
    nonMemberAllocation: allocationInput.nullable().default(null),
    capitalKinds: z
      .array(z.enum(['pokok', 'wajib', 'sukarela']))
      .min(1)
      .max(3)
      .default(['pokok', 'wajib']),
    jasaModalBasis: z.enum(['year-end', 'average']).default('average'),
    /** business line -> integer weight */
    businessLines: z
      .partialRecord(
        z.enum(['pinjaman', 'pembiayaan', 'belanja']),
        z.number().int().min(0).max(1_000_000),
      )
      .default({ pinjaman: 1 }),
    deductWajibArrears: z.boolean().default(false),
    deductOverdueInstalments: z.boolean().default(false),
    /** dated tax rules; null: the default (10 % final before 2021, none from 2021) */
    taxRules: z
      .array(
        z
          .object({
            from: z.iso.date(),
            ratePercent: percent,
            source: z.string().trim().min(3).max(300),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .nullable()
      .default(null),
    source: z.string().trim().min(3).max(300).nullable().default(null),
  })
  .strict();
export type SettingsInput = z.input<typeof settingsInput>;

/** Percent texts to parts per million, each problem named by its field. */
function allocationPpm(
  field: string,
  a: Record<AllocationPost, string | number>,
  problems: FieldError[],
): AllocationPpm {
  const out = {} as AllocationPpm;
  for (const p of ALLOCATION_POSTS) {
    const ppm = percentToPpm(a[p]);
    if (ppm === null)
      problems.push({
        field: `${field}.${p}`,
        code: 'invalid-percent',
        message: `${POST_NAMES_ID[p]}: persen 0–100 dengan paling banyak empat desimal`,
      });
    out[p] = ppm ?? 0n;
  }
  if (!problems.some((x) => x.field.startsWith(`${field}.`))) {
    const total = allocationTotalPpm(out);
    if (total !== PPM_WHOLE)
      problems.push({
        field,
        code: 'total-not-100',
        message: `jumlah ${ppmToPercent(total)} %, harus 100 % / the posts total ${ppmToPercent(total)} %, they must total 100 %`,
      });
  }
  return out;
}

function settingsRow(input: z.output<typeof settingsInput>, userId: string | null) {
  const problems: FieldError[] = [];
  const a = allocationPpm('allocation', input.allocation, problems);
  let nonMember: JsonValue | null = null;
  if (input.nonMemberAllocation) {
    const nm = allocationPpm('nonMemberAllocation', input.nonMemberAllocation, problems);
    for (const p of ['jasaModal', 'jasaUsaha'] as const)
      if (nm[p] !== 0n)
        problems.push({
          field: `nonMemberAllocation.${p}`,
          code: 'members-post',
          message: 'SHU dari non-anggota tidak dibagikan kepada anggota (jasa modal / usaha 0)',
        });
    nonMember = Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, nm[p].toString()]));
  }
  if (input.deductOverdueInstalments)
    problems.push({
      field: 'deductOverdueInstalments',
      code: 'not-supported',
      message:
        'pemotongan angsuran tertunggak belum dibukukan: tunggakan ditampilkan pada slip, ditagih lewat pinjaman',
    });
  const lines = Object.entries(input.businessLines).filter(
    (e): e is [string, number] => e[1] !== undefined,
  );
  if (lines.length === 0 || !lines.some(([, w]) => w > 0))
    problems.push({
      field: 'businessLines',
      code: 'no-line',
      message: 'paling sedikit satu usaha dengan bobot di atas 0',
    });
  const taxRules = input.taxRules?.map((r, i) => {
    const ppm = percentToPpm(r.ratePercent);
    if (ppm === null)
      problems.push({
        field: `taxRules.${i}.ratePercent`,
        code: 'invalid-percent',
        message: 'persen 0–100',
      });
    return { from: r.from, ratePpm: (ppm ?? 0n).toString(), source: r.source };
  });
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      { field: problems[0]!.field },
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  const row: repo.NewSettings = {
    valid_from_year: input.validFromYear,
    cadangan_ppm: a.cadangan,
    jasa_modal_ppm: a.jasaModal,
    jasa_usaha_ppm: a.jasaUsaha,
    dana_pengurus_ppm: a.danaPengurus,
    dana_karyawan_ppm: a.danaKaryawan,
    dana_pendidikan_ppm: a.danaPendidikan,
    dana_sosial_ppm: a.danaSosial,
    dana_pembangunan_ppm: a.danaPembangunanDaerahKerja,
    non_member_allocation: nonMember,
    capital_kinds: [...new Set(input.capitalKinds)].join(','),
    jasa_modal_basis: input.jasaModalBasis,
    business_lines: Object.fromEntries(lines.map(([l, w]) => [l, String(w)])),
    deduct_wajib_arrears: input.deductWajibArrears,
    deduct_overdue_instalments: false,
    tax_rules: taxRules ?? null,
    source: input.source,
    created_by: userId,
  };
  return row;
}

function allocationOf(s: repo.SettingsRow): AllocationPpm {
  return {
    cadangan: s.cadangan_ppm,
    jasaModal: s.jasa_modal_ppm,
    jasaUsaha: s.jasa_usaha_ppm,
    danaPengurus: s.dana_pengurus_ppm,
    danaKaryawan: s.dana_karyawan_ppm,
    danaPendidikan: s.dana_pendidikan_ppm,
    danaSosial: s.dana_sosial_ppm,
    danaPembangunanDaerahKerja: s.dana_pembangunan_ppm,
  };
}

const ppmRecord = (j: JsonValue | null): AllocationPpm | undefined =>
  j && typeof j === 'object' && !Array.isArray(j)
    ? (Object.fromEntries(
        ALLOCATION_POSTS.map((p) => {
          const v = j[p];
          return [p, typeof v === 'string' || typeof v === 'number' ? BigInt(v) : 0n];
        }),
      ) as AllocationPpm)
    : undefined;

function taxRulesOf(s: repo.SettingsRow): readonly ShuTaxRule[] {
  if (!Array.isArray(s.tax_rules)) return DEFAULT_SHU_TAX_RULES;
  return s.tax_rules.map((r) => {
    const o = r as { from: string; ratePpm: string; source: string };
    return { from: o.from, ratePpm: BigInt(o.ratePpm), source: o.source };
  });
}

function settingsView(s: repo.SettingsRow) {
  const pct = (a: AllocationPpm) =>
    Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, ppmToPercent(a[p])])) as Record<
      AllocationPost,
      string
    >;
  const nm = ppmRecord(s.non_member_allocation);
  return {
    version: s.version,
    validFromYear: s.valid_from_year,
    allocationPercent: pct(allocationOf(s)),
    nonMemberAllocationPercent: nm ? pct(nm) : null,
    capitalKinds: s.capital_kinds.split(',') as repo.CapitalKind[],
    jasaModalBasis: s.jasa_modal_basis,
    businessLines: Object.fromEntries(
      Object.entries(s.business_lines as Record<string, string>).map(([l, w]) => [l, Number(w)]),
    ),
    deductWajibArrears: s.deduct_wajib_arrears,
    deductOverdueInstalments: s.deduct_overdue_instalments,
    taxRules: taxRulesOf(s).map((r) => ({
      from: r.from,
      ratePercent: ppmToPercent(r.ratePpm),
      source: r.source,
    })),
    taxRulesAreDefault: s.tax_rules === null,
    source: s.source,
    createdBy: s.created_by,
    createdAt: s.created_at.toISOString(),
  };
}
export type SettingsView = ReturnType<typeof settingsView>;

export async function saveSettings(deps: Deps, ctx: OrgContext, input: SettingsInput) {
  const row = settingsRow(settingsInput.parse(input), ctx.actor.userId);
  return inOrg(deps, ctx, async (o) => {
    const version = await repo.insertSettings(o.tx, ctx.organizationId, row);
    await o.audit({
      action: 'shu.settings.saved',
      entityType: 'shu-settings',
      entityId: String(version),
      after: { validFromYear: row.valid_from_year, capitalKinds: row.capital_kinds },
    });
    return settingsView((await repo.settingsVersion(o.tx, ctx.organizationId, version))!);
  });
}

export async function listSettings(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) =>
    (await repo.settingsVersions(tx, ctx.organizationId)).map(settingsView),
  );
}

export async function getSettings(deps: Deps, ctx: OrgContext, version: number) {
  const s = await inOrg(deps, ctx, ({ tx }) =>
    repo.settingsVersion(tx, ctx.organizationId, version),
  );
  if (!s) throw new AppError('NOT_FOUND');
  return settingsView(s);
}

// Runs ----------------------------------------------------------------------------------------

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX)
    throw new AppError('VALIDATION_FAILED', { field: 'year' }, `year ${year} out of range`);
}

/**
 * The year's SHU and its split. After the year-end close: what the close credited to SHU belum
 * dibagi; before it (simulations only): the year's income less expense. SHU from non-members is
 * the SHU's share of income earned from non-members (income group 42), the costs borne in
 * proportion to income (floored; the rest is SHU from members).
 */
async function yearShu(o: OrgTx, year: number, final: boolean) {
  const coop = o.ctx.organizationId;
  const closed = await repo.yearClosed(o.tx, coop, year);
  if (final && !closed) throw new AppError('SHU_YEAR_NOT_CLOSED', { year });
  const income = await repo.incomeOfYear(o.tx, coop, year);
  const shu = closed
    ? await repo.shuOfClose(o.tx, coop, year)
    : income.income_member + income.income_non_member - income.expense;
  if (shu <= 0n) throw new AppError('SHU_NOTHING_TO_SHARE', { year, shu });
  const incomeTotal = income.income_member + income.income_non_member;
  let nonMember =
    incomeTotal > 0n && income.income_non_member > 0n
      ? (shu * income.income_non_member) / incomeTotal
      : 0n;
  if (nonMember > shu) nonMember = shu;
  return {
    source: closed ? ('year-end-close' as const) : ('income-expense' as const),
    shu,
    anggota: shu - nonMember,
    nonAnggota: nonMember,
    income,
  };
}

const rupiahRecord = (a: AllocationRupiah) =>
  Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, a[p].toString()]));

export interface RunOptions {
  year: number;
  payoutDate: string;
  final?: { ratReference: string; ratDate: string; approvalId: bigint };
}

/** Gathers, computes and stores a run inside the caller's transaction; returns its id. */
export async function runIn(o: OrgTx, opts: RunOptions): Promise<bigint> {
  checkYear(opts.year);
  const coop = o.ctx.organizationId;
  const settings = await repo.settingsForYear(o.tx, coop, opts.year);
  if (!settings) throw new AppError('SHU_SETTINGS_MISSING', { year: opts.year });
  const y = await yearShu(o, opts.year, opts.final !== undefined);
  const kinds = settings.capital_kinds.split(',') as repo.CapitalKind[];
  const gathered = await repo.gatherMembers(o.tx, coop, opts.year, kinds);
  const weights = Object.fromEntries(
    Object.entries(settings.business_lines as Record<string, string>).map(([l, w]) => [
      l,
      BigInt(w),
    ]),
  );
  const input: ShuInput = {
    shuAnggota: y.anggota,
    shuNonAnggota: y.nonAnggota,
    payoutDate: opts.payoutDate,
    allocation: allocationOf(settings),
    allocationNonAnggota: ppmRecord(settings.non_member_allocation),
    jasaModalBasis: settings.jasa_modal_basis,
    jasaUsahaWeights: weights,
    taxRules: taxRulesOf(settings),
    deductionPolicy: {
      wajibArrears: settings.deduct_wajib_arrears,
      overdueInstalments: settings.deduct_overdue_instalments,
    },
    members: gathered.map((g) => ({
      id: g.member_id.toString(),
      monthEndModal: g.m,
      jasaUsaha: Object.fromEntries(
        Object.keys(weights).map((l) => [
          l,
          l === 'pembiayaan'
            ? g.pembiayaan
            : l === 'pinjaman'
              ? g.pinjaman
              : l === 'belanja'
                ? g.belanja
                : 0n,
        ]),
      ),
      arrears: { wajibRupiah: g.arrears_wajib, instalmentsRupiah: g.arrears_instalments },
    })),
  };
  const result = computeShu(input);
  const runId = await repo.insertRun(o.tx, coop, {
    year: opts.year,
    kind: opts.final ? 'final' : 'simulation',
    settings_version: settings.version,
    shu_source: y.source,
    shu_rupiah: y.shu,
    shu_anggota_rupiah: y.anggota,
    shu_non_anggota_rupiah: y.nonAnggota,
    income_member_rupiah: y.income.income_member,
    income_non_member_rupiah: y.income.income_non_member,
    payout_date: opts.payoutDate,
    jasa_modal_basis: settings.jasa_modal_basis,
    pools: {
      allocation: rupiahRecord(result.allocation),
      allocationAnggota: rupiahRecord(result.allocationAnggota),
      allocationNonAnggota: rupiahRecord(result.allocationNonAnggota),
      jasaModal: {
        poolRupiah: result.jasaModal.poolRupiah.toString(),
        capitalTotal: result.jasaModal.capitalTotal.toString(),
        leftoverRupiah: result.jasaModal.leftoverRupiah.toString(),
      },
    },
    lines: result.jasaUsahaLines.map((l) => ({
      line: l.line,
      weight: l.weight.toString(),
      poolRupiah: l.poolRupiah.toString(),
      participationTotal: l.participationTotal.toString(),
      leftoverRupiah: l.leftoverRupiah.toString(),
    })),
    unshared_to_cadangan_rupiah: result.unsharedToCadangan,
    capital_total: result.jasaModal.capitalTotal,
    tax_rate_ppm: result.taxRule?.ratePpm ?? null,
    tax_rule_from: result.taxRule?.from ?? null,
    tax_rule_source: result.taxRule?.source ?? null,
    members: result.members.length,
    total_jasa_modal_rupiah: result.totals.jasaModal,
    total_jasa_usaha_rupiah: result.totals.jasaUsaha,
    total_rupiah: result.totals.total,
    total_tax_rupiah: result.totals.tax,
    total_deductions_rupiah: result.totals.deductions,
    total_net_rupiah: result.totals.net,
    rat_reference: opts.final?.ratReference ?? null,
    rat_date: opts.final?.ratDate ?? null,
    approval_id: opts.final?.approvalId ?? null,
    created_by: o.ctx.actor.userId,
  });
  await repo.insertShares(
    o.tx,
    coop,
    runId,
    result.members.map((m, i) => ({
      member_id: gathered[i]!.member_id,
      month_end_modal: gathered[i]!.m,
      capital_weight: m.capitalWeight,
      jasa_modal_rupiah: m.jasaModal,
      jasa_usaha_lines: Object.fromEntries(
        Object.entries(m.jasaUsahaByLine).map(([l, s]) => [
          l,
          { participation: s.participationRupiah.toString(), amount: s.amountRupiah.toString() },
        ]),
      ),
      jasa_usaha_rupiah: m.jasaUsaha,
      total_rupiah: m.total,
      tax_rupiah: m.tax,
      arrears_wajib_rupiah: gathered[i]!.arrears_wajib,
      arrears_instalments_rupiah: gathered[i]!.arrears_instalments,
      deduction_wajib_rupiah: m.deductions.wajib,
      deduction_instalments_rupiah: m.deductions.instalments,
      net_rupiah: m.net,
    })),
  );
  await o.audit({
    action: opts.final ? 'shu.finalized' : 'shu.simulated',
    entityType: 'shu-run',
    entityId: runId,
    after: {
      year: opts.year,
      shu: y.shu.toString(),
      members: result.members.length,
      total: result.totals.total.toString(),
    },
  });
  return runId;
}

export const simulateInput = z
  .object({
    year: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
    payoutDate: z.iso.date().optional(),
  })
  .strict();

export async function simulate(deps: Deps, ctx: OrgContext, input: z.input<typeof simulateInput>) {
  const p = simulateInput.parse(input);
  const payoutDate = p.payoutDate ?? businessDateWib(deps.clock());
  const id = await inOrg(deps, ctx, (o) => runIn(o, { year: p.year, payoutDate }));
  return getRun(deps, ctx, id);
}

function runView(r: repo.RunRow) {
  return {
    id: r.id.toString(),
    year: r.year,
    kind: r.kind,
    settingsVersion: r.settings_version,
    shuSource: r.shu_source,
    shuRupiah: r.shu_rupiah.toString(),
    shuAnggotaRupiah: r.shu_anggota_rupiah.toString(),
    shuNonAnggotaRupiah: r.shu_non_anggota_rupiah.toString(),
    incomeMemberRupiah: r.income_member_rupiah.toString(),
    incomeNonMemberRupiah: r.income_non_member_rupiah.toString(),
    payoutDate: r.payout_date,
    jasaModalBasis: r.jasa_modal_basis,
    pools: r.pools as {
      allocation: Record<AllocationPost, string>;
      allocationAnggota: Record<AllocationPost, string>;
      allocationNonAnggota: Record<AllocationPost, string>;
      jasaModal: { poolRupiah: string; capitalTotal: string; leftoverRupiah: string };
    },
    lines: r.lines as {
      line: string;
      weight: string;
      poolRupiah: string;
      participationTotal: string;
      leftoverRupiah: string;
    }[],
    unsharedToCadanganRupiah: r.unshared_to_cadangan_rupiah.toString(),
    capitalTotal: r.capital_total.toString(),
    taxRule:
      r.tax_rate_ppm === null
        ? null
        : {
            from: r.tax_rule_from!,
            ratePercent: ppmToPercent(r.tax_rate_ppm),
            source: r.tax_rule_source ?? '',
          },
    members: r.members,
    totals: {
      jasaModalRupiah: r.total_jasa_modal_rupiah.toString(),
      jasaUsahaRupiah: r.total_jasa_usaha_rupiah.toString(),
      totalRupiah: r.total_rupiah.toString(),
      taxRupiah: r.total_tax_rupiah.toString(),
      deductionsRupiah: r.total_deductions_rupiah.toString(),
      netRupiah: r.total_net_rupiah.toString(),
    },
    ratReference: r.rat_reference,
    ratDate: r.rat_date,
    approvalId: r.approval_id?.toString() ?? null,
    distributionEntryId: r.distribution_entry_id?.toString() ?? null,
    distributedOn: r.distributed_on,
    createdAt: r.created_at.toISOString(),
  };
}
export type RunView = ReturnType<typeof runView>;

async function runOrFail(o: OrgTx, id: bigint, forUpdate = false) {
  const r = await repo.run(o.tx, o.ctx.organizationId, id, forUpdate);
  if (!r) throw new AppError('SHU_RUN_NOT_FOUND');
  return r;
}

export async function getRun(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => runView(await runOrFail(o, id)));
}

export async function listRuns(deps: Deps, ctx: OrgContext, year: number | null, limit = 50) {
  return inOrg(deps, ctx, async ({ tx }) =>
    (await repo.runs(tx, ctx.organizationId, year, limit)).map(runView),
  );
}

function shareView(s: repo.ShareRow) {
  return {
    memberId: s.member_id.toString(),
    memberNumber: s.member_number,
    fullName: s.full_name,
    monthEndModalRupiah: s.month_end_modal.map(String),
    capitalWeight: s.capital_weight.toString(),
    jasaModalRupiah: s.jasa_modal_rupiah.toString(),
    jasaUsahaLines: s.jasa_usaha_lines,
    jasaUsahaRupiah: s.jasa_usaha_rupiah.toString(),
    totalRupiah: s.total_rupiah.toString(),
    taxRupiah: s.tax_rupiah.toString(),
    arrearsWajibRupiah: s.arrears_wajib_rupiah.toString(),
    arrearsInstalmentsRupiah: s.arrears_instalments_rupiah.toString(),
    deductionWajibRupiah: s.deduction_wajib_rupiah.toString(),
    deductionInstalmentsRupiah: s.deduction_instalments_rupiah.toString(),
    netRupiah: s.net_rupiah.toString(),
    paidOn: s.paid_on,
    paidChannel: s.paid_channel,
    paidEntryId: s.paid_entry_id?.toString() ?? null,
  };
}
export type ShareView = ReturnType<typeof shareView>;

export async function runShares(
  deps: Deps,
  ctx: OrgContext,
  runId: bigint,
  filter: { q?: string; uncollected?: boolean; offset?: number; limit?: number },
) {
  return inOrg(deps, ctx, async (o) => {
    await runOrFail(o, runId);
    const { rows, total } = await repo.shares(o.tx, ctx.organizationId, runId, {
      q: filter.q?.trim() || null,
      uncollected: filter.uncollected ?? false,
      offset: filter.offset ?? 0,
      limit: Math.min(filter.limit ?? 50, 500),
    });
    return { items: rows.map(shareView), total };
  });
}

// Final run: maker-checker after the RAT --------------------------------------------------------

export const finalizeSchema = z
  .object({
    year: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
    payoutDate: z.iso.date(),
    ratReference: z.string().trim().min(3).max(200),
    ratDate: z.iso.date(),
  })
  .strict();
export type FinalizePayload = z.infer<typeof finalizeSchema>;

registerApprovableAction<FinalizePayload>({
  name: 'shu.finalize',
  permission: 'shu.manage',
  payload: finalizeSchema,
  summarize: (p) =>
    `SHU final tahun ${p.year} sesuai keputusan RAT ${p.ratReference} (${p.ratDate}), dibayar mulai ${p.payoutDate}`,
  async execute(o, p, _deps, approval) {
    if (await repo.finalRunOf(o.tx, o.ctx.organizationId, p.year))
      throw new AppError('SHU_FINAL_EXISTS', { year: p.year });
    const id = await runIn(o, {
      year: p.year,
      payoutDate: p.payoutDate,
      final: { ratReference: p.ratReference, ratDate: p.ratDate, approvalId: approval.id },
    });
    return { runId: id.toString(), year: p.year };
  },
});

/** Asks for the final run of a year after the RAT; another user approves it (approvals.decide). */
export async function requestFinalize(deps: Deps, ctx: OrgContext, input: FinalizePayload) {
  const p = finalizeSchema.parse(input);
  if (p.ratDate <= `${p.year}-12-31`)
    throw new AppError('VALIDATION_FAILED', { field: 'ratDate' }, 'the RAT is held after the year');
  if (p.payoutDate < p.ratDate)
    throw new AppError('VALIDATION_FAILED', { field: 'payoutDate' }, 'payout before the RAT');
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    if (await repo.finalRunOf(o.tx, coop, p.year))
      throw new AppError('SHU_FINAL_EXISTS', { year: p.year });
    if (!(await repo.settingsForYear(o.tx, coop, p.year)))
      throw new AppError('SHU_SETTINGS_MISSING', { year: p.year });
    if (!(await repo.yearClosed(o.tx, coop, p.year)))
      throw new AppError('SHU_YEAR_NOT_CLOSED', { year: p.year });
    const approvalId = await requestApproval(o, 'shu.finalize', p);
    return { approvalId: approvalId.toString(), year: p.year };
  });
}

// Distribution ----------------------------------------------------------------------------------

const FUNDS: readonly AllocationPost[] = [
  'danaPengurus',
  'danaKaryawan',
  'danaPendidikan',
  'danaSosial',
  'danaPembangunanDaerahKerja',
];

/**
 * The distribution after the RAT: one balanced entry — SHU belum dibagi (3108) debited the year's
 * SHU; cadangan (3105) credited its post with what nobody could claim; the funds (2105) each
 * fund; SHU bagian anggota (2106) the members' shares. Source 'shu.distribution' / the year.
 */
export async function distribute(
  deps: Deps,
  ctx: OrgContext,
  runId: bigint,
  input: { date?: string },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const r = await runOrFail(o, runId, true);
    if (r.kind !== 'final') throw new AppError('SHU_RUN_NOT_FINAL');
    if (r.distribution_entry_id !== null)
      throw new AppError('SHU_ALREADY_DISTRIBUTED', { year: r.year });
    const books = await repo.shuOfClose(o.tx, coop, r.year);
    if (books !== r.shu_rupiah)
      throw new AppError('SHU_STALE', { year: r.year, books, run: r.shu_rupiah });
    const date = input.date ?? businessDateWib(deps.clock());
    if (date <= `${r.year}-12-31` || (r.rat_date !== null && date < r.rat_date))
      throw new AppError('VALIDATION_FAILED', { field: 'date' }, 'distribution before the RAT');
    const alloc = runView(r).pools.allocation;
    const amount = (p: AllocationPost) => BigInt(alloc[p]);
    const members = amount('jasaModal') + amount('jasaUsaha');
    const lines: PostingInput['lines'] = [
      { account: { role: 'shuUndistributed' }, debitRupiah: r.shu_rupiah },
    ];
    if (amount('cadangan') > 0n)
      lines.push({
        account: { role: 'reserveGeneral' },
        creditRupiah: amount('cadangan'),
        memo: `Cadangan (termasuk Rp ${r.unshared_to_cadangan_rupiah} yang tidak terbagi)`,
      });
    for (const f of FUNDS)
      if (amount(f) > 0n)
        lines.push({
          account: { role: 'shuFunds' },
          creditRupiah: amount(f),
          memo: POST_NAMES_ID[f],
        });
    if (members > 0n)
      lines.push({
        account: { role: 'shuMembersPayable' },
        creditRupiah: members,
        memo: 'SHU bagian anggota (jasa modal dan jasa usaha)',
      });
    if (members !== r.total_rupiah)
      throw new Error(`members' pools ${members} differ from their shares ${r.total_rupiah}`);
    const posted = await postEntry(o, {
      entryDate: date,
      description: `Pembagian SHU tahun ${r.year} sesuai RAT ${r.rat_reference ?? ''}`.trim(),
      source: { type: SHU_DISTRIBUTION_SOURCE, id: String(r.year) },
      lines,
    });
    await repo.markDistributed(o.tx, coop, runId, posted.entryId, date);
    await o.audit({
      action: 'shu.distributed',
      entityType: 'shu-run',
      entityId: runId,
      after: { year: r.year, entryId: posted.entryId.toString() },
    });
    return {
      status: 201,
      body: {
        runId: runId.toString(),
        year: r.year,
        entryId: posted.entryId.toString(),
        number: `${posted.series}/${posted.fiscalYear}/${posted.number}`,
        shuRupiah: r.shu_rupiah.toString(),
        membersPayableRupiah: members.toString(),
      },
    };
  });
}

// Payouts ---------------------------------------------------------------------------------------

async function distributedFinal(o: OrgTx, runId: bigint) {
  const r = await runOrFail(o, runId, true);
  if (r.kind !== 'final') throw new AppError('SHU_RUN_NOT_FINAL');
  if (r.distribution_entry_id === null) throw new AppError('SHU_NOT_DISTRIBUTED');
  return r;
}

/** Why one member's share cannot be paid into savings (not in the run, paid, no account). */
async function refuseMember(o: OrgTx, runId: bigint, memberId: bigint): Promise<never> {
  const s = await repo.share(o.tx, o.ctx.organizationId, runId, memberId);
  if (!s) throw new AppError('SHU_MEMBER_NOT_IN_RUN');
  if (s.paid_on !== null)
    throw new AppError('SHU_ALREADY_PAID', { member: s.member_number ?? s.member_id });
  if (s.total_rupiah === 0n)
    throw new AppError('SHU_NOTHING_TO_SHARE', { year: 0, shu: 0n }, 'the member has no share');
  throw new AppError('SHU_NO_SUKARELA_ACCOUNT', { member: s.member_number ?? s.member_id });
}

type PayBody = { runId: string; paid: number; entryId: string | null; paidRupiah: string };

/**
 * Pays shares into the members' sukarela accounts: every unpaid share of the run, or the members
 * named. One entry for the batch: SHU bagian anggota (2106) debited the shares; savings (by the
 * accounts' akad) credited the nets, tax payable the tax withheld, simpanan wajib the wajib
 * arrears offset. Members without a sukarela account are left for the counter.
 */
export async function payToSavings(
  deps: Deps,
  ctx: OrgContext,
  runId: bigint,
  input: { date?: string; memberIds?: bigint[] },
  idem?: Idempotency,
) {
  return inOrgOnce<PayBody>(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const r = await distributedFinal(o, runId);
    const date = input.date ?? businessDateWib(deps.clock());
    if (date < r.distributed_on!)
      throw new AppError('VALIDATION_FAILED', { field: 'date' }, 'payment before distribution');
    const ids = input.memberIds ?? null;
    const totals = await repo.payableTotals(o.tx, coop, runId, ids);
    const count = totals.reduce((s, t) => s + t.members, 0);
    if (count === 0) {
      if (ids && ids.length === 1) await refuseMember(o, runId, ids[0]!);
      return {
        status: 200,
        body: { runId: runId.toString(), paid: 0, entryId: null, paidRupiah: '0' },
      };
    }
    if (ids && count !== ids.length) {
      for (const id of ids) {
        const t = await repo.payableTotals(o.tx, coop, runId, [id]);
        if (t.length === 0) await refuseMember(o, runId, id);
      }
    }
    const sum = (k: 'net' | 'tax' | 'wajib' | 'total') => totals.reduce((s, t) => s + t[k], 0n);
    const lines: PostingInput['lines'] = [
      { account: { role: 'shuMembersPayable' }, debitRupiah: sum('total') },
    ];
    for (const t of totals)
      if (t.net > 0n)
        lines.push({
          account: { role: savingsLedgerRole('sukarela', t.akad as SavingsAkad | null) },
          creditRupiah: t.net,
        });
    if (sum('tax') > 0n)
      lines.push({
        account: { role: 'taxPayable' },
        creditRupiah: sum('tax'),
        memo: 'PPh atas SHU',
      });
    if (sum('wajib') > 0n)
      lines.push({
        account: { role: 'simpananWajib' },
        creditRupiah: sum('wajib'),
        memo: 'Tunggakan simpanan wajib dipotong dari SHU',
      });
    const single = ids?.length === 1 ? ids[0]! : null;
    if (single !== null) for (const l of lines) l.memberId = single;
    const posted = await postEntry(o, {
      entryDate: date,
      description: `Pembayaran SHU tahun ${r.year} ke simpanan sukarela (${count} anggota)`,
      source: { type: 'shu.payment', id: `${r.year}:${runId}` },
      lines,
    });
    const paid = await repo.payIntoSavings(o.tx, coop, runId, ids, date, posted.entryId);
    if (paid !== count) throw new Error(`paid ${paid} shares, expected ${count}`);
    await o.audit({
      action: 'shu.paid',
      entityType: 'shu-run',
      entityId: runId,
      after: { channel: 'sukarela', members: count, entryId: posted.entryId.toString() },
    });
    return {
      status: 201,
      body: {
        runId: runId.toString(),
        paid: count,
        entryId: posted.entryId.toString(),
        paidRupiah: sum('net').toString(),
      },
    };
  });
}

/**
 * Pays one member's share in cash at the counter through the teller's open session: SHU bagian
 * anggota debited the share; cash credited the net, tax payable the tax, the wajib account the
 * arrears offset. The slip (with the entry's number) is the receipt.
 */
export async function payCash(
  deps: Deps,
  ctx: OrgContext,
  runId: bigint,
  memberId: bigint,
  input: { sessionId: bigint },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const r = await distributedFinal(o, runId);
    const session = await requireOwnOpenSession(o, input.sessionId);
    const date = isoDateOf(session.business_date)!;
    const s = await repo.share(o.tx, coop, runId, memberId, true);
    if (!s) throw new AppError('SHU_MEMBER_NOT_IN_RUN');
    if (s.paid_on !== null)
      throw new AppError('SHU_ALREADY_PAID', { member: s.member_number ?? s.member_id });
    if (s.total_rupiah === 0n)
      throw new AppError('SHU_NOTHING_TO_SHARE', { year: r.year, shu: 0n }, 'no share');
    if (s.net_rupiah > 0n) await ensureCashAvailable(o, session, s.net_rupiah);
    const branch = session.branch_id;
    const lines: PostingInput['lines'] = [
      {
        account: { role: 'shuMembersPayable' },
        debitRupiah: s.total_rupiah,
        memberId,
        branchId: branch,
      },
    ];
    if (s.net_rupiah > 0n)
      lines.push({ account: { role: 'cash' }, creditRupiah: s.net_rupiah, branchId: branch });
    if (s.tax_rupiah > 0n)
      lines.push({ account: { role: 'taxPayable' }, creditRupiah: s.tax_rupiah, memberId });
    let wajibAccount: bigint | undefined;
    if (s.deduction_wajib_rupiah > 0n) {
      wajibAccount = await repo.wajibAccountOf(o.tx, coop, memberId);
      if (wajibAccount === undefined) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
      lines.push({
        account: { role: 'simpananWajib' },
        creditRupiah: s.deduction_wajib_rupiah,
        memberId,
      });
    }
    const posted = await postEntry(o, {
      entryDate: date,
      description:
        `Pembayaran SHU tahun ${r.year} tunai: ${s.member_number ?? ''} ${s.full_name}`.slice(
          0,
          500,
        ),
      source: { type: 'shu.payment', id: `${r.year}:${runId}:${memberId}` },
      series: session.series,
      branchId: branch,
      cashSessionId: session.id,
      lines,
    });
    if (wajibAccount !== undefined)
      await repo.creditWajib(
        o.tx,
        coop,
        wajibAccount,
        s.deduction_wajib_rupiah,
        date,
        posted.entryId,
      );
    await repo.markPaidCash(o.tx, coop, runId, memberId, date, posted.entryId);
    await o.audit({
      action: 'shu.paid',
      entityType: 'shu-run',
      entityId: runId,
      after: { channel: 'cash', member: memberId.toString(), entryId: posted.entryId.toString() },
    });
    return {
      status: 201,
      body: {
        runId: runId.toString(),
        memberId: memberId.toString(),
        entryId: posted.entryId.toString(),
        number: `${posted.series}/${posted.fiscalYear}/${posted.number}`,
        paidRupiah: s.net_rupiah.toString(),
        taxRupiah: s.tax_rupiah.toString(),
      },
    };
  });
}

// Slips -----------------------------------------------------------------------------------------

const LINE_NAMES: Record<string, string> = {
  pinjaman: 'Pinjaman (jasa pinjaman dibayar)',
  pembiayaan: 'Pembiayaan (margin / ujrah dibayar)',
  belanja: 'Belanja di toko koperasi',
};
const MONTHS_ID = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Mei',
  'Jun',
  'Jul',
  'Agu',
  'Sep',
  'Okt',
  'Nov',
  'Des',
];

export interface Slip {
  organization: string;
  run: RunView;
  share: ShareView;
}

async function slipIn(o: OrgTx, runId: bigint, memberId: bigint): Promise<Slip> {
  const r = await runOrFail(o, runId);
  const s = await repo.share(o.tx, o.ctx.organizationId, runId, memberId);
  if (!s) throw new AppError('SHU_MEMBER_NOT_IN_RUN');
  const org = await findOrganization(o.tx, o.ctx.organizationId);
  return { organization: org?.name ?? '', run: runView(r), share: shareView(s) };
}

export async function slip(deps: Deps, ctx: OrgContext, runId: bigint, memberId: bigint) {
  return inOrg(deps, ctx, (o) => slipIn(o, runId, memberId));
}

async function ownMemberId(o: OrgTx): Promise<bigint> {
  const userId = o.ctx.actor.userId;
  const id = userId === null ? undefined : await memberIdOfUser(o.tx, o.ctx.organizationId, userId);
  if (id === undefined) throw new AppError('MEMBER_NOT_FOUND');
  return id;
}

/** The member's own slips (final runs only: simulations are the pengurus' drafts). */
export async function mySlips(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const memberId = await ownMemberId(o);
    const runs = await repo.finalSharesOfMember(o.tx, ctx.organizationId, memberId);
    const out: Slip[] = [];
    for (const r of runs) out.push(await slipIn(o, r.run_id, memberId));
    return out;
  });
}

export async function mySlip(deps: Deps, ctx: OrgContext, year: number) {
  return inOrg(deps, ctx, async (o) => {
    const memberId = await ownMemberId(o);
    const r = await repo.finalRunOf(o.tx, ctx.organizationId, year);
    if (!r) throw new AppError('SHU_RUN_NOT_FOUND');
    return slipIn(o, r.id, memberId);
  });
}

/**
 * The slip as a report document: the member's own figures (month-end balances, capital weight,
 * participation per line), the totals they are set against and the pools, the share each gives,
 * then tax, deductions and the net, and the payout if made.
 */
export function slipDocument(sl: Slip, generatedAt: Date): ReportDocument {
  const { run, share } = sl;
  const rp = (v: string) => ({ rupiah: BigInt(v) });
  const row = (
    label: string,
    value: ReportRow['cells'][number],
    style?: ReportRow['style'],
  ): ReportRow => ({
    cells: [label, value],
    ...(style ? { style } : {}),
  });
  const capital: ReportRow[] = share.monthEndModalRupiah.map((v, i) =>
    row(`Saldo akhir ${MONTHS_ID[i]} ${run.year}`, rp(v)),
  );
  const basis =
    run.jasaModalBasis === 'year-end'
      ? 'saldo akhir Desember'
      : 'jumlah 12 saldo akhir bulan (rata-rata × 12)';
  const usaha: ReportRow[] = [];
  for (const l of run.lines) {
    const mine = share.jasaUsahaLines[l.line];
    usaha.push(row(LINE_NAMES[l.line] ?? l.line, null, 'header'));
    usaha.push(row('  Partisipasi Anda', rp(mine?.participation ?? '0')));
    usaha.push(row('  Partisipasi seluruh anggota', rp(l.participationTotal)));
    usaha.push(row('  Dana jasa usaha bidang ini', rp(l.poolRupiah)));
    usaha.push(row('  Jasa usaha Anda', rp(mine?.amount ?? '0'), 'total'));
  }
  const paid =
    share.paidOn === null
      ? [row('Status', 'Belum diambil')]
      : [
          row('Dibayar tanggal', { date: share.paidOn }),
          row('Melalui', share.paidChannel === 'cash' ? 'Tunai di kasir' : 'Simpanan sukarela'),
          row('Nomor jurnal', share.paidEntryId ?? '-'),
        ];
  const cols = [
    { header: 'Uraian', kind: 'text' as const, width: 3 },
    { header: 'Jumlah', kind: 'rupiah' as const, width: 2 },
  ];
  return {
    title: `Slip SHU tahun ${run.year}${run.kind === 'simulation' ? ' (SIMULASI)' : ''}`,
    subtitle: `${share.memberNumber ?? ''} ${share.fullName}`.trim(),
    organization: sl.organization,
    period: `Tahun buku ${run.year}`,
    generatedAt: generatedAt.toISOString(),
    sections: [
      {
        title: 'SHU koperasi',
        columns: cols,
        rows: [
          row('SHU tahun berjalan', rp(run.shuRupiah)),
          row('  dari anggota', rp(run.shuAnggotaRupiah)),
          row('  dari non-anggota (tidak dibagi ke anggota)', rp(run.shuNonAnggotaRupiah)),
          row('Dana jasa modal', rp(run.pools.jasaModal.poolRupiah)),
          row('Dana jasa usaha', rp(run.pools.allocation.jasaUsaha)),
        ],
      },
      {
        title: `Jasa modal: modal Anda (${basis})`,
        columns: cols,
        rows: [
          ...capital,
          row('Bobot modal Anda', rp(share.capitalWeight), 'total'),
          row('Bobot modal seluruh anggota', rp(run.capitalTotal)),
          row(
            'Jasa modal Anda = dana × bobot Anda ÷ bobot seluruh anggota',
            rp(share.jasaModalRupiah),
            'total',
          ),
        ],
      },
      { title: 'Jasa usaha: partisipasi Anda', columns: cols, rows: usaha },
      {
        title: 'Yang Anda terima',
        columns: cols,
        rows: [
          row('SHU Anda (jasa modal + jasa usaha)', rp(share.totalRupiah), 'total'),
          row(
            `Pajak${run.taxRule ? ` ${run.taxRule.ratePercent.replace('.', ',')} %` : ''}`,
            rp(share.taxRupiah),
          ),
          row('Potongan tunggakan simpanan wajib', rp(share.deductionWajibRupiah)),
          row('Potongan angsuran tertunggak', rp(share.deductionInstalmentsRupiah)),
          row('Diterima bersih', rp(share.netRupiah), 'grand-total'),
          ...paid,
        ],
      },
    ],
    notes: [
      'Setiap bagian dibulatkan ke bawah ke rupiah penuh; sisa rupiah dibagikan satu per satu kepada anggota dengan sisa pecahan terbesar, sehingga seluruh dana terbagi habis.',
      run.taxRule
        ? `Pajak menurut aturan yang berlaku pada tanggal pembayaran ${run.payoutDate}: ${run.taxRule.source}.`
        : 'Tidak ada aturan pajak untuk tanggal pembayaran ini.',
      ...(share.arrearsInstalmentsRupiah !== '0'
        ? [
            `Angsuran pinjaman tertunggak per 31 Desember: Rp ${share.arrearsInstalmentsRupiah} (ditagih lewat pinjaman).`,
          ]
        : []),
      ...(run.ratReference ? [`Keputusan RAT ${run.ratReference} tanggal ${run.ratDate}.`] : []),
    ],
  };
}
