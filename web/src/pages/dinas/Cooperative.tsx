import { LineChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, unwrap } from '../../api';
import { PageTitle, useOrgId } from '../../App';
import {
  ChartCard,
  compactRupiah,
  ScrollableTable,
  SERIES_COLORS,
} from '../../components/charts/ChartCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, percent, rupiah } from '../../format';
import { CaseFileSection } from './CaseFile';

/** One cooperative of the office's region, opened from the dashboard's map or table. */
export function DinasCooperativePage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const { registryId = '' } = useParams();
  const q = useQuery({
    queryKey: ['supervision-cooperative', orgId, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/supervision/cooperatives/{registryId}', {
          params: { path: { orgId, registryId } },
        }),
      ),
  });
  const c = q.data;
  const row = (label: string, value: string | number, testId?: string) => (
    <Group wrap="nowrap" align="flex-start">
      <Text c="gray.7" w={150}>
        {label}
      </Text>
      <Text style={{ flex: 1 }} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack data-testid="dinas-cooperative">
      <Anchor component={Link} to={`/o/${orgId}/supervision`} size="sm" c="blue.9">
        {t('dinasDashboard.cooperative.back')}
      </Anchor>
      <PageTitle>{c?.name ?? t('common.loading')}</PageTitle>
      {q.error && <ErrorAlert error={q.error} />}
      {c && (
        <Card withBorder>
          <Stack gap={6}>
            <Group>
              <Text c="gray.7" w={150}>
                {t('dinasDashboard.cooperative.type')}
              </Text>
              <Badge color="blue.8">{t(`dinasDashboard.types.${c.cooperativeType}`)}</Badge>
            </Group>
            {row(
              t('dinasDashboard.cooperative.status'),
              t(`dinasDashboard.status.${c.status}`),
              'cooperative-status',
            )}
            {row(t('dinasDashboard.cooperative.district'), c.districtName ?? '–')}
            {row(
              t('dinasDashboard.cooperative.members'),
              c.memberCount === null ? '–' : c.memberCount.toLocaleString('id-ID'),
            )}
            {row(
              t('dinasDashboard.cooperative.onSokoguru'),
              c.onSokoguru
                ? t('dinasDashboard.cooperative.yes')
                : t('dinasDashboard.cooperative.no'),
            )}
          </Stack>
        </Card>
      )}
      {c && (
        <ChartCard
          testId="cooperative-reports"
          title={t('dinasDashboard.cooperative.reports')}
          summary={
            c.reports.length === 0
              ? t('dinasDashboard.cooperative.noReports')
              : t('dinasDashboard.cooperative.reportsSummary')
          }
          table={{
            columns: [
              t('dinasDashboard.cooperative.period'),
              t('dinasDashboard.cooperative.submitted'),
              t('dinasDashboard.trend.assets'),
              t('dinasDashboard.trend.savings'),
              t('dinasDashboard.trend.loans'),
              t('dinasDashboard.trend.npl'),
            ],
            rows: c.reports.map((r) => [
              `${r.period} (v${r.version})`,
              date(r.submittedOn),
              rupiah(r.assetsRupiah),
              rupiah(r.savingsRupiah),
              rupiah(r.loansRupiah),
              percent(r.nplPercent),
            ]),
          }}
        >
          <LineChart
            h={200}
            data={c.reports.map((r) => ({
              period: r.period,
              [t('dinasDashboard.trend.assets')]: Number(r.assetsRupiah),
              [t('dinasDashboard.trend.savings')]: Number(r.savingsRupiah),
              [t('dinasDashboard.trend.loans')]: Number(r.loansRupiah),
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
          />
        </ChartCard>
      )}
      {c && (
        <Card withBorder component="section" data-testid="cooperative-assessments">
          <Title order={3} size="h5" mb="xs">
            {t('dinasDashboard.cooperative.assessments')}
          </Title>
          {c.assessments.length === 0 ? (
            <Text size="sm">{t('dinasDashboard.cooperative.noAssessments')}</Text>
          ) : (
            <ScrollableTable label={t('dinasDashboard.cooperative.assessments')}>
              <Table fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dinasDashboard.cooperative.period')}</Table.Th>
                    <Table.Th>{t('dinasDashboard.cooperative.rubric')}</Table.Th>
                    <Table.Th ta="right">{t('dinasDashboard.cooperative.score')}</Table.Th>
                    <Table.Th>{t('dinasDashboard.predikatChart.predikat')}</Table.Th>
                    <Table.Th>{t('dinasDashboard.cooperative.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.assessments.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{a.period}</Table.Td>
                      <Table.Td>{a.rubricId}</Table.Td>
                      <Table.Td ta="right">{a.totalScore.replace('.', ',')}</Table.Td>
                      <Table.Td>{a.predikat}</Table.Td>
                      <Table.Td>
                        {a.status === 'final'
                          ? t('dinasDashboard.cooperative.final')
                          : t('dinasDashboard.cooperative.draft')}
                        {a.superseded && ` (${t('dinasDashboard.cooperative.superseded')})`}
                        {a.provisional && ` (${t('dinasDashboard.cooperative.provisional')})`}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollableTable>
          )}
        </Card>
      )}
      {c && <CaseFileSection registryId={registryId} />}
    </Stack>
  );
}
