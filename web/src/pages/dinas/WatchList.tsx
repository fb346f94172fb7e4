import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../api';
import { PageTitle, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import { AlertsCard } from './early-warning/AlertsCard';
import { ThresholdsCard, type Thresholds } from './early-warning/ThresholdsCard';
import { percentOfBps, SEVERITY_COLOR, warningDetail } from './early-warning/warnings';

/**
 * Early warning (docs/domain/supervision-early-warning.md): the alerts raised to officers, the
 * office's thresholds, and the region's cooperatives that cross one of them, worst first, with each
 * ratio's percentile among the region's peers and the officer in charge.
 */
export function WatchListPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [trial, setTrial] = useState<Thresholds | null>(null);
  const q = useQuery({
    queryKey: ['watch-list', orgId, trial],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/watch-list', {
          params: { path: { orgId }, query: trial ?? {} },
        }),
      ),
  });
  return (
    <Stack data-testid="watch-list-page">
      <PageTitle>{t('watchList.title')}</PageTitle>
      <AlertsCard />
      <ThresholdsCard onTry={setTrial} />
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && (
        <Text size="sm" c="gray.7">
          {trial ? `${t('watchList.trying')} ` : ''}
          {t('watchList.summary', {
            count: q.data.listed,
            of: q.data.cooperatives,
            periods: q.data.duePeriods.join(', ') || '–',
          })}
          .{' '}
          {t('watchList.ratYear', {
            year: q.data.ratBookYear,
            deadline: date(q.data.ratDeadline),
          })}
          {q.data.listed > q.data.items.length
            ? ` ${t('watchList.showing', { count: q.data.items.length })}`
            : ''}
        </Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={900} tabIndex={0} aria-label={t('watchList.title')}>
          <Table data-testid="watch-list-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('watchList.cooperative')}</Table.Th>
                <Table.Th ta="right">{t('watchList.score')}</Table.Th>
                <Table.Th>{t('watchList.warnings')}</Table.Th>
                <Table.Th>{t('watchList.latest')}</Table.Th>
                <Table.Th>{t('watchList.officer')}</Table.Th>
                <Table.Th>{t('watchList.peers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((e) => (
                <Table.Tr key={e.registryId} data-testid="watch-list-row">
                  <Table.Td>
                    <Link to={`/o/${orgId}/supervision/${e.registryId}`}>{e.name}</Link>
                  </Table.Td>
                  <Table.Td ta="right">{e.score}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {e.warnings.map((w) => (
                        <Badge
                          key={w.rule}
                          color={SEVERITY_COLOR[w.severity as 1 | 2 | 3] ?? 'gray.8'}
                          title={warningDetail(t, w)}
                        >
                          {t(`watchList.rule.${w.rule}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.latestPeriod ?? '–'}</Table.Td>
                  <Table.Td>{e.officer?.fullName ?? t('watchList.noOfficer')}</Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {e.percentiles
                        ? (['liquidity', 'npl', 'capital', 'assetGrowth'] as const)
                            .map(
                              (k) =>
                                `${t(`watchList.ratio.${k}`)} ${e.percentiles?.[k] === null || e.percentiles?.[k] === undefined ? '–' : `P${e.percentiles[k]}`}`,
                            )
                            .join(' · ')
                        : '–'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="gray.7">
        {t('watchList.percentHint', { example: percentOfBps(1000) })}
      </Text>
    </Stack>
  );
}
