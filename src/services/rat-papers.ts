import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { insertDocument } from '../db/rat-compliance.repo.js';
import { linkedRegistry } from '../db/supervision-reports.repo.js';
import * as repo from '../db/rat.repo.js';
import { businessDateWib, tanggalId } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { ALLOCATION_POSTS, POST_NAMES_ID } from '../domain/shu/allocation.js';
import { renderPdfDefinition, REPORT_STYLES, reportDefinition } from '../reports/pdf.js';
import { formatRupiah } from '../reports/table.js';
import { actingUserId, inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { meetingIn, type MeetingView } from './rat.js';
import { listRuns } from './shu.js';
import { yearStatement } from './year-end.js';

/**
 * The RAT's papers (issue 17 item 4; docs/domain/rat.md): the RAT book (one PDF: the pengurus'
 * accountability report with the year's statements beside the prior year, the pengawas' report,
 * the SHU proposal, next year's plan and budget), the minutes (berita acara) generated from what
 * happened and signed, the attendance list, and the RAT package sent to the Dinas.
 */

export type BookSection = 'accountability' | 'supervision' | 'plan';
export const BOOK_SECTIONS: readonly BookSection[] = ['accountability', 'supervision', 'plan'];
const SECTION_TITLES: Record<BookSection, string> = {
  accountability: 'Laporan Pertanggungjawaban Pengurus',
  supervision: 'Laporan Pengawas',
  plan: 'Rencana Kerja dan Rencana Anggaran Pendapatan dan Belanja',
};

async function orgName(o: OrgTx): Promise<string> {
  const r = await o.tx
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', o.ctx.organizationId)
    .executeTakeFirstOrThrow();
  return r.name;
}

async function sections(
  o: OrgTx,
  meetingId: bigint,
): Promise<Partial<Record<BookSection, string>>> {
  const rows = await o.tx
    .selectFrom('rat_book_sections')
    .select(['section', 'body'])
    .where('cooperative_id', '=', o.ctx.organizationId)
    .where('meeting_id', '=', meetingId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.section, r.body]));
}

/** Writes one of the book's parts (the pengurus, or the pengawas for theirs). */
export async function saveBookSection(
  deps: Deps,
  ctx: OrgContext,
  meetingId: bigint,
  section: BookSection,
  body: string,
) {
  return inOrg(deps, ctx, async (o) => {
    const m = await meetingIn(o, meetingId);
    if (m.status === 'closed' || m.status === 'postponed')
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'ubah buku RAT' });
    await sql`
      insert into rat_book_sections (cooperative_id, meeting_id, section, body, updated_by)
      values (${ctx.organizationId}, ${meetingId}, ${section}, ${body}, ${ctx.actor.userId})
      on conflict (cooperative_id, meeting_id, section)
      do update set body = excluded.body, updated_by = excluded.updated_by, updated_at = now()`.execute(
      o.tx,
    );
    await o.audit({
      action: 'rat.book-section',
      entityType: 'rat-meeting',
      entityId: meetingId,
      after: { section, length: body.length },
    });
    return { section, body };
  });
}

export async function bookSections(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    await meetingIn(o, meetingId);
    return sections(o, meetingId);
  });
}

const paragraphs = (text: string | undefined, missing: string): Content[] =>
  (text ?? missing)
    .split(/\n{2,}/)
    .map((p) => ({ text: p.trim(), margin: [0, 0, 0, 6] as [number, number, number, number] }));

function meetingPlace(m: MeetingView): string {
  if (m.mode === 'online') return `daring (${m.onlineUrl ?? ''})`;
  if (m.mode === 'hybrid') return `${m.location ?? ''} dan daring (${m.onlineUrl ?? ''})`;
  return m.location ?? '';
}

/** An instant as the cooperative's clock shows it: '14 Maret 2026 09.00 WIB'. */
const wib = (instant: Date | string) => {
  const t = new Date(new Date(instant).getTime() + 7 * 3_600_000).toISOString();
  return `${tanggalId(t.slice(0, 10))} ${t.slice(11, 13)}.${t.slice(14, 16)} WIB`;
};

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const hari = (iso: string) => HARI[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

const baseStyles: TDocumentDefinitions['styles'] = {
  ...REPORT_STYLES,
  title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 8, 0, 4] },
  h1: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
  h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
};

function pdf(title: string, org: string, generatedAt: Date, content: Content[]) {
  return renderPdfDefinition({
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    info: { title: `${title} — ${org}`, creator: 'Sokoguru' },
    footer: (page, pages) => ({
      columns: [
        { text: `${title} · ${org}`, fontSize: 7, color: '#555' },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', fontSize: 7, color: '#555' },
      ],
      margin: [48, 16, 48, 0],
    }),
    content,
    styles: baseStyles,
  }).then((buf) => ({ buf, generatedAt }));
}

