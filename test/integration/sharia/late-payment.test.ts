import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { decide } from '../../../src/services/approvals.js';
import {
  createProduct,
  disburse,
  earlyPayoff,
  getLoan,
  quotePayoff,
  repay,
  runMonthEnd,
  type ProductInput,
} from '../../../src/services/loans.js';
import { LOAN_PRODUCT_DEFAULTS } from '../../../src/services/loans/product-defaults.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { recordInability, recordTawidhItem } from '../../../src/services/sharia/late-payment.js';
import { openHeadOfficeSession } from '../../support/desk.js';
import { makeUser, signIn, testAppForFile } from '../../support/fixtures.js';
import { approvedApplication } from '../../support/loan-application.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { addMember, loanWorld } from '../loans/setup.js';

/**
 * Late payment of a KSPPS financing (issue 21 item 4; docs/domain/sharia-late-payment.md), through
 * the services and the routes, with the real month-end: ta'zir of every akad reaches the dana
 * kebajikan (2120) and no income account; a member marked unable to pay is charged no ta'zir for
 * the marked days; ta'widh is itemised, needs a second person's approval, posts no income, and is
 * paid with a repayment; bad input is refused as problem+json and changes nothing.
 */

const file = testAppForFile({ clock: () => new Date('2026-06-20T03:00:00Z') });
let serial = 0;
let keySerial = 0;
const key = () => ({ 'idempotency-key': `tawidh-${Date.now()}-${keySerial++}` });

const BASE: ProductInput = {
  ...LOAN_PRODUCT_DEFAULTS,
  code: 'X',
  name: 'Pembiayaan',
  akad: 'murabahah',
  method: 'murabahah',
  ratePercent: '1.5',
  ratePeriod: 'month',
  frequency: 'monthly',
  minAmountRupiah: 1_000_000n,
  maxAmountRupiah: 100_000_000n,
  minTenor: 3,
  maxTenor: 36,
  provisiBps: 0,
  adminFeeRupiah: 0n,
  gracePrincipalPeriods: 0,
  downPaymentBps: 0,
  penaltyKind: 'daily_percent',
  penaltyDailyPercent: '0.1',
  penaltyFixedRupiah: 0n,
  penaltyGraceDays: 3,
};

const PRODUCTS: ProductInput[] = [
  { ...BASE, code: 'MRB', name: 'Pembiayaan murabahah' },
  { ...BASE, code: 'HAJI', name: 'Talangan haji (ijarah)', akad: 'ijarah', method: 'ijarah' },
  {
    ...BASE,
    code: 'QRD',
    name: 'Qardh',
    akad: 'qardh',
    method: 'qardh',
    ratePercent: '0',
    penaltyKind: 'fixed',
    penaltyFixedRupiah: 25_000n,
  },
];

