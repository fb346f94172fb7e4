import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import * as repo from '../../db/rat-compliance.repo.js';
import { findUserByUsername } from '../../db/users.repo.js';
import { addDays, businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { ratDeadline } from '../../domain/supervision/early-warning.js';
import {
  currentRatBookYear,
  ratReminderText,
  type RatDocumentKind,
} from '../../domain/supervision/rat-compliance.js';
import { renderPdfDefinition } from '../../reports/pdf.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { sendRatReminders } from '../supervision/rat-compliance.js';
import { rng } from './common.js';

/**
 * RAT compliance in the demo city office (issue 16 item 2), after the RATs of the early-warning
 * demo: the documents of each RAT held as they arrived (most send all four, a fifth leaves the
 * accountability report or the attendance list out; the older the year, the more complete), and
 * the reminders of the year just ended — 60 and 14 days before its deadline to those not held by
 * then, and this morning's overdue reminder through the service.
 */

const TITLES: Record<Exclude<RatDocumentKind, 'other'>, string> = {
  minutes: 'Notulen Rapat Anggota Tahunan',
  attendance: 'Daftar Hadir Rapat Anggota Tahunan',
  accountability: 'Laporan Pertanggungjawaban Pengurus',
  statements: 'Laporan Keuangan',
};

/** One small sample PDF per kind, shared by every demo cooperative (stated as a demo document). */
async function samplePdf(kind: keyof typeof TITLES): Promise<Buffer> {
  return renderPdfDefinition({
    pageSize: 'A4',
    content: [
      { text: TITLES[kind], fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      {
        text: 'Dokumen contoh data demo Sokoguru: isi aslinya adalah dokumen yang dikirim koperasi setelah RAT.',
        fontSize: 10,
      },
    ],
  });
}

export async function seedDemoRatCompliance(
  deps: Deps,
  office: OrganizationView,
  options: { today?: IsoDate } = {},
): Promise<{ documents: number; reminders: number }> {
  const today = options.today ?? businessDateWib(deps.clock());
  const user = await findUserByUsername(deps.database.db, 'dinas.pembina');
  if (!user) throw new Error('demo user dinas.pembina is missing');
  const ctx: OrgContext = {
    organizationId: office.id,
    actor: { userId: user.id, label: 'dinas.pembina' },
    roles: ['dinas_pembina'],
    requestId: null,
    ip: null,
  };
  const kinds = Object.keys(TITLES) as (keyof typeof TITLES)[];
  const pdfs = await Promise.all(kinds.map(samplePdf));
  const year = currentRatBookYear(today);
  const documents = await inOrg(deps, ctx, async (o) => {
    const rats = await sql<{
      region_code: string;
      registry_id: bigint;
      book_year: number;
      held_on: string;
    }>`
      select region_code, registry_id, book_year, held_on from registry_rats
      order by registry_id, book_year`.execute(o.tx);
    const next = rng(16_2026);
    const rows: { region: string; id: bigint; year: number; kind: number; on: string }[] = [];
    for (const r of rats.rows) {
      const skip = next() < (r.book_year === year ? 0.2 : 0.08) ? 1 + Math.floor(next() * 2) : -1;
      const arrived = addDays(r.held_on, 3 + Math.floor(next() * 25));
      kinds.forEach((_, k) => {
        if (k !== skip && arrived <= today)
          rows.push({
            region: r.region_code,
            id: r.registry_id,
            year: r.book_year,
            kind: k,
            on: arrived,
          });
      });
    }
    const sha = pdfs.map((p) => createHash('sha256').update(p).digest('hex'));
    await sql`
      insert into registry_rat_documents (region_code, registry_id, book_year, kind, file_name,
        content_type, content, content_sha256, received_on, uploaded_by)
      select d.region_code, d.registry_id, d.book_year, k.kind, k.kind || '-' || d.book_year || '.pdf',
             'application/pdf', k.content, k.sha, d.received_on, ${user.id}::uuid
      from unnest(${rows.map((r) => r.region)}::text[], ${rows.map((r) => r.id.toString())}::int8[],
                  ${rows.map((r) => r.year)}::int4[], ${rows.map((r) => r.kind + 1)}::int4[],
                  ${rows.map((r) => r.on)}::date[])
             as d (region_code, registry_id, book_year, k, received_on)
      join (values ${sql.join(
        kinds.map((k, i) => sql`(${k}, ${pdfs[i]!}::bytea, ${sha[i]!}, ${i + 1}::int4)`),
      )}) as k (kind, content, sha, n) on k.n = d.k`.execute(o.tx);
    // the reminders before the deadline, to those that had not held the RAT on each day
    let reminded = 0;
    for (const [stage, on] of [
      ['h60', addDays(ratDeadline(year), -60)],
      ['h14', addDays(ratDeadline(year), -14)],
    ] as const) {
      if (on > today) continue;
      const due = await sql<{ region_code: string; registry_id: bigint; name: string }>`
        select c.region_code, c.id as registry_id, c.name from registry_cooperatives c
        where (c.badan_hukum_date is null or c.badan_hukum_date <= make_date(${year}, 12, 31))
          and c.status not in ('dissolved', 'in_liquidation')
          and not exists (select from registry_rats r where r.registry_id = c.id
                            and r.book_year = ${year} and r.held_on <= ${on}::date)`.execute(o.tx);
      reminded += await repo.insertReminders(
        o.tx,
        due.rows.map((c) => ({
          region_code: c.region_code,
          registry_id: c.registry_id,
          book_year: year,
          stage,
          sent_on: on,
          body: ratReminderText(stage, c.name, year, office.name),
          recipient: null,
          sent_by: user.id,
        })),
      );
    }
    return { documents: rows.length, reminded };
  });
  // this morning's reminder (overdue after 30 June), through the service as the office sends it
  const overdue = await sendRatReminders(deps, ctx, year);
  return { documents: documents.documents, reminders: documents.reminded + overdue.reminded };
}
