import {
  Badge,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { useCan } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useField } from '../../components/useField';
import { date, rupiah } from '../../format';
import { Stat } from './shared';

/** A whole rupiah typed with dots, possibly negative (a loss): '-150.000' → '-150000'. */
const signedDigits = (v: number | string): string => {
  const s = String(v).trim();
  const d = s.replace(/[^0-9]/g, '');
  return d === '' ? '' : s.startsWith('-') ? `-${d}` : d;
};

/** 100 − a nisbah of up to four decimals, exactly ('33.3333' → '66.6667'). */
const complement = (p: string): string =>
  String((1_000_000 - Math.round(Number(p) * 10_000)) / 10_000);

/**
 * Laporan usaha of a mudharabah / musyarakah financing (docs/domain/sharia-financing.md): the
 * akad's nisbah and the carried loss, each period's result, the KSPPS's bagi hasil and what is due
 * — "pending" until the period's report is approved by a second person, never the projection.
 */
export function ProfitSharing({
  orgId,
  loanId,
  active,
  onChanged,
}: {
  orgId: string;
  loanId: string;
  active: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const path = { path: { orgId, loanId } };
  const q = useQuery({
    queryKey: ['loans', orgId, 'profit-sharing', loanId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/loans/{loanId}/profit-sharing', { params: path })),
  });
  const result = useField<number | string>('');
  const note = useField('');
  const reason = useField('');
  const refresh = () => {
    void q.refetch();
    onChanged();
  };
  const enter = useMutation({
    mutationFn: (periodNo: number) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loans/{loanId}/profit-sharing/reports', {
          params: path,
          body: { periodNo, resultRupiah: signedDigits(result.value), note: note.value || null },
        }),
      ),
    onSuccess: () => {
      result.set('');
      note.set('');
      refresh();
    },
  });
  const negligence = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loans/{loanId}/profit-sharing/negligence', {
          params: path,
          body: { reason: reason.value },
        }),
      ),
    onSuccess: () => {
      reason.set('');
      refresh();
    },
  });
  const approve = useMutation({
    mutationFn: (approvalId: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/approvals/{approvalId}/approve', {
          params: { path: { orgId, approvalId } },
        }),
      ),
    onSuccess: refresh,
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  const d = q.data;
  const manage = active && can('loans.manage');
  const decide = can('approvals.decide');
  const next = d.nextPeriod === null ? undefined : d.periods[d.nextPeriod - 1];
  const waiting = next?.pendingReport ?? null;
  return (
    <Stack gap="sm" data-testid="profit-sharing">
      <Title order={4}>{t('profitSharing.title')}</Title>
      <Text size="sm">{t(`profitSharing.intro.${d.terms.kind}`)}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('profitSharing.nisbah')} testId="ps-nisbah">
          {t('profitSharing.nisbahValue', {
            kspps: d.terms.nisbahKsppsPercent,
            member: complement(d.terms.nisbahKsppsPercent),
          })}
        </Stat>
        <Stat label={t('profitSharing.basis')}>{t(`profitSharing.bases.${d.terms.basis}`)}</Stat>
        <Stat label={t('profitSharing.projected')}>
          {rupiah(d.terms.projectedResultRupiah)} → {rupiah(d.terms.projectedShareRupiah)}
        </Stat>
        <Stat label={t('profitSharing.carriedLoss')} testId="ps-carried-loss">
          {rupiah(d.terms.carriedLossRupiah)}
        </Stat>
        {d.terms.kind === 'musyarakah' && (
          <Stat label={t('profitSharing.capital')}>
            {rupiah(d.terms.ksppsCapitalRupiah)} / {rupiah(d.terms.memberCapitalRupiah)}
          </Stat>
        )}
        <Stat label={t('profitSharing.ksppsLoss')} testId="ps-kspps-loss">
          {rupiah(d.terms.ksppsLossRupiah)}
        </Stat>
      </SimpleGrid>
      <Text size="xs">{t('profitSharing.projectionNote')}</Text>
      {d.terms.negligence && (
        <Text size="sm" data-testid="ps-negligence">
          {t('profitSharing.negligenceEstablished', { reason: d.terms.negligence.reason })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="ps-periods">
          <caption>{t('profitSharing.periods')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('profitSharing.period')}</Table.Th>
              <Table.Th>{t('profitSharing.dueOn')}</Table.Th>
              <Table.Th ta="right">{t('profitSharing.result')}</Table.Th>
              <Table.Th ta="right">{t('profitSharing.principal')}</Table.Th>
              <Table.Th ta="right">{t('profitSharing.share')}</Table.Th>
              <Table.Th ta="right">{t('profitSharing.due')}</Table.Th>
              <Table.Th>{t('profitSharing.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.periods.map((p) => (
              <Table.Tr key={p.periodNo} data-testid="ps-period">
                <Table.Td>{p.periodNo}</Table.Td>
                <Table.Td>{date(p.dueOn)}</Table.Td>
                <Table.Td ta="right">
                  {p.report
                    ? rupiah(p.report.resultRupiah)
                    : p.pendingReport
                      ? rupiah(p.pendingReport.resultRupiah)
                      : '—'}
                </Table.Td>
                <Table.Td ta="right">{rupiah(p.principalRupiah)}</Table.Td>
                <Table.Td ta="right">
                  {p.profitShareRupiah === null ? '—' : rupiah(p.profitShareRupiah)}
                </Table.Td>
                <Table.Td ta="right" data-testid="ps-due">
                  {rupiah(p.totalDueRupiah)}
                </Table.Td>
                <Table.Td>
                  <Badge
                    color={p.status === 'billed' ? 'teal' : p.pendingReport ? 'yellow' : 'gray'}
                  >
                    {p.status === 'billed'
                      ? t('profitSharing.billed')
                      : p.pendingReport
                        ? t('profitSharing.awaiting')
                        : t('profitSharing.pending')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {next && waiting && (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" data-testid="ps-waiting">
            {t('profitSharing.waiting', {
              period: next.periodNo,
              amount: rupiah(waiting.resultRupiah),
            })}
          </Text>
          {decide && (
            <Button
              size="xs"
              loading={approve.isPending}
              onClick={() => approve.mutate(waiting.approvalId)}
              data-testid="ps-approve"
            >
              {t('profitSharing.approve')}
            </Button>
          )}
        </Group>
      )}
      <ErrorAlert error={approve.error} />
      {manage && next && !waiting && (
        <Stack gap="xs">
          <Group align="flex-end" wrap="wrap">
            <NumberInput
              label={t('profitSharing.resultOf', { period: next.periodNo })}
              description={t('profitSharing.resultHelp')}
              thousandSeparator="."
              decimalSeparator=","
              allowDecimal={false}
              {...result.input}
              data-testid="ps-result"
            />
            <TextInput
              label={t('profitSharing.note')}
              {...note.input}
              style={{ flex: 1, minWidth: 200 }}
              data-testid="ps-note"
            />
          </Group>
          <Group>
            <Button
              size="sm"
              loading={enter.isPending}
              disabled={signedDigits(result.value) === ''}
              onClick={() => enter.mutate(next.periodNo)}
              data-testid="ps-submit"
            >
              {t('profitSharing.submit')}
            </Button>
          </Group>
          <ErrorAlert error={enter.error} />
        </Stack>
      )}
      {manage && d.terms.kind === 'mudharabah' && !d.terms.negligence && (
        <Stack gap="xs">
          {d.negligencePendingApprovalId ? (
            <Group gap="xs">
              <Text size="sm">{t('profitSharing.negligenceWaiting')}</Text>
              {decide && (
                <Button
                  size="xs"
                  variant="default"
                  loading={approve.isPending}
                  onClick={() => approve.mutate(d.negligencePendingApprovalId!)}
                  data-testid="ps-negligence-approve"
                >
                  {t('profitSharing.approve')}
                </Button>
              )}
            </Group>
          ) : (
            <Group align="flex-end" wrap="wrap">
              <Textarea
                label={t('profitSharing.negligenceReason')}
                description={t('profitSharing.negligenceHelp')}
                {...reason.input}
                autosize
                minRows={1}
                style={{ flex: 1, minWidth: 220 }}
                data-testid="ps-negligence-reason"
              />
              <Button
                size="sm"
                variant="default"
                loading={negligence.isPending}
                disabled={reason.value.trim().length < 5}
                onClick={() => negligence.mutate()}
                data-testid="ps-negligence-submit"
              >
                {t('profitSharing.negligenceSubmit')}
              </Button>
            </Group>
          )}
          <ErrorAlert error={negligence.error} />
        </Stack>
      )}
    </Stack>
  );
}
