import type { DemoOpenInstalment } from '../../../db/demo-loans.repo.js';
import type { Akad } from '../../loans/core.js';
import { allocatePayment, type Due } from '../../loans/terms.js';

/**
 * What a payment on a demo loan does, by the same rules as the real repayment (allocation penalty
 * → interest/margin → principal, oldest instalment first, accrued interest used first), and the
 * journal lines of a month's recap of such payments.
 */

/** An open instalment of a loan's current schedule, as read for the month. */
export type OpenRow = DemoOpenInstalment;

/** A loan movement on a sukarela account, with the balance after it (in date order per account). */
export interface SavingsMove {
  account: string;
  kind: 'loan-disbursement' | 'loan-repayment' | 'withdrawal';
  sign: 1 | -1;
  amount: string;
  after: string;
  date: string;
  /** which of the caller's entries it belongs to */
  entry: 'loan' | 'cash';
}

export interface Payment {
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
export function allocate(
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
export class Lines {
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

export function receipt(
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
