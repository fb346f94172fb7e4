import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import {
  Anchor,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap, type Answer } from '../../api';
import { PageTitle, useOrgId } from '../../App';
import {
  ChartCard,
  compactRupiah,
  ScrollableTable,
  SERIES_COLORS,
} from '../../components/charts/ChartCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, percent, rupiah } from '../../format';
import { PREDIKAT_COLORS, predikatKey, predikatSlug, RegionMap } from './RegionMap';

export type DinasDashboard = Answer<'/api/v1/orgs/{orgId}/supervision/dashboard'>;
type Area = DinasDashboard['areas'][number];

const MEASURES = ['cooperatives', 'active', 'members', 'assets', 'savings', 'loans'] as const;
type Measure = (typeof MEASURES)[number];
const MONEY: readonly Measure[] = ['assets', 'savings', 'loans'];
function measureOf(a: Area, m: Measure): bigint {
  switch (m) {
    case 'cooperatives':
    case 'active':
      return BigInt(a[m]);
    case 'members':
      return BigInt(a.members);
    case 'assets':
      return BigInt(a.figures.assetsRupiah);
    case 'savings':
      return BigInt(a.figures.savingsRupiah);
    case 'loans':
      return BigInt(a.figures.loansRupiah);
  }
}
const shown = (a: Area, m: Measure) =>
  MONEY.includes(m) ? rupiah(measureOf(a, m)) : whole(measureOf(a, m));
/** A quarter 'YYYY-Qn' as 'Qn YYYY'. */
const quarter = (p: string) => `${p.slice(5)} ${p.slice(0, 4)}`;
const whole = (v: number | bigint | string) => BigInt(v).toLocaleString('id-ID');

/** The office's region at a glance: the Dinas head's landing page (docs/domain/supervision-dashboard.md). */
export function DinasDashboardPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const q = useQuery({
    queryKey: ['supervision-dashboard', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/supervision/dashboard', {
          params: { path: { orgId } },
        }),
      ),
  });
  const d = q.data;
  return (
    <Stack data-testid="dinas-dashboard">
      <PageTitle>{t('dinasDashboard.title')}</PageTitle>
      {q.error && <ErrorAlert error={q.error} />}
      {d && <DashboardBody d={d} orgId={orgId} />}
    </Stack>
  );
}

function SummaryCard({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={`${testId}-value`}>
        {value}
      </Text>
    </Card>
  );
}

