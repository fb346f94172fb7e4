import {
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, upload, type Answer } from '../../../api';
import { useOrgId } from '../../../App';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ResultView, type Detail } from './ResultView';

/** A draft assessment: the cooperative, period and rubric version, its figures and checklist answers. */

type Form = Answer<'/api/v1/orgs/{orgId}/health/rubric-versions/{rubricId}/{version}/form'>;

export function CooperativePicker({
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

export interface Draft {
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

export const emptyDraft = (): Draft => ({
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

export function fromDetail(a: Detail, correction: boolean): Draft {
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

export function Editor({
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
