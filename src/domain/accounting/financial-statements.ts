/**
 * The statements cooperatives publish, built from per-account balances (never from the journal):
 * neraca saldo, neraca, laporan perhitungan hasil usaha (PHU), laporan perubahan ekuitas, laporan
 * arus kas. Pure functions; amounts are bigint rupiah.
 *
 * Sign convention inside: "net" is debit-positive (debits − credits). A credit-normal account
 * (liability, equity, income, contra asset) is shown as −net.
 */
import type { AccountDefinition, AccountType, CashFlowClass } from './account.js';

export interface AccountBalance extends AccountDefinition {
  cashFlowClass: CashFlowClass;
  /** The role the software posts by ('savingsMudharabah', …); the sharia presentation reads it. */
  role?: string | null;
  /** Debit-positive balance before the range. */
  openingNet: bigint;
  debit: bigint;
  credit: bigint;
}

export const closingNet = (a: AccountBalance) => a.openingNet + a.debit - a.credit;
/**
 * The amount an account adds to its section: debit-positive in aset and beban, credit-positive in
 * kewajiban, ekuitas and pendapatan. A contra account (akumulasi penyusutan, PPAP) therefore shows
 * as a negative amount inside aset and reduces the total, as on a printed balance sheet.
 */
const shown = (a: Pick<AccountBalance, 'type'>, net: bigint) =>
  a.type === 'aset' || a.type === 'beban' ? net : -net;
const isPnl = (t: AccountType) => t === 'pendapatan' || t === 'beban';

export interface TrialBalanceRow {
  code: string;
  name: string;
  openingDebit: bigint;
  openingCredit: bigint;
  debit: bigint;
  credit: bigint;
  closingDebit: bigint;
  closingCredit: bigint;
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  totals: Omit<TrialBalanceRow, 'code' | 'name'>;
  balanced: boolean;
}

const split = (net: bigint): [bigint, bigint] => (net >= 0n ? [net, 0n] : [0n, -net]);

/** Neraca saldo: every postable account with a balance or movement. */
export function trialBalance(accounts: readonly AccountBalance[]): TrialBalance {
  const rows: TrialBalanceRow[] = [];
  const totals = {
    openingDebit: 0n,
    openingCredit: 0n,
    debit: 0n,
    credit: 0n,
    closingDebit: 0n,
    closingCredit: 0n,
  };
  for (const a of accounts) {
    if (!a.isPostable) continue;
    if (a.openingNet === 0n && a.debit === 0n && a.credit === 0n) continue;
    const [od, oc] = split(a.openingNet);
    const [cd, cc] = split(closingNet(a));
    const row = {
      code: a.code,
      name: a.name,
      openingDebit: od,
      openingCredit: oc,
      debit: a.debit,
      credit: a.credit,
      closingDebit: cd,
      closingCredit: cc,
    };
    rows.push(row);
    totals.openingDebit += od;
    totals.openingCredit += oc;
    totals.debit += a.debit;
    totals.credit += a.credit;
    totals.closingDebit += cd;
    totals.closingCredit += cc;
  }
  return {
    rows,
    totals,
    balanced:
      totals.debit === totals.credit &&
      totals.closingDebit === totals.closingCredit &&
      totals.openingDebit === totals.openingCredit,
  };
}

export interface StatementLine {
  code: string;
  name: string;
  level: number;
  amount: bigint;
  prior: bigint | null;
  isGroup: boolean;
}

export interface StatementSection {
  title: string;
  lines: StatementLine[];
  total: bigint;
  priorTotal: bigint | null;
}

