import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import pino from 'pino';
import { databaseConfigFromEnv } from '../config.js';
import { AppError } from '../domain/errors.js';
import { errorMessage } from '../i18n/messages.js';
import { systemContext } from '../services/context.js';
import { openDeps } from '../services/deps.js';
import { importMembers, readImportWorkbook, type ImportProgress } from '../services/member-import.js';

function bar(): ImportProgress & { stop(): void } {
  if (!process.stderr.isTTY) return { phase: (name, done, total) => process.stderr.write(`  ${name} ${done}/${total}\n`), stop() {} };
  const b = new cliProgress.SingleBar({ format: '  impor |{bar}| {value}/{total} {phase}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    phase(name, done, total) {
      if (!started) {
        b.start(total, 0, { phase: name });
        started = true;
      }
      b.update(done, { phase: name });
    },
    stop: () => b.stop(),
  };
}

/** `sokoguru import members FILE.xlsx --coop X`: all rows or none, with a per-row report. */
export function registerImport(program: Command): void {
  const imp = program.command('import').description('import data from spreadsheets');
  imp
    .command('members <file>')
    .description('members and opening balances from the Excel template; every row is checked first, then all or nothing')
    .requiredOption('--coop <id>', 'cooperative id')
    .option('--dry-run', 'check only, write nothing')
    .option('--lang <id|en>', 'language of the report', 'id')
    .action(async (file: string, o: { coop: string; dryRun?: boolean; lang: string }) => {
      const lang = o.lang === 'en' ? 'en' : 'id';
      const deps = await openDeps(databaseConfigFromEnv(), { logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }) });
      const progress = bar();
      try {
        progress.phase('read', 0, 1);
        const rows = await readImportWorkbook(await readFile(file));
        const res = await importMembers(deps, { ...systemContext(o.coop, 'cli'), roles: ['pengurus'] }, { rows, lang, dryRun: o.dryRun ?? false }, progress);
        progress.stop();
        await deps.sealer.flush();
        process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      } catch (e) {
        progress.stop();
        if (e instanceof AppError) {
          process.stderr.write(`${errorMessage(e.code, lang, e.params)}\n`);
          for (const fe of e.fieldErrors ?? []) process.stderr.write(`  ${fe.message}\n`);
          process.exitCode = 1;
        } else throw e;
      } finally {
        await deps.close();
      }
    });
}
