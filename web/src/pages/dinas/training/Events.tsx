import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../../api';
import { useCan, useOrgId } from '../../../App';
import { DayInput } from '../../../components/DayInput';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { date } from '../../../format';
import { CooperativePicker } from '../assessments/Editor';
import { percentOfBps } from '../early-warning/warnings';
import { FormProblems } from './FormProblems';

export type EventDetail = Answer<'/api/v1/orgs/{orgId}/trainings/{eventId}'>;
type Participant = EventDetail['participantList'][number];

export const POSITIONS = ['manajer', 'pengurus', 'pengawas', 'karyawan'] as const;
const RESULTS = ['lulus', 'tidak_lulus', 'peserta'] as const;

const dates = (from: string, to: string) =>
  from === to ? date(from) : `${date(from)} – ${date(to)}`;

/** The office's training events, a new one, and the one opened with its participants. */
export function EventsTab() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['trainings', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/trainings', {
          params: { path: { orgId }, query: { limit: 100 } },
        }),
      ),
  });
  return (
    <Stack>
      {may('dinas.training') && !creating && (
        <Group>
          <Button onClick={() => setCreating(true)} data-testid="training-new">
            {t('training.new')}
          </Button>
        </Group>
      )}
      {creating && (
        <NewEventForm
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      )}
      {openId && <EventCard eventId={openId} onClose={() => setOpenId(null)} />}
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <Text c="gray.7">{t('training.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720} tabIndex={0} aria-label={t('training.tabs.events')}>
          <Table data-testid="training-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('training.field.title')}</Table.Th>
                <Table.Th>{t('training.field.dates')}</Table.Th>
                <Table.Th>{t('training.field.organiser')}</Table.Th>
                <Table.Th ta="right">{t('training.field.sessions')}</Table.Th>
                <Table.Th ta="right">{t('training.field.participants')}</Table.Th>
                <Table.Th ta="right">{t('training.field.passed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id} data-testid="training-row">
                  <Table.Td>{e.title}</Table.Td>
                  <Table.Td>{dates(e.startsOn, e.endsOn)}</Table.Td>
                  <Table.Td>{e.organiser}</Table.Td>
                  <Table.Td ta="right">{e.sessions}</Table.Td>
                  <Table.Td ta="right">{e.participants}</Table.Td>
                  <Table.Td ta="right">{e.passed}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setOpenId(e.id)}
                      aria-label={`${t('training.open')}: ${e.title}`}
                      data-testid="training-open"
                    >
                      {t('training.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

interface SessionDraft {
  heldOn: string;
  topic: string;
  trainer: string;
}

function NewEventForm({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [f, setF] = useState({
    title: '',
    organiser: '',
    topic: '',
    startsOn: '',
    endsOn: '',
    online: false,
    location: '',
  });
  const [sessions, setSessions] = useState<SessionDraft[]>([
    { heldOn: '', topic: '', trainer: '' },
  ]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/trainings', {
          params: { path: { orgId } },
          body: {
            ...f,
            location: f.location.trim() ? f.location : null,
            sessions: sessions.filter((s) => s.heldOn || s.topic || s.trainer),
          },
        }),
      ),
    onSuccess: async (e) => {
      await qc.invalidateQueries({ queryKey: ['trainings', orgId] });
      onCreated(e.id);
    },
  });
  const text = (key: 'title' | 'organiser' | 'topic' | 'location') => (
    <TextInput
      label={t(`training.field.${key}`)}
      value={f[key]}
      onChange={(e) => setF({ ...f, [key]: e.currentTarget.value })}
      data-testid={`training-${key}`}
      required={key !== 'location' || !f.online}
    />
  );
  const setSession = (i: number, s: Partial<SessionDraft>) =>
    setSessions(sessions.map((x, j) => (j === i ? { ...x, ...s } : x)));
  return (
    <Card withBorder data-testid="training-form">
      <Stack>
        <Title order={2} size="h4">
          {t('training.new')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('title')}
          {text('organiser')}
          {text('topic')}
          {text('location')}
          <DayInput
            label={t('training.field.startsOn')}
            value={f.startsOn}
            onChange={(e) => setF({ ...f, startsOn: e.currentTarget.value })}
            data-testid="training-startsOn"
            required
          />
          <DayInput
            label={t('training.field.endsOn')}
            value={f.endsOn}
            onChange={(e) => setF({ ...f, endsOn: e.currentTarget.value })}
            data-testid="training-endsOn"
            required
          />
        </SimpleGrid>
        <Checkbox
          label={t('training.field.online')}
          checked={f.online}
          onChange={(e) => setF({ ...f, online: e.currentTarget.checked })}
        />
        <Title order={3} size="h5">
          {t('training.field.sessions')}
        </Title>
        {sessions.map((s, i) => (
          <Group key={i} align="flex-end" gap="xs" data-testid="training-session-draft">
            <DayInput
              label={`${t('training.sessionN', { n: i + 1 })} · ${t('training.field.heldOn')}`}
              value={s.heldOn}
              onChange={(e) => setSession(i, { heldOn: e.currentTarget.value })}
              data-testid="session-heldOn"
            />
            <TextInput
              label={t('training.field.topic')}
              value={s.topic}
              onChange={(e) => setSession(i, { topic: e.currentTarget.value })}
              data-testid="session-topic"
            />
            <TextInput
              label={t('training.field.trainer')}
              value={s.trainer}
              onChange={(e) => setSession(i, { trainer: e.currentTarget.value })}
              data-testid="session-trainer"
            />
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('training.removeSession', { n: i + 1 })}
              onClick={() => setSessions(sessions.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => setSessions([...sessions, { heldOn: '', topic: '', trainer: '' }])}
            data-testid="training-add-session"
          >
            {t('training.addSession')}
          </Button>
        </Group>
        <FormProblems error={save.error} />
        <Group>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            data-testid="training-save"
          >
            {t('training.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('training.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** One event: its sessions, and its participants with attendance and result. */
function EventCard({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const qc = useQueryClient();
  const key = ['training', orgId, eventId];
  const q = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/trainings/{eventId}', {
          params: { path: { orgId, eventId } },
        }),
      ),
  });
  const updated = async (e: EventDetail) => {
    qc.setQueryData(key, e);
    await qc.invalidateQueries({ queryKey: ['trainings', orgId] });
  };
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  const e = q.data;
  const writer = may('dinas.training');
  return (
    <Card withBorder data-testid="training-detail">
      <Stack>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {e.title}
            </Title>
            <Text size="sm" c="gray.7">
              {dates(e.startsOn, e.endsOn)} · {e.organiser} · {e.topic} ·{' '}
              {e.online ? t('training.online') : ''}
              {e.online && e.location ? ' · ' : ''}
              {e.location ?? ''}
            </Text>
          </div>
          <Button size="xs" variant="default" onClick={onClose}>
            {t('training.close')}
          </Button>
        </Group>
        <Table.ScrollContainer
          minWidth={480}
          tabIndex={0}
          aria-label={t('training.field.sessions')}
        >
          <Table data-testid="training-sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('training.field.heldOn')}</Table.Th>
                <Table.Th>{t('training.field.topic')}</Table.Th>
                <Table.Th>{t('training.field.trainer')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.sessionList.map((s, i) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>{date(s.heldOn)}</Table.Td>
                  <Table.Td>{s.topic}</Table.Td>
                  <Table.Td>{s.trainer}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Title order={3} size="h5">
          {t('training.field.participants')}
        </Title>
        {writer && <AddParticipant eventId={eventId} onAdded={updated} />}
        {e.participantList.length === 0 ? (
          <Text c="gray.7">{t('training.noParticipants')}</Text>
        ) : (
          <Table.ScrollContainer
            minWidth={860}
            tabIndex={0}
            aria-label={t('training.field.participants')}
          >
            <Table data-testid="participants-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('training.field.fullName')}</Table.Th>
                  <Table.Th>{t('training.field.cooperative')}</Table.Th>
                  <Table.Th>{t('training.field.attendance')}</Table.Th>
                  <Table.Th>{t('training.field.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {e.participantList.map((p) => (
                  <ParticipantRow key={p.id} event={e} p={p} writer={writer} onSaved={updated} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function AddParticipant({
  eventId,
  onAdded,
}: {
  eventId: string;
  onAdded: (e: EventDetail) => Promise<void>;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState<(typeof POSITIONS)[number]>('manajer');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/trainings/{eventId}/participants', {
          params: { path: { orgId, eventId } },
          body: { registryId: registryId ?? '', fullName, position },
        }),
      ),
    onSuccess: async (e) => {
      setFullName('');
      await onAdded(e);
    },
  });
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <CooperativePicker
          label={t('training.field.cooperative')}
          value={registryId}
          onChange={setRegistryId}
          testId="participant-cooperative"
        />
        <TextInput
          label={t('training.field.fullName')}
          value={fullName}
          onChange={(ev) => setFullName(ev.currentTarget.value)}
          data-testid="participant-name"
        />
        <Select
          label={t('training.field.position')}
          data={POSITIONS.map((p) => ({ value: p, label: t(`training.position.${p}`) }))}
          value={position}
          allowDeselect={false}
          onChange={(v) => v && setPosition(v)}
          data-testid="participant-position"
        />
      </SimpleGrid>
      <FormProblems error={add.error} />
      <Group>
        <Button
          size="xs"
          onClick={() => add.mutate()}
          loading={add.isPending}
          disabled={!registryId || !fullName.trim()}
          data-testid="participant-add"
        >
          {t('training.addParticipant')}
        </Button>
      </Group>
    </Stack>
  );
}

function ParticipantRow({
  event,
  p,
  writer,
  onSaved,
}: {
  event: EventDetail;
  p: Participant;
  writer: boolean;
  onSaved: (e: EventDetail) => Promise<void>;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const path = { orgId, eventId: event.id, participantId: p.id };
  const [result, setResult] = useState<string>(p.result ?? '');
  const [score, setScore] = useState<number | string>(p.score ?? '');
  const mark = useMutation({
    mutationFn: (m: { sessionId: string; present: boolean }) =>
      unwrap(
        client.PUT(
          '/api/v1/orgs/{orgId}/trainings/{eventId}/participants/{participantId}/attendance',
          { params: { path }, body: { sessions: [m] } },
        ),
      ),
    onSuccess: onSaved,
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/trainings/{eventId}/participants/{participantId}/result', {
          params: { path },
          body: {
            result: result === '' ? null : (result as (typeof RESULTS)[number]),
            score: score === '' ? null : Number(score),
          },
        }),
      ),
    onSuccess: onSaved,
  });
  return (
    <Table.Tr data-testid="participant-row">
      <Table.Td>
        <Text size="sm">{p.fullName}</Text>
        <Text size="xs" c="gray.7">
          {t(`training.position.${p.position}`)}
        </Text>
      </Table.Td>
      <Table.Td>{p.cooperative}</Table.Td>
      <Table.Td>
        <Group gap={6}>
          {event.sessionList.map((s, i) => (
            <Checkbox
              key={s.id}
              label={i + 1}
              aria-label={t('training.presentAt', {
                name: p.fullName,
                n: i + 1,
                date: date(s.heldOn),
              })}
              checked={p.presentSessionIds.includes(s.id)}
              disabled={!writer || mark.isPending}
              onChange={(ev) => mark.mutate({ sessionId: s.id, present: ev.currentTarget.checked })}
              data-testid="attendance-check"
            />
          ))}
        </Group>
        <Text size="xs" c="gray.7" data-testid="attendance-rate">
          {p.rateBps === null
            ? '–'
            : t('training.rate', {
                attended: p.attended,
                sessions: p.sessions,
                rate: percentOfBps(p.rateBps),
              })}
        </Text>
        {mark.error && <ErrorAlert error={mark.error} />}
      </Table.Td>
      <Table.Td>
        {writer ? (
          <Stack gap={4}>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <Select
                aria-label={t('training.resultFor', { name: p.fullName })}
                data={[
                  { value: '', label: t('training.result.none') },
                  ...RESULTS.map((r) => ({ value: r, label: t(`training.result.${r}`) })),
                ]}
                value={result}
                allowDeselect={false}
                onChange={(v) => setResult(v ?? '')}
                w={170}
                size="xs"
                data-testid="result-select"
              />
              <NumberInput
                aria-label={t('training.scoreFor', { name: p.fullName })}
                placeholder={t('training.field.score')}
                value={score}
                onChange={setScore}
                min={0}
                max={100}
                allowDecimal={false}
                w={90}
                size="xs"
                data-testid="result-score"
              />
              <Button
                size="xs"
                onClick={() => save.mutate()}
                loading={save.isPending}
                aria-label={t('training.saveResultFor', { name: p.fullName })}
                data-testid="result-save"
              >
                {t('training.save')}
              </Button>
            </Group>
            <FormProblems error={save.error} />
          </Stack>
        ) : (
          <Text size="sm">
            {p.result ? t(`training.result.${p.result}`) : t('training.result.none')}
            {p.score !== null ? ` (${p.score})` : ''}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
