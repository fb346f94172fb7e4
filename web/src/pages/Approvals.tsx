import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, errorText, unwrap } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { dateTime } from '../format';

export function ApprovalsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<Record<string, string>>({});
  const q = useQuery({
    queryKey: ['approvals', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/approvals', {
          params: { path: { orgId: orgId }, query: { status: 'pending' } },
        }),
      ),
  });
  const canDecide = useCan()('approvals.decide');
  const decide = useMutation({
    mutationFn: (d: { id: string; approve: boolean }) =>
      unwrap(
        d.approve
          ? client.POST('/api/v1/orgs/{orgId}/approvals/{approvalId}/approve', {
              params: { path: { orgId: orgId, approvalId: d.id } },
            })
          : client.POST('/api/v1/orgs/{orgId}/approvals/{approvalId}/reject', {
              params: { path: { orgId: orgId, approvalId: d.id } },
              body: { reason: reason[d.id] ?? '' },
            }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['approvals', orgId] }),
    onError: (e) => setError(errorText(e, t('common.error'))),
  });
  return (
    <Stack>
      <PageTitle>{t('approvals.title')}</PageTitle>
      {error && <Alert color="red">{error}</Alert>}
      {q.data?.items.length === 0 && <Text c="dimmed">{t('approvals.empty')}</Text>}
      {q.data?.items.map((a) => (
        <Card withBorder key={a.id}>
          <Text fw={600}>{a.summary}</Text>
          <Text size="sm" c="dimmed">
            {t('approvals.requestedBy')}: {a.requestedBy} · {dateTime(a.requestedAt)}
          </Text>
          {canDecide && (
            <Group mt="sm" align="flex-end">
              <Button size="xs" onClick={() => decide.mutate({ id: a.id, approve: true })}>
                {t('approvals.approve')}
              </Button>
              <TextInput
                size="xs"
                placeholder={t('approvals.reason')}
                value={reason[a.id] ?? ''}
                onChange={(e) => setReason({ ...reason, [a.id]: e.currentTarget.value })}
              />
              <Button
                size="xs"
                color="red"
                variant="light"
                onClick={() => decide.mutate({ id: a.id, approve: false })}
              >
                {t('approvals.reject')}
              </Button>
            </Group>
          )}
        </Card>
      ))}
    </Stack>
  );
}
