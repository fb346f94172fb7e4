import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { inOrg, systemContext, type OrgContext } from '../../../src/services/context.js';
import { closeMonth, postEntry, seedChartOfAccounts } from '../../../src/services/ledger.js';
import { registerMonthEndStep } from '../../../src/services/month-end.js';
import { closeYear } from '../../../src/services/year-end.js';
import { TEST_CHART } from '../../support/chart.js';
import { makeCooperative, makeUser, signIn, testAppForFile } from '../../support/fixtures.js';
import { codeOf } from '../../support/outcome.js';
import { runCli } from '../cli/run-cli.js';

const file = testAppForFile();

// A month-end step of this file only: December 2025's accrual of 70,000 interest income, posted on
// the month's last day. It shows that the year-end close runs December's month-end before closing.
const ACCRUAL = 70_000n;
registerMonthEndStep({
  name: 'test-year-end-accrual',
  order: 95,
  run: async (o, m) => {
    if (m.period !== '2025-12') return { posted: false, entryId: null };
    const e = await postEntry(o, {
      entryDate: m.lastDay,
      description: 'Akrual jasa pinjaman Desember (uji)',
      source: { type: 'test.month-end', id: m.period },
      lines: [
        { account: { code: '1101' }, debitRupiah: ACCRUAL },
        { account: { code: '4101' }, creditRupiah: ACCRUAL },
      ],
    });
    return { posted: true, entryId: e.entryId.toString() };
  },
});

async function newLedger(): Promise<OrgContext> {
  const coop = await makeCooperative(file.deps);
  const ctx: OrgContext = { ...systemContext(coop.id, 'test'), roles: [] };
  await inOrg(file.deps, ctx, (o) => seedChartOfAccounts(o, TEST_CHART));
  return ctx;
}

const pair = (ctx: OrgContext, entryDate: string, debit: string, credit: string, amount: bigint) =>
  inOrg(file.deps, ctx, (o) =>
    postEntry(o, {
      entryDate,
      description: 'uji',
      source: { type: 'test' },
      lines: [
        { account: { code: debit }, debitRupiah: amount },
        { account: { code: credit }, creditRupiah: amount },
      ],
    }),
  );

/** Every account's credit-positive balance through `through` (a date), by code. */
async function balances(coop: string, through = '9999-12-31') {
  const r = await sql<{ code: string; net: bigint }>`
    select a.code, coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as net
    from journal_lines l
    join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${coop} and e.entry_date <= ${through}::date
    group by a.code order by a.code`.execute(file.deps.database.db);
  return Object.fromEntries(r.rows.map((x) => [x.code, x.net]));
}

const counts = async (coop: string) => {
  const r = await sql<{ e: number; p: number; m: number }>`
    select (select count(*)::int from journal_entries where cooperative_id = ${coop}) as e,
           (select count(*)::int from fiscal_periods where cooperative_id = ${coop} and status = 'closed') as p,
           (select count(*)::int from month_end_steps where cooperative_id = ${coop}) as m`.execute(
    file.deps.database.db,
  );
  return r.rows[0];
};

/**
 * The worked example of 2025 (by hand):
 *   2025-03  simpanan pokok 10,000,000 in cash
 *   2025-06  interest income 900,000
 *   2025-11  salaries 350,000
 *   2025-12  December's month-end accrues 70,000 interest income (the step above)
 *   SHU 2025 = 900,000 + 70,000 − 350,000 = 620,000
 */
async function book2025(ctx: OrgContext, closeThrough = 11) {
  await pair(ctx, '2025-03-10', '1101', '3101', 10_000_000n);
  await pair(ctx, '2025-06-10', '1101', '4101', 900_000n);
  await pair(ctx, '2025-11-10', '5201', '1101', 350_000n);
  for (let m = 3; m <= closeThrough; m++)
    await closeMonth(file.deps, ctx, `2025-${String(m).padStart(2, '0')}`);
}

/** A cooperative with the 2025 books, its chart, and two signed-in pengurus. */
async function world() {
  const coop = await makeCooperative(file.deps);
  const ctx: OrgContext = { ...systemContext(coop.id, 'test'), roles: [] };
  await inOrg(file.deps, ctx, (o) => seedChartOfAccounts(o, TEST_CHART));
  const maker = await signIn(file.app, (await makeUser(file.deps, coop, ['pengurus'])).username);
  const checker = await signIn(file.app, (await makeUser(file.deps, coop, ['pengurus'])).username);
  const kasir = await signIn(file.app, (await makeUser(file.deps, coop, ['kasir'])).username);
  return { coop, ctx, maker, checker, kasir, base: `/api/v1/orgs/${coop.id}` };
}

