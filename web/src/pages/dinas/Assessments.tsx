import {
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
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
import { client, unwrap, upload, type Answer } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dateTime, rupiah } from '../../format';

/**
 * The examiner's health assessments (docs/domain/supervision-health.md): the region's assessments
 * per cooperative; a new one (cooperative, period, rubric version; figures prefilled from the
 * latest report for the period when there is one); the checklists item by item with Ya / Tidak
 * and evidence; the score as it stands, scored by the server's engine on every change; finalising;
 * the PDF report.
 */

type Detail = Answer<'/api/v1/orgs/{orgId}/health/assessments/{assessmentId}'>;
type Result = Detail['result'];
type Form = Answer<'/api/v1/orgs/{orgId}/health/rubric-versions/{rubricId}/{version}/form'>;

const PREDIKAT_COLOR: Record<string, string> = {
  Sehat: 'green.9',
  'Cukup Sehat': 'blue.8',
  'Dalam Pengawasan': 'orange.9',
  'Dalam Pengawasan Khusus': 'red.9',
};

export function PredikatBadge({
  predikat,
  provisional,
}: {
  predikat: string;
  provisional: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={PREDIKAT_COLOR[predikat] ?? 'gray.8'} data-testid="predikat">
        {predikat}
      </Badge>
      {provisional && (
        <Badge color="gray.8" variant="outline" title={t('assessments.provisionalHint')}>
          {t('assessments.provisional')}
        </Badge>
      )}
    </Group>
  );
}

