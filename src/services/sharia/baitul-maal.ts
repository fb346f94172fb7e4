import * as accountsRepo from '../../db/accounts.repo.js';
import * as repo from '../../db/baitul-maal.repo.js';
import type { DistributionRow, ReceiptRow, SettingsRow } from '../../db/baitul-maal.repo.js';
import { findOrganization } from '../../db/organizations.repo.js';
import { AppError } from '../../domain/errors.js';
import {
  checkCounterAccount,
  checkDistribution,
  checkReceipt,
  FUND_ACCOUNTS,
  FUNDS,
  fundReport,
  type AmilStatus,
  type Asnaf,
  type Fund,
  type Purpose,
  type ReceiptSource,
  type RuleResult,
} from '../../domain/sharia/baitul-maal.js';
import { forgetAccounts } from '../../ledger/post.js';
import { formatDateId, type ReportDocument, type ReportRow } from '../../reports/table.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry, postedView } from '../ledger.js';
import { ensureRoleAccount } from '../role-accounts.js';

/**
 * Baitul maal of a KSPPS (docs/domain/baitul-maal.md): the zakat, infaq/sedekah, wakaf and
 * kebajikan funds, each with its own accounts; receipts and distributions posted as balanced
 * journals in the same transaction; the amil status. The rules are in domain/sharia/baitul-maal.ts,
 * and the database repeats the one that matters most (migration 0022's trigger).
 */

const SERIES = 'BM';

function fail(r: RuleResult, params: Record<string, string>): void {
  if (!r.ok) throw new AppError(r.code, params);
}

/**
 * Gives each fund its accounts on first use: the fund (kewajiban, group 21) and its own cash/bank
 * (aset, group 11). An account already holding the role (2120 dana kebajikan of the KSPPS chart)
 * is taken as it is; a code taken by another account is refused rather than guessed.
 */
async function ensureFunds(o: OrgTx): Promise<Map<Fund, repo.FundRow>> {
  const coop = o.ctx.organizationId;
  let rows = await repo.funds(o.tx, coop);
  if (rows.length === FUNDS.length) return new Map(rows.map((r) => [r.fund, r]));
  const have = new Set(rows.map((r) => r.fund));
  for (const fund of FUNDS) {
    if (have.has(fund)) continue;
    const spec = FUND_ACCOUNTS[fund];
    const fundAccount = await ensureRoleAccount(o, spec.fund, {
      groupCode: '21',
      type: 'kewajiban',
      cashFlowClass: 'operating',
    });
    const cashAccount = await ensureRoleAccount(o, spec.cash, {
      groupCode: '11',
      type: 'aset',
      cashFlowClass: 'cash',
    });
    await repo.insertFund(o.tx, {
      cooperative_id: coop,
      fund,
      fund_account_id: fundAccount.id,
      cash_account_id: cashAccount.id,
    });
  }
  forgetAccounts(coop);
  await o.audit({ action: 'baitul-maal.funds-opened', entityType: 'baitul-maal' });
  rows = await repo.funds(o.tx, coop);
  return new Map(rows.map((r) => [r.fund, r]));
}

function settingsView(s: SettingsRow | undefined) {
  if (!s) return null;
  return {
    amilStatus: s.amil_status,
    referenceNumber: s.reference_number,
    referenceDate: s.reference_date,
    forwardedTo: s.forwarded_to,
    updatedAt: s.updated_at.toISOString(),
  };
}

const fundView = (f: repo.FundRow) => ({
  fund: f.fund,
  fundAccountCode: f.fund_account_code,
  cashAccountCode: f.cash_account_code,
  balanceRupiah: f.balance_rupiah.toString(),
  cashRupiah: f.cash_rupiah.toString(),
});

/**
 * The funds with their balances and the amil status. Reading changes nothing: a fund not opened
 * yet (no receipt so far) is shown with the codes it will get and nothing in it.
 */
