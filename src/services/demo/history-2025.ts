import * as repo from '../../db/demo-loans.repo.js';
import { inOrg, systemContext, type Deps, type OrgContext } from '../context.js';
import { postEntry } from '../ledger.js';
import type { OrganizationView } from '../organizations.js';
import { addDays, pad, rng } from './common.js';

/**
 * The demo KSP's January–November 2025 from its old (manual) books, brought over when it moved to
 * Sokoguru on 1 December 2025, so that its book year 2025 is a whole year with a surplus to share
 * at the 2025 RAT (issue 17 item 7):
 *
 * - the loans the old books lent from December 2024 and saw repaid in full by November 2025
 *   (Pinjaman Umum, 1.5 % flat a month, 6 or 10 monthly instalments), migrated as paid-off loans
 *   with their schedules and every instalment paid. Their interest is each borrower's jasa usaha
 *   participation of 2025 (loan interest paid in the year), read by the SHU gathering like any
 *   other repayment;
 * - one entry dated 1 December 2025 with the old books' income and costs of January–November:
 *   the jasa pinjaman of those loans (exactly the repayments' interest), their provisi (1 %) and
 *   administration fee of the loans disbursed in 2025, bank interest, and eleven months of the
 *   same costs the demo books from December (salaries and THR before Idul Fitri of 31 March 2025,
 *   honoraria, utilities, supplies, rent, depreciation, the 2024 RAT, savings interest), the net
 *   in the bank.
 *
 * Loans still running at the move are not migrated (the demo's loan book starts in December
 * 2025), so every migrated loan is closed before the move.
 */

/** The old books' loans: how many, when lent, how much. */
const MIGRATED_LOANS = 1_120;
const AMOUNTS_JUTA = [5, 7.5, 10, 10, 12.5, 15, 15, 20];
const FLAT_RATE_PER_MILLE = 15n; // 1.5 % a month on the original principal

export interface OldBooksCosts {
  staff: number;
  salaryRupiah: number;
  honorRupiah: number;
  utilitiesRupiah: number;
  openingBankRupiah: number;
  fixedAssetsRupiah: number;
}

const roundThousand = (v: number) => BigInt(Math.round(v / 1000) * 1000);
const addMonths = (date: string, months: number) => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  return `${y + Math.floor(m / 12)}-${pad((m % 12) + 1)}-${date.slice(8, 10)}`;
};

