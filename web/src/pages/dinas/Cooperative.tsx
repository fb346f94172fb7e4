import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, unwrap } from '../../api';
import { PageTitle, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';

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
    </Stack>
  );
}