/** A KSPPS with its own chart, staff, a teller session, the three akad and one member. */
async function kspps() {
  const coop = await createOrganization(
    file.deps,
    {
      kind: 'cooperative',
      name: `KSPPS Uji Keterlambatan ${Date.now().toString(36)}${serial++}`,
      cooperativeType: 'KSPPS',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const users = {
    officer: await makeUser(file.deps, coop, ['petugas_kredit']),
    pengurus: await makeUser(file.deps, coop, ['pengurus']),
    teller: await makeUser(file.deps, coop, ['kasir']),
  };
  const officer = staffContext(coop.id, users.officer, ['petugas_kredit']);
  const pengurus = staffContext(coop.id, users.pengurus, ['pengurus']);
  const teller = staffContext(coop.id, users.teller, ['kasir']);
  const { sessionId } = await openHeadOfficeSession(file.deps, pengurus, teller, {
    businessDate: '2026-01-10',
    openingFloatRupiah: 500_000_000n,
  });
  const products: Awaited<ReturnType<typeof createProduct>>[] = [];
  for (const p of PRODUCTS) products.push(await createProduct(file.deps, pengurus, p));
  const memberId = await addMember(file.deps, coop.id);
  /** A financing of product `k` disbursed on 10 January (first instalment due 10 February). */
  const financing = async (k: number, amountRupiah = 6_000_000n) => {
    const app = await approvedApplication(
      file.deps,
      { officer, checker: pengurus },
      {
        memberId,
        productId: BigInt(products[k]!.id),
        amountRupiah,
        tenor: 6,
        purpose: 'Modal usaha warung',
        monthlyIncomeRupiah: 6_000_000n,
        monthlyExpensesRupiah: 2_000_000n,
      },
    );
    const d = await disburse(file.deps, teller, BigInt(app.id), {
      channel: 'cash',
      cashSessionId: sessionId,
      disbursedOn: '2026-01-10',
    });
    return BigInt(d.body.loanId);
  };
  const base = `/api/v1/orgs/${coop.id}/loans`;
  return {
    coop,
    officer,
    pengurus,
    teller,
    sessionId,
    financing,
    base,
    clients: {
      officer: await signIn(file.app, users.officer.username),
      pengurus: await signIn(file.app, users.pengurus.username),
    },
  };
}

const db = () => file.deps.database.db;

async function entryLines(coop: string, entryId: string | bigint) {
  const r = await sql<{ code: string; type: string; debit: bigint; credit: bigint }>`
    select a.code, a.account_type as type, l.debit_rupiah as debit, l.credit_rupiah as credit
      from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
     where l.cooperative_id = ${coop} and l.entry_id = ${BigInt(entryId)} order by l.line_no`.execute(
    db(),
  );
  return r.rows;
}

const count = async (
  coop: string,
  table: 'journal_entries' | 'loan_tawidh_items' | 'loan_inability_events',
) =>
  (
    await sql<{
      n: bigint;
    }>`select count(*)::bigint as n from ${sql.table(table)} where cooperative_id = ${coop}`.execute(
      db(),
    )
  ).rows[0]!.n;

const penaltyDue = async (w: Awaited<ReturnType<typeof kspps>>, loanId: bigint) =>
  BigInt((await getLoan(file.deps, w.pengurus, loanId)).loan.penaltyDueRupiah);

describe("ta'zir (denda) of a KSPPS", () => {
  it('of every akad is credited to the dana kebajikan (2120) only; no income account moves, at the month-end or when it is paid', async () => {
    const w = await kspps();
    const loans = [await w.financing(0), await w.financing(1), await w.financing(2)];
    const incomeBefore = await sql<{ n: bigint }>`
      select count(*)::bigint as n from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where l.cooperative_id = ${w.coop.id} and a.account_type = 'pendapatan'`.execute(db());

    await runMonthEnd(file.deps, w.pengurus, '2026-02');

    // the close charges ta'zir on every overdue financing and posts nothing for it
    const incomeAfter = await sql<{ n: bigint }>`
      select count(*)::bigint as n from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where l.cooperative_id = ${w.coop.id} and a.account_type = 'pendapatan'`.execute(db());
    expect(incomeAfter.rows[0]!.n).toBe(incomeBefore.rows[0]!.n);
    for (const loanId of loans) {
      const due = await penaltyDue(w, loanId);
      expect(due).toBeGreaterThan(0n);
      // paying exactly the denda (it is paid first): Dr kas / Cr dana kebajikan, nothing else
      const paid = await repay(file.deps, w.teller, loanId, {
        amountRupiah: due,
        paidOn: '2026-03-02',
        cashSessionId: w.sessionId,
      });
      expect(paid.body.penaltyRupiah).toBe(due.toString());
      const lines = await entryLines(w.coop.id, paid.body.entryId);
      expect(lines.map((l) => [l.code, l.debit, l.credit])).toEqual([
        ['1101', due, 0n],
        ['2120', 0n, due],
      ]);
      expect(lines.some((l) => l.type === 'pendapatan' || l.code.startsWith('4'))).toBe(false);
    }
    // the qardh's fixed 25,000 and the daily figures of the others
    expect((await getLoan(file.deps, w.pengurus, loans[2]!)).loan.penaltyDueRupiah).toBe('0');
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });
});

describe('a member marked unable to pay (tidak mampu)', () => {
  it("is charged no ta'zir for the marked days; the history keeps who, when and why; lifting it charges from the lift on", async () => {
    const w = await kspps();
    const unable = await w.financing(0);
    const able = await w.financing(0);
    const url = `${w.base}/${unable}/unable-to-pay`;

    // bad input: refused as problem+json, nothing written
    const short = await w.clients.officer.request('POST', url, {
      effectiveOn: '2026-02-01',
      reason: 'sak',
    });
    expect(short.statusCode).toBe(400);
    const noReason = await w.clients.officer.request('POST', url, { effectiveOn: '2026-02-01' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.headers['content-type']).toMatch(/application\/problem\+json/);
    const lift = await w.clients.officer.request('POST', `${url}/lift`, {
      effectiveOn: '2026-02-01',
      reason: 'Usaha sudah pulih kembali',
    });
    expect(lift.statusCode).toBe(409);
    expect(lift.json<{ code: string }>().code).toBe('LOAN_INABILITY_NOT_MARKED');
    const before = await w.clients.officer.request('POST', url, {
      effectiveOn: '2026-01-05',
      reason: 'Anggota dirawat di rumah sakit',
    });
    expect(before.statusCode).toBe(422);
    expect(before.json<{ code: string }>().code).toBe('LOAN_INABILITY_DATE_INVALID');
    expect(await count(w.coop.id, 'loan_inability_events')).toBe(0n);

    const marked = await w.clients.officer.request('POST', url, {
      effectiveOn: '2026-02-01',
      reason: 'Anggota dirawat di rumah sakit, usaha tutup',
    });
    expect(marked.statusCode).toBe(201);
    expect(
      (
        await w.clients.officer.request('POST', url, {
          effectiveOn: '2026-02-02',
          reason: 'Tanda kedua yang sama',
        })
      ).json<{ code: string }>().code,
    ).toBe('LOAN_INABILITY_ALREADY_MARKED');

    await runMonthEnd(file.deps, w.pengurus, '2026-02');
    expect(await penaltyDue(w, unable)).toBe(0n);
    const feb = await penaltyDue(w, able);
    expect(feb).toBeGreaterThan(0n);

    // lifted from 16 March: March is charged for 16–31 March only (16 of its 31 days)
    await recordInability(file.deps, w.officer, unable, 'lifted', {
      effectiveOn: '2026-03-16',
      reason: 'Anggota sudah sembuh dan berdagang lagi',
    });
    await runMonthEnd(file.deps, w.pengurus, '2026-03');
    const marchAble = (await penaltyDue(w, able)) - feb;
    const marchUnable = await penaltyDue(w, unable);
    expect(marchUnable).toBeGreaterThan(0n);
    expect(marchUnable).toBeLessThan(marchAble);

    const view = await w.clients.officer.request('GET', `${w.base}/${unable}/late-payment`);
    expect(view.statusCode).toBe(200);
    const v = view.json<{
      unable: boolean;
      events: { event: string; effectiveOn: string; reason: string; recordedBy: string }[];
    }>();
    expect(v.unable).toBe(false);
    expect(v.events.map((e) => [e.event, e.effectiveOn])).toEqual([
      ['marked', '2026-02-01'],
      ['lifted', '2026-03-16'],
    ]);
    expect(v.events[0]!.reason).toBe('Anggota dirawat di rumah sakit, usaha tutup');
    expect(v.events[0]!.recordedBy).toBe(w.clients.officer.username);
    const audit = await sql<{ action: string }>`
      select action from audit_events where organization_id = ${w.coop.id} and action like 'loan.unable-%' order by id`.execute(
      db(),
    );
    expect(audit.rows.map((a) => a.action)).toEqual(['loan.unable-marked', 'loan.unable-lifted']);
    // history is never edited
    await expect(
      sql`update loan_inability_events set reason = 'diubah' where cooperative_id = ${w.coop.id}`.execute(
        db(),
      ),
    ).rejects.toThrow();
  });

  it('is refused for a conventional cooperative (KSP), whose denda stays penalty income', async () => {
    const w = await loanWorld(file.deps);
    const app = await approvedApplication(
      file.deps,
      { officer: w.officer, checker: w.pengurus },
      {
        memberId: w.memberId,
        productId: BigInt(w.product.id),
        amountRupiah: 3_000_000n,
        tenor: 6,
        purpose: 'Modal usaha warung',
        monthlyIncomeRupiah: 6_000_000n,
        monthlyExpensesRupiah: 2_000_000n,
      },
    );
    const d = await disburse(file.deps, w.teller, BigInt(app.id), {
      channel: 'cash',
      cashSessionId: w.sessionId,
      disbursedOn: '2026-01-10',
    });
    expect(
      await codeOf(
        recordInability(file.deps, w.officer, BigInt(d.body.loanId), 'marked', {
          effectiveOn: '2026-02-01',
          reason: 'Anggota dirawat di rumah sakit',
        }),
      ),
    ).toBe('LOAN_SHARIA_ONLY');
  });
});

describe("ta'widh (real collection costs)", () => {
  it('is itemised, charged only after a second person approves, posts no income and is paid with a repayment', async () => {
    const w = await kspps();
    const loanId = await w.financing(0);
    const qardh = await w.financing(2);
    await runMonthEnd(file.deps, w.pengurus, '2026-02');
    const url = `${w.base}/${loanId}/tawidh-items`;
    const item = {
      incurredOn: '2026-02-20',
      description: 'Ongkos perjalanan penagihan ke rumah anggota',
      amountRupiah: '150000',
      evidenceRef: 'KW-0012',
    };
    const entries = await count(w.coop.id, 'journal_entries');

    // refused, as problem+json, with nothing written: a percentage, no amount, zero, no evidence,
    // a qardh, a day before the arrears
    for (const [body, status, code] of [
      [{ ...item, percent: '2' }, 400, 'VALIDATION_FAILED'],
      [{ ...item, amountRupiah: undefined }, 400, 'VALIDATION_FAILED'],
      [{ ...item, amountRupiah: '0' }, 400, 'VALIDATION_FAILED'],
      [{ ...item, evidenceRef: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...item, incurredOn: '2026-02-05' }, 422, 'LOAN_TAWIDH_NOT_IN_ARREARS'],
    ] as const) {
      const res = await w.clients.officer.request('POST', url, body, key());
      expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([status, code]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const onQardh = await w.clients.officer.request(
      'POST',
      `${w.base}/${qardh}/tawidh-items`,
      item,
      key(),
    );
    expect([onQardh.statusCode, onQardh.json<{ code: string }>().code]).toEqual([
      422,
      'LOAN_TAWIDH_NOT_ALLOWED',
    ]);
    expect(await count(w.coop.id, 'loan_tawidh_items')).toBe(0n);

    const k = key();
    const rec = await w.clients.officer.request('POST', url, item, k);
    // a retry with the same key records nothing more
    const again = await w.clients.officer.request('POST', url, item, k);
    expect(again.json()).toEqual(rec.json());
    expect(await count(w.coop.id, 'loan_tawidh_items')).toBe(1n);
    expect(rec.statusCode).toBe(202);
    const { approvalId } = rec.json<{ itemId: string; approvalId: string }>();
    // recorded, not charged: no journal yet; the maker cannot approve it
    expect(await count(w.coop.id, 'journal_entries')).toBe(entries);
    expect(await codeOf(decide(file.deps, w.officer, BigInt(approvalId), { approve: true }))).toBe(
      'APPROVAL_SELF_DECISION',
    );
    const pending = await w.clients.officer.request('GET', `${w.base}/${loanId}/late-payment`);
    expect(
      pending.json<{ tawidh: { owedRupiah: string; items: { status: string }[] } }>().tawidh,
    ).toMatchObject({
      owedRupiah: '0',
      items: [{ status: 'pending' }],
    });

    const ok = await w.clients.pengurus.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/approvals/${approvalId}/approve`,
      {},
    );
    expect(ok.statusCode).toBe(200);
    const charged = (
      await w.clients.officer.request('GET', `${w.base}/${loanId}/late-payment`)
    ).json<{
      tawidh: {
        owedRupiah: string;
        items: { status: string; costEntryId: string; chargeEntryId: string }[];
      };
    }>().tawidh;
    expect(charged.owedRupiah).toBe('150000');
    const it0 = charged.items[0]!;
    expect(it0.status).toBe('charged');
    const cost = await entryLines(w.coop.id, it0.costEntryId);
    const charge = await entryLines(w.coop.id, it0.chargeEntryId);
    expect(cost.map((l) => [l.code, l.debit, l.credit])).toEqual([
      ['5105', 150_000n, 0n],
      ['1101', 0n, 150_000n],
    ]);
    expect(charge.map((l) => [l.code, l.debit, l.credit])).toEqual([
      ['1117', 150_000n, 0n],
      ['5105', 0n, 150_000n],
    ]);
    expect([...cost, ...charge].some((l) => l.type === 'pendapatan')).toBe(false);
    // approving again is refused; the item is history
    expect(await codeOf(decide(file.deps, w.pengurus, BigInt(approvalId), { approve: true }))).toBe(
      'APPROVAL_NOT_PENDING',
    );
    await expect(
      sql`update loan_tawidh_items set amount_rupiah = 1 where cooperative_id = ${w.coop.id}`.execute(
        db(),
      ),
    ).rejects.toThrow();

    // paid at the counter with a repayment: more ta'widh than owed is refused, then it is cleared
    const denda = await penaltyDue(w, loanId);
    expect(
      await codeOf(
        repay(file.deps, w.teller, loanId, {
          amountRupiah: 200_000n,
          tawidhRupiah: 200_000n,
          paidOn: '2026-03-02',
          cashSessionId: w.sessionId,
        }),
      ),
    ).toBe('LOAN_TAWIDH_EXCEEDS_OWED');
    const paid = await repay(file.deps, w.teller, loanId, {
      amountRupiah: 150_000n + denda,
      tawidhRupiah: 150_000n,
      paidOn: '2026-03-02',
      cashSessionId: w.sessionId,
    });
    expect(paid.body).toMatchObject({ tawidhRupiah: '150000', penaltyRupiah: denda.toString() });
    expect(
      (await entryLines(w.coop.id, paid.body.entryId)).map((l) => [l.code, l.debit, l.credit]),
    ).toEqual([
      ['1101', 150_000n + denda, 0n],
      ['2120', 0n, denda],
      ['1117', 0n, 150_000n],
    ]);
    const after = (
      await w.clients.officer.request('GET', `${w.base}/${loanId}/late-payment`)
    ).json<{
      tawidh: { owedRupiah: string; items: { paidRupiah: string }[] };
    }>().tawidh;
    expect(after).toMatchObject({ owedRupiah: '0', items: [{ paidRupiah: '150000' }] });
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('still owed at an early payoff is settled with it: the quote includes it, the entry clears 1117', async () => {
    const w = await kspps();
    const loanId = await w.financing(1);
    await runMonthEnd(file.deps, w.pengurus, '2026-02');
    const { body } = await recordTawidhItem(file.deps, w.officer, loanId, {
      incurredOn: '2026-02-25',
      description: 'Biaya kirim surat peringatan',
      amountRupiah: 40_000n,
      evidenceRef: 'POS-881',
      paidFrom: 'bank',
    });
    await decide(file.deps, w.pengurus, BigInt(body.approvalId), { approve: true });
    const quote = await quotePayoff(file.deps, w.pengurus, loanId, '2026-03-05');
    expect(quote.tawidhRupiah).toBe('40000');
    const paid = await earlyPayoff(file.deps, w.teller, loanId, {
      paidOn: '2026-03-05',
      cashSessionId: w.sessionId,
      discountRupiah: 0n,
    });
    expect(paid.body.amountRupiah).toBe(quote.amountRupiah);
    const lines = await entryLines(w.coop.id, paid.body.entryId);
    expect(lines.filter((l) => l.code === '1117').map((l) => [l.debit, l.credit])).toEqual([
      [0n, 40_000n],
    ]);
    expect((await getLoan(file.deps, w.pengurus, loanId)).loan.status).toBe('paid_off');
    const v = (await w.clients.officer.request('GET', `${w.base}/${loanId}/late-payment`)).json<{
      tawidh: { owedRupiah: string };
    }>();
    expect(v.tawidh.owedRupiah).toBe('0');
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('is refused while the member is marked unable to pay', async () => {
    const w = await kspps();
    const loanId = await w.financing(0);
    await recordInability(file.deps, w.officer, loanId, 'marked', {
      effectiveOn: '2026-02-12',
      reason: 'Rumah anggota terkena banjir',
    });
    expect(
      await codeOf(
        recordTawidhItem(file.deps, w.officer, loanId, {
          incurredOn: '2026-02-20',
          description: 'Ongkos perjalanan penagihan',
          amountRupiah: 50_000n,
          evidenceRef: 'KW-7',
          paidFrom: 'cash',
        }),
      ),
    ).toBe('LOAN_TAWIDH_MEMBER_UNABLE');
  });
});
