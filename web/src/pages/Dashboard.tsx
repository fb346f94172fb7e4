import { Badge, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError, client, unwrap } from '../api';
import { PageTitle } from '../App';
import { ScrollableTable } from '../components/charts/ChartCard';
import { ManagerDashboard } from './dashboard/ManagerDashboard';

export function DashboardPage() {
  const { t } = useTranslation();
  const { orgId } = useParams();
  const org = useQuery({
    queryKey: ['org', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}', { params: { path: { orgId: orgId ?? '' } } })),
  });
  const branches = useQuery({
    queryKey: ['branches', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/branches', { params: { path: { orgId: orgId ?? '' } } }),
      ),
  });
  // The figures for those allowed to read reports (pengurus, admin, pengawas); the server decides,
  // and a refusal just leaves the profile on its own.
  const figures = useQuery({
    queryKey: ['dashboard', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/dashboard', { params: { path: { orgId: orgId ?? '' } } }),
      ),
    retry: (count, e) => !(e instanceof ApiError && e.status === 403) && count < 2,
  });
  const o = org.data;
  return (
    <Stack>
      <PageTitle>{o?.name ?? t('common.loading')}</PageTitle>
      {figures.data && <ManagerDashboard d={figures.data} />}
      {o && figures.data && (
        <Text fw={600} mt="md">
          {t('dashboard.profile')}
        </Text>
      )}
      {o && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card withBorder>
            <Stack gap={6}>
              <Group>
                <Text c="gray.7" w={130}>
                  {t('org.type')}
                </Text>
                <Badge color="blue.8">{o.cooperativeType ?? 'Dinas'}</Badge>
              </Group>
              {o.nikKoperasi && (
                <Group>
                  <Text c="gray.7" w={130}>
                    {t('org.nik')}
                  </Text>
                  <Text>{o.nikKoperasi}</Text>
                </Group>
              )}
              {o.badanHukumNumber && (
                <Group wrap="nowrap" align="flex-start">
                  <Text c="gray.7" w={130}>
                    {t('org.badanHukum')}
                  </Text>
                  <Text style={{ flex: 1 }}>
                    {o.badanHukumNumber} ({o.badanHukumDate})
                  </Text>
                </Group>
              )}
              <Group wrap="nowrap" align="flex-start">
                <Text c="gray.7" w={130}>
                  {t('org.address')}
                </Text>
                <Text style={{ flex: 1 }}>{o.address}</Text>
              </Group>
              <Group>
                <Text c="gray.7" w={130}>
                  {t('org.region')}
                </Text>
                <Text>{o.regionName}</Text>
              </Group>
            </Stack>
          </Card>
          {branches.data && branches.data.items.length > 0 && (
            <Card withBorder>
              <Text fw={600} mb="xs">
                {t('org.branches')} ({branches.data.items.length})
              </Text>
              <ScrollableTable label={t('org.branches')}>
                <Table striped data={{ body: branches.data.items.map((b) => [b.code, b.name]) }} />
              </ScrollableTable>
            </Card>
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
