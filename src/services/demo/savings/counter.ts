import * as repo from '../../../db/demo-savings.repo.js';
import type { SavingsLedgerRole } from '../../../domain/savings/ledger-role.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../../context.js';
import { postEntry } from '../../ledger.js';
import { cashWithBank, lastDayOf, postTransfer } from '../common.js';

/**
 * A month of members' savings at the counter: wajib payments (some members fall behind), sukarela
 * deposits and withdrawals and a few time deposits placed from sukarela. The counter's movements
 * are booked as one recap entry per kind (rekap kas simpanan bulanan) on the last day; each
 * member's movements are in savings_transactions.
 */

/** A member's wajib and sukarela accounts, and the ledger role of the sukarela one. */
export type MemberAccounts = Map<
  string,
  { wajib?: bigint; sukarela?: bigint; sukarelaRole?: SavingsLedgerRole }
>;

export interface CounterYear {
  deps: Deps;
  ctx: OrgContext;
  coop: string;
  rand: () => number;
  pick: <T>(xs: readonly T[]) => T;
  wajib: bigint;
  byMember: MemberAccounts;
  /** members who stop paying wajib (arrears show up in the registry) */
  laggards: Set<string>;
  /** the time-deposit product and its rates, when the cooperative offers one */
  berjangka: {
    productId: bigint;
    /** a rate for a conventional cooperative; none under a mudharabah akad (nisbah instead) */
    tenors: { tenorMonths: number; annualRateBps?: number }[];
  } | null;
}

interface Move {
  accountId: bigint;
  /** the ledger role of the account (wadiah and mudharabah sukarela post apart in a KSPPS) */
  role: SavingsLedgerRole;
  kind: 'deposit' | 'withdrawal' | 'placement' | 'transfer-out';
  sign: 1 | -1;
  amount: bigint;
  date: string;
}

interface Placement {
  memberId: bigint;
  from: bigint;
  fromRole: SavingsLedgerRole;
  amount: bigint;
  tenor: number;
  rate: number | null;
  date: string;
}

/**
 * The month's recap entries, one per kind of counter movement and ledger role of the accounts
 * (a KSPPS's wadiah and mudharabah sukarela each on their own account).
 */
const RECAPS = [
  { kind: 'wajib', what: 'setoran simpanan wajib' },
  { kind: 'in', what: 'setoran simpanan sukarela' },
  { kind: 'out', what: 'penarikan simpanan sukarela' },
] as const;
type RecapKind = (typeof RECAPS)[number]['kind'];
const recapKey = (kind: RecapKind, role: SavingsLedgerRole) => `${kind}:${role}`;
const ROLE_WORD: Partial<Record<SavingsLedgerRole, string>> = {
  savingsMudharabah: ' (mudharabah)',
};