describe('year-end close', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });

  it('refuses while an earlier month is open, naming the month, and changes nothing', async () => {
    await book2025(w.ctx, 5); // March–May closed, June–November open
    const before = await counts(w.coop.id);
    const res = await w.maker.request('POST', `${w.base}/years/2025/close`);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json<{ code: string; detail: string }>();
    expect(body.code).toBe('LEDGER_YEAR_MONTH_OPEN');
    expect(body.detail).toContain('2025-06');
    // no month-end step ran, nothing was posted or closed
    expect(await counts(w.coop.id)).toEqual(before);
  });

  it('runs December’s month-end first, then closes into SHU belum dibagi, zeroing income and expense', async () => {
    for (let m = 6; m <= 11; m++)
      await closeMonth(file.deps, w.ctx, `2025-${m < 10 ? '0' : ''}${m}`);
    const res = await w.maker.request('POST', `${w.base}/years/2025/close`);
    expect(res.statusCode).toBe(200);
    const out = res.json<{
      shuRupiah: string;
      closingEntryIds: string[];
      monthEndSteps: { name: string }[];
    }>();
    expect(out.shuRupiah).toBe('620000');
    expect(out.closingEntryIds).toHaveLength(2);
    expect(out.monthEndSteps.map((s) => s.name)).toContain('test-year-end-accrual');
    // order: the accrual (December's month-end) is posted before the closing entries, all 31 Dec
    const order = await sql<{ id: bigint; source_type: string; entry_date: string }>`
      select id, source_type, to_char(entry_date, 'YYYY-MM-DD') as entry_date from journal_entries
      where cooperative_id = ${w.coop.id} and source_type in ('test.month-end', 'ledger.year-end')
      order by id`.execute(file.deps.database.db);
    expect(order.rows.map((r) => [r.source_type, r.entry_date])).toEqual([
      ['test.month-end', '2025-12-31'],
      ['ledger.year-end', '2025-12-31'],
      ['ledger.year-end', '2025-12-31'],
    ]);
    const net = await balances(w.coop.id);
    expect(net).toMatchObject({ '4101': 0n, '5201': 0n, '3107': 0n, '3108': 620_000n });
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('locks the year: every month of it refuses postings, and a second close is refused', async () => {
    for (const d of ['2025-01-15', '2025-07-01', '2025-12-31'])
      expect(await codeOf(pair(w.ctx, d, '1101', '3101', 1n))).toBe('LEDGER_PERIOD_CLOSED');
    const again = await w.maker.request('POST', `${w.base}/years/2025/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('LEDGER_YEAR_ALREADY_CLOSED');
    const status = await w.maker.request('GET', `${w.base}/years/2025`);
    const s = status.json<{ status: string; openMonths: string[]; closedBy: string | null }>();
    expect(s.status).toBe('closed');
    expect(s.openMonths).toEqual([]);
    expect(s.closedBy).toBe(w.maker.username);
  });

  it('the year’s PHU still shows its income, expenses and SHU; the neraca shows SHU belum dibagi', async () => {
    const phu = await w.maker.request('GET', `${w.base}/years/2025/statements/phu`);
    expect(phu.statusCode).toBe(200);
    const doc = phu.json<{
      sections: { columns: { header: string }[]; rows: { cells: unknown[] }[] }[];
    }>();
    const find = (label: string) =>
      doc.sections.flatMap((x) => x.rows).find((r) => String(r.cells[0]).startsWith(label))?.cells;
    expect(find('4101')?.[1]).toEqual({ rupiah: '970000' });
    expect(find('5201')?.[1]).toEqual({ rupiah: '350000' });
    expect(find('SISA HASIL USAHA')?.[1]).toEqual({ rupiah: '620000' });
    // the prior year is beside it (2024: nothing booked yet)
    expect(doc.sections[0]?.columns.map((c) => c.header)).toEqual(['Pos', '2025', '2024']);
    expect(find('SISA HASIL USAHA')?.[2]).toEqual({ rupiah: '0' });
    const neraca = await w.maker.request('GET', `${w.base}/years/2025/statements/neraca`);
    const rows = neraca
      .json<{ sections: { rows: { cells: unknown[] }[] }[] }>()
      .sections.flatMap((x) => x.rows);
    expect(rows.find((r) => String(r.cells[0]).startsWith('3108'))?.cells[1]).toEqual({
      rupiah: '620000',
    });
    expect(rows.some((r) => String(r.cells[0]).includes('belum ditutup'))).toBe(false);
    for (const kind of ['perubahan-ekuitas', 'arus-kas']) {
      const res = await w.maker.request('GET', `${w.base}/years/2025/statements/${kind}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('2024');
    }
    const pdf = await w.maker.request('GET', `${w.base}/years/2025/statements/phu?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('re-opens only by a request approved by another user: reverses the closing, opens December; a new close works', async () => {
    expect(
      (
        await w.kasir.request('POST', `${w.base}/years/2025/reopen`, {
          reason: 'koreksi audit akuntan publik',
        })
      ).statusCode,
    ).toBe(403);
    const req = await w.maker.request('POST', `${w.base}/years/2025/reopen`, {
      reason: 'koreksi audit akuntan publik',
    });
    expect(req.statusCode).toBe(202);
    const approvalId = req.json<{ approvalId: string }>().approvalId;
    const twice = await w.maker.request('POST', `${w.base}/years/2025/reopen`, {
      reason: 'koreksi audit akuntan publik',
    });
    expect(twice.statusCode).toBe(409); // one request at a time
    expect(twice.json<{ detail: string }>().detail).toContain('menunggu persetujuan');
    const self = await w.maker.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/approvals/${approvalId}/approve`,
    );
    expect(self.json<{ code: string }>().code).toBe('APPROVAL_SELF_DECISION');
    expect((await balances(w.coop.id))['3108']).toBe(620_000n); // nothing happened yet
    const ok = await w.checker.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/approvals/${approvalId}/approve`,
    );
    expect(ok.statusCode).toBe(200);
    // reversed by new entries; the closing entries themselves are still there
    const net = await balances(w.coop.id);
    expect(net).toMatchObject({ '4101': 970_000n, '5201': -350_000n, '3107': 0n, '3108': 0n });
    const s = (await w.maker.request('GET', `${w.base}/years/2025`)).json<{
      status: string;
      entries: { kind: string }[];
      reopenings: { status: string; requestedBy: string; decidedBy: string; reason: string }[];
    }>();
    expect(s.status).toBe('open');
    expect(s.entries.map((e) => e.kind)).toEqual(['reversed', 'reversed', 'reversal', 'reversal']);
    expect(s.reopenings).toMatchObject([
      {
        status: 'approved',
        requestedBy: w.maker.username,
        decidedBy: w.checker.username,
        reason: 'koreksi audit akuntan publik',
      },
    ]);
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where organization_id = ${w.coop.id} and action = 'year.reopened'`.execute(
      file.deps.database.db,
    );
    expect(audit.rows[0]?.n).toBe(1);
    // December takes the correction; the PHU is unchanged by the closing and its reversal
    await pair(w.ctx, '2025-12-30', '5201', '1101', 20_000n);
    const again = await w.maker.request('POST', `${w.base}/years/2025/close`);
    expect(again.statusCode).toBe(200);
    const r2 = again.json<{
      shuRupiah: string;
      closingEntryIds: string[];
      monthEndSteps: { skipped: boolean }[];
    }>();
    expect(r2.shuRupiah).toBe('600000');
    expect(r2.monthEndSteps.every((x) => x.skipped)).toBe(true); // December's month-end ran once
    expect((await balances(w.coop.id))['3108']).toBe(600_000n);
    const phu = (await w.maker.request('GET', `${w.base}/years/2025/statements/phu`)).body;
    expect(phu).toContain('"600000"');
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('re-opening is refused once a later month is closed or the SHU is distributed', async () => {
    await pair(w.ctx, '2026-01-05', '1101', '3101', 1_000n);
    await closeMonth(file.deps, w.ctx, '2026-01');
    const later = await w.maker.request('POST', `${w.base}/years/2025/reopen`, {
      reason: 'koreksi setelah Januari ditutup',
    });
    expect(later.statusCode).toBe(409);
    expect(later.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'LEDGER_YEAR_NOT_REOPENABLE',
    });
    expect(later.json<{ detail: string }>().detail).toContain('2026-01');

    const other = await world();
    await book2025(other.ctx);
    await closeYear(file.deps, other.ctx, 2025);
    // what the SHU distribution will post (source 'shu.distribution', source id = the year)
    await inOrg(file.deps, other.ctx, (o) =>
      postEntry(o, {
        entryDate: '2026-04-10',
        description: 'Pembagian SHU 2025 (uji)',
        source: { type: 'shu.distribution', id: '2025' },
        lines: [
          { account: { code: '3108' }, debitRupiah: 100_000n },
          { account: { code: '2101' }, creditRupiah: 100_000n },
        ],
      }),
    );
    const res = await other.maker.request('POST', `${other.base}/years/2025/reopen`, {
      reason: 'koreksi setelah SHU dibagi',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toMatch(/SHU/);
  });

  it('refuses a year that has not ended, and closes a year without postings by locking its months', async () => {
    const ctx = await newLedger();
    expect(await codeOf(closeYear(file.deps, ctx, 2026))).toBe('LEDGER_YEAR_NOT_ENDED');
    const r = await closeYear(file.deps, ctx, 2024);
    expect(r).toMatchObject({ shuRupiah: 0n, closingEntryIds: [] });
    expect(await codeOf(pair(ctx, '2024-02-01', '1101', '3101', 1n))).toBe('LEDGER_PERIOD_CLOSED');
    expect((await counts(ctx.organizationId))?.p).toBe(12);
  });

  it('sokoguru close-year: progress of December’s month-end, the SHU, then a refusal the second time', async () => {
    const other = await world();
    await book2025(other.ctx);
    const args = ['close-year', '--coop', other.coop.id, '--year', '2025'];
    const r = await runCli(file.deps, args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\[\d+\/\d+\] test-year-end-accrual/);
    expect(r.stdout).toContain('SHU Rp 620000');
    const again = await runCli(file.deps, args);
    expect(again.code).toBe(4); // a conflict
    expect(again.stderr).toContain('Tahun buku 2025 sudah ditutup.');
    expect(again.stdout).toBe('');
  });
});
