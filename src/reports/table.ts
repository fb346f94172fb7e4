import { MONTH_NAMES_ID } from '../domain/calendar.js';
/**
 * A report as the renderers see it: titled sections of rows with typed cells. Statements, cash
 * reports and portfolio reports are built as ReportDocuments and rendered to PDF, Excel or JSON by
 * one renderer each, so every report looks the same on paper and in a spreadsheet.
 */
export type Cell = string | { rupiah: bigint } | { number: number } | { date: string } | null;

export interface ReportColumn {
  header: string;
  kind: 'text' | 'rupiah' | 'number' | 'date';
  width?: number; // relative width for PDF
}

export interface ReportRow {
  cells: Cell[];
  /** 0 for top-level rows; indents grouped accounts. */
  level?: number;
  style?: 'normal' | 'header' | 'total' | 'grand-total';
}

export interface ReportSection {
  title?: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  organization: string;
  /** e.g. 'Periode: Oktober 2026' */
  period: string;
  generatedAt: string;
  sections: ReportSection[];
  notes?: string[];
  orientation?: 'portrait' | 'landscape';
}

/** Rupiah for print: 'Rp 1.250.000', negatives in parentheses as accountants write them. */
export function formatRupiah(v: bigint): string {
  const abs = v < 0n ? -v : v;
  const digits = abs.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return v < 0n ? `(${digits})` : digits;
}

export function formatPeriodId(period: string): string {
  const m = Number(period.slice(5, 7));
  return `${MONTH_NAMES_ID[m - 1] ?? period} ${period.slice(0, 4)}`;
}

export function formatDateId(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTH_NAMES_ID[Number(m) - 1] ?? m} ${y}`;
}

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if ('rupiah' in c) return formatRupiah(c.rupiah);
  if ('number' in c) return c.number.toLocaleString('id-ID');
  return formatDateId(c.date);
}
