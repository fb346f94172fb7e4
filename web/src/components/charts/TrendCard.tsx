import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { ChartCard, monthLabel, type ChartCardProps } from './ChartCard';

const CHART_H = 200;

/**
 * One column of a monthly trend: its cell in the data table and, for a plotted series, its value
 * and colour. Charts take numbers, so money is converted for plotting only; the cells are formatted
 * from the exact decimal string.
 */
export interface TrendColumn<Row> {
  label: string;
  cell: (row: Row) => string | number;
  plot?: { color: string; value: (row: Row) => number | null };
}

/** What every trend chart is drawn from: its height, a point a month, the plotted series. */
export interface TrendPlot {
  h: number;
  data: Record<string, string | number | null>[];
  dataKey: 'month';
  series: { name: string; color: string }[];
}

export interface TrendCardProps<Row extends { month: string }> extends Omit<
  ChartCardProps,
  'table' | 'children'
> {
  trend: Row[];
  columns: TrendColumn<Row>[];
  /** the chart itself (line, area, bar), given the props every trend chart shares */
  chart: (plot: TrendPlot) => ReactNode;
}

/** A ChartCard for a figure by month: the chart and its table come from the same columns. */
export function TrendCard<Row extends { month: string }>({
  trend,
  columns,
  chart,
  ...card
}: TrendCardProps<Row>) {
  const { t, i18n } = useTranslation();
  const m = (month: string) => monthLabel(month, i18n.language);
  const plotted = columns.flatMap((c) => (c.plot ? [{ label: c.label, ...c.plot }] : []));
  return (
    <ChartCard
      {...card}
      table={{
        columns: [t('dashboard.month'), ...columns.map((c) => c.label)],
        rows: trend.map((x) => [m(x.month), ...columns.map((c) => c.cell(x))]),
      }}
    >
      {chart({
        h: CHART_H,
        data: trend.map((x) => ({
          month: m(x.month),
          ...Object.fromEntries(plotted.map((p) => [p.label, p.value(x)])),
        })),
        dataKey: 'month',
        series: plotted.map((p) => ({ name: p.label, color: p.color })),
      })}
    </ChartCard>
  );
}
