import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import pino from 'pino';
import { databaseConfigFromEnv } from '../config.js';
import { systemContext } from '../services/context.js';
import { openDeps } from '../services/deps.js';
import { deliverOutbox, consoleTransport, fileTransport, runMonthEnd, type MonthEndProgress } from '../services/loans.js';

function progressBar(): MonthEndProgress & { stop(): void } {
  if (!process.stderr.isTTY)
    return {
      step: (name, i, total, skipped) => process.stderr.write(`  [${i}/${total}] ${name}${skipped ? ' (already done)' : ''}\n`),
      stop() {},
    };
  const bar = new cliProgress.SingleBar(
    { format: '  month-end |{bar}| {value}/{total} {step}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
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

/** `sokoguru close-month --coop X --month 2026-10`: idempotent, resumable month-end close. */
export function registerCloseMonth(program: Command): void {
  program
    .command('close-month')
    .description('month-end close of a cooperative: loan accrual, penalties, collectibility, PPAP, savings (when installed), reminders; idempotent and resumable')
    .requiredOption('--coop <id>', 'cooperative id')
    .requiredOption('--month <YYYY-MM>', 'the month to close')
    .option('--send-reminders <file>', "deliver queued reminders to a file ('-' for the console)")
    .option('--json', 'print the result as JSON')
    .action(async (o: { coop: string; month: string; sendReminders?: string; json?: boolean }) => {
      const deps = await openDeps(databaseConfigFromEnv(), { logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }) });
      try {
        const ctx = systemContext(o.coop, 'cli');
        const bar = progressBar();
        const result = await runMonthEnd(deps, { ...ctx, roles: ['pengurus'] }, o.month, bar).finally(() => bar.stop());
        if (o.sendReminders) {
          const sent = await deliverOutbox(deps, ctx, o.sendReminders === '-' ? consoleTransport : fileTransport(o.sendReminders));
          process.stderr.write(`reminders: ${sent.sent} sent, ${sent.failed} failed\n`);
        }
        await deps.sealer.flush();
        if (o.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else for (const s of result.steps) process.stdout.write(`${s.name.padEnd(24)} ${s.skipped ? 'already done' : 'done'} ${JSON.stringify(s.result)}\n`);
      } finally {
        await deps.close();
      }
    });
}
