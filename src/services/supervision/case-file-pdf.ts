import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import * as registryRepo from '../../db/registry.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import type { CaseFileKind } from '../../domain/supervision/case-file.js';
import { renderPdfDefinition } from '../../reports/pdf.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { caseFileIn, type CaseFileFilter } from './case-file.js';

/**
 * The case file on paper, for a hearing (issue 16 item 1): the office, the cooperative's legal
 * identity, the filter it was drawn with, and every entry of the timeline with its date, area,
 * what happened, who did it and the documents filed with it (by name; they are served by the
 * routes the on-screen file links to). Oldest first, as a file is read.
 */

export const KIND_NAMES: Record<CaseFileKind, string> = {
  registry: 'Registri',
  report: 'Laporan',
  assessment: 'Penilaian kesehatan',
  rat: 'RAT',
  training: 'Pelatihan',
  certificate: 'Sertifikat',
  inspection: 'Pemeriksaan',
  finding: 'Temuan',
  letter: 'Surat',
  sanction: 'Sanksi',
  modern: 'Koperasi modern',
  mediation: 'Mediasi',
  referral: 'Rujukan pendanaan',
  alert: 'Peringatan dini',
};

/** PDFKit's built-in Helvetica writes WinAnsi: characters outside it are spelled out. */
const ansi = (text: string) =>
  text
    .replace(/≤/g, '<=')
    .replace(/≥/g, '>=')
    .replace(/[−–—]/g, '-')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"');

const th = (text: string): TableCell => ({ text, bold: true, fillColor: '#f3f5f7' });

export function caseFileDefinition(
  office: string,
  file: Awaited<ReturnType<typeof caseFileIn>>,
  f: CaseFileFilter,
  generatedAt: string,
): TDocumentDefinitions {
  const c = file.cooperative;
  const rows: TableCell[][] = [...file.entries]
    .reverse()
    .map((e) => [
      e.on,
      KIND_NAMES[e.kind],
      { text: [{ text: ansi(e.title), bold: true }, e.detail ? `\n${ansi(e.detail)}` : ''] },
      ansi(e.actor ?? '-'),
      ansi(e.documents.map((d) => d.name).join('\n') || '-'),
    ]);
  const content: Content[] = [
    { text: ansi(office).toUpperCase(), fontSize: 9, color: '#495057' },
    { text: 'BERKAS PENGAWASAN KOPERASI', fontSize: 15, bold: true, margin: [0, 2, 0, 2] },
    { text: ansi(c.name), fontSize: 12, bold: true, margin: [0, 0, 0, 6] },
    {
      table: {
        widths: ['auto', '*'],
        body: [
          ['Jenis', c.cooperativeType],
          ['NIK koperasi', c.nikKoperasi ?? '-'],
          ['Badan hukum', c.badanHukumNumber ?? '-'],
          ['Alamat', ansi(c.address ?? '-')],
          ['Di Sokoguru', c.onSokoguru ? 'Ya (laporan dari pembukuannya)' : 'Tidak'],
          [
            'Isi berkas',
            (f.kinds && f.kinds.length > 0
              ? f.kinds.map((k) => KIND_NAMES[k]).join(', ')
              : 'semua') + (f.from || f.to ? `; ${f.from ?? '...'} s.d. ${f.to ?? '...'}` : ''),
          ],
          ['Jumlah catatan', String(file.entries.length)],
          ['Dicetak', generatedAt],
        ],
      },
      layout: 'noBorders',
      fontSize: 9,
      margin: [0, 0, 0, 8],
    },
    rows.length === 0
      ? { text: 'Tidak ada catatan untuk pilihan ini.', italics: true }
      : {
          table: {
            headerRows: 1,
            widths: [52, 62, '*', 80, 110],
            body: [
              [th('Tanggal'), th('Bidang'), th('Catatan'), th('Oleh'), th('Dokumen')],
              ...rows,
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 8,
        },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    info: { title: `Berkas pengawasan ${c.name}` },
    content,
    footer: (page, pages) => ({
      text: `${ansi(c.name)} - halaman ${page} dari ${pages}`,
      alignment: 'center',
      fontSize: 7,
      color: '#495057',
    }),
  };
}

export async function caseFilePdf(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  f: CaseFileFilter,
): Promise<{ pdf: Buffer; name: string }> {
  const now = deps.clock();
  const today = businessDateWib(now);
  const { office, file } = await inOrg(deps, ctx, async (o) => ({
    office: (await registryRepo.officeName(o.tx, ctx.organizationId)) ?? '',
    file: await caseFileIn(o, registryId, today, f),
  }));
  const generatedAt = `${today} ${now.toISOString().slice(11, 16)} UTC oleh ${ctx.actor.label}`;
  return {
    pdf: await renderPdfDefinition(caseFileDefinition(office, file, f, generatedAt)),
    name: `berkas-${registryId}-${today}.pdf`,
  };
}