export async function counterMonth(year: CounterYear, month: string): Promise<void> {
  const { deps, ctx, coop, rand, pick, byMember, laggards, berjangka } = year;
  const last = lastDayOf(month);
  const balances = new Map<string, bigint>();
  const b = await repo.openAccountBalances(deps.database.db, coop);
  for (const r of b) balances.set(r.id.toString(), r.balance_rupiah);
  const moves: Move[] = [];
  const placements: Placement[] = [];
  for (const [memberId, acc] of byMember) {
    const day = () =>
      `${month}-${String(1 + Math.floor(rand() * (Number(last.slice(8)) - 1))).padStart(2, '0')}`;
    if (acc.wajib && !(laggards.has(memberId) && rand() < 0.7) && rand() < 0.93)
      moves.push({
        accountId: acc.wajib,
        role: 'simpananWajib',
        kind: 'deposit',
        sign: 1,
        amount: year.wajib,
        date: day(),
      });
    if (acc.sukarela) {
      const role = acc.sukarelaRole ?? 'savingsSukarela';
      if (rand() < 0.35)
        moves.push({
          accountId: acc.sukarela,
          role,
          kind: 'deposit',
          sign: 1,
          amount: BigInt(Math.ceil(rand() * rand() * 40) * 50_000),
          date: day(),
        });
      const bal = balances.get(acc.sukarela.toString()) ?? 0n;
      if (rand() < 0.18 && bal > 200_000n)
        moves.push({
          accountId: acc.sukarela,
          role,
          kind: 'withdrawal',
          sign: -1,
          amount: (bal / 3n / 10_000n) * 10_000n,
          date: day(),
        });
      if (berjangka && bal > 3_000_000n && rand() < 0.06) {
        const t = pick(berjangka.tenors);
        placements.push({
          memberId: BigInt(memberId),
          from: acc.sukarela,
          fromRole: role,
          amount: (bal / 2n / 1_000_000n) * 1_000_000n,
          tenor: t.tenorMonths,
          rate: t.annualRateBps ?? null,
          date: last,
        });
      }
    }
  }
  // Each account's movements in date order; a withdrawal that would break the minimum is dropped.
  moves.sort((x, y) =>
    x.date === y.date ? Number(x.accountId - y.accountId) : x.date.localeCompare(y.date),
  );
  const kept: (Move & { after: bigint; recap: RecapKind })[] = [];
  const wajibIds = new Set([...byMember.values()].map((a) => a.wajib?.toString()));
  for (const mv of moves) {
    const bal = balances.get(mv.accountId.toString()) ?? 0n;
    const after = bal + BigInt(mv.sign) * mv.amount;
    if (after < 10_000n && mv.sign < 0) continue;
    balances.set(mv.accountId.toString(), after);
    const recap = wajibIds.has(mv.accountId.toString()) ? 'wajib' : mv.sign > 0 ? 'in' : 'out';
    kept.push({ ...mv, after, recap });
  }
  // the recaps in a fixed order: by kind, then by role as they first appear
  const sum = new Map<string, { kind: RecapKind; role: SavingsLedgerRole; amount: bigint }>();
  for (const r of RECAPS)
    for (const k of kept)
      if (k.recap === r.kind) {
        const key = recapKey(k.recap, k.role);
        const e = sum.get(key) ?? { kind: k.recap, role: k.role, amount: 0n };
        e.amount += k.amount;
        sum.set(key, e);
      }
  const total = (kind: RecapKind) =>
    [...sum.values()].filter((e) => e.kind === kind).reduce((s, e) => s + e.amount, 0n);
  await inOrg(deps, ctx, async (o) => {
    const entries = new Map<string, bigint | undefined>();
    for (const [key, e] of sum) {
      const what = RECAPS.find((r) => r.kind === e.kind)!.what;
      entries.set(
        key,
        await postTransfer(o, {
          entryDate: last,
          description: `Rekap ${what}${ROLE_WORD[e.role] ?? ''} ${month}`,
          source: { type: 'demo.savings-recap', id: month },
          debit: e.kind === 'out' ? e.role : 'cash',
          credit: e.kind === 'out' ? 'cash' : e.role,
          amount: e.amount,
        }),
      );
    }
    // the day's takings go to the bank; the desk keeps a working float
    await cashWithBank(
      o,
      'savings-surplus',
      month,
      last,
      total('wajib') + total('in') - total('out'),
    );
    const rows = kept.map((k) => ({
      account_id: k.accountId.toString(),
      kind: k.kind,
      sign: k.sign,
      amount: k.amount.toString(),
      after: k.after.toString(),
      date: k.date,
      entry: entries.get(recapKey(k.recap, k.role))!.toString(),
    }));
    if (rows.length > 0) {
      await repo.insertMonthMovements(o.tx, coop, JSON.stringify(rows));
      await repo.applyMonthMovements(o.tx, coop, JSON.stringify(rows));
    }
    if (berjangka) for (const p of placements) await place(o, coop, berjangka.productId, p);
  });
}

/** A time deposit placed from sukarela, unless the balance no longer bears it. */
async function place(o: OrgTx, coop: string, productId: bigint, p: Placement): Promise<void> {
  const bal = await repo.accountBalance(o.tx, coop, p.from);
  if (bal - p.amount < 10_000n || p.amount <= 0n) return;
  const num = await repo.memberAccountCountAndNumber(o.tx, coop, p.memberId);
  const placed = await postEntry(o, {
    entryDate: p.date,
    description: `Penempatan simpanan berjangka ${p.tenor} bulan`,
    source: { type: 'savings.placement' },
    lines: [
      { account: { role: p.fromRole }, debitRupiah: p.amount, memberId: p.memberId },
      {
        account: { role: 'savingsBerjangka' },
        creditRupiah: p.amount,
        memberId: p.memberId,
      },
    ],
  });
  const depositId = await repo.insertTimeDeposit(o.tx, coop, {
    accountNumber: `SB-${num.member_number}-${String(num.n + 1n).padStart(2, '0')}`,
    memberId: p.memberId,
    productId,
    date: p.date,
    amount: p.amount,
    tenor: p.tenor,
    rate: p.rate,
    from: p.from,
  });
  await repo.debitAccount(o.tx, coop, p.from, p.amount);
  await repo.insertPlacementTransactions(o.tx, coop, {
    from: p.from,
    depositId,
    amount: p.amount,
    fromAfter: bal - p.amount,
    date: p.date,
    entryId: placed.entryId,
  });
}
