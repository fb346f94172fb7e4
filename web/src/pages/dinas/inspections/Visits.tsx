import {
  Accordion,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, upload, type Answer } from '../../../api';
import { useCan, useOrgId } from '../../../App';
import { businessToday } from '../../../calendar';
import { DayInput } from '../../../components/DayInput';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { date } from '../../../format';

type Visit = Answer<'/api/v1/orgs/{orgId}/inspections/{inspectionId}'>;
type Finding = Visit['findings'][number];

const STATUS_COLOR = { planned: 'blue.9', done: 'teal.9', cancelled: 'gray.8' } as const;
export const FOLLOW_UP_COLOR = { open: 'blue.9', done: 'teal.9', overdue: 'red.9' } as const;

/** The visits of the office (of one cooperative when chosen), a plan form and the open visit. */
export function VisitsTab({ registryId }: { registryId: string | null }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['inspections', orgId, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/inspections', {
          params: { path: { orgId }, query: { limit: 50, ...(registryId ? { registryId } : {}) } },
        }),
      ),
  });
  return (
    <Stack>
      {registryId && can('dinas.supervise') && (
        <PlanForm registryId={registryId} onPlanned={setOpen} />
      )}
      {list.error && <ErrorAlert error={list.error} />}
      <Table.ScrollContainer minWidth={320} tabIndex={0} aria-label={t('inspections.tabs.visits')}>
        <Table data-testid="visits-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                {t('inspections.visits.plannedOn')} · {t('inspections.cooperative')}
              </Table.Th>
              <Table.Th>
                {t('inspections.visits.status')} · {t('inspections.visits.findings')}
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data?.items ?? []).map((v) => (
              <Table.Tr key={v.id} data-testid="visit-row">
                <Table.Td>
                  <Text size="sm">{date(v.plannedOn)}</Text>
                  <Text size="sm" data-testid="visit-cooperative">
                    {v.registryName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    <Badge color={STATUS_COLOR[v.status]} style={{ flexShrink: 0 }}>
                      {t(`inspections.visits.statusValue.${v.status}`)}
                    </Badge>
                    <Text size="sm">
                      {t('inspections.visits.findings')}: {v.findings ?? 0}
                    </Text>
                    {v.overdueRecommendations ? (
                      <Badge color="red.9" style={{ flexShrink: 0 }}>
                        {t('inspections.visits.overdue', { count: v.overdueRecommendations })}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => setOpen(v.id)}
                    aria-label={`${t('inspections.visits.open')} ${t('inspections.visits.visitOf', { date: date(v.plannedOn) })}`}
                    data-testid="visit-open"
                  >
                    {t('inspections.visits.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.data && list.data.items.length === 0 && (
        <Text size="sm">{t('inspections.visits.none')}</Text>
      )}
      {open && <VisitCard key={open} id={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function PlanForm({
  registryId,
  onPlanned,
}: {
  registryId: string;
  onPlanned: (id: string) => void;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [plannedOn, setPlannedOn] = useState(businessToday());
  const [officers, setOfficers] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const people = useQuery({
    queryKey: ['officers', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/officers', { params: { path: { orgId } } })),
  });
  const plan = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/inspections', {
          params: { path: { orgId } },
          body: { registryId, plannedOn, purpose, officerUserIds: officers },
        }),
      ),
    onSuccess: async (v) => {
      setPurpose('');
      await qc.invalidateQueries({ queryKey: ['inspections', orgId] });
      onPlanned(v.id);
    },
  });
  return (
    <Card withBorder component="section">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('inspections.visits.plan')}
        </Title>
        <Group align="end" wrap="wrap">
          <DayInput
            label={t('inspections.visits.plannedOn')}
            value={plannedOn}
            onChange={(e) => setPlannedOn(e.currentTarget.value)}
            data-testid="visit-planned-on"
          />
          <MultiSelect
            label={t('inspections.visits.officers')}
            data={(people.data?.items ?? []).map((u) => ({ value: u.userId, label: u.fullName }))}
            value={officers}
            onChange={setOfficers}
            searchable
            w={{ base: '100%', sm: 360 }}
            data-testid="visit-officers"
          />
        </Group>
        <Textarea
          label={t('inspections.visits.purpose')}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
          data-testid="visit-purpose"
        />
        {plan.error && <ErrorAlert error={plan.error} />}
        <Group>
          <Button
            onClick={() => plan.mutate()}
            loading={plan.isPending}
            disabled={!purpose.trim() || officers.length === 0}
            data-testid="visit-plan"
          >
            {t('inspections.visits.plan')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function VisitCard({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const qc = useQueryClient();
  const key = ['inspection', orgId, id];
  const visit = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/inspections/{inspectionId}', {
          params: { path: { orgId, inspectionId: id } },
        }),
      ),
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: ['inspections', orgId] });
    await qc.invalidateQueries({ queryKey: ['sanctions', orgId] });
  };
  const [cancelReason, setCancelReason] = useState('');
  const close = useMutation({
    mutationFn: (status: 'done' | 'cancelled') =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/inspections/{inspectionId}/close', {
          params: { path: { orgId, inspectionId: id } },
          body: {
            status,
            on: businessToday(),
            ...(status === 'cancelled' ? { note: cancelReason } : {}),
          },
        }),
      ),
    onSuccess: refresh,
  });
  const v = visit.data;
  const writer = can('dinas.supervise');
  return (
    <Card withBorder component="section" data-testid="visit-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {v
              ? `${v.registryName ?? ''} — ${t('inspections.visits.visitOf', { date: date(v.plannedOn) })}`
              : '…'}
          </Title>
          <Button variant="default" size="compact-sm" onClick={onClose}>
            {t('inspections.visits.close')}
          </Button>
        </Group>
        {visit.error && <ErrorAlert error={visit.error} />}
        {v && (
          <>
            <Group gap="xs">
              <Badge color={STATUS_COLOR[v.status]} data-testid="visit-status">
                {t(`inspections.visits.statusValue.${v.status}`)}
              </Badge>
              <Text size="sm">{v.officers.map((o) => o.fullName).join(', ')}</Text>
            </Group>
            <Text size="sm">{v.purpose}</Text>
            {v.closedNote && <Text size="sm">{v.closedNote}</Text>}
            {writer && v.status === 'planned' && (
              <Group align="end" wrap="wrap">
                <Button
                  onClick={() => close.mutate('done')}
                  loading={close.isPending}
                  data-testid="visit-done"
                >
                  {t('inspections.visits.markDone')}
                </Button>
                <TextInput
                  label={t('inspections.visits.cancelReason')}
                  value={cancelReason}
                  onChange={(e) => setCancelReason(e.currentTarget.value)}
                  maxLength={2000}
                />
                <Button
                  variant="default"
                  disabled={!cancelReason.trim()}
                  onClick={() => close.mutate('cancelled')}
                >
                  {t('inspections.visits.cancel')}
                </Button>
              </Group>
            )}
            {close.error && <ErrorAlert error={close.error} />}
            <ChecklistCard
              visit={v}
              writer={writer && v.status !== 'cancelled'}
              onSaved={refresh}
            />
            <FindingsCard
              visit={v}
              writer={writer && v.status !== 'cancelled'}
              onChange={refresh}
            />
          </>
        )}
      </Stack>
    </Card>
  );
}

