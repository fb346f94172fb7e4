import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import {
  cashTransaction,
  closeSession,
  dailyCashReport,
  interBranchTransfer,
  openSession,
} from '../../../src/services/cashdesk.js';
import { inOrg, type OrgContext } from '../../../src/services/context.js';
import { createBranch } from '../../../src/services/organizations.js';
import { seedChartOfAccounts } from '../../../src/services/ledger.js';
import { TEST_CHART } from '../../support/chart.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { headOfficeDesk } from '../../support/desk.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { makeCooperative, makeUser } from '../../support/fixtures.js';

let deps: TestDeps;
beforeAll(async () => {
  deps = await testDeps();
});
afterAll(async () => deps.close());

async function setup() {
  const coop = await makeCooperative(deps);
  const teller = await makeUser(deps, coop, ['kasir']);
  const other = await makeUser(deps, coop, ['kasir']);
  const ctx = staffContext(coop.id, teller, ['kasir']);
  await inOrg(deps, ctx, (o) => seedChartOfAccounts(o, TEST_CHART));
  const { branchId: kp, desk } = await headOfficeDesk(deps, ctx);
  const cb = await createBranch(deps, ctx, { code: 'CB', name: 'Cabang Batang' });
  return {
    coop,
    ctx,
    otherCtx: staffContext(coop.id, other, ['kasir']),
    desk,
    kp,
    cb: BigInt(cb.body.id),
  };
}

/** Cash in or out of a session on the business day every test here uses. */
const cashOn = (
  ctx: OrgContext,
  sessionId: bigint,
  direction: 'in' | 'out',
  accountCode: string,
  amountRupiah: bigint,
  description: string,
) =>
  cashTransaction(deps, ctx, sessionId, {
    direction,
    accountCode,
    amountRupiah,
    description,
    entryDate: '2026-05-04',
  });

describe('cash desk sessions', () => {
  it('open with a float, take cash in and out, close with a shortage posted to cash variance', async () => {
    const { ctx, desk, coop } = await setup();
    const s = await openSession(deps, ctx, {
      deskId: BigInt(desk.id),
      businessDate: '2026-05-04',
      openingFloatRupiah: 2_000_000n,
    });
    const sid = BigInt(s.id);
    await cashOn(ctx, sid, 'in', '3101', 500_000n, 'Setoran simpanan pokok');
    await cashOn(ctx, sid, 'out', '5201', 300_000n, 'Honor petugas');
    // 2,000,000 + 500,000 − 300,000 = 2,200,000 expected; 25,000 short.
    expect(await codeOf(cashOn(ctx, sid, 'out', '5201', 2_200_001n, 'Terlalu besar'))).toBe(
      'CASH_INSUFFICIENT',
    );
    expect(
      await codeOf(
        closeSession(deps, ctx, sid, { countedRupiah: 2_175_000n, entryDate: '2026-05-04' }),
      ),
    ).toBe('CASH_VARIANCE_REASON_REQUIRED');
    const closed = await closeSession(deps, ctx, sid, {
      countedRupiah: 2_175_000n,
      varianceReason: 'Uang kembalian kurang',
      entryDate: '2026-05-04',
    });
    expect(closed).toMatchObject({
      status: 'closed',
      expectedRupiah: '2200000',
      countedRupiah: '2175000',
      varianceRupiah: '-25000',
    });
    const variance = await sql<{ d: bigint }>`
      select sum(b.debit_rupiah)::bigint as d from account_balances b join accounts a on a.cooperative_id = b.cooperative_id and a.id = b.account_id
      where b.cooperative_id = ${coop.id} and a.role = 'cashVariance'`.execute(deps.database.db);
    expect(variance.rows[0]?.d).toBe(25_000n);
    expect(await codeOf(cashOn(ctx, sid, 'in', '3101', 1n, 'Setelah tutup'))).toBe(
      'CASH_SESSION_NOT_OPEN',
    );
    const report = await dailyCashReport(deps, ctx, '2026-05-04');
    expect(report.totals).toEqual({ receiptsRupiah: '500000', paymentsRupiah: '325000' });
    expect(await verifyLedger(deps.database.db, coop.id)).toEqual([]);
  });

  it('one open session per desk and per teller; a teller cannot use another teller’s session', async () => {
    const { ctx, otherCtx, desk } = await setup();
    const s = await openSession(deps, ctx, {
      deskId: BigInt(desk.id),
      businessDate: '2026-05-04',
      openingFloatRupiah: 0n,
    });
    expect(
      await codeOf(
        openSession(deps, otherCtx, {
          deskId: BigInt(desk.id),
          businessDate: '2026-05-04',
          openingFloatRupiah: 0n,
        }),
      ),
    ).toBe('CASH_SESSION_ALREADY_OPEN');
    expect(await codeOf(cashOn(otherCtx, BigInt(s.id), 'in', '3101', 1n, 'Bukan sesi saya'))).toBe(
      'CASH_SESSION_NOT_YOURS',
    );
  });

  it('cash sent between branches nets the inter-office account to zero', async () => {
    const { ctx, coop, kp, cb } = await setup();
    await interBranchTransfer(deps, ctx, {
      fromBranchId: kp,
      toBranchId: cb,
      amountRupiah: 7_500_000n,
      entryDate: '2026-05-05',
      description: 'Droping kas ke Batang',
    });
    const rows = await sql<{ branch_id: bigint; role: string; net: bigint }>`
      select l.branch_id, a.role, sum(l.debit_rupiah - l.credit_rupiah)::bigint as net from journal_lines l
      join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where l.cooperative_id = ${coop.id} group by l.branch_id, a.role order by l.branch_id, a.role`.execute(
      deps.database.db,
    );
    const net = Object.fromEntries(
      rows.rows.map((r) => [`${r.branch_id === kp ? 'kp' : 'cb'}:${r.role}`, r.net]),
    );
    expect(net).toEqual({
      'kp:cash': -7_500_000n,
      'kp:interOffice': 7_500_000n,
      'cb:cash': 7_500_000n,
      'cb:interOffice': -7_500_000n,
    });
    expect(rows.rows.filter((r) => r.role === 'interOffice').reduce((s, r) => s + r.net, 0n)).toBe(
      0n,
    );
  });
});
