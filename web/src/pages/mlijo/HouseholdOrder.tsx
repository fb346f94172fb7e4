import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, dateTime, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { qtyText, type HouseholdApi, type Home, type Order } from './api';

/**
 * A household's ordering page on a phone (docs/domain/mlijo.md): the round now open, the goods at
 * the household's price (weighed goods in kg, charged at the weight packed), the order sent once
 * with an Idempotency-Key, then the order and its state.
 */
export function HouseholdOrder({
  api,
  notFound,
  onOrdered,
}: {
  api: HouseholdApi;
  notFound: string;
  /** called once an order is sent (the vendor's lists refresh) */
  onOrdered?: () => void;
}) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: api.key,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    queryFn: api.home,
  });
  if (q.error instanceof ApiError && q.error.status === 404)
    return <Alert color="yellow">{notFound}</Alert>;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const home = q.data;
  return (
    <Stack gap="sm">
      <div>
        <Text fw={600} data-testid="mlijo-household">
          {home.household.name}
        </Text>
        <Text size="sm">
          {t('mlijo.route', { route: home.household.routeName, vendor: home.household.vendorName })}
        </Text>
      </div>
      <RoundLine home={home} />
      {home.order ? (
        <OrderCard order={home.order} />
      ) : home.round?.state === 'open' ? (
        <OrderForm home={home} api={api} onOrdered={onOrdered} />
      ) : null}
    </Stack>
  );
}

function RoundLine({ home }: { home: Home }) {
  const { t } = useTranslation();
  const r = home.round;
  if (!r) return <Alert color="gray">{t('mlijo.noRound')}</Alert>;
  const args = {
    opens: dateTime(r.opensAt),
    closes: dateTime(r.closesAt),
    date: date(r.deliveryDate),
  };
  return (
    <Alert color={r.state === 'open' ? 'green' : 'gray'} data-testid="mlijo-round">
      {r.state === 'open' ? t('mlijo.roundOpen', args) : t('mlijo.roundUpcoming', args)}
    </Alert>
  );
}

/** The estimate the phone shows: the shop's rounding (half up, once per line); the server decides. */
const estimate = (qtyBase: bigint, price: bigint, base: bigint) =>
  (qtyBase * price * 2n + base) / (base * 2n);

function OrderForm({
  home,
  api,
  onOrdered,
}: {
  home: Home;
  api: HouseholdApi;
  onOrdered?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [note, setNote] = useState('');
  // per product: kg for weighed goods (0.25 steps), pieces otherwise
  const [qty, setQty] = useState<Record<string, number>>({});
  const chosen = home.products.filter((p) => (qty[p.id] ?? 0) > 0);
  const lines = chosen.map((p) => {
    const q = qty[p.id] ?? 0;
    const qtyBase =
      p.weighed && p.baseUnit === 'g' ? BigInt(Math.round(q * 1000)) : BigInt(Math.round(q));
    return {
      product: p,
      qtyBase,
      amount: estimate(qtyBase, BigInt(p.priceRupiah), BigInt(p.priceUnitBase)),
    };
  });
  const body = {
    roundId: home.round!.id,
    lines: lines.map((l) => ({
      productId: l.product.id,
      unit: l.product.baseUnit,
      qty: l.qtyBase.toString(),
    })),
    note: note.trim() === '' ? null : note.trim(),
  };
  const [key, nextKey] = useIdempotencyKey(JSON.stringify(body));
  const send = useMutation({
    mutationFn: () => api.order(body, key),
    onSuccess: () => {
      nextKey();
      void qc.invalidateQueries({ queryKey: api.key });
      onOrdered?.();
    },
  });
  const shown = useMemo(() => {
    const s = search.trim().toLowerCase();
    return home.products.filter((p) => s === '' || p.name.toLowerCase().includes(s)).slice(0, 40);
  }, [home.products, search]);
  const total = lines.reduce((a, l) => a + l.amount, 0n);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('mlijo.weighedNote')}</Text>
      <TextInput
        label={t('mlijo.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="mlijo-search"
      />
      <Stack gap={6}>
        {shown.map((p) => (
          <Card key={p.id} withBorder padding="xs" data-testid={`mlijo-product-${p.id}`}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {p.name}
                </Text>
                <Text size="xs">
                  {rupiah(p.priceRupiah)} {t('mlijo.perUnit', { unit: p.priceUnit })}
                </Text>
              </div>
              <NumberInput
                w={96}
                min={0}
                max={p.weighed ? 20 : 50}
                step={p.weighed ? 0.25 : 1}
                decimalScale={p.weighed ? 2 : 0}
                decimalSeparator={i18n.language === 'en' ? '.' : ','}
                aria-label={
                  p.weighed
                    ? t('mlijo.qtyKg', { name: p.name })
                    : t('mlijo.qtyPcs', { name: p.name })
                }
                value={qty[p.id] ?? 0}
                onChange={(v) =>
                  setQty((x) => ({ ...x, [p.id]: typeof v === 'number' ? v : Number(v) || 0 }))
                }
              />
            </Group>
          </Card>
        ))}
      </Stack>
      {lines.length > 0 && (
        <Card withBorder padding="sm" data-testid="mlijo-cart">
          <Title order={2} size="h4" mb="xs">
            {t('mlijo.cart')}
          </Title>
          {lines.map((l) => (
            <Group key={l.product.id} justify="space-between" wrap="nowrap">
              <Text size="sm">
                {l.product.name} ·{' '}
                {qtyText(
                  l.qtyBase.toString(),
                  l.product.weighed,
                  l.product.baseUnit,
                  i18n.language,
                )}
              </Text>
              <Text size="sm">{rupiah(l.amount)}</Text>
            </Group>
          ))}
          <Group justify="space-between" mt="xs">
            <Text fw={600}>{t('mlijo.estimate')}</Text>
            <Text fw={600} data-testid="mlijo-estimate">
              {rupiah(total)}
            </Text>
          </Group>
          <Textarea
            label={t('mlijo.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            mt="xs"
            maxLength={300}
          />
          <ErrorAlert error={send.error} mt="xs" />
          <Button
            mt="sm"
            fullWidth
            loading={send.isPending}
            onClick={() => send.mutate()}
            data-testid="mlijo-send"
          >
            {t('mlijo.send')}
          </Button>
        </Card>
      )}
    </Stack>
  );
}

export function OrderCard({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="mlijo-order">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('mlijo.yourOrder')}
        </Title>
        <Badge
          color={
            order.status === 'delivered'
              ? 'green'
              : order.status === 'not_delivered'
                ? 'red'
                : 'blue'
          }
          variant="light"
          c="dark.8"
          style={{ flexShrink: 0 }}
        >
          {t(`mlijo.status.${order.status}`)}
        </Badge>
      </Group>
      <Table>
        <Table.Tbody>
          {order.lines.map((l) => (
            <Table.Tr key={l.lineNo}>
              <Table.Td>
                {l.name} ·{' '}
                {qtyText(l.packedQtyBase ?? l.qtyBase, l.weighed, l.baseUnit, i18n.language)}
              </Table.Td>
              <Table.Td ta="right">{rupiah(l.packedAmountRupiah ?? l.amountRupiah)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" mt="xs">
        <Text fw={600}>{t('mlijo.total')}</Text>
        <Text fw={600} data-testid="mlijo-order-total">
          {rupiah(order.totalRupiah)}
        </Text>
      </Group>
    </Card>
  );
}
