import { Badge, Button, Card, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { businessToday, daysBetween } from '../../calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, rupiah } from '../../format';
import { useMembership } from '../../App';
import { LatePayment } from './LatePayment';
import { ProfitSharing } from './ProfitSharing';
import { Repayment } from './Repayment';
import { ScheduleTable } from './ScheduleTable';
import { ClassBadge, Stat, useMemberName, useProductLabel } from './shared';
import type { Loan } from './types';

/** One loan: its figures, the auto-debit mandate, the repayment form and the current schedule. */
export function LoanDetailCard({
  orgId,
  loanId,
  counter,
  canManage,
  onClose,
}: {
  orgId: string;
  loanId: string;
  counter: boolean;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const sharia = useMembership()?.cooperativeType === 'KSPPS';
  const q = useQuery({
    queryKey: ['loans', orgId, 'detail', loanId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/loans/{loanId}', {
          params: { path: { orgId, loanId } },
        }),
      ),
  });
  const member = useMemberName(orgId, q.data?.loan.memberId);
  const product = useProductLabel(orgId, q.data?.loan.productId ?? '');
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  const { loan } = q.data;
  const now = businessToday();
  const rows = (q.data.schedules.find((s) => s.current)?.instalments ?? []).map((r) => ({
    ...r,
    daysLate: r.paidOn === null && r.dueOn < now ? daysBetween(r.dueOn, now) : 0,
  }));
  const refetch = () => void q.refetch();
  return (
    <Card withBorder data-testid="loan-detail">
      <Stack>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div>
            <Text fw={700} data-testid="loan-number">
              {loan.loanNumber}
            </Text>
            <Text size="sm">{member}</Text>
            <Text size="sm" c="dimmed">
              {product} · {t('loans.tenorShort', { n: loan.tenor })}
            </Text>
          </div>
          <Group gap="xs">
            <Badge data-testid="loan-status">{t(`loans.loanStatuses.${loan.status}`)}</Badge>
            <Button size="xs" variant="subtle" onClick={refetch} data-testid="loan-refresh">
              {t('loans.refresh')}
            </Button>
            <Button size="xs" variant="subtle" onClick={onClose}>
              {t('loans.close')}
            </Button>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label={t('loans.principal')}>{rupiah(loan.principalRupiah)}</Stat>
          <Stat label={t('loans.outstanding')} testId="loan-outstanding">
            {rupiah(loan.outstandingPrincipalRupiah)}
          </Stat>
          <Stat label={t('loans.outstandingInterest')}>
            {rupiah(loan.outstandingInterestRupiah)}
          </Stat>
          <Stat label={t('loans.penaltyDue')} testId="loan-penalty">
            {rupiah(loan.penaltyDueRupiah)}
          </Stat>
          <Stat label={t('loans.dpd')} testId="loan-dpd">
            {loan.daysPastDue}
          </Stat>
          <Stat label={t('loans.collectibility')} testId="loan-collectibility">
            <ClassBadge c={loan.collectibility} />
          </Stat>
          <Stat label={t('loans.disbursedOnShort')}>{date(loan.disbursedOn)}</Stat>
          <Stat label={t('loans.maturity')}>{date(loan.maturityOn)}</Stat>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('loans.classNote')}
        </Text>
        {loan.status === 'active' && (
          <AutoDebitSwitch orgId={orgId} loan={loan} canManage={canManage} onChanged={refetch} />
        )}
        {counter && loan.status === 'active' && (
          <Repayment orgId={orgId} loan={loan} rows={rows} onPaid={refetch} />
        )}
        {(loan.akad === 'mudharabah' || loan.akad === 'musyarakah') && (
          <ProfitSharing
            orgId={orgId}
            loanId={loan.id}
            active={loan.status === 'active'}
            onChanged={refetch}
          />
        )}
        {sharia && (
          <LatePayment
            orgId={orgId}
            loanId={loan.id}
            active={loan.status === 'active'}
            counter={counter}
            onChanged={refetch}
          />
        )}
        <ScheduleTable
          rows={rows}
          minWidth={640}
          testId="loan-schedule"
          rowTestId="loan-row"
          rowColor={(r) => (r.daysLate > 0 ? 'red' : undefined)}
          columns={[
            { header: t('loans.principal'), amount: true, cell: (r) => rupiah(r.principalRupiah) },
            { header: t('loans.interest'), amount: true, cell: (r) => rupiah(r.interestRupiah) },
            { header: t('loans.penalty'), amount: true, cell: (r) => rupiah(r.penaltyRupiah) },
            {
              header: t('loans.paid'),
              amount: true,
              cell: (r) =>
                rupiah(
                  BigInt(r.paidPrincipalRupiah) +
                    BigInt(r.paidInterestRupiah) +
                    BigInt(r.paidPenaltyRupiah),
                ),
            },
            {
              header: t('loans.state'),
              cell: (r) =>
                r.paidOn
                  ? t('loans.paidOnRow', { date: date(r.paidOn) })
                  : r.daysLate > 0
                    ? t('loans.late', { days: r.daysLate })
                    : '—',
            },
          ]}
        />
      </Stack>
    </Card>
  );
}

/** Surat kuasa debet: staff with the loans permission turn the loan's auto-debit from sukarela on or off. */
function AutoDebitSwitch({
  orgId,
  loan,
  canManage,
  onChanged,
}: {
  orgId: string;
  loan: Loan;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const set = useMutation({
    mutationFn: (enabled: boolean) =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/loans/{loanId}/auto-debit', {
          params: { path: { orgId, loanId: loan.id } },
          body: { enabled },
        }),
      ),
    onSuccess: onChanged,
  });
  return (
    <Stack gap={4}>
      <Switch
        checked={loan.autoDebit}
        disabled={!canManage || set.isPending}
        onChange={(e) => set.mutate(e.currentTarget.checked)}
        label={t('loans.autoDebit')}
        description={t('loans.autoDebitHelp')}
        data-testid="loan-auto-debit"
      />
      <ErrorAlert error={set.error} data-testid="auto-debit-error" />
    </Stack>
  );
}
