import {
  Alert,
  Button,
  Card,
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
import { client, unwrap } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, dateTime, digits, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { SettlementFigures } from './Mlijo';

/**
 * The manager's mlijo page (docs/domain/mlijo.md): order rounds (one-off or daily), the vendors
 * and their routes, recording a vendor's daily settlement, and the settlements by day.
 */
const wibToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

export function KelolaMlijoPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('mlijo.manage.title')}</PageTitle>
      <Stack gap="lg">
        <SettleCard />
        <SettlementsReport />
        <Rounds />
        <Vendors />
        <Households />
      </Stack>
    </>
  );
}

function useVendors() {
  const orgId = useOrgId();
  return useQuery({
    queryKey: ['mlijo-vendors', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/mlijo/vendors', { params: { path: { orgId } } })),
  });
}

function SettleCard() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const manage = useCan()('shop.manage');
  const vendors = useVendors();
  const [vendorId, setVendorId] = useState<string | null>(null);
  const [day, setDay] = useState(wibToday());
  const [handed, setHanded] = useState<string>('');
  const chosen = vendorId ?? vendors.data?.items[0]?.id ?? null;
  const preview = useQuery({
    queryKey: ['mlijo-settlement', orgId, day, chosen],
    enabled: chosen !== null && /^\d{4}-\d{2}-\d{2}$/.test(day),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/vendor/settlement', {
          params: { path: { orgId }, query: { date: day, vendorId: chosen! } },
        }),
      ),
  });
  const cash = preview.data?.preview?.cashCollectedRupiah ?? '0';
  const body = {
    deliveryDate: day,
    handedOverRupiah: handed === '' ? cash : digits(handed),
    settledOn: wibToday(),
  };
  const [key, nextKey] = useIdempotencyKey(chosen ?? '', JSON.stringify(body));
  const settle = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mlijo/vendors/{vendorId}/settlements', {
          params: { path: { orgId, vendorId: chosen! } },
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: () => {
      nextKey();
      setHanded('');
      void qc.invalidateQueries({ queryKey: ['mlijo-settlement', orgId] });
      void qc.invalidateQueries({ queryKey: ['mlijo-settlements', orgId] });
    },
  });
  const s = preview.data;
  return (
    <Card withBorder data-testid="mlijo-settle-card">
      <Title order={2} size="h3" mb="sm">
        {t('mlijo.vendor.settlement')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('mlijo.vendor.pickVendor')}
          data={(vendors.data?.items ?? []).map((v) => ({
            value: v.id,
            label: `${v.memberName} · ${v.routeName}`,
          }))}
          value={chosen}
          allowDeselect={false}
          onChange={setVendorId}
          data-testid="settle-vendor"
        />
        <TextInput
          label={t('mlijo.settle.date')}
          type="date"
          value={day}
          onChange={(e) => setDay(e.currentTarget.value)}
          data-testid="settle-date"
        />
      </SimpleGrid>
      <ErrorAlert error={preview.error} mt="sm" />
      {s && (
        <Stack gap="xs" mt="sm">
          {s.pending > 0 && (
            <Alert color="yellow">{t('mlijo.settle.pending', { count: s.pending })}</Alert>
          )}
          {s.settled ? (
            <>
              <Alert color="green" data-testid="settle-done">
                {t('mlijo.settle.done')}
              </Alert>
              <SettlementFigures s={s.settled} />
            </>
          ) : s.preview ? (
            <>
              <SettlementFigures s={s.preview} />
              <TextInput
                label={t('mlijo.settle.handOver')}
                inputMode="numeric"
                value={handed === '' ? cash : handed}
                onChange={(e) => setHanded(digits(e.currentTarget.value))}
                data-testid="settle-handed"
              />
              <Button
                disabled={!manage || s.pending > 0}
                loading={settle.isPending}
                onClick={() => settle.mutate()}
                data-testid="settle-record"
              >
                {t('mlijo.settle.record')}
              </Button>
            </>
          ) : (
            <Text>{t('mlijo.settle.nothing')}</Text>
          )}
          <ErrorAlert error={settle.error} />
        </Stack>
      )}
    </Card>
  );
}

