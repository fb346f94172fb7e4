import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Card,
  Group,
  SegmentedControl,
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
import { ChartCard, ScrollableTable, SERIES_COLORS } from '../../components/charts/ChartCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import { RegionMap } from './RegionMap';

export type DinasDashboard = Answer<'/api/v1/orgs/{orgId}/supervision/dashboard'>;
type Area = DinasDashboard['areas'][number];

const MEASURES = ['cooperatives', 'active', 'members'] as const;
type Measure = (typeof MEASURES)[number];
const measureOf = (a: Area, m: Measure): bigint =>
  m === 'members' ? BigInt(a.members) : BigInt(a[m]);
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
          testId="card-members"
          label={t('dinasDashboard.cards.members')}
          value={whole(d.cooperatives.members)}
        />
        <SummaryCard
          testId="card-on-map"
          label={t('dinasDashboard.cards.onMap')}
          value={whole(d.cooperatives.onMap)}
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
        <SegmentedControl
          size="xs"
          aria-label={t('dinasDashboard.areas.measure')}
          value={measure}
          onChange={(v) => setMeasure(v)}
          data={MEASURES.map((m) => ({ value: m, label: t(`dinasDashboard.areas.${m}`) }))}
        />
      </Group>
      <Text size="sm" c="gray.7" mb="xs">
        {t('dinasDashboard.areas.summary', {
          measure: t(`dinasDashboard.areas.${measure}`).toLowerCase(),
        })}
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
                  <Table.Td key={m} ta="right" fw={m === measure ? 700 : undefined}>
                    {whole(measureOf(a, m))}
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
