import { Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { useField } from '../../components/useField';
import { digits, rupiah } from '../../format';
import { useProducts } from './shared';

/**
 * The akad's terms on an application for a mudharabah / musyarakah (docs/domain/sharia-financing.md):
 * the KSPPS's nisbah, the basis, the projected result per period (appraisal only) and, for
 * musyarakah, the member's capital; editable until the application goes to the committee.
 */
export function ProfitSharingTerms({
  orgId,
  applicationId,
  productId,
  canManage,
}: {
  orgId: string;
  applicationId: string;
  productId: string;
  canManage: boolean;
}) {
  const akad = useProducts(orgId).data?.items.find((p) => p.id === productId)?.akad;
  if (akad !== 'mudharabah' && akad !== 'musyarakah') return null;
  return (
    <TermsForm orgId={orgId} applicationId={applicationId} akad={akad} canManage={canManage} />
  );
}

function TermsForm({
  orgId,
  applicationId,
  akad,
  canManage,
}: {
  orgId: string;
  applicationId: string;
  akad: 'mudharabah' | 'musyarakah';
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const path = { path: { orgId, applicationId } };
  const q = useQuery({
    queryKey: ['loan-applications', orgId, 'profit-sharing', applicationId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/loan-applications/{applicationId}/profit-sharing', {
          params: path,
        }),
      ),
  });
  const nisbah = useField('');
  const basis = useField<string | null>('profit');
  const projected = useField<number | string>('');
  const capital = useField<number | string>('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/loan-applications/{applicationId}/profit-sharing', {
          params: path,
          body: {
            nisbahKsppsPercent: nisbah.value.trim().replace(',', '.'),
            basis: basis.value === 'revenue' ? 'revenue' : 'profit',
            projectedResultRupiah: digits(projected.value) || '0',
            memberCapitalRupiah: akad === 'musyarakah' ? digits(capital.value) || '0' : '0',
          },
        }),
      ),
    onSuccess: () => void q.refetch(),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  const terms = q.data.terms;
  return (
    <Stack gap="xs" data-testid="ps-terms">
      <Text size="sm" fw={600}>
        {t('profitSharing.terms')}
      </Text>
      {terms ? (
        <Text size="sm" data-testid="ps-terms-summary">
          {t('profitSharing.termsSummary', {
            kspps: terms.nisbahKsppsPercent,
            basis: t(`profitSharing.bases.${terms.basis}`),
            projected: rupiah(terms.projectedResultRupiah),
            share: rupiah(terms.projectedShareRupiah),
          })}
          {terms.kind === 'musyarakah'
            ? ` · ${t('profitSharing.capital')}: ${rupiah(terms.ksppsCapitalRupiah)} / ${rupiah(terms.memberCapitalRupiah)}`
            : ''}
        </Text>
      ) : (
        <Text size="sm" data-testid="ps-terms-missing">
          {t('profitSharing.termsMissing')}
        </Text>
      )}
      {canManage && q.data.editable && (
        <>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('profitSharing.nisbahKspps')}
              description={t('profitSharing.nisbahHelp')}
              {...nisbah.input}
              w={180}
              data-testid="ps-terms-nisbah"
            />
            {akad === 'mudharabah' && (
              <Select
                label={t('profitSharing.basis')}
                data={[
                  { value: 'profit', label: t('profitSharing.bases.profit') },
                  { value: 'revenue', label: t('profitSharing.bases.revenue') },
                ]}
                {...basis.input}
                allowDeselect={false}
                w={240}
                data-testid="ps-terms-basis"
              />
            )}
            <RupiahInput
              label={t('profitSharing.projectedPerPeriod')}
              min={0}
              {...projected.input}
              w={200}
              data-testid="ps-terms-projected"
            />
            {akad === 'musyarakah' && (
              <NumberInput
                label={t('profitSharing.memberCapital')}
                thousandSeparator="."
                decimalSeparator=","
                allowDecimal={false}
                min={1}
                {...capital.input}
                w={200}
                data-testid="ps-terms-capital"
              />
            )}
          </Group>
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={save.isPending}
              disabled={nisbah.value.trim() === ''}
              onClick={() => save.mutate()}
              data-testid="ps-terms-save"
            >
              {t('profitSharing.saveTerms')}
            </Button>
          </Group>
          <ErrorAlert error={save.error} />
        </>
      )}
    </Stack>
  );
}
