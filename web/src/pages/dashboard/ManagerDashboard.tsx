import { AreaChart, BarChart, DonutChart, LineChart } from '@mantine/charts';
import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../api';
import {
  ChartCard,
  axisPercent,
  compactRupiah,
  monthLabel,
  ScrollableTable,
  SERIES_COLORS,
} from '../../components/charts/ChartCard';
import { date, rupiah } from '../../format';

export type Dashboard = Answer<'/api/v1/orgs/{orgId}/dashboard'>;

// Charts take numbers: money is converted for plotting only; every figure shown as text (headlines,
// summaries, data tables) is formatted from the exact decimal string.
const n = (v: string | null) => (v === null ? null : Number(v));
const CHART_H = 200;

export function ManagerDashboard({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  const m = (month: string) => monthLabel(month, i18n.language);
  const pct = (v: string | null) => (v === null ? '–' : `${v.replace('.', ',')} %`);
  const first = d.months[0] ?? '';

  const members = d.members.trend.map((x) => ({
    month: m(x.month),
    [t('dashboard.members.count')]: x.members,
  }));
  const savingsKeys = ['pokok', 'wajib', 'sukarela', 'berjangka'] as const;
  const savingsNames: Record<string, string> = Object.fromEntries(
    savingsKeys.map((k): [string, string] => [k, t(`dashboard.savings.${k}`)]),
  );
  const savings = d.savings.trend.map((x) => ({
    month: m(x.month),
    ...Object.fromEntries(
      savingsKeys.map((k): [string, number] => [savingsNames[k] ?? k, Number(x[k])]),
    ),
  }));
  const savingsFirst = d.savings.trend[0];
  const loans = d.loans.trend.map((x) => ({
    month: m(x.month),
    [t('dashboard.loans.outstanding')]: n(x.outstandingRupiah),
  }));
  const npl = d.loans.trend.map((x) => ({
    month: m(x.month),
    [t('dashboard.npl.percent')]: n(x.nplPercent),
  }));
  const classColor = {
    L: SERIES_COLORS.teal,
    KL: SERIES_COLORS.yellow,
    D: SERIES_COLORS.orange,
    M: SERIES_COLORS.red,
  };
  const mix = d.loans.byClass
    .filter((c) => c.outstandingRupiah !== '0')
    .map((c) => ({
      name: t(`dashboard.collectibility.${c.collectibility}`),
      value: Number(c.outstandingRupiah),
      color: classColor[c.collectibility],
    }));
  const cash = d.cash.trend.map((x) => ({
    month: m(x.month),
    [t('dashboard.cash.cash')]: Number(x.cashRupiah),
    [t('dashboard.cash.bank')]: Number(x.bankRupiah),
  }));
  const ratio = d.liquidity.trend.map((x) => ({
    month: m(x.month),
    [t('dashboard.liquidity.ratio')]: n(x.cashRatioPercent),
  }));
  const shu = d.shu.trend.map((x) => ({
    month: m(x.month),
    [t('dashboard.shu.income')]: Number(x.incomeRupiah),
    [t('dashboard.shu.expense')]: Number(x.expenseRupiah),
    [t('dashboard.shu.ytd')]: Number(x.shuYearToDateRupiah),
  }));
  const firstCash = d.cash.trend[0];
  const firstLoans = d.loans.trend[0]?.outstandingRupiah ?? null;

  return (
    <Stack data-testid="manager-dashboard">
      <div>
        <Title order={2} size="h4">
          {t('dashboard.heading')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('dashboard.asOf', { date: date(d.asOf) })}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <ChartCard
          testId="chart-members"
          title={t('dashboard.members.title')}
          headline={d.members.members.toLocaleString('id-ID')}
          summary={t('dashboard.members.summary', {
            members: d.members.members.toLocaleString('id-ID'),
            joined: d.members.joinedThisMonth,
            left: d.members.leftThisMonth,
            first: d.members.trend[0]?.members ?? 0,
          })}
          table={{
            columns: [
              t('dashboard.month'),
              t('dashboard.members.count'),
              t('dashboard.members.joined'),
              t('dashboard.members.left'),
            ],
            rows: d.members.trend.map((x) => [m(x.month), x.members, x.joined, x.left]),
          }}
        >
          <LineChart
            h={CHART_H}
            data={members}
            dataKey="month"
            series={[{ name: t('dashboard.members.count'), color: SERIES_COLORS.blue }]}
            yAxisProps={{ domain: [0, 'auto'], width: 56 }}
            valueFormatter={(v) => v.toLocaleString('id-ID')}
            withDots={false}
          />
        </ChartCard>

        <ChartCard
          testId="chart-savings"
          title={t('dashboard.savings.title')}
          headline={rupiah(d.savings.totalRupiah)}
          summary={t('dashboard.savings.summary', {
            total: rupiah(d.savings.totalRupiah),
            ...Object.fromEntries(d.savings.byKind.map((k) => [k.kind, rupiah(k.balanceRupiah)])),
            first: savingsFirst
              ? rupiah(savingsKeys.reduce((s, k) => s + BigInt(savingsFirst[k]), 0n))
              : '–',
          })}
          table={{
            columns: [t('dashboard.month'), ...savingsKeys.map((k) => savingsNames[k] ?? k)],
            rows: d.savings.trend.map((x) => [m(x.month), ...savingsKeys.map((k) => rupiah(x[k]))]),
          }}
        >
          <AreaChart
            h={CHART_H}
            data={savings}
            dataKey="month"
            type="stacked"
            series={[
              { name: savingsNames.pokok ?? 'pokok', color: SERIES_COLORS.gray },
              { name: savingsNames.wajib ?? 'wajib', color: SERIES_COLORS.blue },
              { name: savingsNames.sukarela ?? 'sukarela', color: SERIES_COLORS.teal },
              { name: savingsNames.berjangka ?? 'berjangka', color: SERIES_COLORS.grape },
            ]}
            valueFormatter={compactRupiah}
            yAxisProps={{ width: 56 }}
            withLegend
            withDots={false}
          />
        </ChartCard>

        <ChartCard
          testId="chart-loans"
          title={t('dashboard.loans.title')}
          headline={rupiah(d.loans.outstandingRupiah)}
          summary={t('dashboard.loans.summary', {
            loans: d.loans.activeLoans.toLocaleString('id-ID'),
            outstanding: rupiah(d.loans.outstandingRupiah),
            first: firstLoans === null ? t('dashboard.loans.none') : rupiah(firstLoans),
          })}
          table={{
            columns: [
              t('dashboard.month'),
              t('dashboard.loans.outstanding'),
              t('dashboard.npl.percent'),
            ],
            rows: d.loans.trend.map((x) => [
              m(x.month),
              x.outstandingRupiah === null ? '–' : rupiah(x.outstandingRupiah),
              pct(x.nplPercent),
            ]),
          }}
        >
          <BarChart
            h={CHART_H}
            data={loans}
            dataKey="month"
            series={[{ name: t('dashboard.loans.outstanding'), color: SERIES_COLORS.blue }]}
            valueFormatter={compactRupiah}
            yAxisProps={{ width: 56 }}
          />
        </ChartCard>

        <ChartCard
          testId="chart-npl"
          title={t('dashboard.npl.title')}
          headline={pct(d.loans.nplPercent)}
          summary={t('dashboard.npl.summary', {
            npl: d.loans.nplPercent.replace('.', ','),
            bad: rupiah(d.loans.nonPerformingRupiah),
          })}
          table={{
            columns: [t('dashboard.month'), t('dashboard.npl.percent')],
            rows: d.loans.trend.map((x) => [m(x.month), pct(x.nplPercent)]),
          }}
        >
          <LineChart
            h={CHART_H}
            data={npl}
            dataKey="month"
            series={[{ name: t('dashboard.npl.percent'), color: SERIES_COLORS.red }]}
            referenceLines={[{ y: 5, label: t('dashboard.npl.limit'), color: SERIES_COLORS.gray }]}
            yAxisProps={{ domain: [0, (max: number) => Math.max(6, Math.ceil(max))], width: 48 }}
            valueFormatter={axisPercent}
            connectNulls
          />
        </ChartCard>

        <ChartCard
          testId="chart-collectibility"
          title={t('dashboard.collectibility.title')}
          summary={t(
            'dashboard.collectibility.summary',
            Object.fromEntries(
              d.loans.byClass.map((c) => [c.collectibility, rupiah(c.outstandingRupiah)]),
            ),
          )}
          table={{
            columns: [
              t('dashboard.collectibility.class'),
              t('dashboard.collectibility.loans'),
              t('dashboard.loans.outstanding'),
            ],
            rows: d.loans.byClass.map((c) => [
              t(`dashboard.collectibility.${c.collectibility}`),
              c.loans,
              rupiah(c.outstandingRupiah),
            ]),
          }}
        >
          <Group justify="center" wrap="nowrap" gap="md">
            <DonutChart
              data={mix}
              size={150}
              thickness={26}
              valueFormatter={compactRupiah}
              withTooltip={false}
            />
            <Stack gap={2}>
              {d.loans.byClass.map((c) => (
                <Group key={c.collectibility} gap={6} wrap="nowrap">
                  <span
                    style={{
                      width: 10,
                      height: 10,
                      borderRadius: 2,
                      background: `var(--mantine-color-${classColor[c.collectibility].replace('.', '-')})`,
                    }}
                  />
                  <Text size="xs">
                    {t(`dashboard.collectibility.${c.collectibility}`)}: {c.loans}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        </ChartCard>

        <ChartCard
          testId="chart-cash"
          title={t('dashboard.cash.title')}
          headline={rupiah(BigInt(d.cash.cashRupiah) + BigInt(d.cash.bankRupiah))}
          summary={t('dashboard.cash.summary', {
            cash: rupiah(d.cash.cashRupiah),
            bank: rupiah(d.cash.bankRupiah),
            first: firstCash
              ? rupiah(BigInt(firstCash.cashRupiah) + BigInt(firstCash.bankRupiah))
              : '–',
          })}
          table={{
            columns: [t('dashboard.month'), t('dashboard.cash.cash'), t('dashboard.cash.bank')],
            rows: d.cash.trend.map((x) => [m(x.month), rupiah(x.cashRupiah), rupiah(x.bankRupiah)]),
          }}
        >
          <AreaChart
            h={CHART_H}
            data={cash}
            dataKey="month"
            type="stacked"
            series={[
              { name: t('dashboard.cash.cash'), color: SERIES_COLORS.orange },
              { name: t('dashboard.cash.bank'), color: SERIES_COLORS.blue },
            ]}
            valueFormatter={compactRupiah}
            yAxisProps={{ width: 56 }}
            withLegend
            withDots={false}
          />
        </ChartCard>

        <ChartCard
          testId="chart-liquidity"
          title={t('dashboard.liquidity.title')}
          headline={pct(d.liquidity.cashRatioPercent)}
          summary={t('dashboard.liquidity.summary', {
            cashBank: rupiah(d.liquidity.cashAndBankRupiah),
            liabilities: rupiah(d.liquidity.currentLiabilitiesRupiah),
            ratio:
              d.liquidity.cashRatioPercent === null
                ? t('dashboard.liquidity.none')
                : pct(d.liquidity.cashRatioPercent),
          })}
          table={{
            columns: [t('dashboard.month'), t('dashboard.liquidity.ratio')],
            rows: d.liquidity.trend.map((x) => [m(x.month), pct(x.cashRatioPercent)]),
          }}
        >
          <LineChart
            h={CHART_H}
            data={ratio}
            dataKey="month"
            series={[{ name: t('dashboard.liquidity.ratio'), color: SERIES_COLORS.teal }]}
            valueFormatter={axisPercent}
            yAxisProps={{ width: 64 }}
            connectNulls
          />
        </ChartCard>

        <ChartCard
          testId="chart-shu"
          title={t('dashboard.shu.title', { year: d.shu.year })}
          headline={rupiah(d.shu.shuRupiah)}
          summary={t('dashboard.shu.summary', {
            year: d.shu.year,
            income: rupiah(d.shu.incomeRupiah),
            expense: rupiah(d.shu.expenseRupiah),
            shu: rupiah(d.shu.shuRupiah),
          })}
          table={{
            columns: [
              t('dashboard.month'),
              t('dashboard.shu.income'),
              t('dashboard.shu.expense'),
              t('dashboard.shu.ytd'),
            ],
            rows: d.shu.trend.map((x) => [
              m(x.month),
              rupiah(x.incomeRupiah),
              rupiah(x.expenseRupiah),
              rupiah(x.shuYearToDateRupiah),
            ]),
          }}
        >
          <BarChart
            h={CHART_H}
            data={shu}
            dataKey="month"
            series={[
              { name: t('dashboard.shu.income'), color: SERIES_COLORS.teal },
              { name: t('dashboard.shu.expense'), color: SERIES_COLORS.orange },
            ]}
            valueFormatter={compactRupiah}
            yAxisProps={{ width: 56 }}
            withLegend
          />
        </ChartCard>

        <Card withBorder data-testid="dashboard-counter" component="section">
          <Title order={3} size="h5">
            {t('dashboard.counter.title')}
          </Title>
          <Text size="sm" c="gray.7" mb="xs">
            {date(d.counter.date)} ·{' '}
            {t('dashboard.counter.sessions', {
              open: d.counter.sessionsOpen,
              closed: d.counter.sessionsClosed,
              count: d.counter.transactions,
            })}
          </Text>
          {d.counter.byKind.length === 0 ? (
            <Text size="sm">{t('dashboard.counter.none')}</Text>
          ) : (
            <ScrollableTable label={t('dashboard.counter.title')}>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.counter.kind')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.counter.count')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.counter.cashIn')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.counter.cashOut')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.counter.byKind.map((k) => (
                    <Table.Tr key={k.kind}>
                      <Table.Td>
                        {t(`dashboard.counter.kinds.${k.kind.replace(/[.-]/g, '_')}`, {
                          defaultValue: k.kind,
                        })}
                      </Table.Td>
                      <Table.Td ta="right">{k.transactions}</Table.Td>
                      <Table.Td ta="right">{rupiah(k.cashInRupiah)}</Table.Td>
                      <Table.Td ta="right">{rupiah(k.cashOutRupiah)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr fw={700}>
                    <Table.Td>{t('dashboard.counter.total')}</Table.Td>
                    <Table.Td ta="right">{d.counter.transactions}</Table.Td>
                    <Table.Td ta="right">{rupiah(d.counter.cashInRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(d.counter.cashOutRupiah)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </ScrollableTable>
          )}
        </Card>
      </SimpleGrid>
      <Text size="xs" c="gray.7">
        {first && `${m(first)} – ${m(d.months.at(-1) ?? first)}`}
      </Text>
    </Stack>
  );
}
