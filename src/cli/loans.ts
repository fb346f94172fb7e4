import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import pino from 'pino';
import { databaseConfigFromEnv } from '../config.js';
import { AppError } from '../domain/errors.js';
import { systemContext, type OrgContext } from '../services/context.js';
import { openDeps, type OpenedDeps } from '../services/deps.js';
import { runAutoDebit, type AutoDebitProgress, type AutoDebitRun } from '../services/loans.js';

/** One bar over the loans on a terminal; a line every 100 loans otherwise (CI, pipes, cron). */
export function autoDebitBar(): AutoDebitProgress & { stop(): void } {
  if (!process.stderr.isTTY)
    return {
      loan: (done, total) => {
        if (done % 100 === 0 || done === total)
          process.stderr.write(`  auto-debit ${done}/${total}\n`);
      },
      stop() {},
    };
  const bar = new cliProgress.SingleBar(
    {
      format: '  auto-debit |{bar}| {value}/{total} loans',
      hideCursor: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    loan(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}

/** The run with a progress bar, its summary and one line per skipped or failed loan on stderr. */
export async function autoDebitWithReport(
  deps: OpenedDeps,
  ctx: OrgContext,
  date: string,
): Promise<AutoDebitRun> {
  const bar = autoDebitBar();
  const r = await runAutoDebit(deps, ctx, date, bar).finally(() => bar.stop());
  process.stderr.write(
    `auto-debit ${r.date}: ${r.debited.length} debited (Rp ${r.debitedRupiah}, ${r.debited.filter((d) => d.partial).length} partial), ` +
      `${r.alreadyDebited.length} already debited, ${r.skipped.length} skipped, ${r.errors.length} failed\n`,
  );
  for (const s of r.skipped)
    process.stderr.write(
      `  skipped ${s.loanNumber}: ${s.reason} (due Rp ${s.dueRupiah}, available above the minimum Rp ${s.availableRupiah})\n`,
    );
  for (const e of r.errors)
    process.stderr.write(`  FAILED ${e.loanNumber}: ${e.code} ${e.detail}\n`);
  return r;
}

/** YYYY-MM-DD, a real calendar day, from 2000 on. */
function isBusinessDate(v: string): boolean {
  return (
    /^2[0-9]{3}-[0-9]{2}-[0-9]{2}$/.test(v) &&
    !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
    new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
  );
}

/** `sokoguru loans auto-debit --coop X --date YYYY-MM-DD`: for a daily scheduler (cron). */
export function registerLoans(program: Command): void {
  const loans = program.command('loans').description('loans and financing');
  loans
    .command('auto-debit')
    .description(
      'debit due instalments and denda of mandated loans from sukarela (min of due and balance above the minimum; penalty, interest, principal); once per loan and date, resumable; exit 1 if a loan failed',
    )
    .requiredOption('--coop <id>', 'cooperative id')
    .requiredOption('--date <YYYY-MM-DD>', 'the business date (not after today)')
    .option('--json', 'print the full report as JSON')
    .action(async (o: { coop: string; date: string; json?: boolean }) => {
      if (!isBusinessDate(o.date))
        throw new AppError('VALIDATION_FAILED', {}, `--date ${o.date} is not a date`);
      const deps = await openDeps(databaseConfigFromEnv(), {
        logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
      });
      try {
        const r = await autoDebitWithReport(
          deps,
          { ...systemContext(o.coop, 'cli'), roles: ['pengurus'] },
          o.date,
        );
        await deps.sealer.flush();
        if (o.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else
          for (const d of r.debited)
            process.stdout.write(
              `${d.loanNumber} Rp ${d.amountRupiah} (denda ${d.penaltyRupiah}, jasa ${d.interestRupiah}, pokok ${d.principalRupiah})${d.partial ? ' sebagian' : ''}\n`,
            );
        if (r.errors.length > 0) process.exitCode = 1;
      } finally {
        await deps.close();
      }
    });
}
