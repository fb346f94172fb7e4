import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { renderExcel } from '../reports/excel.js';
import { renderPdf } from '../reports/pdf.js';
import { renderText } from '../reports/text.js';
import { inputMessage } from '../i18n/messages.js';
import { accountCode, monthPeriod, uuid } from '../schemas/common.js';
import { systemContext } from '../services/context.js';
import { documentJson, statement, STATEMENT_KINDS } from '../services/statements.js';
import { action, CliInputError, flag, text } from './input.js';
import { requireOrganization, withDeps, type Cli } from './io.js';

const FORMATS = ['table', 'json', 'pdf', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/**
 * The output format: --format, else --json, else by the --out file's extension (.pdf, .xlsx,
 * .txt for the table, JSON otherwise), else a table on a terminal and JSON when piped.
 */
export function reportFormat(
  o: { format?: Format | undefined; json: boolean; out?: string | undefined },
  stdoutIsTty: boolean,
): Format {
  if (o.format) return o.format;
  if (o.json) return 'json';
  if (o.out) {
    const ext = /\.([a-z]+)$/i.exec(o.out)?.[1]?.toLowerCase();
    return ext === 'pdf' ? 'pdf' : ext === 'xlsx' ? 'xlsx' : ext === 'txt' ? 'table' : 'json';
  }
  return stdoutIsTty ? 'table' : 'json';
}

/** `sokoguru report neraca --coop X --period 2026-10 [--format table|json|pdf|xlsx] [--out FILE]` */
export function registerReport(program: Command, cli: Cli): void {
  const { io } = cli;
  program
    .command('report')
    .description(
      `financial statements of a cooperative: ${STATEMENT_KINDS.join(', ')}; a table on a terminal, JSON when piped`,
    )
    .argument('<kind>', `statement: ${STATEMENT_KINDS.join(' | ')}`)
    .option('--coop <id>', 'cooperative id (required)')
    .option('--period <YYYY-MM>', 'one month (default: the current month)')
    .option('--from <YYYY-MM>', 'first month of a range')
    .option('--to <YYYY-MM>', 'last month of a range')
    .option('--account <code>', 'account code (buku-besar)')
    .option('--no-compare', 'leave out the comparison column')
    .option(
      '--format <format>',
      'table | json | pdf | xlsx (default: from --out, else table on a terminal, JSON when piped)',
    )
    .option('--json', 'same as --format json')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      action(
        cli,
        z.object({
          kind: z.enum(STATEMENT_KINDS),
          coop: uuid,
          period: monthPeriod.optional(),
          from: monthPeriod.optional(),
          to: monthPeriod.optional(),
          account: accountCode.optional(),
          compare: z.boolean().default(true),
          format: z.enum(FORMATS).optional(),
          json: flag,
          out: text(4096).optional(),
        }),
        async (o) => {
          if (o.json && o.format && o.format !== 'json')
            throw new CliInputError([
              inputMessage('conflictingOptions', cli.lang, {
                option: '--json',
                other: `--format ${o.format}`,
              }),
            ]);
          const format = reportFormat(o, io.stdout.isTTY === true);
          await withDeps(cli, async (deps) => {
            await requireOrganization(deps, o.coop, 'cooperative');
            const to = o.to ?? o.period ?? new Date().toISOString().slice(0, 7);
            const from = o.from ?? o.period ?? to;
            const doc = await statement(
              deps,
              { ...systemContext(o.coop, 'cli'), roles: [] },
              {
                kind: o.kind,
                range: { from, to },
                compare: o.compare,
                ...(o.account ? { accountCode: o.account } : {}),
              },
            );
            const body =
              format === 'pdf'
                ? await renderPdf(doc)
                : format === 'xlsx'
                  ? await renderExcel(doc)
                  : format === 'table'
                    ? renderText(doc)
                    : `${JSON.stringify(documentJson(doc), null, 2)}\n`;
            if (o.out) {
              writeFileSync(o.out, body);
              io.stdout.write(`${doc.title} written to ${o.out}\n`);
            } else io.stdout.write(body);
          });
        },
      ),
    );
}