/** The SHU proposal: the latest run of the book year (final if there is one, else a simulation). */
async function shuProposal(deps: Deps, ctx: OrgContext, year: number): Promise<Content[]> {
  const runs = await listRuns(deps, ctx, year, 50);
  const run = runs.find((r) => r.kind === 'final') ?? runs[0];
  if (!run)
    return [{ text: 'Usulan pembagian SHU belum disimulasikan di Sokoguru.', italics: true }];
  const a = run.pools.allocation;
  return [
    {
      text: `SHU tahun buku ${year}: Rp ${formatRupiah(BigInt(run.shuRupiah))} (dari anggota Rp ${formatRupiah(BigInt(run.shuAnggotaRupiah))}, dari non-anggota Rp ${formatRupiah(BigInt(run.shuNonAnggotaRupiah))}). ${run.kind === 'final' ? 'Pembagian final.' : 'Simulasi untuk diputuskan RAT.'}`,
      margin: [0, 0, 0, 6],
    },
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto'],
        body: [
          [
            { text: 'Pos', style: 'th' },
            { text: 'Rupiah', style: 'th', alignment: 'right' },
          ],
          ...ALLOCATION_POSTS.map((p) => [
            POST_NAMES_ID[p],
            { text: formatRupiah(BigInt(a[p])), alignment: 'right' as const },
          ]),
          [
            { text: 'Jumlah', bold: true },
            { text: formatRupiah(BigInt(run.shuRupiah)), alignment: 'right' as const, bold: true },
          ],
        ],
      },
      layout: 'lightHorizontalLines',
    },
    {
      text: `Jasa modal dibagi menurut ${run.jasaModalBasis === 'average' ? 'rata-rata saldo akhir bulan' : 'saldo akhir tahun'} simpanan; jasa usaha menurut partisipasi; pajak ${run.taxRule ? `${run.taxRule.ratePercent.replace('.', ',')} %` : '0 %'}. Rincian per anggota ada di slip SHU masing-masing.`,
      style: 'note',
      margin: [0, 4, 0, 0],
    },
  ];
}

/** The RAT book as one PDF. */
export async function ratBookPdf(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  const { m, org, parts } = await inOrg(deps, ctx, async (o) => ({
    m: await meetingIn(o, meetingId),
    org: await orgName(o),
    parts: await sections(o, meetingId),
  }));
  const statements: Content[] = [];
  for (const kind of ['neraca', 'phu'] as const) {
    const doc = await yearStatement(deps, ctx, m.bookYear, kind);
    const def = reportDefinition(doc);
    statements.push({ text: doc.title, style: 'h2' }, ...(def.content as Content[]).slice(4));
  }
  const missing = '(Belum diisi.)';
  const content: Content[] = [
    { text: org, style: 'org' },
    { text: 'BUKU RAPAT ANGGOTA TAHUNAN', style: 'title' },
    { text: `Tahun Buku ${m.bookYear}`, alignment: 'center', fontSize: 12 },
    {
      text: `${hari(m.scheduledOn)}, ${tanggalId(m.scheduledOn)} pukul ${m.startsAt} · ${meetingPlace(m)}`,
      alignment: 'center',
      margin: [0, 8, 0, 16],
    },
    { text: 'Acara', style: 'h1' },
    {
      ol: m.agenda.map(
        (a) =>
          `${a.title}${a.majority === 'none' ? '' : a.majority === 'two-thirds' ? ' (keputusan 2/3 anggota hadir)' : ''}${a.ballot === 'secret' ? ' — pemungutan suara rahasia' : ''}`,
      ),
    },
    {
      text: `Kuorum: ${m.rules.quorum.plusOne ? `${m.rules.quorum.numerator}/${m.rules.quorum.denominator} jumlah anggota + 1` : `${m.rules.quorum.numerator}/${m.rules.quorum.denominator} jumlah anggota`}, yaitu ${m.quorum.required} dari ${m.quorum.members} anggota.`,
      margin: [0, 6, 0, 0],
    },
    { text: `1. ${SECTION_TITLES.accountability}`, style: 'h1', pageBreak: 'before' },
    ...paragraphs(parts.accountability, missing),
    { text: `Laporan keuangan tahun buku ${m.bookYear} (dengan tahun sebelumnya)`, style: 'h2' },
    ...statements,
    { text: `2. ${SECTION_TITLES.supervision}`, style: 'h1', pageBreak: 'before' },
    ...paragraphs(parts.supervision, missing),
    { text: `3. Usulan Pembagian SHU Tahun Buku ${m.bookYear}`, style: 'h1' },
    ...(await shuProposal(deps, ctx, m.bookYear)),
    { text: `4. ${SECTION_TITLES.plan} Tahun ${m.bookYear + 1}`, style: 'h1' },
    ...paragraphs(parts.plan, missing),
  ];
  return (await pdf(`Buku RAT ${m.bookYear}`, org, deps.clock(), content)).buf;
}

