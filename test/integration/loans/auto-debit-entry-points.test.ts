import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../src/db/database.js';
import { openDeps, type OpenedDeps } from '../../../src/services/deps.js';
import { getLoan, runMonthEnd, type AutoDebitRun } from '../../../src/services/loans.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { signIn, testAppForFile } from '../../support/fixtures.js';
import { autoDebitWorld, borrower, expectBooksSound, sukarelaOf } from './auto-debit-setup.js';

/** The auto-debit's ways in: the mandate and the run over HTTP (OpenAPI, permissions, Idempotency-Key), and the CLI. */

const clock = () => new Date('2026-08-01T03:00:00Z');
const file = testAppForFile({ clock });

describe('auto-debit over HTTP', () => {
  it('staff with loans.manage set the mandate (shown in the loan view); the run needs monthend.run and an Idempotency-Key, and a replay returns the first report', async () => {
    const w = await autoDebitWorld(file.deps);
    const sri = await borrower(w, 'Sri Rahayu', 200_000n, false);
    await runMonthEnd(file.deps, w.pengurus, '2026-07');
    const pengurus = await signIn(file.app, w.pengurusUser.username);
    const kasir = await signIn(file.app, w.tellerUser.username);
    const base = `/api/v1/orgs/${w.coop.id}`;

    expect(
      (await kasir.request('PUT', `${base}/loans/${sri.loanId}/auto-debit`, { enabled: true }))
        .statusCode,
    ).toBe(403);
    const set = await pengurus.request('PUT', `${base}/loans/${sri.loanId}/auto-debit`, {
      enabled: true,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ loanId: sri.loanId.toString(), autoDebit: true });
    const view = await pengurus.request('GET', `${base}/loans/${sri.loanId}`);
    expect(view.json<{ loan: { autoDebit: boolean } }>().loan.autoDebit).toBe(true);

    const run = (key?: string, date = '2026-08-01', client = pengurus) =>
      client.request(
        'POST',
        `${base}/loan-auto-debits`,
        { date },
        key ? { 'idempotency-key': key } : {},
      );
    expect((await run('auto-debit-kasir-0801', '2026-08-01', kasir)).statusCode).toBe(403);
    const noKey = await run();
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json<{ code: string }>().code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const future = await run('auto-debit-2026-08-02', '2026-08-02');
    expect(future.statusCode).toBe(422);
    expect(future.json<{ code: string }>().code).toBe('LOAN_AUTO_DEBIT_DATE_IN_FUTURE');

    const first = await run('auto-debit-2026-08-01');
    expect(first.statusCode).toBe(200);
    const report = first.json<AutoDebitRun>();
    expect(report.debited).toEqual([
      expect.objectContaining({
        loanNumber: sri.loanNumber,
        amountRupiah: '121068',
        penaltyRupiah: '3068',
        interestRupiah: '18000',
        principalRupiah: '100000',
      }),
    ]);
    const replay = await run('auto-debit-2026-08-01');
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(report);
    // the same key for another date is refused; a new key runs again, and debits nothing new
    expect((await run('auto-debit-2026-08-01', '2026-07-31')).json<{ code: string }>().code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    const second = (await run('auto-debit-2026-08-01-retry')).json<AutoDebitRun>();
    expect(second.debited).toEqual([]);
    expect(second.alreadyDebited.map((a) => a.loanNumber)).toEqual([sri.loanNumber]);
    expect((await sukarelaOf(file.deps.database.db, w.coop.id, sri.memberId)).balance_rupiah).toBe(
      78_932n,
    );
    await expectBooksSound(file.deps.database.db, w.coop.id);
  });

  it('the OpenAPI document shows the mandate on the application, the mandate route and the run', async () => {
    const doc = (await file.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { properties?: Record<string, unknown> } }>;
            };
          }
        >
      >;
    }>();
    expect(doc.paths['/api/v1/orgs/{orgId}/loans/{loanId}/auto-debit']?.put).toBeDefined();
    expect(doc.paths['/api/v1/orgs/{orgId}/loan-auto-debits']?.post).toBeDefined();
    const application =
      doc.paths['/api/v1/orgs/{orgId}/loan-applications']?.post?.requestBody?.content[
        'application/json'
      ]?.schema;
    expect(application?.properties).toHaveProperty('autoDebit');
  });
});

