import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, rupiah } from '../../format';
import { newIdempotencyKey } from '../../idempotency';
import { shopKey } from './BackOfficeShared';

/** Tab "Titip jual": what each member producer is owed up to a date, paid into their sukarela. */
export function BackOfficeConsignment({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [through, setThrough] = useState(businessToday());
  const [done, setDone] = useState<string | null>(null);
  // one key per producer and date: a double click pays once; a failed try is retried with it
  const [keys, setKeys] = useState<Record<string, string>>({});
  const keyOf = (supplierId: string) => {
    const k = `${supplierId}/${through}`;
    const key = keys[k] ?? newIdempotencyKey();
    if (!keys[k]) setKeys((ks) => ({ ...ks, [k]: key }));
    return key;
  };
  const owed = useQuery({
    queryKey: shopKey(orgId, 'consignment', through),
    enabled: through !== '',
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/consignment', {
          params: { path: { orgId }, query: { through } },
        }),
      ),
  });
  const settle = useMutation({
    mutationFn: (supplierId: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/consignment/{supplierId}/settlements', {
          params: { path: { orgId, supplierId } },
          body: { throughDate: through, settledOn: businessToday() },
          headers: { 'idempotency-key': keyOf(supplierId) },
        }),
      ),
    onSuccess: (r, supplierId) => {
      // paid: a later settlement (new sales up to the same date) is another request
      setKeys((ks) =>
        Object.fromEntries(Object.entries(ks).filter(([k]) => k !== `${supplierId}/${through}`)),
      );
      setDone(
        t('shop.consignment.done', { amount: rupiah(r.amountRupiah), account: r.accountNumber }),
      );
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
    },
  });
  return (
    <Stack>
      <Group align="end">
        <DayInput
          label={t('shop.consignment.through')}
          value={through}
          onChange={(e) => setThrough(e.currentTarget.value)}
          data-testid="shop-consignment-through"
        />
      </Group>
      {done && (
        <Alert color="green" data-testid="shop-consignment-done">
          {done}
        </Alert>
      )}
      <ErrorAlert error={owed.error ?? settle.error} />
      {owed.data?.items.length === 0 && <Text>{t('shop.consignment.none')}</Text>}
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="shop-consignment">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.consignment.producer')}</Table.Th>
              <Table.Th>{t('shop.consignment.member')}</Table.Th>
              <Table.Th ta="right">{t('shop.consignment.lines')}</Table.Th>
              <Table.Th ta="right">{t('shop.consignment.sales')}</Table.Th>
              <Table.Th ta="right">{t('shop.consignment.margin')}</Table.Th>
              <Table.Th ta="right">{t('shop.consignment.owed')}</Table.Th>
              <Table.Th>{t('shop.consignment.lastSettled')}</Table.Th>
              {manage && <Table.Th>{t('shop.products.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {owed.data?.items.map((c) => (
              <Table.Tr key={c.supplierId} data-testid="shop-consignment-row">
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>
                  {c.memberNumber ?? '–'} {c.memberName ?? ''}
                </Table.Td>
                <Table.Td ta="right">{c.lines}</Table.Td>
                <Table.Td ta="right">{rupiah(c.salesRupiah)}</Table.Td>
                <Table.Td ta="right">
                  {rupiah(c.marginRupiah)} ({(c.marginBps / 100).toLocaleString('id-ID')} %)
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {rupiah(c.owedRupiah)}
                </Table.Td>
                <Table.Td>{c.lastSettledOn ? date(c.lastSettledOn) : '–'}</Table.Td>
                {manage && (
                  <Table.Td>
                    {BigInt(c.owedRupiah) > 0n && (
                      <Button
                        size="compact-sm"
                        onClick={() => settle.mutate(c.supplierId)}
                        loading={settle.isPending && settle.variables === c.supplierId}
                        aria-label={`${t('shop.consignment.settle')} ${c.name}`}
                      >
                        {t('shop.consignment.settle')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
