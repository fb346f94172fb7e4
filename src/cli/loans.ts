import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { isoDate, uuid } from '../schemas/common.js';
import { systemContext, type OrgContext } from '../services/context.js';
import type { OpenedDeps } from '../services/deps.js';
import { runAutoDebit, type AutoDebitProgress, type AutoDebitRun } from '../services/loans.js';
import { action, flag } from './input.js';
import { requireOrganization, withDeps, type Cli, type Output } from './io.js';

/** A progress bar drawn on the terminal's stderr in the given format (cli-progress). */
export function terminalBar(stderr: Output, format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { format, hideCursor: true, stream: stderr as NodeJS.WritableStream },
    cliProgress.Presets.shades_classic,
  );
}

/** One bar over the loans on a terminal; a line every 100 loans otherwise (CI, pipes, cron). */
export function autoDebitBar(stderr: Output): AutoDebitProgress & { stop(): void } {
  if (!stderr.isTTY)
    return {
      loan: (done, total) => {
        if (done % 100 === 0 || done === total) stderr.write(`  auto-debit ${done}/${total}\n`);
      },
      stop() {},
    };
  const bar = terminalBar(stderr, '  auto-debit |{bar}| {value}/{total} loans');
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
  stderr: Output,
): Promise<AutoDebitRun> {
  const bar = autoDebitBar(stderr);
  const r = await runAutoDebit(deps, ctx, date, bar).finally(() => bar.stop());
  stderr.write(
    `auto-debit ${r.date}: ${r.debited.length} debited (Rp ${r.debitedRupiah}, ${r.debited.filter((d) => d.partial).length} partial), ` +
      `${r.alreadyDebited.length} already debited, ${r.skipped.length} skipped, ${r.errors.length} failed\n`,
  );
  for (const s of r.skipped)
    stderr.write(
      `  skipped ${s.loanNumber}: ${s.reason} (due Rp ${s.dueRupiah}, available above the minimum Rp ${s.availableRupiah})\n`,
    );
  for (const e of r.errors) stderr.write(`  FAILED ${e.loanNumber}: ${e.code} ${e.detail}\n`);
  return r;
}

/** `sokoguru loans auto-debit --coop X --date YYYY-MM-DD`: for a daily scheduler (cron). */
export function registerLoans(program: Command, cli: Cli): void {
  const { io } = cli;
  const loans = program.command('loans').description('loans and financing');
  loans
    .command('auto-debit')
    .description(
      'debit due instalments and denda of mandated loans from sukarela (min of due and balance above the minimum; penalty, interest, principal); once per loan and date, resumable; exit 1 if a loan failed',
    )
    .option('--coop <id>', 'cooperative id (required)')
    .option('--date <YYYY-MM-DD>', 'the business date, not after today (required)')
    .option('--json', 'print the full report as JSON')
    .action(
      action(cli, z.object({ coop: uuid, date: isoDate, json: flag }), (o) =>
        withDeps(
          cli,
          async (deps) => {
            await requireOrganization(deps, o.coop, 'cooperative');
            const r = await autoDebitWithReport(
              deps,
              { ...systemContext(o.coop, 'cli'), roles: ['pengurus'] },
              o.date,
              io.stderr,
            );
            await deps.sealer.flush();
            if (o.json) io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
            else
              for (const d of r.debited)
                io.stdout.write(
                  `${d.loanNumber} Rp ${d.amountRupiah} (denda ${d.penaltyRupiah}, jasa ${d.interestRupiah}, pokok ${d.principalRupiah})${d.partial ? ' sebagian' : ''}\n`,
                );
            if (r.errors.length > 0) cli.exitCode = 1;
          },
          { json: o.json },
        ),
      ),
    );
}
