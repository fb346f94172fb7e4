import { exceljs } from './libraries.js';
import type { ReportDocument } from './table.js';

const RUPIAH_FORMAT = '#,##0;(#,##0)';

/** Renders a report to an .xlsx buffer: one sheet, numbers as numbers so accountants can sum them. */
export async function renderExcel(doc: ReportDocument): Promise<Buffer> {
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'Sokoguru';
  const ws = wb.addWorksheet(doc.title.slice(0, 31));
  ws.addRow([doc.organization]).font = { bold: true };
  ws.addRow([doc.title]).font = { bold: true, size: 13 };
  ws.addRow([doc.period]);
  ws.addRow([]);
  let widest = 10;
  for (const section of doc.sections) {
    if (section.title) ws.addRow([section.title]).font = { bold: true };
    const header = ws.addRow(section.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F7' } };
    for (const row of section.rows) {
      const values = row.cells.map((cell, i) => {
        if (cell === null) return null;
        if (typeof cell === 'string')
          return i === 0 && row.level ? `${'  '.repeat(row.level)}${cell}` : cell;
        // Rupiah below 2^53 are exact as spreadsheet numbers; larger would lose digits, so they go as text.
        if ('rupiah' in cell)
          return cell.rupiah <= 9_007_199_254_740_991n && cell.rupiah >= -9_007_199_254_740_991n
            ? Number(cell.rupiah)
            : cell.rupiah.toString();
        if ('number' in cell) return cell.number;
        return cell.date;
      });
      const r = ws.addRow(values);
      section.columns.forEach((c, i) => {
        if (c.kind === 'rupiah') r.getCell(i + 1).numFmt = RUPIAH_FORMAT;
      });
      if (row.style === 'total' || row.style === 'grand-total' || row.style === 'header')
        r.font = { bold: true };
      const first = values[0];
      if (typeof first === 'string') widest = Math.max(widest, Math.min(first.length, 60));
    }
    ws.addRow([]);
  }
  ws.getColumn(1).width = widest + 2;
  for (let i = 2; i <= 6; i++) ws.getColumn(i).width = 18;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
