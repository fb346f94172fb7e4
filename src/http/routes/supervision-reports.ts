import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import {
  BALANCE_SHEET_LINES,
  COLLECTIBILITY_KEYS,
  INCOME_STATEMENT_LINES,
  REPORT_CHANNELS,
  REPORT_KINDS,
  SAVINGS_KINDS,
  TIMELINESS,
  type CooperativeReport,
} from '../../domain/supervision/report.js';
import type { Deps } from '../../services/context.js';
import * as reports from '../../services/supervision/reports.js';
import * as office from '../../services/supervision/reports-office.js';
import { importReports, reportTemplate } from '../../services/supervision/reports-workbook.js';
import { orgCtx } from '../auth.js';
import { withStreamedXlsx } from './imports.js';
import { fileResponse, orgCreateOptions, orgGetOptions, rupiahOut, XLSX } from './responses.js';
import { idString, isoDate, nullableText, orgParams } from './schemas.js';

/**
 * Reports to the supervising office (docs/domain/supervision-reports.md). A cooperative's routes
 * (`/orgs/:orgId/reports-to-dinas…`, the cooperative's own organisation) prepare its report from
 * its books and share it through maker-checker; the office's (`/orgs/:orgId/supervision/reports…`,
 * the Dinas) show completeness, versions and reminders and take typed reports of cooperatives not
 * on Sokoguru. Only the report's aggregates travel: no member-level data.
 */

const coopTags = ['reports to dinas'];
const officeTags = ['supervision reports'];

const kind = z.enum(REPORT_KINDS);
const period = z
  .string()
  .regex(/^[0-9]{4}(-Q[1-4])?$/)
  .describe('2026-Q1 (quarterly) or 2026 (yearly)');
const periodQuery = z.object({ kind, period }).strict();

const source = z.object({ accountCode: z.string(), accountName: z.string(), rupiah: rupiahOut });
const figure = z.object({ rupiah: rupiahOut, sources: z.array(source) });
const keyed = <K extends string, T extends z.ZodType>(keys: readonly K[], t: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, t])) as Record<K, T>);
const loanClass = z.object({
  loans: z.number().int(),
  outstandingRupiah: rupiahOut,
  requiredProvisionRupiah: rupiahOut,
});
const reportSchema = z.object({
  kind,
  period: z.string(),
  asOf: z.string(),
  incomeFrom: z.string(),
  balanceSheet: keyed(
    BALANCE_SHEET_LINES.map((l) => l.key),
    figure,
  ),
  totals: keyed(['aset', 'kewajiban', 'ekuitas'] as const, rupiahOut),
  incomeStatement: keyed(
    INCOME_STATEMENT_LINES.map((l) => l.key),
    figure,
  ),
  incomeTotals: keyed(
    ['pendapatan', 'beban', 'shuSebelumPajak', 'shuSetelahPajak'] as const,
    rupiahOut,
  ),
  loans: z.object({
    byClass: keyed(COLLECTIBILITY_KEYS, loanClass),
    basis: z.enum(['month-end', 'live-book', 'entered']),
  }),
  members: z.object({
    count: z.number().int(),
    men: z.number().int().nullable(),
    women: z.number().int().nullable(),
  }),
  savings: keyed(SAVINGS_KINDS, figure),
});
const problem = z.object({ field: z.string(), code: z.string() });

const version = z.object({
  id: z.string(),
  registryId: z.string(),
  kind,
  period: z.string(),
  version: z.number().int(),
  channel: z.enum(REPORT_CHANNELS),
  contentSha256: z.string(),
  submittedAt: z.string(),
  submittedOn: z.string(),
  submittedBy: z.string(),
  approvedBy: z.string().nullable(),
  totalAsetRupiah: rupiahOut,
});
const versionDetail = version.extend({ report: reportSchema, intact: z.boolean() });
const reminder = z.object({
  id: z.string(),
  registryId: z.string(),
  kind,
  period: z.string(),
  note: z.string().nullable(),
  sentAt: z.string(),
});
const periodStatus = z.object({
  kind,
  period: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(TIMELINESS),
  firstSubmittedOn: z.string().nullable(),
  versions: z.number().int(),
});

