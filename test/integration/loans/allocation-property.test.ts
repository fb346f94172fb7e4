import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { disburse, repay, runMonthEnd } from '../../../src/services/loans.js';
import { allocatePayment } from '../../../src/services/loans/terms.js';
import { testDepsForFile } from '../../support/db.js';
import { approvedApplication } from '../../support/loan-application.js';
import { loanWorld } from './setup.js';

const file = testDepsForFile();

describe('repayment allocation', () => {
  it('pure: every part is between 0 and what is owed, and parts + left = amount', () => {
    const due = fc.record({
      p: fc.bigInt(0n, 10_000_000n),
      i: fc.bigInt(0n, 1_000_000n),
      d: fc.bigInt(0n, 100_000n),
    });
    fc.assert(
      fc.property(fc.bigInt(0n, 50_000_000n), fc.array(due, { maxLength: 24 }), (amount, ds) => {
        const dues = ds.map((d, k) => ({
          instalmentNo: k + 1,
          principalRupiah: d.p,
          interestRupiah: d.i,
          penaltyRupiah: d.d,
        }));
        const { parts, leftRupiah } = allocatePayment(amount, dues);
        let sum = leftRupiah;
        for (const x of parts) {
          const d = dues.find((y) => y.instalmentNo === x.instalmentNo);
          expect(d).toBeDefined();
          for (const [v, max] of [
            [x.penaltyRupiah, d?.penaltyRupiah ?? 0n],
            [x.interestRupiah, d?.interestRupiah ?? 0n],
            [x.principalRupiah, d?.principalRupiah ?? 0n],
          ] as const) {
            expect(v >= 0n && v <= max).toBe(true);
          }
          sum += x.penaltyRupiah + x.interestRupiah + x.principalRupiah;
        }
        expect(sum).toBe(amount);
        expect(leftRupiah >= 0n).toBe(true);
      }),
    );
  });

  it('posted: random partial payments never leave a negative component and the ledger stays balanced', async () => {
    const w = await loanWorld(file.deps);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.bigInt(1n, 1_500_000n), { minLength: 1, maxLength: 5 }),
        async (payments) => {
          const app = await approvedApplication(
            file.deps,
            { officer: w.officer, checker: w.pengurus },
            {
              memberId: w.memberId,
              productId: BigInt(w.product.id),
              amountRupiah: 5_000_000n,
              tenor: 6,
              purpose: 'Modal usaha',
              monthlyIncomeRupiah: 4_000_000n,
              monthlyExpensesRupiah: 2_000_000n,
            },
          );
          const d = await disburse(file.deps, w.teller, BigInt(app.id), {
            channel: 'cash',
            cashSessionId: w.sessionId,
            disbursedOn: '2026-01-10',
          });
          const loanId = BigInt(d.body.loanId);
          for (const amount of payments) {
            await repay(file.deps, w.teller, loanId, {
              amountRupiah: amount,
              paidOn: '2026-05-20',
              cashSessionId: w.sessionId,
            }).catch((e: unknown) => {
              if (!(e instanceof Error) || !/LOAN_OVERPAYMENT|LOAN_NOT_ACTIVE/.test(e.message))
                throw e;
            });
          }
          const bad = await sql<{ n: bigint }>`
          select count(*) as n from loan_schedules where cooperative_id = ${w.coop.id} and loan_id = ${loanId}
            and (principal_rupiah - paid_principal_rupiah < 0 or interest_rupiah - paid_interest_rupiah < 0 or penalty_rupiah - paid_penalty_rupiah < 0)`.execute(
            file.deps.database.db,
          );
          expect(bad.rows[0]?.n).toBe(0n);
        },
      ),
      { numRuns: 6 },
    );
    // penalties charged by a month-end, then paid in parts
    await runMonthEnd(file.deps, w.pengurus, '2026-05');
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });
});