function DashboardBody({ d, orgId }: { d: DinasDashboard; orgId: string }) {
  const { t } = useTranslation();
  const mapSummaryId = useId();
  const cooperativeHref = useCallback((id: string) => `/o/${orgId}/supervision/${id}`, [orgId]);
  const points = useMemo(() => d.points, [d.points]);
  const typeName = (k: string) => t(`dinasDashboard.types.${k}`);
  const statusName = (k: string) => t(`dinasDashboard.status.${k}`);
  const predikatName = (p: string | null) => t(`dinasDashboard.predikat.${predikatKey(p)}`);
  const latest = d.reporting.at(-1);
  const latestFigures = d.trend.find((x) => x.period === d.figuresPeriod);
  const REPORTING = [
    ['onTime', SERIES_COLORS.teal],
    ['late', SERIES_COLORS.orange],
    ['missing', SERIES_COLORS.red],
    ['notYetDue', SERIES_COLORS.gray],
  ] as const;
  return (
    <>
      <Text c="gray.7" mt={-8}>
        {d.regionName
          ? t('dinasDashboard.region', { name: d.regionName })
          : t('dinasDashboard.allRegions')}{' '}
        · {t('dinasDashboard.asOf', { date: date(d.asOf) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <SummaryCard
          testId="card-total"
          label={t('dinasDashboard.cards.total')}
          value={whole(d.cooperatives.total)}
        />
        <SummaryCard
          testId="card-active"
          label={t('dinasDashboard.cards.active')}
          value={whole(d.cooperatives.active)}
        />
        <SummaryCard
          testId="card-assets"
          label={t('dinasDashboard.cards.assets', {
            period: d.figuresPeriod ? quarter(d.figuresPeriod) : '–',
          })}
          value={
            d.figuresPeriod ? rupiah(d.figures.assetsRupiah) : t('dinasDashboard.cards.noReports')
          }
        />
        <SummaryCard
          testId="card-reported"
          label={t('dinasDashboard.cards.reported', {
            period: latest ? quarter(latest.period) : '–',
          })}
          value={
            latest
              ? t('dinasDashboard.cards.reportedValue', {
                  reported: latest.onTime + latest.late,
                  due: latest.onTime + latest.late + latest.missing + latest.notYetDue,
                })
              : '–'
          }
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard
          testId="chart-by-type"
          title={t('dinasDashboard.byType.title')}
          summary={t('dinasDashboard.byType.summary', {
            total: whole(d.cooperatives.total),
            list: d.byType
              .filter((x) => x.cooperatives > 0)
              .map((x) => `${typeName(x.cooperativeType)} ${x.cooperatives}`)
              .join(', '),
          })}
          table={{
            columns: [
              t('dinasDashboard.byType.type'),
              t('dinasDashboard.byType.count'),
              t('dinasDashboard.byType.active'),
            ],
            rows: d.byType.map((x) => [typeName(x.cooperativeType), x.cooperatives, x.active]),
          }}
        >
          <BarChart
            h={220}
            data={d.byType.map((x) => ({
              type: x.cooperativeType,
              [t('dinasDashboard.byType.count')]: x.cooperatives,
              [t('dinasDashboard.byType.active')]: x.active,
            }))}
            dataKey="type"
            series={[
              { name: t('dinasDashboard.byType.count'), color: SERIES_COLORS.blue },
              { name: t('dinasDashboard.byType.active'), color: SERIES_COLORS.teal },
            ]}
            yAxisProps={{ width: 40, allowDecimals: false }}
            withLegend
          />
        </ChartCard>
        <ChartCard
          testId="chart-by-status"
          title={t('dinasDashboard.byStatus.title')}
          summary={t('dinasDashboard.byStatus.summary', {
            list: d.byStatus.map((x) => `${statusName(x.status)} ${x.cooperatives}`).join(', '),
          })}
          table={{
            columns: [t('dinasDashboard.byStatus.status'), t('dinasDashboard.byType.count')],
            rows: d.byStatus.map((x) => [statusName(x.status), x.cooperatives]),
          }}
        >
          <BarChart
            h={220}
            data={d.byStatus.map((x) => ({
              status: statusName(x.status),
              [t('dinasDashboard.byType.count')]: x.cooperatives,
            }))}
            dataKey="status"
            series={[{ name: t('dinasDashboard.byType.count'), color: SERIES_COLORS.grape }]}
            yAxisProps={{ width: 40, allowDecimals: false }}
          />
        </ChartCard>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard
          testId="chart-predikat"
          title={t('dinasDashboard.predikatChart.title')}
          summary={t('dinasDashboard.predikatChart.summary', {
            list: d.byPredikat
              .map((x) => `${predikatName(x.predikat)} ${x.cooperatives}`)
              .join(', '),
          })}
          table={{
            columns: [t('dinasDashboard.predikatChart.predikat'), t('dinasDashboard.byType.count')],
            rows: d.byPredikat.map((x) => [predikatName(x.predikat), x.cooperatives]),
          }}
        >
          <Group justify="center" wrap="nowrap" gap="md">
            <DonutChart
              data={d.byPredikat
                .filter((x) => x.cooperatives > 0)
                .map((x) => ({
                  name: predikatName(x.predikat),
                  value: x.cooperatives,
                  color: PREDIKAT_COLORS[predikatKey(x.predikat)],
                }))}
              size={150}
              thickness={26}
              withTooltip={false}
            />
            <Stack gap={2}>
              {d.byPredikat.map((x) => (
                <Group key={x.predikat ?? 'none'} gap={6} wrap="nowrap">
                  <span
                    style={{
                      width: 10,
                      height: 10,
                      borderRadius: 2,
                      background: PREDIKAT_COLORS[predikatKey(x.predikat)],
                    }}
                  />
                  <Text size="xs" data-testid={`predikat-count-${predikatSlug(x.predikat)}`}>
                    {predikatName(x.predikat)}: {x.cooperatives}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        </ChartCard>
        <ChartCard
          testId="chart-reporting"
          title={t('dinasDashboard.reporting.title')}
          summary={t('dinasDashboard.reporting.summary', {
            period: latest ? quarter(latest.period) : '–',
            onTime: latest?.onTime ?? 0,
            late: latest?.late ?? 0,
            missing: latest?.missing ?? 0,
          })}
          table={{
            columns: [
              t('dinasDashboard.reporting.period'),
              ...REPORTING.map(([k]) => t(`dinasDashboard.reporting.${k}`)),
            ],
            rows: d.reporting.map((r) => [quarter(r.period), ...REPORTING.map(([k]) => r[k])]),
          }}
        >
          <BarChart
            h={220}
            type="stacked"
            data={d.reporting.map((r) => ({
              period: quarter(r.period),
              ...Object.fromEntries(
                REPORTING.map(([k]) => [t(`dinasDashboard.reporting.${k}`), r[k]]),
              ),
            }))}
            dataKey="period"
            series={REPORTING.map(([k, color]) => ({
              name: t(`dinasDashboard.reporting.${k}`),
              color,
            }))}
            yAxisProps={{ width: 40, allowDecimals: false }}
            withLegend
          />
        </ChartCard>
      </SimpleGrid>

      <ChartCard
        testId="chart-trend"
        title={t('dinasDashboard.trend.title')}
        summary={
          latestFigures && d.figuresPeriod
            ? t('dinasDashboard.trend.summary', {
                period: quarter(d.figuresPeriod),
                assets: rupiah(latestFigures.assetsRupiah),
                savings: rupiah(latestFigures.savingsRupiah),
                loans: rupiah(latestFigures.loansRupiah),
                reports: latestFigures.reports,
              })
            : t('dinasDashboard.trend.none')
        }
        table={{
          columns: [
            t('dinasDashboard.reporting.period'),
            t('dinasDashboard.trend.reports'),
            t('dinasDashboard.trend.assets'),
            t('dinasDashboard.trend.savings'),
            t('dinasDashboard.trend.loans'),
            t('dinasDashboard.trend.npl'),
          ],
          rows: d.trend.map((x) => [
            quarter(x.period),
            x.reports,
            rupiah(x.assetsRupiah),
            rupiah(x.savingsRupiah),
            rupiah(x.loansRupiah),
            percent(x.nplPercent),
          ]),
        }}
      >
        <LineChart
          h={220}
          data={d.trend.map((x) => ({
            period: quarter(x.period),
            [t('dinasDashboard.trend.assets')]: Number(x.assetsRupiah),
            [t('dinasDashboard.trend.savings')]: Number(x.savingsRupiah),
            [t('dinasDashboard.trend.loans')]: Number(x.loansRupiah),
          }))}
          dataKey="period"
          series={[
            { name: t('dinasDashboard.trend.assets'), color: SERIES_COLORS.blue },
            { name: t('dinasDashboard.trend.savings'), color: SERIES_COLORS.teal },
            { name: t('dinasDashboard.trend.loans'), color: SERIES_COLORS.orange },
          ]}
          valueFormatter={compactRupiah}
          yAxisProps={{ width: 56 }}
          withLegend
          withDots={false}
        />
      </ChartCard>

      <Card withBorder component="section" data-testid="map-card">
        <Title order={3} size="h5">
          {t('dinasDashboard.map.title')}
        </Title>
        <Text size="sm" c="gray.7" id={mapSummaryId} mb="xs">
          {t('dinasDashboard.map.summary', { count: d.cooperatives.onMap })}
          {d.pointsTruncated && ` ${t('dinasDashboard.map.truncated', { count: d.points.length })}`}
        </Text>
        <RegionMap points={points} cooperativeHref={cooperativeHref} labelledBy={mapSummaryId} />
      </Card>

      <AreasTable d={d} cooperativeHref={cooperativeHref} />
    </>
  );
}

/**
 * The areas (a city's districts, a province's regencies) with their figures, the chosen measure
 * shaded like a choropleth; choosing an area lists its cooperatives, each a link to its page.
 */
function AreasTable({
  d,
  cooperativeHref,
}: {
  d: DinasDashboard;
  cooperativeHref: (id: string) => string;
}) {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState<Measure>('cooperatives');
  const [selected, setSelected] = useState<string | null | undefined>(undefined);
  const max = d.areas.reduce((m, a) => (measureOf(a, measure) > m ? measureOf(a, measure) : m), 0n);
  const share = (a: Area) =>
    max === 0n ? 0 : Number((measureOf(a, measure) * 1000n) / max) / 1000;
  const title =
    d.areaLevel === 'district'
      ? t('dinasDashboard.areas.title')
      : d.areaLevel === 'regency'
        ? t('dinasDashboard.areas.titleRegency')
        : t('dinasDashboard.areas.titleProvince');
  const areaName = (a: Area) => a.name ?? t('dinasDashboard.areas.unknown');
  const chosen = selected === undefined ? undefined : d.areas.find((a) => a.code === selected);
  const inArea =
    chosen === undefined
      ? []
      : d.points
          .filter((p) => p.areaCode === chosen.code)
          .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Card withBorder component="section" data-testid="areas">
      <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <NativeSelect
          size="xs"
          label={t('dinasDashboard.areas.measure')}
          value={measure}
          onChange={(e) => setMeasure(e.currentTarget.value as Measure)}
          data={MEASURES.map((m) => ({ value: m, label: t(`dinasDashboard.areas.${m}`) }))}
          data-testid="area-measure"
        />
      </Group>
      <Text size="sm" c="gray.7" mb="xs">
        {t('dinasDashboard.areas.summary', {
          measure: t(`dinasDashboard.areas.${measure}`).toLowerCase(),
        })}{' '}
        {d.figuresPeriod &&
          t('dinasDashboard.areas.figuresOf', { period: quarter(d.figuresPeriod) })}
      </Text>
      <ScrollableTable label={title}>
        <Table fz="sm" data-testid="areas-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dinasDashboard.areas.area')}</Table.Th>
              {MEASURES.map((m) => (
                <Table.Th key={m} ta="right">
                  {t(`dinasDashboard.areas.${m}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.areas.map((a) => (
              <Table.Tr key={a.code ?? 'unknown'}>
                <Table.Td
                  style={{
                    // the choropleth: the area's share of the largest, as a bar behind its name
                    background: `linear-gradient(to right, rgba(25, 113, 194, 0.28) ${share(a) * 100}%, transparent ${share(a) * 100}%)`,
                  }}
                >
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    c="blue.9"
                    onClick={() => setSelected(a.code)}
                    data-testid={`area-${a.code ?? 'unknown'}`}
                  >
                    {areaName(a)}
                  </Anchor>
                </Table.Td>
                {MEASURES.map((m) => (
                  <Table.Td
                    key={m}
                    ta="right"
                    fw={m === measure ? 700 : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {shown(a, m)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
      {chosen && (
        <Stack gap={4} mt="sm" data-testid="area-cooperatives">
          <Text fw={600} size="sm">
            {t('dinasDashboard.areas.cooperativesIn', { area: areaName(chosen) })}
          </Text>
          {inArea.map((p) => (
            <Anchor key={p.id} component={Link} to={cooperativeHref(p.id)} size="sm" c="blue.9">
              {p.name}
            </Anchor>
          ))}
        </Stack>
      )}
    </Card>
  );
}