/** Every component with its inputs, formula, ratio, band, nilai and skor; aspects; total. */
function ResultView({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="assessment-result">
      <Group>
        <Text fw={700} data-testid="total-score">
          {t('assessments.total')}: {result.totalScore}
        </Text>
        <PredikatBadge predikat={result.predikat} provisional={result.provisional} />
      </Group>
      {result.provisional && (
        <Card withBorder padding="xs" data-testid="provisional-note">
          <Text size="sm" fw={700}>
            {t('assessments.provisional')}
          </Text>
          <Text size="sm">{t('assessments.provisionalHint')}</Text>
        </Card>
      )}
      <Table.ScrollContainer minWidth={360} tabIndex={0} aria-label={t('assessments.aspects')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessments.aspect')}</Table.Th>
              <Table.Th ta="right">{t('assessments.weight')}</Table.Th>
              <Table.Th ta="right">{t('assessments.score')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.aspects.map((a) => (
              <Table.Tr key={a.key}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td ta="right">{a.weight}</Table.Td>
                <Table.Td ta="right">{a.score}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Table.ScrollContainer minWidth={700} tabIndex={0} aria-label={t('assessments.components')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessments.component')}</Table.Th>
              <Table.Th ta="right">{t('assessments.ratio')}</Table.Th>
              <Table.Th>{t('assessments.band')}</Table.Th>
              <Table.Th ta="right">{t('assessments.nilai')}</Table.Th>
              <Table.Th ta="right">{t('assessments.skor')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.components.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {c.name}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {c.formula}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {Object.entries(c.inputs)
                      .map(([k, v]) => `${k} = ${/^-?[0-9]+$/.test(v) ? rupiah(v) : v}`)
                      .join('; ')}
                  </Text>
                  {c.note && (
                    <Text size="xs" c="gray.7">
                      {c.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{c.ratioPercent ?? '–'}</Table.Td>
                <Table.Td>{c.band}</Table.Td>
                <Table.Td ta="right">{c.nilai}</Table.Td>
                <Table.Td ta="right">
                  {c.skor} ({c.points})
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** A cooperative of the region's registry, found by name as one types (the server searches). */
function CooperativePicker({
  label,
  value,
  onChange,
  disabled,
  testId,
  clearable,
}: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  disabled?: boolean;
  testId?: string;
  clearable?: boolean;
}) {
  const orgId = useOrgId();
  const [search, setSearch] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['assessments-registry', orgId, search],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/registry', {
          params: {
            path: { orgId },
            query: { limit: 50, ...(search.trim() ? { q: search.trim() } : {}) },
          },
        }),
      ),
  });
  const data = (found.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  if (value && !data.some((o) => o.value === value) && labels[value])
    data.unshift({ value, label: labels[value] });
  return (
    <Select
      label={label}
      data={data}
      searchable
      clearable={clearable}
      filter={({ options }) => options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        if (id && option) setLabels((l) => ({ ...l, [id]: option.label }));
        onChange(id);
      }}
      disabled={disabled}
      data-testid={testId}
    />
  );
}

interface Draft {
  id: string | null;
  registryId: string | null;
  period: string;
  /** `${rubricId}@${version}` */
  rubric: string | null;
  figures: Record<string, string>;
  figuresSource: 'shared_report' | 'examiner' | 'live_books';
  reportVersionId: string | null;
  answers: Record<string, boolean>;
  notes: string;
  supersedesId: string | null;
}

const emptyDraft = (): Draft => ({
  id: null,
  registryId: null,
  period: '',
  rubric: null,
  figures: {},
  figuresSource: 'examiner',
  reportVersionId: null,
  answers: {},
  notes: '',
  supersedesId: null,
});

const answersList = (d: Draft) =>
  Object.entries(d.answers).map(([k, answer]) => {
    const i = k.lastIndexOf('.');
    return { checklist: k.slice(0, i), itemNo: Number(k.slice(i + 1)), answer };
  });

const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const RUPIAH = /^-?[0-9]{1,18}$/;

function fromDetail(a: Detail, correction: boolean): Draft {
  const answers: Record<string, boolean> = {};
  for (const c of a.checklists)
    for (const i of c.items) if (i.answer !== null) answers[`${c.key}.${i.no}`] = i.answer;
  return {
    id: correction ? null : a.id,
    registryId: a.registryId,
    period: a.period,
    rubric: `${a.rubricId}@${a.rubricVersion}`,
    figures: a.figures,
    figuresSource: a.figuresSource,
    reportVersionId: a.reportVersionId,
    answers,
    notes: a.notes ?? '',
    supersedesId: correction ? a.id : null,
  };
}

function Editor({
  initial,
  saved,
  onSaved,
  onClose,
}: {
  initial: Draft;
  saved: Detail | null;
  onSaved: (d: Detail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(initial);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const [rubricId, version] = (d.rubric ?? '@').split('@') as [string, string];

  const versions = useQuery({
    queryKey: ['rubric-versions', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/rubric-versions', { params: { path: { orgId } } }),
      ),
  });
  const form = useQuery({
    queryKey: ['rubric-form', orgId, d.rubric],
    enabled: d.rubric !== null,
    queryFn: (): Promise<Form> =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/rubric-versions/{rubricId}/{version}/form', {
          params: { path: { orgId, rubricId, version } },
        }),
      ),
  });
  // a new assessment: the figures of the latest report for the period, when there is one; asked
  // for whenever the cooperative, period or rubric changes
  const prefill = useMutation({
    mutationFn: (x: Draft) =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/prefill', {
          params: {
            path: { orgId },
            query: {
              registryId: x.registryId ?? '',
              rubricId: (x.rubric ?? '@').split('@')[0] ?? '',
              period: x.period,
            },
          },
        }),
      ),
    onSuccess: (p) => {
      if (!p.reportVersionId) return;
      setD((x) => ({
        ...x,
        figures: { ...x.figures, ...p.figures },
        figuresSource: 'shared_report',
        reportVersionId: p.reportVersionId,
      }));
    },
  });
  const change = (patch: Partial<Draft>) => {
    // the figures' source is the report found for the new choice, if any
    const next: Draft = { ...d, ...patch, figuresSource: 'examiner', reportVersionId: null };
    setD(next);
    if (
      next.id === null &&
      next.supersedesId === null &&
      next.registryId !== null &&
      next.rubric !== null &&
      PERIOD.test(next.period)
    )
      prefill.mutate(next);
  };
  const canPrefill = d.id === null && d.supersedesId === null;

  const inputs = form.data?.inputs ?? [];
  const complete = inputs.length > 0 && inputs.every((i) => RUPIAH.test(d.figures[i.key] ?? ''));
  const answers = answersList(d);
  const live = useQuery({
    queryKey: ['assessment-preview', orgId, d.rubric, d.figures, d.answers],
    enabled: complete && d.rubric !== null,
    queryFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/health/assessments/preview', {
          params: { path: { orgId } },
          body: { rubricId, rubricVersion: version, figures: d.figures, answers },
        }),
      ),
  });

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        period: d.period,
        figures: d.figures,
        figuresSource: d.figuresSource,
        reportVersionId: d.reportVersionId,
        answers,
        notes: d.notes.trim() === '' ? null : d.notes.trim(),
      };
      if (d.id)
        return unwrap(
          client.PUT('/api/v1/orgs/{orgId}/health/assessments/{assessmentId}', {
            params: { path: { orgId, assessmentId: d.id } },
            body,
          }),
        );
      return unwrap(
        client.POST('/api/v1/orgs/{orgId}/health/assessments', {
          params: { path: { orgId } },
          body: {
            ...body,
            registryId: d.registryId ?? '',
            rubricId,
            rubricVersion: version,
            supersedesId: d.supersedesId,
          },
        }),
      );
    },
    onSuccess: (a) => {
      set({ id: a.id });
      onSaved(a);
      void qc.invalidateQueries({ queryKey: ['assessments', orgId] });
    },
  });
  const finalize = useMutation({
    mutationFn: async () => {
      if (!d.id) throw new Error('not saved');
      await save.mutateAsync();
      return unwrap(
        client.POST('/api/v1/orgs/{orgId}/health/assessments/{assessmentId}/finalize', {
          params: { path: { orgId, assessmentId: d.id } },
        }),
      );
    },
    onSuccess: (a) => {
      onSaved(a);
      void qc.invalidateQueries({ queryKey: ['assessments', orgId] });
    },
  });
  const evidence = useMutation({
    mutationFn: async ({ key, file }: { key: string; file: File }) => {
      if (!d.id) throw new Error('not saved');
      const i = key.lastIndexOf('.');
      const q = new URLSearchParams({
        checklist: key.slice(0, i),
        itemNo: key.slice(i + 1),
        fileName: file.name,
      });
      await upload(`/orgs/${orgId}/health/assessments/${d.id}/evidence?${q.toString()}`, file);
      const a = await unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/assessments/{assessmentId}', {
          params: { path: { orgId, assessmentId: d.id } },
        }),
      );
      onSaved(a);
    },
  });
  const evidenceOf = (key: string) => {
    const i = key.lastIndexOf('.');
    return (
      saved?.checklists
        .find((c) => c.key === key.slice(0, i))
        ?.items.find((x) => x.no === Number(key.slice(i + 1)))?.evidence ?? []
    );
  };

  const rubricOptions = (versions.data?.items ?? []).map((v) => ({
    value: `${v.rubricId}@${v.version}`,
    label: `${v.rubricId} · ${v.version}${v.provisional ? ` (${t('assessments.provisional')})` : ''}`,
  }));
  const isNew = d.id === null;

  return (
    <Card withBorder data-testid="assessment-editor">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {isNew
            ? d.supersedesId
              ? t('assessments.correction', { id: d.supersedesId })
              : t('assessments.new')
            : t('assessments.draft', { id: d.id })}
        </Title>
        <Button size="xs" variant="default" onClick={onClose}>
          {t('assessments.close')}
        </Button>
      </Group>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <CooperativePicker
            label={t('assessments.cooperative')}
            value={d.registryId}
            onChange={(v) => change({ registryId: v })}
            disabled={!isNew || d.supersedesId !== null}
            testId="assessment-cooperative"
          />
          <TextInput
            label={t('assessments.period')}
            description={t('assessments.periodHint')}
            placeholder="2025-12"
            value={d.period}
            onChange={(e) => change({ period: e.currentTarget.value.trim() })}
            error={
              d.period !== '' && !PERIOD.test(d.period) ? t('assessments.periodInvalid') : null
            }
            data-testid="assessment-period"
          />
          <Select
            label={t('assessments.rubric')}
            data={rubricOptions}
            value={d.rubric}
            onChange={(v) =>
              change({
                rubric: v,
                figures: {},
                answers: {},
                figuresSource: 'examiner',
                reportVersionId: null,
              })
            }
            disabled={!isNew || d.supersedesId !== null}
            data-testid="assessment-rubric"
          />
        </SimpleGrid>
        {form.error && <ErrorAlert error={form.error} />}
        {prefill.data && canPrefill && (
          <Text size="sm" c="gray.7" data-testid="prefill-note">
            {prefill.data.reportVersionId
              ? t('assessments.prefilled', {
                  report: `${prefill.data.report?.period ?? ''}`,
                  missing: prefill.data.missing.join(', ') || '–',
                })
              : t('assessments.noReport')}
          </Text>
        )}
        {form.data && (
          <>
            <Title order={4} size="h5">
              {t('assessments.figures')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {form.data.inputs.map((i) => {
                const v = d.figures[i.key] ?? '';
                return (
                  <TextInput
                    key={i.key}
                    label={`${i.name} (${i.key})`}
                    inputMode="numeric"
                    value={v}
                    onChange={(e) =>
                      set({
                        figures: {
                          ...d.figures,
                          [i.key]: e.currentTarget.value.replace(/[^0-9-]/g, ''),
                        },
                      })
                    }
                    error={v !== '' && !RUPIAH.test(v) ? t('assessments.rupiahInvalid') : null}
                    data-testid={`figure-${i.key}`}
                  />
                );
              })}
            </SimpleGrid>
            <Title order={4} size="h5">
              {t('assessments.checklists')}
            </Title>
            {form.data.checklists.map((c) => (
              <Card withBorder key={c.key} data-testid={`checklist-${c.key}`}>
                <Group justify="space-between" mb="xs">
                  <Text fw={600}>
                    {c.name}: {c.items.filter((i) => d.answers[`${c.key}.${i.no}`]).length} /{' '}
                    {c.items.length} {t('assessments.ya')}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() =>
                      set({
                        answers: {
                          ...d.answers,
                          ...Object.fromEntries(c.items.map((i) => [`${c.key}.${i.no}`, true])),
                        },
                      })
                    }
                    data-testid={`all-ya-${c.key}`}
                  >
                    {t('assessments.allYa')}
                  </Button>
                </Group>
                <Stack gap={4}>
                  {c.items.map((i) => {
                    const key = `${c.key}.${i.no}`;
                    const value = d.answers[key];
                    const files = evidenceOf(key);
                    return (
                      <Group key={key} justify="space-between" wrap="wrap" gap="xs">
                        <Text size="sm" style={{ flex: '1 1 240px' }} id={`q-${key}`}>
                          {i.no}. {i.text}
                        </Text>
                        <Group gap="xs" wrap="nowrap">
                          <SegmentedControl
                            size="xs"
                            aria-labelledby={`q-${key}`}
                            value={value === undefined ? '' : value ? 'ya' : 'tidak'}
                            onChange={(v) => set({ answers: { ...d.answers, [key]: v === 'ya' } })}
                            data={[
                              { value: 'ya', label: t('assessments.ya') },
                              { value: 'tidak', label: t('assessments.tidak') },
                            ]}
                            data-testid={`answer-${key}`}
                          />
                          {files.map((f) => (
                            <Anchor
                              key={f.id}
                              size="xs"
                              c="blue.9"
                              href={`/api/v1/orgs/${orgId}/health/assessments/${d.id ?? ''}/evidence/${f.id}`}
                            >
                              {f.fileName}
                            </Anchor>
                          ))}
                          {d.id && (
                            <FileButton
                              accept="image/jpeg,image/png,application/pdf"
                              onChange={(file) => file && evidence.mutate({ key, file })}
                            >
                              {(props) => (
                                <Button
                                  {...props}
                                  size="compact-xs"
                                  variant="default"
                                  aria-label={t('assessments.attachFor', {
                                    no: i.no,
                                    name: c.name,
                                  })}
                                  data-testid={`evidence-${key}`}
                                >
                                  {t('assessments.attach')}
                                </Button>
                              )}
                            </FileButton>
                          )}
                        </Group>
                      </Group>
                    );
                  })}
                </Stack>
              </Card>
            ))}
            <Textarea
              label={t('assessments.notes')}
              value={d.notes}
              onChange={(e) => set({ notes: e.currentTarget.value })}
              maxLength={4000}
            />
          </>
        )}
        {evidence.error && <ErrorAlert error={evidence.error} />}
        {live.error && <ErrorAlert error={live.error} />}
        {live.data && (
          <Card withBorder bg="gray.0">
            <Text size="sm" c="gray.7" mb="xs">
              {t('assessments.liveScore')}
            </Text>
            <ResultView result={live.data} />
          </Card>
        )}
        {(save.error ?? finalize.error) && <ErrorAlert error={save.error ?? finalize.error} />}
        <Group>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!complete || d.registryId === null || !PERIOD.test(d.period)}
            data-testid="assessment-save"
          >
            {t('assessments.save')}
          </Button>
          <Button
            color="green.9"
            onClick={() => finalize.mutate()}
            loading={finalize.isPending}
            disabled={d.id === null}
            data-testid="assessment-finalize"
          >
            {t('assessments.finalize')}
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="green.9" data-testid="assessment-saved">
              {t('assessments.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function FinalView({ a, onCorrect }: { a: Detail; onCorrect: () => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  return (
    <Card withBorder data-testid="assessment-final">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {a.registryName} · {a.period} · {a.rubricId} ({a.rubricVersion})
        </Title>
        <Group>
          <Anchor
            href={`/api/v1/orgs/${orgId}/health/assessments/${a.id}/report.pdf`}
            download={`penilaian-kesehatan-${a.id}.pdf`}
            c="blue.9"
            data-testid="assessment-pdf"
          >
            {t('assessments.pdf')}
          </Anchor>
          {a.status === 'final' && !a.supersededBy && may('dinas.supervise') && (
            <Button
              size="xs"
              variant="default"
              onClick={onCorrect}
              data-testid="assessment-correct"
            >
              {t('assessments.correct')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="gray.7" mb="xs">
        {t(`assessments.status.${a.status}`)}
        {a.finalizedAt ? ` ${dateTime(a.finalizedAt)}` : ''} · {t('assessments.examiner')}:{' '}
        {a.examinerName} · {t(`assessments.source.${a.figuresSource}`)}
        {a.supersededBy ? ` · ${t('assessments.supersededBy', { id: a.supersededBy })}` : ''}
      </Text>
      <ResultView result={a.result} />
    </Card>
  );
}

export function AssessmentsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [open, setOpen] = useState<Detail | null>(null);
  const list = useQuery({
    queryKey: ['assessments', orgId, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/assessments', {
          params: { path: { orgId }, query: { limit: 100, ...(registryId ? { registryId } : {}) } },
        }),
      ),
  });
  const openOne = useMutation({
    mutationFn: (assessmentId: string) =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/assessments/{assessmentId}', {
          params: { path: { orgId, assessmentId } },
        }),
      ),
    onSuccess: (a) => {
      if (a.status === 'draft' && may('dinas.supervise')) {
        setOpen(a);
        setEditing(fromDetail(a, false));
      } else {
        setEditing(null);
        setOpen(a);
      }
    },
  });
  return (
    <Stack data-testid="assessments-page">
      <PageTitle>{t('assessments.title')}</PageTitle>
      <Group align="flex-end">
        <CooperativePicker
          label={t('assessments.filterCooperative')}
          value={registryId}
          onChange={setRegistryId}
          clearable
        />
        {may('dinas.supervise') && (
          <Button
            onClick={() => {
              setOpen(null);
              setEditing({ ...emptyDraft(), registryId });
            }}
            data-testid="assessment-new"
          >
            {t('assessments.new')}
          </Button>
        )}
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      {openOne.error && <ErrorAlert error={openOne.error} />}
      {editing && (
        <Editor
          key={`${editing.id ?? 'new'}-${editing.supersedesId ?? ''}`}
          initial={editing}
          saved={open}
          onSaved={(a) => {
            if (a.status === 'final') {
              setEditing(null);
            }
            setOpen(a);
          }}
          onClose={() => {
            setEditing(null);
            setOpen(null);
          }}
        />
      )}
      {open && !editing && (
        <FinalView
          a={open}
          onCorrect={() => {
            setEditing(fromDetail(open, true));
          }}
        />
      )}
      {list.data && list.data.items.length === 0 && <Text c="gray.7">{t('assessments.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720} tabIndex={0} aria-label={t('assessments.title')}>
          <Table data-testid="assessments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assessments.cooperative')}</Table.Th>
                <Table.Th>{t('assessments.period')}</Table.Th>
                <Table.Th>{t('assessments.rubric')}</Table.Th>
                <Table.Th>{t('assessments.statusLabel')}</Table.Th>
                <Table.Th ta="right">{t('assessments.score')}</Table.Th>
                <Table.Th>{t('assessments.predikat')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="assessment-row">
                  <Table.Td>{a.registryName}</Table.Td>
                  <Table.Td>{a.period}</Table.Td>
                  <Table.Td>
                    {a.rubricId} · {a.rubricVersion}
                  </Table.Td>
                  <Table.Td>
                    {t(`assessments.status.${a.status}`)}
                    {a.supersededBy ? ` (${t('assessments.superseded')})` : ''}
                  </Table.Td>
                  <Table.Td ta="right">{a.totalScore}</Table.Td>
                  <Table.Td>
                    <PredikatBadge predikat={a.predikat} provisional={a.provisional} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => openOne.mutate(a.id)}
                      aria-label={t('assessments.openFor', {
                        name: a.registryName ?? '',
                        period: a.period,
                      })}
                    >
                      {t('assessments.open')}
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
