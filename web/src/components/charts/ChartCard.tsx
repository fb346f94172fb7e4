import '@mantine/charts/styles.css';
import { Card, Group, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A chart with what a screen reader (or anyone who wants the numbers) needs: a heading, a one-line
 * summary the chart is labelled by, and the same figures as a table behind "Lihat data". The chart
 * itself is hidden from assistive technology so nothing is read twice.
 */
export interface ChartCardProps {
  title: string;
  /** the headline figure, shown large */
  headline?: string;
  /** one sentence that says what the chart shows (the text alternative) */
  summary: string;
  /** the figures behind the chart: column headings and rows of formatted cells */
  table: { columns: string[]; rows: (string | number)[][] };
  testId: string;
  children: ReactNode;
}

export function ChartCard({ title, headline, summary, table, testId, children }: ChartCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const summaryId = useId();
  return (
    <Card withBorder data-testid={testId} component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="baseline" wrap="wrap" gap={4}>
        <Title order={3} size="h5" id={titleId}>
          {title}
        </Title>
        {headline && (
          <Text fw={700} size="lg" data-testid={`${testId}-headline`}>
            {headline}
          </Text>
        )}
      </Group>
      <Text size="sm" c="gray.7" id={summaryId} mb="xs">
        {summary}
      </Text>
      <div role="img" aria-labelledby={summaryId} data-testid={`${testId}-chart`}>
        {/* inert: hidden from assistive technology and out of the tab order (the table has it all) */}
        <div inert>{children}</div>
      </div>
      <details>
        <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>
          {t('dashboard.showData')}
        </summary>
        <ScrollableTable label={title}>
          <Table striped fz="xs" data-testid={`${testId}-table`}>
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((r, i) => (
                <Table.Tr key={i}>
                  {r.map((cell, j) => (
                    <Table.Td key={j} style={{ whiteSpace: 'nowrap' }}>
                      {cell}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      </details>
    </Card>
  );
}

/** A table that may scroll sideways on a phone, reachable by keyboard (WCAG 2.1.1). */
export function ScrollableTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}

/**
 * Short money for axes and tooltips: "1,2 M", "350 jt" (display only; the summaries and tables
 * carry exact rupiah). No "Rp" so an axis label stays on one line on a phone.
 */
export function compactRupiah(value: number): string {
  return new Intl.NumberFormat('id-ID', { notation: 'compact', maximumFractionDigits: 1 }).format(
    value,
  );
}

/** A percentage on an axis, kept on one line. */
export const axisPercent = (value: number): string => `${value.toLocaleString('id-ID')}\u00a0%`;

/** A month 'YYYY-MM' as a short label ("Nov 26"). */
export function monthLabel(month: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * Series colours with at least 3:1 contrast against the white card (WCAG 2.1 1.4.11, graphical
 * objects): Mantine's shades 7–9.
 */
export const SERIES_COLORS = {
  blue: 'blue.8',
  teal: 'teal.9',
  grape: 'grape.8',
  orange: 'orange.9',
  red: 'red.9',
  yellow: 'yellow.9',
  gray: 'gray.7',
} as const;