/** Rupiah as JSON: the canonical form's decimal strings. */
const reportOut = (r: CooperativeReport) => reports.reportJson(r) as z.infer<typeof reportSchema>;
const versionOut = (v: reports.VersionView) => ({
  ...v,
  totalAsetRupiah: v.totalAsetRupiah.toString(),
});

// typed figures: rupiah as decimal strings (negative only where a line may be)
const rupiahIn = z
  .string()
  .regex(/^-?[0-9]{1,15}$/)
  .transform((v) => BigInt(v));
const countIn = z.number().int().min(0).max(100_000_000);
const enteredBody = z
  .object({
    kind,
    period,
    balanceSheet: z.strictObject(
      Object.fromEntries(BALANCE_SHEET_LINES.map((l) => [l.key, rupiahIn])) as Record<
        (typeof BALANCE_SHEET_LINES)[number]['key'],
        typeof rupiahIn
      >,
    ),
    totals: z
      .strictObject({
        aset: rupiahIn.optional(),
        kewajiban: rupiahIn.optional(),
        ekuitas: rupiahIn.optional(),
      })
      .optional(),
    incomeStatement: z.strictObject(
      Object.fromEntries(INCOME_STATEMENT_LINES.map((l) => [l.key, rupiahIn])) as Record<
        (typeof INCOME_STATEMENT_LINES)[number]['key'],
        typeof rupiahIn
      >,
    ),
    loans: z.strictObject(
      Object.fromEntries(
        COLLECTIBILITY_KEYS.map((k) => [
          k,
          z.strictObject({
            loans: countIn,
            outstandingRupiah: rupiahIn,
            requiredProvisionRupiah: rupiahIn,
          }),
        ]),
      ) as Record<
        (typeof COLLECTIBILITY_KEYS)[number],
        z.ZodObject<{
          loans: typeof countIn;
          outstandingRupiah: typeof rupiahIn;
          requiredProvisionRupiah: typeof rupiahIn;
        }>
      >,
    ),
    members: z.strictObject({
      count: countIn,
      men: countIn.nullable(),
      women: countIn.nullable(),
    }),
  })
  .strict();

const registryParams = orgParams.extend({ registryId: idString });

