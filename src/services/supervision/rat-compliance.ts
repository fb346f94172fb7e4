import { isDocumentType, type DocumentType } from '../../domain/documents.js';
import { createHash } from 'node:crypto';
import * as registryRepo from '../../db/registry.repo.js';
import * as repo from '../../db/rat-compliance.repo.js';
import { addDays, businessDateWib } from '../../domain/calendar.js';
import { AppError, invalidFields as invalid } from '../../domain/errors.js';
import type { CaseFileEntry } from '../../domain/supervision/case-file.js';
import { ratDeadline } from '../../domain/supervision/early-warning.js';
import {
  currentRatBookYear,
  daysLate,
  missingRatDocuments,
  onTimeShareBps,
  RAT_DOCUMENT_KINDS,
  ratReminderStage,
  ratReminderText,
  ratStatus,
  type RatDocumentKind,
  type RatStatus,
} from '../../domain/supervision/rat-compliance.js';
import { actingUserId, inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';

/**
 * RAT compliance for a supervising office (issue 16 item 2; docs/domain/supervision-rat.md): per
 * cooperative and book year the RAT date against the legal deadline, the documents received and
 * the status (on time, late, not held, pending); the region's compliance year over year; reminders
 * before and after the deadline. The RAT itself is recorded on the registry entry
 * (`recordRat` in src/services/registry/entries.ts). Every call runs in the office's tenant
 * transaction: row-level security holds it to its region.
 */

/** The compliance list answers at most this many cooperatives (a city has a few hundred). */
export const COMPLIANCE_LIST_MAX = 2000;
/** Years shown in the chart by default: this book year and the four before it. */
export const COMPLIANCE_YEARS_DEFAULT = 5;
export const RAT_DOCUMENT_BYTES_MAX = 5 * 1024 * 1024;
/** Documents per cooperative and book year: enough for every page scanned apart. */
export const RAT_DOCUMENTS_PER_YEAR_MAX = 40;

function checkBookYear(bookYear: number, today: string) {
  if (!Number.isInteger(bookYear) || bookYear < 1945 || `${bookYear}-12-31` >= today)
    throw invalid([{ field: 'bookYear', code: 'BOOK_YEAR_NOT_ENDED' }]);
}

export interface ComplianceItem {
  registryId: string;
  name: string;
  cooperativeType: string;
  districtCode: string | null;
  registryStatus: string;
  onSokoguru: boolean;
  status: RatStatus;
  heldOn: string | null;
  daysLate: number | null;
  documents: string[];
  missingDocuments: RatDocumentKind[];
  reminders: string[];
  officerName: string | null;
}

/** Every cooperative of the region owing the book year's RAT, with its status on today. */
export async function complianceList(
  deps: Deps,
  ctx: OrgContext,
  q: { bookYear?: number; status?: RatStatus },
) {
  const today = businessDateWib(deps.clock());
  const bookYear = q.bookYear ?? currentRatBookYear(today);
  checkBookYear(bookYear, today);
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const rows = await repo.complianceRows(o.tx, region, bookYear, COMPLIANCE_LIST_MAX + 1);
    const all: ComplianceItem[] = rows.slice(0, COMPLIANCE_LIST_MAX).map((r) => ({
      registryId: r.registry_id.toString(),
      name: r.name,
      cooperativeType: r.cooperative_type,
      districtCode: r.district_code,
      registryStatus: r.status,
      onSokoguru: r.linked,
      status: ratStatus(bookYear, r.held_on, today),
      heldOn: r.held_on,
      daysLate: daysLate(bookYear, r.held_on),
      documents: r.documents,
      missingDocuments: r.held_on === null ? [] : missingRatDocuments(r.documents),
      reminders: r.reminders,
      officerName: r.officer_name,
    }));
    const counts = { onTime: 0, late: 0, notHeld: 0, pending: 0 };
    for (const i of all) counts[STATUS_KEY[i.status]] += 1;
    return {
      bookYear,
      deadline: ratDeadline(bookYear),
      today,
      counts,
      truncated: rows.length > COMPLIANCE_LIST_MAX,
      items: q.status ? all.filter((i) => i.status === q.status) : all,
    };
  });
}

const STATUS_KEY = {
  on_time: 'onTime',
  late: 'late',
  not_held: 'notHeld',
  pending: 'pending',
} as const;

/** The region's RAT compliance per book year, the latest `years` of them (the chart). */
export async function complianceByYear(deps: Deps, ctx: OrgContext, years: number) {
  const today = businessDateWib(deps.clock());
  const toYear = currentRatBookYear(today);
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    // from the first book year the office has a RAT on record: before it, "not held" would only
    // mean "not recorded"
    const first = (await repo.firstRecordedYear(o.tx, region)) ?? toYear;
    const fromYear = Math.min(toYear, Math.max(toYear - years + 1, first));
    const rows = await repo.yearCounts(o.tx, region, fromYear, toYear, today);
    return {
      today,
      years: rows.map((r) => {
        const counts = {
          bookYear: r.book_year,
          onTime: r.on_time,
          late: r.late,
          notHeld: r.not_held,
          pending: r.pending,
        };
        return {
          ...counts,
          deadline: ratDeadline(r.book_year),
          onTimeShareBps: onTimeShareBps(counts),
        };
      }),
    };
  });
}

