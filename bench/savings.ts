// Savings at scale on PostgreSQL: (1) the month-end interest run (daily-balance interest, PPh final,
// admin fee) over BENCH_SAVINGS_ACCOUNTS sukarela accounts (default 1,000,000), a third of them
// with movements during the month; (2) importing BENCH_IMPORT_MEMBERS members (default 50,000) from
// an .xlsx file through the same code as `sokoguru import members`.
// Run: npx tsx bench/savings.ts   (PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432)
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { inOrg, systemContext, type OrgContext } from '../src/services/context.js';
import { postEntry } from '../src/services/ledger.js';
import {
  IMPORT_COLUMNS,
  importMembers,
  readImportWorkbook,
} from '../src/services/member-import.js';
import { createOrganization } from '../src/services/organizations.js';
import { createProduct } from '../src/services/savings.js';
import '../src/services/loans.js';
import { benchDeps, timeMonthEnd, writeResult } from './support.js';

const ACCOUNTS = Number(process.env.BENCH_SAVINGS_ACCOUNTS ?? 1_000_000);
const IMPORT_MEMBERS = Number(process.env.BENCH_IMPORT_MEMBERS ?? 50_000);

async function monthEnd() {
  const deps = await benchDeps('sokoguru_bench_savings');
  const coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: 'KSP Bench Simpanan',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
    },
    'bench',
  );
  const ctx: OrgContext = { ...systemContext(coop.id, 'bench'), roles: ['pengurus'] };
  const product = await createProduct(deps, ctx, {
    code: 'SS',
    name: 'Simpanan Sukarela',
    settings: {
      kind: 'sukarela',
      annualRateBps: 300,
      interestMethod: 'daily-balance',
      minimumBalanceRupiah: '10000',
      monthlyAdminFeeRupiah: '2500',
    },
  });
  const t0 = performance.now();
  // Generated set-based (the registry's own validation is not what is measured here).
  const entry = await inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate: '2026-10-31',
      description: 'Saldo awal (bench)',
      source: { type: 'bench' },
      lines: [
        { account: { role: 'bank' }, debitRupiah: BigInt(ACCOUNTS) * 1_000_000n },
        { account: { role: 'savingsSukarela' }, creditRupiah: BigInt(ACCOUNTS) * 1_000_000n },
      ],
    }),
  );
  const db = deps.database.db;
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on)
    select ${coop.id}, lpad(i::text, 7, '0'), 'active', '3375' || lpad(i::text, 12, '0'), 'Anggota ' || i, '1980-01-01', 'P', '2020-01-01'
    from generate_series(1, ${ACCOUNTS}) i`.execute(db);
  await sql`
    insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on, balance_rupiah)
    select ${coop.id}, 'SS-' || m.member_number, m.id, ${BigInt(product.id)}, '2020-01-01', '2026-10-31', 1000000
    from members m where m.cooperative_id = ${coop.id}`.execute(db);
  await sql`
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
    select ${coop.id}, a.id, 'opening-balance', 1, 1000000, 1000000, '2026-10-31', ${entry.entryId}
    from savings_accounts a where a.cooperative_id = ${coop.id}`.execute(db);
  // a third of the accounts move during November: a deposit on day d and a withdrawal on day d+10
  const moved = await inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate: '2026-11-30',
      description: 'Rekap mutasi (bench)',
      source: { type: 'bench' },
      lines: [
        { account: { role: 'cash' }, debitRupiah: 1n },
        { account: { role: 'savingsSukarela' }, creditRupiah: 1n },
      ],
    }),
  );
  await sql`
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
    select ${coop.id}, a.id, k.kind, k.sign, k.amount, k.after, ('2026-11-01'::date + (a.id % 15)::int + k.shift), ${moved.entryId}
    from savings_accounts a
    cross join (values ('deposit', 1, 500000, 1500000, 0), ('withdrawal', -1, 300000, 1200000, 10)) as k(kind, sign, amount, after, shift)
    where a.cooperative_id = ${coop.id} and a.id % 3 = 0
    order by a.id, k.shift`.execute(db);
  await sql`update savings_accounts set balance_rupiah = 1200000 where cooperative_id = ${coop.id} and id % 3 = 0`.execute(
    db,
  );
  await sql`analyze`.execute(db);
  const generateSeconds = (performance.now() - t0) / 1000;

  const { result, stepSeconds: steps, monthEndSeconds } = await timeMonthEnd(deps, ctx, '2026-11');
  const interest = result.steps.find((s) => s.name === 'savings-interest')?.result;
  await deps.close();
  return {
    accounts: ACCOUNTS,
    generateSeconds,
    monthEndSeconds,
    stepSeconds: steps,
    interest,
    targetSeconds: 30,
  };
}

async function importBench() {
  const deps = await benchDeps('sokoguru_bench_import');
  const coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: 'KSP Bench Impor',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
    },
    'bench',
  );
  const ctx: OrgContext = { ...systemContext(coop.id, 'bench'), roles: ['pengurus'] };
  for (const [code, name, settings] of [
    ['SP', 'Simpanan Pokok', { kind: 'pokok', amountRupiah: '100000' }],
    ['SW', 'Simpanan Wajib', { kind: 'wajib', monthlyAmountRupiah: '50000' }],
    [
      'SS',
      'Simpanan Sukarela',
      { kind: 'sukarela', annualRateBps: 300, interestMethod: 'daily-balance' },
    ],
  ] as const)
    await createProduct(deps, ctx, { code, name, settings });
  // The file is made by a child process (this script with `import-file`), so that its making
  // does not count in this process's peak memory, which is the import's.
  const path = join(mkdtempSync(join(tmpdir(), 'sokoguru-bench-')), 'anggota.xlsx');
  const made = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, 'import-file', path],
    {
      stdio: 'inherit',
    },
  );
  if (made.status !== 0) throw new Error(`making ${path} failed (exit ${made.status})`);
  const fileBytes = statSync(path).size;
  // The import reads the file as a stream, checking rows as they come; "read" is reading and
  // checking every row, "import" the writing transaction.
  let checkedAt = 0;
  const t0 = performance.now();
  const res = await importMembers(
    deps,
    ctx,
    { rows: readImportWorkbook(createReadStream(path)) },
    {
      phase(name) {
        if (name === 'write' && checkedAt === 0) checkedAt = performance.now();
      },
    },
  );
  const t1 = performance.now();
  rmSync(dirname(path), { recursive: true, force: true });
  await deps.close();
  return {
    members: IMPORT_MEMBERS,
    fileMiB: Math.round((fileBytes / 2 ** 20) * 10) / 10,
    readSeconds: (checkedAt - t0) / 1000,
    importSeconds: (t1 - checkedAt) / 1000,
    totalSeconds: (t1 - t0) / 1000,
    imported: res.imported,
    targetSeconds: 30,
    targetPeakRssMiB: 512,
  };
}

/**
 * BENCH_IMPORT_MEMBERS people with NIKs that validate (district 337501, distinct birth dates and
 * serials) as the import template, written with exceljs' streaming writer: shared strings after
 * the sheet, as Excel writes them.
 */
async function writeImportFile(path: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = wb.addWorksheet('Anggota');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < IMPORT_MEMBERS; i++) {
    const y = 1950 + (i % 50);
    const m = 1 + (Math.floor(i / 50) % 12);
    const d = 1 + (Math.floor(i / 600) % 28);
    const female = i % 2 === 1;
    const serial = 1 + Math.floor(i / 16_800);
    const birth = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const nik = `337501${String(d + (female ? 40 : 0)).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).slice(2)}${String(serial).padStart(4, '0')}`;
    ws.addRow([
      nik,
      `Anggota Impor ${i}`,
      'Pekalongan',
      birth,
      female ? 'P' : 'L',
      'Jl. Merdeka',
      '33',
      '3375',
      '337501',
      null,
      `0812${String(10_000_000 + i)}`,
      'Pedagang',
      '2020-01-15',
      null,
      100000,
      50000 * (1 + (i % 60)),
      25000 * (i % 40),
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main() {
  const which = process.argv[2] ?? 'all';
  if (which === 'import-file') return writeImportFile(process.argv[3]!);
  if (which === 'all' || which === 'month-end') writeResult('savings-month-end', await monthEnd());
  if (which === 'all' || which === 'import') writeResult('member-import', await importBench());
}

await main();
