import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, errorText, unwrap, upload, type Body } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, digits } from '../../format';
import {
  BALANCE_SECTIONS,
  INCOME_SECTIONS,
  LOAN_CLASSES,
  recentPeriods,
  ReportFigures,
  STATUS_COLOR,
  type ReportKind,
} from '../ReportsToDinas';

/**
 * The office's reports page (docs/domain/supervision-reports.md): each cooperative of the region
 * against the recent periods (on time, late, missing), a cooperative's versions and figures, a
 * reminder for a missing report, and typing the report of a cooperative not on Sokoguru by form
 * or Excel (checked on entry: nothing is stored unless it balances).
 */

type EnteredBody = Body<'/api/v1/orgs/{orgId}/supervision/reports/cooperatives/{registryId}'>;

function CooperativeReports({ registryId, onClose }: { registryId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [versionId, setVersionId] = useState<string | null>(null);
  const c = useQuery({
    queryKey: ['dinas-reports-coop', orgId, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/supervision/reports/cooperatives/{registryId}', {
          params: { path: { orgId, registryId } },
        }),
      ),
  });
  const v = useQuery({
    queryKey: ['dinas-reports-version', orgId, registryId, versionId],
    enabled: versionId !== null,
    queryFn: () =>
      unwrap(
        client.GET(
          '/api/v1/orgs/{orgId}/supervision/reports/cooperatives/{registryId}/versions/{versionId}',
          { params: { path: { orgId, registryId, versionId: versionId ?? '' } } },
        ),
      ),
  });
  return (
    <Card withBorder data-testid="dinas-report-detail">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('dinasReports.detail', { name: c.data?.name ?? '' })}
        </Title>
        <Button size="xs" variant="default" onClick={onClose}>
          {t('supervisionReport.close')}
        </Button>
      </Group>
      {c.error && <ErrorAlert error={c.error} />}
      {c.data?.versions.length === 0 && <Text c="gray.7">{t('supervisionReport.noVersions')}</Text>}
      {c.data && c.data.versions.length > 0 && (
        <Table.ScrollContainer minWidth={600} tabIndex={0}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('supervisionReport.period')}</Table.Th>
                <Table.Th>{t('supervisionReport.version')}</Table.Th>
                <Table.Th>{t('supervisionReport.channel.ledger')}</Table.Th>
                <Table.Th>{t('supervisionReport.submittedOn')}</Table.Th>
                <Table.Th>{t('supervisionReport.approvedBy')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.data.versions.map((x) => (
                <Table.Tr key={x.id} data-testid="dinas-report-version">
                  <Table.Td>{x.period}</Table.Td>
                  <Table.Td>{x.version}</Table.Td>
                  <Table.Td>{t(`supervisionReport.channel.${x.channel}`)}</Table.Td>
                  <Table.Td>{date(x.submittedOn)}</Table.Td>
                  <Table.Td>{x.approvedBy ?? '–'}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="light" onClick={() => setVersionId(x.id)}>
                      {t('supervisionReport.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {c.data && c.data.reminders.length > 0 && (
        <Text size="sm" mt="xs">
          {t('reportsToDinas.reminders')}:{' '}
          {c.data.reminders.map((m) => `${m.period} (${date(m.sentAt.slice(0, 10))})`).join(', ')}
        </Text>
      )}
      {v.data && (
        <Stack mt="md">
          <Text size="xs" c="gray.7">
            {t('supervisionReport.stamp')}: {v.data.contentSha256} ·{' '}
            {v.data.intact ? t('supervisionReport.intact') : t('supervisionReport.notIntact')}
          </Text>
          <ReportFigures report={v.data.report} />
        </Stack>
      )}
    </Card>
  );
}

const LINE_KEYS = [...Object.values(BALANCE_SECTIONS).flat()];
const INCOME_KEYS = [...Object.values(INCOME_SECTIONS).flat()];

function EntryForm({
  candidates,
  kind,
  period,
  onSaved,
}: {
  candidates: { registryId: string; name: string }[];
  kind: ReportKind;
  period: string;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const num = (k: string) => digits(values[k] ?? '') || '0';
  const save = useMutation({
    mutationFn: () => {
      const body: EnteredBody = {
        kind,
        period,
        balanceSheet: Object.fromEntries(
          LINE_KEYS.map((k) => [k, num(`bs.${k}`)]),
        ) as EnteredBody['balanceSheet'],
        incomeStatement: Object.fromEntries(
          INCOME_KEYS.map((k) => [k, num(`is.${k}`)]),
        ) as EnteredBody['incomeStatement'],
        loans: Object.fromEntries(
          LOAN_CLASSES.map((c) => [
            c,
            {
              loans: Number(num(`ln.${c}.loans`)),
              outstandingRupiah: num(`ln.${c}.outstanding`),
              requiredProvisionRupiah: num(`ln.${c}.provision`),
            },
          ]),
        ) as EnteredBody['loans'],
        members: { count: Number(num('members')), men: null, women: null },
      };
      return unwrap(
        client.POST('/api/v1/orgs/{orgId}/supervision/reports/cooperatives/{registryId}', {
          params: { path: { orgId, registryId: registryId ?? '' } },
          body,
        }),
      );
    },
    onSuccess: async (r) => {
      setError(null);
      setNotice(t('dinasReports.saved', { version: r.version }));
      await onSaved();
    },
    onError: (e) => {
      setNotice(null);
      setError(e instanceof ApiError ? e : errorText(e, t('common.error')));
    },
  });
  const input = (key: string, label: string) => (
    <TextInput
      key={key}
      label={label}
      inputMode="numeric"
      value={values[key] ?? ''}
      onChange={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
      data-testid={`entry-${key}`}
    />
  );
  return (
    <Card withBorder data-testid="dinas-report-entry">
      <Title order={2} size="h3">
        {t('dinasReports.entry')} · {period}
      </Title>
      <Text size="sm" c="gray.7">
        {t('dinasReports.checkedOnEntry')}
      </Text>
      <Select
        label={t('dinasReports.choose')}
        data={candidates.map((c) => ({ value: c.registryId, label: c.name }))}
        value={registryId}
        onChange={setRegistryId}
        searchable
        mt="sm"
      />
      <Title order={3} mt="md">
        {t('supervisionReport.balanceSheet')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {LINE_KEYS.map((k) => input(`bs.${k}`, t(`supervisionReport.lines.${k}`)))}
      </SimpleGrid>
      <Title order={3} mt="md">
        {t('supervisionReport.incomeStatement')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {INCOME_KEYS.map((k) => input(`is.${k}`, t(`supervisionReport.lines.${k}`)))}
      </SimpleGrid>
      <Title order={3} mt="md">
        {t('supervisionReport.loans.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {LOAN_CLASSES.flatMap((c) => [
          input(
            `ln.${c}.loans`,
            `${t(`supervisionReport.loans.${c}`)}: ${t('supervisionReport.loans.count')}`,
          ),
          input(
            `ln.${c}.outstanding`,
            `${t(`supervisionReport.loans.${c}`)}: ${t('supervisionReport.loans.outstanding')}`,
          ),
          input(
            `ln.${c}.provision`,
            `${t(`supervisionReport.loans.${c}`)}: ${t('supervisionReport.loans.provision')}`,
          ),
        ])}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md">
        {input('members', t('supervisionReport.members.count'))}
      </SimpleGrid>
      {notice && (
        <Alert color="green" mt="sm">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" mt="sm" data-testid="entry-error">
          {typeof error === 'string'
            ? error
            : [error.detail, ...error.errors.map((x) => x.message)].join(' — ')}
        </Alert>
      )}
      <Group mt="md">
        <Button
          onClick={() => save.mutate()}
          disabled={registryId === null}
          loading={save.isPending}
          data-testid="entry-save"
        >
          {t('dinasReports.save')}
        </Button>
      </Group>
    </Card>
  );
}

export function DinasReportsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ReportKind>('quarterly');
  const [periods, setPeriods] = useState('4');
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [entryPeriod, setEntryPeriod] = useState(recentPeriods('quarterly', 1)[0]!);
  const [file, setFile] = useState<File | null>(null);
  const grid = useQuery({
    queryKey: ['dinas-reports-grid', orgId, kind, periods],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/supervision/reports/completeness', {
          params: { path: { orgId }, query: { kind, periods: Number(periods) } },
        }),
      ),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['dinas-reports-grid', orgId] });
  const fail = (e: unknown) => {
    setNotice(null);
    setError(e instanceof ApiError ? e : errorText(e, t('common.error')));
  };
  const remind = useMutation({
    mutationFn: (x: { registryId: string; period: string }) =>
      unwrap(
        client.POST(
          '/api/v1/orgs/{orgId}/supervision/reports/cooperatives/{registryId}/reminders',
          {
            params: { path: { orgId, registryId: x.registryId } },
            body: { kind, period: x.period, note: t('dinasReports.reminderNote', x) },
          },
        ),
      ),
    onSuccess: async () => {
      setError(null);
      setNotice(t('dinasReports.reminded'));
      await refresh();
    },
    onError: fail,
  });
  const send = useMutation({
    mutationFn: (f: File) =>
      upload<{ stored: number }>(`/orgs/${orgId}/imports/supervision-reports`, f),
    onSuccess: async (r) => {
      setError(null);
      setNotice(t('dinasReports.uploaded', { count: r.stored }));
      await refresh();
    },
    onError: fail,
  });
  const g = grid.data;
  const writer = can('supervision.reports.write');
  const candidates = (g?.items ?? []).filter((i) => !i.linked);
  return (
    <Stack>
      <PageTitle>{t('dinasReports.title')}</PageTitle>
      {notice && <Alert color="green">{notice}</Alert>}
      {error && (
        <Alert color="red">
          {typeof error === 'string'
            ? error
            : [error.detail, ...error.errors.map((x) => x.message)].join(' — ')}
        </Alert>
      )}
      <Card withBorder>
        <Group align="flex-end">
          <Select
            label={t('supervisionReport.kind.label')}
            data={(['quarterly', 'yearly'] as const).map((k) => ({
              value: k,
              label: t(`supervisionReport.kind.${k}`),
            }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => setKind(v ?? 'quarterly')}
          />
          <Select
            label={t('dinasReports.periods')}
            data={['2', '4', '8', '12']}
            value={periods}
            allowDeselect={false}
            onChange={(v) => v && setPeriods(v)}
          />
        </Group>
      </Card>
      {grid.error && <ErrorAlert error={grid.error} />}
      {g && (
        <Card withBorder>
          <Title order={2} size="h3">
            {t('dinasReports.grid')}
          </Title>
          <Table.ScrollContainer minWidth={700} tabIndex={0}>
            <Table data-testid="completeness-grid" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dinasReports.cooperative')}</Table.Th>
                  {g.periods.map((p) => (
                    <Table.Th key={p}>{p}</Table.Th>
                  ))}
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('dinasReports.summary')}</Table.Th>
                  {g.summary.map((s) => (
                    <Table.Th key={s.period} data-testid={`summary-${s.period}`}>
                      <Text size="xs">
                        {t('supervisionReport.status.on_time')} {s.counts.on_time} ·{' '}
                        {t('supervisionReport.status.late')} {s.counts.late} ·{' '}
                        {t('supervisionReport.status.missing')} {s.counts.missing}
                      </Text>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {g.items.map((i) => (
                  <Table.Tr key={i.registryId} data-testid={`grid-row-${i.registryId}`}>
                    <Table.Td>
                      <UnstyledButton onClick={() => setOpen(i.registryId)}>
                        <Anchor component="span" c="blue.9">
                          {i.name}
                        </Anchor>
                      </UnstyledButton>
                      {i.linked && (
                        <Badge ml="xs" size="xs" color="blue.9">
                          {t('dinasReports.onSokoguru')}
                        </Badge>
                      )}
                    </Table.Td>
                    {i.cells.map((c) => (
                      <Table.Td key={c.period} data-testid={`cell-${i.registryId}-${c.period}`}>
                        <Group gap={4} wrap="nowrap">
                          <Badge color={STATUS_COLOR[c.status]} size="sm" data-status={c.status}>
                            {t(`supervisionReport.status.${c.status}`)}
                          </Badge>
                          {writer && c.status === 'missing' && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              c="blue.9"
                              onClick={() =>
                                remind.mutate({ registryId: i.registryId, period: c.period })
                              }
                            >
                              {t('dinasReports.remind')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {open && <CooperativeReports registryId={open} onClose={() => setOpen(null)} />}
      {writer && (
        <Card withBorder>
          <Title order={2} size="h3">
            {t('dinasReports.excel')}
          </Title>
          <Group align="flex-end" mt="sm">
            <Select
              label={t('supervisionReport.period')}
              data={recentPeriods(kind, kind === 'quarterly' ? 8 : 3)}
              value={entryPeriod}
              allowDeselect={false}
              onChange={(v) => v && setEntryPeriod(v)}
            />
            <Anchor
              href={`/api/v1/orgs/${orgId}/imports/supervision-reports/template?kind=${kind}&period=${entryPeriod}`}
              c="blue.9"
              size="sm"
            >
              {t('dinasReports.template')}
            </Anchor>
            <FileInput
              label={t('dinasReports.upload')}
              accept=".xlsx"
              value={file}
              onChange={setFile}
              w={260}
            />
            <Button
              disabled={file === null}
              loading={send.isPending}
              onClick={() => file && send.mutate(file)}
            >
              {t('dinasReports.excel')}
            </Button>
          </Group>
        </Card>
      )}
      {writer && g && (
        <EntryForm
          candidates={candidates}
          kind={kind}
          period={entryPeriod}
          onSaved={async () => {
            await refresh();
          }}
        />
      )}
    </Stack>
  );
}
