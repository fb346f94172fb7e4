import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/services/approvals.js';
import {
  distributionReport,
  myBagiHasil,
  proposeWadiahBonus,
  putSettings,
  wadiahBonusDecisions,
} from '../../../src/services/bagi-hasil.js';
import { createPortalLogin } from '../../../src/services/members/documents.js';
import { runMonthEnd } from '../../../src/services/month-end.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { accountStatement, deposit } from '../../../src/services/savings.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { makeUser, testAppForFile, TEST_PASSWORD } from '../../support/fixtures.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { ksppsWorld, workedExampleBooks } from './world.js';

/**
 * The month-end's profit distribution of a KSPPS (issue 21 item 2; docs/domain/sharia-bagi-hasil.md)
 * on the worked example of the domain reference (sharia.md §b.3, June 2025): the books are built
 * through the counter and the ledger, the month-end derives P and F from them, and every account's
 * share, the pools, the journal, the statement line and the member's portal line are checked.
 */

let now = new Date('2025-05-02T03:00:00Z');
const file = testAppForFile({ clock: () => now });
let serial = 0;

/** The shared KSPPS (./world.ts) with the §b.3 products: SB's one tenor of 3 months at 45 %. */
const world = () =>
  ksppsWorld(file, (d) => (now = d), {
    name: 'KSPPS Uji Bagi Hasil',
    start: '2025-05-02',
    berjangkaTenors: [{ tenorMonths: 3, nisbahAnggotaBps: 4500 }],
  });

const db = () => file.deps.database.db;