/** Group accounts into their parent tree under a class, with group subtotals. */
function tree(
  accounts: readonly AccountBalance[],
  prior: ReadonlyMap<string, bigint> | null,
  rootFilter: (a: AccountBalance) => boolean,
  value: (a: AccountBalance) => bigint,
): { lines: StatementLine[]; total: bigint; priorTotal: bigint | null } {
  const byParent = new Map<string | null, AccountBalance[]>();
  for (const a of accounts) {
    if (!rootFilter(a)) continue;
    const list = byParent.get(a.parentCode) ?? [];
    list.push(a);
    byParent.set(a.parentCode, list);
  }
  const codes = new Set(accounts.filter(rootFilter).map((a) => a.code));
  const roots = accounts.filter(
    (a) => rootFilter(a) && (a.parentCode === null || !codes.has(a.parentCode)),
  );
  const lines: StatementLine[] = [];
  const lineOf = (
    a: AccountBalance,
    level: number,
    amount: bigint,
    p: bigint,
    isGroup: boolean,
  ) => ({
    code: a.code,
    name: a.name,
    level,
    amount,
    prior: prior ? p : null,
    isGroup,
  });
  const walk = (a: AccountBalance, level: number): { amount: bigint; prior: bigint } => {
    const children = (byParent.get(a.code) ?? []).sort((x, y) => x.code.localeCompare(y.code));
    if (children.length === 0 || a.isPostable) {
      const amount = value(a);
      const p = prior?.get(a.code) ?? 0n;
      if (amount !== 0n || p !== 0n) lines.push(lineOf(a, level, amount, p, false));
      return { amount, prior: p };
    }
    const at = lines.length;
    let amount = 0n;
    let p = 0n;
    for (const c of children) {
      const r = walk(c, level + 1);
      amount += r.amount;
      p += r.prior;
    }
    if (lines.length > at) lines.splice(at, 0, lineOf(a, level, amount, p, true));
    return { amount, prior: p };
  };
  let total = 0n;
  let priorTotal = 0n;
  for (const r of roots.sort((x, y) => x.code.localeCompare(y.code))) {
    const t = walk(r, 0);
    total += t.amount;
    priorTotal += t.prior;
  }
  return { lines, total, priorTotal: prior ? priorTotal : null };
}

const priorMap = (accounts: readonly AccountBalance[] | null, f: (a: AccountBalance) => bigint) =>
  accounts ? new Map(accounts.map((a) => [a.code, f(a)])) : null;

/** SHU not yet closed to equity: income − expense through the end of the range (credit-positive). */
export function unclosedShu(accounts: readonly AccountBalance[]): bigint {
  return accounts
    .filter((a) => isPnl(a.type) && a.isPostable)
    .reduce((s, a) => s - closingNet(a), 0n);
}

/**
 * The presentation of a sharia cooperative (PSAK 101, docs/domain/sharia-statements.md): its
 * mudharabah funds are dana syirkah temporer, shown between liabilities and equity (not a debt: the
 * KSPPS does not guarantee the capital; not equity: the members withdraw them), and the profit
 * shared with them is "bagi hasil untuk pemilik dana", taken from the operating income before the
 * expenses, not an expense like salaries.
 */
export interface Presentation {
  sharia: boolean;
}
/** The roles of the mudharabah funds (savings and deposits) in a KSPPS chart. */
export const SYIRKAH_TEMPORER_ROLES: readonly string[] = ['savingsMudharabah', 'savingsBerjangka'];
/** The roles of the monthly shares of those funds (5101 savings, 5102 deposits). */
export const BAGI_HASIL_PEMILIK_DANA_ROLES: readonly string[] = [
  'savingsInterestExpense',
  'depositInterestExpense',
];
const hasRole = (roles: readonly string[]) => (a: AccountBalance) =>
  typeof a.role === 'string' && roles.includes(a.role);
const isSyirkahTemporer = hasRole(SYIRKAH_TEMPORER_ROLES);
const isBagiHasilPemilikDana = hasRole(BAGI_HASIL_PEMILIK_DANA_ROLES);
/** Other income (group 43): pendapatan nonusaha in the sharia income statement. */
const isNonOperatingIncome = (a: AccountBalance) =>
  a.type === 'pendapatan' && a.code.startsWith('43');

export interface BalanceSheet {
  aset: StatementSection;
  kewajiban: StatementSection;
  /** Sharia presentation only (null otherwise): the mudharabah funds. */
  danaSyirkahTemporer: StatementSection | null;
  ekuitas: StatementSection;
  /** Part of ekuitas: income − expense not yet closed at year end. */
  shuBelumDitutup: bigint;
  balanced: boolean;
}

/**
 * Neraca at the end of the range; `prior` is the comparison balance sheet's accounts. Under the
 * sharia presentation the mudharabah funds leave KEWAJIBAN for DANA SYIRKAH TEMPORER.
 */
