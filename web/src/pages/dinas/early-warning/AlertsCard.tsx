import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../../api';
import { useCan, useOrgId } from '../../../App';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { date } from '../../../format';
import { SEVERITY_COLOR, warningDetail } from './warnings';

/**
 * The alerts raised to officers: the signed-in officer's by default, or everyone's; "check now"
 * runs the same check the server runs every morning.
 */
export function AlertsCard() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const qc = useQueryClient();
  // an administrator is seldom in charge of cooperatives: everyone's alerts first
  const [whose, setWhose] = useState<string>(() => (can('dinas.manage') ? 'all' : 'mine'));
  const q = useQuery({
    queryKey: ['alerts', orgId, whose],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/alerts', {
          params: { path: { orgId }, query: { mine: whose === 'mine' ? 'true' : 'false' } },
        }),
      ),
  });
  const check = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/health/alerts/check', { params: { path: { orgId } } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts', orgId] }),
  });
  const ack = useMutation({
    mutationFn: (alertId: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/health/alerts/{alertId}/acknowledge', {
          params: { path: { orgId, alertId } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts', orgId] }),
  });
  return (
    <Card withBorder data-testid="alerts-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('watchList.alertsTitle')}
          </Title>
          <Group>
            <SegmentedControl
              value={whose}
              onChange={setWhose}
              data={[
                { value: 'mine', label: t('watchList.mine') },
                { value: 'all', label: t('watchList.all') },
              ]}
              aria-label={t('watchList.alertsTitle')}
            />
            {can('registry.write') && (
              <Button
                onClick={() => check.mutate()}
                loading={check.isPending}
                data-testid="alerts-check"
              >
                {t('watchList.checkNow')}
              </Button>
            )}
          </Group>
        </Group>
        {check.data && (
          <Alert color="blue" data-testid="alerts-check-result">
            {t('watchList.checked', check.data)}
          </Alert>
        )}
        {(q.error ?? check.error ?? ack.error) && (
          <ErrorAlert error={q.error ?? check.error ?? ack.error} />
        )}
        {q.data && q.data.items.length === 0 && (
          <Text size="sm" c="gray.7">
            {t(whose === 'mine' ? 'watchList.noneMine' : 'watchList.none')}
          </Text>
        )}
        {q.data && q.data.items.length > 0 && (
          <Table.ScrollContainer
            minWidth={720}
            tabIndex={0}
            aria-label={t('watchList.alertsTitle')}
          >
            <Table data-testid="alerts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('watchList.cooperative')}</Table.Th>
                  <Table.Th>{t('watchList.warnings')}</Table.Th>
                  <Table.Th>{t('watchList.since')}</Table.Th>
                  <Table.Th>{t('watchList.officer')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((a) => (
                  <Table.Tr key={a.id} data-testid="alert-row">
                    <Table.Td>
                      <Link to={`/o/${orgId}/supervision/${a.registryId}`}>{a.cooperative}</Link>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        <Badge color={SEVERITY_COLOR[a.severity as 1 | 2 | 3] ?? 'gray.8'}>
                          {t(`watchList.rule.${a.rule}`)}
                        </Badge>
                        <Text size="sm">{warningDetail(t, a)}</Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>{date(a.raisedOn)}</Table.Td>
                    <Table.Td>{a.officer?.fullName ?? t('watchList.noOfficer')}</Table.Td>
                    <Table.Td>
                      {a.acknowledgedAt ? (
                        <Text size="sm" c="gray.7">
                          {t('watchList.seen')}
                        </Text>
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => ack.mutate(a.id)}
                          data-testid="alert-ack"
                        >
                          {t('watchList.markSeen')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
