import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../api';
import { date, dateTime, rupiah } from '../../format';

/**
 * The member portal's marketplace card (docs/domain/marketplace.md): a link to the storefront,
 * the member's own orders and their status, and for a member producer the own goods on
 * consignment sold, owed and settled into sukarela (read-only).
 */
export function MyMarketplaceCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const orders = useQuery({
    queryKey: ['me-pasar-orders', orgId],
    retry: false,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/marketplace/my-orders', { params: { path: { orgId } } }),
      ),
  });
  const producer = useQuery({
    queryKey: ['me-pasar-producer', orgId],
    retry: false,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/marketplace/my-producer', { params: { path: { orgId } } }),
      ),
  });
  const p = producer.data;
  return (
    <>
      <Card withBorder data-testid="my-pasar">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('pasar.mine.title')}
          </Title>
          <Anchor component={Link} to={`/pasar/${orgId}`} c="blue.9" data-testid="my-pasar-shop">
            {t('pasar.mine.shop')}
          </Anchor>
        </Group>
        {orders.data?.items.length === 0 && <Text size="sm">{t('pasar.mine.none')}</Text>}
        <Stack gap="xs">
          {orders.data?.items.slice(0, 10).map((o) => (
            <Group key={o.id} justify="space-between" wrap="nowrap" data-testid="my-pasar-order">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {o.number} · {rupiah(o.totalRupiah)}
                </Text>
                <Text size="xs" c="gray.7">
                  {dateTime(o.placedAt)}
                  {o.receiptNumber ? ` · ${t('pasar.receipt', { number: o.receiptNumber })}` : ''}
                </Text>
              </div>
              <Badge variant="light" c="dark.8" style={{ flexShrink: 0 }}>
                {t(`pasar.status.${o.status}`)}
              </Badge>
            </Group>
          ))}
        </Stack>
      </Card>
      {p?.producer && (
        <Card withBorder data-testid="my-producer">
          <Title order={2} size="h4" mb="xs">
            {t('pasar.mine.producer')}
          </Title>
          <Group gap="lg" mb="xs">
            <div>
              <Text size="xs" c="gray.7">
                {t('pasar.mine.sold')}
              </Text>
              <Text fw={700}>{rupiah(p.salesRupiah)}</Text>
            </div>
            <div>
              <Text size="xs" c="gray.7">
                {t('pasar.mine.owed')}
              </Text>
              <Text fw={700} data-testid="my-producer-owed">
                {rupiah(p.owedRupiah)}
              </Text>
            </div>
            <div>
              <Text size="xs" c="gray.7">
                {t('pasar.mine.settled')}
              </Text>
              <Text fw={700}>{rupiah(p.settledRupiah)}</Text>
            </div>
          </Group>
          <Table.ScrollContainer minWidth={320}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pasar.product')}</Table.Th>
                  <Table.Th ta="right">{t('pasar.mine.sold')}</Table.Th>
                  <Table.Th ta="right">{t('pasar.mine.share')}</Table.Th>
                  <Table.Th ta="right">{t('pasar.mine.owed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.products.map((x) => (
                  <Table.Tr key={x.productId}>
                    <Table.Td>{x.name}</Table.Td>
                    <Table.Td ta="right">
                      {x.qtySold}
                      {x.marketplaceQtySold !== '0'
                        ? ` (${x.marketplaceQtySold} ${t('pasar.mine.viaMarket')})`
                        : ''}
                    </Table.Td>
                    <Table.Td ta="right">{rupiah(x.shareRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(x.owedRupiah)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {p.settlements.length > 0 && (
            <>
              <Text size="sm" fw={600} mt="xs">
                {t('pasar.mine.settlements')}
              </Text>
              <Table.ScrollContainer minWidth={320}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('pasar.mine.settledOn')}</Table.Th>
                      <Table.Th ta="right">{t('pasar.mine.margin')}</Table.Th>
                      <Table.Th ta="right">{t('pasar.mine.settled')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.settlements.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>{date(s.settledOn)}</Table.Td>
                        <Table.Td ta="right">{rupiah(s.marginRupiah)}</Table.Td>
                        <Table.Td ta="right">{rupiah(s.amountRupiah)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </Card>
      )}
    </>
  );
}