function ChecklistCard({
  visit,
  writer,
  onSaved,
}: {
  visit: Visit;
  writer: boolean;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const initial = Object.fromEntries(
    visit.checklists.flatMap((c) =>
      c.items.flatMap((i) => (i.answer === null ? [] : [[`${c.key}:${i.no}`, i.answer]])),
    ),
  ) as Record<string, boolean>;
  const [answers, setAnswers] = useState<Record<string, boolean>>(initial);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/inspections/{inspectionId}/checklist', {
          params: { path: { orgId, inspectionId: visit.id } },
          body: {
            answers: Object.entries(answers).map(([k, answer]) => {
              const [checklist, no] = k.split(':');
              return { checklist: checklist!, itemNo: Number(no), answer };
            }),
          },
        }),
      ),
    onSuccess: onSaved,
  });
  const of = visit.checklists.reduce((n, c) => n + c.items.length, 0);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('inspections.checklist.title')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('inspections.checklist.answered', { answered: Object.keys(answers).length, of })}
      </Text>
      <Accordion variant="contained" chevronPosition="left">
        {visit.checklists.map((c) => (
          <Accordion.Item key={c.key} value={c.key}>
            <Accordion.Control data-testid={`checklist-${c.key}`}>{c.name}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap={6}>
                {c.items.map((i) => {
                  const k = `${c.key}:${i.no}`;
                  const value = answers[k] === undefined ? '' : answers[k] ? 'ya' : 'tidak';
                  return (
                    <Group key={k} justify="space-between" wrap="wrap" gap="xs">
                      <Text size="sm" style={{ flex: '1 1 220px' }}>
                        {i.no}. {i.text}
                      </Text>
                      <SegmentedControl
                        size="xs"
                        disabled={!writer}
                        aria-label={`${c.name} ${i.no}`}
                        value={value}
                        onChange={(x) =>
                          setAnswers((a) => {
                            const next = { ...a };
                            if (x === '') delete next[k];
                            else next[k] = x === 'ya';
                            return next;
                          })
                        }
                        data={[
                          { value: '', label: t('inspections.checklist.unset') },
                          { value: 'ya', label: t('inspections.checklist.ya') },
                          { value: 'tidak', label: t('inspections.checklist.tidak') },
                        ]}
                        data-testid={`answer-${c.key}-${i.no}`}
                      />
                    </Group>
                  );
                })}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Text size="sm" c="teal.9" role="status">
          {t('inspections.checklist.saved')}
        </Text>
      )}
      {writer && (
        <Group>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            data-testid="checklist-save"
          >
            {t('inspections.checklist.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function FindingsCard({
  visit,
  writer,
  onChange,
}: {
  visit: Visit;
  writer: boolean;
  onChange: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [description, setDescription] = useState('');
  const [item, setItem] = useState<string | null>(null);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const add = useMutation({
    mutationFn: () => {
      const [checklist, no] = item ? item.split(':') : [null, null];
      return unwrap(
        client.POST('/api/v1/orgs/{orgId}/inspections/{inspectionId}/findings', {
          params: { path: { orgId, inspectionId: visit.id } },
          body: {
            description,
            checklist: checklist ?? null,
            itemNo: no ? Number(no) : null,
            latitude: lat.trim() || null,
            longitude: lon.trim() || null,
          },
        }),
      );
    },
    onSuccess: async () => {
      setDescription('');
      setItem(null);
      setLat('');
      setLon('');
      await onChange();
    },
  });
  const locate = () =>
    navigator.geolocation?.getCurrentPosition((p) => {
      setLat(p.coords.latitude.toFixed(6));
      setLon(p.coords.longitude.toFixed(6));
    });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('inspections.finding.title')}
      </Title>
      {visit.findings.length === 0 && <Text size="sm">{t('inspections.finding.none')}</Text>}
      {visit.findings.map((f) => (
        <FindingItem key={f.id} finding={f} writer={writer} onChange={onChange} />
      ))}
      {writer && (
        <Card withBorder>
          <Stack gap="xs">
            <Textarea
              label={t('inspections.finding.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              maxLength={4000}
              autosize
              minRows={2}
              data-testid="finding-description"
            />
            <Select
              label={t('inspections.finding.item')}
              data={visit.checklists.map((c) => ({
                group: c.name,
                items: c.items.map((i) => ({
                  value: `${c.key}:${i.no}`,
                  label: `${i.no}. ${i.text}`,
                })),
              }))}
              value={item}
              onChange={setItem}
              searchable
              clearable
            />
            <Group align="end" wrap="wrap">
              <TextInput
                label={t('inspections.finding.latitude')}
                value={lat}
                onChange={(e) => setLat(e.currentTarget.value)}
                inputMode="decimal"
                w={150}
                data-testid="finding-latitude"
              />
              <TextInput
                label={t('inspections.finding.longitude')}
                value={lon}
                onChange={(e) => setLon(e.currentTarget.value)}
                inputMode="decimal"
                w={150}
                data-testid="finding-longitude"
              />
              <Button variant="default" onClick={locate}>
                {t('inspections.finding.locate')}
              </Button>
            </Group>
            {add.error && <ErrorAlert error={add.error} />}
            <Group>
              <Button
                onClick={() => add.mutate()}
                loading={add.isPending}
                disabled={!description.trim()}
                data-testid="finding-add"
              >
                {t('inspections.finding.add')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function FindingItem({
  finding: f,
  writer,
  onChange,
}: {
  finding: Finding;
  writer: boolean;
  onChange: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [doneOn, setDoneOn] = useState(businessToday());
  const evidenceHref = (id: string) =>
    `/api/v1/orgs/${orgId}/inspections/findings/${f.id}/evidence/${id}`;
  const attach = useMutation({
    mutationFn: ({ file, recommendationId }: { file: File; recommendationId?: string }) => {
      const q = new URLSearchParams({ fileName: file.name });
      if (recommendationId) q.set('recommendationId', recommendationId);
      return upload(`/orgs/${orgId}/inspections/findings/${f.id}/evidence?${q.toString()}`, file);
    },
    onSuccess: onChange,
  });
  const recommend = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/inspections/findings/{findingId}/recommendations', {
          params: { path: { orgId, findingId: f.id } },
          body: { text, dueOn },
        }),
      ),
    onSuccess: async () => {
      setText('');
      setDueOn('');
      await onChange();
    },
  });
  const done = useMutation({
    mutationFn: (recommendationId: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/inspections/recommendations/{recommendationId}/done', {
          params: { path: { orgId, recommendationId } },
          body: { doneOn },
        }),
      ),
    onSuccess: onChange,
  });
  return (
    <Card withBorder data-testid="finding">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{f.description}</Text>
          <Badge color={f.resolved ? 'teal.9' : 'orange.9'}>
            {f.resolved ? t('inspections.finding.resolved') : t('inspections.finding.unresolved')}
          </Badge>
        </Group>
        {f.latitude && f.longitude && (
          <Text size="xs" c="gray.7">
            {t('inspections.finding.at', { lat: f.latitude, lon: f.longitude })}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          {f.evidence.map((e) => (
            <Anchor key={e.id} href={evidenceHref(e.id)} size="sm">
              {e.fileName}
            </Anchor>
          ))}
          {writer && (
            <FileButton
              accept="image/jpeg,image/png,application/pdf"
              onChange={(file) => file && attach.mutate({ file })}
            >
              {(props) => (
                <Button {...props} size="compact-sm" variant="default" data-testid="finding-photo">
                  {t('inspections.finding.photo')}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {writer && (
          <Text size="xs" c="gray.7">
            {t('inspections.finding.photoHint')}
          </Text>
        )}
        {f.recommendations.map((r) => (
          <Stack key={r.id} gap={4} pl="sm" data-testid="recommendation">
            <Group gap="xs" wrap="wrap">
              <Text size="sm">{r.text}</Text>
              <Text size="xs" c="gray.7">
                {t('inspections.recommendation.due', { date: date(r.dueOn) })}
              </Text>
              <Badge color={FOLLOW_UP_COLOR[r.followUp]} data-testid="recommendation-follow-up">
                {t(`inspections.recommendation.followUp.${r.followUp}`)}
              </Badge>
              {r.evidence.map((e) => (
                <Anchor key={e.id} href={evidenceHref(e.id)} size="sm">
                  {e.fileName}
                </Anchor>
              ))}
            </Group>
            {writer && r.followUp !== 'done' && (
              <Group gap="xs" align="end" wrap="wrap">
                <FileButton
                  accept="image/jpeg,image/png,application/pdf"
                  onChange={(file) => file && attach.mutate({ file, recommendationId: r.id })}
                >
                  {(props) => (
                    <Button {...props} size="compact-sm" variant="default">
                      {t('inspections.recommendation.evidence')}
                    </Button>
                  )}
                </FileButton>
                <DayInput
                  label={t('inspections.recommendation.doneOn')}
                  value={doneOn}
                  onChange={(e) => setDoneOn(e.currentTarget.value)}
                  size="xs"
                />
                <Button
                  size="compact-sm"
                  onClick={() => done.mutate(r.id)}
                  loading={done.isPending}
                >
                  {t('inspections.recommendation.done')}
                </Button>
              </Group>
            )}
          </Stack>
        ))}
        {attach.error && <ErrorAlert error={attach.error} />}
        {done.error && <ErrorAlert error={done.error} />}
        {writer && (
          <Group align="end" wrap="wrap">
            <TextInput
              label={t('inspections.recommendation.text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={2000}
              style={{ flex: '1 1 240px' }}
              data-testid="recommendation-text"
            />
            <DayInput
              label={t('inspections.recommendation.dueOn')}
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
              data-testid="recommendation-due"
            />
            <Button
              variant="default"
              onClick={() => recommend.mutate()}
              loading={recommend.isPending}
              disabled={!text.trim() || !dueOn}
              data-testid="recommendation-add"
            >
              {t('inspections.recommendation.add')}
            </Button>
          </Group>
        )}
        {recommend.error && <ErrorAlert error={recommend.error} />}
      </Stack>
    </Card>
  );
}