export async function overview(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const opened = new Map(
      (await repo.funds(o.tx, ctx.organizationId)).map((f) => [f.fund, fundView(f)]),
    );
    return {
      amil: settingsView(await repo.settings(o.tx, ctx.organizationId)),
      funds: FUNDS.map(
        (fund) =>
          opened.get(fund) ?? {
            fund,
            fundAccountCode: FUND_ACCOUNTS[fund].fund.code,
            cashAccountCode: FUND_ACCOUNTS[fund].cash.code,
            balanceRupiah: '0',
            cashRupiah: '0',
          },
      ),
    };
  });
}

export interface AmilInput {
  amilStatus: AmilStatus;
  referenceNumber: string | null;
  referenceDate: string | null;
  forwardedTo: string | null;
}

/** Records whether the cooperative is an amil (LAZ permit, UPZ of BAZNAS) or passes zakat on. */
export async function setAmilStatus(deps: Deps, ctx: OrgContext, input: AmilInput) {
  return inOrg(deps, ctx, async (o) => {
    const before = await repo.settings(o.tx, ctx.organizationId);
    const row = await repo.saveSettings(o.tx, {
      cooperative_id: ctx.organizationId,
      amil_status: input.amilStatus,
      reference_number: input.referenceNumber,
      reference_date: input.referenceDate,
      forwarded_to: input.forwardedTo,
      updated_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'baitul-maal.amil-status-set',
      entityType: 'baitul-maal',
      before: before ? { amilStatus: before.amil_status } : null,
      after: { amilStatus: row.amil_status, referenceNumber: row.reference_number },
    });
    return settingsView(row);
  });
}

/** The cash/bank account a movement goes through: the fund's own cash unless another is named. */
async function counterAccount(
  o: OrgTx,
  funds: Map<Fund, repo.FundRow>,
  fund: Fund,
  code: string | null,
): Promise<bigint> {
  const own = funds.get(fund);
  if (!own) throw new Error(`fund ${fund} has no accounts`);
  if (code === null) return own.cash_account_id;
  const a = await accountsRepo.findAccountByCode(o.tx, o.ctx.organizationId, code);
  if (!a) throw new AppError('LEDGER_ACCOUNT_NOT_FOUND', { account: code });
  const all = [...funds.values()];
  fail(
    checkCounterAccount(fund, {
      type: a.account_type,
      isCash: a.cash_flow_class === 'cash',
      ownCashOf: all.find((f) => f.cash_account_id === a.id)?.fund ?? null,
      fundOf: all.find((f) => f.fund_account_id === a.id)?.fund ?? null,
    }),
    { fund, account: code },
  );
  return a.id;
}

export interface ReceiptInput {
  fund: Fund;
  receiptDate: string;
  source: ReceiptSource;
  memberId: bigint | null;
  giverName: string | null;
  amountRupiah: bigint;
  cashAccountCode: string | null;
  description: string;
}

const receiptView = (r: ReceiptRow) => ({
  id: r.id.toString(),
  fund: r.fund,
  receiptDate: r.receipt_date,
  source: r.source,
  memberId: r.member_id?.toString() ?? null,
  giverName: r.giver_name,
  amountRupiah: r.amount_rupiah.toString(),
  description: r.description,
  entryId: r.entry_id.toString(),
});

