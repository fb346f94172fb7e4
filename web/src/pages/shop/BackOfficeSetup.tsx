import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MemberPicker, shopKey, useOutlets, useSuppliers } from './BackOfficeShared';

/** Tab "Pemasok & outlet": suppliers (member producers on consignment among them), outlets, tills. */
export function BackOfficeSetup({ orgId, manage }: { orgId: string; manage: boolean }) {
  return (
    <Stack gap="xl">
      <Suppliers orgId={orgId} manage={manage} />
      <Outlets orgId={orgId} manage={manage} />
      <Tills orgId={orgId} manage={manage} />
    </Stack>
  );
}

const NEW_SUPPLIER = {
  name: '',
  phone: '',
  consignment: false,
  memberId: null as string | null,
  margin: 15 as string | number,
};

function Suppliers({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useSuppliers(orgId);
  const [f, setF] = useState(NEW_SUPPLIER);
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/suppliers', {
          params: { path: { orgId } },
          body: {
            name: f.name.trim(),
            phone: f.phone.trim() || null,
            consignment: f.consignment,
            memberId: f.memberId,
            // the margin is typed in percent, kept in basis points
            marginBps: f.consignment ? Math.round(Number(f.margin) * 100) : null,
          },
        }),
      ),
    onSuccess: () => {
      setF(NEW_SUPPLIER);
      void qc.invalidateQueries({ queryKey: shopKey(orgId, 'suppliers') });
    },
  });
  const ready =
    f.name.trim().length >= 2 &&
    (!f.consignment || (f.memberId !== null && f.margin !== '' && Number(f.margin) <= 100));
  return (
    <Stack>
      <Title order={3}>{t('shop.setup.suppliers')}</Title>
      {manage && (
        <Card withBorder>
          <Stack>
            <ErrorAlert error={add.error} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('shop.setup.supplierName')}
                value={f.name}
                onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
                data-testid="shop-supplier-name"
              />
              <TextInput
                label={t('shop.setup.phone')}
                value={f.phone}
                onChange={(e) => setF({ ...f, phone: e.currentTarget.value })}
              />
            </SimpleGrid>
            <Switch
              label={t('shop.setup.consignment')}
              checked={f.consignment}
              onChange={(e) => setF({ ...f, consignment: e.currentTarget.checked })}
            />
            {f.consignment && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MemberPicker
                  orgId={orgId}
                  label={t('shop.setup.member')}
                  description={t('shop.setup.memberHint')}
                  value={f.memberId}
                  onChange={(v) => setF({ ...f, memberId: v })}
                />
                <NumberInput
                  label={t('shop.setup.margin')}
                  value={f.margin}
                  onChange={(v) => setF({ ...f, margin: v })}
                  min={0}
                  max={100}
                  decimalScale={2}
                  decimalSeparator=","
                  suffix=" %"
                />
              </SimpleGrid>
            )}
            <Group justify="end">
              <Button
                onClick={() => add.mutate()}
                loading={add.isPending}
                disabled={!ready}
                data-testid="shop-supplier-save"
              >
                {t('shop.setup.addSupplier')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="shop-suppliers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.setup.supplierName')}</Table.Th>
              <Table.Th>{t('shop.setup.phone')}</Table.Th>
              <Table.Th>{t('shop.setup.kind')}</Table.Th>
              <Table.Th>{t('shop.setup.member')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((s) => (
              <Table.Tr key={s.id} c={s.active ? undefined : 'dimmed'}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{s.phone ?? '–'}</Table.Td>
                <Table.Td>
                  {s.consignment ? (
                    <Badge variant="outline" color="grape">
                      {t('shop.setup.consignmentShort', {
                        margin: ((s.marginBps ?? 0) / 100).toLocaleString('id-ID'),
                      })}
                    </Badge>
                  ) : (
                    t('shop.setup.regular')
                  )}
                </Table.Td>
                <Table.Td>
                  {s.memberId ? `${s.memberNumber ?? '–'} · ${s.memberName ?? ''}` : '–'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Outlets({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useOutlets(orgId);
  const [f, setF] = useState({ code: '', name: '', address: '' });
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/outlets', {
          params: { path: { orgId } },
          body: { code: f.code.trim(), name: f.name.trim(), address: f.address.trim() || null },
        }),
      ),
    onSuccess: () => {
      setF({ code: '', name: '', address: '' });
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
    },
  });
  return (
    <Stack>
      <Title order={3}>{t('shop.setup.outlets')}</Title>
      {manage && (
        <Card withBorder>
          <ErrorAlert error={add.error} mb="xs" />
          <Group align="end" wrap="wrap">
            <TextInput
              label={t('shop.setup.code')}
              description={t('shop.setup.codeHint')}
              value={f.code}
              onChange={(e) => setF({ ...f, code: e.currentTarget.value.toUpperCase() })}
              w={140}
            />
            <TextInput
              label={t('shop.setup.outletName')}
              value={f.name}
              onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('shop.setup.address')}
              value={f.address}
              onChange={(e) => setF({ ...f, address: e.currentTarget.value })}
            />
            <Button
              onClick={() => add.mutate()}
              loading={add.isPending}
              disabled={!f.code.trim() || f.name.trim().length < 2}
            >
              {t('shop.setup.addOutlet')}
            </Button>
          </Group>
        </Card>
      )}
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={480}>
        <Table striped data-testid="shop-outlets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.setup.code')}</Table.Th>
              <Table.Th>{t('shop.setup.outletName')}</Table.Th>
              <Table.Th>{t('shop.setup.address')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((o) => (
              <Table.Tr key={o.id} c={o.active ? undefined : 'dimmed'}>
                <Table.Td>{o.code}</Table.Td>
                <Table.Td>{o.name}</Table.Td>
                <Table.Td>{o.address ?? '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Tills({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const outlets = useOutlets(orgId);
  const tills = useQuery({
    queryKey: shopKey(orgId, 'tills'),
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shop/tills', { params: { path: { orgId } } })),
  });
  const desks = useQuery({
    queryKey: ['cash-desks', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/cash-desks', { params: { path: { orgId } } })),
  });
  const [f, setF] = useState({
    outletId: null as string | null,
    deskId: null as string | null,
    code: '',
    name: '',
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/tills', {
          params: { path: { orgId } },
          body: {
            outletId: f.outletId ?? '',
            deskId: f.deskId ?? '',
            code: f.code.trim(),
            name: f.name.trim(),
          },
        }),
      ),
    onSuccess: () => {
      setF({ outletId: null, deskId: null, code: '', name: '' });
      void qc.invalidateQueries({ queryKey: shopKey(orgId, 'tills') });
    },
  });
  return (
    <Stack>
      <Title order={3}>{t('shop.setup.tills')}</Title>
      {manage && (
        <Card withBorder>
          <ErrorAlert error={add.error} mb="xs" />
          <Group align="end" wrap="wrap">
            <Select
              label={t('shop.stock.outlet')}
              value={f.outletId}
              onChange={(v) => setF({ ...f, outletId: v })}
              data={(outlets.data?.items ?? []).map((o) => ({
                value: o.id,
                label: `${o.code} · ${o.name}`,
              }))}
            />
            <Select
              label={t('shop.setup.desk')}
              description={t('shop.setup.deskHint')}
              value={f.deskId}
              onChange={(v) => setF({ ...f, deskId: v })}
              data={(desks.data?.items ?? [])
                .filter((d) => d.active)
                .map((d) => ({ value: d.id, label: `${d.code} · ${d.name}` }))}
            />
            <TextInput
              label={t('shop.setup.code')}
              value={f.code}
              onChange={(e) => setF({ ...f, code: e.currentTarget.value.toUpperCase() })}
              w={120}
            />
            <TextInput
              label={t('shop.setup.tillName')}
              value={f.name}
              onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
            />
            <Button
              onClick={() => add.mutate()}
              loading={add.isPending}
              disabled={!f.outletId || !f.deskId || !f.code.trim() || f.name.trim().length < 2}
            >
              {t('shop.setup.addTill')}
            </Button>
          </Group>
        </Card>
      )}
      <ErrorAlert error={tills.error ?? desks.error} />
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="shop-tills">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.setup.code')}</Table.Th>
              <Table.Th>{t('shop.setup.tillName')}</Table.Th>
              <Table.Th>{t('shop.stock.outlet')}</Table.Th>
              <Table.Th>{t('shop.setup.desk')}</Table.Th>
              <Table.Th ta="right">{t('shop.setup.lastReceipt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tills.data?.items.map((x) => (
              <Table.Tr key={x.id} c={x.active ? undefined : 'dimmed'}>
                <Table.Td>{x.code}</Table.Td>
                <Table.Td>{x.name}</Table.Td>
                <Table.Td>{x.outletCode}</Table.Td>
                <Table.Td>{x.deskCode}</Table.Td>
                <Table.Td ta="right">{x.lastReceiptNo}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
