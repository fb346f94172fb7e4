import { Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import { MeetingView } from './MeetingView';
import { PlanForm } from './PlanForm';

/**
 * The pengurus' RAT page (issue 17 item 4; docs/domain/rat.md): the meetings by book year, the
 * plan of a new one, and one meeting run from invitations to its close.
 */
export function RatPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const [view, setView] = useState<string>('list');
  const meetings = useQuery({
    queryKey: ['rat-meetings', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/rat/meetings', { params: { path: { orgId } } })),
  });
  return (
    <Stack>
      <PageTitle>{t('ratMeeting.title')}</PageTitle>
      {view === 'plan' ? (
        <PlanForm orgId={orgId} onDone={setView} onCancel={() => setView('list')} />
      ) : view !== 'list' ? (
        <>
          <Group>
            <Button variant="default" onClick={() => setView('list')} data-testid="rat-back">
              {t('ratMeeting.back')}
            </Button>
          </Group>
          <MeetingView orgId={orgId} meetingId={view} />
        </>
      ) : (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Text fw={600} component="h2" size="lg">
                {t('ratMeeting.meetings')}
              </Text>
              {can('rat.manage') && (
                <Button onClick={() => setView('plan')} data-testid="rat-new">
                  {t('ratMeeting.plan')}
                </Button>
              )}
            </Group>
            <ErrorAlert error={meetings.error} />
            {meetings.data?.items.length === 0 && <Text>{t('ratMeeting.none')}</Text>}
            {(meetings.data?.items.length ?? 0) > 0 && (
              <Table.ScrollContainer minWidth={560}>
                <Table data-testid="rat-meetings">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('ratMeeting.bookYear')}</Table.Th>
                      <Table.Th>{t('ratMeeting.call')}</Table.Th>
                      <Table.Th>{t('ratMeeting.date')}</Table.Th>
                      <Table.Th>{t('ratMeeting.mode')}</Table.Th>
                      <Table.Th>{t('ratMeeting.statusLabel')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {meetings.data!.items.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>{m.bookYear}</Table.Td>
                        <Table.Td>{m.call}</Table.Td>
                        <Table.Td>
                          {date(m.scheduledOn)} {m.startsAt}
                        </Table.Td>
                        <Table.Td>{t(`ratMeeting.modes.${m.mode}`)}</Table.Td>
                        <Table.Td>{t(`ratMeeting.statuses.${m.status}`)}</Table.Td>
                        <Table.Td>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setView(m.id)}
                            aria-label={`${t('ratMeeting.view')} ${m.title}`}
                            data-testid={`rat-view-${m.bookYear}-${m.call}`}
                          >
                            {t('ratMeeting.view')}
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
      )}
    </Stack>
  );
}