function SettlementsReport() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [from, setFrom] = useState(plusDays(wibToday(), -30));
  const [to, setTo] = useState(plusDays(wibToday(), 7));
  const q = useQuery({
    queryKey: ['mlijo-settlements', orgId, from, to],
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/settlements', {
          params: { path: { orgId }, query: { from, to } },
        }),
      ),
  });
  return (
    <Card withBorder data-testid="mlijo-settlements">
      <Title order={2} size="h3" mb="sm">
        {t('mlijo.manage.settlements')}
      </Title>
      <Group grow mb="sm">
        <TextInput
          type="date"
          label={t('mlijo.manage.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('mlijo.manage.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <ErrorAlert error={q.error} />
      {q.data && q.data.settlements.length === 0 && <Text>{t('mlijo.manage.none')}</Text>}
      {q.data && q.data.settlements.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mlijo.settle.date')}</Table.Th>
                <Table.Th>{t('mlijo.vendor.pickVendor')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.settle.delivered')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.settle.deliveredValue')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.settle.handedOver')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.vendor.qris')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.vendor.sukarela')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.manage.commission')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.settle.shortfall')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.settlements.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{date(s.deliveryDate)}</Table.Td>
                  <Table.Td>{s.vendorName}</Table.Td>
                  <Table.Td ta="right">{s.ordersDelivered}</Table.Td>
                  <Table.Td ta="right">{rupiah(s.deliveredRupiah)}</Table.Td>
                  <Table.Td ta="right">{rupiah(s.handedOverRupiah)}</Table.Td>
                  <Table.Td ta="right">{rupiah(s.qrisRupiah)}</Table.Td>
                  <Table.Td ta="right">{rupiah(s.sukarelaRupiah)}</Table.Td>
                  <Table.Td ta="right">{rupiah(s.commissionRupiah)}</Table.Td>
                  <Table.Td ta="right">{rupiah(s.shortfallRupiah)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700}>
                <Table.Td colSpan={2}>{t('mlijo.manage.totals')}</Table.Td>
                <Table.Td ta="right">{q.data.totals.ordersDelivered}</Table.Td>
                <Table.Td ta="right">{rupiah(q.data.totals.deliveredRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(q.data.totals.handedOverRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(q.data.totals.qrisRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(q.data.totals.sukarelaRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(q.data.totals.commissionRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(q.data.totals.shortfallRupiah)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function Rounds() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const from = plusDays(wibToday(), -7);
  const q = useQuery({
    queryKey: ['mlijo-rounds', orgId, from],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/rounds', {
          params: { path: { orgId }, query: { from } },
        }),
      ),
  });
  const [deliveryDate, setDeliveryDate] = useState(plusDays(wibToday(), 1));
  const [opensTime, setOpens] = useState('16:00');
  const [closesTime, setCloses] = useState('21:00');
  const [days, setDays] = useState<number>(7);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mlijo/rounds', {
          params: { path: { orgId } },
          body: {
            deliveryDate,
            opensTime,
            opensDaysBefore: 1,
            closesTime,
            closesDaysBefore: 1,
            days,
          },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mlijo-rounds', orgId] }),
  });
  return (
    <Card withBorder data-testid="mlijo-rounds">
      <Title order={2} size="h3" mb="sm">
        {t('mlijo.manage.rounds')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput
          type="date"
          label={t('mlijo.manage.deliveryDate')}
          value={deliveryDate}
          onChange={(e) => setDeliveryDate(e.currentTarget.value)}
        />
        <TextInput
          type="time"
          label={t('mlijo.manage.opens')}
          value={opensTime}
          onChange={(e) => setOpens(e.currentTarget.value)}
        />
        <TextInput
          type="time"
          label={t('mlijo.manage.closes')}
          value={closesTime}
          onChange={(e) => setCloses(e.currentTarget.value)}
        />
        <NumberInput
          label={t('mlijo.manage.days')}
          min={1}
          max={31}
          value={days}
          onChange={(v) => setDays(typeof v === 'number' ? v : 1)}
        />
      </SimpleGrid>
      <Button mt="sm" onClick={() => create.mutate()} loading={create.isPending}>
        {t('mlijo.manage.newRounds')}
      </Button>
      {create.data && (
        <Alert color="green" mt="sm">
          {t('mlijo.manage.created', { count: create.data.created })}
        </Alert>
      )}
      <ErrorAlert error={create.error ?? q.error} mt="sm" />
      {q.data && (
        <Table.ScrollContainer minWidth={560} mt="sm">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mlijo.settle.date')}</Table.Th>
                <Table.Th>{t('mlijo.manage.window')}</Table.Th>
                <Table.Th>{t('mlijo.vendor.orders')}</Table.Th>
                <Table.Th>{t('mlijo.manage.delivered')}</Table.Th>
                <Table.Th ta="right">{t('mlijo.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {date(r.deliveryDate)} · {t(`mlijo.roundState.${r.state}`)}
                  </Table.Td>
                  <Table.Td>
                    {dateTime(r.opensAt)} – {dateTime(r.closesAt)}
                  </Table.Td>
                  <Table.Td>{r.orders}</Table.Td>
                  <Table.Td>{r.delivered}</Table.Td>
                  <Table.Td ta="right">{rupiah(r.totalRupiah)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function Vendors() {
  const { t } = useTranslation();
  const vendors = useVendors();
  return (
    <Card withBorder data-testid="mlijo-vendors">
      <Title order={2} size="h3" mb="sm">
        {t('mlijo.manage.vendors')}
      </Title>
      <ErrorAlert error={vendors.error} />
      {vendors.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mlijo.vendor.pickVendor')}</Table.Th>
                <Table.Th>{t('mlijo.manage.areas')}</Table.Th>
                <Table.Th>{t('mlijo.manage.households')}</Table.Th>
                <Table.Th>{t('mlijo.manage.commission')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vendors.data.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {v.memberName} ({v.memberNumber}) · {v.routeName}
                  </Table.Td>
                  <Table.Td>{v.areas}</Table.Td>
                  <Table.Td>{v.households}</Table.Td>
                  <Table.Td>
                    {v.commissionBps !== null
                      ? `${(v.commissionBps / 100).toLocaleString('id-ID')} %`
                      : t('mlijo.manage.perOrder', {
                          amount: rupiah(v.commissionPerOrderRupiah ?? '0'),
                        })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/** A vendor's households, their ordering links (shown once when made) and adding one. */
function Households() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const vendors = useVendors();
  const [vendorId, setVendorId] = useState<string | null>(null);
  const chosen = vendorId ?? vendors.data?.items[0]?.id ?? null;
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const urlOf = (token: string) => `${window.location.origin}/pesan/${orgId}/${token}`;
  const households = useQuery({
    queryKey: ['mlijo-households', orgId, chosen],
    enabled: chosen !== null,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mlijo/vendor/households', {
          params: { path: { orgId }, query: { vendorId: chosen! } },
        }),
      ),
  });
  const renew = useMutation({
    mutationFn: (h: { id: string; name: string }) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mlijo/households/{householdId}/link', {
          params: { path: { orgId, householdId: h.id } },
        }),
      ).then((r) => ({ name: h.name, url: urlOf(r.token) })),
    onSuccess: setLink,
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mlijo/vendors/{vendorId}/households', {
          params: { path: { orgId, vendorId: chosen! } },
          body: {
            households: [
              {
                name: name.trim(),
                address: address.trim(),
                phone: phone.trim() === '' ? null : phone.trim(),
                memberId: null,
              },
            ],
          },
        }),
      ),
    onSuccess: (r) => {
      const h = r.items[0];
      if (h) setLink({ name: h.name, url: urlOf(h.token) });
      setName('');
      setAddress('');
      setPhone('');
      void qc.invalidateQueries({ queryKey: ['mlijo-households', orgId] });
      void qc.invalidateQueries({ queryKey: ['mlijo-vendors', orgId] });
    },
  });
  return (
    <Card withBorder data-testid="mlijo-households">
      <Title order={2} size="h3" mb="sm">
        {t('mlijo.manage.households')}
      </Title>
      <Select
        label={t('mlijo.vendor.pickVendor')}
        data={(vendors.data?.items ?? []).map((v) => ({
          value: v.id,
          label: `${v.memberName} · ${v.routeName}`,
        }))}
        value={chosen}
        allowDeselect={false}
        onChange={setVendorId}
      />
      {link && (
        <Alert color="green" mt="sm" data-testid="mlijo-link">
          {t('mlijo.manage.linkFor', { name: link.name })}{' '}
          <Text component="span" style={{ wordBreak: 'break-all' }}>
            {link.url}
          </Text>
        </Alert>
      )}
      <ErrorAlert error={households.error ?? renew.error ?? add.error} mt="sm" />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
        <TextInput
          label={t('mlijo.manage.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label={t('mlijo.manage.address')}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
        />
        <TextInput
          label={t('mlijo.manage.phone')}
          inputMode="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Button
        mt="sm"
        disabled={chosen === null || name.trim().length < 2 || address.trim().length < 2}
        loading={add.isPending}
        onClick={() => add.mutate()}
      >
        {t('mlijo.manage.addHousehold')}
      </Button>
      {households.data && (
        <Table.ScrollContainer minWidth={560} mt="sm">
          <Table striped>
            <Table.Tbody>
              {households.data.items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>
                    {h.stopNo}. {h.name}
                  </Table.Td>
                  <Table.Td>{h.address}</Table.Td>
                  <Table.Td>{h.phone ?? ''}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="outline" onClick={() => renew.mutate(h)}>
                      {t('mlijo.manage.newLink')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