/**
 * Sends the reminders due today for the book year whose RAT is the current concern: every
 * cooperative that has not held it and is at a stage (60 or 14 days ahead, or overdue) it was not
 * yet reminded at. Recorded in the registry (the cooperative on Sokoguru reads its own) and, where
 * the registry has a pengurus's phone, queued to the office's outbox; each stage once.
 */
export async function sendRatReminders(deps: Deps, ctx: OrgContext, bookYear?: number) {
  const today = businessDateWib(deps.clock());
  const year = bookYear ?? currentRatBookYear(today);
  checkBookYear(year, today);
  const stage = ratReminderStage(year, null, today);
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    if (stage === null)
      return {
        bookYear: year,
        stage,
        reminded: 0,
        queued: 0,
        nextOn: addDays(ratDeadline(year), -60),
      };
    const office = (await registryRepo.officeName(o.tx, ctx.organizationId)) ?? 'Dinas Koperasi';
    const candidates = await repo.reminderCandidates(o.tx, region, year, stage, today);
    const rows = candidates.map((c) => ({
      region_code: c.region_code,
      registry_id: c.registry_id,
      book_year: year,
      stage,
      sent_on: today,
      body: ratReminderText(stage, c.name, year, office),
      recipient: c.phone,
      sent_by: ctx.actor.userId,
    }));
    const reminded = await repo.insertReminders(o.tx, rows);
    const queued = await repo.queueReminderMessages(
      o.tx,
      ctx.organizationId,
      rows.flatMap((r) =>
        r.recipient
          ? [
              {
                recipient: r.recipient,
                body: r.body,
                dedupeKey: `rat:${r.registry_id}:${year}:${stage}`,
              },
            ]
          : [],
      ),
    );
    await o.audit({
      action: 'rat.reminders-sent',
      entityType: 'rat-compliance',
      entityId: `${year}:${stage}`,
      after: { bookYear: year, stage, reminded, queued },
    });
    return { bookYear: year, stage, reminded, queued, nextOn: null };
  });
}

async function mustFind(o: OrgTx, region: string, registryId: bigint) {
  const row = await registryRepo.findRegistryRow(o.tx, region, registryId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

const documentView = (d: repo.DocumentRow, orgId: string, registryId: bigint) => ({
  id: d.id.toString(),
  bookYear: d.book_year,
  kind: d.kind,
  fileName: d.file_name,
  contentType: d.content_type,
  sizeBytes: d.size_bytes,
  receivedOn: d.received_on,
  uploadedBy: d.uploaded_by_name,
  uploadedAt: d.uploaded_at.toISOString(),
  href: `/orgs/${orgId}/registry/${registryId}/rat-documents/${d.id}`,
});

/** Receives one document of a book year's RAT (a scan or a PDF as the cooperative sent it). */
export async function addRatDocument(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  d: {
    bookYear: number;
    kind: string;
    fileName: string;
    receivedOn?: string;
    contentType: string;
    content: Buffer | null;
  },
) {
  const today = businessDateWib(deps.clock());
  const problems: { field: string; code: string }[] = [];
  if (!Number.isInteger(d.bookYear) || d.bookYear < 1945 || `${d.bookYear}-12-31` >= today)
    problems.push({ field: 'bookYear', code: 'BOOK_YEAR_NOT_ENDED' });
  if (!(RAT_DOCUMENT_KINDS as readonly string[]).includes(d.kind))
    problems.push({ field: 'kind', code: 'UNKNOWN_KIND' });
  const receivedOn = d.receivedOn ?? today;
  if (receivedOn > today || receivedOn <= `${d.bookYear}-12-31`)
    problems.push({ field: 'receivedOn', code: 'OUT_OF_RANGE' });
  if (!isDocumentType(d.contentType))
    problems.push({ field: 'contentType', code: 'TYPE_NOT_ALLOWED' });
  if (!d.content || d.content.length === 0) problems.push({ field: 'body', code: 'EMPTY' });
  if (problems.length > 0) throw invalid(problems);
  if (d.content!.length > RAT_DOCUMENT_BYTES_MAX)
    throw new AppError('PAYLOAD_TOO_LARGE', { limit: RAT_DOCUMENT_BYTES_MAX });
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const row = await mustFind(o, region, registryId);
    if ((await repo.countDocuments(o.tx, registryId, d.bookYear)) >= RAT_DOCUMENTS_PER_YEAR_MAX)
      throw invalid([{ field: 'body', code: 'TOO_MANY_FILES' }]);
    const fileName = d.fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 200) || 'dokumen-rat';
    const contentSha256 = createHash('sha256').update(d.content!).digest('hex');
    await repo.insertDocument(o.tx, {
      region_code: row.region_code,
      registry_id: registryId,
      book_year: d.bookYear,
      kind: d.kind as RatDocumentKind,
      file_name: fileName,
      content_type: d.contentType as DocumentType,
      content: d.content!,
      content_sha256: contentSha256,
      received_on: receivedOn,
      // a document is received by a person of the office, never by the system
      uploaded_by: actingUserId(ctx),
    });
    await o.audit({
      action: 'rat.document-received',
      entityType: 'registry-cooperative',
      entityId: registryId,
      after: {
        bookYear: d.bookYear,
        kind: d.kind,
        fileName,
        bytes: d.content!.length,
        contentSha256,
      },
    });
    return ratRecordOf(o, registryId);
  });
}

