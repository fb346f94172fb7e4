import type { Command } from 'commander';
import { z } from 'zod';
import { businessDateWib } from '../domain/calendar.js';
import { monthPeriod, uuid } from '../schemas/common.js';
import { systemContext } from '../services/context.js';
import {
  deliverOutbox,
  consoleTransport,
  fileTransport,
  monthEndStatus,
  runMonthEnd,
  type AutoDebitRun,
  type MonthEndProgress,
} from '../services/loans.js';
import { analyzeIfEmbedded } from '../services/maintenance.js';
import { monthOf } from '../services/month-end.js';
import { action, flag, text } from './input.js';
import { requireOrganization, withDeps, type Cli, type Output } from './io.js';
import { autoDebitWithReport, terminalBar } from './loans.js';

function progressBar(stderr: Output): MonthEndProgress & { stop(): void } {
  if (!stderr.isTTY)
    return {
      step: (name, i, total, skipped) =>
        stderr.write(`  [${i}/${total}] ${name}${skipped ? ' (already done)' : ''}\n`),
      stop() {},
    };
  const bar = terminalBar(stderr, '  month-end |{bar}| {value}/{total} {step}');
  let started = false;
  return {
    step(name, i, total, skipped) {
      if (!started) {
        bar.start(total, 0, { step: '' });
        started = true;
      }
      bar.update(i, { step: `${name}${skipped ? ' (already done)' : ''}` });
    },
    stop: () => bar.stop(),
  };
}

/** A step's result as `key=value` pairs for the terminal (numbers and rupiah as they are). */
function resultText(result: unknown): string {
  if (result === null || typeof result !== 'object') return JSON.stringify(result) ?? '';
  return Object.entries(result as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/**
 * `sokoguru close-month --coop X --month 2026-10`: idempotent, resumable month-end close.
 *
 * The loans' auto-debit from sukarela for the month's last day runs first, before days past due
 * and penalties. It is not a month-end step because a step is one transaction (committed with its
 * record) and the auto-debit is one transaction per loan; it is idempotent per loan and date by
 * itself, and not run again once the month is closed. If a loan fails, the close stops before the
 * steps (exit 1): fix it and run again.
 */
export function registerCloseMonth(program: Command, cli: Cli): void {
  const { io } = cli;
  program
    .command('close-month')
    .description(
      "month-end close of a cooperative: loans' auto-debit from sukarela on the last day, then loan days past due, accrual, penalties, collectibility, PPAP, savings, reminders; idempotent and resumable",
    )
    .option('--coop <id>', 'cooperative id (required)')
    .option('--month <YYYY-MM>', 'the month to close (required)')
    .option('--send-reminders <file>', "deliver queued reminders to a file ('-' for the console)")
    .option('--json', 'print the result as JSON')
    .action(
      action(
        cli,
        z.object({
          coop: uuid,
          month: monthPeriod,
          sendReminders: text(4096).optional(),
          json: flag,
        }),
        (o) =>
          withDeps(
            cli,
            async (deps) => {
              await requireOrganization(deps, o.coop, 'cooperative');
              const ctx = systemContext(o.coop, 'cli');
              const m = monthOf(o.month);
              const today = businessDateWib(deps.clock());
              let autoDebit: AutoDebitRun | null = null;
              // a month already closed changes nothing, the auto-debit included
              if ((await monthEndStatus(deps, ctx, o.month)).status === 'done')
                io.stderr.write(`auto-debit: not run, ${o.month} is already closed\n`);
              else if (m.lastDay <= today) {
                autoDebit = await autoDebitWithReport(
                  deps,
                  { ...ctx, roles: ['pengurus'] },
                  m.lastDay,
                  io.stderr,
                );
                if (autoDebit.errors.length > 0) {
                  await deps.sealer.flush();
                  io.stderr.write(
                    'close-month stopped before the month-end steps: the auto-debit of some loans failed (above); run it again\n',
                  );
                  cli.exitCode = 1;
                  return;
                }
              } else
                io.stderr.write(`auto-debit: not run, ${m.lastDay} is after today (${today})\n`);
              await analyzeIfEmbedded(deps.database);
              const bar = progressBar(io.stderr);
              const result = await runMonthEnd(
                deps,
                { ...ctx, roles: ['pengurus'] },
                o.month,
                bar,
              ).finally(() => bar.stop());
              if (o.sendReminders) {
                const sent = await deliverOutbox(
                  deps,
                  ctx,
                  o.sendReminders === '-' ? consoleTransport : fileTransport(o.sendReminders),
                );
                io.stderr.write(`reminders: ${sent.sent} sent, ${sent.failed} failed\n`);
              }
              await deps.sealer.flush();
              if (o.json) io.stdout.write(`${JSON.stringify({ ...result, autoDebit }, null, 2)}\n`);
              else
                for (const s of result.steps)
                  io.stdout.write(
                    `${s.name.padEnd(24)} ${(s.skipped ? 'already done' : 'done').padEnd(12)} ${resultText(s.result)}\n`,
                  );
            },
            { json: o.json },
          ),
      ),
    );
}
