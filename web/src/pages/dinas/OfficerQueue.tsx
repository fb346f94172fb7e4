import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';

type Queue = Awaited<ReturnType<typeof fetchQueue>>;
type Item = Queue['items'][number];

const KINDS = [
  'recommendation_overdue',
  'letter_undelivered',
  'sanction_step_allowed',
  'certificate_expiring',
  'report_missing',
  'rat_not_held',
  'alert_open',
  'instalment_overdue',
] as const;

const SEVERITY_BADGE = { 1: 'gray', 2: 'orange', 3: 'red' } as const;

const fetchQueue = (orgId: string, officerUserId: string | null) =>
  unwrap(
    client.GET('/api/v1/orgs/{orgId}/officer-queue', {
      params: { path: { orgId }, query: officerUserId ? { officerUserId } : {} },
    }),
  );

/**
 * Tugas saya (docs/domain/supervision-officer-queue.md): what is due about the cooperatives in the
 * signed-in officer's charge (an administrator may pick any officer), grouped by kind with counts,
 * overdue first and in red; each item opens the cooperative's page with its case file.
 */
export function OfficerQueuePage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const admin = can('dinas.manage');
  const [officer, setOfficer] = useState<string | null>(null);
  const officers = useQuery({
    queryKey: ['officers', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/officers', { params: { path: { orgId } } })),
    enabled: admin,
  });
  const q = useQuery({
    queryKey: ['officer-queue', orgId, officer],
    queryFn: () => fetchQueue(orgId, officer),
  });
  const notify = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/officer-queue/notify', { params: { path: { orgId } } }),
      ),
  });
  return (
    <Stack data-testid="officer-queue-page">
      <PageTitle>{t('officerQueue.title')}</PageTitle>
      <Group justify="space-between" align="end" wrap="wrap">
        {admin && officers.data ? (
          <Select
            label={t('officerQueue.officer')}
            placeholder={t('officerQueue.me')}
            data={officers.data.items.map((o) => ({ value: o.userId, label: o.fullName }))}
            value={officer}
            onChange={setOfficer}
            clearable
            searchable
            w={280}
            data-testid="officer-queue-officer"
          />
        ) : (
          <span />
        )}
        {can('registry.write') && (
          <Button
            variant="light"
            onClick={() => notify.mutate()}
            loading={notify.isPending}
            data-testid="officer-queue-notify"
          >
            {t('officerQueue.notify')}
          </Button>
        )}
      </Group>
      {notify.data && (
        <Text size="sm" c="gray.7" data-testid="officer-queue-notified">
          {t('officerQueue.notified', { count: notify.data.digestsQueued })}
        </Text>
      )}
      {notify.error && <ErrorAlert error={notify.error} />}
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && (
        <Text size="sm" c="gray.7" data-testid="officer-queue-summary">
          {t('officerQueue.summary', {
            name: q.data.officer.fullName,
            count: q.data.counts.total,
            overdue: q.data.counts.overdue,
            today: date(q.data.today),
          })}
        </Text>
      )}
      {q.data && q.data.items.length === 0 && <Text>{t('officerQueue.empty')}</Text>}
      {q.data &&
        KINDS.filter((k) => (q.data.counts.byKind[k] ?? 0) > 0).map((k) => (
          <KindCard
            key={k}
            kind={k}
            items={q.data.items.filter((i) => i.kind === k)}
            orgId={orgId}
          />
        ))}
    </Stack>
  );
}

function KindCard({ kind, items, orgId }: { kind: string; items: Item[]; orgId: string }) {
  const { t } = useTranslation();
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card withBorder component="section" data-testid={`officer-queue-${kind}`}>
      <Group gap="xs" mb="xs" wrap="wrap">
        <Title order={3} size="h5">
          {t(`officerQueue.kind.${kind}`)}
        </Title>
        <Badge color="gray" variant="light">
          {items.length}
        </Badge>
        {overdue > 0 && (
          <Badge color="red" variant="light">
            {t('officerQueue.overdueCount', { count: overdue })}
          </Badge>
        )}
      </Group>
      <Stack gap="xs">
        {items.map((i) => (
          <Group
            key={i.ref}
            justify="space-between"
            align="start"
            wrap="wrap"
            gap="xs"
            data-testid="officer-queue-item"
          >
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 220px' }}>
              <Anchor component={Link} to={`/o/${orgId}/supervision/${i.registryId}`} c="blue.9">
                {i.cooperative}
              </Anchor>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {i.subject}
              </Text>
            </Stack>
            <Group gap={4} wrap="wrap">
              {i.overdue ? (
                <Badge color="red" variant="light">
                  {t('officerQueue.overdueDays', { count: i.daysOverdue })}
                </Badge>
              ) : (
                <Badge color="gray" variant="light">
                  {i.dueOn
                    ? t('officerQueue.dueOn', { date: date(i.dueOn) })
                    : t('officerQueue.since', { date: date(i.since) })}
                </Badge>
              )}
              <Badge color={SEVERITY_BADGE[i.severity as 1 | 2 | 3] ?? 'gray'} variant="light">
                {t(`officerQueue.severity.${i.severity}`)}
              </Badge>
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