export function balanceSheet(
  accounts: readonly AccountBalance[],
  prior: readonly AccountBalance[] | null,
  presentation: Presentation = { sharia: false },
): BalanceSheet {
  const section = (title: string, include: (a: AccountBalance) => boolean): StatementSection => {
    const t = tree(
      accounts,
      priorMap(prior, (a) => shown(a, closingNet(a))),
      include,
      (a) => shown(a, closingNet(a)),
    );
    return { title, lines: t.lines, total: t.total, priorTotal: t.priorTotal };
  };
  const syirkah = (a: AccountBalance) => presentation.sharia && isSyirkahTemporer(a);
  const aset = section('ASET', (a) => a.type === 'aset');
  const kewajiban = section(
    presentation.sharia ? 'LIABILITAS' : 'KEWAJIBAN',
    (a) => a.type === 'kewajiban' && !syirkah(a),
  );
  const danaSyirkahTemporer = presentation.sharia
    ? section('DANA SYIRKAH TEMPORER', (a) => a.type === 'kewajiban' && syirkah(a))
    : null;
  const ekuitas = section('EKUITAS', (a) => a.type === 'ekuitas');
  const shu = unclosedShu(accounts);
  const priorShu = prior ? unclosedShu(prior) : null;
  // after the year-end close nothing is left unclosed (the SHU is in SHU belum dibagi): no line
  if (shu !== 0n || (priorShu ?? 0n) !== 0n)
    ekuitas.lines.push({
      code: '',
      name: 'SHU tahun berjalan (belum ditutup)',
      level: 1,
      amount: shu,
      prior: priorShu,
      isGroup: false,
    });
  ekuitas.total += shu;
  if (ekuitas.priorTotal !== null && priorShu !== null) ekuitas.priorTotal += priorShu;
  return {
    aset,
    kewajiban,
    danaSyirkahTemporer,
    ekuitas,
    shuBelumDitutup: shu,
    balanced: aset.total === kewajiban.total + (danaSyirkahTemporer?.total ?? 0n) + ekuitas.total,
  };
}

export interface IncomeStatement {
  /** All income; under the sharia presentation the operating income only (groups 41, 42). */
  pendapatan: StatementSection;
  /** Sharia presentation only: the mudharabah funds' shares (5101, 5102), before the expenses. */
  bagiHasilPemilikDana: StatementSection | null;
  /** Sharia only: pendapatan − bagi hasil, the KSPPS's own part of its operating income. */
  pendapatanSetelahBagiHasil: bigint | null;
  priorPendapatanSetelahBagiHasil: bigint | null;
  /** Every other expense. */
  beban: StatementSection;
  /** Sharia presentation only: other income (group 43), pendapatan nonusaha. */
  pendapatanNonUsaha: StatementSection | null;
  shu: bigint;
  priorShu: bigint | null;
  /** Income from members' participation (group 41) versus non-members (42), as supervisors read it. */
  memberIncome: bigint;
  nonMemberIncome: bigint;
}

/**
 * Laporan perhitungan hasil usaha for the movements of the range (year-end closing entries must
 * be left out of the balances by the caller, or the year's result would read as zero).
 */
export function incomeStatement(
  accounts: readonly AccountBalance[],
  prior: readonly AccountBalance[] | null,
  presentation: Presentation = { sharia: false },
): IncomeStatement {
  const movement = (a: AccountBalance) => shown(a, a.debit - a.credit);
  const section = (title: string, include: (a: AccountBalance) => boolean): StatementSection => {
    const t = tree(accounts, priorMap(prior, movement), include, movement);
    return { title, lines: t.lines, total: t.total, priorTotal: t.priorTotal };
  };
  const sharia = presentation.sharia;
  const pendapatan = sharia
    ? section('PENDAPATAN USAHA', (a) => a.type === 'pendapatan' && !isNonOperatingIncome(a))
    : section('PENDAPATAN', (a) => a.type === 'pendapatan');
  const bagiHasilPemilikDana = sharia
    ? section(
        'BAGI HASIL UNTUK PEMILIK DANA',
        (a) => a.type === 'beban' && isBagiHasilPemilikDana(a),
      )
    : null;
  const beban = sharia
    ? section('BEBAN', (a) => a.type === 'beban' && !isBagiHasilPemilikDana(a))
    : section('BEBAN', (a) => a.type === 'beban');
  const pendapatanNonUsaha = sharia ? section('PENDAPATAN NONUSAHA', isNonOperatingIncome) : null;
  const groupIncome = (prefix: string) =>
    accounts
      .filter((a) => a.type === 'pendapatan' && a.isPostable && a.code.startsWith(prefix))
      .reduce((s, a) => s + movement(a), 0n);
  // every section has a comparison or none does: the prior SHU is their sum under the same rule
  const shuOf = (v: (s: StatementSection) => bigint) =>
    v(pendapatan) +
    (pendapatanNonUsaha ? v(pendapatanNonUsaha) : 0n) -
    (bagiHasilPemilikDana ? v(bagiHasilPemilikDana) : 0n) -
    v(beban);
  const withPrior = prior !== null;
  const priorOf = (s: StatementSection) => s.priorTotal ?? 0n;
  return {
    pendapatan,
    bagiHasilPemilikDana,
    pendapatanSetelahBagiHasil: bagiHasilPemilikDana
      ? pendapatan.total - bagiHasilPemilikDana.total
      : null,
    priorPendapatanSetelahBagiHasil:
      bagiHasilPemilikDana && withPrior
        ? priorOf(pendapatan) - priorOf(bagiHasilPemilikDana)
        : null,
    beban,
    pendapatanNonUsaha,
    shu: shuOf((s) => s.total),
    priorShu: withPrior ? shuOf(priorOf) : null,
    memberIncome: groupIncome('41'),
    nonMemberIncome: groupIncome('42'),
  };
}