/** A receipt into a fund: Dr cash/bank, Cr the fund. Non-halal money goes to dana kebajikan. */
export async function recordReceipt(
  deps: Deps,
  ctx: OrgContext,
  input: ReceiptInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    fail(checkReceipt(input.fund, input.source, input.memberId !== null), {
      fund: input.fund,
      source: input.source,
    });
    const funds = await ensureFunds(o);
    const fund = funds.get(input.fund);
    if (!fund) throw new Error(`fund ${input.fund} has no accounts`);
    const cash = await counterAccount(o, funds, input.fund, input.cashAccountCode);
    let giver = input.giverName;
    if (input.memberId !== null) {
      const name = await repo.memberName(o.tx, coop, input.memberId);
      if (name === undefined) throw new AppError('MEMBER_NOT_FOUND');
      giver ??= name;
    }
    if (giver === null)
      throw new AppError('VALIDATION_FAILED', { field: 'giverName' }, 'giver name required', [
        { field: 'giverName', code: 'REQUIRED', message: 'giverName' },
      ]);
    const posted = await postEntry(o, {
      entryDate: input.receiptDate,
      description: `Penerimaan dana ${input.fund}: ${input.description}`,
      source: { type: 'baitul-maal.receipt' },
      series: SERIES,
      lines: [
        { account: { id: cash }, debitRupiah: input.amountRupiah, memberId: input.memberId },
        {
          account: { id: fund.fund_account_id },
          creditRupiah: input.amountRupiah,
          memberId: input.memberId,
        },
      ],
    });
    const row = await repo.insertReceipt(o.tx, {
      cooperative_id: coop,
      fund: input.fund,
      receipt_date: input.receiptDate,
      source: input.source,
      member_id: input.memberId,
      giver_name: giver,
      amount_rupiah: input.amountRupiah,
      cash_account_id: cash,
      description: input.description,
      entry_id: posted.entryId,
      created_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'baitul-maal.receipt',
      entityType: 'baitul-maal-receipt',
      entityId: row.id,
      after: { fund: row.fund, source: row.source, amount: row.amount_rupiah.toString() },
    });
    return { status: 201, body: { ...receiptView(row), posted: postedView(posted) } };
  });
}

export interface DistributionInput {
  fund: Fund;
  distributionDate: string;
  asnaf: Asnaf | null;
  purpose: Purpose | null;
  memberId: bigint | null;
  recipientName: string | null;
  amountRupiah: bigint;
  cashAccountCode: string | null;
  description: string;
}

const distributionView = (r: DistributionRow) => ({
  id: r.id.toString(),
  fund: r.fund,
  distributionDate: r.distribution_date,
  asnaf: r.asnaf,
  purpose: r.purpose,
  memberId: r.member_id?.toString() ?? null,
  recipientName: r.recipient_name,
  amountRupiah: r.amount_rupiah.toString(),
  description: r.description,
  entryId: r.entry_id.toString(),
});

/**
 * A distribution from a fund: Dr the fund, Cr cash/bank — never an expense of the business, never
 * more than the fund holds (its row is locked while the balance is read), zakat to an asnaf only.
 */
export async function recordDistribution(
  deps: Deps,
  ctx: OrgContext,
  input: DistributionInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const funds = await ensureFunds(o);
    const fund = await repo.lockFund(o.tx, coop, input.fund);
    if (!fund) throw new Error(`fund ${input.fund} has no accounts`);
    const cash = await counterAccount(o, funds, input.fund, input.cashAccountCode);
    const balance = await repo.fundBalance(o.tx, coop, fund.fund_account_id);
    fail(checkDistribution(input, balance), {
      fund: input.fund,
      balance: balance.toString(),
      amount: input.amountRupiah.toString(),
    });
    let recipient = input.recipientName;
    if (input.memberId !== null) {
      const name = await repo.memberName(o.tx, coop, input.memberId);
      if (name === undefined) throw new AppError('MEMBER_NOT_FOUND');
      recipient ??= name;
    }
    if (recipient === null)
      throw new AppError('VALIDATION_FAILED', { field: 'recipientName' }, 'recipient required', [
        { field: 'recipientName', code: 'REQUIRED', message: 'recipientName' },
      ]);
    const what = input.asnaf ?? input.purpose ?? '';
    const posted = await postEntry(o, {
      entryDate: input.distributionDate,
      description: `Penyaluran dana ${input.fund} (${what}): ${input.description}`,
      source: { type: 'baitul-maal.distribution' },
      series: SERIES,
      lines: [
        {
          account: { id: fund.fund_account_id },
          debitRupiah: input.amountRupiah,
          memberId: input.memberId,
        },
        { account: { id: cash }, creditRupiah: input.amountRupiah, memberId: input.memberId },
      ],
    });
    const row = await repo.insertDistribution(o.tx, {
      cooperative_id: coop,
      fund: input.fund,
      distribution_date: input.distributionDate,
      asnaf: input.fund === 'zakat' ? input.asnaf : null,
      purpose: input.fund === 'zakat' ? null : input.purpose,
      member_id: input.memberId,
      recipient_name: recipient,
      amount_rupiah: input.amountRupiah,
      cash_account_id: cash,
      description: input.description,
      entry_id: posted.entryId,
      created_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'baitul-maal.distribution',
      entityType: 'baitul-maal-distribution',
      entityId: row.id,
      after: { fund: row.fund, asnaf: row.asnaf, amount: row.amount_rupiah.toString() },
    });
    return { status: 201, body: { ...distributionView(row), posted: postedView(posted) } };
  });
}

