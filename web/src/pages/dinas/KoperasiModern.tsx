import { LineChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  NumberInput,
  Progress,
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
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, upload, type Answer } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { businessToday } from '../../calendar';
import {
  ChartCard,
  monthLabel,
  ScrollableTable,
  SERIES_COLORS,
} from '../../components/charts/ChartCard';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, dateTime } from '../../format';

/**
 * The koperasi modern programme (docs/domain/supervision-koperasi-modern.md): the city's target and
 * how many cooperatives meet every criterion of a version over time, those closest to qualifying,
 * and each cooperative's checklist with evidence (examiners record; everyone reads).
 */

type Progress = Answer<'/api/v1/orgs/{orgId}/koperasi-modern/progress'>;
type Version = Progress['version'];
type Standing = Progress['closest'][number];
type CooperativeState = Answer<'/api/v1/orgs/{orgId}/koperasi-modern/cooperatives/{registryId}'>;

const itemText = (lang: string, i: { text: string; textEn: string }) =>
  lang === 'en' ? i.textEn : i.text;

function periodLabel(label: string, lang: string): string {
  return label.includes('Q')
    ? `${lang === 'en' ? 'Q' : 'T'}${label.slice(6)} ${label.slice(0, 4)}`
    : monthLabel(label, lang);
}

