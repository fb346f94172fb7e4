import { describe, expect, it } from 'vitest';
import { signIn, testAppForFile } from '../../support/fixtures.js';
import { approvedApplication } from '../../support/loan-application.js';
import { autoDebitWorld, borrower, expectBooksSound } from './auto-debit-setup.js';

/**
 * The loan routes that answer with schedules, counter outcomes and month-end steps, over HTTP:
 * under vitest a field their response schema (src/http/routes/loan-responses.ts) does not declare
 * fails the request, so these calls check each schema against what its route sends.
 */

const file = testAppForFile({ clock: () => new Date('2026-08-01T03:00:00Z') });

describe('loan answers over HTTP', () => {
  it('simulation, disbursement, the loan with its schedule, month-end, collection list, repayment, payoff quote and payoff', async () => {
    const w = await autoDebitWorld(file.deps);
    const sri = await borrower(w, 'Sri Rahayu', 0n, false);
    const pengurus = await signIn(file.app, w.pengurusUser.username);
    const kasir = await signIn(file.app, w.tellerUser.username);
    const base = `/api/v1/orgs/${w.coop.id}`;

    // Rp 1,200,000 over 12 months at 1.5 % flat: 18,000 interest a month
    const sim = await pengurus.request('POST', `${base}/loan-simulations`, {
      productId: w.productId.toString(),
      principalRupiah: '1200000',
      tenor: 12,
      startDate: '2026-06-02',
    });
    expect(sim.statusCode).toBe(200);
    const simulated = sim.json<{ totalInterestRupiah: string; instalments: unknown[] }>();
    expect(simulated.totalInterestRupiah).toBe('216000');
    expect(simulated.instalments).toHaveLength(12);

    // a second application, approved through the services, disbursed at the counter over HTTP
    const memberId = await w.addMember({ fullName: 'Budi Santoso' });
    const application = await approvedApplication(
      file.deps,
      { officer: w.pengurus, checker: w.checkerCtx },
      {
        memberId,
        productId: w.productId,
        amountRupiah: 1_200_000n,
        tenor: 12,
        purpose: 'Modal warung',
        monthlyIncomeRupiah: 3_000_000n,
        monthlyExpensesRupiah: 2_000_000n,
        autoDebit: false,
      },
      'Usaha berjalan',
    );
    const disbursed = await kasir.request(
      'POST',
      `${base}/loan-applications/${application.id}/disbursement`,
      { channel: 'cash', cashSessionId: w.sessionId.toString(), disbursedOn: '2026-08-01' },
      { 'idempotency-key': 'disburse-budi-0801' },
    );
    expect(disbursed.statusCode).toBe(201);
    const budi = disbursed.json<{ loanId: string; netRupiah: string }>();

    const loan = await pengurus.request('GET', `${base}/loans/${budi.loanId}`);
    expect(loan.statusCode).toBe(200);
    const detail = loan.json<{
      loan: { principalRupiah: string };
      schedules: { current: boolean; instalments: unknown[] }[];
    }>();
    expect(detail.loan.principalRupiah).toBe('1200000');
    expect(detail.schedules).toHaveLength(1);
    expect(detail.schedules[0]!.current).toBe(true);
    expect(detail.schedules[0]!.instalments).toHaveLength(12);

    // July's close: Sri's first instalment (due 2 July) is unpaid, so she is on the collection list
    const closed = await pengurus.request('POST', `${base}/month-end/2026-07`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json<{ steps: unknown[] }>().steps.length).toBeGreaterThan(0);
    const status = await pengurus.request('GET', `${base}/month-end/2026-07`);
    expect(status.statusCode).toBe(200);
    const steps = status.json<{ status: string; steps: { done: boolean }[] }>();
    expect(steps.status).toBe('done');
    expect(steps.steps.every((s) => s.done)).toBe(true);
    const collection = await pengurus.request('GET', `${base}/loan-collection`);
    expect(collection.statusCode).toBe(200);
    expect(
      collection.json<{ items: { loanNumber: string }[] }>().items.map((i) => i.loanNumber),
    ).toEqual([sri.loanNumber]);

    const repaid = await kasir.request(
      'POST',
      `${base}/loans/${sri.loanId}/repayments`,
      {
        amountRupiah: '50000',
        paidOn: '2026-08-01',
        channel: 'cash',
        cashSessionId: w.sessionId.toString(),
      },
      { 'idempotency-key': 'repay-sri-0801' },
    );
    expect(repaid.statusCode).toBe(201);
    const parts = repaid.json<{
      penaltyRupiah: string;
      interestRupiah: string;
      principalRupiah: string;
    }>();
    expect(
      BigInt(parts.penaltyRupiah) + BigInt(parts.interestRupiah) + BigInt(parts.principalRupiah),
    ).toBe(50_000n);

    const quote = await pengurus.request(
      'GET',
      `${base}/loans/${budi.loanId}/payoff-quote?on=2026-08-01`,
    );
    expect(quote.statusCode).toBe(200);
    const quoted = quote.json<{ amountRupiah: string }>();
    const paidOff = await kasir.request(
      'POST',
      `${base}/loans/${budi.loanId}/payoff`,
      { paidOn: '2026-08-01', cashSessionId: w.sessionId.toString() },
      { 'idempotency-key': 'payoff-budi-0801' },
    );
    expect(paidOff.statusCode).toBe(201);
    expect(paidOff.json<{ amountRupiah: string }>().amountRupiah).toBe(quoted.amountRupiah);
    const after = await pengurus.request('GET', `${base}/loans/${budi.loanId}`);
    expect(after.json<{ loan: { status: string } }>().loan.status).toBe('paid_off');

    await expectBooksSound(file.deps.database.db, w.coop.id);
  });
});
