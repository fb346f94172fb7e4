import type { Command } from 'commander';
import { z } from 'zod';
import { businessDateWib } from '../domain/calendar.js';
import { bookYear, uuid } from '../schemas/common.js';
import { systemContext } from '../services/context.js';
import { monthEndStatus, type AutoDebitRun, type MonthEndProgress } from '../services/loans.js';
import { analyzeIfEmbedded } from '../services/maintenance.js';
import { closeYear, refuseYearClose } from '../services/year-end.js';
import { action, flag } from './input.js';
import { requireOrganization, withDeps, type Cli, type Output } from './io.js';
import { autoDebitWithReport, terminalBar } from './loans.js';

function progressBar(stderr: Output): MonthEndProgress & { stop(): void } {
  if (!stderr.isTTY)
    return {
      step: (name, i, total, skipped) =>
        stderr.write(`  [${i}/${total}] ${name}${skipped ? ' (already done)' : ''}\n`),
      stop() {},
    };
  const bar = terminalBar(stderr, '  month-end December |{bar}| {value}/{total} {step}');
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

/**
 * `sokoguru close-year --coop X --year 2025`: the year-end close (services/year-end.ts). As
 * close-month does for its month, the loans' auto-debit of 31 December runs first unless
 * December's month-end is done; then December's month-end steps (skipped when done), the closing
 * entries dated 31 December and December's close. A refusal (an earlier month open, the year
 * already closed or not ended) changes nothing and exits 1 with the reason.
 */
export function registerCloseYear(program: Command, cli: Cli): void {
  const { io } = cli;
  program
    .command('close-year')
    .description(
      "year-end close of a cooperative: December's month-end, the closing entries into SHU belum dibagi on 31 December, then December closes and the year is locked",
    )
    .option('--coop <id>', 'cooperative id (required)')
    .option('--year <YYYY>', 'the book year to close (required)')
    .option('--json', 'print the result as JSON')
    .action(
      action(cli, z.object({ coop: uuid, year: bookYear, json: flag }), (o) =>
        withDeps(
          cli,
          async (deps) => {
            await requireOrganization(deps, o.coop, 'cooperative');
            const ctx = { ...systemContext(o.coop, 'cli'), roles: ['pengurus' as const] };
            const year = Number(o.year);
            const dec = `${o.year}-12`;
            const today = businessDateWib(deps.clock());
            await refuseYearClose(deps, ctx, year); // before the auto-debit: a refusal changes nothing
            let autoDebit: AutoDebitRun | null = null;
            if ((await monthEndStatus(deps, ctx, dec)).status === 'done')
              io.stderr.write(`auto-debit: not run, the month-end of ${dec} is done\n`);
            else if (`${o.year}-12-31` < today) {
              autoDebit = await autoDebitWithReport(deps, ctx, `${o.year}-12-31`, io.stderr);
              if (autoDebit.errors.length > 0) {
                await deps.sealer.flush();
                io.stderr.write(
                  'close-year stopped before the month-end steps: the auto-debit of some loans failed (above); run it again\n',
                );
                cli.exitCode = 1;
                return;
              }
            }
            await analyzeIfEmbedded(deps.database);
            const bar = progressBar(io.stderr);
            const r = await closeYear(deps, ctx, year, bar).finally(() => bar.stop());
            await deps.sealer.flush();
            if (o.json)
              io.stdout.write(
                `${JSON.stringify(
                  {
                    year: r.year,
                    shuRupiah: r.shuRupiah.toString(),
                    closingEntryIds: r.closingEntryIds.map(String),
                    monthEnd: r.monthEnd,
                    autoDebit,
                  },
                  null,
                  2,
                )}\n`,
              );
            else
              io.stdout.write(
                `tahun buku ${r.year} ditutup: SHU Rp ${r.shuRupiah.toString()} ke SHU belum dibagi; jurnal penutup ${r.closingEntryIds.map(String).join(', ') || '(tidak ada)'}\n`,
              );
          },
          { json: o.json },
        ),
      ),
    );
}
