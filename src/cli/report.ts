import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import pino from 'pino';
import { databaseConfigFromEnv } from '../config.js';
import { renderExcel } from '../reports/excel.js';
import { renderPdf } from '../reports/pdf.js';
import { systemContext } from '../services/context.js';
import { openDeps } from '../services/deps.js';
import {
  documentJson,
  statement,
  STATEMENT_KINDS,
  type StatementKind,
} from '../services/statements.js';

/** `sokoguru report neraca --coop X --period 2026-10 --format pdf|xlsx|json [--out FILE]` */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'financial statements of a cooperative: neraca-saldo, neraca, phu, perubahan-ekuitas, arus-kas, buku-besar',
    )
    .addArgument(new Command().createArgument('<kind>', 'statement').choices([...STATEMENT_KINDS]))
    .requiredOption('--coop <id>', 'cooperative id')
    .option('--period <YYYY-MM>', 'one month (default: the current month)')
    .option('--from <YYYY-MM>', 'first month of a range')
    .option('--to <YYYY-MM>', 'last month of a range')
    .option('--account <code>', 'account code (buku-besar)')
    .option('--no-compare', 'leave out the comparison column')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['json', 'pdf', 'xlsx'])
        .default('json'),
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      async (
        kind: StatementKind,
        o: {
          coop: string;
          period?: string;
          from?: string;
          to?: string;
          account?: string;
          compare: boolean;
          format: 'json' | 'pdf' | 'xlsx';
          out?: string;
        },
      ) => {
        const deps = await openDeps(databaseConfigFromEnv(), { logger: pino({ level: 'warn' }) });
        try {
          const to = o.to ?? o.period ?? new Date().toISOString().slice(0, 7);
          const from = o.from ?? o.period ?? to;
          const doc = await statement(
            deps,
            { ...systemContext(o.coop, 'cli'), roles: [] },
            {
              kind,
              range: { from, to },
              compare: o.compare,
              ...(o.account ? { accountCode: o.account } : {}),
            },
          );
          const body =
            o.format === 'pdf'
              ? await renderPdf(doc)
              : o.format === 'xlsx'
                ? await renderExcel(doc)
                : Buffer.from(`${JSON.stringify(documentJson(doc), null, 2)}\n`);
          if (o.out) {
            writeFileSync(o.out, body);
            process.stdout.write(`${doc.title} written to ${o.out}\n`);
          } else process.stdout.write(body);
        } finally {
          await deps.close();
        }
      },
    );
}
