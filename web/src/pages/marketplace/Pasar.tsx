import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Container,
  Group,
  Image,
  NumberInput,
  Pagination,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, client, unwrap, type Answer } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { rupiah } from '../../format';
import { newIdempotencyKey } from '../../idempotency';
import { LanguageToggle } from '../../LanguageToggle';
import { Logo } from '../../Logo';
import { useSession } from '../../session';

/**
 * The cooperative's public storefront (docs/domain/marketplace.md), /pasar/:cooperativeId: no
 * sign-in; a signed-in member of the cooperative sees member prices and may pay from sukarela.
 * Built for a cheap phone: two columns at 360 px, small photos loaded lazily, one form.
 */

type Storefront = Answer<'/api/v1/pasar/{cooperativeId}'>;
type Item = Storefront['items'][number];
type Order = Answer<'/api/v1/pasar/{cooperativeId}/orders', 'post'>;
type Payment = 'cash' | 'qris' | 'member_account';

const PAGE_SIZE = 12;

export function PasarPage() {
  const { t } = useTranslation();
  const { cooperativeId = '' } = useParams();
  const { session } = useSession();
  const member = !!session?.memberships.find(
    (m) => m.organizationId === cooperativeId && m.permissions.includes('self.read'),
  );
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [category, setCategory] = useState<string | null>(null);
  const [producer, setProducer] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [basket, setBasket] = useState<{ item: Item; qty: number }[]>([]);
  const [placed, setPlaced] = useState<Order | null>(null);
  const query = {
    page,
    pageSize: PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(category ? { category } : {}),
    ...(producer ? { producer } : {}),
  };
  const store = useQuery({
    queryKey: ['pasar', cooperativeId, member, query],
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    queryFn: () =>
      member
        ? unwrap(
            client.GET('/api/v1/orgs/{orgId}/marketplace/member-storefront', {
              params: { path: { orgId: cooperativeId }, query },
            }),
          )
        : unwrap(
            client.GET('/api/v1/pasar/{cooperativeId}', {
              params: { path: { cooperativeId }, query },
            }),
          ),
  });
  const d = store.data;
  const add = (item: Item) =>
    setBasket((b) =>
      b.some((x) => x.item.id === item.id)
        ? b.map((x) => (x.item.id === item.id ? { ...x, qty: x.qty + 1 } : x))
        : [...b, { item, qty: 1 }],
    );
  return (
    <Container size="lg" px="xs" py="md" data-testid="pasar">
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
          <Logo />
          <Text fw={700} lineClamp={2}>
            {d?.cooperativeName ?? 'Sokoguru'}
          </Text>
        </Group>
        <div style={{ flexShrink: 0 }}>
          <LanguageToggle />
        </div>
      </Group>
      <main>
        <Title order={1} size="h2" mb="xs" data-testid="page-title">
          {d?.title ?? t('pasar.title')}
        </Title>
        {store.error instanceof ApiError && store.error.status === 404 ? (
          <Text>{t('pasar.notFound')}</Text>
        ) : (
          <ErrorAlert error={store.error} />
        )}
        {d && (
          <Stack>
            {d.note && <Text size="sm">{d.note}</Text>}
            {d.memberPrices && (
              <Alert color="green" p="xs">
                {t('pasar.memberPricesOn')}
              </Alert>
            )}
            {placed ? (
              <Placed
                order={placed}
                cooperativeId={cooperativeId}
                onAgain={() => {
                  setPlaced(null);
                  setBasket([]);
                }}
              />
            ) : (
              <>
                <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
                  <TextInput
                    label={t('pasar.search')}
                    value={search}
                    onChange={(e) => {
                      setSearch(e.currentTarget.value);
                      setPage(1);
                    }}
                    type="search"
                    data-testid="pasar-search"
                  />
                  <Select
                    label={t('pasar.category')}
                    placeholder={t('pasar.all')}
                    clearable
                    value={category}
                    onChange={(v) => {
                      setCategory(v);
                      setPage(1);
                    }}
                    data={d.categories.map((c) => ({
                      value: c.key,
                      label: `${c.key} (${c.count})`,
                    }))}
                  />
                  <Select
                    label={t('pasar.producer')}
                    placeholder={t('pasar.all')}
                    clearable
                    searchable
                    value={producer}
                    onChange={(v) => {
                      setProducer(v);
                      setPage(1);
                    }}
                    data={d.producers.map((p) => ({
                      value: p.key,
                      label: `${p.name ?? t('pasar.koperasi')} (${p.count})`,
                    }))}
                  />
                </SimpleGrid>
                <Text size="sm" c="gray.7" aria-live="polite">
                  {t('pasar.count', { n: d.total })}
                </Text>
                {d.items.length === 0 && <Text>{t('pasar.none')}</Text>}
                <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs" data-testid="pasar-items">
                  {d.items.map((item) => (
                    <ProductCard
                      key={item.id}
                      item={item}
                      member={d.memberPrices}
                      onAdd={() => add(item)}
                    />
                  ))}
                </SimpleGrid>
                {d.total > d.pageSize && (
                  <Pagination
                    total={Math.ceil(d.total / d.pageSize)}
                    value={page}
                    onChange={setPage}
                    size="sm"
                    getControlProps={(c) => ({ 'aria-label': `${t('pasar.page')} ${c}` })}
                    getItemProps={(p) => ({ 'aria-label': `${t('pasar.page')} ${p}` })}
                  />
                )}
                <Basket
                  cooperativeId={cooperativeId}
                  member={d.memberPrices}
                  basket={basket}
                  setBasket={setBasket}
                  onPlaced={setPlaced}
                />
              </>
            )}
          </Stack>
        )}
      </main>
    </Container>
  );
}

