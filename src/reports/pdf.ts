import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { pdfPrinter } from './libraries.js';
import { cellText, type ReportDocument } from './table.js';

/** The widest text column takes the free space ('*'); the rest size to their content. */
function columnWidths(columns: ReportDocument['sections'][number]['columns']): ('*' | 'auto')[] {
  let star = columns.findIndex(
    (c) =>
      c.kind === 'text' &&
      (c.width ?? 1) ===
        Math.max(...columns.filter((x) => x.kind === 'text').map((x) => x.width ?? 1)),
  );
  if (star < 0) star = 0;
  return columns.map((_c, i) => (i === star ? '*' : 'auto'));
}

/** The report's text styles; other papers (the RAT book, minutes) start from them. */
export const REPORT_STYLES = {
  org: { fontSize: 10, bold: true, alignment: 'center' },
  title: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 4, 0, 0] },
  subtitle: { fontSize: 9, alignment: 'center', italics: true },
  period: { fontSize: 9, alignment: 'center', margin: [0, 2, 0, 12] },
  section: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
  th: { bold: true, fillColor: '#f3f5f7' },
  note: { fontSize: 8, color: '#444' },
} satisfies TDocumentDefinitions['styles'];

export function reportDefinition(doc: ReportDocument): TDocumentDefinitions {
  const content: Content[] = [
    { text: doc.organization, style: 'org' },
    { text: doc.title, style: 'title' },
    ...(doc.subtitle ? [{ text: doc.subtitle, style: 'subtitle' } as Content] : []),
    { text: doc.period, style: 'period' },
  ];
  for (const section of doc.sections) {
    if (section.title) content.push({ text: section.title, style: 'section' });
    const header: TableCell[] = section.columns.map((c) => ({
      text: c.header,
      style: 'th',
      alignment: c.kind === 'text' ? 'left' : 'right',
    }));
    const body: TableCell[][] = [header];
    for (const row of section.rows) {
      const bold = row.style === 'total' || row.style === 'grand-total' || row.style === 'header';
      body.push(
        row.cells.map((cell, i) => {
          const col = section.columns[i];
          const numeric = col !== undefined && col.kind !== 'text';
          return {
            text: cellText(cell),
            bold,
            alignment: numeric ? 'right' : 'left',
            margin: [i === 0 ? (row.level ?? 0) * 10 : 0, 0, 0, 0],
            ...(row.style === 'grand-total' ? { fillColor: '#eeeeee' } : {}),
          };
        }),
      );
    }
    content.push({
      table: { headerRows: 1, widths: columnWidths(section.columns), body },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 10],
    });
  }
  if (doc.notes?.length) content.push({ ul: doc.notes, style: 'note' });
  return {
    pageSize: 'A4',
    pageOrientation: doc.orientation ?? 'portrait',
    pageMargins: [36, 40, 36, 48],
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    info: { title: `${doc.title} — ${doc.organization}`, creator: 'Sokoguru' },
    footer: (page, pages) => ({
      columns: [
        { text: `Dicetak ${doc.generatedAt} · Sokoguru`, fontSize: 7, color: '#777' },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', fontSize: 7, color: '#777' },
      ],
      margin: [36, 12, 36, 0],
    }),
    content,
    styles: REPORT_STYLES,
  };
}

/** Renders a report to a PDF buffer. */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const printer = await pdfPrinter();
  return new Promise((resolve, reject) => {
    const pdf = printer.createPdfKitDocument(reportDefinition(doc));
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

/** Renders any pdfmake definition (receipts, member cards) with the same fonts. */
export async function renderPdfDefinition(def: TDocumentDefinitions): Promise<Buffer> {
  const printer = await pdfPrinter();
  return new Promise((resolve, reject) => {
    const pdf = printer.createPdfKitDocument({ defaultStyle: { font: 'Helvetica' }, ...def });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