interface MinutesRow {
  minutes_chair: string | null;
  minutes_secretary: string | null;
  minutes_witnesses: string | null;
  minutes_signed_at: Date | null;
  signer: string | null;
  package_sent_at: Date | null;
}

async function minutesRow(o: OrgTx, meetingId: bigint): Promise<MinutesRow> {
  const r = await sql<MinutesRow>`
    select m.minutes_chair, m.minutes_secretary, m.minutes_witnesses, m.minutes_signed_at,
           u.full_name as signer, m.package_sent_at
    from rat_meetings m left join users u on u.id = m.minutes_signed_by
    where m.cooperative_id = ${o.ctx.organizationId} and m.id = ${meetingId}`.execute(o.tx);
  return r.rows[0]!;
}

/** The minutes' state: who signs, and whether the package went to the Dinas. */
export async function minutesStatus(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    await meetingIn(o, meetingId);
    const r = await minutesRow(o, meetingId);
    return {
      chair: r.minutes_chair,
      secretary: r.minutes_secretary,
      witnesses: r.minutes_witnesses,
      signedAt: r.minutes_signed_at?.toISOString() ?? null,
      signedBy: r.signer,
      packageSentAt: r.package_sent_at?.toISOString() ?? null,
    };
  });
}

/** Signs the minutes of a closed meeting: the names the meeting appointed, confirmed by the user. */
export async function signMinutes(
  deps: Deps,
  ctx: OrgContext,
  meetingId: bigint,
  input: { chair: string; secretary: string; witnesses: string },
) {
  return inOrg(deps, ctx, async (o) => {
    const m = await meetingIn(o, meetingId);
    if (m.status !== 'closed')
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'tanda tangan notulen' });
    const r = await sql`
      update rat_meetings set minutes_chair = ${input.chair}, minutes_secretary = ${input.secretary},
        minutes_witnesses = ${input.witnesses}, minutes_signed_at = ${deps.clock()},
        minutes_signed_by = ${actingUserId(ctx)}
      where cooperative_id = ${ctx.organizationId} and id = ${meetingId} and minutes_signed_at is null`.execute(
      o.tx,
    );
    if (Number(r.numAffectedRows ?? 0n) !== 1)
      throw new AppError('RAT_STATE_INVALID', {
        status: 'ditandatangani',
        action: 'tanda tangan notulen',
      });
    await o.audit({
      action: 'rat.minutes-signed',
      entityType: 'rat-meeting',
      entityId: meetingId,
      after: input,
    });
    return minutesRow(o, meetingId).then((x) => ({
      chair: x.minutes_chair,
      secretary: x.minutes_secretary,
      witnesses: x.minutes_witnesses,
      signedAt: x.minutes_signed_at?.toISOString() ?? null,
      signedBy: x.signer,
      packageSentAt: null,
    }));
  });
}

