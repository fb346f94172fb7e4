import * as repo from '../../../db/demo-loans.repo.js';
import type { Role } from '../../../domain/auth/permissions.js';
import { savingsLedgerRole, type SavingsLedgerRole } from '../../../domain/savings/ledger-role.js';
import type { Deps, OrgContext, OrgTx } from '../../context.js';
import { createApplication, createProduct } from '../../loans.js';
import type { Akad } from '../../loans/core.js';
import type { OrganizationView } from '../../organizations.js';
import { DEMO_MONTHS, rng } from '../common.js';
import type { OpenRow, SavingsMove } from './payments.js';
import { juta, KSP_PRODUCTS, KSPPS_PRODUCTS, type DemoProduct } from './products.js';

/**
 * One cooperative's demo loan book across the demo year: its staff, products, the loans it keeps
 * track of and the one random stream every month draws from, in the same order on every seeding.
 */

export interface DemoLoansScale {
  /** loans disbursed over the demo year (December 2025 to the open November 2026) */
  loans: number;
  /** conventional KSP products or the KSPPS's sharia financing */
  book: 'ksp' | 'kspps';
  /** loans disbursed early in December 2025 that never pay (Macet by the autumn) */
  macet: number;
}

/** The demo's "today" in the open month: loan activity of November 2026 stops here. */
export const DEMO_TODAY = '2026-11-25';
/** The teller's loan day each month (the loans through the real services). */
export const DESK_DAY = 10;
export const RESTRUCTURE_MONTH = '2026-08';
export const WRITE_OFF_MONTH = '2026-11';

type Profile = 'good' | 'late' | 'stop' | 'macet';

export interface Tracked {
  id: bigint;
  memberId: bigint;
  sukarelaId: bigint;
  akad: Akad;
  profile: Profile;
  /** late payers: instalments they run behind */
  behind: number;
  /** stoppers: the month index from which nothing more is paid */
  stopFrom: number;
  /** auto-debit mandate (surat kuasa debet): instalments debited from sukarela when it can bear them */
  autodebet: boolean;
  /** handled through the real services at the desk */
  real: boolean;
}

export type BookProduct = DemoProduct & { id: bigint };
export interface Borrower {
  id: bigint;
  sukarela: bigint;
}

/**
 * Moves money on a member's sukarela account if it can be moved there on `date`; the balance
 * after, or null (see DemoLoanBook.sukarelaState).
 */
export type SukarelaMover = (account: bigint, signed: bigint, date: string) => bigint | null;

/** A demo month of the loan book, as its steps share it. */
export interface LoanMonth {
  month: string;
  /** index in DEMO_MONTHS */
  mi: number;
  first: string;
  /** the last day of loan activity: the month's end, or the demo's today in the open month */
  cut: string;
  cutDay: number;
  deskDate: string;
  /** cash paid out and taken in at the counter, squared with the bank at the end of the month */
  cash: { out: bigint; in: bigint };
  sukarela: SukarelaMover;
}

export class DemoLoanBook {
  readonly db: Deps['database']['db'];
  readonly rand: () => number;
  readonly tracked = new Map<string, Tracked>();
  /** member -> active loans */
  readonly loansOf = new Map<string, number>();
  /** members with a sukarela account, read at the first month (the savings seeding made them) */
  members: Borrower[] = [];
  /** applications written set-based so far (keeps their timestamps distinct) */
  nextApplied = 0;
  /** each sukarela account's ledger role (wadiah and mudharabah post apart in a KSPPS) */
  private readonly sukarelaRoles = new Map<string, SavingsLedgerRole>();

  private constructor(
    readonly deps: Deps,
    readonly coop: string,
    readonly scale: DemoLoansScale,
    rand: () => number,
    readonly officer: OrgContext,
    readonly board: OrgContext,
    readonly teller: OrgContext,
    readonly products: BookProduct[],
    /** loans written set-based in each demo month */
    readonly perMonth: number[],
  ) {
    this.db = deps.database.db;
    this.rand = rand;
  }

