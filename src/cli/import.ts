import { createReadStream } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { errorMessage } from '../i18n/messages.js';
import { uuid } from '../schemas/common.js';
import { systemContext } from '../services/context.js';
import {
  importMembers,
  readImportWorkbook,
  type ImportProgress,
} from '../services/member-import.js';
import { action, existingFile, flag } from './input.js';
import { requireOrganization, withDeps, type Cli, type Output } from './io.js';

function bar(stderr: Output): ImportProgress & { stop(): void } {
  if (!stderr.isTTY)
    return {
      phase: (name, done, total) => stderr.write(`  ${name} ${done}/${total}\n`),
      stop() {},
    };
  const b = new cliProgress.SingleBar(
    {
      format: '  impor |{bar}| {value}/{total} {phase}',
      stream: stderr as NodeJS.WritableStream,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
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
export function registerImport(program: Command, cli: Cli): void {
  const { io } = cli;
  const imp = program.command('import').description('import data from spreadsheets');
  imp
    .command('members')
    .argument('<file>', 'the filled-in Excel template (.xlsx)')
    .description(
      'members and opening balances from the Excel template; every row is checked first, then all or nothing',
    )
    .option('--coop <id>', 'cooperative id (required)')
    .option('--dry-run', 'check only, write nothing')
    .option('--lang <lang>', 'language of the report: id | en', 'id')
    .action(
      action(
        cli,
        z.object({
          file: existingFile,
          coop: uuid,
          dryRun: flag,
          lang: z.enum(['id', 'en']),
        }),
        (o) =>
          withDeps(cli, async (deps) => {
            await requireOrganization(deps, o.coop, 'cooperative');
            const progress = bar(io.stderr);
            try {
              progress.phase('read', 0, 1);
              const res = await importMembers(
                deps,
                { ...systemContext(o.coop, 'cli'), roles: ['pengurus'] },
                {
                  rows: readImportWorkbook(createReadStream(o.file)),
                  lang: o.lang,
                  dryRun: o.dryRun,
                },
                progress,
              );
              progress.stop();
              await deps.sealer.flush();
              io.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
            } catch (e) {
              progress.stop();
              // a file or rows that fail the checks: the per-row report, exit 1 (docs/cli.md)
              if (!(e instanceof AppError)) throw e;
              io.stderr.write(`${errorMessage(e.code, o.lang, e.params)}\n`);
              for (const fe of e.fieldErrors ?? []) io.stderr.write(`  ${fe.message}\n`);
              cli.exitCode = 1;
            }
          }),
      ),
    );
}