function ProductCard({ item, member, onAdd }: { item: Item; member: boolean; onAdd: () => void }) {
  const { t } = useTranslation();
  const available = BigInt(item.availableBase);
  const price = member && item.memberPriceRupiah ? item.memberPriceRupiah : item.publicPriceRupiah;
  return (
    <Card withBorder padding="xs" data-testid="pasar-item">
      <Card.Section>
        {item.photoUrl ? (
          <Image
            src={item.photoUrl}
            alt={t('pasar.photoOf', { name: item.name })}
            h={120}
            fit="cover"
            loading="lazy"
          />
        ) : (
          <Stack h={120} justify="center" align="center" bg="gray.1">
            <Text size="xs" c="gray.7">
              {t('pasar.noPhoto')}
            </Text>
          </Stack>
        )}
      </Card.Section>
      <Stack gap={2} mt="xs">
        <Text fw={600} size="sm" lineClamp={2}>
          {item.name}
        </Text>
        <Text size="xs" c="gray.7">
          {item.producer
            ? t('pasar.byProducer', { name: item.producer.name })
            : t('pasar.koperasi')}
        </Text>
        <Text fw={700} data-testid="pasar-price">
          {rupiah(price)}
          <Text span size="xs" c="gray.7">
            {' '}
            / {item.unit}
          </Text>
        </Text>
        {available > 0n ? (
          <Text size="xs" c="gray.7">
            {t('pasar.stock', { n: available.toLocaleString('id-ID'), unit: item.unit })}
          </Text>
        ) : (
          <Badge color="gray" variant="light" c="gray.8">
            {t('pasar.soldOut')}
          </Badge>
        )}
        <Button
          size="compact-sm"
          mt={4}
          onClick={onAdd}
          disabled={available <= 0n}
          aria-label={t('pasar.addNamed', { name: item.name })}
        >
          {t('pasar.add')}
        </Button>
      </Stack>
    </Card>
  );
}