describe('month-end profit distribution (sharia.md §b.3, June 2025)', () => {
  it('derives P and F from the books and pays A1 36.894, A2 7.177 and B1 205.200', async () => {
    const w = await world();
    const { m1, a1, a2, m3, b1 } = await workedExampleBooks(file, w);

    now = new Date('2025-07-01T03:00:00Z');
    await runMonthEnd(file.deps, w.pengurus, '2025-06');

    const lines = await sql<{ account_id: bigint; n: bigint; share: bigint; nisbah: number }>`
      select account_id, daily_balance_sum_rupiah as n, share_rupiah as share,
        nisbah_anggota_bps as nisbah
      from bagi_hasil_lines where cooperative_id = ${w.coop.id} and period = '2025-06'
        and account_id in (${a1}, ${a2}, ${b1}) order by account_id`.execute(db());
    const byId = new Map(lines.rows.map((r) => [r.account_id, r]));
    expect(byId.get(a1)).toMatchObject({ n: 180_853_500n, share: 36_894n, nisbah: 3000 });
    expect(byId.get(a2)).toMatchObject({ n: 35_180_950n, share: 7_177n, nisbah: 3000 });
    expect(byId.get(b1)).toMatchObject({ n: 600_000_000n, share: 205_200n, nisbah: 4500 });

    const report = await distributionReport(file.deps, w.pengurus, '2025-06');
    expect(report.rekonsiliasi.incomeRupiah).toBe('960000');
    expect(report.averageFinancingRupiah).toBe('40000000');
    expect(report.divisorIs).toBe('financing');
    expect(report.distributedRupiah).toBe('249271');
    expect(report.retainedRupiah).toBe('710729');
    const sm = report.products.find((p) => p.code === 'SM')!;
    const sb = report.products.find((p) => p.code === 'SB')!;
    expect([
      sm.poolRupiah,
      sm.incomeShareRupiah,
      sm.ratePerMonthPercent,
      sm.rateAnnualPercent,
    ]).toEqual(['44071', '146903', '0.612', '7.344']);
    expect([sb.poolRupiah, sb.ratePerMonthPercent, sb.nisbahAnggotaPercent]).toEqual([
      '205200',
      '1.026',
      '45.00',
    ]);

    // one balanced entry: the expense of each fund type, credited where the shares went (B1 pays
    // out to the member's wadiah account, 2101; A1 and A2 to their mudharabah accounts, 2102)
    const entry = await sql<{ code: string; d: bigint; c: bigint }>`
      select a.code, l.debit_rupiah as d, l.credit_rupiah as c from journal_entries e
      join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
      join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where e.cooperative_id = ${w.coop.id} and e.source_type = 'savings.bagi-hasil'
      order by l.line_no`.execute(db());
    expect(entry.rows.map((r) => [r.code, r.d, r.c])).toEqual([
      ['5101', 44_071n, 0n],
      ['5102', 205_200n, 0n],
      ['2101', 0n, 205_200n],
      ['2102', 0n, 36_894n + 7_177n],
    ]);
    const balances = await sql<{ id: bigint; b: bigint }>`
      select id, balance_rupiah as b from savings_accounts where cooperative_id = ${w.coop.id}
        and id in (${a1}, ${a2}, ${await w.accountOf(m3, 'SS')}) order by id`.execute(db());
    expect(balances.rows.map((r) => r.b)).toEqual([
      6_980_000n + 36_894n,
      205_200n,
      2_512_925n + 7_177n,
    ]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);

    // the statement line names the nisbah and the account's equivalent rate
    const st = await accountStatement(file.deps, w.pengurus, a1, {
      from: '2025-06-01',
      to: '2025-06-30',
    });
    expect(st.lines.at(-1)).toMatchObject({
      kind: 'bagi-hasil',
      creditRupiah: '36894',
      nisbahAnggotaPercent: '30.00',
      ratePerMonthPercent: '0.612',
      balanceRupiah: '7016894',
    });
    // and the member sees it in the portal
    const login = await createPortalLogin(file.deps, w.pengurus, m1, {
      username: `anggota${Date.now().toString(36)}${serial++}`,
      password: TEST_PASSWORD,
    });
    const member = staffContext(w.coop.id, { id: login.userId, username: login.username }, [
      'anggota',
    ]);
    const mine = await myBagiHasil(file.deps, member);
    expect(mine).toEqual([
      expect.objectContaining({
        period: '2025-06',
        shareRupiah: '36894',
        nisbahAnggotaPercent: '30.00',
        ratePerMonthPercent: '0.612',
      }),
    ]);

    // a second run of the month changes nothing
    await runMonthEnd(file.deps, w.pengurus, '2025-06');
    const again = await sql<{ n: bigint }>`select count(*) as n from journal_entries
      where cooperative_id = ${w.coop.id} and source_type = 'savings.bagi-hasil'`.execute(db());
    expect(again.rows[0]!.n).toBe(1n);
  });

  it('a month not distributed is not found; a conventional cooperative cannot set sharing', async () => {
    const w = await world();
    expect(await codeOf(distributionReport(file.deps, w.pengurus, '2025-01'))).toBe(
      'BAGI_HASIL_NOT_DISTRIBUTED',
    );
    const ksp = await createOrganization(
      file.deps,
      {
        kind: 'cooperative',
        name: `KSP Uji Bagi Hasil ${Date.now().toString(36)}${serial++}`,
        cooperativeType: 'KSP',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'test',
    );
    const manager = staffContext(ksp.id, await makeUser(file.deps, ksp, ['pengurus']), [
      'pengurus',
    ]);
    const settings = {
      basis: 'profit' as const,
      weightWadiahBps: 10000,
      weightMudharabahBps: 8500,
      weightBerjangkaBps: 9500,
    };
    expect(await codeOf(putSettings(file.deps, manager, settings))).toBe('BAGI_HASIL_NOT_SHARIA');
    const kept = await sql<{ n: bigint }>`select count(*) as n from bagi_hasil_settings
      where cooperative_id = ${ksp.id}`.execute(db());
    expect(kept.rows[0]!.n).toBe(0n);
    // the KSPPS sets profit sharing: stored with who set it
    const saved = await putSettings(file.deps, w.pengurus, settings);
    expect(saved).toMatchObject({ basis: 'profit', weightMudharabahBps: 8500 });
    expect(saved.updatedBy).not.toBeNull();
  });
});

describe('the wadiah bonus: decided after the month, possibly zero, by two people', () => {
  it('shares the pool by daily-balance sums above the minimum; zero pays nothing; once a month', async () => {
    const w = await world();
    // two wadiah savers from 1 June (10.000.000 and 30.000.000), one small one (200.000)
    const june = await w.sessionOn('2025-06-01');
    const ids: bigint[] = [];
    for (const amount of [10_000_000n, 30_000_000n, 200_000n]) {
      const m = await w.addMember(june.teller);
      const a = await w.accountOf(m, 'SS');
      await deposit(file.deps, june.teller, {
        sessionId: june.sessionId,
        accountId: a,
        amountRupiah: amount,
      });
      ids.push(a);
    }
    // not before the month has ended
    now = new Date('2025-06-20T03:00:00Z');
    const bonus = { period: '2025-06', poolRupiah: 100_001n, minimumAverageRupiah: 1_000_000n };
    expect(await codeOf(proposeWadiahBonus(file.deps, w.pengurus, bonus))).toBe(
      'WADIAH_BONUS_PERIOD_NOT_ENDED',
    );
    now = new Date('2025-07-03T03:00:00Z');
    const proposed = await proposeWadiahBonus(file.deps, w.pengurus, bonus);
    // nothing is paid until another person approves
    expect(await wadiahBonusDecisions(file.deps, w.pengurus)).toEqual([]);
    expect(
      await codeOf(decide(file.deps, w.pengurus, BigInt(proposed.approvalId), { approve: true })),
    ).toBe('APPROVAL_SELF_DECISION');
    const checker = staffContext(w.coop.id, await makeUser(file.deps, w.coop, ['pengurus']), [
      'pengurus',
    ]);
    await decide(file.deps, checker, BigInt(proposed.approvalId), { approve: true });
    // 100.001 over 10M and 30M (the 200.000 saver is below the minimum): 25.000,25 and 75.000,75,
    // floors 25.000 + 75.000 and the last rupiah to the larger remainder (,75)
    const lines = await sql<{ account_id: bigint; bonus_rupiah: bigint }>`
      select account_id, bonus_rupiah from wadiah_bonus_lines where cooperative_id = ${w.coop.id}
      order by account_id`.execute(db());
    expect(lines.rows.map((r) => [r.account_id, r.bonus_rupiah])).toEqual([
      [ids[0], 25_000n],
      [ids[1], 75_001n],
    ]);
    const [decision] = await wadiahBonusDecisions(file.deps, w.pengurus);
    expect(decision).toMatchObject({ period: '2025-06', paidRupiah: '100001', accounts: 2 });
    const entry = await sql<{ code: string; d: bigint; c: bigint }>`
      select a.code, l.debit_rupiah as d, l.credit_rupiah as c from journal_entries e
      join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
      join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where e.cooperative_id = ${w.coop.id} and e.source_type = 'savings.wadiah-bonus'
      order by l.line_no`.execute(db());
    expect(entry.rows.map((r) => [r.code, r.d, r.c])).toEqual([
      ['5103', 100_001n, 0n],
      ['2101', 0n, 100_001n],
    ]);
    const st = await accountStatement(file.deps, w.pengurus, ids[1]!, {
      from: '2025-06-01',
      to: '2025-06-30',
    });
    expect(st.lines.at(-1)).toMatchObject({
      kind: 'wadiah-bonus',
      creditRupiah: '75001',
      balanceRupiah: '30075001',
    });
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
    // a month is decided once
    expect(await codeOf(proposeWadiahBonus(file.deps, w.pengurus, bonus))).toBe(
      'WADIAH_BONUS_ALREADY_DECIDED',
    );
    // a zero bonus is a decision too: recorded, nothing posted
    const zero = await proposeWadiahBonus(file.deps, w.pengurus, {
      period: '2025-05',
      poolRupiah: 0n,
      minimumAverageRupiah: 0n,
    });
    await decide(file.deps, checker, BigInt(zero.approvalId), { approve: true });
    const decisions = await wadiahBonusDecisions(file.deps, w.pengurus);
    expect(decisions.map((d) => [d.period, d.paidRupiah, d.entryId])).toEqual([
      ['2025-06', '100001', decision!.entryId],
      ['2025-05', '0', null],
    ]);
  });
});