function minutesContent(
  m: MeetingView,
  org: string,
  mr: MinutesRow,
  attendance: number,
): Content[] {
  const rule = m.call === 2 && m.rules.secondCallQuorum ? m.rules.secondCallQuorum : m.rules.quorum;
  const results: Content[] = m.agenda.map((a) => {
    const outcome =
      a.majority === 'none'
        ? (a.note ?? 'Disampaikan dan didengar oleh rapat.')
        : a.passed === null
          ? 'Belum diputuskan.'
          : `${a.passed ? 'DISETUJUI' : 'DITOLAK'}: setuju ${a.setuju ?? 0}, tidak setuju ${a.tidakSetuju ?? 0}, abstain ${a.abstain ?? 0} dari ${a.votersPresent ?? 0} anggota hadir saat pemungutan suara (${a.majority === 'two-thirds' ? 'syarat 2/3 anggota hadir' : 'suara terbanyak'}${a.ballot === 'secret' ? ', suara rahasia' : ''}).${a.note ? ` ${a.note}` : ''}`;
    return {
      stack: [
        { text: `${a.seq}. ${a.title}`, bold: true },
        ...(a.motion ? [{ text: `Usul: ${a.motion}`, italics: true }] : []),
        { text: outcome, margin: [0, 0, 0, 6] as [number, number, number, number] },
      ],
    };
  });
  const signed = mr.minutes_signed_at
    ? `Ditandatangani secara elektronik oleh ${mr.signer ?? '-'} pada ${wib(mr.minutes_signed_at)}`
    : 'BELUM DITANDATANGANI';
  return [
    { text: org, style: 'org' },
    { text: 'BERITA ACARA RAPAT ANGGOTA TAHUNAN', style: 'title' },
    {
      text: `Tahun Buku ${m.bookYear}${m.call === 2 ? ' (panggilan kedua)' : ''}`,
      alignment: 'center',
      margin: [0, 0, 0, 12],
    },
    {
      text: `Pada hari ini, ${hari(m.scheduledOn)} tanggal ${tanggalId(m.scheduledOn)}, pukul ${m.startsAt}, bertempat di ${meetingPlace(m)}, telah diselenggarakan Rapat Anggota Tahunan ${org} tahun buku ${m.bookYear}.`,
      margin: [0, 0, 0, 6],
    },
    {
      text: `Anggota yang berhak hadir ${m.quorum.members} orang; hadir ${attendance} orang${m.quorum.represented > 0 ? ` dan diwakili dengan kuasa ${m.quorum.represented} orang` : ''}. Kuorum menurut AD/ART (${rule.numerator}/${rule.denominator} jumlah anggota${rule.plusOne ? ' + 1' : ''}${m.call === 2 ? ', panggilan kedua' : ''}) adalah ${m.quorum.required} orang, sehingga rapat sah.`,
      margin: [0, 0, 0, 10],
    },
    { text: 'Acara dan keputusan', style: 'h2' },
    ...results,
    {
      text: `Rapat ditutup pada ${m.closedAt ? wib(m.closedAt) : '-'}. Daftar hadir terlampir.`,
      margin: [0, 6, 0, 16],
    },
    {
      columns: [
        {
          stack: [
            { text: 'Pimpinan rapat', bold: true },
            { text: mr.minutes_chair ?? '(belum)', margin: [0, 30, 0, 0] },
          ],
        },
        {
          stack: [
            { text: 'Sekretaris', bold: true },
            { text: mr.minutes_secretary ?? '(belum)', margin: [0, 30, 0, 0] },
          ],
        },
        {
          stack: [
            { text: 'Anggota yang ditunjuk', bold: true },
            { text: mr.minutes_witnesses ?? '(belum)', margin: [0, 30, 0, 0] },
          ],
        },
      ],
    },
    { text: signed, style: 'note', margin: [0, 16, 0, 0] },
  ];
}

/** The minutes (berita acara), generated from what happened. */
export async function minutesPdf(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  const { m, org, mr, attendance } = await inOrg(deps, ctx, async (o) => ({
    m: await meetingIn(o, meetingId),
    org: await orgName(o),
    mr: await minutesRow(o, meetingId),
    attendance: (await repo.attendees(o.tx, ctx.organizationId, meetingId)).length,
  }));
  if (m.status !== 'closed')
    throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'berita acara' });
  return (
    await pdf(
      `Berita acara RAT ${m.bookYear}`,
      org,
      deps.clock(),
      minutesContent(m, org, mr, attendance),
    )
  ).buf;
}

