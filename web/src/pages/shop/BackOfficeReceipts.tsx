import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Modal,
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
import { RupiahInput } from '../../components/RupiahInput';
import { date, digits, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { shopKey, useCatalogue, useOutlets, useSuppliers } from './BackOfficeShared';

type GoodsReceipt = Answer<'/api/v1/orgs/{orgId}/shop/goods-receipts'>['items'][number];

interface Line {
  productId: string | null;
  unit: string | null;
  qty: string | number;
  cost: string | number;
}
const NEW_LINE: Line = { productId: null, unit: null, qty: '', cost: '' };

/** Tab "Penerimaan barang": goods received with the supplier's invoice, and paying it. */
export function BackOfficeReceipts({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const [paying, setPaying] = useState<GoodsReceipt | null>(null);
  const list = useQuery({
    queryKey: shopKey(orgId, 'goods-receipts'),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/goods-receipts', { params: { path: { orgId } } }),
      ),
  });
  return (
    <Stack>
      {manage && <ReceiptForm orgId={orgId} />}
      <Title order={3}>{t('shop.receipts.list')}</Title>
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="shop-receipts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.receipts.receivedOn')}</Table.Th>
              <Table.Th>{t('shop.receipts.supplier')}</Table.Th>
              <Table.Th>{t('shop.receipts.invoiceNo')}</Table.Th>
              <Table.Th>{t('shop.receipts.dueOn')}</Table.Th>
              <Table.Th ta="right">{t('shop.receipts.total')}</Table.Th>
              <Table.Th ta="right">{t('shop.receipts.paid')}</Table.Th>
              <Table.Th ta="right">{t('shop.receipts.remaining')}</Table.Th>
              {manage && <Table.Th>{t('shop.products.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((r) => (
              <Table.Tr key={r.id} data-testid="shop-receipt-row">
                <Table.Td>{date(r.receivedOn)}</Table.Td>
                <Table.Td>{r.supplierName}</Table.Td>
                <Table.Td>{r.invoiceNo ?? '–'}</Table.Td>
                <Table.Td>{r.dueOn ? date(r.dueOn) : '–'}</Table.Td>
                <Table.Td ta="right">{rupiah(r.totalRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(r.paidRupiah)}</Table.Td>
                <Table.Td ta="right" data-testid="shop-receipt-remaining">
                  {rupiah(r.remainingRupiah)}
                </Table.Td>
                {manage && (
                  <Table.Td>
                    {BigInt(r.remainingRupiah) > 0n && (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => setPaying(r)}
                        aria-label={`${t('shop.receipts.pay')} ${r.supplierName} ${r.invoiceNo ?? ''}`}
                      >
                        {t('shop.receipts.pay')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={paying !== null}
        onClose={() => setPaying(null)}
        title={t('shop.receipts.payTitle')}
      >
        {paying && <PayForm orgId={orgId} receipt={paying} onDone={() => setPaying(null)} />}
      </Modal>
    </Stack>
  );
}

function ReceiptForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const suppliers = useSuppliers(orgId);
  const outlets = useOutlets(orgId);
  const catalogue = useCatalogue(orgId);
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const [outletId, setOutletId] = useState<string | null>(null);
  const [receivedOn, setReceivedOn] = useState(businessToday());
  const [invoiceNo, setInvoiceNo] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [lines, setLines] = useState<Line[]>([NEW_LINE]);
  const [done, setDone] = useState<string | null>(null);
  const products = catalogue.data?.items ?? [];
  const productOf = (id: string | null) => products.find((p) => p.id === id);
  const outlet = outletId ?? (outlets.data?.items.length === 1 ? outlets.data.items[0]!.id : null);
  const setLine = (i: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const body = {
    supplierId: supplierId ?? '',
    outletId: outlet ?? '',
    receivedOn,
    invoiceNo: invoiceNo.trim() || null,
    dueOn: dueOn || null,
    lines: lines.map((l) => ({
      productId: l.productId ?? '',
      unit: l.unit ?? productOf(l.productId)?.baseUnit ?? '',
      qty: digits(l.qty),
      costRupiah: digits(l.cost) || '0',
    })),
  };
  const [key, nextKey] = useIdempotencyKey(JSON.stringify(body));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/goods-receipts', {
          params: { path: { orgId } },
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: (r) => {
      nextKey();
      setDone(rupiah(r.totalRupiah));
      setLines([NEW_LINE]);
      setInvoiceNo('');
      setDueOn('');
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
    },
  });
  const total = body.lines.reduce((s, l) => s + BigInt(l.costRupiah), 0n);
  const ready =
    body.supplierId !== '' &&
    body.outletId !== '' &&
    receivedOn !== '' &&
    body.lines.every((l) => l.productId !== '' && l.unit !== '' && /^[1-9]/.test(l.qty));
  const productData = products.map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }));
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('shop.receipts.new')}</Title>
        {done && (
          <Alert color="green" data-testid="shop-receipt-done">
            {t('shop.receipts.done', { total: done })}
          </Alert>
        )}
        <ErrorAlert error={save.error ?? catalogue.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('shop.receipts.supplier')}
            searchable
            value={supplierId}
            onChange={setSupplierId}
            data={(suppliers.data?.items ?? [])
              .filter((s) => s.active)
              .map((s) => ({ value: s.id, label: s.name }))}
            data-testid="shop-receipt-supplier"
          />
          <Select
            label={t('shop.stock.outlet')}
            value={outlet}
            onChange={setOutletId}
            data={(outlets.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.code} · ${o.name}`,
            }))}
            data-testid="shop-receipt-outlet"
          />
          <DayInput
            label={t('shop.receipts.receivedOn')}
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.currentTarget.value)}
          />
          <TextInput
            label={t('shop.receipts.invoiceNo')}
            value={invoiceNo}
            onChange={(e) => setInvoiceNo(e.currentTarget.value)}
            data-testid="shop-receipt-invoice"
          />
          <DayInput
            label={t('shop.receipts.dueOn')}
            value={dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
          />
        </SimpleGrid>
        {lines.map((l, i) => {
          const p = productOf(l.productId);
          const n = i + 1;
          return (
            <Group key={i} align="end" wrap="wrap" gap="xs" data-testid="shop-receipt-line">
              <Select
                label={t('shop.receipts.product', { n })}
                searchable
                limit={50}
                value={l.productId}
                onChange={(v) => setLine(i, { productId: v, unit: productOf(v)?.baseUnit ?? null })}
                data={productData}
                w={{ base: '100%', sm: 320 }}
                data-testid="shop-receipt-product"
              />
              <Select
                label={t('shop.receipts.unit', { n })}
                value={l.unit}
                onChange={(v) => setLine(i, { unit: v })}
                data={(p?.units ?? []).map((u) => ({
                  value: u.unit,
                  label:
                    u.factorBase === '1' ? u.unit : `${u.unit} (${u.factorBase} ${p?.baseUnit})`,
                }))}
                w={140}
                data-testid="shop-receipt-unit"
              />
              <NumberInput
                label={t('shop.receipts.qty', { n })}
                value={l.qty}
                onChange={(v) => setLine(i, { qty: v })}
                allowDecimal={false}
                min={1}
                w={110}
                data-testid="shop-receipt-qty"
              />
              <RupiahInput
                label={t('shop.receipts.cost', { n })}
                description={p?.consignment ? t('shop.receipts.consignmentCost') : undefined}
                value={l.cost}
                onChange={(v) => setLine(i, { cost: v })}
                min={0}
                w={170}
                data-testid="shop-receipt-cost"
              />
              {lines.length > 1 && (
                <ActionIcon
                  variant="default"
                  size="lg"
                  mb={2}
                  onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  aria-label={t('shop.receipts.removeLine', { n })}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          );
        })}
        <Group justify="space-between">
          <Button variant="default" onClick={() => setLines((ls) => [...ls, NEW_LINE])}>
            {t('shop.receipts.addLine')}
          </Button>
          <Group>
            <Text fw={600} data-testid="shop-receipt-total">
              {t('shop.receipts.total')}: {rupiah(total)}
            </Text>
            <Button
              onClick={() => save.mutate()}
              loading={save.isPending}
              disabled={!ready}
              data-testid="shop-receipt-save"
            >
              {t('shop.receipts.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

function PayForm({
  orgId,
  receipt,
  onDone,
}: {
  orgId: string;
  receipt: GoodsReceipt;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [amount, setAmount] = useState<string | number>(receipt.remainingRupiah);
  const [method, setMethod] = useState<'bank' | 'cash'>('bank');
  const [paidOn, setPaidOn] = useState(businessToday());
  const body = { amountRupiah: digits(amount), method, paidOn };
  const [key, nextKey] = useIdempotencyKey(receipt.id, JSON.stringify(body));
  const pay = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/goods-receipts/{receiptId}/payments', {
          params: { path: { orgId, receiptId: receipt.id } },
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: () => {
      nextKey();
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
      onDone();
    },
  });
  return (
    <Stack>
      <Text>
        {receipt.supplierName} · {receipt.invoiceNo ?? '–'} ·{' '}
        {t('shop.receipts.remaining').toLowerCase()} {rupiah(receipt.remainingRupiah)}
      </Text>
      <ErrorAlert error={pay.error} />
      <RupiahInput
        label={t('shop.receipts.amount')}
        value={amount}
        onChange={setAmount}
        data-testid="shop-pay-amount"
      />
      <Select
        label={t('shop.receipts.method')}
        allowDeselect={false}
        value={method}
        onChange={(v) => setMethod(v === 'cash' ? 'cash' : 'bank')}
        data={[
          { value: 'bank', label: t('shop.receipts.bank') },
          { value: 'cash', label: t('shop.receipts.cash') },
        ]}
      />
      <DayInput
        label={t('shop.receipts.paidOn')}
        value={paidOn}
        onChange={(e) => setPaidOn(e.currentTarget.value)}
      />
      <Group justify="end">
        <Button
          onClick={() => pay.mutate()}
          loading={pay.isPending}
          disabled={!digits(amount) || !paidOn}
          data-testid="shop-pay-save"
        >
          {t('shop.receipts.pay')}
        </Button>
      </Group>
    </Stack>
  );
}
