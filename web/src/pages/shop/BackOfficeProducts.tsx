import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
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
import { client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { date, dateTime, digits, rupiah } from '../../format';
import {
  matches,
  qty,
  shopKey,
  useCatalogue,
  useSuppliers,
  type CatalogueItem,
} from './BackOfficeShared';

/** Tab "Barang": the catalogue, adding a product, a price change and a product's detail. */
export function BackOfficeProducts({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [detail, setDetail] = useState<string | null>(null);
  const [pricing, setPricing] = useState<CatalogueItem | null>(null);
  const list = useCatalogue(orgId);
  const items = (list.data?.items ?? []).filter((p) =>
    matches(search, p.sku, p.name, p.category, ...p.units.map((u) => u.barcode)),
  );
  // a long catalogue (the demo has 500) shows its first rows; the search narrows it
  const shown = items.slice(0, 200);
  return (
    <Stack>
      <Group align="end" justify="space-between">
        <TextInput
          label={t('shop.products.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="shop-product-search"
          w={{ base: '100%', sm: 320 }}
        />
        {manage && (
          <Button onClick={() => setAdding(true)} data-testid="shop-product-add">
            {t('shop.products.add')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={list.error} />
      <Text size="sm" c="dimmed" data-testid="shop-product-count">
        {t('shop.products.count', { shown: shown.length, count: items.length })}
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="shop-products">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.products.sku')}</Table.Th>
              <Table.Th>{t('shop.products.name')}</Table.Th>
              <Table.Th>{t('shop.products.category')}</Table.Th>
              <Table.Th ta="right">{t('shop.products.memberPrice')}</Table.Th>
              <Table.Th ta="right">{t('shop.products.publicPrice')}</Table.Th>
              <Table.Th ta="right">{t('shop.products.stock')}</Table.Th>
              <Table.Th>{t('shop.products.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => {
              const per = p.priceUnit === p.baseUnit ? '' : ` / ${p.priceUnit}`;
              const low = BigInt(p.stockBase) <= BigInt(p.reorderLevelBase);
              return (
                <Table.Tr key={p.id} data-testid="shop-product-row" data-sku={p.sku}>
                  <Table.Td>{p.sku}</Table.Td>
                  <Table.Td>
                    {p.name}
                    {p.consignment && (
                      <Badge ml="xs" size="sm" variant="outline" color="grape">
                        {t('shop.products.consignment')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{p.category}</Table.Td>
                  <Table.Td ta="right">
                    {rupiah(p.memberPriceRupiah)}
                    {per}
                  </Table.Td>
                  <Table.Td ta="right">
                    {rupiah(p.publicPriceRupiah)}
                    {per}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="shop-product-stock">
                    {qty(p.stockBase)} {p.baseUnit}
                    {low && (
                      <Badge ml="xs" size="sm" color="red.8" data-testid="shop-product-low">
                        {t('shop.products.low')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => setDetail(p.id)}
                        aria-label={`${t('shop.products.detail')} ${p.name}`}
                      >
                        {t('shop.products.detail')}
                      </Button>
                      {manage && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setPricing(p)}
                          aria-label={`${t('shop.products.changePrice')} ${p.name}`}
                        >
                          {t('shop.products.changePrice')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('shop.products.add')}
        size="lg"
      >
        <ProductForm orgId={orgId} onDone={() => setAdding(false)} />
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={pricing !== null}
        onClose={() => setPricing(null)}
        title={t('shop.products.changePrice')}
      >
        {pricing && <PriceForm orgId={orgId} product={pricing} onDone={() => setPricing(null)} />}
      </Modal>
      <Drawer
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={detail !== null}
        onClose={() => setDetail(null)}
        position="right"
        size="lg"
        title={t('shop.detail.title')}
      >
        {detail && <ProductDetail orgId={orgId} productId={detail} />}
      </Drawer>
    </Stack>
  );
}

const EMPTY = {
  sku: '',
  name: '',
  category: '',
  baseUnit: 'pcs',
  barcode: '',
  weighed: false,
  memberPrice: '' as string | number,
  publicPrice: '' as string | number,
  reorderLevel: '' as string | number,
  pack: false,
  packUnit: 'dus',
  packFactor: '' as string | number,
  packBarcode: '',
  consignorId: null as string | null,
};

function ProductForm({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const suppliers = useSuppliers(orgId);
  const [f, setF] = useState(EMPTY);
  const set = (patch: Partial<typeof EMPTY>) => setF((x) => ({ ...x, ...patch }));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/products', {
          params: { path: { orgId } },
          body: {
            sku: f.sku.trim(),
            name: f.name.trim(),
            category: f.category.trim(),
            // a weighed good is kept in grams and priced per kg
            ...(f.weighed
              ? { baseUnit: 'g', priceUnit: 'kg', priceUnitBase: 1000, weighed: true }
              : { baseUnit: f.baseUnit.trim() }),
            memberPriceRupiah: digits(f.memberPrice),
            publicPriceRupiah: digits(f.publicPrice),
            barcode: f.barcode.trim() || null,
            consignorId: f.consignorId,
            ...(digits(f.reorderLevel) ? { reorderLevelBase: digits(f.reorderLevel) } : {}),
            ...(f.pack && !f.weighed
              ? {
                  units: [
                    {
                      unit: f.packUnit.trim(),
                      factorBase: digits(f.packFactor),
                      barcode: f.packBarcode.trim() || null,
                    },
                  ],
                }
              : {}),
          },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
      setF(EMPTY);
      onDone();
    },
  });
  const ready =
    f.sku.trim() !== '' &&
    f.name.trim().length >= 2 &&
    f.category.trim().length >= 2 &&
    digits(f.memberPrice) !== '' &&
    digits(f.publicPrice) !== '' &&
    (!f.pack || f.weighed || digits(f.packFactor) !== '');
  return (
    <Stack>
      <ErrorAlert error={save.error} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('shop.products.sku')}
          value={f.sku}
          onChange={(e) => set({ sku: e.currentTarget.value })}
          data-testid="shop-new-sku"
          required
        />
        <TextInput
          label={t('shop.products.name')}
          value={f.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          data-testid="shop-new-name"
          required
        />
        <TextInput
          label={t('shop.products.category')}
          value={f.category}
          onChange={(e) => set({ category: e.currentTarget.value })}
          data-testid="shop-new-category"
          required
        />
        <TextInput
          label={t('shop.products.barcode')}
          value={f.barcode}
          onChange={(e) => set({ barcode: e.currentTarget.value })}
          data-testid="shop-new-barcode"
        />
      </SimpleGrid>
      <Switch
        label={t('shop.products.weighed')}
        checked={f.weighed}
        onChange={(e) => set({ weighed: e.currentTarget.checked })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {!f.weighed && (
          <TextInput
            label={t('shop.products.baseUnit')}
            description={t('shop.products.baseUnitHint')}
            value={f.baseUnit}
            onChange={(e) => set({ baseUnit: e.currentTarget.value.toLowerCase() })}
            data-testid="shop-new-unit"
          />
        )}
        <NumberInput
          label={t('shop.products.reorderLevel', { unit: f.weighed ? 'g' : f.baseUnit })}
          value={f.reorderLevel}
          onChange={(v) => set({ reorderLevel: v })}
          allowDecimal={false}
          min={0}
          data-testid="shop-new-reorder"
        />
        <RupiahInput
          label={f.weighed ? t('shop.products.memberPricePerKg') : t('shop.products.memberPrice')}
          value={f.memberPrice}
          onChange={(v) => set({ memberPrice: v })}
          data-testid="shop-new-member-price"
          required
        />
        <RupiahInput
          label={f.weighed ? t('shop.products.publicPricePerKg') : t('shop.products.publicPrice')}
          value={f.publicPrice}
          onChange={(v) => set({ publicPrice: v })}
          data-testid="shop-new-public-price"
          required
        />
      </SimpleGrid>
      {!f.weighed && (
        <Switch
          label={t('shop.products.pack')}
          checked={f.pack}
          onChange={(e) => set({ pack: e.currentTarget.checked })}
        />
      )}
      {f.pack && !f.weighed && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('shop.products.packUnit')}
            value={f.packUnit}
            onChange={(e) => set({ packUnit: e.currentTarget.value.toLowerCase() })}
          />
          <NumberInput
            label={t('shop.products.packFactor', { unit: f.baseUnit })}
            value={f.packFactor}
            onChange={(v) => set({ packFactor: v })}
            allowDecimal={false}
            min={1}
            data-testid="shop-new-pack-factor"
          />
          <TextInput
            label={t('shop.products.packBarcode')}
            value={f.packBarcode}
            onChange={(e) => set({ packBarcode: e.currentTarget.value })}
          />
        </SimpleGrid>
      )}
      <Select
        label={t('shop.products.consignor')}
        description={t('shop.products.consignorHint')}
        clearable
        value={f.consignorId}
        onChange={(v) => set({ consignorId: v })}
        data={(suppliers.data?.items ?? [])
          .filter((s) => s.consignment && s.active)
          .map((s) => ({ value: s.id, label: s.name }))}
      />
      <Group justify="end">
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={!ready}
          data-testid="shop-new-save"
        >
          {t('shop.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function PriceForm({
  orgId,
  product,
  onDone,
}: {
  orgId: string;
  product: CatalogueItem;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [member, setMember] = useState<string | number>(product.memberPriceRupiah);
  const [pub, setPub] = useState<string | number>(product.publicPriceRupiah);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/shop/products/{productId}/prices', {
          params: { path: { orgId, productId: product.id } },
          body: { memberPriceRupiah: digits(member), publicPriceRupiah: digits(pub) },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: shopKey(orgId) });
      onDone();
    },
  });
  const per = product.priceUnit === product.baseUnit ? '' : ` / ${product.priceUnit}`;
  return (
    <Stack>
      <Text fw={600}>{product.name}</Text>
      <ErrorAlert error={save.error} />
      <RupiahInput
        label={`${t('shop.products.memberPrice')}${per}`}
        value={member}
        onChange={setMember}
        data-testid="shop-price-member"
      />
      <RupiahInput
        label={`${t('shop.products.publicPrice')}${per}`}
        value={pub}
        onChange={setPub}
        data-testid="shop-price-public"
      />
      <Text size="sm" c="dimmed">
        {t('shop.products.priceHistoryKept')}
      </Text>
      <Group justify="end">
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={!digits(member) || !digits(pub)}
          data-testid="shop-price-save"
        >
          {t('shop.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function ProductDetail({ orgId, productId }: { orgId: string; productId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: shopKey(orgId, 'product', productId),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/products/{productId}', {
          params: { path: { orgId, productId } },
        }),
      ),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  const p = q.data;
  if (!p) return <Text>{t('common.loading')}</Text>;
  return (
    <Stack data-testid="shop-product-detail">
      <Text fw={700}>
        {p.sku} · {p.name}
      </Text>
      <Text size="sm">
        {p.category} · {t('shop.detail.baseUnit', { unit: p.baseUnit })}
        {p.weighed ? ` · ${t('shop.detail.weighed')}` : ''}
      </Text>
      <Title order={4}>{t('shop.detail.units')}</Title>
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.detail.unit')}</Table.Th>
              <Table.Th ta="right">{t('shop.detail.factor', { unit: p.baseUnit })}</Table.Th>
              <Table.Th>{t('shop.products.barcode')}</Table.Th>
              <Table.Th ta="right">{t('shop.products.memberPrice')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.units.map((u) => (
              <Table.Tr key={u.unit}>
                <Table.Td>{u.unit}</Table.Td>
                <Table.Td ta="right">{qty(u.factorBase)}</Table.Td>
                <Table.Td>{u.barcode ?? '–'}</Table.Td>
                <Table.Td ta="right">
                  {u.memberPriceRupiah ? rupiah(u.memberPriceRupiah) : '–'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={4}>{t('shop.detail.stock')}</Title>
      {p.stock.length === 0 ? (
        <Alert color="gray">{t('shop.detail.noStock')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('shop.stock.outlet')}</Table.Th>
                <Table.Th ta="right">{t('shop.stock.qty')}</Table.Th>
                <Table.Th ta="right">{t('shop.stock.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.stock.map((s) => (
                <Table.Tr key={s.outletId} data-testid="shop-detail-stock">
                  <Table.Td>{s.outletCode}</Table.Td>
                  <Table.Td ta="right">
                    {qty(s.qtyBase)} {p.baseUnit}
                  </Table.Td>
                  <Table.Td ta="right">{rupiah(s.valueRupiah)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={4}>{t('shop.detail.prices')}</Title>
      <Table.ScrollContainer minWidth={360}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.detail.from')}</Table.Th>
              <Table.Th ta="right">{t('shop.products.memberPrice')}</Table.Th>
              <Table.Th ta="right">{t('shop.products.publicPrice')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.priceHistory.map((h) => (
              <Table.Tr key={h.effectiveAt} data-testid="shop-detail-price">
                <Table.Td>{dateTime(h.effectiveAt)}</Table.Td>
                <Table.Td ta="right">{rupiah(h.memberPriceRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(h.publicPriceRupiah)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={4}>{t('shop.detail.moves')}</Title>
      {p.moves.length === 0 ? (
        <Alert color="gray">{t('shop.detail.noMoves')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('shop.detail.on')}</Table.Th>
                <Table.Th>{t('shop.detail.kind')}</Table.Th>
                <Table.Th ta="right">{t('shop.stock.qty')}</Table.Th>
                <Table.Th ta="right">{t('shop.detail.cost')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.moves.map((m) => (
                <Table.Tr key={m.id} data-testid="shop-detail-move">
                  <Table.Td>{date(m.movedOn)}</Table.Td>
                  <Table.Td>{t(`shop.moveKinds.${m.kind}`, { defaultValue: m.kind })}</Table.Td>
                  <Table.Td ta="right">{qty(m.qtyBase)}</Table.Td>
                  <Table.Td ta="right">{rupiah(m.costRupiah)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