/** The attendance list (daftar hadir) as a PDF. */
export async function attendancePdf(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  const { m, org, rows } = await inOrg(deps, ctx, async (o) => ({
    m: await meetingIn(o, meetingId),
    org: await orgName(o),
    rows: await repo.attendees(o.tx, ctx.organizationId, meetingId),
  }));
  const method = { qr: 'kode QR', login: 'daring', desk: 'meja registrasi' } as Record<
    string,
    string
  >;
  const content: Content[] = [
    { text: org, style: 'org' },
    { text: 'DAFTAR HADIR RAPAT ANGGOTA TAHUNAN', style: 'title' },
    {
      text: `Tahun Buku ${m.bookYear} · ${tanggalId(m.scheduledOn)}`,
      alignment: 'center',
      margin: [0, 0, 0, 12],
    },
    {
      table: {
        headerRows: 1,
        widths: ['auto', 'auto', '*', 'auto', 'auto'],
        body: [
          ['No', 'No. anggota', 'Nama', 'Waktu hadir (WIB)', 'Cara'].map((t) => ({
            text: t,
            style: 'th',
          })),
          ...rows.map((r, i) => [
            String(i + 1),
            r.member_number ?? '',
            r.full_name,
            new Date(r.checked_in_at.getTime() + 7 * 3_600_000).toISOString().slice(11, 16),
            method[r.method] ?? r.method,
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
    {
      text: `Hadir ${rows.length} dari ${m.quorum.members} anggota; diwakili dengan kuasa ${m.quorum.represented}; kuorum ${m.quorum.required}.`,
      margin: [0, 8, 0, 0],
    },
  ];
  return (await pdf(`Daftar hadir RAT ${m.bookYear}`, org, deps.clock(), content)).buf;
}

/**
 * Sends the RAT package to the Dinas: the RAT recorded as held on the meeting's date in the
 * registry row linked to the cooperative, and the minutes, the attendance list, the RAT book (the
 * accountability report) and the year's statements filed as its documents — what the office's RAT
 * compliance expects (docs/domain/supervision-rat.md). Once; the minutes must be signed.
 */
export async function sendPackage(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  const userId = actingUserId(ctx);
  const m = await getClosedSigned(deps, ctx, meetingId);
  const yearDoc = await yearStatement(deps, ctx, m.bookYear, 'neraca');
  const phuDoc = await yearStatement(deps, ctx, m.bookYear, 'phu');
  const files: {
    kind: 'minutes' | 'attendance' | 'accountability' | 'statements';
    name: string;
    pdf: Buffer;
  }[] = [
    {
      kind: 'minutes',
      name: `berita-acara-rat-${m.bookYear}.pdf`,
      pdf: await minutesPdf(deps, ctx, meetingId),
    },
    {
      kind: 'attendance',
      name: `daftar-hadir-rat-${m.bookYear}.pdf`,
      pdf: await attendancePdf(deps, ctx, meetingId),
    },
    {
      kind: 'accountability',
      name: `buku-rat-${m.bookYear}.pdf`,
      pdf: await ratBookPdf(deps, ctx, meetingId),
    },
    {
      kind: 'statements',
      name: `laporan-keuangan-${m.bookYear}.pdf`,
      pdf: await renderPdfDefinition({
        ...reportDefinition(yearDoc),
        content: [
          ...(reportDefinition(yearDoc).content as Content[]),
          { text: '', pageBreak: 'after' },
          ...(reportDefinition(phuDoc).content as Content[]),
        ],
      }),
    },
  ];
  return inOrg(deps, ctx, async (o) => {
    const locked = await sql<{ package_sent_at: Date | null }>`
      select package_sent_at from rat_meetings
      where cooperative_id = ${ctx.organizationId} and id = ${meetingId} for update`.execute(o.tx);
    if (locked.rows[0]?.package_sent_at)
      throw new AppError('RAT_STATE_INVALID', { status: 'terkirim', action: 'kirim paket RAT' });
    const linked = await linkedRegistry(o.tx);
    if (!linked) throw new AppError('RAT_PACKAGE_NOT_LINKED');
    const today = businessDateWib(deps.clock());
    await sql`
      insert into registry_rats (region_code, registry_id, book_year, held_on, recorded_by)
      values (${linked.regionCode}, ${linked.registryId}, ${m.bookYear}, ${m.scheduledOn}, ${userId})
      on conflict (registry_id, book_year) do nothing`.execute(o.tx);
    const documents = [];
    for (const f of files) {
      const d = await insertDocument(o.tx, {
        region_code: linked.regionCode,
        registry_id: linked.registryId,
        book_year: m.bookYear,
        kind: f.kind,
        file_name: f.name,
        content_type: 'application/pdf',
        content: f.pdf,
        content_sha256: createHash('sha256').update(f.pdf).digest('hex'),
        received_on: today,
        uploaded_by: userId,
      });
      documents.push({ kind: f.kind, fileName: f.name, id: d.id.toString(), bytes: f.pdf.length });
    }
    await sql`
      update rat_meetings set package_sent_at = ${deps.clock()}, package_sent_by = ${userId}
      where cooperative_id = ${ctx.organizationId} and id = ${meetingId}`.execute(o.tx);
    await o.audit({
      action: 'rat.package-sent',
      entityType: 'rat-meeting',
      entityId: meetingId,
      after: { registryId: linked.registryId.toString(), documents: documents.map((d) => d.kind) },
    });
    return { heldOn: m.scheduledOn, registryId: linked.registryId.toString(), documents };
  });
}

async function getClosedSigned(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const m = await meetingIn(o, meetingId);
    const mr = await minutesRow(o, meetingId);
    if (m.status !== 'closed' || !mr.minutes_signed_at)
      throw new AppError('RAT_STATE_INVALID', {
        status: m.status === 'closed' ? 'notulen belum ditandatangani' : m.status,
        action: 'kirim paket RAT',
      });
    return m;
  });
}
