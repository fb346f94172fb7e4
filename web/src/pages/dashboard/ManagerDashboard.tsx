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
import { TrendCard, type TrendColumn } from '../../components/charts/TrendCard';
import { date, percent, rupiah } from '../../format';

export type Dashboard = Answer<'/api/v1/orgs/{orgId}/dashboard'>;
type SavingsMonth = Dashboard['savings']['trend'][number];

// Charts take numbers: money is converted for plotting only; every figure shown as text (headlines,
// summaries, data tables) is formatted from the exact decimal string.
const n = (v: string | null) => (v === null ? null : Number(v));

/** Money on the y axis, short ("1,2 M") so it fits a phone. */
const MONEY_AXIS = { valueFormatter: compactRupiah, yAxisProps: { width: 56 } };
/** Parts of a whole month by month (the kinds of savings; cash and bank). */
const STACKED = { type: 'stacked', withLegend: true, withDots: false, ...MONEY_AXIS } as const;
/** A ratio month by month; a month without one leaves a gap the line bridges. */
const PERCENT_LINE = { valueFormatter: axisPercent, connectNulls: true };

export function ManagerDashboard({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  const m = (month: string) => monthLabel(month, i18n.language);
  const first = d.months[0] ?? '';

  const savingsKeys = ['pokok', 'wajib', 'sukarela', 'berjangka'] as const;
  const savingsColor = {
    pokok: SERIES_COLORS.gray,
    wajib: SERIES_COLORS.blue,
    sukarela: SERIES_COLORS.teal,
    berjangka: SERIES_COLORS.grape,
  };
  const savingsFirst = d.savings.trend[0];
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
  const firstCash = d.cash.trend[0];
  const firstLoans = d.loans.trend[0]?.outstandingRupiah ?? null;
  // the loans chart and the NPL chart read the same months; each table shows both figures
  const nplColumn = {
    label: t('dashboard.npl.percent'),
    cell: (x: { nplPercent: string | null }) => percent(x.nplPercent),
  };

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
        <TrendCard
          testId="chart-members"
          title={t('dashboard.members.title')}
          headline={d.members.members.toLocaleString('id-ID')}
          summary={t('dashboard.members.summary', {
            members: d.members.members.toLocaleString('id-ID'),
            joined: d.members.joinedThisMonth,
            left: d.members.leftThisMonth,
            first: d.members.trend[0]?.members ?? 0,
          })}
          trend={d.members.trend}
          columns={[
            {
              label: t('dashboard.members.count'),
              cell: (x) => x.members,
              plot: { color: SERIES_COLORS.blue, value: (x) => x.members },
            },
            { label: t('dashboard.members.joined'), cell: (x) => x.joined },
            { label: t('dashboard.members.left'), cell: (x) => x.left },
          ]}
          chart={(plot) => (
            <LineChart
              {...plot}
              yAxisProps={{ domain: [0, 'auto'], width: 56 }}
              valueFormatter={(v) => v.toLocaleString('id-ID')}
              withDots={false}
            />
          )}
        />

        <TrendCard
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
          trend={d.savings.trend}
          columns={savingsKeys.map((k): TrendColumn<SavingsMonth> => ({
            label: t(`dashboard.savings.${k}`),
            cell: (x) => rupiah(x[k]),
            plot: { color: savingsColor[k], value: (x) => Number(x[k]) },
          }))}
          chart={(plot) => <AreaChart {...plot} {...STACKED} />}
        />

        <TrendCard
          testId="chart-loans"
          title={t('dashboard.loans.title')}
          headline={rupiah(d.loans.outstandingRupiah)}
          summary={t('dashboard.loans.summary', {
            loans: d.loans.activeLoans.toLocaleString('id-ID'),
            outstanding: rupiah(d.loans.outstandingRupiah),
            first: firstLoans === null ? t('dashboard.loans.none') : rupiah(firstLoans),
          })}
          trend={d.loans.trend}
          columns={[
            {
              label: t('dashboard.loans.outstanding'),
              cell: (x) => (x.outstandingRupiah === null ? '–' : rupiah(x.outstandingRupiah)),
              plot: { color: SERIES_COLORS.blue, value: (x) => n(x.outstandingRupiah) },
            },
            nplColumn,
          ]}
          chart={(plot) => <BarChart {...plot} {...MONEY_AXIS} />}
        />

        <TrendCard
          testId="chart-npl"
          title={t('dashboard.npl.title')}
          headline={percent(d.loans.nplPercent)}
          summary={t('dashboard.npl.summary', {
            npl: d.loans.nplPercent.replace('.', ','),
            bad: rupiah(d.loans.nonPerformingRupiah),
          })}
          trend={d.loans.trend}
          columns={[
            { ...nplColumn, plot: { color: SERIES_COLORS.red, value: (x) => n(x.nplPercent) } },
          ]}
          chart={(plot) => (
            <LineChart
              {...plot}
              {...PERCENT_LINE}
              referenceLines={[
                { y: 5, label: t('dashboard.npl.limit'), color: SERIES_COLORS.gray },
              ]}
              yAxisProps={{ domain: [0, (max: number) => Math.max(6, Math.ceil(max))], width: 48 }}
            />
          )}
        />

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

        <TrendCard
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
          trend={d.cash.trend}
          columns={[
            {
              label: t('dashboard.cash.cash'),
              cell: (x) => rupiah(x.cashRupiah),
              plot: { color: SERIES_COLORS.orange, value: (x) => Number(x.cashRupiah) },
            },
            {
              label: t('dashboard.cash.bank'),
              cell: (x) => rupiah(x.bankRupiah),
              plot: { color: SERIES_COLORS.blue, value: (x) => Number(x.bankRupiah) },
            },
          ]}
          chart={(plot) => <AreaChart {...plot} {...STACKED} />}
        />

        <TrendCard
          testId="chart-liquidity"
          title={t('dashboard.liquidity.title')}
          headline={percent(d.liquidity.cashRatioPercent)}
          summary={t('dashboard.liquidity.summary', {
            cashBank: rupiah(d.liquidity.cashAndBankRupiah),
            liabilities: rupiah(d.liquidity.currentLiabilitiesRupiah),
            ratio:
              d.liquidity.cashRatioPercent === null
                ? t('dashboard.liquidity.none')
                : percent(d.liquidity.cashRatioPercent),
          })}
          trend={d.liquidity.trend}
          columns={[
            {
              label: t('dashboard.liquidity.ratio'),
              cell: (x) => percent(x.cashRatioPercent),
              plot: { color: SERIES_COLORS.teal, value: (x) => n(x.cashRatioPercent) },
            },
          ]}
          chart={(plot) => <LineChart {...plot} {...PERCENT_LINE} yAxisProps={{ width: 64 }} />}
        />

        <TrendCard
          testId="chart-shu"
          title={t('dashboard.shu.title', { year: d.shu.year })}
          headline={rupiah(d.shu.shuRupiah)}
          summary={t('dashboard.shu.summary', {
            year: d.shu.year,
            income: rupiah(d.shu.incomeRupiah),
            expense: rupiah(d.shu.expenseRupiah),
            shu: rupiah(d.shu.shuRupiah),
          })}
          trend={d.shu.trend}
          columns={[
            {
              label: t('dashboard.shu.income'),
              cell: (x) => rupiah(x.incomeRupiah),
              plot: { color: SERIES_COLORS.teal, value: (x) => Number(x.incomeRupiah) },
            },
            {
              label: t('dashboard.shu.expense'),
              cell: (x) => rupiah(x.expenseRupiah),
              plot: { color: SERIES_COLORS.orange, value: (x) => Number(x.expenseRupiah) },
            },
            { label: t('dashboard.shu.ytd'), cell: (x) => rupiah(x.shuYearToDateRupiah) },
          ]}
          chart={(plot) => <BarChart {...plot} {...MONEY_AXIS} withLegend />}
        />

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
