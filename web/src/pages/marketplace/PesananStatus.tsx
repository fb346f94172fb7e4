import { Anchor, Badge, Card, Container, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, client, unwrap, type Answer } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dateTime, rupiah } from '../../format';
import { LanguageToggle } from '../../LanguageToggle';
import { Logo } from '../../Logo';

/** The buyer's status link of an order, /pasar/:cooperativeId/pesanan/:token (no sign-in). */

export type MarketOrder = Answer<'/api/v1/pasar/{cooperativeId}/orders/{token}'>;

export function PesananStatusPage() {
  const { t } = useTranslation();
  const { cooperativeId = '', token = '' } = useParams();
  const q = useQuery({
    queryKey: ['pasar-order', cooperativeId, token],
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    refetchInterval: 60_000,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/pasar/{cooperativeId}/orders/{token}', {
          params: { path: { cooperativeId, token } },
        }),
      ),
  });
  return (
    <Container size="sm" px="xs" py="md" data-testid="pasar-order">
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Logo />
          <Text fw={700}>Sokoguru</Text>
        </Group>
        <LanguageToggle />
      </Group>
      <main>
        <Title order={1} size="h2" mb="xs" data-testid="page-title">
          {q.data ? t('pasar.order', { number: q.data.number }) : t('pasar.title')}
        </Title>
        {q.error instanceof ApiError && q.error.status === 404 ? (
          <Text>{t('pasar.orderNotFound')}</Text>
        ) : (
          <ErrorAlert error={q.error} />
        )}
        {q.data && <OrderCard order={q.data} />}
        <Anchor component={Link} to={`/pasar/${cooperativeId}`} c="blue.9" mt="md" display="block">
          {t('pasar.back')}
        </Anchor>
      </main>
    </Container>
  );
}

const STATUS_COLOR = {
  new: 'blue',
  confirmed: 'cyan',
  packed: 'grape',
  delivered: 'green',
  cancelled: 'gray',
} as const;

/** An order with its lines, status, receipt and history (the status link and the member portal). */
export function OrderCard({ order }: { order: MarketOrder }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Badge
            color={STATUS_COLOR[order.status]}
            variant="light"
            c="dark.8"
            data-testid="pasar-order-status"
          >
            {t(`pasar.status.${order.status}`)}
          </Badge>
          <Text size="sm" c="gray.7">
            {t('pasar.placedAt', { at: dateTime(order.placedAt) })}
          </Text>
        </Group>
        {order.receiptNumber && (
          <Text fw={600} data-testid="pasar-order-receipt">
            {t('pasar.receipt', { number: order.receiptNumber })}
          </Text>
        )}
        {order.cancelReason && (
          <Text size="sm">{t('pasar.cancelReason', { reason: order.cancelReason })}</Text>
        )}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pasar.product')}</Table.Th>
              <Table.Th ta="right">{t('pasar.qty')}</Table.Th>
              <Table.Th ta="right">{t('pasar.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((l) => (
              <Table.Tr key={l.lineNo}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td ta="right">
                  {l.qty} {l.unit}
                </Table.Td>
                <Table.Td ta="right">{rupiah(l.amountRupiah)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td colSpan={2} fw={700}>
                {t('pasar.total')} · {t(`pasar.pay.${order.paymentMethod}`)}
              </Table.Td>
              <Table.Td ta="right" fw={700}>
                {rupiah(order.totalRupiah)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" fw={600}>
          {t('pasar.steps')}
        </Text>
        <Stack gap={2} component="ol" m={0} pl="md">
          {order.events.map((e, i) => (
            <Text key={i} size="sm" component="li">
              {t(`pasar.status.${e.to}` as 'pasar.status.new')} · {dateTime(e.at)}
              {e.reason ? ` · ${e.reason}` : ''}
            </Text>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
