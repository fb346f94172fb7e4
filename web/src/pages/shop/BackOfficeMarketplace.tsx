import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileButton,
  Group,
  Image,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, getCsrf, unwrap, type Answer } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dateTime, rupiah } from '../../format';
import i18n from '../../i18n';
import { newIdempotencyKey } from '../../idempotency';
import { matches, shopKey, useOutlets } from './BackOfficeShared';

/**
 * Tab "Pasar daring" (docs/domain/marketplace.md): the order desk (orders by status, one step at
 * a time: confirm, pack, deliver — which records the shop sale and shows its receipt — or cancel
 * with a reason), the marketplace's outlet and till, and which products are listed with photos.
 */

type Orders = Answer<'/api/v1/orgs/{orgId}/marketplace/orders'>;
type Order = Orders['items'][number];
type Action = 'confirm' | 'pack' | 'deliver' | 'cancel';
const STATUSES = ['new', 'confirmed', 'packed', 'delivered', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];
const NEXT: Record<Status, Action[]> = {
  new: ['confirm', 'cancel'],
  confirmed: ['pack', 'cancel'],
  packed: ['deliver', 'cancel'],
  delivered: [],
  cancelled: [],
};

export function BackOfficeMarketplace({
  orgId,
  manage,
  sell,
}: {
  orgId: string;
  manage: boolean;
  sell: boolean;
}) {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: shopKey(orgId, 'marketplace', 'settings'),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/marketplace/settings', { params: { path: { orgId } } }),
      ),
  });
  const s = settings.data?.settings ?? null;
  return (
    <Stack>
      <ErrorAlert error={settings.error} />
      {settings.data && !s && <Alert color="yellow">{t('pasar.desk.notSetUp')}</Alert>}
      {s && (
        <Anchor href={`/pasar/${orgId}`} target="_blank" c="blue.9" data-testid="pasar-public-link">
          {t('pasar.desk.publicLink')}
        </Anchor>
      )}
      {s && <OrderDesk orgId={orgId} sell={sell} />}
      {manage && settings.data && <Settings orgId={orgId} current={s} />}
      {s && <Listing orgId={orgId} manage={manage} />}
    </Stack>
  );
}