  static async open(
    deps: Deps,
    org: OrganizationView,
    scale: DemoLoansScale,
  ): Promise<DemoLoanBook> {
    const coop = org.id;
    const rand = rng(scale.loans * 17 + scale.book.length);
    const staff = await repo.usersByUsername(deps.database.db, [
      scale.book + '.kredit',
      scale.book + '.pengurus',
      scale.book + '.kasir',
    ]);
    const staffCtx = (who: 'kredit' | 'pengurus' | 'kasir', role: Role): OrgContext => {
      const u = staff.find((r) => r.username === `${scale.book}.${who}`);
      if (!u) throw new Error(`demo user ${scale.book}.${who} missing`);
      return {
        organizationId: coop,
        actor: { userId: u.id, label: u.username },
        roles: [role],
        requestId: null,
        ip: null,
      };
    };
    const board = staffCtx('pengurus', 'pengurus');
    const specs = scale.book === 'ksp' ? KSP_PRODUCTS : KSPPS_PRODUCTS;
    const products: BookProduct[] = [];
    for (const s of specs)
      products.push({ ...s, id: BigInt((await createProduct(deps, board, s.input)).id) });
    return new DemoLoanBook(
      deps,
      coop,
      scale,
      rand,
      staffCtx('kredit', 'petugas_kredit'),
      board,
      staffCtx('kasir', 'kasir'),
      products,
      loansPerMonth(scale.loans),
    );
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }

  pickProduct(): BookProduct {
    let r = this.rand();
    for (const p of this.products) if ((r -= p.weight) < 0) return p;
    return this.products[0]!;
  }

  newProfile(monthIndex: number): Pick<Tracked, 'profile' | 'behind' | 'stopFrom' | 'autodebet'> {
    const r = this.rand();
    const autodebet = this.rand() < (this.scale.book === 'ksp' ? 0.3 : 0.2);
    if (r < 0.8) return { profile: 'good', behind: 0, stopFrom: 99, autodebet };
    if (r < 0.89)
      return { profile: 'late', behind: 1 + Math.floor(this.rand() * 3), stopFrom: 99, autodebet };
    // loans that go bad mostly do so within their first half year
    return {
      profile: 'stop',
      behind: 0,
      stopFrom: monthIndex + 1 + Math.floor(this.rand() * 6),
      autodebet,
    };
  }

  borrower(maxLoans: number): Borrower {
    for (let tries = 0; tries < 50; tries++) {
      const m = this.pick(this.members);
      if ((this.loansOf.get(m.id.toString()) ?? 0) < maxLoans) return m;
    }
    return this.pick(this.members);
  }

  /** One more active loan of the member's. */
  lentTo(m: Borrower): void {
    this.loansOf.set(m.id.toString(), (this.loansOf.get(m.id.toString()) ?? 0) + 1);
  }

  terms(p: DemoProduct) {
    const aj = this.pick(p.amountsJuta);
    return { amount: juta(aj), tenor: this.pick(p.tenors(aj)) };
  }

  household(amount: bigint) {
    const income =
      ((amount / 10n + BigInt(Math.floor(2 + this.rand() * 6)) * 500_000n) / 50_000n) * 50_000n;
    return {
      income,
      expenses: ((income * BigInt(45 + Math.floor(this.rand() * 25))) / 100n / 50_000n) * 50_000n,
    };
  }

  guarantor() {
    return {
      name: `${this.pick(['Siti', 'Sri', 'Budi', 'Agus', 'Dewi', 'Slamet', 'Nur', 'Eko'])} ${this.pick(['Santoso', 'Rahayu', 'Wibowo', 'Lestari', 'Hidayat'])}`,
      relationship: this.pick(['Suami', 'Istri', 'Istri', 'Suami', 'Anak', 'Saudara kandung']),
    };
  }

