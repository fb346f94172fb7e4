import * as repo from '../../db/demo-loans.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { decide } from '../approvals.js';
import { closeSession, mySession, openSession } from '../cashdesk.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { postEntry } from '../ledger.js';
import {
  analyseApplication,
  classify,
  createApplication,
  createProduct,
  disburse,
  recover,
  repay,
  requestRestructure,
  requestWriteOff,
  submitForApproval,
  type CollateralItem,
  type ProductInput,
} from '../loans.js';
import type { Akad } from '../loans/core.js';
import { allocatePayment, buildSchedule, disbursementFees, type Due } from '../loans/terms.js';
import type { OrganizationView } from '../organizations.js';
import { DEMO_MONTHS } from './ledger.js';

/**
 * The demo loan book, month by month inside the demo year: each month some members borrow, the
 * book pays its instalments (most on time, some a month or three behind, a few stop paying), and
 * the real month-end that follows (the savings seeding runs it) accrues interest, charges penalties,
 * classifies and provisions. Loans go through the real services once a month at the teller's desk
 * (application, analysis, committee approval by maker-checker, disbursement, instalments), as do
 * the one restructuring and the one write-off (with a first recovery) of each book and the
 * applications still in the pipeline. The rest of the book is written set-based with the same
 * rules (schedule, fees, allocation penalty → interest/margin → principal oldest first, accrued
 * interest, probation) and one recap journal entry per month and kind, as the savings demo books
 * the counter's movements.
 */

export interface DemoLoansScale {
  /** loans disbursed over the demo year (December 2025 to the open November 2026) */
  loans: number;
  /** conventional KSP products or the KSPPS's sharia financing */
  book: 'ksp' | 'kspps';
  /** loans disbursed early in December 2025 that never pay (Macet by the autumn) */
  macet: number;
}

/** The loans' part of a demo month: runs after the month's savings activity, before its month-end. */
export type DemoMonthHook = (month: string) => Promise<void>;

/** The demo's "today" in the open month: loan activity of November 2026 stops here. */
const DEMO_TODAY = '2026-11-25';
/** The teller's loan day each month (the loans through the real services). */
const DESK_DAY = 10;
const RESTRUCTURE_MONTH = '2026-08';
const WRITE_OFF_MONTH = '2026-11';
/** Written off on the 16th; the first recovery on the claim comes in at the counter a week later. */
const RECOVERY_DAY = '2026-11-23';
const RECOVERY_RUPIAH = 750_000n;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const juta = (v: number) => BigInt(Math.round(v * 1_000_000));
const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return `${ym}-${pad(new Date(Date.UTC(y!, m, 0)).getUTCDate())}`;
};
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface DemoProduct {
  input: ProductInput;
  weight: number;
  amountsJuta: number[];
  tenors: (amountJuta: number) => number[];
  purposes: string[];
  collateral: (amount: bigint, rand: () => number) => CollateralItem[];
}

const BASE = {
  ratePeriod: 'month',
  frequency: 'monthly',
  provisiBps: 0,
  adminFeeRupiah: 0n,
  gracePrincipalPeriods: 0,
  downPaymentBps: 0,
  penaltyKind: 'none',
  penaltyDailyPercent: '0',
  penaltyFixedRupiah: 0n,
  penaltyGraceDays: 0,
  penaltyCappedAtInstalment: true,
  earlyPayoffRule: 'interest_to_date',
  earlyPayoffMonths: 0,
  earlyPayoffBps: 0,
  deferralInterestRule: 'accrue_spread',
  restructureProbationInstalments: 3,
} as const satisfies Partial<ProductInput>;

const vehicle = (amount: bigint, rand: () => number): CollateralItem[] =>
  amount >= juta(10)
    ? amount >= juta(30)
      ? [
          {
            kind: 'SHM',
            description: 'Sertifikat Hak Milik tanah dan bangunan',
            valueRupiah:
              ((amount * BigInt(180 + Math.floor(rand() * 80))) / 100n / 1_000_000n) * 1_000_000n,
          },
        ]
      : [
          {
            kind: 'BPKB',
            description: `BPKB sepeda motor ${['Honda Beat', 'Honda Vario', 'Yamaha NMAX', 'Yamaha Mio', 'Suzuki Nex'][Math.floor(rand() * 5)]} tahun ${2016 + Math.floor(rand() * 8)}`,
            valueRupiah:
              ((amount * BigInt(110 + Math.floor(rand() * 50))) / 100n / 500_000n) * 500_000n,
          },
        ]
    : [];