export const LIST_LIMIT_MAX = 500;

export async function listReceipts(deps: Deps, ctx: OrgContext, f: repo.PeriodFilter) {
  return inOrg(deps, ctx, async (o) =>
    (await repo.receipts(o.tx, ctx.organizationId, f)).map(receiptView),
  );
}

export async function listDistributions(deps: Deps, ctx: OrgContext, f: repo.PeriodFilter) {
  return inOrg(deps, ctx, async (o) =>
    (await repo.distributions(o.tx, ctx.organizationId, f)).map(distributionView),
  );
}

/**
 * Ledger postings to a fund that are not a recorded receipt or distribution: ta'zir credited by
 * a loan payment is 'denda' (PSAK 101's source list); anything else (a reversal) is 'lainnya'.
 */
function otherKey(sourceType: string): string {
  return sourceType.startsWith('loan.') ? 'denda' : 'lainnya';
}

/**
 * The laporan sumber dan penyaluran dana zakat (fund 'zakat') or sumber dan penggunaan dana
 * kebajikan ('kebajikan') for [from, to], read from the fund account's journal so it always agrees
 * with the ledger: closing = the fund account's balance at `to`.
 */
export async function fundStatement(
  deps: Deps,
  ctx: OrgContext,
  fund: Fund,
  from: string,
  to: string,
) {
  return inOrg(deps, ctx, async (o) => {
    const f = (await repo.funds(o.tx, ctx.organizationId)).find((r) => r.fund === fund);
    // a fund never opened has had no movement: an empty report, and reading writes nothing
    const p = f
      ? await repo.fundPeriod(o.tx, ctx.organizationId, f.fund_account_id, from, to)
      : { opening_rupiah: 0n, receipts: [], distributions: [], other: [] };
    const report = fundReport({
      openingRupiah: p.opening_rupiah,
      receipts: [
        ...p.receipts.map((r) => ({ key: r.key, amountRupiah: r.amount_rupiah })),
        ...p.other.map((r) => ({ key: otherKey(r.source_type), amountRupiah: r.credit_rupiah })),
      ],
      distributions: [
        ...p.distributions.map((r) => ({ key: r.key, amountRupiah: r.amount_rupiah })),
        ...p.other.map((r) => ({ key: otherKey(r.source_type), amountRupiah: r.debit_rupiah })),
      ],
    });
    const rows = (rs: { key: string; amountRupiah: bigint }[]) =>
      rs.map((r) => ({ key: r.key, amountRupiah: r.amountRupiah.toString() }));
    return {
      fund,
      from,
      to,
      openingRupiah: report.openingRupiah.toString(),
      receipts: rows(report.receipts),
      receiptsTotalRupiah: report.receiptsTotalRupiah.toString(),
      distributions: rows(report.distributions),
      distributionsTotalRupiah: report.distributionsTotalRupiah.toString(),
      closingRupiah: report.closingRupiah.toString(),
    };
  });
}