  /**
   * A member applies at the office for a loan of the product: an amount and tenor it offers, the
   * household's income and expenses, a purpose, collateral and a guarantor.
   */
  async applyForLoan(p: BookProduct, m: Borrower, autoDebit?: boolean) {
    const { amount, tenor } = this.terms(p);
    const hh = this.household(amount);
    return createApplication(this.deps, this.officer, {
      memberId: m.id,
      productId: p.id,
      amountRupiah: amount,
      tenor,
      purpose: this.pick(p.purposes),
      collateral: p.collateral(amount, this.rand),
      guarantor: this.guarantor(),
      monthlyIncomeRupiah: hh.income,
      monthlyExpensesRupiah: hh.expenses,
      autoDebit,
    });
  }

  /**
   * The members' sukarela accounts this month: balance, state and the date of their latest
   * movement. Savings history is immutable and each movement carries the balance after it, so a
   * loan movement goes into an account only on or after its latest movement (otherwise the member
   * pays or is paid at the counter), and a debit only when the minimum balance stays.
   */
  async sukarelaState(first: string): Promise<SukarelaMover> {
    const r = await repo.sukarelaAccounts(this.db, this.coop, first);
    for (const x of r)
      this.sukarelaRoles.set(x.id.toString(), savingsLedgerRole('sukarela', x.akad));
    const state = new Map(
      r.map((x) => [
        x.id.toString(),
        { balance: x.balance_rupiah, open: x.status === 'active', last: x.last ?? '' },
      ]),
    );
    return (account, signed, date) => {
      const a = state.get(account.toString());
      if (!a || !a.open || a.last > date) return null;
      if (signed < 0n && a.balance + signed < 10_000n) return null;
      a.balance += signed;
      a.last = date;
      return a.balance;
    };
  }

  /**
   * Open instalments of the current schedule per active loan, due up to `through`, and whether they
   * run to the loan's last instalment. Callers read 45 days past the payment date: the monthly
   * instalment after the last one a payment covers always falls inside, so the oldest unpaid due
   * date after the payment is known without reading the whole schedule. Two plain reads joined here
   * (no plan to go wrong).
   */
  async openRows(loanIds: bigint[] | null, through: string) {
    const loans = await repo.activeLoansThrough(this.db, this.coop, loanIds, through);
    const rows = await repo.openInstalmentsThrough(this.db, this.coop, loanIds, through);
    const by = new Map(
      loans.map((l) => [
        l.id.toString(),
        { accrued: l.accrued, v: l.v, complete: l.complete, rows: [] as OpenRow[] },
      ]),
    );
    for (const r of rows) {
      const e = by.get(r.loan_id.toString());
      if (e && e.v === r.v) e.rows.push(r);
    }
    return by;
  }

  async deskId(): Promise<bigint> {
    const desk = await repo.firstActiveDesk(this.db, this.coop);
    if (!desk) throw new Error('demo: no cash desk');
    return desk.id;
  }

  /** The ledger role of a sukarela account read by sukarelaState. */
  sukarelaRole(account: bigint): SavingsLedgerRole {
    const role = this.sukarelaRoles.get(account.toString());
    if (!role) throw new Error(`demo: sukarela account ${account} not read`);
    return role;
  }

  /** Money into or out of sukarela accounts, in the order given (the caller posted the entries). */
  async savingsMoves(
    o: OrgTx,
    moves: SavingsMove[],
    entries: Record<SavingsMove['entry'], bigint>,
  ): Promise<void> {
    const json = JSON.stringify(moves.map((m) => ({ ...m, entry: entries[m.entry].toString() })));
    await repo.writeSavingsMoves(o.tx, this.coop, json);
  }
}

/**
 * Loans per month: a book that grows a little every month; November only up to "today". One loan
 * a month goes through the real services at the desk, the rest are written set-based.
 */
function loansPerMonth(loans: number): number[] {
  const realLoans = DEMO_MONTHS.length;
  const weights = DEMO_MONTHS.map((m, i) => (1 + 0.05 * i) * (m === WRITE_OFF_MONTH ? 25 / 30 : 1));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const perMonth = weights.map((w) => Math.floor(((loans - realLoans) * w) / wsum));
  for (
    let i = 0, left = loans - realLoans - perMonth.reduce((a, b) => a + b, 0);
    left > 0;
    i++, left--
  )
    perMonth[i % perMonth.length]!++;
  return perMonth;
}