export interface EquityChangeRow {
  code: string;
  name: string;
  opening: bigint;
  increase: bigint;
  decrease: bigint;
  closing: bigint;
}

/** Laporan perubahan ekuitas: each equity account's opening, increases, decreases and closing. */
export function equityChanges(accounts: readonly AccountBalance[]): {
  rows: EquityChangeRow[];
  totals: Omit<EquityChangeRow, 'code' | 'name'>;
} {
  const rows: EquityChangeRow[] = [];
  const totals = { opening: 0n, increase: 0n, decrease: 0n, closing: 0n };
  const push = (r: EquityChangeRow) => {
    rows.push(r);
    totals.opening += r.opening;
    totals.increase += r.increase;
    totals.decrease += r.decrease;
    totals.closing += r.closing;
  };
  for (const a of accounts) {
    if (a.type !== 'ekuitas' || !a.isPostable) continue;
    const opening = -a.openingNet;
    if (opening === 0n && a.debit === 0n && a.credit === 0n) continue;
    push({
      code: a.code,
      name: a.name,
      opening,
      increase: a.credit,
      decrease: a.debit,
      closing: opening + a.credit - a.debit,
    });
  }
  const pnl = accounts.filter((a) => isPnl(a.type) && a.isPostable);
  const shuOpening = pnl.reduce((s, a) => s - a.openingNet, 0n);
  const shuMovement = pnl.reduce((s, a) => s - (a.debit - a.credit), 0n);
  if (shuOpening !== 0n || shuMovement !== 0n)
    push({
      code: '',
      name: 'SHU tahun berjalan (belum ditutup)',
      opening: shuOpening,
      increase: shuMovement > 0n ? shuMovement : 0n,
      decrease: shuMovement < 0n ? -shuMovement : 0n,
      closing: shuOpening + shuMovement,
    });
  return { rows, totals };
}

export interface CashFlowStatement {
  sections: {
    title: string;
    lines: { code: string; name: string; amount: bigint }[];
    total: bigint;
  }[];
  netChange: bigint;
  cashOpening: bigint;
  cashClosing: bigint;
  reconciles: boolean;
}

/**
 * Laporan arus kas, indirect method: SHU of the range, then the change of every non-cash balance
 * (an increase in an asset uses cash, an increase in a liability or equity provides it), grouped by
 * each account's cash-flow class. Because every entry balances, the sum equals the change in cash.
 */
export function cashFlow(accounts: readonly AccountBalance[]): CashFlowStatement {
  const cash = accounts.filter((a) => a.cashFlowClass === 'cash' && a.isPostable);
  const cashOpening = cash.reduce((s, a) => s + a.openingNet, 0n);
  const cashClosing = cash.reduce((s, a) => s + closingNet(a), 0n);
  const shu = accounts
    .filter((a) => isPnl(a.type) && a.isPostable)
    .reduce((s, a) => s - (a.debit - a.credit), 0n);
  const groups: Record<
    'operating' | 'investing' | 'financing',
    { code: string; name: string; amount: bigint }[]
  > = { operating: [], investing: [], financing: [] };
  groups.operating.push({ code: '', name: 'SHU periode berjalan', amount: shu });
  for (const a of accounts) {
    if (!a.isPostable || isPnl(a.type) || a.cashFlowClass === 'cash') continue;
    const effect = -(a.debit - a.credit); // decrease of a debit balance frees cash
    if (effect === 0n) continue;
    // An asset that fell, or a liability or equity that rose, provided cash.
    const rose = a.type === 'aset' ? effect < 0n : effect > 0n;
    groups[a.cashFlowClass].push({
      code: a.code,
      name: `${rose ? 'Kenaikan' : 'Penurunan'} ${a.name}`,
      amount: effect,
    });
  }
  const sections = (
    [
      ['Arus kas dari aktivitas operasi', 'operating'],
      ['Arus kas dari aktivitas investasi', 'investing'],
      ['Arus kas dari aktivitas pendanaan', 'financing'],
    ] as const
  ).map(([title, k]) => ({
    title,
    lines: groups[k],
    total: groups[k].reduce((s, l) => s + l.amount, 0n),
  }));
  const netChange = sections.reduce((s, x) => s + x.total, 0n);
  return {
    sections,
    netChange,
    cashOpening,
    cashClosing,
    reconciles: cashOpening + netChange === cashClosing,
  };
}
