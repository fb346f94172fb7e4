import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, errorText, unwrap, unwrapWithStatus, type Answer } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { ErrorAlert } from '../components/ErrorAlert';
import { date, rupiah } from '../format';

/**
 * The cooperative's reports to its Dinas (docs/domain/supervision-reports.md): the report of a
 * period as its books give it, each figure with its accounts; submit it for a second pengurus to
 * approve; approve; the versions shared, what is due, and the reminders received.
 */

export type Report = Answer<'/api/v1/orgs/{orgId}/reports-to-dinas/preview'>['report'];
export type ReportKind = Report['kind'];

export const BALANCE_SECTIONS = {
  aset: [
    'kasBank',
    'penempatanBank',
    'pinjamanAnggota',
    'pinjamanNonAnggota',
    'ppap',
    'asetLancarLain',
    'investasi',
    'asetTetap',
    'akumulasiPenyusutan',
    'asetLain',
  ],
  kewajiban: [
    'simpananSukarela',
    'simpananBerjangka',
    'kewajibanLancarLain',
    'kewajibanJangkaPanjang',
  ],
  ekuitas: [
    'simpananPokok',
    'simpananWajib',
    'modalPenyertaan',
    'hibah',
    'cadanganUmum',
    'cadanganRisiko',
    'shuBelumDibagi',
    'shuTahunBerjalan',
    'ekuitasLain',
  ],
} as const satisfies Record<string, readonly (keyof Report['balanceSheet'])[]>;
/** Shown as positive amounts and subtracted from the assets. */
export const CONTRA_LINES: readonly string[] = ['ppap', 'akumulasiPenyusutan'];
export const INCOME_SECTIONS = {
  pendapatan: ['pendapatanPartisipasiAnggota', 'pendapatanNonAnggota', 'pendapatanLain'],
  beban: [
    'bebanJasaSimpanan',
    'bebanPenyisihanPinjaman',
    'bebanUsahaLain',
    'bebanKaryawan',
    'bebanPengurusPengawas',
    'bebanPendidikan',
    'bebanOrganisasiUmum',
    'bebanPajak',
  ],
} as const satisfies Record<string, readonly (keyof Report['incomeStatement'])[]>;
export const LOAN_CLASSES = ['lancar', 'kurangLancar', 'diragukan', 'macet'] as const;
const SAVINGS = ['pokok', 'wajib', 'sukarela', 'berjangka'] as const;

export const STATUS_COLOR: Record<string, string> = {
  on_time: 'green.9',
  late: 'orange.9',
  missing: 'red.9',
  not_yet_due: 'gray.7',
  not_required: 'gray.7',
};

/** The recent ended periods of a kind, newest first (today in the browser's calendar). */
export function recentPeriods(kind: ReportKind, count: number): string[] {
  const now = new Date();
  let year = now.getFullYear();
  const out: string[] = [];
  if (kind === 'yearly') {
    for (let i = 1; i <= count; i++) out.push(String(year - i));
    return out;
  }
  let q = Math.floor(now.getMonth() / 3); // the last ended quarter (0 = none this year)
  while (out.length < count) {
    if (q === 0) {
      year -= 1;
      q = 4;
    }
    out.push(`${year}-Q${q}`);
    q -= 1;
  }
  return out;
}

type Figure = Report['balanceSheet']['kasBank'];

