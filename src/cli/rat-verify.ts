import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  BoardFormatError,
  problemMessage,
  verifyBoard,
  type VerifyReport,
} from '../domain/rat/ballot/index.js';
import type { Lang } from '../i18n/messages.js';
import { EXIT } from './exit.js';
import { action, CliInputError, existingFile, flag } from './input.js';
import type { Cli } from './io.js';

/** A board file: a large KSP's RAT (hundreds of thousands of ballots) fits; JSON.parse must too. */
const BOARD_BYTES_MAX = 256 * 1024 * 1024;

const T = {
  tooLarge: {
    id: (path: string) => `berkas ${path} terlalu besar (paling besar 256 MiB)`,
    en: (path: string) => `the file ${path} is too large (at most 256 MiB)`,
  },
  notJson: {
    id: (path: string, why: string) => `berkas ${path} bukan JSON yang sah (${why})`,
    en: (path: string, why: string) => `the file ${path} is not valid JSON (${why})`,
  },
  notBoard: {
    id: (path: string, why: string) =>
      `berkas ${path} bukan papan suara RAT (format sokoguru-rat-board/1): ${why}`,
    en: (path: string, why: string) =>
      `the file ${path} is not a RAT ballot board (format sokoguru-rat-board/1): ${why}`,
  },
} as const;

/** Reads and parses the board file; refusals are exit 2 with one sentence each. */
function readBoard(path: string, lang: Lang): unknown {
  if (statSync(path).size > BOARD_BYTES_MAX) throw new CliInputError([T.tooLarge[lang](path)]);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new CliInputError([T.notJson[lang](path, (err as Error).message)]);
  }
}

function summary(r: VerifyReport, lang: Lang): string {
  const id = lang === 'id';
  const yes = (b: boolean) => (id ? (b ? 'ya' : 'tidak') : b ? 'yes' : 'no');
  const lines = [
    `${id ? 'Papan suara' : 'Ballot board'}: ${r.title} (${r.electionId})`,
    id
      ? `Entri ${r.entries}, pseudonim terdaftar ${r.credentials}, surat suara ${r.ballots}, ditutup: ${yes(r.closed)}`
      : `Entries ${r.entries}, pseudonyms registered ${r.credentials}, ballots ${r.ballots}, closed: ${yes(r.closed)}`,
    `${id ? 'Hash entri terakhir' : 'Last entry hash'}: ${r.headHash}`,
  ];
  for (const q of r.questions) {
    lines.push(
      id
        ? `${q.questionId} "${q.text}": ${q.ballots} surat suara, ${q.counted} dihitung (${q.superseded} diganti suara berikutnya), bobot ${q.weight}`
        : `${q.questionId} "${q.text}": ${q.ballots} ballots, ${q.counted} counted (${q.superseded} replaced by a later ballot), weight ${q.weight}`,
    );
    if (q.counts) q.choices.forEach((c, j) => lines.push(`  ${c}: ${q.counts?.[j] ?? '-'}`));
  }
  if (r.ok)
    lines.push(
      id
        ? `Hasil: LULUS, semua pemeriksaan berhasil${r.tallyVerified ? ' (termasuk penghitungan dan dekripsi)' : ' (belum ada penghitungan)'}`
        : `Result: PASSED, every check succeeded${r.tallyVerified ? ' (the tally and decryption included)' : ' (no tally yet)'}`,
    );
  else {
    lines.push(
      id
        ? `Hasil: GAGAL, ${r.problems.length} masalah:`
        : `Result: FAILED, ${r.problems.length} problems:`,
    );
    for (const p of r.problems) lines.push(`  ${p.at}: ${problemMessage(p, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `sokoguru rat verify --board FILE [--json]`: re-checks a published RAT ballot board (hash
 * chain, every ballot's proofs and signature, the last ballot per pseudonym, the encrypted totals,
 * the keyholders' decryption shares and the announced result); docs/domain/rat-ballots.md.
 * Exit 0 if every check passes, 1 with the problems listed, 2 if the file cannot be read as a
 * board. No database.
 */
export function registerRatVerify(program: Command, cli: Cli): void {
  // the RAT's other commands may have made `rat` already
  const rat =
    program.commands.find((c) => c.name() === 'rat') ??
    program.command('rat').description("the annual members' meeting (RAT)");
  rat
    .command('verify')
    .description(
      'verify a RAT ballot board file: hash chain, ballot proofs, last ballot per pseudonym, tally and decryption (no database)',
    )
    .option('--board <file>', 'the board JSON as published (format sokoguru-rat-board/1)')
    .option('--json', 'print the report as JSON')
    .action(
      action(cli, z.object({ board: existingFile, json: flag }), (o) => {
        const document = readBoard(o.board, cli.lang);
        let report: VerifyReport;
        try {
          report = verifyBoard(document);
        } catch (err) {
          if (!(err instanceof BoardFormatError)) throw err;
          throw new CliInputError([T.notBoard[cli.lang](o.board, err.issues.join('; '))]);
        }
        cli.io.stdout.write(
          o.json
            ? `${JSON.stringify(
                {
                  ...report,
                  problems: report.problems.map((p) => ({
                    ...p,
                    message: problemMessage(p, cli.lang),
                  })),
                },
                null,
                2,
              )}\n`
            : summary(report, cli.lang),
        );
        if (!report.ok) cli.exitCode = EXIT.failed;
      }),
    );
}
