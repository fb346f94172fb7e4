import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { digits, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { matches, qty, shopKey, useOutlets } from './BackOfficeShared';

type OpnameResult = Answer<'/api/v1/orgs/{orgId}/shop/opnames', 'post'>;

/**
 * Tab "Opname": the counted quantity of the products counted at an outlet; each difference from
 * the system's quantity moves at average cost against the stock variance account.
 */
export function BackOfficeOpname({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const outlets = useOutlets(orgId);
  const [picked, setOutletId] = useState<string | null>(null);
  const outletId = picked ?? (outlets.data?.items.length === 1 ? outlets.data.items[0]!.id : null);
  const [countedOn, setCountedOn] = useState(businessToday());
  const [note, setNote] = useState('');
  const [search, setSearch] = useState('');
  const [counted, setCounted] = useState<Record<string, string | number>>({});
  const [result, setResult] = useState<OpnameResult | null>(null);
  const stock = useQuery({
    queryKey: shopKey(orgId, 'stock', outletId, false),
    enabled: outletId !== null,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/stock', {
          params: { path: { orgId }, query: { outletId: outletId ?? '' } },
        }),
      ),
  });
  const rows = (stock.data?.items ?? []).filter((r) => matches(search, r.sku, r.name, r.category));
  const shown = rows.slice(0, 100);
  const lines = Object.entries(counted)
    .filter(([, v]) => digits(v) !== '')
    .map(([productId, v]) => ({ productId, countedQtyBase: digits(v) }));
  const body = {
    outletId: outletId ?? '',
    countedOn,
    note: note.trim() || null,
    lines,
  };
  const [key, nextKey] = useIdempotencyKey(JSON.stringify(body));
  const post = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/opnames', {
          params: { path: { orgId } },
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: (r) => {
      nextKey();
      setResult(r);
      setCounted({});
      setNote('');
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
    },
  });
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('shop.stock.outlet')}
          value={outletId}
          onChange={(v) => {
            setOutletId(v);
            setCounted({});
          }}
          data={(outlets.data?.items ?? []).map((o) => ({
            value: o.id,
            label: `${o.code} · ${o.name}`,
          }))}
          data-testid="shop-opname-outlet"
        />
        <DayInput
          label={t('shop.opname.countedOn')}
          value={countedOn}
          onChange={(e) => setCountedOn(e.currentTarget.value)}
        />
        <TextInput
          label={t('shop.opname.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </SimpleGrid>
      <ErrorAlert error={post.error ?? stock.error} />
      {result && <OpnameResultTable result={result} />}
      {outletId === null ? (
        <Alert color="gray">{t('shop.opname.pickOutlet')}</Alert>
      ) : (
        <>
          <Text size="sm">{t('shop.opname.hint')}</Text>
          <TextInput
            label={t('shop.products.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="shop-opname-search"
            w={{ base: '100%', sm: 320 }}
          />
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="shop-opname">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('shop.products.sku')}</Table.Th>
                  <Table.Th>{t('shop.products.name')}</Table.Th>
                  <Table.Th ta="right">{t('shop.opname.system')}</Table.Th>
                  <Table.Th>{t('shop.opname.counted')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={r.productId} data-testid="shop-opname-row" data-sku={r.sku}>
                    <Table.Td>{r.sku}</Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td ta="right" data-testid="shop-opname-system">
                      {qty(r.qtyBase)} {r.baseUnit}
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('shop.opname.countedOf', { name: r.name })}
                        value={counted[r.productId] ?? ''}
                        onChange={(v) => setCounted((c) => ({ ...c, [r.productId]: v }))}
                        allowDecimal={false}
                        min={0}
                        w={120}
                        disabled={!manage}
                        data-testid="shop-opname-counted"
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {manage && (
            <Group justify="end">
              <Text size="sm">{t('shop.opname.lines', { count: lines.length })}</Text>
              <Button
                onClick={() => post.mutate()}
                loading={post.isPending}
                disabled={lines.length === 0 || !countedOn}
                data-testid="shop-opname-post"
              >
                {t('shop.opname.post')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function OpnameResultTable({ result }: { result: OpnameResult }) {
  const { t } = useTranslation();
  const changed = result.lines.filter((l) => l.varianceQtyBase !== '0');
  return (
    <Stack gap="xs" data-testid="shop-opname-result">
      <Title order={3}>{t('shop.opname.result')}</Title>
      <Alert color={changed.length === 0 ? 'green' : 'yellow'}>
        <span data-testid="shop-opname-variance">
          {t('shop.opname.variance', {
            count: changed.length,
            amount: rupiah(result.varianceRupiah),
          })}
        </span>
      </Alert>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.products.name')}</Table.Th>
              <Table.Th ta="right">{t('shop.opname.system')}</Table.Th>
              <Table.Th ta="right">{t('shop.opname.counted')}</Table.Th>
              <Table.Th ta="right">{t('shop.opname.diff')}</Table.Th>
              <Table.Th ta="right">{t('shop.opname.diffCost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.lines.map((l) => (
              <Table.Tr key={l.productId} data-testid="shop-opname-result-row">
                <Table.Td>{l.name}</Table.Td>
                <Table.Td ta="right">{qty(l.systemQtyBase)}</Table.Td>
                <Table.Td ta="right">{qty(l.countedQtyBase)}</Table.Td>
                <Table.Td ta="right" data-testid="shop-opname-diff">
                  {qty(l.varianceQtyBase)}
                </Table.Td>
                <Table.Td ta="right">{rupiah(l.varianceCostRupiah)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
