/**
 * Monthly profit distribution (distribusi bagi hasil) to mudharabah funds — issue 21 item 2.
 * The rules, their sources and the worked example: docs/domain/sharia-bagi-hasil.md.
 *
 * Pure and exact: rupiah are bigint and every intermediate (average balance, investable balance,
 * income share, pool, an account's entitlement) is a fraction of bigints, never a float. Rounding
 * happens once per amount paid, by the rule written down at `distribute`: the pool is paid as
 * floor(D_p) whole rupiah, each account gets floor(d_a) and the leftover rupiah go one each to the
 * largest fractional remainders (ties: `compareAccountIds`). The equivalent rate is information
 * only, rounded half up to `RATE_PERCENT_DECIMALS` decimals of a percent.
 *
 * Revenue sharing is the default (fatwa 15/DSN-MUI/IX/2000 recommends it): the caller passes as
 * `incomeRupiah` the cash-basis income of the month (fatwa 14/DSN-MUI/IX/2000). Profit sharing is
 * the caller's choice of that figure (income less operating costs); nothing here changes.
 */
import { strict as assert } from 'node:assert';

/** n / d, d > 0, in lowest terms. */
export interface Rational {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d = 1n): Rational {
  assert(d !== 0n, 'denominator must not be zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

const ZERO = rational(0n);
const mul = (a: Rational, b: Rational): Rational => rational(a.n * b.n, a.d * b.d);
const div = (a: Rational, b: Rational): Rational => rational(a.n * b.d, a.d * b.n);
const add = (a: Rational, b: Rational): Rational => rational(a.n * b.d + b.n * a.d, a.d * b.d);
/** a < b: negative, a = b: 0, a > b: positive */
const compare = (a: Rational, b: Rational): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** Percent inputs (nisbah, weight) carry at most this many decimals (45.5, 12.3456). */
export const PERCENT_DECIMALS_MAX = 4;

export type PercentProblem = 'not-decimal' | 'negative' | 'too-many-decimals' | 'over-100';

/**
 * A percent 0–100 written as a plain decimal ("85", "45.5", "45,5", "12.3456") → the exact
 * fraction of one (45.5 → 91/200), or why not. Parsed from the text, never through a float.
 */
export function parsePercent(text: string): Rational | PercentProblem {
  const t = text.trim().replace(',', '.');
  if (/^-/.test(t)) return 'negative';
  const m = /^([0-9]{1,10})(?:\.([0-9]+))?$/.exec(t);
  if (!m) return 'not-decimal';
  const decimals = m[2] ?? '';
  if (decimals.length > PERCENT_DECIMALS_MAX) return 'too-many-decimals';
  const r = rational(BigInt(`${m[1]}${decimals}`), 100n * 10n ** BigInt(decimals.length));
  return r.n > r.d ? 'over-100' : r;
}

/** A balance kept at the end of each day from `fromDay` to `toDay` (1-based, inclusive). */
export interface BalanceSegment {
  fromDay: number;
  toDay: number;
  balanceRupiah: bigint;
}

export interface BagiHasilAccount {
  id: string;
  /** end-of-day balances; days no segment covers count as 0 (not yet opened, closed) */
  balances: readonly BalanceSegment[];
  /**
   * The members' nisbah in this member's akad when it differs from the product's (a raise, or a
   * lower one the member agreed to); as a fraction of one.
   */
  nisbahAnggota?: Rational;
}

export interface BagiHasilProduct {
  code: string;
  /** the members' nisbah n_p as a fraction of one (30:70 → 3/10) */
  nisbahAnggota: Rational;
  /** the weight (bobot) w_p = 1 − reserve, as a fraction of one (85 % → 17/20) */
  weight: Rational;
  accounts: readonly BagiHasilAccount[];
}

export interface BagiHasilInput {
  /** calendar days of the month, D (28–31) */
  days: number;
  /** P: income to share — cash basis; revenue sharing by default, profit sharing if the caller nets costs */
  incomeRupiah: bigint;
  /** F: average outstanding financing of the month */
  averageFinancingRupiah: bigint;
  /**
   * Σ over the month's days of the financing outstanding at the end of each day; when given, F is
   * this sum / days, exactly (the month-end derives it from the ledger), and
   * `averageFinancingRupiah` is ignored.
   */
  financingDailySumRupiah?: bigint;
  products: readonly BagiHasilProduct[];
}

export interface ProductDistribution {
  code: string;
  /** N_p = Σ N_a */
  dailyBalanceSumRupiah: bigint;
  /** S_p = N_p / D */
  averageBalance: Rational;
  /** I_p = S_p × w_p */
  investableBalance: Rational;
  /** R_p = P × I_p / max(I, F): the product's income share */
  incomeShare: Rational;
  /** D_p = R_p × n_p: the members' pool, exact */
  pool: Rational;
  /** floor(D_p): what is paid; the fraction stays with the KSPPS */
  poolRupiah: bigint;
  /** r_p = D_p / S_p, null when the product had no balance (S_p = 0) */
  ratePerMonth: Rational | null;
  /** r_p × 100 rounded half up to RATE_PERCENT_DECIMALS decimals ("0.612"); null as above */
  ratePerMonthPercent: string | null;
}

export interface AccountShare {
  id: string;
  productCode: string;
  /** N_a = Σ_d bal_a(d) */
  dailyBalanceSumRupiah: bigint;
  /** d_a = D_p × N_a / N_p, exact */
  entitlement: Rational;
  /** floor(d_a), plus 1 if among the largest remainders */
  shareRupiah: bigint;
}

export interface BagiHasilResult {
  /** I = Σ I_p */
  investableTotal: Rational;
  /** max(I, F): 'financing' when funds are below financing (part of P stays as the KSPPS's own-capital return) */
  divisorIs: 'funds' | 'financing';
  products: ProductDistribution[];
  /** product by product in input order, then accounts in input order */
  accounts: AccountShare[];
  /** Σ poolRupiah */
  distributedRupiah: bigint;
  /** P − distributed: own-capital part, the KSPPS's nisbah and the pools' fractions */
  retainedRupiah: bigint;
}

/** Decimals of the equivalent monthly rate in percent (sharia.md §b.3 shows 0,612 and 1,026). */
export const RATE_PERCENT_DECIMALS = 3;

/** A non-negative fraction × 100, rounded half up to `decimals` decimals: 153/25000 → "0.612". */
export function percentText(r: Rational, decimals = RATE_PERCENT_DECIMALS): string {
  assert(r.n >= 0n, 'negative rate');
  const scale = 10n ** BigInt(decimals);
  const num = r.n * 100n * scale;
  const q = (2n * num + r.d) / (2n * r.d); // half up
  const whole = (q / scale).toString();
  return decimals === 0 ? whole : `${whole}.${(q % scale).toString().padStart(decimals, '0')}`;
}

const DIGITS = /^[0-9]+$/;

/**
 * The order of account ids when remainders tie ("lower account number first"), total and
 * independent of locale: ids of digits only come first, by numeric value (equal values such as
 * "07" and "7" by text); then every other id by UTF-16 code units (plain `<`, i.e. ASCII order).
 */
export function compareAccountIds(a: string, b: string): number {
  const aDigits = DIGITS.test(a);
  const bDigits = DIGITS.test(b);
  if (aDigits !== bDigits) return aDigits ? -1 : 1;
  if (aDigits) {
    const x = BigInt(a);
    const y = BigInt(b);
    if (x !== y) return x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** N_a: Σ over days of the end-of-day balance = Σ segments balance × days covered. */
export function dailyBalanceSum(balances: readonly BalanceSegment[]): bigint {
  return balances.reduce((sum, s) => sum + s.balanceRupiah * BigInt(s.toDay - s.fromDay + 1), 0n);
}

/** Preconditions the edge (the CLI's zod schema, later the month-end's SQL) has already checked. */
function assertValid(input: BagiHasilInput): void {
  assert(Number.isInteger(input.days) && input.days >= 28 && input.days <= 31, 'days 28–31');
  assert(input.incomeRupiah >= 0n && input.averageFinancingRupiah >= 0n, 'P and F non-negative');
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (const p of input.products) {
    assert(!codes.has(p.code), `product code ${p.code} twice`);
    codes.add(p.code);
    for (const f of [p.nisbahAnggota, p.weight])
      assert(f.d > 0n && f.n >= 0n && f.n <= f.d, 'nisbah and weight within 0–100 %');
    for (const a of p.accounts) {
      assert(!ids.has(a.id), `account id ${a.id} twice`);
      ids.add(a.id);
      const days = [...a.balances].sort((x, y) => x.fromDay - y.fromDay);
      let last = 0;
      for (const s of days) {
        assert(
          Number.isInteger(s.fromDay) && Number.isInteger(s.toDay) && s.fromDay > last,
          `segments of ${a.id} overlap or start before day 1`,
        );
        assert(s.toDay >= s.fromDay && s.toDay <= input.days, `segment of ${a.id} out of month`);
        assert(s.balanceRupiah >= 0n, `negative balance on ${a.id}`);
        last = s.toDay;
      }
    }
  }
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/**
 * The pool and its account shares, given the product's income share R_p.
 * d_a = R_p × N_a × n_a / N_p (n_a the nisbah in the member's akad, the product's by default);
 * the pool D_p = Σ d_a, paid as floor(D_p).
 * ROUNDING RULE: each account gets floor(d_a); the leftover floor(D_p) − Σ floor(d_a) (fewer than
 * the accounts with a fraction) goes one rupiah each to the accounts with the largest fractional
 * remainders, ties to the lower id by `compareAccountIds` — the largest-remainder rule of SHU.
 * The month-end's SQL (src/db/bagi-hasil.repo.ts) applies the same rule over the same common
 * denominator scaled to basis points.
 */
function distribute(
  code: string,
  incomeShare: Rational,
  accounts: readonly { id: string; sum: bigint; nisbah: Rational }[],
  productSum: bigint,
): { pool: Rational; poolRupiah: bigint; shares: AccountShare[] } {
  if (productSum === 0n || incomeShare.n === 0n)
    return {
      pool: ZERO,
      poolRupiah: 0n,
      shares: accounts.map((a) => ({
        id: a.id,
        productCode: code,
        dailyBalanceSumRupiah: a.sum,
        entitlement: ZERO,
        shareRupiah: 0n,
      })),
    };
  // one denominator for the whole product: q = R.d × N_p × lcm(n_a.d)
  const l = accounts.reduce((x, a) => lcm(x, a.nisbah.d), 1n);
  const q = incomeShare.d * productSum * l;
  const rows = accounts.map((a) => {
    const num = incomeShare.n * a.sum * a.nisbah.n * (l / a.nisbah.d);
    return { ...a, num, floor: num / q, remainder: num % q };
  });
  const total = rows.reduce((s, r) => s + r.num, 0n);
  const poolRupiah = total / q;
  const leftover = poolRupiah - rows.reduce((s, r) => s + r.floor, 0n);
  assert(leftover >= 0n && leftover < BigInt(rows.length + 1), 'leftover out of range');
  const ranked = rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) =>
      x.r.remainder !== y.r.remainder
        ? x.r.remainder > y.r.remainder
          ? -1
          : 1
        : compareAccountIds(x.r.id, y.r.id),
    );
  const bonus = new Set(ranked.slice(0, Number(leftover)).map((x) => x.i));
  return {
    pool: rational(total, q),
    poolRupiah,
    shares: rows.map((r, i) => {
      assert(!bonus.has(i) || r.remainder > 0n, 'a whole entitlement got a leftover rupiah');
      return {
        id: r.id,
        productCode: code,
        dailyBalanceSumRupiah: r.sum,
        entitlement: rational(r.num, q),
        shareRupiah: r.floor + (bonus.has(i) ? 1n : 0n),
      };
    }),
  };
}

export interface FundsOfProduct {
  code: string;
  weight: Rational;
  /** N_p */
  dailyBalanceSumRupiah: bigint;
}

export interface IncomeAllocation {
  investableTotal: Rational;
  divisorIs: 'funds' | 'financing';
  products: {
    code: string;
    averageBalance: Rational;
    investableBalance: Rational;
    /** R_p = P × I_p / max(I, F) */
    incomeShare: Rational;
  }[];
}

/**
 * Steps 1–4 for whole products (sharia.md §b.2): S_p = N_p / D, I_p = S_p × w_p, I = Σ I_p,
 * R_p = P × I_p / max(I, F) with F = financing daily sum / D. The month-end calls this with the
 * sums its SQL read; `computeBagiHasil` with the sums of its accounts.
 */
export function allocateIncome(
  days: number,
  incomeRupiah: bigint,
  financingDailySumRupiah: bigint,
  products: readonly FundsOfProduct[],
): IncomeAllocation {
  const d = rational(BigInt(days));
  const income = rational(incomeRupiah);
  const financing = rational(financingDailySumRupiah, BigInt(days));
  const measured = products.map((p) => {
    const average = div(rational(p.dailyBalanceSumRupiah), d);
    return { code: p.code, average, investable: mul(average, p.weight) };
  });
  const investableTotal = measured.reduce((s, m) => add(s, m.investable), ZERO);
  const fundsCover = compare(investableTotal, financing) >= 0;
  const divisor = fundsCover ? investableTotal : financing;
  return {
    investableTotal,
    divisorIs: fundsCover ? 'funds' : 'financing',
    products: measured.map((m) => ({
      code: m.code,
      averageBalance: m.average,
      investableBalance: m.investable,
      incomeShare: divisor.n === 0n ? ZERO : div(mul(income, m.investable), divisor),
    })),
  };
}

/** r_p = D_p / S_p as a fraction, and in percent to RATE_PERCENT_DECIMALS; null without balance. */
export function equivalentRate(pool: Rational, averageBalance: Rational) {
  if (averageBalance.n === 0n) return { ratePerMonth: null, ratePerMonthPercent: null };
  const r = div(pool, averageBalance);
  return { ratePerMonth: r, ratePerMonthPercent: percentText(r) };
}

/**
 * The month's distribution (sharia.md §b.2 steps 1–9; docs/domain/sharia-bagi-hasil.md):
 * N_a, N_p, S_p = N_p / D, I_p = S_p × w_p, I = Σ I_p, R_p = P × I_p / max(I, F),
 * d_a = R_p × N_a × n_a / N_p and D_p = Σ d_a paid as floor(D_p) by `distribute`,
 * r_p = D_p / S_p. With I = F = 0 nothing is shared.
 */
export function computeBagiHasil(input: BagiHasilInput): BagiHasilResult {
  assertValid(input);
  const measured = input.products.map((p) => {
    const accounts = p.accounts.map((a) => ({
      id: a.id,
      sum: dailyBalanceSum(a.balances),
      nisbah: a.nisbahAnggota ?? p.nisbahAnggota,
    }));
    return { p, accounts, sum: accounts.reduce((s, a) => s + a.sum, 0n) };
  });
  const financingSum =
    input.financingDailySumRupiah ?? input.averageFinancingRupiah * BigInt(input.days);
  const allocation = allocateIncome(
    input.days,
    input.incomeRupiah,
    financingSum,
    measured.map((m) => ({ code: m.p.code, weight: m.p.weight, dailyBalanceSumRupiah: m.sum })),
  );

  const products: ProductDistribution[] = [];
  const accounts: AccountShare[] = [];
  for (const [i, m] of measured.entries()) {
    const a = allocation.products[i]!;
    const { pool, poolRupiah, shares } = distribute(m.p.code, a.incomeShare, m.accounts, m.sum);
    products.push({
      code: m.p.code,
      dailyBalanceSumRupiah: m.sum,
      averageBalance: a.averageBalance,
      investableBalance: a.investableBalance,
      incomeShare: a.incomeShare,
      pool,
      poolRupiah,
      ...equivalentRate(pool, a.averageBalance),
    });
    assert(shares.reduce((s, x) => s + x.shareRupiah, 0n) === poolRupiah, 'shares ≠ pool');
    accounts.push(...shares);
  }
  const distributedRupiah = products.reduce((s, p) => s + p.poolRupiah, 0n);
  assert(distributedRupiah <= input.incomeRupiah, 'distributed more than the income');
  return {
    investableTotal: allocation.investableTotal,
    divisorIs: allocation.divisorIs,
    products,
    accounts,
    distributedRupiah,
    retainedRupiah: input.incomeRupiah - distributedRupiah,
  };
}
