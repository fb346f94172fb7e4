import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap, upload, type Answer } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ChartCard, ScrollableTable, SERIES_COLORS } from '../../components/charts/ChartCard';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, percent } from '../../format';

/**
 * RAT compliance of the office's region (docs/domain/supervision-rat.md): the book years side by
 * side on a chart (held on time, late, not held, not yet due), and per book year every cooperative
 * owing its RAT with its status against the deadline of 30 June, the documents received and those
 * missing, the reminders sent; the RAT date and its documents recorded from here.
 */

type Compliance = Answer<'/api/v1/orgs/{orgId}/rat-compliance'>;
type Item = Compliance['items'][number];
const STATUSES = ['on_time', 'late', 'not_held', 'pending'] as const;
const DOCUMENT_KINDS = ['minutes', 'attendance', 'accountability', 'statements', 'other'] as const;
/** Basis points as a percentage with two decimals, in the app's notation. */
const share = (bps: number) => percent((bps / 100).toFixed(2));
const STATUS_COLOR: Record<Item['status'], string> = {
  on_time: 'green',
  late: 'orange',
  not_held: 'red',
  pending: 'gray',
};

export function RatCompliancePage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const queryClient = useQueryClient();
  const [bookYear, setBookYear] = useState<number | null>(null);
  const [status, setStatus] = useState<string>('');
  const years = useQuery({
    queryKey: ['rat-years', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/rat-compliance/years', {
          params: { path: { orgId }, query: { years: 5 } },
        }),
      ),
  });
  const list = useQuery({
    queryKey: ['rat-compliance', orgId, bookYear],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/rat-compliance', {
          params: { path: { orgId }, query: bookYear === null ? {} : { bookYear } },
        }),
      ),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['rat-compliance', orgId] });
    await queryClient.invalidateQueries({ queryKey: ['rat-years', orgId] });
  };
  const remind = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat-compliance/reminders', {
          params: { path: { orgId } },
          body: list.data ? { bookYear: list.data.bookYear } : {},
        }),
      ),
    onSuccess: refresh,
  });
  const d = list.data;
  const shown = d ? d.items.filter((i) => status === '' || i.status === status) : [];
  const statusName = (s: string) => t(`rat.status.${s}`);
  return (
    <Stack data-testid="rat-compliance-page">
      <PageTitle>{t('rat.title')}</PageTitle>
      <Text size="sm" c="gray.7">
        {t('rat.intro')}
      </Text>
      {years.error && <ErrorAlert error={years.error} />}
      {years.data && (
        <ChartCard
          testId="rat-chart"
          title={t('rat.chart.title')}
          summary={t('rat.chart.summary', {
            years: years.data.years
              .map(
                (y) =>
                  `${y.bookYear}: ${y.onTimeShareBps === null ? '–' : share(y.onTimeShareBps)}`,
              )
              .join(', '),
          })}
          table={{
            columns: [t('rat.bookYear'), ...STATUSES.map(statusName), t('rat.chart.share')],
            rows: years.data.years.map((y) => [
              y.bookYear,
              y.onTime,
              y.late,
              y.notHeld,
              y.pending,
              y.onTimeShareBps === null ? '–' : share(y.onTimeShareBps),
            ]),
          }}
        >
          <BarChart
            h={240}
            type="stacked"
            data={years.data.years.map((y) => ({
              year: String(y.bookYear),
              [statusName('on_time')]: y.onTime,
              [statusName('late')]: y.late,
              [statusName('not_held')]: y.notHeld,
              [statusName('pending')]: y.pending,
            }))}
            dataKey="year"
            series={[
              { name: statusName('on_time'), color: SERIES_COLORS.teal },
              { name: statusName('late'), color: SERIES_COLORS.orange },
              { name: statusName('not_held'), color: SERIES_COLORS.red },
              { name: statusName('pending'), color: SERIES_COLORS.gray },
            ]}
            yAxisProps={{ width: 40, allowDecimals: false }}
            withLegend
          />
        </ChartCard>
      )}

      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('rat.bookYear')}
          value={String(bookYear ?? d?.bookYear ?? '')}
          onChange={(e) => setBookYear(Number(e.currentTarget.value))}
          data={(years.data?.years ?? []).map((y) => String(y.bookYear)).reverse()}
          data-testid="rat-book-year"
        />
        <NativeSelect
          label={t('rat.statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('rat.all') },
            ...STATUSES.map((s) => ({ value: s, label: statusName(s) })),
          ]}
          data-testid="rat-status-filter"
        />
        {may('registry.write') && (
          <Button
            variant="default"
            onClick={() => remind.mutate()}
            loading={remind.isPending}
            data-testid="rat-remind"
          >
            {t('rat.remind')}
          </Button>
        )}
      </Group>
      {remind.error && <ErrorAlert error={remind.error} />}
      {remind.data && (
        <Alert color="blue" data-testid="rat-remind-result">
          {remind.data.stage === null
            ? t('rat.remindNone', { on: date(remind.data.nextOn ?? '') })
            : t('rat.remindDone', {
                stage: t(`rat.stage.${remind.data.stage}`),
                reminded: remind.data.reminded,
                queued: remind.data.queued,
              })}
        </Alert>
      )}
      {list.error && <ErrorAlert error={list.error} />}
      {d && (
        <Card withBorder data-testid="rat-summary">
          <Text size="sm">
            {t('rat.summary', {
              year: d.bookYear,
              deadline: date(d.deadline),
              onTime: d.counts.onTime,
              late: d.counts.late,
              notHeld: d.counts.notHeld,
              pending: d.counts.pending,
            })}
          </Text>
        </Card>
      )}
      {d && (
        <ScrollableTable label={t('rat.title')}>
          <Table data-testid="rat-table" fz="sm" miw={860}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rat.cooperative')}</Table.Th>
                <Table.Th miw={170}>{t('rat.statusLabel')}</Table.Th>
                <Table.Th>{t('rat.heldOn')}</Table.Th>
                <Table.Th>{t('rat.documents')}</Table.Th>
                <Table.Th>{t('rat.reminders')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((i) => (
                <Row key={i.registryId} item={i} bookYear={d.bookYear} onChanged={refresh} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
      {d && shown.length === 0 && <Text c="gray.7">{t('rat.none')}</Text>}
    </Stack>
  );
}

function Row({
  item: i,
  bookYear,
  onChanged,
}: {
  item: Item;
  bookYear: number;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const [recording, setRecording] = useState(false);
  const [heldOn, setHeldOn] = useState('');
  const [kind, setKind] = useState<string>('minutes');
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/registry/{registryId}/rats', {
          params: { path: { orgId, registryId: i.registryId } },
          body: { bookYear, heldOn },
        }),
      ),
    onSuccess: async () => {
      setRecording(false);
      await onChanged();
    },
  });
  const send = useMutation({
    mutationFn: (file: File) => {
      const q = new URLSearchParams({ bookYear: String(bookYear), kind, fileName: file.name });
      return upload(`/orgs/${orgId}/registry/${i.registryId}/rat-documents?${q.toString()}`, file);
    },
    onSuccess: onChanged,
  });
  return (
    <>
      <Table.Tr data-testid="rat-row">
        <Table.Td>
          <Anchor component={Link} to={`/o/${orgId}/supervision/${i.registryId}`} c="blue.9">
            {i.name}
          </Anchor>
          <Text size="xs" c="gray.7">
            {i.cooperativeType}
            {i.onSokoguru ? ` · ${t('rat.onSokoguru')}` : ''}
            {i.officerName ? ` · ${i.officerName}` : ''}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge color={STATUS_COLOR[i.status]} variant="light" data-testid="rat-status">
            {t(`rat.status.${i.status}`)}
          </Badge>
          {i.daysLate !== null && i.daysLate > 0 && (
            <Text size="xs" c="gray.7">
              {t('rat.daysLate', { count: i.daysLate })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>{i.heldOn ? date(i.heldOn) : '–'}</Table.Td>
        <Table.Td>
          <Group gap={4}>
            {i.documents.map((k) => (
              <Badge key={k} color="teal" variant="light" size="sm">
                {t(`rat.kind.${k}`)}
              </Badge>
            ))}
          </Group>
          {i.missingDocuments.length > 0 && (
            <Text size="xs" c="gray.7" data-testid="rat-missing">
              {t('rat.missing', {
                kinds: i.missingDocuments.map((k) => t(`rat.kind.${k}`)).join(', '),
              })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          {i.reminders.length === 0 ? '–' : i.reminders.map((s) => t(`rat.stage.${s}`)).join(', ')}
        </Table.Td>
        <Table.Td>
          {may('registry.write') && (
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => setRecording((r) => !r)}
              aria-expanded={recording}
              aria-label={t('rat.recordFor', { name: i.name })}
              data-testid="rat-open"
            >
              {i.heldOn ? t('rat.update') : t('rat.record')}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {recording && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <Group align="flex-end" wrap="wrap" data-testid="rat-record-form">
              <DayInput
                label={t('rat.heldOnInput', { year: bookYear })}
                value={heldOn}
                onChange={(e) => setHeldOn(e.currentTarget.value)}
                data-testid="rat-held-on"
              />
              <Button
                onClick={() => record.mutate()}
                loading={record.isPending}
                disabled={heldOn === ''}
                data-testid="rat-save"
              >
                {t('rat.save')}
              </Button>
              <NativeSelect
                label={t('rat.documentKind')}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value)}
                data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`rat.kind.${k}`) }))}
                data-testid="rat-document-kind"
              />
              <FileButton
                onChange={(f) => f && send.mutate(f)}
                accept="application/pdf,image/jpeg,image/png"
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    loading={send.isPending}
                    data-testid="rat-upload"
                  >
                    {t('rat.upload')}
                  </Button>
                )}
              </FileButton>
            </Group>
            {record.error && <ErrorAlert error={record.error} mt="xs" />}
            {send.error && <ErrorAlert error={send.error} mt="xs" />}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
