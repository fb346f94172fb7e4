import type { JsonValue } from '../db/schema.js';
import * as repo from '../db/savings-month-end.repo.js';
import { daysInYear } from '../domain/calendar.js';
import { amountsByLedgerRole, savingsLedgerRole } from '../domain/savings/ledger-role.js';
import { savingsInterestTaxRuleOn } from '../domain/savings/tax.js';
import { AppError } from '../domain/errors.js';
import type { OrgTx } from './context.js';
import { postEntry } from './ledger.js';
import { registerMonthEndStep, type MonthEnd } from './month-end.js';

/**
 * Savings at month-end, set-based: a handful of statements per cooperative whatever its size
 * (src/db/savings-month-end.repo.ts holds them, with the rules they mirror and their plan). Each
 * step is one transaction recorded in month_end_steps, so a second run of the month changes
 * nothing and a crashed run resumes at the first step not recorded (month-end.ts).
 */

async function stepDormancy(o: OrgTx, m: MonthEnd): Promise<JsonValue> {
  const n = await repo.markDormant(o.tx, o.ctx.organizationId, m.lastDay);
  if (n > 0)
    await o.audit({
      action: 'savings.dormancy',
      entityType: 'month-end',
      entityId: m.period,
      after: { dormant: n },
    });
  return { dormant: n };
}

async function stepInterest(o: OrgTx, m: MonthEnd): Promise<JsonValue> {
  const coop = o.ctx.organizationId;
  await repo.planForWholeSet(o.tx);
  const rule = savingsInterestTaxRuleOn(m.lastDay);
  if (!rule) throw new AppError('INTERNAL', {}, `no savings interest tax rule on ${m.lastDay}`);
  const yearDays = daysInYear(Number(m.period.slice(0, 4)));

  // 1–3. Every account's interest, PPh final and admin fee: one insert of the month's lines, which
  // also sums them for the entry.
  const written = await repo.writeInterestLines(o.tx, coop, m, {
    yearDays,
    taxThresholdRupiah: rule.thresholdRupiah,
    taxRateBps: rule.rateBps,
  });
  const t = written.totals;
  if (t.n === 0n && t.nf === 0n)
    return { accounts: 0, grossRupiah: '0', taxRupiah: '0', feeRupiah: '0' };
  // 4. Balances: one update per credited account.
  await repo.creditOwnLines(o.tx, coop, m.period);
  await repo.creditPayouts(o.tx, coop, written.payouts);

  // 5. One journal entry for the month's interest; the member detail is in the lines table.
  // each credited account's role moves by the net interest less the fees charged there (a debit
  // when the fees are more): a KSPPS's mudharabah sukarela on 2102, wadiah on 2101
  const credited = amountsByLedgerRole(written.credited);
  const posted = await postEntry(o, {
    entryDate: m.lastDay,
    description: `Jasa simpanan, PPh final dan biaya administrasi ${m.period}`,
    source: { type: 'savings.interest', id: m.period },
    lines: [
      ...(t.gs > 0n ? [{ account: { role: 'savingsInterestExpense' }, debitRupiah: t.gs }] : []),
      ...(t.gb > 0n ? [{ account: { role: 'depositInterestExpense' }, debitRupiah: t.gb }] : []),
      ...credited.map((x) =>
        x.rupiah > 0n
          ? { account: { role: x.role }, creditRupiah: x.rupiah }
          : { account: { role: x.role }, debitRupiah: -x.rupiah },
      ),
      ...(t.tax > 0n ? [{ account: { role: 'taxPayable' }, creditRupiah: t.tax }] : []),
      ...(t.fee > 0n ? [{ account: { role: 'adminIncome' }, creditRupiah: t.fee }] : []),
    ],
  });

  return {
    accounts: Number(t.n),
    grossRupiah: (t.gs + t.gb).toString(),
    taxRupiah: t.tax.toString(),
    feeAccounts: Number(t.nf),
    feeRupiah: t.fee.toString(),
    entryId: posted.entryId.toString(),
  };
}

/**
 * Maturity: ARO deposits start a new term of the same tenor at the rate the product offers now
 * (principal + held interest); the others pay everything to their sukarela account and close.
 */
async function stepMaturity(o: OrgTx, m: MonthEnd): Promise<JsonValue> {
  const coop = o.ctx.organizationId;
  const rolledOver = await repo.rollOverMatured(o.tx, coop, m.lastDay);
  const t = await repo.maturedPayouts(o.tx, coop, m.lastDay);
  let entryId: string | null = null;
  if (t.n > 0n) {
    const posted = await postEntry(o, {
      entryDate: m.lastDay,
      description: `Simpanan berjangka jatuh tempo ${m.period}`,
      source: { type: 'savings.maturity', id: m.period },
      lines: [
        { account: { role: savingsLedgerRole('berjangka', null) }, debitRupiah: t.s },
        ...amountsByLedgerRole(t.credited).map((x) => ({
          account: { role: x.role },
          creditRupiah: x.rupiah,
        })),
      ],
    });
    entryId = posted.entryId.toString();
    await repo.payOutMatured(o.tx, coop, m.lastDay, posted.entryId);
  }
  return { rolledOver, paidOut: Number(t.n), paidOutRupiah: t.s.toString(), entryId };
}

registerMonthEndStep({ name: 'savings-dormancy', order: 55, lane: 'savings', run: stepDormancy });
registerMonthEndStep({ name: 'savings-interest', order: 60, lane: 'savings', run: stepInterest });
registerMonthEndStep({ name: 'savings-maturity', order: 64, run: stepMaturity });