export async function supervisionReportRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  // ---- the cooperative

  r.get(
    '/orgs/:orgId/reports-to-dinas/preview',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: coopTags,
        summary:
          'The periodic report to the Dinas as the books give it now, each figure with its accounts, its SHA-256 stamp and any problem',
        params: orgParams,
        querystring: periodQuery,
        response: {
          200: z.object({
            report: reportSchema,
            contentSha256: z.string(),
            problems: z.array(problem),
            linked: z.boolean(),
          }),
        },
      },
    },
    async (req) => {
      const p = await reports.prepareReport(
        deps,
        orgCtx(req),
        req.query.kind,
        req.query.period,
        req.lang,
      );
      return { ...p, report: reportOut(p.report) };
    },
  );

  r.post(
    '/orgs/:orgId/reports-to-dinas',
    {
      config: { access: 'supervision.reports.share' },
      schema: {
        tags: coopTags,
        summary:
          'Ask to share the period’s report from the books with the Dinas: it is shared when another pengurus approves (POST /approvals/:id/approve), if the books still give the same report',
        params: orgParams,
        body: periodQuery,
        response: { 202: z.object({ approvalId: z.string(), contentSha256: z.string() }) },
      },
    },
    async (req, reply) => {
      const s = await reports.requestShare(deps, orgCtx(req), req.body, req.lang);
      return reply
        .status(202)
        .send({ approvalId: s.approvalId.toString(), contentSha256: s.contentSha256 });
    },
  );

  r.get(
    '/orgs/:orgId/reports-to-dinas',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: coopTags,
        summary:
          'What the cooperative shared with its Dinas: the recent periods with due dates and status, every version, the reminders received',
        params: orgParams,
        response: {
          200: z.object({
            linked: z.boolean(),
            periods: z.array(periodStatus),
            versions: z.array(version),
            reminders: z.array(reminder),
          }),
        },
      },
    },
    async (req) => {
      const o = await reports.ownReports(deps, orgCtx(req));
      return { ...o, versions: o.versions.map(versionOut) };
    },
  );

  r.get(
    '/orgs/:orgId/reports-to-dinas/versions/:versionId',
    orgGetOptions(
      'reports.read',
      coopTags[0]!,
      'One shared version with its figures and whether they still match its stamp',
      orgParams.extend({ versionId: idString }),
      versionDetail,
    ),
    async (req) => {
      const v = await reports.ownVersion(deps, orgCtx(req), BigInt(req.params.versionId));
      return { ...versionOut(v), report: reportOut(v.report), intact: v.intact };
    },
  );

  // ---- the office

  r.get(
    '/orgs/:orgId/supervision/reports/completeness',
    {
      config: { access: 'supervision.reports.read' },
      schema: {
        tags: officeTags,
        summary:
          'Completeness and timeliness: each active cooperative of the region against the last ended periods of a kind (on time, late, missing, not yet due, not required), with counts per period',
        params: orgParams,
        querystring: z
          .object({
            kind: kind.default('quarterly'),
            periods: z.coerce.number().int().min(1).max(office.COMPLETENESS_PERIODS_MAX).default(4),
            regionCode: z
              .string()
              .regex(/^[0-9]{2}([0-9]{2})?$/)
              .optional(),
            afterId: idString.optional(),
            limit: z.coerce.number().int().min(1).max(office.COMPLETENESS_ROWS_MAX).default(500),
          })
          .strict(),
        response: {
          200: z.object({
            kind,
            asOf: z.string(),
            periods: z.array(z.string()),
            summary: z.array(
              z.object({ period: z.string(), counts: keyed(TIMELINESS, z.number().int()) }),
            ),
            items: z.array(
              z.object({
                registryId: z.string(),
                name: z.string(),
                regionCode: z.string(),
                districtCode: z.string().nullable(),
                cooperativeType: z.string(),
                linked: z.boolean(),
                cells: z.array(
                  z.object({
                    period: z.string(),
                    dueOn: z.string().nullable(),
                    status: z.enum(TIMELINESS),
                    firstSubmittedOn: z.string().nullable(),
                    versions: z.number().int(),
                    latestVersionId: z.string().nullable(),
                    channel: z.string().nullable(),
                  }),
                ),
              }),
            ),
            nextAfterId: z.string().nullable(),
          }),
        },
      },
    },
    async (req) =>
      office.completeness(deps, orgCtx(req), {
        kind: req.query.kind,
        periods: req.query.periods,
        limit: req.query.limit,
        ...(req.query.regionCode ? { regionCode: req.query.regionCode } : {}),
        ...(req.query.afterId ? { afterId: BigInt(req.query.afterId) } : {}),
      }),
  );

  r.get(
    '/orgs/:orgId/supervision/reports/cooperatives/:registryId',
    orgGetOptions(
      'supervision.reports.read',
      officeTags[0]!,
      'A cooperative’s report versions (newest first) and the reminders it was sent',
      registryParams,
      z.object({
        registryId: z.string(),
        name: z.string(),
        linked: z.boolean(),
        versions: z.array(version),
        reminders: z.array(reminder),
      }),
    ),
    async (req) => {
      const c = await office.cooperativeReports(deps, orgCtx(req), BigInt(req.params.registryId));
      return { ...c, versions: c.versions.map(versionOut) };
    },
  );

  r.get(
    '/orgs/:orgId/supervision/reports/cooperatives/:registryId/versions/:versionId',
    orgGetOptions(
      'supervision.reports.read',
      officeTags[0]!,
      'One version of a cooperative’s report with its figures (and, from a ledger, the accounts behind each)',
      registryParams.extend({ versionId: idString }),
      versionDetail,
    ),
    async (req) => {
      const v = await office.officeVersion(
        deps,
        orgCtx(req),
        BigInt(req.params.registryId),
        BigInt(req.params.versionId),
      );
      return { ...versionOut(v), report: reportOut(v.report), intact: v.intact };
    },
  );

  r.post(
    '/orgs/:orgId/supervision/reports/cooperatives/:registryId',
    orgCreateOptions(
      'supervision.reports.write',
      officeTags[0]!,
      'Enter the report of a cooperative not on Sokoguru from its paper report; refused whole (nothing stored) unless it balances and adds up; a report for a period already filed is its next version',
      registryParams,
      enteredBody,
      z.object({ id: z.string(), version: z.number().int(), contentSha256: z.string() }),
    ),
    async (req, reply) => {
      const v = await office.enterReport(
        deps,
        orgCtx(req),
        BigInt(req.params.registryId),
        req.body,
        req.lang,
      );
      return reply
        .status(201)
        .send({ id: v.id.toString(), version: v.version, contentSha256: v.contentSha256 });
    },
  );

  r.post(
    '/orgs/:orgId/supervision/reports/cooperatives/:registryId/reminders',
    orgCreateOptions(
      'supervision.reports.write',
      officeTags[0]!,
      'Record a reminder for a report that has not arrived; the cooperative sees it on its page',
      registryParams,
      z.object({ kind, period, note: nullableText(1000) }).strict(),
      z.object({ id: z.string(), sentAt: z.string() }),
    ),
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await office.sendReminder(
            deps,
            orgCtx(req),
            BigInt(req.params.registryId),
            { kind: req.body.kind, period: req.body.period, note: req.body.note ?? null },
            req.lang,
          ),
        ),
  );

  r.get(
    '/orgs/:orgId/supervision/reports/schedules',
    orgGetOptions(
      'supervision.reports.read',
      officeTags[0]!,
      'The reporting rules: the office’s own, those of the offices above it it follows, those below it; and the rules in force for its region',
      orgParams,
      z.object({
        regionCode: z.string(),
        inForce: z.array(
          z.object({
            kind,
            dueDays: z.number().int(),
            effectiveFrom: z.string(),
            required: z.boolean(),
          }),
        ),
        rules: z.array(
          z.object({
            id: z.string(),
            regionCode: z.string(),
            kind,
            required: z.boolean(),
            dueDays: z.number().int(),
            effectiveFrom: z.string(),
          }),
        ),
      }),
    ),
    async (req) => office.listSchedules(deps, orgCtx(req)),
  );

  r.post(
    '/orgs/:orgId/supervision/reports/schedules',
    orgCreateOptions(
      'dinas.manage',
      officeTags[0]!,
      'Set from a date which report kind is due how many days after each period ends (a dated rule; earlier rules stay for earlier periods)',
      orgParams,
      z
        .object({
          kind,
          dueDays: z.number().int().min(0).max(366),
          required: z.boolean().default(true),
          effectiveFrom: isoDate,
        })
        .strict(),
      z.object({ id: z.string() }),
    ),
    async (req, reply) =>
      reply.status(201).send(await office.setSchedule(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/imports/supervision-reports/template',
    {
      config: { access: 'supervision.reports.write' },
      schema: {
        tags: officeTags,
        summary:
          'Excel template for typing reports: one row per active cooperative of the region not on Sokoguru, for the period asked',
        params: orgParams,
        querystring: periodQuery,
        response: { 200: fileResponse('The template', [XLSX]) },
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="template-laporan-${req.query.period}.xlsx"`,
        )
        .send(await reportTemplate(deps, orgCtx(req), req.query)),
  );

  await withStreamedXlsx(api, (scope) =>
    scope.post(
      '/orgs/:orgId/imports/supervision-reports',
      {
        config: { access: 'supervision.reports.write' },
        schema: {
          tags: officeTags,
          summary:
            'Upload typed reports in the template (.xlsx as the raw body): every cell and every report is checked (the balance sheet must balance), then all are stored as new versions or none; 422 lists every problem by row and column',
          params: orgParams,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
          response: { 200: z.object({ stored: z.number().int() }) },
        },
      },
      async (req) => {
        if (!(req.body instanceof Readable))
          throw new AppError('IMPORT_FILE_INVALID', {
            reason: 'kirim berkas .xlsx sebagai isi permintaan',
          });
        return importReports(deps, orgCtx(req), {
          source: req.body,
          lang: req.lang,
          dryRun: req.query.dryRun === 'true',
        });
      },
    ),
  );
}
