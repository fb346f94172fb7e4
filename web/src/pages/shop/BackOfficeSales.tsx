import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { dateTime, digits, rupiah } from '../../format';
import { MemberPicker, shopKey } from './BackOfficeShared';

type Chain = Answer<'/api/v1/orgs/{orgId}/shop/tills/{tillId}/chain'>;

/** Tab "Penjualan": the day's sales, each till's receipt chain re-walked, members' credit limits. */
export function BackOfficeSales({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(businessToday());
  const [tillId, setTillId] = useState<string | null>(null);
  const tills = useQuery({
    queryKey: shopKey(orgId, 'tills'),
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shop/tills', { params: { path: { orgId } } })),
  });
  const sales = useQuery({
    queryKey: shopKey(orgId, 'sales', day, tillId),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/sales', {
          params: {
            path: { orgId },
            query: { limit: 500, ...(day ? { date: day } : {}), ...(tillId ? { tillId } : {}) },
          },
        }),
      ),
  });
  const items = sales.data?.items ?? [];
  const total = items
    .filter((s) => s.status === 'posted')
    .reduce((sum, s) => sum + BigInt(s.totalRupiah), 0n);
  return (
    <Stack gap="xl">
      <Stack>
        <Group align="end">
          <DayInput
            label={t('shop.sales.date')}
            value={day}
            onChange={(e) => setDay(e.currentTarget.value)}
            data-testid="shop-sales-date"
          />
          <Select
            label={t('shop.sales.till')}
            placeholder={t('shop.sales.allTills')}
            clearable
            value={tillId}
            onChange={setTillId}
            data={(tills.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.code} · ${x.name}`,
            }))}
          />
        </Group>
        <ErrorAlert error={sales.error ?? tills.error} />
        <Text size="sm" data-testid="shop-sales-summary">
          {t('shop.sales.summary', { count: items.length, total: rupiah(total) })}
        </Text>
        <Table.ScrollContainer minWidth={680}>
          <Table striped data-testid="shop-sales">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('shop.sales.receipt')}</Table.Th>
                <Table.Th>{t('shop.sales.soldAt')}</Table.Th>
                <Table.Th>{t('shop.sales.member')}</Table.Th>
                <Table.Th>{t('shop.sales.payment')}</Table.Th>
                <Table.Th ta="right">{t('shop.sales.total')}</Table.Th>
                <Table.Th>{t('shop.sales.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.receiptNumber}</Table.Td>
                  <Table.Td>{dateTime(s.soldAt)}</Table.Td>
                  <Table.Td>{s.memberName ?? '–'}</Table.Td>
                  <Table.Td>
                    {t(`shop.sales.methods.${s.paymentMethod}`, { defaultValue: s.paymentMethod })}
                  </Table.Td>
                  <Table.Td ta="right">{rupiah(s.totalRupiah)}</Table.Td>
                  <Table.Td>
                    {s.status === 'voided' ? (
                      <Badge color="red.8">{t('shop.sales.voided')}</Badge>
                    ) : (
                      t('shop.sales.posted')
                    )}
                    {s.offline && (
                      <Badge ml="xs" variant="outline" color="gray.8">
                        {t('shop.sales.offline')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <ChainCheck orgId={orgId} tills={tills.data?.items ?? []} />
      {manage && <CreditLimit orgId={orgId} />}
    </Stack>
  );
}

function ChainCheck({
  orgId,
  tills,
}: {
  orgId: string;
  tills: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const [results, setResults] = useState<Record<string, Chain>>({});
  const check = useMutation({
    mutationFn: (tillId: string) =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/tills/{tillId}/chain', {
          params: { path: { orgId, tillId } },
        }),
      ),
    onSuccess: (r) => setResults((rs) => ({ ...rs, [r.tillId]: r })),
  });
  return (
    <Stack>
      <Title order={3}>{t('shop.chain.title')}</Title>
      <Text size="sm">{t('shop.chain.hint')}</Text>
      <ErrorAlert error={check.error} />
      {tills.map((x) => {
        const r = results[x.id];
        return (
          <Card withBorder key={x.id} data-testid="shop-chain-till">
            <Group justify="space-between">
              <Text fw={600}>
                {x.code} · {x.name}
              </Text>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => check.mutate(x.id)}
                loading={check.isPending && check.variables === x.id}
                aria-label={`${t('shop.chain.check')} ${x.code}`}
              >
                {t('shop.chain.check')}
              </Button>
            </Group>
            {r &&
              (r.breaks.length === 0 ? (
                <Alert color="green" mt="xs" data-testid="shop-chain-ok">
                  {t('shop.chain.ok', { count: r.checked })}
                </Alert>
              ) : (
                <Alert color="red" mt="xs" data-testid="shop-chain-broken">
                  {t('shop.chain.broken', { count: r.breaks.length, checked: r.checked })}
                  <List size="sm" mt="xs">
                    {r.breaks.map((b) => (
                      <List.Item key={`${b.receiptNo}-${b.problem}`}>
                        {t(`shop.chain.problems.${b.problem}`, {
                          no: b.receiptNo,
                          expected: b.expected ?? '–',
                        })}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              ))}
          </Card>
        );
      })}
    </Stack>
  );
}

function CreditLimit({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [limit, setLimit] = useState<string | number>('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/shop/credit-limits/{memberId}', {
          params: { path: { orgId, memberId: memberId ?? '' } },
          body: { limitRupiah: digits(limit) || '0' },
        }),
      ),
  });
  const r = save.data;
  return (
    <Stack>
      <Title order={3}>{t('shop.credit.title')}</Title>
      <Text size="sm">{t('shop.credit.hint')}</Text>
      <ErrorAlert error={save.error} />
      <Group align="end" wrap="wrap">
        <MemberPicker
          orgId={orgId}
          label={t('shop.setup.member')}
          value={memberId}
          onChange={setMemberId}
          w={{ base: '100%', sm: 320 }}
        />
        <RupiahInput
          label={t('shop.credit.limit')}
          value={limit}
          onChange={setLimit}
          min={0}
          w={200}
        />
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!memberId}>
          {t('shop.save')}
        </Button>
      </Group>
      {r && (
        <Alert color="green">
          {t('shop.credit.saved', {
            limit: rupiah(r.limitRupiah),
            outstanding: rupiah(r.outstandingRupiah),
            available: rupiah(r.availableRupiah),
          })}
        </Alert>
      )}
    </Stack>
  );
}