const KSP_PRODUCTS: DemoProduct[] = [
  {
    input: {
      ...BASE,
      code: 'PU',
      name: 'Pinjaman Umum (bunga flat)',
      akad: 'conventional',
      method: 'flat',
      ratePercent: '1.5',
      minAmountRupiah: juta(1),
      maxAmountRupiah: juta(50),
      minTenor: 3,
      maxTenor: 36,
      provisiBps: 100,
      adminFeeRupiah: 25_000n,
      penaltyKind: 'daily_percent',
      penaltyDailyPercent: '0.1',
      penaltyGraceDays: 3,
    },
    weight: 0.55,
    amountsJuta: [3, 5, 5, 7.5, 10, 10, 15, 20, 25, 30],
    tenors: (a) => (a <= 5 ? [6, 10, 12] : a <= 10 ? [12, 18, 24] : [24, 36]),
    purposes: [
      'Biaya sekolah anak',
      'Renovasi rumah',
      'Tambahan modal dagang',
      'Biaya pernikahan anak',
      'Pembelian sepeda motor',
      'Biaya berobat',
      'Kebutuhan Lebaran',
    ],
    collateral: vehicle,
  },
  {
    input: {
      ...BASE,
      code: 'PMU',
      name: 'Pinjaman Modal Usaha (anuitas)',
      akad: 'conventional',
      method: 'annuity',
      ratePercent: '15',
      ratePeriod: 'year',
      minAmountRupiah: juta(5),
      maxAmountRupiah: juta(150),
      minTenor: 12,
      maxTenor: 60,
      provisiBps: 100,
      adminFeeRupiah: 50_000n,
      penaltyKind: 'daily_percent',
      penaltyDailyPercent: '0.1',
      penaltyGraceDays: 3,
      earlyPayoffRule: 'months_interest',
      earlyPayoffMonths: 1,
    },
    weight: 0.25,
    amountsJuta: [15, 25, 35, 50, 75],
    tenors: () => [12, 24, 36, 48],
    purposes: [
      'Modal usaha batik cap',
      'Tambah mesin jahit konveksi',
      'Modal warung sembako',
      'Modal usaha kuliner',
      'Perahu dan jaring nelayan',
      'Modal toko bangunan',
    ],
    collateral: vehicle,
  },
  {
    input: {
      ...BASE,
      code: 'PP',
      name: 'Pinjaman Produktif (bunga efektif)',
      akad: 'conventional',
      method: 'effective',
      ratePercent: '1.25',
      minAmountRupiah: juta(2),
      maxAmountRupiah: juta(75),
      minTenor: 6,
      maxTenor: 36,
      provisiBps: 50,
      adminFeeRupiah: 25_000n,
      penaltyKind: 'daily_percent',
      penaltyDailyPercent: '0.1',
      penaltyGraceDays: 5,
    },
    weight: 0.2,
    amountsJuta: [5, 7.5, 10, 15, 20, 25],
    tenors: () => [6, 12, 18, 24],
    purposes: [
      'Modal tanam padi',
      'Pupuk dan bibit',
      'Bahan baku batik tulis',
      'Stok dagangan pasar',
      'Peralatan bengkel',
    ],
    collateral: vehicle,
  },
];

const KSPPS_PRODUCTS: DemoProduct[] = [
  {
    input: {
      ...BASE,
      code: 'MRB',
      name: 'Pembiayaan Murabahah',
      akad: 'murabahah',
      method: 'murabahah',
      ratePercent: '1.5',
      minAmountRupiah: juta(1),
      maxAmountRupiah: juta(50),
      minTenor: 3,
      maxTenor: 36,
      adminFeeRupiah: 25_000n,
      penaltyKind: 'fixed',
      penaltyFixedRupiah: 25_000n,
      penaltyGraceDays: 5,
      earlyPayoffRule: 'remaining_margin',
    },
    weight: 0.72,
    amountsJuta: [2, 3, 4, 5, 7.5, 10],
    tenors: (a) => (a <= 3 ? [6, 10, 12] : [12, 18, 24]),
    purposes: [
      'Pembelian sepeda motor',
      'Pembelian mesin jahit',
      'Bahan bangunan renovasi rumah',
      'Bahan baku batik',
      'Etalase dan perlengkapan warung',
      'Laptop untuk sekolah anak',
      'Kulkas untuk usaha es',
    ],
    collateral: (amount) =>
      amount >= juta(3)
        ? [
            {
              kind: 'Barang murabahah',
              description: 'Barang yang dibiayai (faktur dan BPKB/kuitansi disimpan koperasi)',
              valueRupiah: amount,
            },
          ]
        : [],
  },
  {
    // Pembiayaan haji, ijarah multijasa: the hajj seat deposit (BPIH setoran awal, Rp 25 juta) is
    // lent as a qardh, the service earns a fixed ujrah (0.4 % a month of the fixed Rp 25 juta =
    // Rp 100.000 a month), no down payment.
    input: {
      ...BASE,
      code: 'HAJI',
      name: 'Pembiayaan Haji (ijarah multijasa, ujrah Rp 100.000/bulan, DP 0%)',
      akad: 'ijarah',
      method: 'ijarah',
      ratePercent: '0.4',
      minAmountRupiah: juta(25),
      maxAmountRupiah: juta(25),
      minTenor: 12,
      maxTenor: 60,
      downPaymentBps: 0,
      penaltyKind: 'fixed',
      penaltyFixedRupiah: 25_000n,
      penaltyGraceDays: 5,
    },
    weight: 0.05,
    amountsJuta: [25],
    tenors: () => [24, 36, 48, 60],
    purposes: ['Setoran awal BPIH untuk nomor porsi haji'],
    collateral: () => [],
  },
  {
    input: {
      ...BASE,
      code: 'QRD',
      name: 'Pinjaman Qardh (kebajikan)',
      akad: 'qardh',
      method: 'qardh',
      ratePercent: '0',
      minAmountRupiah: 500_000n,
      maxAmountRupiah: juta(5),
      minTenor: 3,
      maxTenor: 12,
      adminFeeRupiah: 10_000n,
    },
    weight: 0.23,
    amountsJuta: [0.5, 1, 1.5, 2, 3],
    tenors: () => [3, 6, 10, 12],
    purposes: [
      'Biaya berobat',
      'Biaya sekolah anak',
      'Kebutuhan mendesak keluarga',
      'Biaya persalinan',
    ],
    collateral: () => [],
  },
];

