import type ExcelJS from 'exceljs';
import type PdfPrinter from 'pdfmake';

/**
 * exceljs and pdfmake are loaded the first time a workbook or a PDF is made, not when the server
 * starts: together they are about 56 MiB of a Node.js process (29 and 27 MiB resident, measured
 * by importing each alone), which the embedded server on a cooperative's laptop would otherwise
 * hold all day though most days nobody exports anything (docs/operations.md, "Memory of the
 * embedded database").
 */
let excel: Promise<typeof ExcelJS> | undefined;
export function exceljs(): Promise<typeof ExcelJS> {
  return (excel ??= import('exceljs').then((m) => m.default));
}

let printer: Promise<PdfPrinter> | undefined;
/** The PDF printer with PDFKit's built-in Helvetica: no font files to ship, and it covers Indonesian text. */
export function pdfPrinter(): Promise<PdfPrinter> {
  return (printer ??= import('pdfmake').then(
    (m) =>
      new m.default({
        Helvetica: {
          normal: 'Helvetica',
          bold: 'Helvetica-Bold',
          italics: 'Helvetica-Oblique',
          bolditalics: 'Helvetica-BoldOblique',
        },
      }),
  ));
}