function Basket({
  cooperativeId,
  member,
  basket,
  setBasket,
  onPlaced,
}: {
  cooperativeId: string;
  member: boolean;
  basket: { item: Item; qty: number }[];
  setBasket: (f: (b: { item: Item; qty: number }[]) => { item: Item; qty: number }[]) => void;
  onPlaced: (o: Order) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [payment, setPayment] = useState<Payment>('cash');
  // one key per order form: a double tap or a retry after a dropped answer places one order
  const [key, setKey] = useState(newIdempotencyKey);
  const total = basket.reduce((s, b) => {
    const p =
      member && b.item.memberPriceRupiah ? b.item.memberPriceRupiah : b.item.publicPriceRupiah;
    return s + BigInt(p) * BigInt(b.qty);
  }, 0n);
  const send = useMutation({
    mutationFn: () => {
      const body = {
        lines: basket.map((b) => ({ productId: b.item.id, qty: String(b.qty) })),
        buyerName: name,
        buyerPhone: phone,
        buyerAddress: address,
        note: note.trim() || null,
        paymentMethod: payment,
        paymentReference: null,
      };
      const headers = { 'idempotency-key': key };
      return member
        ? unwrap(
            client.POST('/api/v1/orgs/{orgId}/marketplace/my-orders', {
              params: { path: { orgId: cooperativeId } },
              body,
              headers,
            }),
          )
        : unwrap(
            client.POST('/api/v1/pasar/{cooperativeId}/orders', {
              params: { path: { cooperativeId } },
              body,
              headers,
            }),
          );
    },
    onSuccess: (o) => {
      setKey(newIdempotencyKey());
      onPlaced(o);
    },
  });
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="pasar-basket">
      <Title order={2} size="h3" id="pasar-basket" mb="xs">
        {t('pasar.basket')}
      </Title>
      {basket.length === 0 ? (
        <Text size="sm">{t('pasar.basketEmpty')}</Text>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <Stack gap="xs">
            {basket.map((b) => (
              <Group key={b.item.id} justify="space-between" wrap="nowrap" data-testid="pasar-line">
                <Text size="sm" style={{ flex: 1, minWidth: 0 }} lineClamp={2}>
                  {b.item.name}
                </Text>
                <NumberInput
                  w={72}
                  min={1}
                  max={999}
                  value={b.qty}
                  aria-label={t('pasar.qtyOf', { name: b.item.name })}
                  onChange={(v) => {
                    const n = typeof v === 'number' ? v : Number(v);
                    setBasket((all) =>
                      all.map((x) =>
                        x.item.id === b.item.id
                          ? { ...x, qty: Math.max(1, Math.min(999, n || 1)) }
                          : x,
                      ),
                    );
                  }}
                />
                <Button
                  variant="subtle"
                  color="red"
                  c="red.9"
                  size="compact-sm"
                  aria-label={t('pasar.remove', { name: b.item.name })}
                  onClick={() => setBasket((all) => all.filter((x) => x.item.id !== b.item.id))}
                >
                  ×
                </Button>
              </Group>
            ))}
            <Group justify="space-between">
              <Text fw={700}>{t('pasar.total')}</Text>
              <Text fw={700} data-testid="pasar-total">
                {rupiah(total)}
              </Text>
            </Group>
            <Text size="xs" c="gray.7">
              {t('pasar.totalNote')}
            </Text>
            <TextInput
              label={t('pasar.name')}
              required
              minLength={2}
              maxLength={100}
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="pasar-name"
            />
            <TextInput
              label={t('pasar.phone')}
              required
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              pattern="[+]?[0-9 \-]{8,20}"
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              data-testid="pasar-phone"
            />
            <Textarea
              label={t('pasar.address')}
              required
              minLength={5}
              maxLength={300}
              autoComplete="street-address"
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              data-testid="pasar-address"
            />
            <TextInput
              label={t('pasar.note')}
              maxLength={300}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <div role="group" aria-labelledby="pasar-payment">
              <Text size="sm" fw={500} id="pasar-payment" mb={4}>
                {t('pasar.payment')}
              </Text>
              <SegmentedControl
                fullWidth
                orientation="vertical"
                value={payment}
                onChange={(v) => setPayment(v)}
                data={(member
                  ? (['cash', 'qris', 'member_account'] as const)
                  : (['cash', 'qris'] as const)
                ).map((p) => ({ value: p, label: t(`pasar.pay.${p}`) }))}
                data-testid="pasar-payment"
              />
            </div>
            <ErrorAlert error={send.error} />
            <Button type="submit" loading={send.isPending} data-testid="pasar-send">
              {t('pasar.send')}
            </Button>
          </Stack>
        </form>
      )}
    </Card>
  );
}

function Placed({
  order,
  cooperativeId,
  onAgain,
}: {
  order: Order;
  cooperativeId: string;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const href = `/pasar/${cooperativeId}/pesanan/${order.statusToken}`;
  return (
    <Alert
      color="green"
      data-testid="pasar-placed"
      title={t('pasar.order', { number: order.number })}
    >
      <Stack gap="xs">
        <Text size="sm">{t('pasar.sent', { number: order.number })}</Text>
        <Anchor component={Link} to={href} c="blue.9" data-testid="pasar-status-link">
          {t('pasar.statusLink')}
        </Anchor>
        <Text size="sm" fw={700}>
          {t('pasar.total')}: {rupiah(order.totalRupiah)}
        </Text>
        <Button variant="light" onClick={onAgain} w="fit-content">
          {t('pasar.another')}
        </Button>
      </Stack>
    </Alert>
  );
}
