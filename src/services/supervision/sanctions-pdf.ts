import { tanggalId } from '../../domain/calendar.js';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdfDefinition } from '../../reports/pdf.js';
import type { Deps, OrgContext } from '../context.js';
import { getLetter, type LetterView } from './sanctions.js';

/**
 * A letter of the sanctions ladder on paper, from the stored letter alone (it never changes, so
 * the PDF is the same every time): the office, number, date, the cooperative, the findings, the
 * required correction and its deadline, the legal basis, and the officer who signs. A revoked
 * letter is printed with the revocation.
 */

export function letterDefinition(l: LetterView): TDocumentDefinitions {
  const content: Content[] = [
    { text: l.officeName.toUpperCase(), style: 'office' },
    {
      canvas: [{ type: 'line', x1: 0, y1: 2, x2: 523, y2: 2, lineWidth: 1 }],
      margin: [0, 2, 0, 10],
    },
    {
      table: {
        widths: ['auto', 'auto', '*'],
        body: [
          ['Nomor', ':', l.number],
          ['Tanggal', ':', tanggalId(l.issuedOn)],
          ['Sifat', ':', 'Penting'],
          ['Perihal', ':', { text: l.title, bold: true }],
        ],
      },
      layout: 'noBorders',
    },
    {
      text: ['Kepada Yth.\nPengurus ', { text: l.cooperativeName, bold: true }, '\ndi tempat'],
      margin: [0, 12, 0, 12],
    },
    {
      text:
        'Berdasarkan hasil pengawasan terhadap koperasi Saudara, dengan ini kami sampaikan ' +
        `${l.title.toLowerCase()} atas temuan berikut:`,
      margin: [0, 0, 0, 6],
    },
    { text: l.findingsText, margin: [12, 0, 0, 8] },
    { text: 'Perbaikan yang wajib dilakukan:', bold: true },
    { text: l.correction, margin: [12, 2, 0, 8] },
    {
      text: [
        'Perbaikan tersebut wajib diselesaikan dan dilaporkan paling lambat tanggal ',
        { text: tanggalId(l.deadlineOn), bold: true },
        '. Apabila sampai batas waktu tersebut temuan belum diselesaikan, akan diterapkan sanksi administratif berikutnya sesuai ketentuan peraturan perundang-undangan.',
      ],
      margin: [0, 0, 0, 8],
    },
    { text: 'Dasar hukum:', bold: true },
    { ul: l.legalBasis.split('; '), fontSize: 8, margin: [12, 2, 0, 12] },
    {
      columns: [
        { text: '' },
        {
          stack: [
            { text: l.officeName },
            { text: 'Pengawas Koperasi', margin: [0, 0, 0, 40] },
            { text: l.officerName, bold: true, decoration: 'underline' },
          ],
          width: 220,
        },
      ],
    },
  ];
  if (l.revocation)
    content.push({
      text: `DICABUT pada ${tanggalId(l.revocation.revokedOn)}: ${l.revocation.reason}`,
      color: '#8a1c1c',
      bold: true,
      margin: [0, 16, 0, 0],
    });
  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 48],
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    info: { title: `${l.title} ${l.number}`, creator: 'Sokoguru' },
    footer: (page, pages) => ({
      columns: [
        { text: `Sokoguru · surat #${l.id} · ${l.number}`, fontSize: 7, color: '#777' },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', fontSize: 7, color: '#777' },
      ],
      margin: [36, 12, 36, 0],
    }),
    content,
    styles: { office: { fontSize: 12, bold: true, alignment: 'center' } },
  };
}

export async function letterPdf(deps: Deps, ctx: OrgContext, id: bigint): Promise<Buffer> {
  return renderPdfDefinition(letterDefinition(await getLetter(deps, ctx, id)));
}
