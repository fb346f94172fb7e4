import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { useCan } from '../../App';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, dateTime } from '../../format';
import { MemberPicker } from '../loans/shared';
import { SecretBallotPanel } from './SecretBallotPanel';

export type Meeting = Answer<'/api/v1/orgs/{orgId}/rat/meetings/{meetingId}'>;
type AgendaItem = Meeting['agenda'][number];

const LIVE_MS = 4_000;

/**
 * One RAT (docs/domain/rat.md): its date and place, invitations, the live quorum, the door's
 * check-in (a scanned QR code or a member picked at the desk), proxies, the agenda item by item,
 * the second call and the close, and the attendance list.
 */
export function MeetingView({ orgId, meetingId }: { orgId: string; meetingId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const path = { orgId, meetingId };
  const meeting = useQuery({
    queryKey: ['rat-meeting', orgId, meetingId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}', { params: { path } })),
    // the quorum is live while members come in
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'planned' || q.state.data.status === 'open')
        ? LIVE_MS
        : false,
  });
  const attendance = useQuery({
    queryKey: ['rat-attendance', orgId, meetingId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/attendance', {
          params: { path },
        }),
      ),
    refetchInterval: () =>
      meeting.data && (meeting.data.status === 'planned' || meeting.data.status === 'open')
        ? LIVE_MS
        : false,
  });
  const refresh = (m?: Meeting) => {
    if (m) qc.setQueryData(['rat-meeting', orgId, meetingId], m);
    void qc.invalidateQueries({ queryKey: ['rat-meeting', orgId, meetingId] });
    void qc.invalidateQueries({ queryKey: ['rat-attendance', orgId, meetingId] });
    void qc.invalidateQueries({ queryKey: ['rat-meetings', orgId] });
  };
  const [notice, setNotice] = useState<string | null>(null);

  const invite = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/invitations', {
          params: { path },
        }),
      ),
    onSuccess: (r) => {
      setNotice(t('ratMeeting.invitationsSent', r));
      refresh();
    },
  });
  const lifecycle = useMutation({
    mutationFn: (what: 'open' | 'close') =>
      unwrap(
        what === 'open'
          ? client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/open', { params: { path } })
          : client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/close', {
              params: { path },
            }),
      ),
    onSuccess: (m) => refresh(m),
  });

  const m = meeting.data;
  if (!m) return <ErrorAlert error={meeting.error} />;
  const q = m.quorum;
  const live = m.status === 'planned' || m.status === 'open';
  const today = businessToday();
  const onTheDay = today >= m.scheduledOn;
  const rule = m.call > 1 && m.rules.secondCallQuorum ? m.rules.secondCallQuorum : m.rules.quorum;
  return (
    <Stack data-testid="rat-meeting">
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600} component="h2" size="lg">
              {m.title}
            </Text>
            <Badge
              size="lg"
              variant="light"
              color={m.status === 'open' ? 'green' : m.status === 'postponed' ? 'orange' : 'gray'}
              data-testid="rat-status"
            >
              {t(`ratMeeting.statuses.${m.status}`)}
            </Badge>
          </Group>
          <Text size="sm">
            {t('ratMeeting.callN', { n: m.call })} · {t(`ratMeeting.modes.${m.mode}`)}
          </Text>
          <Text data-testid="rat-when">
            {date(m.scheduledOn)} · {m.startsAt} WIB
          </Text>
          {m.location && <Text>{m.location}</Text>}
          {m.onlineUrl && <Text style={{ wordBreak: 'break-all' }}>{m.onlineUrl}</Text>}
          {m.lateReason && (
            <Text size="sm">
              {t('ratMeeting.lateReason')}: {m.lateReason}
            </Text>
          )}
        </Stack>
      </Card>
      {notice && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-testid="rat-notice"
        >
          {notice}
        </Alert>
      )}
      <ErrorAlert error={invite.error ?? lifecycle.error} data-testid="rat-error" />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder data-testid="rat-quorum">
          <Stack gap="xs">
            <Text fw={600} component="h3" size="md">
              {t('ratMeeting.quorumTitle')}
            </Text>
            <Alert color={q.met ? 'green' : 'orange'} data-testid="rat-quorum-met">
              {q.met ? t('ratMeeting.met') : t('ratMeeting.notMet')}
            </Alert>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {(['required', 'present', 'represented', 'counted'] as const).map((k) => (
                <div key={k}>
                  <Text size="sm">{t(`ratMeeting.${k}`)}</Text>
                  <Text fw={700} size="xl" data-testid={`rat-quorum-${k}`}>
                    {q[k]}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
            <Text size="sm">
              {t('ratMeeting.members')}: {q.members} ·{' '}
              {t('ratMeeting.rule', {
                n: rule.numerator,
                d: rule.denominator,
                plus: rule.plusOne ? ' + 1' : '',
              })}
            </Text>
          </Stack>
        </Card>
        <Card withBorder data-testid="rat-invitations">
          <Stack gap="xs">
            <Text fw={600} component="h3" size="md">
              {t('ratMeeting.invitations')}
            </Text>
            <Text data-testid="rat-invitation-counts">
              {t('ratMeeting.invitationCounts', m.invitations)}
            </Text>
            {can('rat.manage') && m.status === 'planned' && (
              <Button
                onClick={() => invite.mutate()}
                loading={invite.isPending}
                data-testid="rat-invite"
              >
                {t('ratMeeting.sendInvitations')}
              </Button>
            )}
            {can('rat.manage') && live && (
              <Group>
                {m.status === 'planned' && onTheDay && (
                  <Button
                    variant="default"
                    onClick={() => lifecycle.mutate('open')}
                    loading={lifecycle.isPending}
                    data-testid="rat-open"
                  >
                    {t('ratMeeting.open')}
                  </Button>
                )}
                {m.status === 'open' && (
                  <Button
                    variant="default"
                    onClick={() => lifecycle.mutate('close')}
                    loading={lifecycle.isPending}
                    data-testid="rat-close"
                  >
                    {t('ratMeeting.close')}
                  </Button>
                )}
              </Group>
            )}
          </Stack>
        </Card>
      </SimpleGrid>

      {can('rat.manage') && m.status === 'planned' && onTheDay && !q.met && (
        <SecondCall orgId={orgId} meeting={m} onDone={refresh} />
      )}

      {can('rat.checkin') && live && onTheDay && (
        <CheckInPanel orgId={orgId} meetingId={meetingId} onDone={refresh} />
      )}

      {can('rat.manage') && live && m.rules.proxiesPerHolderMax > 0 && (
        <ProxyForm orgId={orgId} meeting={m} onDone={refresh} />
      )}

      <Card withBorder data-testid="rat-agenda">
        <Stack gap="sm">
          <Text fw={600} component="h3" size="md">
            {t('ratMeeting.agenda')}
          </Text>
          {m.agenda.map((a) => (
            <AgendaRow
              key={a.seq}
              orgId={orgId}
              meeting={m}
              item={a}
              manage={can('rat.manage')}
              onDone={refresh}
            />
          ))}
        </Stack>
      </Card>

      <PapersCard orgId={orgId} meeting={m} manage={can('rat.manage')} />

      <Card withBorder>
        <Table.ScrollContainer minWidth={480}>
          <Table data-testid="rat-attendance">
            <Table.Caption>
              {t('ratMeeting.attendance')} ({attendance.data?.items.length ?? 0})
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ratMeeting.number')}</Table.Th>
                <Table.Th>{t('ratMeeting.name')}</Table.Th>
                <Table.Th>{t('ratMeeting.at')}</Table.Th>
                <Table.Th>{t('ratMeeting.method')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(attendance.data?.items ?? []).slice(-ATTENDANCE_SHOWN).map((r) => (
                <Table.Tr key={r.memberId}>
                  <Table.Td>{r.memberNumber ?? '—'}</Table.Td>
                  <Table.Td>{r.fullName}</Table.Td>
                  <Table.Td>{dateTime(r.checkedInAt)}</Table.Td>
                  <Table.Td>
                    {t(`ratMeeting.methods.${r.method}`, { defaultValue: r.method })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {attendance.data?.items.length === 0 && (
          <Text size="sm">{t('ratMeeting.noAttendance')}</Text>
        )}
        {(attendance.data?.items.length ?? 0) > ATTENDANCE_SHOWN && (
          <Text size="sm" data-testid="rat-attendance-more">
            {t('ratMeeting.papers.attendanceMore', {
              shown: ATTENDANCE_SHOWN,
              total: attendance.data?.items.length ?? 0,
            })}{' '}
            <Anchor
              href={`/api/v1/orgs/${orgId}/rat/meetings/${meetingId}/attendance.pdf`}
              target="_blank"
            >
              {t('ratMeeting.papers.attendancePdf')}
            </Anchor>
          </Text>
        )}
      </Card>
    </Stack>
  );
}

/** The door: a scanner types the member's QR code and Enter; or the member is picked at the desk. */
function CheckInPanel({
  orgId,
  meetingId,
  onDone,
}: {
  orgId: string;
  meetingId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [qr, setQr] = useState('');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [last, setLast] = useState<{ text: string; ok: boolean }[]>([]);
  const checkIn = useMutation({
    mutationFn: (body: { qr: string } | { memberId: string }) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/check-ins', {
          params: { path: { orgId, meetingId } },
          body,
        }),
      ),
    onSuccess: (r) => {
      setQr('');
      setMemberId(null);
      const text = r.alreadyCheckedIn
        ? t('ratMeeting.already', { name: r.fullName })
        : t('ratMeeting.checkedIn', { name: r.fullName, number: r.memberNumber ?? '—' });
      setLast((l) => [{ text, ok: !r.alreadyCheckedIn }, ...l].slice(0, 5));
      onDone();
    },
  });
  return (
    <Card withBorder data-testid="rat-checkin">
      <Stack gap="sm">
        <Text fw={600} component="h3" size="md">
          {t('ratMeeting.checkIn')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (qr.trim().length >= 10) checkIn.mutate({ qr: qr.trim() });
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('ratMeeting.scan')}
              description={t('ratMeeting.scanHelp')}
              value={qr}
              onChange={(e) => setQr(e.currentTarget.value)}
              autoComplete="off"
              style={{ flex: 1, minWidth: 220 }}
              data-testid="rat-checkin-qr"
            />
            <Button type="submit" loading={checkIn.isPending} data-testid="rat-checkin-submit">
              {t('ratMeeting.checkInButton')}
            </Button>
          </Group>
        </form>
        <Text size="sm" fw={600}>
          {t('ratMeeting.desk')}
        </Text>
        <MemberPicker
          orgId={orgId}
          value={memberId}
          onChange={setMemberId}
          testId="rat-checkin-member"
          activeOnly
        />
        <Group>
          <Button
            variant="default"
            disabled={!memberId}
            onClick={() => memberId && checkIn.mutate({ memberId })}
            data-testid="rat-checkin-desk"
          >
            {t('ratMeeting.checkInButton')}
          </Button>
        </Group>
        <ErrorAlert error={checkIn.error} data-testid="rat-checkin-error" />
        {last.length > 0 && (
          <Stack gap={4} data-testid="rat-checkin-last">
            <Text size="sm" fw={600}>
              {t('ratMeeting.lastCheckIns')}
            </Text>
            {last.map((l, i) => (
              <Text key={i} size="sm" fw={i === 0 ? 700 : 400}>
                {l.ok ? '✓ ' : '• '}
                {l.text}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function ProxyForm({
  orgId,
  meeting,
  onDone,
}: {
  orgId: string;
  meeting: Meeting;
  onDone: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [holderId, setHolderId] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/proxies', {
          params: { path: { orgId, meetingId: meeting.id } },
          body: { memberId: memberId!, holderMemberId: holderId!, reference: reference.trim() },
        }),
      ),
    onSuccess: (m) => {
      setMemberId(null);
      setHolderId(null);
      setReference('');
      onDone(m);
    },
  });
  return (
    <Card withBorder data-testid="rat-proxies">
      <Stack gap="sm">
        <Text fw={600} component="h3" size="md">
          {t('ratMeeting.proxyTitle')}
        </Text>
        <Text size="sm">{t('ratMeeting.proxyRule', { n: meeting.rules.proxiesPerHolderMax })}</Text>
        <Text size="sm" fw={600}>
          {t('ratMeeting.proxyMember')}
        </Text>
        <MemberPicker
          orgId={orgId}
          value={memberId}
          onChange={setMemberId}
          testId="rat-proxy-member"
          activeOnly
        />
        <Text size="sm" fw={600}>
          {t('ratMeeting.proxyHolder')}
        </Text>
        <MemberPicker
          orgId={orgId}
          value={holderId}
          onChange={setHolderId}
          testId="rat-proxy-holder"
          activeOnly
        />
        <TextInput
          label={t('ratMeeting.proxyReference')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          maxLength={200}
        />
        <ErrorAlert error={save.error} />
        <Group>
          <Button
            variant="default"
            disabled={!memberId || !holderId || reference.trim().length < 3}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('ratMeeting.proxySave')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function SecondCall({
  orgId,
  meeting,
  onDone,
}: {
  orgId: string;
  meeting: Meeting;
  onDone: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  const [on, setOn] = useState('');
  const [at, setAt] = useState(meeting.startsAt);
  const call = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/second-call', {
          params: { path: { orgId, meetingId: meeting.id } },
          body: { scheduledOn: on, startsAt: at },
        }),
      ),
    onSuccess: (m) => onDone(m),
  });
  if (meeting.call > 1 || !meeting.rules.secondCallQuorum) return null;
  return (
    <Card withBorder data-testid="rat-second-call">
      <Stack gap="sm">
        <Text fw={600} component="h3" size="md">
          {t('ratMeeting.secondCallTitle')}
        </Text>
        <Text size="sm">{t('ratMeeting.secondCallHelp')}</Text>
        <Group align="flex-end">
          <DayInput
            label={t('ratMeeting.date')}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
          />
          <TextInput
            type="time"
            label={t('ratMeeting.time')}
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={!on}
            loading={call.isPending}
            onClick={() => call.mutate()}
          >
            {t('ratMeeting.secondCallButton')}
          </Button>
        </Group>
        <ErrorAlert error={call.error} />
      </Stack>
    </Card>
  );
}

function AgendaRow({
  orgId,
  meeting,
  item,
  manage,
  onDone,
}: {
  orgId: string;
  meeting: Meeting;
  item: AgendaItem;
  manage: boolean;
  onDone: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  const [setuju, setSetuju] = useState<number>(0);
  const [tidak, setTidak] = useState<number>(0);
  const [abstain, setAbstain] = useState<number>(0);
  const [note, setNote] = useState('');
  const path = { orgId, meetingId: meeting.id, seq: item.seq };
  const act = useMutation({
    mutationFn: (what: 'voting' | 'result' | 'heard') =>
      unwrap(
        what === 'voting'
          ? client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/voting', {
              params: { path },
            })
          : what === 'result'
            ? client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/result', {
                params: { path },
                body: { setuju, tidakSetuju: tidak, abstain, note: note.trim() || null },
              })
            : client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/heard', {
                params: { path },
                body: { note: note.trim() || null },
              }),
      ),
    onSuccess: (m) => onDone(m),
  });
  const open = meeting.status === 'open';
  const secret = item.ballot === 'secret' && item.majority !== 'none';
  const n = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);
  return (
    <Card withBorder padding="sm" data-testid={`rat-item-${item.seq}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>
            {item.seq}. {item.title}
          </Text>
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {t(`ratMeeting.majorities.${item.majority}`)}
              {item.majority !== 'none' ? ` · ${t(`ratMeeting.ballots.${item.ballot}`)}` : ''}
            </Badge>
            <Badge
              variant="light"
              color={
                item.status === 'decided' ? 'green' : item.status === 'voting' ? 'blue' : 'gray'
              }
              data-testid={`rat-item-${item.seq}-status`}
            >
              {t(`ratMeeting.itemStatus.${item.status}`)}
            </Badge>
          </Group>
        </Group>
        {item.motion && (
          <Text size="sm">
            {t('ratMeeting.motion')}: {item.motion}
          </Text>
        )}
        {item.status === 'decided' && item.setuju !== null && (
          <Text size="sm" fw={600} data-testid={`rat-item-${item.seq}-result`}>
            {item.passed ? t('ratMeeting.passed') : t('ratMeeting.rejected')} ·{' '}
            {t('ratMeeting.result', {
              setuju: item.setuju,
              tidakSetuju: item.tidakSetuju,
              abstain: item.abstain,
              present: item.votersPresent ?? '—',
            })}
          </Text>
        )}
        {item.note && <Text size="sm">{item.note}</Text>}
        {secret && (
          <SecretBallotPanel orgId={orgId} meeting={meeting} item={item} onMeeting={onDone} />
        )}
        {manage && open && item.status !== 'decided' && (
          <>
            {item.majority === 'none' ? (
              <Group align="flex-end">
                <TextInput
                  label={t('ratMeeting.note')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  style={{ flex: 1 }}
                  maxLength={2000}
                />
                <Button
                  variant="default"
                  onClick={() => act.mutate('heard')}
                  loading={act.isPending}
                >
                  {t('ratMeeting.markHeard')}
                </Button>
              </Group>
            ) : secret ? null : item.status === 'pending' ? (
              <Group>
                <Button
                  variant="default"
                  onClick={() => act.mutate('voting')}
                  loading={act.isPending}
                  data-testid={`rat-item-${item.seq}-vote`}
                >
                  {t('ratMeeting.openVote')}
                </Button>
              </Group>
            ) : (
              <Stack gap="xs">
                <Group align="flex-end" wrap="wrap">
                  <NumberInput
                    label={t('ratMeeting.setuju')}
                    value={setuju}
                    onChange={(v) => setSetuju(n(v))}
                    min={0}
                    w={120}
                    allowDecimal={false}
                  />
                  <NumberInput
                    label={t('ratMeeting.tidakSetuju')}
                    value={tidak}
                    onChange={(v) => setTidak(n(v))}
                    min={0}
                    w={120}
                    allowDecimal={false}
                  />
                  <NumberInput
                    label={t('ratMeeting.abstain')}
                    value={abstain}
                    onChange={(v) => setAbstain(n(v))}
                    min={0}
                    w={120}
                    allowDecimal={false}
                  />
                </Group>
                <TextInput
                  label={t('ratMeeting.note')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  maxLength={2000}
                />
                <Group>
                  <Button onClick={() => act.mutate('result')} loading={act.isPending}>
                    {t('ratMeeting.recordResult')}
                  </Button>
                </Group>
              </Stack>
            )}
          </>
        )}
        <ErrorAlert error={act.error} />
      </Stack>
    </Card>
  );
}

/** The latest check-ins shown on screen; the whole list is the PDF. */
const ATTENDANCE_SHOWN = 50;

/**
 * The RAT's papers: the RAT book (any time), the attendance list, and once the meeting closed the
 * minutes, their signing (once) and the package to the Dinas (once, after signing).
 */
function PapersCard({
  orgId,
  meeting: m,
  manage,
}: {
  orgId: string;
  meeting: Meeting;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const path = { orgId, meetingId: m.id };
  const base = `/api/v1/orgs/${orgId}/rat/meetings/${m.id}`;
  const closed = m.status === 'closed';
  const minutes = useQuery({
    queryKey: ['rat-minutes', orgId, m.id],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/minutes', { params: { path } }),
      ),
  });
  const [chair, setChair] = useState('');
  const [secretary, setSecretary] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const sign = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/minutes/sign', {
          params: { path },
          body: { chair, secretary, witnesses },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['rat-minutes', orgId, m.id] }),
  });
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/package', { params: { path } }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['rat-minutes', orgId, m.id] }),
  });
  const mi = minutes.data;
  return (
    <Card withBorder data-testid="rat-papers">
      <Stack gap="sm">
        <Text fw={600} component="h3" size="md">
          {t('ratMeeting.papers.title')}
        </Text>
        <Group gap="lg">
          <Anchor href={`${base}/book.pdf`} target="_blank" data-testid="rat-book-pdf">
            {t('ratMeeting.papers.book')}
          </Anchor>
          <Anchor href={`${base}/attendance.pdf`} target="_blank">
            {t('ratMeeting.papers.attendancePdf')}
          </Anchor>
          {closed && (
            <Anchor href={`${base}/minutes.pdf`} target="_blank" data-testid="rat-minutes-pdf">
              {t('ratMeeting.papers.minutes')}
            </Anchor>
          )}
        </Group>
        {mi?.signedAt && (
          <Text size="sm" data-testid="rat-minutes-signed">
            {t('ratMeeting.papers.signed', {
              chair: mi.chair ?? '',
              by: mi.signedBy ?? '',
              at: dateTime(mi.signedAt),
            })}
          </Text>
        )}
        {mi?.packageSentAt && (
          <Text size="sm" data-testid="rat-package-sent">
            {t('ratMeeting.papers.sent', { at: dateTime(mi.packageSentAt) })}
          </Text>
        )}
        {manage && closed && mi && !mi.signedAt && (
          <Stack gap="xs" data-testid="rat-sign">
            <Text size="sm">{t('ratMeeting.papers.signHelp')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('ratMeeting.papers.chair')}
                value={chair}
                onChange={(e) => setChair(e.currentTarget.value)}
              />
              <TextInput
                label={t('ratMeeting.papers.secretary')}
                value={secretary}
                onChange={(e) => setSecretary(e.currentTarget.value)}
              />
              <TextInput
                label={t('ratMeeting.papers.witnesses')}
                value={witnesses}
                onChange={(e) => setWitnesses(e.currentTarget.value)}
              />
            </SimpleGrid>
            <Group>
              <Button onClick={() => sign.mutate()} loading={sign.isPending}>
                {t('ratMeeting.papers.sign')}
              </Button>
            </Group>
            <ErrorAlert error={sign.error} />
          </Stack>
        )}
        {manage && mi?.signedAt && !mi.packageSentAt && (
          <Group>
            <Button
              onClick={() => send.mutate()}
              loading={send.isPending}
              data-testid="rat-send-package"
            >
              {t('ratMeeting.papers.send')}
            </Button>
            <ErrorAlert error={send.error} />
          </Group>
        )}
      </Stack>
    </Card>
  );
}
