import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Queryable } from '../../../src/db/database.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import type { Deps, OrgContext } from '../../../src/services/context.js';
import { createProduct, disburse } from '../../../src/services/loans.js';
import { deposit } from '../../../src/services/savings.js';
import { makeUser } from '../../support/fixtures.js';
import { approvedApplication } from '../../support/loan-application.js';
import { savingsWorld } from '../savings/setup.js';
import { FLAT_PRODUCT } from './setup.js';

/**
 * The auto-debit tests' world: a KSP whose sukarela product keeps Rp 10,000 (savingsWorld), the
 * flat product (1.5 % a month, denda 0.1 % a day after 3 grace days), and borrowers of Rp
 * 1,200,000 over 12 months disbursed in cash on 2 June 2026: Rp 118,000 a month (interest 18,000 +
 * principal 100,000), the first due on 2 July.
 */
export async function autoDebitWorld(deps: Deps) {
  // the teller's session is dated 1 August, so the deposits do not earn July's savings interest
  const w = await savingsWorld(deps, { businessDate: '2026-08-01' });
  const product = await createProduct(deps, w.pengurus, FLAT_PRODUCT);
  const checker = await makeUser(deps, w.coop, ['pengurus']);
  const checkerCtx: OrgContext = {
    ...w.pengurus,
    actor: { userId: checker.id, label: checker.username },
  };
  return { ...w, deps, productId: BigInt(product.id), checkerCtx };
}
export type AutoDebitWorld = Awaited<ReturnType<typeof autoDebitWorld>>;

export async function sukarelaOf(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{ id: bigint; balance_rupiah: bigint }>`
    select a.id, a.balance_rupiah from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} and p.kind = 'sukarela'`.execute(
    db,
  );
  return r.rows[0]!;
}

/** A member with `sukarelaRupiah` in sukarela and a Rp 1,200,000 loan disbursed in cash on 2 June. */
export async function borrower(
  w: AutoDebitWorld,
  fullName: string,
  sukarelaRupiah: bigint,
  autoDebit: boolean,
) {
  const { deps } = w;
  const memberId = await w.addMember({ fullName });
  if (sukarelaRupiah > 0n)
    await deposit(deps, w.teller, {
      sessionId: w.sessionId,
      accountId: (await sukarelaOf(deps.database.db, w.coop.id, memberId)).id,
      amountRupiah: sukarelaRupiah,
    });
  const app = await approvedApplication(
    deps,
    { officer: w.pengurus, checker: w.checkerCtx },
    {
      memberId,
      productId: w.productId,
      amountRupiah: 1_200_000n,
      tenor: 12,
      purpose: 'Modal dagang batik',
      monthlyIncomeRupiah: 3_000_000n,
      monthlyExpensesRupiah: 2_000_000n,
      autoDebit,
    },
    'Usaha berjalan',
  );
  expect(app.autoDebit).toBe(autoDebit);
  const d = await disburse(deps, w.teller, BigInt(app.id), {
    channel: 'cash',
    cashSessionId: w.sessionId,
    disbursedOn: '2026-06-02',
  });
  return { memberId, loanId: BigInt(d.body.loanId), loanNumber: d.body.loanNumber };
}

export async function repaymentCount(db: Queryable, coop: string): Promise<bigint> {
  const r = await sql<{
    n: bigint;
  }>`select count(*) as n from loan_repayments where cooperative_id = ${coop}`.execute(db);
  return r.rows[0]!.n;
}

/** Every ledger invariant (src/ledger/verify.ts), and the sukarela sub-ledger equal to its journal lines. */
export async function expectBooksSound(db: Queryable, coop: string) {
  expect(await verifyLedger(db, coop)).toEqual([]);
  const gl = await sql<{ v: bigint }>`
    select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as v from journal_lines l
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id and a.role = 'savingsSukarela'
    where l.cooperative_id = ${coop}`.execute(db);
  const sub = await sql<{
    v: bigint;
  }>`select coalesce(sum(balance_rupiah), 0)::bigint as v from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id and p.kind = 'sukarela'
    where a.cooperative_id = ${coop}`.execute(db);
  expect(gl.rows[0]!.v).toBe(sub.rows[0]!.v);
}