export function KoperasiModernPage() {
  const { t, i18n } = useTranslation();
  const orgId = useOrgId();
  const [versionId, setVersionId] = useState<string | null>(null);
  const [by, setBy] = useState<'quarter' | 'month'>('quarter');
  const [selected, setSelected] = useState<string | null>(null);
  const versions = useQuery({
    queryKey: ['km-versions', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/koperasi-modern/criteria', {
          params: { path: { orgId } },
        }),
      ),
  });
  const progress = useQuery({
    queryKey: ['km-progress', orgId, versionId, by],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/koperasi-modern/progress', {
          params: { path: { orgId }, query: { by, ...(versionId ? { versionId } : {}) } },
        }),
      ),
  });
  const version = progress.data?.version;
  return (
    <Stack data-testid="koperasi-modern-page">
      <PageTitle>{t('koperasiModern.title')}</PageTitle>
      <Text size="sm" c="gray.7">
        {t('koperasiModern.disclaimer')}
      </Text>
      <Group align="end" wrap="wrap">
        <Select
          label={t('koperasiModern.version')}
          data={(versions.data?.items ?? []).map((v) => ({ value: v.id, label: v.title }))}
          value={version?.id ?? null}
          onChange={(v) => v && setVersionId(v)}
          allowDeselect={false}
          w={{ base: '100%', sm: 420 }}
          data-testid="km-version"
        />
        <SegmentedControl
          aria-label={t('koperasiModern.by')}
          value={by}
          onChange={(v) => setBy(v === 'month' ? 'month' : 'quarter')}
          data={[
            { value: 'quarter', label: t('koperasiModern.byQuarter') },
            { value: 'month', label: t('koperasiModern.byMonth') },
          ]}
          data-testid="km-by"
        />
      </Group>
      {version && (
        <Text size="xs" c="gray.7">
          {t('koperasiModern.source', { source: version.sourceDocument })}
          {version.sourceNote ? ` — ${version.sourceNote}` : ''}
        </Text>
      )}
      {progress.error && <ErrorAlert error={progress.error} />}
      {progress.data && (
        <>
          <TargetCard p={progress.data} />
          <ProgressChart p={progress.data} lang={i18n.language} />
          <ClosestCard p={progress.data} lang={i18n.language} onOpen={setSelected} />
          <CooperativesCard version={progress.data.version} onOpen={setSelected} />
          {selected && (
            <ChecklistCard
              key={`${selected}-${progress.data.version.id}`}
              registryId={selected}
              version={progress.data.version}
              onClose={() => setSelected(null)}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function TargetCard({ p }: { p: Progress }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const qc = useQueryClient();
  const [count, setCount] = useState<number | string>(p.target?.targetCount ?? '');
  const [year, setYear] = useState<number | string>(
    p.target?.targetYear ?? Number(businessToday().slice(0, 4)),
  );
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/koperasi-modern/targets', {
          params: { path: { orgId } },
          body: {
            versionId: p.version.id,
            targetCount: Number(count),
            targetYear: Number(year),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setNote('');
      await qc.invalidateQueries({ queryKey: ['km-progress', orgId] });
    },
  });
  const target = p.target;
  return (
    <Card withBorder component="section" data-testid="km-target">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('koperasiModern.target.title')}
        </Title>
        {target ? (
          <>
            <Text fw={700} data-testid="km-target-headline">
              {t('koperasiModern.target.headline', {
                count: target.targetCount,
                year: target.targetYear,
              })}
            </Text>
            <Progress
              value={target.percent}
              color="teal.9"
              aria-label={t('koperasiModern.target.progress', {
                now: p.qualifyingNow,
                count: target.targetCount,
                percent: target.percent,
              })}
            />
            <Text size="sm" data-testid="km-target-progress">
              {t('koperasiModern.target.progress', {
                now: p.qualifyingNow,
                count: target.targetCount,
                percent: target.percent,
              })}
            </Text>
            {target.setBy && (
              <Text size="xs" c="gray.7">
                {t('koperasiModern.target.setBy', {
                  name: target.setBy,
                  at: dateTime(target.setAt),
                })}
                {target.note ? ` — ${target.note}` : ''}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="gray.7">
            {t('koperasiModern.target.none')}
          </Text>
        )}
        {can('dinas.manage') && (
          <Group align="end" wrap="wrap">
            <NumberInput
              label={t('koperasiModern.target.count')}
              value={count}
              onChange={setCount}
              min={1}
              max={100000}
              allowDecimal={false}
              w={160}
              data-testid="km-target-count"
            />
            <NumberInput
              label={t('koperasiModern.target.year')}
              value={year}
              onChange={setYear}
              min={2000}
              max={2100}
              allowDecimal={false}
              thousandSeparator=""
              w={120}
              data-testid="km-target-year"
            />
            <TextInput
              label={t('koperasiModern.target.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={500}
              w={{ base: '100%', sm: 260 }}
            />
            <Button
              onClick={() => save.mutate()}
              loading={save.isPending}
              data-testid="km-target-save"
            >
              {t('koperasiModern.target.save')}
            </Button>
          </Group>
        )}
        {save.error && <ErrorAlert error={save.error} />}
      </Stack>
    </Card>
  );
}

function ProgressChart({ p, lang }: { p: Progress; lang: string }) {
  const { t } = useTranslation();
  const series = t('koperasiModern.chart.series');
  const last = p.series.at(-1);
  const max = Math.max(p.target?.targetCount ?? 0, ...p.series.map((s) => s.qualifying), 1);
  return (
    <ChartCard
      testId="km-progress"
      title={t('koperasiModern.chart.title')}
      headline={String(p.qualifyingNow)}
      summary={t('koperasiModern.chart.summary', {
        count: p.qualifyingNow,
        period: last ? periodLabel(last.label, lang) : '–',
        assessed: p.assessed,
      })}
      table={{
        columns: [t('koperasiModern.chart.period'), series],
        rows: p.series.map((s) => [periodLabel(s.label, lang), s.qualifying]),
      }}
    >
      <LineChart
        h={220}
        data={p.series.map((s) => ({ period: periodLabel(s.label, lang), [series]: s.qualifying }))}
        dataKey="period"
        series={[{ name: series, color: SERIES_COLORS.teal }]}
        yAxisProps={{ width: 40, allowDecimals: false, domain: [0, max] }}
        referenceLines={
          p.target
            ? [
                {
                  y: p.target.targetCount,
                  label: t('koperasiModern.chart.targetLine', { count: p.target.targetCount }),
                  color: SERIES_COLORS.red,
                },
              ]
            : []
        }
        curveType="step"
      />
    </ChartCard>
  );
}

function MissingList({ s, lang }: { s: Standing; lang: string }) {
  return (
    <Text size="xs">{s.missing.map((m) => `${m.no}. ${itemText(lang, m)}`).join('; ') || '–'}</Text>
  );
}

function ClosestCard({
  p,
  lang,
  onOpen,
}: {
  p: Progress;
  lang: string;
  onOpen: (registryId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" data-testid="km-closest">
      <Title order={2} size="h4" mb="xs">
        {t('koperasiModern.closest.title')}
      </Title>
      {p.closest.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('koperasiModern.closest.none')}
        </Text>
      ) : (
        <ScrollableTable label={t('koperasiModern.closest.title')}>
          <Table miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('koperasiModern.list.cooperative')}</Table.Th>
                <Table.Th>{t('koperasiModern.list.standing')}</Table.Th>
                <Table.Th>{t('koperasiModern.closest.missing')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.closest.map((s) => (
                <Table.Tr key={s.registryId} data-testid="km-closest-row">
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      c="blue.9"
                      size="sm"
                      onClick={() => onOpen(s.registryId)}
                    >
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {t('koperasiModern.list.metOf', { met: s.met ?? 0, total: s.total ?? 0 })}
                  </Table.Td>
                  <Table.Td>
                    <MissingList s={s} lang={lang} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
    </Card>
  );
}

function CooperativesCard({
  version,
  onOpen,
}: {
  version: Version;
  onOpen: (registryId: string) => void;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['km-cooperatives', orgId, version.id, q],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/koperasi-modern/cooperatives', {
          params: {
            path: { orgId },
            query: { versionId: version.id, limit: 20, ...(q.trim() ? { q: q.trim() } : {}) },
          },
        }),
      ),
  });
  return (
    <Card withBorder component="section" data-testid="km-cooperatives">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('koperasiModern.list.title')}
        </Title>
        <TextInput
          label={t('koperasiModern.list.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maxLength={100}
          data-testid="km-search"
        />
        {list.error && <ErrorAlert error={list.error} />}
        <ScrollableTable label={t('koperasiModern.list.title')}>
          <Table miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('koperasiModern.list.cooperative')}</Table.Th>
                <Table.Th>{t('koperasiModern.list.standing')}</Table.Th>
                <Table.Th>{t('koperasiModern.list.assessedOn')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.items ?? []).map((s) => (
                <Table.Tr key={s.registryId} data-testid="km-coop-row">
                  <Table.Td>
                    {s.name}{' '}
                    {s.runsOnSokoguru && (
                      <Badge size="xs" color="blue.9">
                        {t('koperasiModern.list.onSokoguru')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {s.qualifies ? (
                      <Badge color="teal.9">{t('koperasiModern.list.qualifies')}</Badge>
                    ) : s.met === null ? (
                      t('koperasiModern.list.notAssessed')
                    ) : (
                      t('koperasiModern.list.metOf', { met: s.met, total: s.total ?? 0 })
                    )}
                  </Table.Td>
                  <Table.Td>{s.assessedOn ? date(s.assessedOn) : '–'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => onOpen(s.registryId)}
                      aria-label={t('koperasiModern.list.openFor', { name: s.name })}
                      data-testid="km-open"
                    >
                      {t('koperasiModern.list.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      </Stack>
    </Card>
  );
}

type Draft = Record<number, { met: boolean | null; note: string; files: File[] }>;

function ChecklistCard({
  registryId,
  version,
  onClose,
}: {
  registryId: string;
  version: Version;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'start' }), []);
  const state = useQuery({
    queryKey: ['km-cooperative', orgId, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/koperasi-modern/cooperatives/{registryId}', {
          params: { path: { orgId, registryId } },
        }),
      ),
  });
  return (
    <Card withBorder component="section" data-testid="km-checklist" ref={ref}>
      {state.error && <ErrorAlert error={state.error} />}
      {state.data && (
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h4">
              {t('koperasiModern.checklist.title', { name: state.data.name })}
            </Title>
            <Button variant="subtle" size="compact-sm" onClick={onClose}>
              {t('koperasiModern.checklist.close')}
            </Button>
          </Group>
          <LatestChecklist s={state.data} version={version} lang={i18n.language} />
          {can('dinas.supervise') && (
            <ChecklistForm
              key={state.data.checklists[0]?.id ?? 'none'}
              s={state.data}
              version={version}
              lang={i18n.language}
            />
          )}
          <History s={state.data} />
        </Stack>
      )}
    </Card>
  );
}

function LatestChecklist({
  s,
  version,
  lang,
}: {
  s: CooperativeState;
  version: Version;
  lang: string;
}) {
  const { t } = useTranslation();
  const latest = s.checklists.find((c) => c.versionId === version.id);
  if (!latest)
    return (
      <Text size="sm" c="gray.7">
        {t('koperasiModern.checklist.noneYet')}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="km-latest">
      <Text size="sm" fw={700}>
        {t('koperasiModern.checklist.latest')}: {date(latest.assessedOn)} ·{' '}
        {latest.qualifies
          ? t('koperasiModern.list.qualifies')
          : t('koperasiModern.list.metOf', { met: latest.met, total: latest.total })}{' '}
        · {latest.assessorName}
      </Text>
      {version.items.map((i) => {
        const a = latest.answers.find((x) => x.itemNo === i.no);
        return (
          <Group key={i.no} gap="xs" wrap="wrap">
            <Badge color={a?.met ? 'teal.9' : 'gray.7'} variant="filled">
              {a?.met ? t('koperasiModern.checklist.met') : t('koperasiModern.checklist.notMet')}
            </Badge>
            <Text size="sm">
              {i.no}. {itemText(lang, i)}
              {a?.note ? ` — ${a.note}` : ''}
            </Text>
            {a?.evidence.map((e) => (
              <Anchor key={e.id} size="xs" c="blue.9" href={`/api/v1${e.href}`}>
                {e.fileName}
              </Anchor>
            ))}
          </Group>
        );
      })}
    </Stack>
  );
}

function ChecklistForm({
  s,
  version,
  lang,
}: {
  s: CooperativeState;
  version: Version;
  lang: string;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const suggestions = s.versions.find((v) => v.versionId === version.id)?.suggestions ?? [];
  const [assessedOn, setAssessedOn] = useState(businessToday());
  const [note, setNote] = useState('');
  const [unanswered, setUnanswered] = useState(false);
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(
      version.items.map((i) => {
        const sg = suggestions.find((x) => x.itemNo === i.no);
        return [i.no, { met: sg ? sg.met : null, note: sg?.note ?? '', files: [] }];
      }),
    ),
  );
  const set = (no: number, patch: Partial<Draft[number]>) => {
    setUnanswered(false);
    setDraft((d) => ({ ...d, [no]: { ...d[no]!, ...patch } }));
  };
  const save = useMutation({
    mutationFn: async () => {
      const saved = await unwrap(
        client.POST('/api/v1/orgs/{orgId}/koperasi-modern/cooperatives/{registryId}/checklists', {
          params: { path: { orgId, registryId: s.registryId } },
          body: {
            versionId: version.id,
            assessedOn,
            ...(note.trim() ? { note: note.trim() } : {}),
            answers: version.items.map((i) => ({
              itemNo: i.no,
              met: draft[i.no]?.met === true,
              ...(draft[i.no]?.note.trim() ? { note: draft[i.no]!.note.trim() } : {}),
            })),
          },
        }),
      );
      for (const i of version.items)
        for (const f of draft[i.no]?.files ?? []) {
          const q = new URLSearchParams({ itemNo: String(i.no), fileName: f.name });
          await upload(
            `/orgs/${orgId}/koperasi-modern/cooperatives/${s.registryId}/checklists/${saved.id}/evidence?${q.toString()}`,
            f,
          );
        }
    },
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: ['km-cooperative', orgId, s.registryId] });
      await qc.invalidateQueries({ queryKey: ['km-progress', orgId] });
      await qc.invalidateQueries({ queryKey: ['km-cooperatives', orgId] });
    },
  });
  const submit = () => {
    const missing = version.items.some((i) => draft[i.no]?.met === null);
    setUnanswered(missing);
    if (!missing) save.mutate();
  };
  return (
    <Card withBorder bg="gray.0" data-testid="km-form">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('koperasiModern.checklist.new')}
        </Title>
        <DayInput
          label={t('koperasiModern.checklist.assessedOn')}
          value={assessedOn}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
            setAssessedOn(e.currentTarget.value)
          }
          w={200}
          data-testid="km-assessed-on"
        />
        {version.items.map((i) => {
          const d = draft[i.no]!;
          const sg = suggestions.some((x) => x.itemNo === i.no);
          return (
            <Stack key={i.no} gap={4} data-testid={`km-item-${i.no}`}>
              <Text size="sm" id={`km-q-${i.no}`}>
                {i.no}. {itemText(lang, i)}{' '}
                {sg && (
                  <Badge size="xs" color="blue.9">
                    {t('koperasiModern.checklist.suggested')}
                  </Badge>
                )}
              </Text>
              <Group gap="xs" wrap="wrap" align="center">
                <SegmentedControl
                  size="xs"
                  aria-labelledby={`km-q-${i.no}`}
                  value={d.met === null ? '' : d.met ? 'met' : 'not'}
                  onChange={(v) => set(i.no, { met: v === 'met' })}
                  data={[
                    { value: 'met', label: t('koperasiModern.checklist.met') },
                    { value: 'not', label: t('koperasiModern.checklist.notMet') },
                  ]}
                  data-testid={`km-answer-${i.no}`}
                />
                <TextInput
                  size="xs"
                  aria-label={t('koperasiModern.checklist.itemNote', { no: i.no })}
                  placeholder={t('koperasiModern.checklist.itemNote', { no: i.no })}
                  value={d.note}
                  onChange={(e) => set(i.no, { note: e.currentTarget.value })}
                  maxLength={1000}
                  style={{ flex: '1 1 200px' }}
                  data-testid={`km-note-${i.no}`}
                />
                <FileButton
                  accept="image/jpeg,image/png,application/pdf"
                  onChange={(f) => f && set(i.no, { files: [...d.files, f] })}
                >
                  {(props) => (
                    <Button
                      {...props}
                      size="compact-xs"
                      variant="default"
                      aria-label={t('koperasiModern.checklist.attachFor', { no: i.no })}
                      data-testid={`km-attach-${i.no}`}
                    >
                      {t('koperasiModern.checklist.attach')}
                    </Button>
                  )}
                </FileButton>
                {d.files.map((f) => (
                  <Text key={f.name} size="xs" data-testid={`km-file-${i.no}`}>
                    {f.name}
                  </Text>
                ))}
              </Group>
            </Stack>
          );
        })}
        <Text size="xs" c="gray.7">
          {t('koperasiModern.checklist.fileHint')}
        </Text>
        <Textarea
          label={t('koperasiModern.checklist.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
        />
        {unanswered && (
          <Text size="sm" c="red.9" role="alert">
            {t('koperasiModern.checklist.unanswered')}
          </Text>
        )}
        {save.error && <ErrorAlert error={save.error} />}
        <Group>
          <Button onClick={submit} loading={save.isPending} data-testid="km-save">
            {t('koperasiModern.checklist.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function History({ s }: { s: CooperativeState }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const versions = useQuery({
    queryKey: ['km-versions', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/koperasi-modern/criteria', {
          params: { path: { orgId } },
        }),
      ),
  });
  if (s.checklists.length === 0) return null;
  const title = (id: string) => versions.data?.items.find((v) => v.id === id)?.title ?? id;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {t('koperasiModern.checklist.history')}
      </Title>
      <ScrollableTable label={t('koperasiModern.checklist.history')}>
        <Table miw={560} data-testid="km-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('koperasiModern.list.assessedOn')}</Table.Th>
              <Table.Th>{t('koperasiModern.version')}</Table.Th>
              <Table.Th>{t('koperasiModern.list.standing')}</Table.Th>
              <Table.Th>{t('koperasiModern.checklist.assessor')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.checklists.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(c.assessedOn)}</Table.Td>
                <Table.Td>{title(c.versionId)}</Table.Td>
                <Table.Td>
                  {c.qualifies
                    ? t('koperasiModern.list.qualifies')
                    : t('koperasiModern.list.metOf', { met: c.met, total: c.total })}
                </Table.Td>
                <Table.Td>{c.assessorName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
    </Stack>
  );
}