type Profile = 'good' | 'late' | 'stop' | 'macet';

interface Tracked {
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

interface OpenRow {
  v: number;
  no: number;
  due: string;
  p: bigint;
  i: bigint;
  pp: bigint;
  pi: bigint;
  pen: bigint;
  ppen: bigint;
}

/** A loan movement on a sukarela account, with the balance after it (in date order per account). */
interface SavingsMove {
  account: string;
  kind: 'loan-disbursement' | 'loan-repayment' | 'withdrawal';
  sign: 1 | -1;
  amount: string;
  after: string;
  date: string;
  /** which of the caller's entries it belongs to */
  entry: 'loan' | 'cash';
}

interface Payment {
  amount: bigint;
  penalty: bigint;
  interest: bigint;
  principal: bigint;
  accruedUsed: bigint;
  rows: {
    loan_id: string;
    v: number;
    no: number;
    pen: string;
    int: string;
    pri: string;
    paid_on: string | null;
  }[];
  loan: {
    id: string;
    pri: string;
    int: string;
    acc: string;
    pen: string;
    on_time: number;
    oldest: string | null;
    closed: boolean;
    paid_on: string;
  };
}

/**
 * What paying the `j` oldest open instalments (and every penalty, which comes first) does. `rows`
 * are the loan's open instalments due up to some date past `date` (see openRows); `complete` says
 * they run to the last instalment, so paying them all closes the loan.
 */
function allocate(
  loanId: bigint,
  accrued: bigint,
  rows: OpenRow[],
  complete: boolean,
  j: number,
  date: string,
): Payment | null {
  const dues: Due[] = rows.map((r) => ({
    instalmentNo: r.no,
    penaltyRupiah: r.pen - r.ppen,
    interestRupiah: r.i - r.pi,
    principalRupiah: r.p - r.pp,
  }));
  const amount =
    dues.reduce((s, d) => s + d.penaltyRupiah, 0n) +
    dues.slice(0, j).reduce((s, d) => s + d.interestRupiah + d.principalRupiah, 0n);
  if (amount <= 0n) return null;
  const { parts, leftRupiah } = allocatePayment(amount, dues);
  if (leftRupiah !== 0n) throw new Error(`demo loan ${loanId}: allocation left ${leftRupiah}`);
  const byNo = new Map(parts.map((p) => [p.instalmentNo, p]));
  const out: Payment['rows'] = [];
  let onTime = 0;
  let oldest: string | null = null;
  for (const r of rows) {
    const a = byNo.get(r.no);
    const full =
      r.pp + (a?.principalRupiah ?? 0n) === r.p &&
      r.pi + (a?.interestRupiah ?? 0n) === r.i &&
      r.ppen + (a?.penaltyRupiah ?? 0n) === r.pen;
    if (a || full)
      out.push({
        loan_id: loanId.toString(),
        v: r.v,
        no: r.no,
        pen: (a?.penaltyRupiah ?? 0n).toString(),
        int: (a?.interestRupiah ?? 0n).toString(),
        pri: (a?.principalRupiah ?? 0n).toString(),
        paid_on: full ? date : null,
      });
    if (full && r.due >= date) onTime++;
    if (!full && oldest === null) oldest = r.due;
  }
  // monthly instalments: an open instalment past the rows read is always preceded by one inside them
  if (oldest === null && !complete)
    throw new Error(`demo loan ${loanId}: instalments read do not reach the next one due`);
  const sum = (k: 'penaltyRupiah' | 'interestRupiah' | 'principalRupiah') =>
    parts.reduce((s, p) => s + p[k], 0n);
  const interest = sum('interestRupiah');
  const accruedUsed = interest < accrued ? interest : accrued;
  const p = { penalty: sum('penaltyRupiah'), interest, principal: sum('principalRupiah') };
  return {
    amount,
    ...p,
    accruedUsed,
    rows: out,
    loan: {
      id: loanId.toString(),
      pri: p.principal.toString(),
      int: p.interest.toString(),
      acc: accruedUsed.toString(),
      pen: p.penalty.toString(),
      on_time: onTime,
      oldest,
      closed: oldest === null,
      paid_on: date,
    },
  };
}

/** Journal lines from per-role sums (a role on both sides nets to nothing, so keep sides apart). */
class Lines {
  private readonly m = new Map<string, bigint>();
  add(side: 'd' | 'c', role: string, v: bigint) {
    if (v > 0n) this.m.set(`${side}:${role}`, (this.m.get(`${side}:${role}`) ?? 0n) + v);
  }
  get() {
    return [...this.m].map(([k, v]) => {
      const [side, role] = k.split(':') as ['d' | 'c', string];
      return side === 'd'
        ? { account: { role }, debitRupiah: v }
        : { account: { role }, creditRupiah: v };
    });
  }
}

function receipt(
  lines: Lines,
  akad: Akad,
  p: { penalty: bigint; interest: bigint; principal: bigint; accruedUsed: bigint },
) {
  if (akad === 'murabahah') {
    lines.add('c', 'socialFund', p.penalty);
    lines.add('c', 'murabahahReceivable', p.principal + p.interest);
    lines.add('d', 'deferredMargin', p.interest);
    lines.add('c', 'marginIncome', p.interest);
    return;
  }
  const income =
    akad === 'conventional'
      ? 'loanInterestIncomeMember'
      : akad === 'ijarah'
        ? 'ujrahIncome'
        : 'adminIncome';
  lines.add('c', akad === 'conventional' ? 'penaltyIncome' : 'socialFund', p.penalty);
  lines.add('c', 'interestReceivable', p.accruedUsed);
  lines.add('c', income, p.interest - p.accruedUsed);
  lines.add('c', akad === 'conventional' ? 'loansMembers' : 'qardh', p.principal);
}

export async function seedDemoLoans(
  deps: Deps,
  org: OrganizationView,
  scale: DemoLoansScale,
): Promise<DemoMonthHook> {
  const coop = org.id;
  const db = deps.database.db;
  const rand = rng(scale.loans * 17 + scale.book.length);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const staff = await repo.usersByUsername(db, [
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
  const officer = staffCtx('kredit', 'petugas_kredit');
  const board = staffCtx('pengurus', 'pengurus');
  const teller = staffCtx('kasir', 'kasir');
  const specs = scale.book === 'ksp' ? KSP_PRODUCTS : KSPPS_PRODUCTS;
  const products: (DemoProduct & { id: bigint })[] = [];
  for (const s of specs)
    products.push({ ...s, id: BigInt((await createProduct(deps, board, s.input)).id) });
  const pickProduct = () => {
    let r = rand();
    for (const p of products) if ((r -= p.weight) < 0) return p;
    return products[0]!;
  };

  // loans per month: a book that grows a little every month; November only up to "today"
  const realLoans = DEMO_MONTHS.length;
  const weights = DEMO_MONTHS.map((m, i) => (1 + 0.05 * i) * (m === WRITE_OFF_MONTH ? 25 / 30 : 1));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const perMonth = weights.map((w) => Math.floor(((scale.loans - realLoans) * w) / wsum));
  for (
    let i = 0, left = scale.loans - realLoans - perMonth.reduce((a, b) => a + b, 0);
    left > 0;
    i++, left--
  )
    perMonth[i % perMonth.length]!++;

  const tracked = new Map<string, Tracked>();
  const loansOf = new Map<string, number>(); // member -> active loans
  let members: { id: bigint; sukarela: bigint }[] = [];
  let nextApplied = 0;

  const newProfile = (
    monthIndex: number,
  ): Pick<Tracked, 'profile' | 'behind' | 'stopFrom' | 'autodebet'> => {
    const r = rand();
    const autodebet = rand() < (scale.book === 'ksp' ? 0.3 : 0.2);
    if (r < 0.8) return { profile: 'good', behind: 0, stopFrom: 99, autodebet };
    if (r < 0.89)
      return { profile: 'late', behind: 1 + Math.floor(rand() * 3), stopFrom: 99, autodebet };
    // loans that go bad mostly do so within their first half year
    return {
      profile: 'stop',
      behind: 0,
      stopFrom: monthIndex + 1 + Math.floor(rand() * 6),
      autodebet,
    };
  };
  const borrower = (maxLoans: number) => {
    for (let tries = 0; tries < 50; tries++) {
      const m = pick(members);
      if ((loansOf.get(m.id.toString()) ?? 0) < maxLoans) return m;
    }
    return pick(members);
  };
  const terms = (p: DemoProduct) => {
    const aj = pick(p.amountsJuta);
    return { amount: juta(aj), tenor: pick(p.tenors(aj)) };
  };
  const household = (amount: bigint) => {
    const income =
      ((amount / 10n + BigInt(Math.floor(2 + rand() * 6)) * 500_000n) / 50_000n) * 50_000n;
    return {
      income,
      expenses: ((income * BigInt(45 + Math.floor(rand() * 25))) / 100n / 50_000n) * 50_000n,
    };
  };
  const guarantor = () => ({
    name: `${pick(['Siti', 'Sri', 'Budi', 'Agus', 'Dewi', 'Slamet', 'Nur', 'Eko'])} ${pick(['Santoso', 'Rahayu', 'Wibowo', 'Lestari', 'Hidayat'])}`,
    relationship: pick(['Suami', 'Istri', 'Istri', 'Suami', 'Anak', 'Saudara kandung']),
  });

  /**
   * The members' sukarela accounts this month: balance, state and the date of their latest
   * movement. Savings history is immutable and each movement carries the balance after it, so a
   * loan movement goes into an account only on or after its latest movement (otherwise the member
   * pays or is paid at the counter), and a debit only when the minimum balance stays.
   */
  async function sukarelaState(first: string) {
    const r = await repo.sukarelaAccounts(db, coop, first);
    const state = new Map(
      r.map((x) => [
        x.id.toString(),
        { balance: x.balance_rupiah, open: x.status === 'active', last: x.last ?? '' },
      ]),
    );
    /** Moves money on an account if it can be moved there on `date`; the balance after, or null. */
    return (account: bigint, signed: bigint, date: string): bigint | null => {
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
  async function openRows(loanIds: bigint[] | null, through: string) {
    const loans = await repo.activeLoansThrough(db, coop, loanIds, through);
    const rows = await repo.openInstalmentsThrough(db, coop, loanIds, through);
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

  return async (month: string) => {
    const mi = DEMO_MONTHS.indexOf(month);
    if (mi < 0) throw new Error(`not a demo month: ${month}`);
    const first = `${month}-01`;
    const cut = month === WRITE_OFF_MONTH ? DEMO_TODAY : lastDayOf(month);
    const cutDay = Number(cut.slice(8));
    const deskDate = `${month}-${pad(DESK_DAY)}`;
    if (members.length === 0) {
      members = await repo.membersWithSukarela(db, coop);
    }
    // Planner statistics for the growing book every three months (the last in October, so a fresh
    // demo has them too): embedded PGlite runs no autovacuum, and without them the set-based
    // writes and the month-end's joins fall back to row-by-row plans.
    if (mi % 3 === 1) await repo.analyzeLoanTables(db);
    const cash = { out: 0n, in: 0n };
    const sukarela = await sukarelaState(first);

    // 1. The teller's loan day: instalments of the desk's loans, then one new loan end to end.
    const session = await openSession(deps, teller, {
      deskId: await deskId(),
      businessDate: deskDate,
      openingFloatRupiah: 150_000_000n,
    });
    const sessionId = BigInt(session.id);
    const mine = [...tracked.values()].filter((t) => t.real);
    const open = await openRows(
      mine.map((t) => t.id),
      addDays(deskDate, 45),
    );
    for (const t of mine) {
      const e = open.get(t.id.toString());
      if (!e) continue;
      const j = e.rows.filter((r) => r.due <= deskDate).length;
      const pay = allocate(t.id, e.accrued, e.rows, e.complete, j, deskDate);
      if (!pay) continue;
      const viaSavings = t.autodebet && sukarela(t.sukarelaId, -pay.amount, deskDate) !== null;
      await repay(deps, teller, t.id, {
        amountRupiah: pay.amount,
        paidOn: deskDate,
        cashSessionId: viaSavings ? null : sessionId,
      });
      if (!viaSavings) cash.in += pay.amount;
    }
    {
      const p =
        scale.book === 'kspps' && (mi === 1 || mi === 6)
          ? products.find((x) => x.input.akad === 'ijarah')!
          : products[mi % products.length]!;
      const m = mi === 0 ? members[0]! : borrower(1);
      const { amount, tenor } = terms(p);
      const hh = household(amount);
      // paid out into sukarela, and the instalments debited from it under a signed mandate
      const channel =
        scale.book === 'ksp' && mi % 2 === 1 && sukarela(m.sukarela, 0n, deskDate) !== null
          ? 'savings'
          : 'cash';
      const app = await createApplication(deps, officer, {
        memberId: m.id,
        productId: p.id,
        amountRupiah: amount,
        tenor,
        purpose: pick(p.purposes),
        collateral: p.collateral(amount, rand),
        guarantor: guarantor(),
        monthlyIncomeRupiah: hh.income,
        monthlyExpensesRupiah: hh.expenses,
        autoDebit: channel === 'savings',
      });
      await analyseApplication(deps, officer, BigInt(app.id), {
        notes:
          'Analisa 5C: karakter baik (simpanan wajib tertib), kapasitas cukup, agunan memadai. Direkomendasikan.',
        recommendation: 'approve',
      });
      const { approvalId } = await submitForApproval(deps, officer, BigInt(app.id));
      await decide(deps, board, BigInt(approvalId), { approve: true });
      const d = await disburse(deps, teller, BigInt(app.id), {
        channel,
        cashSessionId: channel === 'cash' ? sessionId : null,
        disbursedOn: deskDate,
      });
      if (channel === 'cash') cash.out += BigInt(d.body.netRupiah);
      else sukarela(m.sukarela, BigInt(d.body.netRupiah), deskDate);
      tracked.set(d.body.loanId, {
        id: BigInt(d.body.loanId),
        memberId: m.id,
        sukarelaId: m.sukarela,
        akad: p.input.akad,
        profile: 'good',
        behind: 0,
        stopFrom: 99,
        autodebet: channel === 'savings',
        real: true,
      });
      loansOf.set(m.id.toString(), (loansOf.get(m.id.toString()) ?? 0) + 1);
    }
    const expected = await mySession(deps, teller);
    await closeSession(deps, teller, sessionId, {
      countedRupiah: BigInt(expected?.expectedRupiah ?? '0'),
      entryDate: deskDate,
    });

    // 2. The month's other loans, set-based: applications, loans, schedules, disbursements.
    const fresh: (Record<string, unknown> & {
      loan_number: string;
      channel: string;
      net: string;
      disbursed_on: string;
    })[] = [];
    const schedules: { loan_number: string; no: number; due: string; p: string; i: string }[] = [];
    const newTracked: (Omit<Tracked, 'id'> & { loanNumber: string })[] = [];
    const dis = new Lines();
    const n = perMonth[mi]!;
    const lastNumber = await inOrg(deps, board, async (o) =>
      repo.reserveLoanNumbers(o.tx, coop, n),
    );
    const firstNumber = Number(lastNumber) - n + 1;
    const days = Array.from({ length: n }, (_, k) =>
      mi === 0 && k < scale.macet
        ? 1 + k
        : 1 +
          Math.floor(
            rand() * (month === WRITE_OFF_MONTH ? cutDay : Number(lastDayOf(month).slice(8))),
          ),
    ).sort((a, b) => a - b);
    let cashNet = 0n;
    let savingsNet = 0n;
    const credits: SavingsMove[] = [];
    let drawnCash = 0n;
    for (let k = 0; k < n; k++) {
      const macet = mi === 0 && k < scale.macet;
      const p = macet ? products[0]! : pickProduct();
      const m = borrower(scale.book === 'ksp' ? 1 : 2);
      const { amount, tenor } = terms(p);
      const on = `${month}-${pad(days[k]!)}`;
      const rows = buildSchedule({
        method: p.input.method,
        principalRupiah: amount,
        ratePercent: p.input.ratePercent,
        ratePeriod: p.input.ratePeriod,
        frequency: p.input.frequency,
        tenor,
        gracePrincipalPeriods: p.input.gracePrincipalPeriods,
        startDate: on,
      });
      const margin = rows.reduce((s, r) => s + r.interestRupiah, 0n);
      const fees = disbursementFees(amount, p.input.provisiBps, p.input.adminFeeRupiah);
      const net = amount - fees.totalRupiah;
      const collateral = p.collateral(amount, rand);
      const hh = household(amount);
      const loanNumber = `PJ/${on.slice(0, 4)}/${String(firstNumber + k).padStart(6, '0')}`;
      const prof = macet
        ? { profile: 'macet' as const, behind: 0, stopFrom: 0, autodebet: false }
        : newProfile(mi);
      const wantsSavings =
        p.input.akad !== 'ijarah' && rand() < (scale.book === 'ksp' ? 0.35 : 0.15);
      const after = wantsSavings ? sukarela(m.sukarela, net, on) : null;
      const channel = after !== null ? 'savings' : 'cash';
      if (after !== null) {
        credits.push({
          account: m.sukarela.toString(),
          kind: 'loan-disbursement',
          sign: 1,
          amount: net.toString(),
          after: after.toString(),
          date: on,
          entry: 'loan',
        });
        // most members draw the money in cash the same day and leave a little in the account
        const drawn = net - ((net * BigInt(Math.floor(rand() * 25))) / 100n / 10_000n) * 10_000n;
        const left = drawn > 0n ? sukarela(m.sukarela, -drawn, on) : null;
        if (left !== null) {
          credits.push({
            account: m.sukarela.toString(),
            kind: 'withdrawal',
            sign: -1,
            amount: drawn.toString(),
            after: left.toString(),
            date: on,
            entry: 'cash',
          });
          drawnCash += drawn;
        }
      }
      const applied = addDays(on, -(3 + Math.floor(rand() * 8)));
      nextApplied++;
      fresh.push({
        k,
        loan_number: loanNumber,
        member_id: m.id.toString(),
        product_id: p.id.toString(),
        akad: p.input.akad,
        method: p.input.method,
        rate: p.input.ratePercent,
        rate_period: p.input.ratePeriod,
        frequency: p.input.frequency,
        tenor,
        principal: amount.toString(),
        margin: margin.toString(),
        provisi: fees.provisiRupiah.toString(),
        admin: fees.adminFeeRupiah.toString(),
        net: net.toString(),
        channel,
        disbursed_on: on,
        maturity_on: rows[rows.length - 1]!.dueOn,
        first_due: rows[0]!.dueOn,
        collateral: collateral.map((c) => ({
          kind: c.kind,
          description: c.description,
          valueRupiah: c.valueRupiah.toString(),
        })),
        collateral_value: collateral.reduce((s, c) => s + c.valueRupiah, 0n).toString(),
        guarantor: guarantor(),
        income: hh.income.toString(),
        expenses: hh.expenses.toString(),
        purpose: pick(p.purposes),
        // microseconds keep each application's timestamp distinct: the insert is matched back on it
        applied_at: `${applied}T09:${pad(Math.floor(rand() * 60))}:00.${String(nextApplied % 1_000_000).padStart(6, '0')}+07:00`,
        decided_at: `${addDays(on, -1)}T14:00:00+07:00`,
        auto_debit: prof.autodebet,
      });
      for (const r of rows)
        schedules.push({
          loan_number: loanNumber,
          no: r.instalmentNo,
          due: r.dueOn,
          p: r.principalRupiah.toString(),
          i: r.interestRupiah.toString(),
        });
      newTracked.push({
        loanNumber,
        memberId: m.id,
        sukarelaId: m.sukarela,
        akad: p.input.akad,
        real: false,
        ...prof,
      });
      loansOf.set(m.id.toString(), (loansOf.get(m.id.toString()) ?? 0) + 1);
      if (p.input.akad === 'murabahah') {
        dis.add('d', 'murabahahReceivable', amount + margin);
        dis.add('c', 'deferredMargin', margin);
      } else dis.add('d', p.input.akad === 'conventional' ? 'loansMembers' : 'qardh', amount);
      dis.add('c', 'provisiIncome', fees.provisiRupiah);
      dis.add('c', 'adminIncome', fees.adminFeeRupiah);
      if (channel === 'cash') cashNet += net;
      else savingsNet += net;
    }
    dis.add('c', 'cash', cashNet);
    dis.add('c', 'savingsSukarela', savingsNet);
    cash.out += cashNet + drawnCash;
    if (n > 0) {
      const ids = await inOrg(deps, board, async (o) => {
        const posted = await postEntry(o, {
          entryDate: cut,
          description: `Rekap pencairan pinjaman ${month} (${n} pinjaman)`,
          source: { type: 'demo.loans-recap', id: month },
          lines: dis.get(),
        });
        const created = await repo.insertMonthLoans(
          o.tx,
          coop,
          officer.actor.userId,
          JSON.stringify(fresh),
          posted.entryId,
        );
        if (created.length !== n)
          throw new Error(`demo loans ${month}: ${created.length} of ${n} inserted`);
        await repo.insertOriginalSchedules(o.tx, coop, JSON.stringify(schedules));
        // net disbursements into the members' sukarela accounts
        if (credits.length > 0) {
          const drawn =
            drawnCash > 0n
              ? await postEntry(o, {
                  entryDate: cut,
                  description: `Rekap penarikan tunai dana pencairan pinjaman dari simpanan ${month}`,
                  source: { type: 'demo.savings-recap', id: month },
                  lines: [
                    { account: { role: 'savingsSukarela' }, debitRupiah: drawnCash },
                    { account: { role: 'cash' }, creditRupiah: drawnCash },
                  ],
                })
              : posted;
          await savingsMoves(o, credits, { loan: posted.entryId, cash: drawn.entryId });
        }
        return created;
      });
      for (const r of ids) {
        const t = newTracked.find((x) => x.loanNumber === r.loan_number)!;
        tracked.set(r.id.toString(), { ...t, id: r.id });
      }
    }

    // 3. Instalments of the book (the desk's loans were paid at the counter above).
    const book = await openRows(null, addDays(cut, 45));
    const pays: { t: Tracked; pay: Payment; channel: 'cash' | 'savings'; after: bigint | null }[] =
      [];
    for (const [id, e] of book) {
      const t = tracked.get(id);
      if (!t || t.real) continue;
      const due = e.rows.filter((r) => r.due <= cut);
      if (due.length === 0) continue;
      let j = 0;
      let date: string | null = null;
      const randomDay = (from: number) =>
        `${month}-${pad(Math.min(cutDay, from + Math.floor(rand() * Math.max(1, cutDay - from + 1))))}`;
      const good = t.profile === 'good' || (t.profile === 'stop' && mi < t.stopFrom);
      if (good) {
        j = due.length;
        if (due[0]!.due < first) date = randomDay(1);
        else if (rand() < 0.06) {
          const late = addDays(due[0]!.due, 1 + Math.floor(rand() * 6));
          date = late <= cut ? late : null; // paid a few days late, or next month
        } else {
          const early = addDays(due[0]!.due, -Math.floor(rand() * 5));
          date = early < first ? first : early;
        }
      } else if (t.profile === 'late') {
        const r = rand();
        j = r < 0.12 ? 0 : r < 0.2 ? due.length : Math.max(0, due.length - t.behind);
        date = randomDay(1);
      }
      if (!date || j === 0) continue;
      const pay = allocate(t.id, e.accrued, e.rows, e.complete, j, date);
      if (!pay) continue;
      const after = t.autodebet ? sukarela(t.sukarelaId, -pay.amount, date) : null;
      pays.push({ t, pay, channel: after !== null ? 'savings' : 'cash', after });
    }
    if (pays.length > 0) {
      const rec = new Lines();
      let cashIn = 0n;
      let savingsIn = 0n;
      for (const { t, pay, channel } of pays) {
        receipt(rec, t.akad, pay);
        if (channel === 'cash') cashIn += pay.amount;
        else savingsIn += pay.amount;
      }
      rec.add('d', 'cash', cashIn);
      rec.add('d', 'savingsSukarela', savingsIn);
      cash.in += cashIn;
      await inOrg(deps, board, async (o) => {
        const posted = await postEntry(o, {
          entryDate: cut,
          description: `Rekap angsuran pinjaman ${month} (${pays.length} pembayaran)`,
          source: { type: 'demo.loans-recap', id: month },
          lines: rec.get(),
        });
        await repo.applyInstalmentPayments(
          o.tx,
          coop,
          JSON.stringify(pays.flatMap((p) => p.pay.rows)),
        );
        await repo.applyLoanPayments(o.tx, coop, JSON.stringify(pays.map((p) => p.pay.loan)));
        await repo.insertInstalmentRepayments(
          o.tx,
          coop,
          JSON.stringify(
            pays.map((p) => ({
              loan_id: p.pay.loan.id,
              paid_on: p.pay.loan.paid_on,
              channel: p.channel,
              amount: p.pay.amount.toString(),
              pen: p.pay.penalty.toString(),
              int: p.pay.interest.toString(),
              pri: p.pay.principal.toString(),
            })),
          ),
          posted.entryId,
          teller.actor.userId,
        );
        const debits = pays
          .filter((p) => p.after !== null)
          .map((p): SavingsMove => ({
            account: p.t.sukarelaId.toString(),
            kind: 'loan-repayment',
            sign: -1,
            amount: p.pay.amount.toString(),
            after: p.after!.toString(),
            date: p.pay.loan.paid_on,
            entry: 'loan',
          }));
        if (debits.length > 0)
          await savingsMoves(o, debits, { loan: posted.entryId, cash: posted.entryId });
      });
    }

    // 4. The one restructuring and the one write-off, through maker-checker like at the office.
    if (month === RESTRUCTURE_MONTH) {
      const l = await repo.restructureCandidate(db, coop, first);
      if (!l) throw new Error(`demo ${scale.book}: no loan in arrears to restructure`);
      const conventional = tracked.get(l.id.toString())?.akad === 'conventional';
      const approvalId = await requestRestructure(deps, officer, {
        loanId: l.id.toString(),
        kind: conventional ? 'restructure' : 'reschedule',
        effectiveOn: `${month}-20`,
        newTenor: l.open + 6,
        ...(conventional ? { capitalisePenalty: true } : {}),
        reason: conventional
          ? 'Usaha anggota terdampak banjir rob; tunggakan bunga dan denda dikapitalisasi, jangka waktu diperpanjang 6 bulan'
          : 'Penjualan anggota turun karena sakit; jangka waktu diperpanjang 6 bulan, margin tidak berubah',
      });
      await decide(deps, board, approvalId, { approve: true });
      const t = tracked.get(l.id.toString());
      if (t) Object.assign(t, { profile: 'good', behind: 0, stopFrom: 99 });
    }
    if (month === WRITE_OFF_MONTH) {
      const l = await repo.writeOffCandidate(db, coop);
      if (!l) throw new Error(`demo ${scale.book}: no Macet loan to write off`);
      const approvalId = await requestWriteOff(deps, officer, {
        loanId: l.id.toString(),
        writtenOffOn: '2026-11-16',
        reason:
          'Macet lebih dari 270 hari, anggota pindah ke luar kota dan tidak dapat dihubungi; penagihan tetap dilanjutkan (hapus buku bukan hapus tagih)',
      });
      await decide(deps, board, approvalId, { approve: true });
      // a week later the family brings a first instalment on the claim to the counter: a recovery
      const recovery = await openSession(deps, teller, {
        deskId: await deskId(),
        businessDate: RECOVERY_DAY,
        openingFloatRupiah: 5_000_000n,
      });
      await recover(deps, teller, l.id, {
        amountRupiah: RECOVERY_RUPIAH,
        receivedOn: RECOVERY_DAY,
        cashSessionId: BigInt(recovery.id),
      });
      cash.in += RECOVERY_RUPIAH;
      const counted = await mySession(deps, teller);
      await closeSession(deps, teller, BigInt(recovery.id), {
        countedRupiah: BigInt(counted?.expectedRupiah ?? '0'),
        entryDate: RECOVERY_DAY,
      });
      // applications still in the pipeline: one just in, one analysed, one before the committee
      for (const stage of ['submitted', 'analysed', 'pending_approval'] as const) {
        const p =
          products[
            stage === 'submitted'
              ? 0
              : stage === 'analysed'
                ? 1 % products.length
                : 2 % products.length
          ]!;
        const m = borrower(1);
        const { amount, tenor } = terms(p);
        const hh = household(amount);
        const app = await createApplication(deps, officer, {
          memberId: m.id,
          productId: p.id,
          amountRupiah: amount,
          tenor,
          purpose: pick(p.purposes),
          collateral: p.collateral(amount, rand),
          guarantor: guarantor(),
          monthlyIncomeRupiah: hh.income,
          monthlyExpensesRupiah: hh.expenses,
        });
        if (stage === 'submitted') continue;
        await analyseApplication(deps, officer, BigInt(app.id), {
          notes: 'Survei lapangan selesai; usaha berjalan, agunan sesuai. Direkomendasikan.',
          recommendation: 'approve',
        });
        if (stage === 'pending_approval') await submitForApproval(deps, officer, BigInt(app.id));
      }
    }

    // 5. Cash for disbursements comes from the bank; instalments taken in cash go to the bank.
    await inOrg(deps, board, async (o) => {
      if (cash.out > 0n)
        await postEntry(o, {
          entryDate: first,
          description: `Pengambilan dana bank untuk pencairan pinjaman ${month}`,
          source: { type: 'demo.cash-to-bank', id: month },
          lines: [
            { account: { role: 'cash' }, debitRupiah: cash.out },
            { account: { role: 'bank' }, creditRupiah: cash.out },
          ],
        });
      if (cash.in > 0n)
        await postEntry(o, {
          entryDate: cut,
          description: `Setoran kas angsuran pinjaman ke bank ${month}`,
          source: { type: 'demo.cash-to-bank', id: month },
          lines: [
            { account: { role: 'bank' }, debitRupiah: cash.in },
            { account: { role: 'cash' }, creditRupiah: cash.in },
          ],
        });
      // the open month: today's days past due and classes, as the daily refresh keeps them
      if (month === WRITE_OFF_MONTH) await classify(o, DEMO_TODAY);
    });
  };

  async function deskId(): Promise<bigint> {
    const desk = await repo.firstActiveDesk(db, coop);
    if (!desk) throw new Error('demo: no cash desk');
    return desk.id;
  }

  /** Money into or out of sukarela accounts, in the order given (the caller posted the entries). */
  async function savingsMoves(
    o: OrgTx,
    moves: SavingsMove[],
    entries: Record<SavingsMove['entry'], bigint>,
  ) {
    const json = JSON.stringify(moves.map((m) => ({ ...m, entry: entries[m.entry].toString() })));
    await repo.writeSavingsMoves(o.tx, coop, json);
  }
}