export async function seedDemoKspOldBooks2025(
  deps: Deps,
  ksp: OrganizationView,
  costs: OldBooksCosts,
): Promise<{ loans: number; interestRupiah: bigint }> {
  const ctx: OrgContext = { ...systemContext(ksp.id, 'seed-demo'), roles: [] };
  const db = deps.database.db;
  const rand = rng(2025_11_30);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const productId = await repo.loanProductId(db, ksp.id, 'PU');
  if (productId === undefined) throw new Error('demo: the KSP has no PU loan product');
  const members = await repo.membersForHistory(db, ksp.id);
  // members before the first migrated loan; the portal member (first in the list) among them
  const longStanding = members.filter((m) => m.joined_on < '2024-12-01');
  if (!members[0]?.login || members[0].joined_on >= '2024-12-01')
    throw new Error('demo: the portal member joined too late for a 2025 loan');

  const loans: Record<string, string | number>[] = [];
  const instalments: Record<string, string | number>[] = [];
  const loansOf = new Map<bigint, number>();
  let interest = 0n;
  let provisi = 0n;
  let admin = 0n;
  for (let k = 0; k < MIGRATED_LOANS; k++) {
    // December 2024 to May 2025, a few more each month; the portal member borrowed in January
    const month = k === 0 ? 1 : Math.min(5, Math.floor(Math.sqrt(rand()) * 6));
    const disbursedOn = addMonths(`2024-12-${pad(1 + Math.floor(rand() * 28))}`, month);
    let m = k === 0 ? members[0] : pick(longStanding);
    for (let tries = 0; (loansOf.get(m.id) ?? 0) >= 2 && tries < 20; tries++)
      m = pick(longStanding);
    loansOf.set(m.id, (loansOf.get(m.id) ?? 0) + 1);
    const principal = BigInt(Math.round(pick(AMOUNTS_JUTA) * 1_000_000));
    // a loan lent by January could run ten months and still close by November
    const tenor = month <= 1 && rand() < 0.5 ? 10 : 6;
    const flat = (principal * FLAT_RATE_PER_MILLE) / 1000n;
    const each = principal / BigInt(tenor);
    let paidOn = '';
    for (let no = 1; no <= tenor; no++) {
      const due = addMonths(disbursedOn, no);
      const p = no === tenor ? principal - each * BigInt(tenor - 1) : each;
      // most pay a day or two early at the counter; never before the year's first day
      const early = addDays(due, -Math.floor(rand() * 3));
      paidOn = early < '2025-01-01' ? due : early;
      instalments.push({
        loan_number: `LM/2025/${String(k + 1).padStart(5, '0')}`,
        no,
        due,
        p: p.toString(),
        i: flat.toString(),
        paid_on: paidOn,
      });
      interest += flat;
    }
    const fee = disbursedOn >= '2025-01-01';
    const prov = principal / 100n;
    if (fee) {
      provisi += prov;
      admin += 25_000n;
    }
    loans.push({
      loan_number: `LM/2025/${String(k + 1).padStart(5, '0')}`,
      member_id: m.id.toString(),
      principal: principal.toString(),
      tenor,
      provisi: prov.toString(),
      admin: '25000',
      disbursed_on: disbursedOn,
      maturity_on: addMonths(disbursedOn, tenor),
      closed_on: paidOn,
      collateral_value: principal >= 10_000_000n ? ((principal * 13n) / 10n).toString() : '0',
    });
  }

  // the old books' other income and costs of January–November, at the December run-rate
  const months = 11;
  const salaries =
    roundThousand(costs.staff * costs.salaryRupiah * months * (0.98 + rand() * 0.04)) +
    BigInt(costs.staff * costs.salaryRupiah); // THR before Idul Fitri (31 March 2025)
  const depreciation = roundThousand(costs.fixedAssetsRupiah / 60) * BigInt(months);
  const costLines: [string, bigint][] = [
    ['5101', roundThousand(6_300_000 * months * (0.95 + rand() * 0.1))],
    ['5201', salaries],
    ['5202', BigInt(costs.honorRupiah * months)],
    ['5203', roundThousand(costs.staff * 2_000_000)], // the RAT of book year 2024, March 2025
    ['5204', 4_500_000n],
    ['5206', roundThousand(costs.utilitiesRupiah * 1.2 * months)],
    ['5207', roundThousand(550_000 * months)],
    ['5208', roundThousand(costs.staff * 1_500_000) * 2n], // the branch offices' two semesters
    ['5209', 25_000n * BigInt(months)],
  ];
  const bankInterest = roundThousand((costs.openingBankRupiah * 0.025) / 12) * BigInt(months);
  const income: [string, bigint][] = [
    ['4101', interest],
    ['4102', provisi],
    ['4103', admin],
    ['4301', bankInterest],
  ];
  const cashNet =
    income.reduce((s, [, v]) => s + v, 0n) - costLines.reduce((s, [, v]) => s + v, 0n);

  const written = await inOrg(deps, ctx, async (o) => {
    const posted = await postEntry(o, {
      entryDate: '2025-12-01',
      description:
        'Pendapatan dan beban Januari–November 2025 (pindahan dari pembukuan manual; pinjaman yang lunas dalam 2025 dimigrasikan)',
      source: { type: 'demo.old-books-2025' },
      lines: [
        ...income.map(([code, v]) => ({ account: { code }, creditRupiah: v })),
        ...costLines.map(([code, v]) => ({ account: { code }, debitRupiah: v })),
        { account: { code: '5205' }, debitRupiah: depreciation },
        { account: { code: '1309' }, creditRupiah: depreciation },
        cashNet >= 0n
          ? { account: { code: '1103' }, debitRupiah: cashNet }
          : { account: { code: '1103' }, creditRupiah: -cashNet },
      ],
    });
    return repo.insertMigratedPaidOffLoans(
      o.tx,
      ksp.id,
      productId,
      posted.entryId,
      JSON.stringify(loans),
      JSON.stringify(instalments),
    );
  });
  return { loans: written, interestRupiah: interest };
}
