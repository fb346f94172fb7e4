import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdfDefinition } from '../../reports/pdf.js';
import { formatRupiah } from '../../reports/table.js';
import type { Deps, OrgContext } from '../context.js';
import { getAssessment, type AssessmentDetail } from './assessments.js';

/**
 * The report of one assessment on paper: every component with its inputs, formula, ratio, band,
 * nilai, skor and points; the aspect scores; the total and predikat; whether it is provisional and
 * why; the examiner; the rubric version, its digest and its source; the checklist answers.
 */

const SOURCE_LABEL: Record<AssessmentDetail['figuresSource'], string> = {
  shared_report: 'laporan yang dibagikan koperasi',
  examiner: 'diisi pemeriksa',
  live_books: 'pembukuan koperasi di Sokoguru (langsung)',
};

/** PDFKit's built-in Helvetica writes WinAnsi: the rubric's ≤, ≥ and − in characters it has. */
const ansi = (text: string) => text.replace(/≤/g, '<=').replace(/≥/g, '>=').replace(/−/g, '-');

const th = (text: string): TableCell => ({ text, bold: true, fillColor: '#f3f5f7' });

export function assessmentDefinition(
  a: AssessmentDetail,
  generatedAt: string,
): TDocumentDefinitions {
  const r = a.result;
  const content: Content[] = [
    { text: 'LAPORAN PEMERIKSAAN KESEHATAN KOPERASI', style: 'title' },
    { text: a.registryName ?? '', style: 'org' },
    {
      table: {
        widths: ['auto', '*'],
        body: [
          ['Periode', a.period],
          ['Rubrik', `${a.rubricTitle} (${a.rubricId}, versi ${a.rubricVersion})`],
          ['Sumber rubrik', a.rubricSource],
          ['Sidik rubrik (SHA-256)', a.rubricDigest],
          [
            'Sumber angka',
            SOURCE_LABEL[a.figuresSource] + (a.reportVersionId ? ` #${a.reportVersionId}` : ''),
          ],
          ['Pemeriksa', a.examinerName],
          ['Status', a.status === 'final' ? `Final (${a.finalizedAt ?? ''})` : 'Draf'],
          ...(a.supersedesId ? [['Mengoreksi penilaian', `#${a.supersedesId}`]] : []),
        ],
      },
      layout: 'noBorders',
      margin: [0, 6, 0, 8],
    },
    {
      text: [
        { text: 'Skor total: ', bold: true },
        `${r.totalScore}   `,
        { text: 'Predikat: ', bold: true },
        { text: r.predikat, bold: true },
      ],
      fontSize: 12,
      margin: [0, 0, 0, 4],
    },
  ];
  if (r.provisional)
    content.push({
      stack: [
        {
          text: 'SEMENTARA (PROVISIONAL): sebagian angka rubrik belum resmi',
          bold: true,
          color: '#8a1c1c',
        },
        { ul: r.provisionalReasons.map(ansi), fontSize: 7 },
      ],
      margin: [0, 0, 0, 8],
    });

  content.push({ text: 'Skor per aspek', style: 'section' });
  content.push({
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto'],
      body: [
        [th('Aspek'), th('Bobot'), th('Skor')],
        ...r.aspects.map((x) => [
          x.name,
          { text: x.weight, alignment: 'right' as const },
          { text: x.score, alignment: 'right' as const },
        ]),
        [
          { text: 'Total', bold: true },
          '',
          { text: r.totalScore, bold: true, alignment: 'right' as const },
        ],
      ],
    },
    layout: 'lightHorizontalLines',
  });

  content.push({ text: 'Rincian komponen', style: 'section' });
  content.push({
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'],
      body: [
        [
          th('Komponen, rumus dan angka'),
          th('Rasio %'),
          th('Pita'),
          th('Nilai'),
          th('Bobot'),
          th('Skor'),
        ],
        ...r.components.map((c): TableCell[] => [
          {
            stack: [
              { text: c.name, bold: true },
              { text: ansi(c.formula), italics: true, fontSize: 7 },
              ...Object.entries(c.inputs).map(([k, v]) => ({
                text: `${k} = ${/^-?[0-9]+$/.test(v) ? formatRupiah(BigInt(v)) : v}`,
                fontSize: 7,
              })),
              ...(c.note ? [{ text: ansi(c.note), fontSize: 7, color: '#555' }] : []),
              { text: `sumber: ${c.sourceStatus}`, fontSize: 6, color: '#777' },
            ],
          },
          { text: c.ratioPercent ?? '—', alignment: 'right' },
          ansi(c.band),
          { text: c.nilai, alignment: 'right' },
          { text: c.weight, alignment: 'right' },
          { text: `${c.skor} (${c.points})`, alignment: 'right' },
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
  });

  content.push({ text: 'Daftar periksa (jawaban pemeriksa)', style: 'section' });
  for (const c of a.checklists) {
    const ya = c.items.filter((i) => i.answer === true).length;
    content.push({
      text: `${c.name}: ${ya} "Ya" dari ${c.items.length}`,
      bold: true,
      margin: [0, 4, 0, 2],
    });
    content.push({
      table: {
        widths: ['auto', '*', 'auto', 'auto'],
        body: c.items.map((i) => [
          String(i.no),
          i.text + (i.note ? ` — ${i.note}` : ''),
          i.answer === null ? '—' : i.answer ? 'Ya' : 'Tidak',
          i.evidence.length ? `${i.evidence.length} bukti` : '',
        ]),
      },
      layout: 'lightHorizontalLines',
      fontSize: 7,
    });
  }
  if (a.notes) content.push({ text: 'Catatan', style: 'section' }, { text: a.notes });

  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 48],
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    info: {
      title: `Pemeriksaan kesehatan ${a.registryName ?? ''} ${a.period}`,
      creator: 'Sokoguru',
    },
    footer: (page, pages) => ({
      columns: [
        {
          text: `Dicetak ${generatedAt} · Sokoguru · penilaian #${a.id}`,
          fontSize: 7,
          color: '#777',
        },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', fontSize: 7, color: '#777' },
      ],
      margin: [36, 12, 36, 0],
    }),
    content,
    styles: {
      title: { fontSize: 13, bold: true, alignment: 'center' },
      org: { fontSize: 11, alignment: 'center', margin: [0, 2, 0, 4] },
      section: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
    },
  };
}

export async function assessmentPdf(deps: Deps, ctx: OrgContext, id: bigint): Promise<Buffer> {
  const a = await getAssessment(deps, ctx, id);
  const generatedAt = deps.clock().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return renderPdfDefinition(assessmentDefinition(a, generatedAt));
}