function OrderDesk({ orgId, sell }: { orgId: string; sell: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status>('new');
  const [cancelling, setCancelling] = useState<Order | null>(null);
  const [reason, setReason] = useState('');
  const [qrisRef, setQrisRef] = useState<Record<string, string>>({});
  const orders = useQuery({
    queryKey: shopKey(orgId, 'marketplace', 'orders', status),
    refetchInterval: 30_000,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/marketplace/orders', {
          params: { path: { orgId }, query: { status, page: 1, pageSize: 50 } },
        }),
      ),
  });
  const step = useMutation({
    mutationFn: (v: { order: Order; action: Action; reason?: string }) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/marketplace/orders/{marketOrderId}/steps', {
          params: { path: { orgId, marketOrderId: v.order.id } },
          body: {
            action: v.action,
            reason: v.reason ?? null,
            paymentReference: qrisRef[v.order.id]?.trim() || null,
          },
          headers: { 'idempotency-key': newIdempotencyKey() },
        }),
      ),
    onSuccess: () => {
      setCancelling(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
    },
  });
  const counts = orders.data?.counts;
  return (
    <Stack gap="xs" component="section" aria-labelledby="pasar-desk-orders">
      <Title order={2} size="h4" id="pasar-desk-orders">
        {t('pasar.desk.orders')}
      </Title>
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(STATUSES.find((x) => x === v) ?? 'new')}
        data={STATUSES.map((x) => ({
          value: x,
          label: `${t(`pasar.status.${x}`)}${counts ? ` (${counts[x]})` : ''}`,
        }))}
        data-testid="pasar-desk-status"
        style={{ flexWrap: 'wrap' }}
      />
      <ErrorAlert error={orders.error ?? step.error} />
      {orders.data?.items.length === 0 && <Text>{t('pasar.desk.noOrders')}</Text>}
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="pasar-desk-orders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pasar.order', { number: '' })}</Table.Th>
              <Table.Th>{t('pasar.desk.buyer')}</Table.Th>
              <Table.Th>{t('pasar.product')}</Table.Th>
              <Table.Th ta="right">{t('pasar.total')}</Table.Th>
              <Table.Th>{t('pasar.orderStatus')}</Table.Th>
              {sell && <Table.Th>{t('pasar.desk.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.data?.items.map((o) => (
              <Table.Tr key={o.id} data-testid="pasar-desk-order" data-number={o.number}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {o.number}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {dateTime(o.placedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{o.buyerName}</Text>
                  <Text size="xs" c="gray.7">
                    {o.buyerPhone}
                    {o.member?.number
                      ? ` · ${t('pasar.desk.member', { number: o.member.number })}`
                      : ''}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {o.buyerAddress}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {o.lines.map((l) => (
                    <Text size="xs" key={l.lineNo}>
                      {l.qty} {l.unit} {l.name}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{rupiah(o.totalRupiah)}</Text>
                  <Text size="xs" c="gray.7">
                    {t(`pasar.pay.${o.paymentMethod}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`pasar.status.${o.status}`)}</Text>
                  {o.receiptNumber && (
                    <Text size="xs" fw={600} data-testid="pasar-desk-receipt">
                      {t('pasar.receipt', { number: o.receiptNumber })}
                    </Text>
                  )}
                  {o.cancelReason && <Text size="xs">{o.cancelReason}</Text>}
                </Table.Td>
                {sell && (
                  <Table.Td>
                    <Group gap={4}>
                      {o.status === 'packed' &&
                        o.paymentMethod === 'qris' &&
                        !o.paymentReference && (
                          <TextInput
                            size="xs"
                            w={120}
                            aria-label={`${t('pasar.desk.qrisRef')} ${o.number}`}
                            placeholder={t('pasar.desk.qrisRef')}
                            value={qrisRef[o.id] ?? ''}
                            onChange={(e) => {
                              const v = e.currentTarget.value;
                              setQrisRef((r) => ({ ...r, [o.id]: v }));
                            }}
                          />
                        )}
                      {NEXT[o.status].map((a) => (
                        <Button
                          key={a}
                          size="compact-sm"
                          variant={a === 'cancel' ? 'subtle' : 'filled'}
                          color={a === 'cancel' ? 'red' : undefined}
                          c={a === 'cancel' ? 'red.9' : undefined}
                          loading={
                            step.isPending &&
                            step.variables?.order.id === o.id &&
                            step.variables.action === a
                          }
                          aria-label={t('pasar.desk.actOn', {
                            action: t(`pasar.desk.act.${a}`),
                            number: o.number,
                          })}
                          data-testid={`pasar-desk-${a}`}
                          onClick={() =>
                            a === 'cancel' ? setCancelling(o) : step.mutate({ order: o, action: a })
                          }
                        >
                          {t(`pasar.desk.act.${a}`)}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={cancelling !== null}
        onClose={() => setCancelling(null)}
        title={
          cancelling
            ? t('pasar.desk.actOn', {
                action: t('pasar.desk.act.cancel'),
                number: cancelling.number,
              })
            : ''
        }
        closeButtonProps={{ 'aria-label': t('pasar.back') }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (cancelling) step.mutate({ order: cancelling, action: 'cancel', reason });
          }}
        >
          <Stack>
            <TextInput
              label={t('pasar.desk.reason')}
              required
              minLength={3}
              maxLength={300}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="pasar-desk-reason"
            />
            <ErrorAlert error={step.error} />
            <Button type="submit" color="red.9" loading={step.isPending}>
              {t('pasar.desk.act.cancel')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

type SettingsView = NonNullable<Answer<'/api/v1/orgs/{orgId}/marketplace/settings'>['settings']>;

function Settings({ orgId, current }: { orgId: string; current: SettingsView | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const outlets = useOutlets(orgId);
  const tills = useQuery({
    queryKey: shopKey(orgId, 'tills'),
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shop/tills', { params: { path: { orgId } } })),
  });
  const [outletId, setOutletId] = useState<string | null>(current?.outletId ?? null);
  const [tillId, setTillId] = useState<string | null>(current?.tillId ?? null);
  const [title, setTitle] = useState(current?.title ?? t('pasar.title'));
  const [open, setOpen] = useState(current?.open ?? true);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/marketplace/settings', {
          params: { path: { orgId } },
          body: { outletId: outletId!, tillId: tillId!, open, title, note: null },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shopKey(orgId, 'marketplace') }),
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="pasar-desk-settings">
      <Title order={2} size="h4" id="pasar-desk-settings">
        {t('pasar.desk.settings')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Group align="end">
          <Select
            label={t('pasar.desk.outlet')}
            required
            value={outletId}
            onChange={(v) => {
              setOutletId(v);
              setTillId(null);
            }}
            data={(outlets.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.code} ${o.name}`,
            }))}
          />
          <Select
            label={t('pasar.desk.till')}
            required
            value={tillId}
            onChange={setTillId}
            data={(tills.data?.items ?? [])
              .filter((x) => x.outletId === outletId && x.active)
              .map((x) => ({ value: x.id, label: `${x.code} ${x.name}` }))}
          />
          <TextInput
            label={t('pasar.desk.titleField')}
            required
            minLength={2}
            maxLength={100}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Switch
            label={t('pasar.desk.open')}
            checked={open}
            onChange={(e) => setOpen(e.currentTarget.checked)}
          />
          <Button type="submit" loading={save.isPending}>
            {t('pasar.desk.save')}
          </Button>
        </Group>
      </form>
      {save.isSuccess && <Text size="sm">{t('pasar.desk.saved')}</Text>}
      <ErrorAlert error={save.error} />
    </Stack>
  );
}

async function uploadPhoto(orgId: string, productId: string, file: File) {
  const response = await fetch(`/api/v1/orgs/${orgId}/marketplace/products/${productId}/photo`, {
    method: 'PUT',
    credentials: 'include',
    headers: {
      'content-type': file.type,
      'x-csrf-token': getCsrf(),
      'accept-language': i18n.language,
    },
    body: file,
  });
  const data = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
  if (!response.ok)
    throw new ApiError(data.code ?? 'ERROR', data.detail ?? response.statusText, response.status);
  return data;
}

function Listing({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({
    queryKey: shopKey(orgId, 'marketplace', 'listings'),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/marketplace/listings', { params: { path: { orgId } } }),
      ),
  });
  const toggle = useMutation({
    mutationFn: (v: { id: string; listed: boolean }) =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/marketplace/listings', {
          params: { path: { orgId } },
          body: { productIds: [v.id], listed: v.listed },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shopKey(orgId, 'marketplace') }),
  });
  const photo = useMutation({
    mutationFn: (v: { id: string; name: string; file: File }) => uploadPhoto(orgId, v.id, v.file),
    onSuccess: (_r, v) => {
      setDone(t('pasar.desk.uploaded', { name: v.name }));
      void qc.invalidateQueries({ queryKey: shopKey(orgId, 'marketplace') });
    },
  });
  const items = (list.data?.items ?? []).filter((p) => matches(search, p.name, p.sku, p.category));
  return (
    <Stack gap="xs" component="section" aria-labelledby="pasar-desk-listing">
      <Title order={2} size="h4" id="pasar-desk-listing">
        {t('pasar.desk.listing')}
      </Title>
      <TextInput
        label={t('pasar.search')}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={320}
      />
      {done && <Alert color="green">{done}</Alert>}
      <ErrorAlert error={list.error ?? toggle.error ?? photo.error} />
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pasar.product')}</Table.Th>
              <Table.Th>{t('pasar.desk.listed')}</Table.Th>
              <Table.Th>{t('pasar.desk.photo')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.slice(0, 100).map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Text size="sm">{p.name}</Text>
                  <Text size="xs" c="gray.7">
                    {p.sku} · {p.category}
                    {p.consignment ? ` · ${t('pasar.desk.consignment')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {p.weighed ? (
                    <Text size="xs" c="gray.7">
                      {t('pasar.desk.weighed')}
                    </Text>
                  ) : (
                    <Checkbox
                      checked={p.listed}
                      disabled={!manage}
                      aria-label={t('pasar.desk.listedOf', { name: p.name })}
                      onChange={(e) => toggle.mutate({ id: p.id, listed: e.currentTarget.checked })}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {p.photoEtag && (
                      <Image
                        src={`/api/v1/orgs/${orgId}/marketplace/products/${p.id}/photo?v=${p.photoEtag.slice(0, 16)}`}
                        alt={t('pasar.photoOf', { name: p.name })}
                        w={40}
                        h={40}
                        fit="cover"
                        loading="lazy"
                      />
                    )}
                    {manage && (
                      <FileButton
                        accept="image/jpeg,image/png,image/webp"
                        onChange={(file) => file && photo.mutate({ id: p.id, name: p.name, file })}
                      >
                        {(props) => (
                          <Button
                            {...props}
                            size="compact-sm"
                            variant="light"
                            aria-label={t('pasar.desk.upload', { name: p.name })}
                          >
                            {t('pasar.desk.photo')}
                          </Button>
                        )}
                      </FileButton>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
