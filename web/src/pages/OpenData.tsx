import { Anchor, Card, Container, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError, client, unwrapJson, type Answer } from '../api';
import { ScrollableTable } from '../components/charts/ChartCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime, rupiah } from '../format';
import { LanguageToggle } from '../LanguageToggle';
import { Logo } from '../Logo';

/**
 * Open data of a region, for anyone (no sign-in): aggregates only, small groups withheld by the
 * server (docs/domain/supervision-dashboard.md). /data/:regionCode.
 */

type OpenData = Exclude<Answer<'/api/v1/open-data/regions/{regionCode}'>, string | Blob>;
type OpenTable = OpenData['health'];

export function OpenDataPage() {
  const { t } = useTranslation();
  const { regionCode = '' } = useParams();
  const q = useQuery({
    queryKey: ['open-data', regionCode],
    queryFn: () =>
      unwrapJson(
        client.GET('/api/v1/open-data/regions/{regionCode}', {
          params: { path: { regionCode } },
        }),
      ),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  const d = q.data;
  return (
    <Container size="lg" py="md" data-testid="open-data">
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Logo />
          <Text fw={700}>Sokoguru</Text>
        </Group>
        <LanguageToggle />
      </Group>
      <main>
        <Title order={1} size="h2" mb="xs" data-testid="page-title">
          {t('openData.title')}
        </Title>
        {q.error instanceof ApiError && q.error.status === 404 ? (
          <Text>{t('openData.notFound')}</Text>
        ) : (
          q.error && <ErrorAlert error={q.error} />
        )}
        {d && <OpenDataBody d={d} regionCode={regionCode} />}
      </main>
    </Container>
  );
}

function OpenDataBody({ d, regionCode }: { d: OpenData; regionCode: string }) {
  const { t } = useTranslation();
  const areaName = (c: { name: string | null }) => c.name ?? t('dinasDashboard.areas.unknown');
  const csvHref = `/api/v1/open-data/regions/${regionCode}.csv`;
  return (
    <Stack>
      <Text fw={600}>{t('openData.region', { name: d.regionName ?? '', code: d.regionCode })}</Text>
      <Text size="sm">{t('openData.intro')}</Text>
      <Text size="sm" c="gray.7" data-testid="open-data-frequency">
        {t('openData.frequency', { at: dateTime(d.generatedAt) })}
      </Text>
      <Text size="sm" c="gray.7">
        {t('openData.suppression', { min: d.minCooperatives })}
      </Text>
      <Group gap="md">
        <Anchor href={csvHref} download c="blue.9" data-testid="open-data-csv">
          {t('openData.csv')}
        </Anchor>
        <Anchor href={`/api/v1/open-data/regions/${regionCode}`} c="blue.9">
          {t('openData.json')}
        </Anchor>
      </Group>
      <OpenTableCard
        testId="open-counts-type"
        title={t('openData.countsByType')}
        keyLabel={t('openData.col.type')}
        table={d.counts.byType}
        measures={['cooperatives', 'members']}
        name={(c) => t(`dinasDashboard.types.${c.key}`)}
      />
      <OpenTableCard
        testId="open-counts-area"
        title={t('openData.countsByArea')}
        keyLabel={t('openData.col.area')}
        table={d.counts.byArea}
        measures={['cooperatives', 'members']}
        name={areaName}
      />
      {d.figuresPeriod ? (
        <>
          <OpenTableCard
            testId="open-figures-type"
            title={t('openData.figuresByType', { period: d.figuresPeriod })}
            keyLabel={t('openData.col.type')}
            table={d.figures.byType}
            measures={['assetsRupiah', 'savingsRupiah', 'loansRupiah']}
            name={(c) => t(`dinasDashboard.types.${c.key}`)}
          />
          <OpenTableCard
            testId="open-figures-area"
            title={t('openData.figuresByArea', { period: d.figuresPeriod })}
            keyLabel={t('openData.col.area')}
            table={d.figures.byArea}
            measures={['assetsRupiah', 'savingsRupiah', 'loansRupiah']}
            name={areaName}
          />
        </>
      ) : (
        <Text size="sm">{t('openData.noFigures')}</Text>
      )}
      <OpenTableCard
        testId="open-health"
        title={t('openData.health')}
        keyLabel={t('openData.col.predikat')}
        table={d.health}
        measures={['cooperatives']}
        name={(c) => t(`dinasDashboard.predikat.${c.key === '' ? 'none' : c.key}`)}
      />
    </Stack>
  );
}

function OpenTableCard({
  title,
  keyLabel,
  table,
  measures,
  name,
  testId,
}: {
  title: string;
  keyLabel: string;
  table: OpenTable;
  measures: string[];
  name: (c: { key: string; name: string | null }) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const cell = (values: Record<string, string> | null, m: string) => {
    const v = values?.[m];
    if (v === undefined)
      return (
        <Text span size="sm" fs="italic" c="gray.7">
          {t('openData.withheld')}
        </Text>
      );
    return m.endsWith('Rupiah') ? rupiah(v) : BigInt(v).toLocaleString('id-ID');
  };
  return (
    <Card withBorder component="section" data-testid={testId}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      <ScrollableTable label={title}>
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{keyLabel}</Table.Th>
              {measures.map((m) => (
                <Table.Th key={m} ta="right">
                  {t(`openData.col.${m}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.cells.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>{name(c)}</Table.Td>
                {measures.map((m) => (
                  <Table.Td key={m} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {cell(c.values, m)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('openData.total')}</Table.Td>
              {measures.map((m) => (
                <Table.Td key={m} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {cell(table.total.values, m)}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </ScrollableTable>
    </Card>
  );
}
