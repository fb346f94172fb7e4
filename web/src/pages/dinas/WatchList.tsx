import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { PageTitle, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Early warning (docs/domain/supervision-health.md, "Early warning"): the region's cooperatives that
 * cross one of the office's thresholds, worst first, with each ratio's percentile among the
 * region's peers. The thresholds are kept in this browser per office.
 */

interface Thresholds {
  liquidityMinBps: number;
  nplMaxBps: number;
  capitalMinBps: number;
  assetGrowthMinBps: number;
  missingReportsMax: number;
}
const DEFAULTS: Thresholds = {
  liquidityMinBps: 1000,
  nplMaxBps: 500,
  capitalMinBps: 1000,
  assetGrowthMinBps: -1000,
  missingReportsMax: 1,
};
const storageKey = (orgId: string) => `sokoguru.watchList.${orgId}`;

function saved(orgId: string): Thresholds {
  try {
    const raw = localStorage.getItem(storageKey(orgId));
    return raw ? { ...DEFAULTS, ...(JSON.parse(raw) as Partial<Thresholds>) } : DEFAULTS;
  } catch {
    return DEFAULTS;
  }
}

const SEVERITY_COLOR = { 1: 'yellow.9', 2: 'orange.9', 3: 'red.9' } as const;
const percent = (bps: number) => (bps / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 });

export function WatchListPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [draft, setDraft] = useState<Thresholds>(() => saved(orgId));
  const [asked, setAsked] = useState<Thresholds>(() => saved(orgId));
  const q = useQuery({
    queryKey: ['watch-list', orgId, asked],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/watch-list', {
          params: { path: { orgId }, query: asked },
        }),
      ),
  });
  const field = (key: keyof Thresholds, bps: boolean) => (
    <NumberInput
      key={key}
      label={t(`watchList.threshold.${key}`)}
      value={bps ? draft[key] / 100 : draft[key]}
      decimalScale={bps ? 2 : 0}
      decimalSeparator=","
      suffix={bps ? ' %' : undefined}
      onChange={(v) => setDraft((d) => ({ ...d, [key]: Math.round(Number(v) * (bps ? 100 : 1)) }))}
      data-testid={`threshold-${key}`}
    />
  );
  return (
    <Stack data-testid="watch-list-page">
      <PageTitle>{t('watchList.title')}</PageTitle>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }}>
          {field('liquidityMinBps', true)}
          {field('nplMaxBps', true)}
          {field('capitalMinBps', true)}
          {field('assetGrowthMinBps', true)}
          {field('missingReportsMax', false)}
        </SimpleGrid>
        <Group mt="sm">
          <Button
            onClick={() => {
              localStorage.setItem(storageKey(orgId), JSON.stringify(draft));
              setAsked(draft);
            }}
            data-testid="watch-list-apply"
          >
            {t('watchList.apply')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(DEFAULTS);
              setAsked(DEFAULTS);
              localStorage.removeItem(storageKey(orgId));
            }}
          >
            {t('watchList.defaults')}
          </Button>
        </Group>
      </Card>
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && (
        <Text size="sm" c="gray.7">
          {t('watchList.summary', {
            count: q.data.items.length,
            of: q.data.cooperatives,
            periods: q.data.duePeriods.join(', ') || '–',
          })}
        </Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760} tabIndex={0} aria-label={t('watchList.title')}>
          <Table data-testid="watch-list-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('watchList.cooperative')}</Table.Th>
                <Table.Th ta="right">{t('watchList.score')}</Table.Th>
                <Table.Th>{t('watchList.warnings')}</Table.Th>
                <Table.Th>{t('watchList.latest')}</Table.Th>
                <Table.Th>{t('watchList.peers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((e) => (
                <Table.Tr key={e.registryId} data-testid="watch-list-row">
                  <Table.Td>{e.name}</Table.Td>
                  <Table.Td ta="right">{e.score}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {e.warnings.map((w) => (
                        <Badge
                          key={w.rule}
                          color={SEVERITY_COLOR[w.severity as 1 | 2 | 3] ?? 'gray.8'}
                          title={t('watchList.valueOf', { value: w.value, threshold: w.threshold })}
                        >
                          {t(`watchList.rule.${w.rule}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.latestPeriod ?? '–'}</Table.Td>
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
        {t('watchList.percentHint', { example: percent(1000) })}
      </Text>
    </Stack>
  );
}
