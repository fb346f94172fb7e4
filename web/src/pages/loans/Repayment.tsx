import { Alert, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { useField } from '../../components/useField';
import { digits, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { useMyCashSession } from './shared';
import type { Instalment, Loan } from './types';

interface Allocation {
  penaltyRupiah: string;
  interestRupiah: string;
  principalRupiah: string;
}

const remainingOf = (r: Instalment) => ({
  principal: BigInt(r.principalRupiah) - BigInt(r.paidPrincipalRupiah),
  interest: BigInt(r.interestRupiah) - BigInt(r.paidInterestRupiah),
  penalty: BigInt(r.penaltyRupiah) - BigInt(r.paidPenaltyRupiah),
});

/** The teller takes an instalment in cash, through the open cash session, once per key. */
export function Repayment({
  orgId,
  loan,
  rows,
  onPaid,
}: {
  orgId: string;
  loan: Loan;
  rows: Instalment[];
  onPaid: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const session = useMyCashSession(orgId);
  const amount = useField<number | string>('');
  const paidOn = useField(businessToday());
  const [done, setDone] = useState<(Allocation & { amount: string }) | null>(null);
  const [key, nextKey] = useIdempotencyKey(
    loan.id,
    digits(amount.value),
    paidOn.value,
    session?.id,
  );
  const unpaid = rows.filter((r) => r.paidOn === null);
  // penalties are taken first (oldest first), then interest and principal instalment by instalment
  const penalties = unpaid.reduce((s, r) => s + remainingOf(r).penalty, 0n);
  const oldest = unpaid[0];
  const oldestPlusPenalty = oldest
    ? penalties + remainingOf(oldest).principal + remainingOf(oldest).interest
    : 0n;
  const arrears = unpaid
    .filter((r) => r.dueOn <= paidOn.value)
    .reduce((s, r) => s + remainingOf(r).principal + remainingOf(r).interest, penalties);
  const pay = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loans/{loanId}/repayments', {
          params: { path: { orgId, loanId: loan.id } },
          body: {
            amountRupiah: digits(amount.value),
            paidOn: paidOn.value,
            cashSessionId: session?.id,
          },
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: (r) => {
      nextKey();
      setDone({ amount: digits(amount.value), ...r });
      amount.set('');
      onPaid();
      void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] });
      void qc.invalidateQueries({ queryKey: ['loans', orgId] });
    },
  });
  return (
    <Card withBorder bg="var(--mantine-color-default-hover)">
      <Stack gap="xs">
        <Text fw={600}>{t('loans.repayTitle')}</Text>
        {!session && <Alert color="yellow">{t('loans.noSessionRepay')}</Alert>}
        {done && (
          <Alert color="green" data-testid="repaid">
            {t('loans.repaid', {
              amount: rupiah(done.amount),
              penalty: rupiah(done.penaltyRupiah),
              interest: rupiah(done.interestRupiah),
              principal: rupiah(done.principalRupiah),
            })}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <RupiahInput
            label={t('loans.repayAmount')}
            {...amount.input}
            data-testid="repay-amount"
          />
          <DayInput label={t('loans.paidOn')} {...paidOn.input} data-testid="repay-date" />
        </SimpleGrid>
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="light"
            disabled={!oldest}
            onClick={() => amount.set(oldestPlusPenalty.toString())}
            data-testid="fill-oldest"
          >
            {t('loans.fillOldest', { amount: rupiah(oldestPlusPenalty) })}
          </Button>
          <Button
            size="xs"
            variant="light"
            disabled={arrears === 0n}
            onClick={() => amount.set(arrears.toString())}
            data-testid="fill-arrears"
          >
            {t('loans.fillArrears', { amount: rupiah(arrears) })}
          </Button>
        </Group>
        <ErrorAlert error={pay.error} data-testid="repay-error" />
        <Button
          onClick={() => pay.mutate()}
          disabled={!session || !digits(amount.value) || !paidOn.value}
          loading={pay.isPending}
          data-testid="repay-submit"
        >
          {t('loans.repay')}
        </Button>
      </Stack>
    </Card>
  );
}
