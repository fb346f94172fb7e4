import { Badge, Button, Card, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { businessToday } from '../calendar';
import { DayInput } from '../components/DayInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { date, dateTime, rupiah } from '../format';
import { RunView } from './shu/RunView';
import { ShuSettingsCard } from './shu/Settings';

/**
 * SHU for the pengurus (docs/domain/shu-books.md): the AD/ART settings, simulations and the runs,
 * a run's allocation and member shares, the final run after the RAT (maker-checker), its
 * distribution entry and the payouts.
 */
export function ShuPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const can = useCan();
  const [year, setYear] = useState(Number(businessToday().slice(0, 4)) - 1);
  const [payoutDate, setPayoutDate] = useState(businessToday());
  const [picked, setPicked] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: ['shu-runs', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shu/runs', { params: { path: { orgId } } })),
  });
  const simulate = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shu/simulations', {
          params: { path: { orgId } },
          body: { year, ...(payoutDate ? { payoutDate } : {}) },
        }),
      ),
    onSuccess: (r) => {
      setPicked(r.id);
      void qc.invalidateQueries({ queryKey: ['shu-runs', orgId] });
    },
  });
  const items = runs.data?.items ?? [];
  const runId = picked ?? items[0]?.id ?? null;
  const run = useQuery({
    queryKey: ['shu-run', orgId, runId],
    enabled: runId !== null,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shu/runs/{runId}', {
          params: { path: { orgId, runId: runId! } },
        }),
      ),
  });
  return (
    <Stack>
      <PageTitle>{t('shu.title')}</PageTitle>
      <ShuSettingsCard orgId={orgId} />
      <Card withBorder data-testid="shu-runs">
        <Stack>
          <Text fw={600} component="h2" size="md">
            {t('shu.simulate.title')}
          </Text>
          <ErrorAlert error={runs.error ?? simulate.error} />
          {can('shu.manage') && (
            <Group align="flex-end">
              <NumberInput
                label={t('shu.simulate.year')}
                value={year}
                onChange={(v) => setYear(typeof v === 'number' ? v : Number(v))}
                min={2000}
                max={2099}
                allowDecimal={false}
                thousandSeparator={false}
                w={140}
                data-testid="shu-sim-year"
              />
              <DayInput
                label={t('shu.simulate.payoutDate')}
                value={payoutDate}
                onChange={(e) => setPayoutDate(e.currentTarget.value)}
                data-testid="shu-sim-payout"
              />
              <Button
                onClick={() => simulate.mutate()}
                loading={simulate.isPending}
                data-testid="shu-simulate"
              >
                {t('shu.simulate.run')}
              </Button>
            </Group>
          )}
          {runs.isSuccess && items.length === 0 ? (
            <Text size="sm">{t('shu.simulate.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table fz="sm" data-testid="shu-runs-table">
                <Table.Caption>{t('shu.simulate.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('shu.simulate.year')}</Table.Th>
                    <Table.Th>{t('shu.simulate.kindColumn')}</Table.Th>
                    <Table.Th ta="right">{t('shu.simulate.shu')}</Table.Th>
                    <Table.Th ta="right">{t('shu.simulate.members')}</Table.Th>
                    <Table.Th>{t('shu.simulate.payoutDate')}</Table.Th>
                    <Table.Th>{t('shu.simulate.created')}</Table.Th>
                    <Table.Th>{t('shu.simulate.open')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr key={r.id} bg={r.id === runId ? 'gray.1' : undefined}>
                      <Table.Td>{r.year}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="filled"
                          color={r.kind === 'final' ? 'green.9' : 'gray.7'}
                          tt="none"
                        >
                          {t(`shu.simulate.kind.${r.kind}`)}
                        </Badge>
                        {r.distributionEntryId && (
                          <Text span size="sm">
                            {' '}
                            · {t('shu.simulate.distributed')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{rupiah(r.shuRupiah)}</Table.Td>
                      <Table.Td ta="right">{r.members.toLocaleString('id-ID')}</Table.Td>
                      <Table.Td>{date(r.payoutDate)}</Table.Td>
                      <Table.Td>{dateTime(r.createdAt)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setPicked(r.id)}
                          aria-pressed={r.id === runId}
                          data-testid={`shu-open-${r.id}`}
                        >
                          {t('shu.simulate.open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      <ErrorAlert error={run.error} />
      {run.data && <RunView key={run.data.id} orgId={orgId} run={run.data} />}
    </Stack>
  );
}
