import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api';
import { PageTitle, useOrgId } from '../App';
import { dateTime } from '../format';

export function AuditPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const q = useQuery({
    queryKey: ['audit', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/audit-events', {
          params: { path: { orgId: orgId }, query: { limit: 100 } },
        }),
      ),
  });
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Table.ScrollContainer minWidth={600}>
        <Table
          striped
          highlightOnHover
          data={{
            head: [t('audit.when'), t('audit.who'), t('audit.action'), t('audit.entity')],
            body: (q.data?.items ?? []).map((e) => [
              dateTime(e.occurredAt),
              e.actorUsername,
              e.action,
              `${e.entityType} ${e.entityId ?? ''}`,
            ]),
          }}
        />
      </Table.ScrollContainer>
    </>
  );
}