function FigureRow({ label, figure, testId }: { label: string; figure: Figure; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid={testId}>
      <Table.Td>{label}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {rupiah(figure.rupiah)}
      </Table.Td>
      <Table.Td>
        {figure.sources.length > 0 && (
          <Text size="xs" c="gray.7" aria-label={t('supervisionReport.accounts')}>
            {figure.sources
              .map((s) => `${s.accountCode} ${s.accountName}: ${rupiah(s.rupiah)}`)
              .join(' · ')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A report's figures: balance sheet, income statement, loans, members, savings. */
export function ReportFigures({ report }: { report: Report }) {
  const { t } = useTranslation();
  const head = (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{t('supervisionReport.line')}</Table.Th>
        <Table.Th ta="right">{t('supervisionReport.amount')}</Table.Th>
        <Table.Th>{t('supervisionReport.accounts')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  const total = (label: string, value: string, testId: string) => (
    <Table.Tr data-testid={testId}>
      <Table.Td fw={700}>{label}</Table.Td>
      <Table.Td ta="right" fw={700} style={{ whiteSpace: 'nowrap' }}>
        {rupiah(value)}
      </Table.Td>
      <Table.Td />
    </Table.Tr>
  );
  return (
    <Stack data-testid="report-figures">
      <Title order={3}>{t('supervisionReport.balanceSheet')}</Title>
      <Table.ScrollContainer minWidth={600} tabIndex={0}>
        <Table>
          {head}
          <Table.Tbody>
            {(['aset', 'kewajiban', 'ekuitas'] as const).flatMap((s) => [
              <Table.Tr key={s}>
                <Table.Td colSpan={3} fw={700}>
                  {t(`supervisionReport.section.${s}`)}
                </Table.Td>
              </Table.Tr>,
              ...BALANCE_SECTIONS[s].map((k) => (
                <FigureRow
                  key={k}
                  testId={`line-${k}`}
                  label={`${t(`supervisionReport.lines.${k}`)}${CONTRA_LINES.includes(k) ? ' (−)' : ''}`}
                  figure={report.balanceSheet[k]}
                />
              )),
              total(t(`supervisionReport.total.${s}`), report.totals[s], `total-${s}`),
            ])}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={3}>{t('supervisionReport.incomeStatement')}</Title>
      <Table.ScrollContainer minWidth={600} tabIndex={0}>
        <Table>
          {head}
          <Table.Tbody>
            {(['pendapatan', 'beban'] as const).flatMap((s) => [
              <Table.Tr key={s}>
                <Table.Td colSpan={3} fw={700}>
                  {t(`supervisionReport.section.${s}`)}
                </Table.Td>
              </Table.Tr>,
              ...INCOME_SECTIONS[s].map((k) => (
                <FigureRow
                  key={k}
                  testId={`line-${k}`}
                  label={t(`supervisionReport.lines.${k}`)}
                  figure={report.incomeStatement[k]}
                />
              )),
              total(t(`supervisionReport.total.${s}`), report.incomeTotals[s], `total-${s}`),
            ])}
            {total(
              t('supervisionReport.total.shuSebelumPajak'),
              report.incomeTotals.shuSebelumPajak,
              'total-shuSebelumPajak',
            )}
            {total(
              t('supervisionReport.total.shuSetelahPajak'),
              report.incomeTotals.shuSetelahPajak,
              'total-shuSetelahPajak',
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={3}>{t('supervisionReport.loans.title')}</Title>
      <Text size="sm" c="gray.7">
        {t(`supervisionReport.loans.basis.${report.loans.basis}`)}
      </Text>
      <Table.ScrollContainer minWidth={500} tabIndex={0}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('supervisionReport.loans.class')}</Table.Th>
              <Table.Th ta="right">{t('supervisionReport.loans.count')}</Table.Th>
              <Table.Th ta="right">{t('supervisionReport.loans.outstanding')}</Table.Th>
              <Table.Th ta="right">{t('supervisionReport.loans.provision')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {LOAN_CLASSES.map((c) => (
              <Table.Tr key={c}>
                <Table.Td>{t(`supervisionReport.loans.${c}`)}</Table.Td>
                <Table.Td ta="right">{report.loans.byClass[c].loans}</Table.Td>
                <Table.Td ta="right">{rupiah(report.loans.byClass[c].outstandingRupiah)}</Table.Td>
                <Table.Td ta="right">
                  {rupiah(report.loans.byClass[c].requiredProvisionRupiah)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group align="flex-start" grow>
        <Card withBorder>
          <Title order={4}>{t('supervisionReport.members.title')}</Title>
          <Text data-testid="members-count">
            {t('supervisionReport.members.count')}: {report.members.count}
          </Text>
          {report.members.men !== null && (
            <Text size="sm">
              {t('supervisionReport.members.men')}: {report.members.men} ·{' '}
              {t('supervisionReport.members.women')}: {report.members.women}
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={4}>{t('supervisionReport.savings.title')}</Title>
          {SAVINGS.map((k) => (
            <Text size="sm" key={k}>
              {t(`supervisionReport.savings.${k}`)}: {rupiah(report.savings[k].rupiah)}
            </Text>
          ))}
        </Card>
      </Group>
    </Stack>
  );
}

export function ReportsToDinasPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ReportKind>('quarterly');
  const [period, setPeriod] = useState<string>(recentPeriods('quarterly', 1)[0]!);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const own = useQuery({
    queryKey: ['reports-to-dinas', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/reports-to-dinas', { params: { path: { orgId } } })),
  });
  const preview = useQuery({
    queryKey: ['reports-to-dinas-preview', orgId, kind, period],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/reports-to-dinas/preview', {
          params: { path: { orgId }, query: { kind, period } },
        }),
      ),
  });
  const pending = useQuery({
    queryKey: ['approvals', orgId, 'report-share'],
    enabled: can('approvals.read'),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/approvals', {
          params: { path: { orgId }, query: { status: 'pending' } },
        }),
      ),
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['reports-to-dinas', orgId] });
    await qc.invalidateQueries({ queryKey: ['approvals', orgId] });
  };
  const share = useMutation({
    mutationFn: () =>
      unwrapWithStatus(
        client.POST('/api/v1/orgs/{orgId}/reports-to-dinas', {
          params: { path: { orgId } },
          body: { kind, period },
        }),
      ),
    onSuccess: async (r) => {
      setError(null);
      setNotice(t('reportsToDinas.requested', { stamp: r.body.contentSha256.slice(0, 12) }));
      await refresh();
    },
    onError: (e) => setError(errorText(e, t('common.error'))),
  });
  const approve = useMutation({
    mutationFn: (approvalId: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/approvals/{approvalId}/approve', {
          params: { path: { orgId, approvalId } },
        }),
      ),
    onSuccess: async () => {
      setError(null);
      setNotice(t('reportsToDinas.approved'));
      await refresh();
    },
    onError: (e) => setError(errorText(e, t('common.error'))),
  });

  const p = preview.data;
  const shareRequests = (pending.data?.items ?? []).filter(
    (a) => a.action === 'supervision.report.share',
  );
  return (
    <Stack>
      <PageTitle>{t('reportsToDinas.title')}</PageTitle>
      <Text c="gray.7">{t('reportsToDinas.intro')}</Text>
      {own.data && !own.data.linked && (
        <Alert color="yellow">{t('reportsToDinas.notLinked')}</Alert>
      )}
      {notice && (
        <Alert color="green" data-testid="reports-notice">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" data-testid="reports-error">
          {error}
        </Alert>
      )}

      {shareRequests.length > 0 && (
        <Card withBorder data-testid="share-requests">
          <Title order={3}>{t('reportsToDinas.pending')}</Title>
          {shareRequests.map((a) => (
            <Group key={a.id} justify="space-between" mt="xs">
              <Text>
                {a.summary} · {a.requestedBy}
              </Text>
              {can('approvals.decide') && (
                <Button size="xs" onClick={() => approve.mutate(a.id)} loading={approve.isPending}>
                  {t('reportsToDinas.approve')}
                </Button>
              )}
            </Group>
          ))}
        </Card>
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
            onChange={(v) => {
              const k = v ?? 'quarterly';
              setKind(k);
              setPeriod(recentPeriods(k, 1)[0]!);
            }}
          />
          <Select
            label={t('supervisionReport.period')}
            data={recentPeriods(kind, kind === 'quarterly' ? 8 : 3)}
            value={period}
            allowDeselect={false}
            onChange={(v) => v && setPeriod(v)}
            data-testid="report-period"
          />
          {can('supervision.reports.share') && (
            <Button
              onClick={() => share.mutate()}
              loading={share.isPending}
              disabled={!p || p.problems.length > 0 || !p.linked}
              data-testid="report-share"
            >
              {t('reportsToDinas.share')}
            </Button>
          )}
        </Group>
      </Card>

      {preview.error && <ErrorAlert error={preview.error} />}
      {p && p.problems.length > 0 && (
        <Alert color="red">
          {t('reportsToDinas.problems')}{' '}
          {p.problems
            .map((x) => `${x.field}: ${t(`supervisionReport.problem.${x.code}`)}`)
            .join('; ')}
        </Alert>
      )}
      {p && (
        <Card withBorder>
          <Title order={2} size="h3">
            {t('reportsToDinas.preview')} · {p.report.period}
          </Title>
          <Text size="xs" c="gray.7">
            {t('supervisionReport.stamp')}: {p.contentSha256}
          </Text>
          <ReportFigures report={p.report} />
        </Card>
      )}

      {own.data && own.data.linked && (
        <Card withBorder>
          <Title order={2} size="h3">
            {t('reportsToDinas.periods')}
          </Title>
          <Table.ScrollContainer minWidth={500} tabIndex={0}>
            <Table data-testid="report-periods">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('supervisionReport.period')}</Table.Th>
                  <Table.Th>{t('supervisionReport.dueOn')}</Table.Th>
                  <Table.Th>{t('supervisionReport.status.label')}</Table.Th>
                  <Table.Th>{t('supervisionReport.submittedOn')}</Table.Th>
                  <Table.Th ta="right">{t('supervisionReport.versions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {own.data.periods
                  .filter((x) => x.status !== 'not_required' || x.versions > 0)
                  .map((x) => (
                    <Table.Tr key={`${x.kind}-${x.period}`} data-testid={`period-${x.period}`}>
                      <Table.Td>{x.period}</Table.Td>
                      <Table.Td>{x.dueOn ? date(x.dueOn) : '–'}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[x.status]}>
                          {t(`supervisionReport.status.${x.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{x.firstSubmittedOn ? date(x.firstSubmittedOn) : '–'}</Table.Td>
                      <Table.Td ta="right">{x.versions}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={3} mt="md">
            {t('supervisionReport.versions')}
          </Title>
          {own.data.versions.length === 0 && (
            <Text c="gray.7">{t('supervisionReport.noVersions')}</Text>
          )}
          {own.data.versions.map((v) => (
            <Text size="sm" key={v.id} data-testid="report-version">
              {v.period} · {t('supervisionReport.version')} {v.version} ·{' '}
              {t(`supervisionReport.channel.${v.channel}`)} · {date(v.submittedOn)} ·{' '}
              {t('supervisionReport.submittedBy')} {v.submittedBy}
              {v.approvedBy ? ` · ${t('supervisionReport.approvedBy')} ${v.approvedBy}` : ''}
            </Text>
          ))}
          <Title order={3} mt="md">
            {t('reportsToDinas.reminders')}
          </Title>
          {own.data.reminders.length === 0 && (
            <Text c="gray.7">{t('reportsToDinas.noReminders')}</Text>
          )}
          {own.data.reminders.map((m) => (
            <Alert key={m.id} color="yellow" data-testid="report-reminder">
              {m.period} · {date(m.sentAt.slice(0, 10))}
              {m.note ? ` — ${m.note}` : ''}
            </Alert>
          ))}
        </Card>
      )}
    </Stack>
  );
}
