import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  assess,
  parseFigures,
  RUBRIC_IDS,
  RUBRICS,
  type AssessmentResult,
  type RubricId,
  type InputExpectation,
  type InputProblem,
} from '../domain/supervision/index.js';
import type { Lang } from '../i18n/messages.js';
import { renderText } from '../reports/text.js';
import type { ReportDocument } from '../reports/table.js';
import { monthPeriod, uuid } from '../schemas/common.js';
import { systemContext } from '../services/context.js';
import { consoleTransport, deliverOutbox, fileTransport } from '../services/loans/reports.js';
import { liveRubricFigures } from '../services/supervision/assessments-books.js';
import { checkAlerts } from '../services/supervision/early-warning.js';
import { notifyOfficers } from '../services/supervision/officer-queue.js';
import { action, CliInputError, existingFile, flag, text } from './input.js';
import { requireOrganization, withDeps, type Cli } from './io.js';

/** What a figure must be, worded for the examiner (the rubric's input list decides which). */
function expected(e: InputExpectation, lang: Lang): string {
  switch (e.kind) {
    case 'object':
      return lang === 'id'
        ? 'objek JSON berisi angka-angka rubrik'
        : 'a JSON object of the rubric’s figures';
    case 'rupiah':
      return lang === 'id'
        ? `rupiah bulat${e.mayBeNegative ? ' (boleh negatif)' : ' tidak negatif'}, angka JSON (paling besar 2^53) atau teks angka, misalnya 150000000`
        : `whole rupiah${e.mayBeNegative ? ' (may be negative)' : ', not negative'}, a JSON integer (at most 2^53) or a digit string, e.g. 150000000`;
    case 'count':
      return lang === 'id'
        ? `jumlah jawaban "Ya", bilangan bulat 0–${e.max}`
        : `the number of "Ya" answers, a whole number 0–${e.max}`;
    case 'checklist':
      return lang === 'id'
        ? '[terpenuhi, jumlah butir]: bilangan bulat, 0 ≤ terpenuhi ≤ jumlah butir, jumlah butir ≥ 1'
        : '[met, of]: whole numbers, 0 ≤ met ≤ of, of ≥ 1';
    case 'unknown':
      return '';
  }
}

function problemLine(p: InputProblem, rubricId: string, lang: Lang): string {
  const field = p.field === '' ? (lang === 'id' ? 'isi berkas' : 'the file') : `"${p.field}"`;
  switch (p.problem) {
    case 'missing':
      return lang === 'id'
        ? `isian ${field} wajib ada: ${expected(p.expected, lang)}`
        : `field ${field} is required: ${expected(p.expected, lang)}`;
    case 'unknown':
      return lang === 'id'
        ? `isian ${field} tidak dikenal oleh rubrik ${rubricId}`
        : `field ${field} is not known to the rubric ${rubricId}`;
    case 'invalid':
      return lang === 'id'
        ? `isian ${field} tidak valid: harus ${expected(p.expected, lang)}`
        : `field ${field} is invalid: expected ${expected(p.expected, lang)}`;
  }
}

function readDocument(path: string, lang: Lang): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = (err as Error).message;
    throw new CliInputError([
      lang === 'id'
        ? `berkas ${path} bukan JSON yang sah (${reason})`
        : `the file ${path} is not valid JSON (${reason})`,
    ]);
  }
}

