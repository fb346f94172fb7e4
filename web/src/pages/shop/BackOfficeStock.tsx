import { Badge, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { rupiah } from '../../format';
import { matches, qty, shopKey, useOutlets } from './BackOfficeShared';

/** Tab "Stok": stock on hand at cost per outlet and product, the low ones alone on request. */
export function BackOfficeStock({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const outlets = useOutlets(orgId);
  const [outletId, setOutletId] = useState<string | null>(null);
  const [lowOnly, setLowOnly] = useState(false);
  const [search, setSearch] = useState('');
  const stock = useQuery({
    queryKey: shopKey(orgId, 'stock', outletId, lowOnly),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/stock', {
          params: {
            path: { orgId },
            query: { ...(outletId ? { outletId } : {}), ...(lowOnly ? { low: 'true' } : {}) },
          },
        }),
      ),
  });
  const rows = (stock.data?.items ?? []).filter((r) => matches(search, r.sku, r.name, r.category));
  const shown = rows.slice(0, 300);
  const value = rows.reduce((s, r) => s + BigInt(r.valueRupiah), 0n);
  return (
    <Stack>
      <Group align="end">
        <Select
          label={t('shop.stock.outlet')}
          placeholder={t('shop.stock.allOutlets')}
          clearable
          value={outletId}
          onChange={setOutletId}
          data={(outlets.data?.items ?? []).map((o) => ({
            value: o.id,
            label: `${o.code} · ${o.name}`,
          }))}
          data-testid="shop-stock-outlet"
        />
        <TextInput
          label={t('shop.products.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="shop-stock-search"
        />
        <Switch
          label={t('shop.stock.lowOnly')}
          checked={lowOnly}
          onChange={(e) => setLowOnly(e.currentTarget.checked)}
          data-testid="shop-stock-low"
          mb={8}
        />
      </Group>
      <ErrorAlert error={stock.error ?? outlets.error} />
      <Text size="sm" data-testid="shop-stock-summary">
        {t('shop.stock.summary', { count: rows.length, value: rupiah(value) })}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="shop-stock">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.stock.outlet')}</Table.Th>
              <Table.Th>{t('shop.products.sku')}</Table.Th>
              <Table.Th>{t('shop.products.name')}</Table.Th>
              <Table.Th ta="right">{t('shop.stock.qty')}</Table.Th>
              <Table.Th ta="right">{t('shop.stock.reorder')}</Table.Th>
              <Table.Th ta="right">{t('shop.stock.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr
                key={`${r.outletId}-${r.productId}`}
                data-testid="shop-stock-row"
                data-sku={r.sku}
              >
                <Table.Td>{r.outletCode}</Table.Td>
                <Table.Td>{r.sku}</Table.Td>
                <Table.Td>
                  {r.name}
                  {r.low && (
                    <Badge ml="xs" size="sm" color="red.8">
                      {t('shop.products.low')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right" data-testid="shop-stock-qty">
                  {qty(r.qtyBase)} {r.baseUnit}
                </Table.Td>
                <Table.Td ta="right">{qty(r.reorderLevelBase)}</Table.Td>
                <Table.Td ta="right">{rupiah(r.valueRupiah)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
