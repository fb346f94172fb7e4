import { Button, Card, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { digits } from '../../format';
import { MemberPicker, ProductSelect } from './shared';

const EMPTY_APPLICATION = {
  amount: '' as number | string,
  tenor: '' as number | string,
  purpose: '',
  income: '' as number | string,
  expenses: '' as number | string,
  collateralKind: '',
  collateralDescription: '',
  collateralValue: '' as number | string,
  guarantorName: '',
  guarantorRelationship: '',
};
type Form = typeof EMPTY_APPLICATION;

/** The credit officer's form: member, product, amount and term, capacity, collateral, guarantor. */
export function NewApplication({
  orgId,
  onCreated,
}: {
  orgId: string;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [productId, setProductId] = useState<string | null>(null);
  const [f, setF] = useState(EMPTY_APPLICATION);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF({ ...f, [k]: v });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loan-applications', {
          params: { path: { orgId } },
          body: {
            memberId: memberId!,
            productId: productId!,
            amountRupiah: digits(f.amount),
            tenor: Number(f.tenor),
            purpose: f.purpose,
            monthlyIncomeRupiah: digits(f.income) || '0',
            monthlyExpensesRupiah: digits(f.expenses) || '0',
            collateral: f.collateralKind.trim()
              ? [
                  {
                    kind: f.collateralKind,
                    description: f.collateralDescription,
                    valueRupiah: digits(f.collateralValue) || '0',
                  },
                ]
              : [],
            guarantor: f.guarantorName.trim()
              ? { name: f.guarantorName, relationship: f.guarantorRelationship || 'keluarga' }
              : null,
          },
        }),
      ),
    onSuccess: (a) => {
      setF(EMPTY_APPLICATION);
      setMemberId(null);
      onCreated(a.id);
      void qc.invalidateQueries({ queryKey: ['loan-applications', orgId] });
    },
  });
  const amount = (k: 'amount' | 'income' | 'expenses' | 'collateralValue', label: string) => (
    <RupiahInput
      label={label}
      value={f[k]}
      onChange={(v) => set(k, v)}
      min={0}
      data-testid={`app-${k}`}
    />
  );
  const text = (
    k:
      | 'purpose'
      | 'collateralKind'
      | 'collateralDescription'
      | 'guarantorName'
      | 'guarantorRelationship',
    testId?: string,
  ) => (
    <TextInput
      label={t(`loans.${k}`)}
      value={f[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
      data-testid={testId}
    />
  );
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('loans.newApplication')}</Text>
        <MemberPicker
          orgId={orgId}
          value={memberId}
          onChange={setMemberId}
          testId="app-member"
          activeOnly
        />
        <ProductSelect
          orgId={orgId}
          value={productId}
          onChange={setProductId}
          testId="app-product"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {amount('amount', t('loans.amount'))}
          <NumberInput
            label={t('loans.tenor')}
            value={f.tenor}
            onChange={(v) => set('tenor', v)}
            min={1}
            max={1000}
            allowDecimal={false}
            data-testid="app-tenor"
          />
          {amount('income', t('loans.income'))}
          {amount('expenses', t('loans.expenses'))}
        </SimpleGrid>
        {text('purpose', 'app-purpose')}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {text('collateralKind')}
          {text('collateralDescription')}
          {amount('collateralValue', t('loans.collateralValue'))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('guarantorName')}
          {text('guarantorRelationship')}
        </SimpleGrid>
        <ErrorAlert error={create.error} data-testid="app-error" />
        <Button
          onClick={() => create.mutate()}
          disabled={
            !memberId || !productId || !digits(f.amount) || !f.tenor || f.purpose.trim().length < 3
          }
          loading={create.isPending}
          data-testid="app-submit"
        >
          {t('loans.apply')}
        </Button>
      </Stack>
    </Card>
  );
}