/** The result as tables: every component, then the aspects and the total, then the caveats. */
export function assessmentTable(r: AssessmentResult, generatedAt: string): string {
  const text = (header: string) => ({ header, kind: 'text' as const });
  const figure = (header: string) => ({ header, kind: 'number' as const });
  const notes = [
    `Predikat: ${r.predikat} (total skor ${r.totalScore})`,
    ...(r.provisional
      ? [
          'SEMENTARA (provisional): sebagian angka rubrik belum resmi dan masih pengganti:',
          ...r.provisionalReasons.map((reason) => `  - ${reason}`),
        ]
      : []),
    ...r.components.flatMap((c) => (c.note ? [`${c.key}: ${c.note}`] : [])),
    'Rumus dan angka masukan setiap komponen: --json',
  ];
  const doc: ReportDocument = {
    title: 'Penilaian kesehatan koperasi',
    organization: r.rubric.title,
    period: `Rubrik ${r.rubric.id}, berlaku sejak ${r.rubric.validFrom}`,
    generatedAt,
    sections: [
      {
        columns: [
          text('Aspek'),
          text('Komponen'),
          figure('Rasio %'),
          text('Pita'),
          figure('Nilai'),
          figure('Skor'),
          figure('Bobot'),
          figure('Poin'),
        ],
        rows: r.components.map((c) => ({
          cells: [
            c.aspect,
            c.key,
            c.ratioPercent ?? '-',
            c.band,
            c.nilai,
            c.skor,
            c.weight,
            c.points,
          ],
        })),
      },
      {
        columns: [text('Aspek'), figure('Bobot'), figure('Skor')],
        rows: [
          ...r.aspects.map((a) => ({ cells: [a.name, a.weight, a.score] })),
          { cells: ['Total', '100', r.totalScore], style: 'grand-total' as const },
        ],
      },
    ],
    notes,
  };
  return renderText(doc);
}

/** Checks a document of figures under the rubric and scores it; bad figures: exit 2. */
function scoreDocument(rubricId: RubricId, document: unknown, lang: Lang): AssessmentResult {
  const rubric = RUBRICS[rubricId];
  const parsed = parseFigures(rubric, document);
  if (!parsed.ok)
    throw new CliInputError(parsed.problems.map((p) => problemLine(p, rubric.id, lang)));
  return assess(rubric, parsed.figures);
}

function printResult(cli: Cli, result: AssessmentResult, json: boolean, preface = ''): void {
  cli.io.stdout.write(
    json
      ? `${JSON.stringify(result, null, 2)}\n`
      : preface + assessmentTable(result, new Date().toISOString()),
  );
}

/**
 * `sokoguru health assess --rubric perdep-06-2016|perdep-07-2016|permenkop-09-2020 --input FILE.json [--json]`:
 * a health assessment from figures in a file, under one rubric version; no database.
 * `… --coop ID --period YYYY-MM [--input FILE.json]`: the rupiah figures from the cooperative's
 * live books (a self-check); the figures the books cannot give and the checklists come from the
 * file (which may also override a figure from the books).
 */
