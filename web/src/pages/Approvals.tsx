import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { PageTitle, useMembership } from '../App';
import { dateTime } from '../format';

interface Approval {
  id: string;
  action: string;
  summary: string;
  requestedBy: string;
  requestedAt: string;
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  const { orgId } = useParams();
  const m = useMembership();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<Record<string, string>>({});
  const q = useQuery({
    queryKey: ['approvals', orgId],
    queryFn: () => api<{ items: Approval[] }>('GET', `/orgs/${orgId}/approvals?status=pending`),
  });
  const canDecide = m?.roles.some((r) => r === 'pengurus' || r === 'dinas_admin') ?? false;
  const decide = useMutation({
    mutationFn: (d: { id: string; approve: boolean }) =>
      api(
        'POST',
        `/orgs/${orgId}/approvals/${d.id}/${d.approve ? 'approve' : 'reject'}`,
        d.approve ? undefined : { reason: reason[d.id] ?? '' },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['approvals', orgId] }),
    onError: (e) => setError(e instanceof ApiError ? e.detail : t('common.error')),
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