/** Indonesian names of report keys (sources, asnaf, purposes) for print. */
const KEY_NAMES: Record<string, string> = {
  member: 'Anggota',
  public: 'Masyarakat / non-anggota',
  internal: 'Zakat koperasi sendiri',
  non_halal: 'Penerimaan non-halal (bunga/jasa giro bank)',
  wakaf_yield: 'Hasil pengelolaan wakaf',
  qardh_repaid: 'Pengembalian dana kebajikan produktif (qardh)',
  denda: "Denda (ta'zir)",
  lainnya: 'Lainnya',
  fakir: 'Fakir',
  miskin: 'Miskin',
  amil: 'Amil',
  mualaf: 'Mualaf',
  riqab: 'Riqab',
  gharimin: 'Gharimin',
  fisabilillah: 'Fisabilillah',
  ibnu_sabil: 'Ibnu sabil',
  sumbangan_sosial: 'Sumbangan sosial',
  qardhul_hasan: 'Dana kebajikan produktif (qardhul hasan)',
  pendidikan: 'Pendidikan',
  kesehatan: 'Kesehatan',
  bencana: 'Bencana',
  ibadah: 'Sarana ibadah',
};

const FUND_TITLES: Record<Fund, string> = {
  zakat: 'Laporan Sumber dan Penyaluran Dana Zakat',
  kebajikan: 'Laporan Sumber dan Penggunaan Dana Kebajikan',
  infaq: 'Laporan Sumber dan Penggunaan Dana Infaq/Sedekah',
  wakaf: 'Laporan Dana Wakaf Uang',
};

/** The fund report as a ReportDocument, for the PDF and Excel renderers every statement uses. */
export async function fundStatementDocument(
  deps: Deps,
  ctx: OrgContext,
  fund: Fund,
  from: string,
  to: string,
): Promise<ReportDocument> {
  const r = await fundStatement(deps, ctx, fund, from, to);
  const org = await inOrg(deps, ctx, ({ tx }) => findOrganization(tx, ctx.organizationId));
  if (!org) throw new AppError('ORG_NOT_FOUND');
  const line = (
    name: string,
    amount: string,
    style?: ReportRow['style'],
    level = 0,
  ): ReportRow => ({
    cells: [name, { rupiah: BigInt(amount) }],
    level,
    ...(style ? { style } : {}),
  });
  const rows: ReportRow[] = [
    line('Saldo awal', r.openingRupiah, 'total'),
    { cells: ['Sumber dana', null], style: 'header' },
    ...r.receipts.map((x) => line(KEY_NAMES[x.key] ?? x.key, x.amountRupiah, undefined, 1)),
    line('Jumlah sumber dana', r.receiptsTotalRupiah, 'total'),
    {
      cells: [fund === 'zakat' ? 'Penyaluran per asnaf' : 'Penggunaan dana', null],
      style: 'header',
    },
    ...r.distributions.map((x) => line(KEY_NAMES[x.key] ?? x.key, x.amountRupiah, undefined, 1)),
    line('Jumlah penyaluran/penggunaan', r.distributionsTotalRupiah, 'total'),
    line('Saldo akhir', r.closingRupiah, 'grand-total'),
  ];
  return {
    title: FUND_TITLES[fund],
    organization: org.name,
    period: `Periode: ${formatDateId(from)} s.d. ${formatDateId(to)}`,
    generatedAt: deps.clock().toISOString().slice(0, 16).replace('T', ' '),
    sections: [
      {
        columns: [
          { header: 'Uraian', kind: 'text', width: 3 },
          { header: 'Jumlah (Rp)', kind: 'rupiah', width: 1 },
        ],
        rows,
      },
    ],
    notes: [
      'Dana baitul maal dicatat terpisah dari usaha (tamwil) dan tidak dipakai untuk beban atau kerugian usaha (PSAK 101).',
    ],
  };
}