export function registerHealth(program: Command, cli: Cli): void {
  const health = program
    .command('health')
    .description('cooperative health assessment (penilaian kesehatan) under a rubric version');
  health
    .command('assess')
    .description(
      "score figures from a JSON file, or a cooperative's live books (--coop, --period), under a rubric (docs/cli.md)",
    )
    .option('--rubric <id>', RUBRIC_IDS.join(' | '))
    .option('--input <file>', 'JSON file of the rubric’s figures (docs/examples/health-*.json)')
    .option('--coop <id>', 'assess this cooperative’s live books (needs the database)')
    .option('--period <YYYY-MM>', 'with --coop: the month that closes the quarter or year')
    .option('--json', 'print the full result as JSON instead of tables')
    .action(
      action(
        cli,
        z.object({
          rubric: z.enum(RUBRIC_IDS),
          input: existingFile.optional(),
          coop: uuid.optional(),
          period: monthPeriod.optional(),
          json: flag,
        }),
        async (o) => {
          const lang = cli.lang;
          if (!o.coop) {
            if (o.period)
              throw new CliInputError([
                lang === 'id' ? '--period hanya bersama --coop' : '--period goes with --coop',
              ]);
            if (!o.input)
              throw new CliInputError([
                lang === 'id'
                  ? '--input wajib diisi (atau --coop ID --period YYYY-MM)'
                  : '--input is required (or --coop ID --period YYYY-MM)',
              ]);
            printResult(cli, scoreDocument(o.rubric, readDocument(o.input, lang), lang), o.json);
            return;
          }
          const { coop, period } = o;
          if (!period)
            throw new CliInputError([
              lang === 'id' ? '--coop perlu --period YYYY-MM' : '--coop needs --period YYYY-MM',
            ]);
          if (!/-(03|06|09|12)$/.test(period))
            throw new CliInputError([
              lang === 'id'
                ? `--period ${period}: bulan penutup triwulan atau tahun (03, 06, 09, 12)`
                : `--period ${period}: a month that closes a quarter or the year (03, 06, 09, 12)`,
            ]);
          const extra = o.input ? readDocument(o.input, lang) : {};
          if (typeof extra !== 'object' || extra === null || Array.isArray(extra))
            throw new CliInputError([
              lang === 'id' ? 'isi --input harus objek JSON' : '--input must hold a JSON object',
            ]);
          await withDeps(cli, async (deps) => {
            await requireOrganization(deps, coop, 'cooperative');
            const live = await liveRubricFigures(
              deps,
              systemContext(coop, 'cli'),
              o.rubric,
              period,
            );
            if (!live) throw new Error(`period ${period} was checked to close a quarter`);
            const given = extra as Record<string, unknown>;
            const document = {
              ...Object.fromEntries(
                Object.entries(live.figures).map(([k, v]) => [k, v.toString()]),
              ),
              ...given,
            };
            const stillMissing = live.missing.filter((k) => !(k in given));
            if (stillMissing.length > 0)
              throw new CliInputError([
                lang === 'id'
                  ? `pembukuan tidak memuat ${stillMissing.join(', ')}: isikan di --input FILE.json (bersama daftar periksa)`
                  : `the books do not give ${stillMissing.join(', ')}: put them in --input FILE.json (with the checklists)`,
              ]);
            const result = scoreDocument(o.rubric, document, lang);
            const preface = [
              `Angka dari pembukuan (${live.report.kind} ${live.report.period}):`,
              ...Object.entries(live.figures).map(
                ([k, v]) =>
                  `  ${k} = ${k in given ? `${String(given[k])} (dari --input)` : v.toString()}  — ${live.readings[k] ?? ''}`,
              ),
              '',
              '',
            ].join('\n');
            printResult(cli, result, o.json, preface);
          });
        },
      ),
    );
  health
    .command('alerts')
    .description(
      'early warning for a supervising office: check its region, raise, escalate and clear alerts, queue one message per officer in charge; for a daily cron (docs/cli.md)',
    )
    .option('--office <id>', 'the supervising office (Dinas) id (required)')
    .option(
      '--digest',
      "also queue each officer's daily digest of their queue, Tugas saya (docs/domain/supervision-officer-queue.md)",
    )
    .option('--send <file>', "deliver the office's queued messages to a file ('-' for the console)")
    .option('--json', 'print the result as JSON')
    .action(
      action(
        cli,
        z.object({ office: uuid, digest: flag, send: text(4096).optional(), json: flag }),
        (o) =>
          withDeps(
            cli,
            async (deps) => {
              await requireOrganization(deps, o.office, 'dinas');
              const ctx = systemContext(o.office, 'cli');
              const r = await checkAlerts(deps, ctx);
              // after the check, so the digest lists the alerts it raised
              const digest = o.digest ? await notifyOfficers(deps, ctx) : null;
              let sent = null;
              if (o.send)
                sent = await deliverOutbox(
                  deps,
                  ctx,
                  o.send === '-' ? consoleTransport : fileTransport(o.send),
                );
              await deps.sealer.flush();
              if (o.json)
                cli.io.stdout.write(`${JSON.stringify({ ...r, digest, sent }, null, 2)}\n`);
              else
                cli.io.stdout.write(
                  `${r.checkedOn}: ${r.raised} raised, ${r.escalated} escalated, ${r.cleared} cleared, ${r.open} open, ${r.officersNotified} officer(s) notified, ${r.unassigned} without an officer${digest ? `; ${digest.digestsQueued} queue digest(s) queued` : ''}${sent ? `; messages ${sent.sent} sent, ${sent.failed} failed` : ''}\n`,
                );
            },
            { json: o.json },
          ),
      ),
    );
}
