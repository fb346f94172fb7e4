import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import {
  memberApi,
  qtyText,
  type Delivery,
  type SettlementPreview,
  type VendorRounds as VendorRoundsData,
  vendorHouseholdApi,
} from './api';
import { HouseholdOrder } from './HouseholdOrder';

/**
 * Mlijo on a member's phone (docs/domain/mlijo.md): a vendor gets the route's rounds with the
 * pick list, the delivery list (weigh, deliver, collect) and the day's settlement; a member who
 * is not a vendor orders for the own household. A shop manager picks the vendor.
 */
export function MlijoPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const manager = can('shop.manage');
  const [vendorId, setVendorId] = useState<string | null>(null);
  const vendors = useQuery({
    queryKey: ['mlijo-vendors', orgId],
    enabled: manager,
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/mlijo/vendors', { params: { path: { orgId } } })),
  });
  const chosen = vendorId ?? (manager ? (vendors.data?.items[0]?.id ?? null) : null);
  const rounds = useQuery({
    queryKey: ['mlijo-vendor-rounds', orgId, chosen],
    enabled: !manager || chosen !== null,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/vendor/rounds', {
          params: { path: { orgId }, query: chosen ? { vendorId: chosen } : {} },
        }),
      ),
  });
  const notVendor = rounds.error instanceof ApiError && rounds.error.status === 403;
  return (
    <>
      <PageTitle>{notVendor ? t('mlijo.orderTitle') : t('mlijo.vendor.title')}</PageTitle>
      {manager && vendors.data && (
        <Select
          mb="sm"
          label={t('mlijo.vendor.pickVendor')}
          data={vendors.data.items.map((v) => ({
            value: v.id,
            label: `${v.memberName} · ${v.routeName}`,
          }))}
          value={chosen}
          allowDeselect={false}
          onChange={setVendorId}
          data-testid="mlijo-vendor-select"
        />
      )}
      {notVendor ? (
        can('mlijo.order') ? (
          <HouseholdOrder api={memberApi(orgId)} notFound={t('mlijo.notOnRoute')} />
        ) : (
          <ErrorAlert error={rounds.error} />
        )
      ) : (
        <ErrorAlert error={rounds.error} />
      )}
      {rounds.data && <VendorRounds data={rounds.data} vendorId={chosen} />}
    </>
  );
}