describe('auto-debit from the command line', () => {
  // each CLI process opens the database afresh (PGlite from disk: seconds), so two runs only
  it(
    '`sokoguru loans auto-debit` debits and lists the skipped; `sokoguru close-month` runs it on the last day before the month-end steps',
    { timeout: 240_000 },
    async () => {
      const tpl = inject('dbTemplate');
      const dir = mkdtempSync(join(tmpdir(), 'sg-auto-debit-'));
      let own: OpenedDeps | TestDeps | undefined;
      try {
        // a database the CLI process can open: PGlite on disk loaded from the migrated template, or a PostgreSQL copy
        let env: NodeJS.ProcessEnv;
        if (tpl.kind === 'pglite') {
          const database = await openDatabase({
            kind: 'pglite',
            dataDir: join(dir, 'data'),
            loadDataDir: new Blob([readFileSync(tpl.file)]),
          });
          own = await openDeps(database, {
            logger: pino({ level: 'silent' }),
            migrate: false,
            clock,
          });
          env = {
            ...process.env,
            SOKOGURU_DATA_DIR: join(dir, 'data'),
            DATABASE_URL: '',
            LOG_LEVEL: 'silent',
          };
        } else {
          own = await testDeps({ clock });
          env = { ...process.env, DATABASE_URL: (own as TestDeps).url, LOG_LEVEL: 'silent' };
        }
        const w = await autoDebitWorld(own);
        const sri = await borrower(w, 'Sri Rahayu', 400_000n, true);
        const tini = await borrower(w, 'Tini Suharti', 10_000n, true);
        await runMonthEnd(own, w.pengurus, '2026-07');
        await own.sealer.flush();
        if (tpl.kind === 'pglite') {
          await own.close();
          own = undefined;
        }
        const root = resolve(import.meta.dirname, '../../..');
        const sokoguru = (args: string[]) =>
          promisify(execFile)(process.execPath, ['bin/sokoguru.mjs', ...args], {
            cwd: root,
            env,
            timeout: 120_000,
          }).then(
            (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
            (e: { code: number; stdout: string; stderr: string }) => e,
          );

        const first = await sokoguru([
          'loans',
          'auto-debit',
          '--coop',
          w.coop.id,
          '--date',
          '2026-08-01',
          '--json',
        ]);
        expect(first.code, first.stderr).toBe(0);
        const r1 = JSON.parse(first.stdout) as AutoDebitRun;
        expect(r1.debited.map((d) => [d.loanNumber, d.amountRupiah])).toEqual([
          [sri.loanNumber, '121068'],
        ]);
        expect(r1.skipped.map((s) => [s.loanNumber, s.reason])).toEqual([
          [tini.loanNumber, 'SAVINGS_BELOW_MINIMUM_BALANCE'],
        ]);
        expect(first.stderr).toContain(`skipped ${tini.loanNumber}: SAVINGS_BELOW_MINIMUM_BALANCE`);

        // August's close: instalment 2 (due 2 August) is debited on the 31st, before days past due and denda
        const close = await sokoguru([
          'close-month',
          '--coop',
          w.coop.id,
          '--month',
          '2026-08',
          '--json',
        ]);
        expect(close.code, close.stderr).toBe(0);
        const closed = JSON.parse(close.stdout) as {
          autoDebit: AutoDebitRun;
          steps: { name: string }[];
        };
        expect(closed.autoDebit.date).toBe('2026-08-31');
        expect(
          closed.autoDebit.debited.map((d) => [d.loanNumber, d.amountRupiah, d.penaltyRupiah]),
        ).toEqual([[sri.loanNumber, '118000', '0']]);
        expect(closed.steps.map((s) => s.name)).toContain('loans-days-past-due');

        if (tpl.kind === 'pglite') {
          const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
          own = await openDeps(database, {
            logger: pino({ level: 'silent' }),
            migrate: false,
            clock,
          });
        }
        const loan = await getLoan(own!, w.pengurus, sri.loanId);
        // paid up to date at the close: no days past due, no denda for August
        expect(loan.loan).toMatchObject({
          daysPastDue: 0,
          penaltyDueRupiah: '0',
          outstandingPrincipalRupiah: '1000000',
        });
        // (August's savings interest is credited by the same close, so the history is compared, not the balance)
        const debits = await sql<{ transaction_date: string; amount_rupiah: bigint }>`
        select transaction_date::text as transaction_date, amount_rupiah from savings_transactions
        where cooperative_id = ${w.coop.id} and account_id = ${(await sukarelaOf(own!.database.db, w.coop.id, sri.memberId)).id} and kind = 'loan-repayment'
        order by id`.execute(own!.database.db);
        expect(debits.rows).toEqual([
          { transaction_date: '2026-08-01', amount_rupiah: 121_068n },
          { transaction_date: '2026-08-31', amount_rupiah: 118_000n },
        ]);
        await expectBooksSound(own!.database.db, w.coop.id);
      } finally {
        await own?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
