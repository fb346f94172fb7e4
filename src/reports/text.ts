import { cellText, type ReportDocument, type ReportSection } from './table.js';

/**
 * A report as plain-text tables for a terminal (`sokoguru report` on a TTY): text columns on the
 * left, amounts and numbers right-aligned with Indonesian thousands separators (1.250.000,
 * negatives in parentheses, as on paper), a rule above totals. Sections with the same number of
 * columns share their widths, so the amounts of a statement line up from top to bottom. The same
 * ReportDocument the PDF and Excel renderers take.
 */
export function renderText(doc: ReportDocument): string {
  const sections = doc.sections.map(cellsOf);
  const widths = new Map<number, number[]>();
  for (const s of sections) {
    const w = widths.get(s.header.length) ?? s.header.map(() => 0);
    for (const row of [s.header, ...s.rows.map((r) => r.cells)])
      row.forEach((c, i) => (w[i] = Math.max(w[i] ?? 0, c.length)));
    widths.set(s.header.length, w);
  }
  const head = [doc.title, doc.organization, doc.period, ...(doc.subtitle ? [doc.subtitle] : [])];
  const parts = [head.join('\n')];
  for (const s of sections) parts.push(sectionText(s, widths.get(s.header.length) ?? []));
  if (doc.notes?.length) parts.push(doc.notes.map((n) => `* ${n}`).join('\n'));
  parts.push(`Dibuat ${doc.generatedAt}`);
  return `${parts.join('\n\n')}\n`;
}

interface SectionCells {
  title: string | undefined;
  header: string[];
  right: boolean[];
  rows: { cells: string[]; total: '-' | '=' | undefined }[];
}

function cellsOf(section: ReportSection): SectionCells {
  const right = section.columns.map((c) => c.kind === 'rupiah' || c.kind === 'number');
  return {
    title: section.title,
    header: section.columns.map((c) => c.header),
    right,
    rows: section.rows.map((r) => ({
      cells: section.columns.map((_, i) => {
        const t = cellText(r.cells[i] ?? null);
        // accounts grouped under a header are indented in the first text column
        return i === 0 && !right[0] && r.level ? `${'  '.repeat(r.level)}${t}` : t;
      }),
      total: r.style === 'grand-total' ? '=' : r.style === 'total' ? '-' : undefined,
    })),
  };
}

const GAP = '  ';

function sectionText(s: SectionCells, widths: number[]): string {
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (s.right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join(GAP)
      .trimEnd();
  const rule = (ch: string) => widths.map((w) => ch.repeat(w)).join(GAP);
  const out: string[] = [];
  if (s.title) out.push(s.title);
  // a section of totals only (SHU under income and expenses) needs no column headings
  if (s.rows.some((r) => !r.total)) out.push(line(s.header), rule('-'));
  for (const r of s.rows) {
    if (r.total) out.push(rule(r.total));
    out.push(line(r.cells));
  }
  return out.join('\n');
}
