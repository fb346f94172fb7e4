import * as repo from '../../db/demo-profit-sharing.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { decide } from '../approvals.js';
import type { Deps, OrgContext } from '../context.js';
import {
  analyseApplication,
  createApplication,
  createProduct,
  disburse,
  financingView,
  repay,
  setTerms,
  submitForApproval,
  submitReport,
  type ProductInput,
} from '../loans.js';
import { LOAN_PRODUCT_DEFAULTS } from '../loans/product-defaults.js';
import type { OrganizationView } from '../organizations.js';

/**
 * The demo KSPPS's profit-sharing financings (docs/domain/sharia-financing.md), through the same
 * services the officer, the pengurus and the counter use: a mudharabah for a batik workshop
 * (nisbah member 75 : KSPPS 25) with monthly laporan usaha including a loss month, and a
 * musyarakah for a fish-smoking business (KSPPS 30.000.000 + member 20.000.000, nisbah 65 : 35)
 * with a loss shared by capital. Each report is entered by kspps.kredit and approved by
 * kspps.pengurus a few days before its instalment, which the member pays from sukarela on the due
 * date; the latest period of each is left without a report (its bagi hasil "pending"). Runs
 * before the past months are closed.
 */

const PRODUCT: ProductInput = {
  ...LOAN_PRODUCT_DEFAULTS,
  code: 'MDH-USAHA',
  name: 'Pembiayaan Mudharabah Usaha',
  akad: 'mudharabah',
  method: 'mudharabah',
  ratePercent: '0',
  ratePeriod: 'month',
  frequency: 'monthly',
  minAmountRupiah: 2_000_000n,
  maxAmountRupiah: 100_000_000n,
  minTenor: 3,
  maxTenor: 24,
  provisiBps: 0,
  adminFeeRupiah: 0n,
  gracePrincipalPeriods: 0,
  downPaymentBps: 0,
  penaltyKind: 'none',
  penaltyDailyPercent: '0',
  penaltyFixedRupiah: 0n,
  penaltyGraceDays: 0,
};

interface DemoFinancing {
  product: ProductInput;
  amountRupiah: bigint;
  tenor: number;
  purpose: string;
  disbursedOn: string;
  nisbah: string;
  projected: bigint;
  memberCapital: bigint;
  /** the realised result of each period reported (fewer than the tenor: the rest pending) */
  results: bigint[];
}

const FINANCINGS: DemoFinancing[] = [
  {
    product: PRODUCT,
    amountRupiah: 12_000_000n,
    tenor: 6,
    purpose: 'Modal kerja usaha batik tulis, Kel. Kauman',
    disbursedOn: '2026-05-04',
    nisbah: '25',
    projected: 1_000_000n,
    memberCapital: 0n,
    // June … October; September a loss month (the rob flooded the workshop)
    results: [960_000n, 1_120_000n, 1_040_000n, -180_000n, 640_000n],
  },
  {
    product: {
      ...PRODUCT,
      code: 'MSY-USAHA',
      name: 'Pembiayaan Musyarakah Usaha',
      akad: 'musyarakah',
      method: 'musyarakah',
    },
    amountRupiah: 30_000_000n,
    tenor: 10,
    purpose: 'Usaha pengasapan ikan bersama (modal anggota Rp 20.000.000)',
    disbursedOn: '2026-06-08',
    nisbah: '35',
    projected: 4_000_000n,
    memberCapital: 20_000_000n,
    results: [4_000_000n, 3_600_000n, -2_500_000n, 4_200_000n],
  },
];

const at = (deps: Deps, day: string): Deps => ({
  ...deps,
  clock: () => new Date(`${day}T03:00:00Z`),
});

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function staff(deps: Deps, org: OrganizationView, username: string): Promise<OrgContext> {
  const u = await repo.demoUser(deps.database.db, org.id, username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return {
    organizationId: org.id,
    actor: { userId: u.id, label: username },
    roles: [u.role as Role],
    requestId: null,
    ip: null,
  };
}

export async function seedDemoProfitSharing(deps: Deps, org: OrganizationView): Promise<void> {
  const officer = await staff(deps, org, 'kspps.kredit');
  const pengurus = await staff(deps, org, 'kspps.pengurus');
  const members = await repo.membersWithSukarela(deps.database.db, org.id, 40);
  for (const [i, f] of FINANCINGS.entries()) {
    const memberId = members[10 + i * 7];
    if (memberId === undefined) throw new Error('demo members missing');
    const d0 = at(deps, f.disbursedOn);
    const product = await createProduct(d0, pengurus, f.product);
    const app = await createApplication(d0, officer, {
      memberId,
      productId: BigInt(product.id),
      amountRupiah: f.amountRupiah,
      tenor: f.tenor,
      purpose: f.purpose,
      collateral: [],
      guarantor: null,
      monthlyIncomeRupiah: f.projected * 2n,
      monthlyExpensesRupiah: f.projected,
    });
    await setTerms(d0, officer, BigInt(app.id), {
      nisbahKsppsPercent: f.nisbah,
      basis: 'profit',
      projectedResultRupiah: f.projected,
      memberCapitalRupiah: f.memberCapital,
    });
    await analyseApplication(d0, officer, BigInt(app.id), {
      notes: 'Usaha berjalan, laporan usaha tertib; nisbah sesuai tabel koperasi.',
      recommendation: 'approve',
    });
    const { approvalId } = await submitForApproval(d0, officer, BigInt(app.id));
    await decide(d0, pengurus, BigInt(approvalId), { approve: true });
    const loan = await disburse(d0, officer, BigInt(app.id), {
      channel: 'savings',
      disbursedOn: f.disbursedOn,
    });
    const loanId = BigInt(loan.body.loanId);
    const schedule = (await financingView(d0, officer, loanId)).periods;
    for (const [k, result] of f.results.entries()) {
      const period = schedule[k];
      if (!period) break;
      const reportedOn = addDays(period.dueOn, -3);
      const dr = at(deps, reportedOn);
      const r = await submitReport(dr, officer, loanId, {
        periodNo: k + 1,
        resultRupiah: result,
        note: result < 0n ? 'Rugi bulan ini' : null,
      });
      await decide(dr, pengurus, BigInt(r.approvalId), { approve: true });
      const due = (await financingView(dr, officer, loanId)).periods[k]!;
      const owed = BigInt(due.totalDueRupiah) - BigInt(due.paidRupiah);
      if (owed > 0n)
        await repay(at(deps, period.dueOn), officer, loanId, {
          amountRupiah: owed,
          paidOn: period.dueOn,
          cashSessionId: null,
        });
    }
  }
}