async function ratRecordOf(o: OrgTx, registryId: bigint) {
  const [documents, reminders] = await Promise.all([
    repo.documentsOf(o.tx, registryId),
    repo.remindersOf(o.tx, registryId),
  ]);
  return {
    documents: documents.map((d) => documentView(d, o.ctx.organizationId, registryId)),
    reminders: reminders.map((m) => ({
      bookYear: m.book_year,
      stage: m.stage,
      sentOn: m.sent_on,
      body: m.body,
      recipient: m.recipient,
      sentBy: m.sent_by_name,
    })),
  };
}

/** One cooperative's RAT documents and the reminders it was sent. */
export async function ratRecord(deps: Deps, ctx: OrgContext, registryId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    await mustFind(o, await regionOf(o), registryId);
    return ratRecordOf(o, registryId);
  });
}

/** A RAT document as it was received. */
export async function ratDocument(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  documentId: bigint,
) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const d = await repo.documentContent(o.tx, registryId, documentId);
    if (!d) throw new AppError('NOT_FOUND');
    return { fileName: d.file_name, contentType: d.content_type, content: Buffer.from(d.content) };
  });
}

const DOCUMENT_TITLES: Record<RatDocumentKind, string> = {
  minutes: 'Notulen RAT',
  attendance: 'Daftar hadir RAT',
  accountability: 'Laporan pertanggungjawaban pengurus',
  statements: 'Laporan keuangan',
  other: 'Dokumen RAT',
};

/**
 * The case file's RAT entries: each book year's meeting with the documents received for it, the
 * reminders sent, and each of the last five book years whose deadline passed with no RAT on record
 * (from the year the cooperative had its legal entity, when known).
 */
export async function caseFileEntries(
  o: OrgTx,
  registryId: bigint,
  today: string,
  rats: readonly { book_year: number; held_on: string; recorded_by_name: string | null }[],
  badanHukumDate: string | null,
): Promise<CaseFileEntry[]> {
  const { documents, reminders } = await ratRecordOf(o, registryId);
  const byYear = new Map<number, typeof documents>();
  for (const d of documents) byYear.set(d.bookYear, [...(byYear.get(d.bookYear) ?? []), d]);
  const entries: CaseFileEntry[] = rats.map((r) => {
    const status = ratStatus(r.book_year, r.held_on, today);
    const docs = byYear.get(r.book_year) ?? [];
    const missing = missingRatDocuments(docs.map((d) => d.kind));
    return {
      on: r.held_on,
      kind: 'rat',
      title: `RAT tahun buku ${r.book_year}`,
      detail:
        (status === 'on_time'
          ? `Tepat waktu (batas ${ratDeadline(r.book_year)})`
          : `Terlambat ${daysLate(r.book_year, r.held_on)} hari (batas ${ratDeadline(r.book_year)})`) +
        (missing.length > 0
          ? `; dokumen belum diterima: ${missing.map((k) => DOCUMENT_TITLES[k]).join(', ')}`
          : '; dokumen lengkap'),
      actor: r.recorded_by_name,
      documents: docs.map((d) => ({
        name: `${DOCUMENT_TITLES[d.kind]}: ${d.fileName}`,
        href: d.href,
      })),
      ref: `rat:${r.book_year}`,
    };
  });
  for (const m of reminders)
    entries.push({
      on: m.sentOn,
      kind: 'rat',
      title: `Pengingat RAT tahun buku ${m.bookYear}`,
      detail: m.body,
      actor: m.sentBy,
      documents: [],
      ref: `rat-reminder:${m.bookYear}:${m.stage}`,
    });
  const held = new Set(rats.map((r) => r.book_year));
  const latest = currentRatBookYear(today);
  for (let y = latest - 4; y <= latest; y++) {
    if (held.has(y) || ratStatus(y, null, today) !== 'not_held') continue;
    if (badanHukumDate !== null && badanHukumDate > `${y}-12-31`) continue;
    entries.push({
      on: ratDeadline(y),
      kind: 'rat',
      title: `RAT tahun buku ${y} tidak diselenggarakan`,
      detail: `Batas waktu ${ratDeadline(y)} terlewati tanpa RAT tercatat`,
      actor: null,
      documents: [],
      ref: `rat-missed:${y}`,
    });
  }
  return entries;
}
