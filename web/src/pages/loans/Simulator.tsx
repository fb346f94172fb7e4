import { Button, Card, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { useField } from '../../components/useField';
import { digits, rupiah } from '../../format';
import { ScheduleTable } from './ScheduleTable';
import { ProductSelect, Stat } from './shared';

/** What a loan would cost: instalments, interest, fees and the net amount received. */
export function Simulator({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [productId, setProductId] = useState<string | null>(null);
  const amount = useField<number | string>('');
  const tenor = useField<number | string>('');
  const startDate = useField(businessToday());
  const sim = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loan-simulations', {
          params: { path: { orgId } },
          body: {
            productId: productId!,
            principalRupiah: digits(amount.value),
            tenor: Number(tenor.value),
            startDate: startDate.value,
          },
        }),
      ),
  });
  return (
    <Stack>
      <Card withBorder>
        <Stack>
          <ProductSelect
            orgId={orgId}
            value={productId}
            onChange={setProductId}
            testId="sim-product"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <RupiahInput label={t('loans.amount')} {...amount.input} data-testid="sim-amount" />
            <NumberInput
              label={t('loans.tenor')}
              {...tenor.input}
              min={1}
              max={1000}
              allowDecimal={false}
              data-testid="sim-tenor"
            />
            <DayInput label={t('loans.startDate')} {...startDate.input} data-testid="sim-start" />
          </SimpleGrid>
          <ErrorAlert error={sim.error} />
          <Button
            onClick={() => sim.mutate()}
            disabled={!productId || !digits(amount.value) || !tenor.value || !startDate.value}
            loading={sim.isPending}
            data-testid="sim-run"
          >
            {t('loans.simulate')}
          </Button>
        </Stack>
      </Card>
      {sim.data && (
        <Card withBorder data-testid="sim-result">
          <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm">
            <Stat label={t('loans.totalInterest')}>{rupiah(sim.data.totalInterestRupiah)}</Stat>
            <Stat label={t('loans.total')} testId="sim-total">
              {rupiah(sim.data.totalRupiah)}
            </Stat>
            <Stat label={t('loans.fees')}>
              {rupiah(BigInt(sim.data.provisiRupiah) + BigInt(sim.data.adminFeeRupiah))}
            </Stat>
            <Stat label={t('loans.net')} testId="sim-net">
              {rupiah(sim.data.netDisbursementRupiah)}
            </Stat>
          </SimpleGrid>
          <ScheduleTable
            rows={sim.data.instalments}
            minWidth={520}
            testId="sim-schedule"
            rowTestId="sim-row"
            columns={[
              {
                header: t('loans.principal'),
                amount: true,
                cell: (r) => rupiah(r.principalRupiah),
              },
              { header: t('loans.interest'), amount: true, cell: (r) => rupiah(r.interestRupiah) },
              { header: t('loans.instalment'), amount: true, cell: (r) => rupiah(r.totalRupiah) },
              {
                header: t('loans.remaining'),
                amount: true,
                cell: (r) => rupiah(r.remainingRupiah),
              },
            ]}
          />
        </Card>
      )}
    </Stack>
  );
}