function VendorRounds({ data, vendorId }: { data: VendorRoundsData; vendorId: string | null }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  // the round to work on: the nearest delivery from today with orders still out, else today's
  const byDate = [...data.rounds].sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate));
  const first =
    byDate.find((r) => r.deliveryDate >= data.today && r.openOrders > 0) ??
    byDate.find((r) => r.deliveryDate >= data.today) ??
    byDate[byDate.length - 1];
  const [roundId, setRoundId] = useState<string | null>(null);
  const current = roundId ?? first?.id ?? null;
  const query = vendorId ? { vendorId } : {};
  const round = useQuery({
    queryKey: ['mlijo-vendor-round', orgId, current, vendorId],
    enabled: current !== null,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/vendor/rounds/{roundId}', {
          params: { path: { orgId, roundId: current! }, query },
        }),
      ),
  });
  const deliveryDate = round.data?.round.deliveryDate ?? null;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {data.vendor.routeName} · {data.vendor.areas}
      </Text>
      <Select
        label={t('mlijo.vendor.round')}
        data={data.rounds.map((r) => ({
          value: r.id,
          label: t('mlijo.vendor.roundOption', {
            date: date(r.deliveryDate),
            state: t(`mlijo.roundState.${r.state}`),
            orders: r.orders,
          }),
        }))}
        value={current}
        allowDeselect={false}
        onChange={setRoundId}
        data-testid="mlijo-round-select"
      />
      <ErrorAlert error={round.error} />
      {round.data && (
        <Tabs defaultValue="deliveries" keepMounted={false}>
          <Tabs.List grow>
            <Tabs.Tab value="pick" data-testid="tab-pick">
              {t('mlijo.vendor.pick')}
            </Tabs.Tab>
            <Tabs.Tab value="deliveries" data-testid="tab-deliveries">
              {t('mlijo.vendor.deliveries')}
            </Tabs.Tab>
            <Tabs.Tab value="settlement" data-testid="tab-settlement">
              {t('mlijo.vendor.settlement')}
            </Tabs.Tab>
            <Tabs.Tab value="order" data-testid="tab-order">
              {t('mlijo.vendor.orderFor')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="pick" pt="sm">
            <PickList items={round.data.pickList} />
          </Tabs.Panel>
          <Tabs.Panel value="deliveries" pt="sm">
            <Text size="sm" mb="xs" data-testid="mlijo-to-collect">
              {t('mlijo.vendor.toCollect', { amount: rupiah(round.data.toCollectRupiah) })}
            </Text>
            {round.data.deliveries.length === 0 && <Text>{t('mlijo.vendor.noOrders')}</Text>}
            <Stack gap="sm">
              {round.data.deliveries.map((d) => (
                <DeliveryCard key={d.id} d={d} />
              ))}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="settlement" pt="sm">
            {deliveryDate && <VendorSettlement date={deliveryDate} vendorId={vendorId} />}
          </Tabs.Panel>
          <Tabs.Panel value="order" pt="sm">
            <OrderForHousehold vendorId={data.vendor.id} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

/** The vendor enters an order for a household on the route (asked at the door or by phone). */
function OrderForHousehold({ vendorId }: { vendorId: string }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const households = useQuery({
    queryKey: ['mlijo-households', orgId, vendorId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/vendor/households', {
          params: { path: { orgId }, query: { vendorId } },
        }),
      ),
  });
  return (
    <Stack gap="sm">
      <ErrorAlert error={households.error} />
      <Select
        label={t('mlijo.vendor.household')}
        searchable
        data={(households.data?.items ?? []).map((h) => ({
          value: h.id,
          label: `${h.stopNo}. ${h.name}`,
        }))}
        value={householdId}
        onChange={setHouseholdId}
        data-testid="mlijo-order-household"
      />
      {householdId && (
        <HouseholdOrder
          key={householdId}
          api={vendorHouseholdApi(orgId, householdId)}
          notFound={t('mlijo.notOnRoute')}
          onOrdered={() => void qc.invalidateQueries({ queryKey: ['mlijo-vendor-round', orgId] })}
        />
      )}
    </Stack>
  );
}

function PickList({
  items,
}: {
  items: {
    productId: string;
    name: string;
    weighed: boolean;
    baseUnit: string;
    qtyBase: string;
    orders: number;
  }[];
}) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <Text>{t('mlijo.vendor.noOrders')}</Text>;
  return (
    <Table data-testid="mlijo-pick-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('mlijo.vendor.product')}</Table.Th>
          <Table.Th ta="right">{t('mlijo.vendor.qty')}</Table.Th>
          <Table.Th ta="right">{t('mlijo.vendor.orders')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((p) => (
          <Table.Tr key={p.productId}>
            <Table.Td>{p.name}</Table.Td>
            <Table.Td ta="right">
              {qtyText(p.qtyBase, p.weighed, p.baseUnit, i18n.language)}
            </Table.Td>
            <Table.Td ta="right">{p.orders}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DeliveryCard({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const open = d.status === 'ordered' || d.status === 'packed';
  const weighed = d.lines.filter((l) => l.weighed);
  const [weights, setWeights] = useState<Record<number, number>>(() =>
    Object.fromEntries(weighed.map((l) => [l.lineNo, Number(l.packedQtyBase ?? l.qtyBase)])),
  );
  const [method, setMethod] = useState<'cash' | 'qris' | 'member_account'>('cash');
  const [reference, setReference] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['mlijo-vendor-round', orgId] });
  const pack = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mlijo/orders/{mlijoOrderId}/pack', {
          params: { path: { orgId, mlijoOrderId: d.id } },
          body: {
            weights: weighed.map((l) => ({
              lineNo: l.lineNo,
              packedQtyBase: String(Math.round(weights[l.lineNo] ?? 0)),
            })),
          },
        }),
      ),
    onSuccess: refresh,
  });
  const body = {
    paymentMethod: method,
    paymentReference: method === 'qris' ? reference.trim() || null : null,
    acceptedOverTolerance: accepted,
  };
  const [key, nextKey] = useIdempotencyKey(d.id, JSON.stringify(body));
  const deliver = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mlijo/orders/{mlijoOrderId}/deliver', {
          params: { path: { orgId, mlijoOrderId: d.id } },
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: () => {
      nextKey();
      refresh();
    },
  });
  const missed = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mlijo/orders/{mlijoOrderId}/not-delivered', {
          params: { path: { orgId, mlijoOrderId: d.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: refresh,
  });
  const needsWeighing = weighed.some((l) => l.packedQtyBase === null);
  const over = d.lines.some((l) => l.overTolerance);
  return (
    <Card withBorder padding="sm" data-testid={`mlijo-delivery-${d.stopNo}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>
            {d.stopNo}. {d.householdName}
            {d.member ? ` · ${t('mlijo.vendor.member')}` : ''}
          </Text>
          <Text size="sm">{d.address}</Text>
          {d.phone && (
            <Text size="sm" component="a" href={`tel:${d.phone}`} c="blue.9">
              {d.phone}
            </Text>
          )}
        </div>
        <Badge
          color={d.status === 'delivered' ? 'green' : d.status === 'not_delivered' ? 'red' : 'blue'}
          variant="light"
          c="dark.8"
          style={{ flexShrink: 0 }}
        >
          {t(`mlijo.status.${d.status}`)}
        </Badge>
      </Group>
      {d.note && (
        <Text size="sm" fs="italic">
          {d.note}
        </Text>
      )}
      <Table mt="xs">
        <Table.Tbody>
          {d.lines.map((l) => (
            <Table.Tr key={l.lineNo}>
              <Table.Td>
                {l.name} ·{' '}
                {qtyText(l.packedQtyBase ?? l.qtyBase, l.weighed, l.baseUnit, i18n.language)}
                {l.weighed && l.packedQtyBase !== null && (
                  <Text size="xs">
                    {t('mlijo.vendor.ordered', {
                      qty: qtyText(l.qtyBase, true, l.baseUnit, i18n.language),
                    })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{rupiah(l.packedAmountRupiah ?? l.amountRupiah)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600} ta="right" mt={4} data-testid="mlijo-delivery-total">
        {t('mlijo.vendor.collect', { amount: rupiah(d.totalRupiah) })}
      </Text>
      {open && weighed.length > 0 && (
        <Stack gap={6} mt="xs">
          {weighed.map((l) => (
            <NumberInput
              key={l.lineNo}
              label={t('mlijo.vendor.weight', { name: l.name })}
              min={1}
              max={100_000}
              step={10}
              value={weights[l.lineNo] ?? 0}
              onChange={(v) =>
                setWeights((w) => ({
                  ...w,
                  [l.lineNo]: typeof v === 'number' ? v : Number(v) || 0,
                }))
              }
              data-testid={`mlijo-weight-${d.stopNo}-${l.lineNo}`}
            />
          ))}
          <Button
            variant="outline"
            onClick={() => pack.mutate()}
            loading={pack.isPending}
            data-testid={`mlijo-pack-${d.stopNo}`}
          >
            {t('mlijo.vendor.pack')}
          </Button>
          <ErrorAlert error={pack.error} />
        </Stack>
      )}
      {open && !needsWeighing && (
        <Stack gap={6} mt="sm">
          {over && (
            <>
              <Alert color="yellow">{t('mlijo.vendor.overTolerance')}</Alert>
              <Checkbox
                label={t('mlijo.vendor.accepted')}
                checked={accepted}
                onChange={(e) => setAccepted(e.currentTarget.checked)}
              />
            </>
          )}
          <Text size="sm" fw={500} id={`pay-${d.id}`}>
            {t('mlijo.vendor.payment')}
          </Text>
          <SegmentedControl
            aria-labelledby={`pay-${d.id}`}
            fullWidth
            value={method}
            onChange={(v) => setMethod(v as typeof method)}
            data={[
              { value: 'cash', label: t('mlijo.vendor.cash') },
              { value: 'qris', label: t('mlijo.vendor.qris') },
              ...(d.member ? [{ value: 'member_account', label: t('mlijo.vendor.sukarela') }] : []),
            ]}
            data-testid={`mlijo-method-${d.stopNo}`}
          />
          {method === 'qris' && (
            <TextInput
              label={t('mlijo.vendor.qrisRef')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
            />
          )}
          <Button
            color="green.9"
            onClick={() => deliver.mutate()}
            loading={deliver.isPending}
            data-testid={`mlijo-deliver-${d.stopNo}`}
          >
            {t('mlijo.vendor.deliver')}
          </Button>
          <ErrorAlert error={deliver.error} />
        </Stack>
      )}
      {open && (
        <Stack gap={6} mt="sm">
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              style={{ flex: 1 }}
              label={t('mlijo.vendor.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Button
              variant="outline"
              color="red.9"
              disabled={reason.trim().length < 3}
              onClick={() => missed.mutate()}
            >
              {t('mlijo.vendor.notDelivered')}
            </Button>
          </Group>
          <ErrorAlert error={missed.error} />
        </Stack>
      )}
      {d.status === 'delivered' && (
        <Text size="sm" mt="xs" data-testid={`mlijo-delivered-${d.stopNo}`}>
          {t(
            `mlijo.vendor.${d.paymentMethod === 'member_account' ? 'sukarela' : d.paymentMethod === 'qris' ? 'qris' : 'cash'}`,
          )}
          {d.paymentReference ? ` · ${d.paymentReference}` : ''}
        </Text>
      )}
      {d.status === 'not_delivered' && (
        <Text size="sm" mt="xs">
          {d.notDeliveredReason}
        </Text>
      )}
    </Card>
  );
}

export function SettlementFigures({ s }: { s: NonNullable<SettlementPreview['preview']> }) {
  const { t } = useTranslation();
  const rows: [string, string, string][] = [
    ['delivered', String(s.ordersDelivered), 'orders'],
    ['deliveredValue', rupiah(s.deliveredRupiah), 'value'],
    ['cash', rupiah(s.cashCollectedRupiah), 'cash'],
    ['qris', rupiah(s.qrisRupiah), 'qris'],
    ['sukarela', rupiah(s.sukarelaRupiah), 'sukarela'],
    ['handedOver', rupiah(s.handedOverRupiah), 'handed'],
    ['shortfall', rupiah(s.shortfallRupiah), 'shortfall'],
    ['commission', rupiah(s.commissionRupiah), 'commission'],
  ];
  return (
    <Table data-testid="mlijo-settlement-figures">
      <Table.Tbody>
        {rows.map(([k, v, id]) => (
          <Table.Tr key={k}>
            <Table.Td>{t(`mlijo.settle.${k}`)}</Table.Td>
            <Table.Td ta="right" data-testid={`settle-${id}`}>
              {v}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function VendorSettlement({ date: day, vendorId }: { date: string; vendorId: string | null }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const q = useQuery({
    queryKey: ['mlijo-settlement', orgId, day, vendorId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/vendor/settlement', {
          params: { path: { orgId }, query: { date: day, ...(vendorId ? { vendorId } : {}) } },
        }),
      ),
  });
  if (!q.data) return <ErrorAlert error={q.error} />;
  const s = q.data;
  return (
    <Stack gap="xs" data-testid="mlijo-vendor-settlement">
      <Text fw={600}>{date(s.deliveryDate)}</Text>
      {s.pending > 0 && (
        <Alert color="yellow">{t('mlijo.settle.pending', { count: s.pending })}</Alert>
      )}
      {s.settled ? (
        <>
          <Alert color="green">{t('mlijo.settle.done')}</Alert>
          <SettlementFigures s={s.settled} />
        </>
      ) : s.preview ? (
        <>
          <SettlementFigures s={s.preview} />
          <Text size="sm">{t('mlijo.settle.byManager')}</Text>
        </>
      ) : (
        <Text>{t('mlijo.settle.nothing')}</Text>
      )}
    </Stack>
  );
}
