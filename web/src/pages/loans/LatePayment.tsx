import {
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { useCan } from '../../App';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { useField } from '../../components/useField';
import { date, digits, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { useMyCashSession } from './shared';

/**
 * Late payment of a KSPPS financing (docs/domain/sharia-late-payment.md): the officer marks the
 * member unable to pay (no ta'zir while marked) or lifts it, with a reason; ta'widh items — real
 * collection costs with their evidence — are recorded and charged only when another person
 * approves them.
 */
export function LatePayment({
  orgId,
  loanId,
  active,
  counter,
  onChanged,
}: {
  orgId: string;
  loanId: string;
  active: boolean;
  /** the teller's view: the ta'widh owed can be paid here through the open cash session */
  counter: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const path = { path: { orgId, loanId } };
  const q = useQuery({
    queryKey: ['loans', orgId, 'late-payment', loanId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/loans/{loanId}/late-payment', { params: path })),
  });
  const effectiveOn = useField(businessToday());
  const reason = useField('');
  const incurredOn = useField(businessToday());
  const description = useField('');
  const amount = useField<number | string>('');
  const evidence = useField('');
  const paidFrom = useField<string | null>('cash');
  // a double click or a retry records the cost once; a changed form is a new cost
  const [itemKey, nextItemKey] = useIdempotencyKey(
    loanId,
    incurredOn.value,
    description.value,
    digits(amount.value),
    evidence.value,
    paidFrom.value ?? undefined,
  );
  const refresh = () => {
    void q.refetch();
    onChanged();
  };
  const mark = useMutation({
    mutationFn: (lift: boolean) =>
      unwrap(
        lift
          ? client.POST('/api/v1/orgs/{orgId}/loans/{loanId}/unable-to-pay/lift', {
              params: path,
              body: { effectiveOn: effectiveOn.value, reason: reason.value },
            })
          : client.POST('/api/v1/orgs/{orgId}/loans/{loanId}/unable-to-pay', {
              params: path,
              body: { effectiveOn: effectiveOn.value, reason: reason.value },
            }),
      ),
    onSuccess: () => {
      reason.set('');
      refresh();
    },
  });
  const addItem = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loans/{loanId}/tawidh-items', {
          params: path,
          body: {
            incurredOn: incurredOn.value,
            description: description.value,
            amountRupiah: digits(amount.value),
            evidenceRef: evidence.value,
            paidFrom: paidFrom.value === 'bank' ? 'bank' : 'cash',
          },
          headers: { 'idempotency-key': itemKey },
        }),
      ),
    onSuccess: () => {
      nextItemKey();
      description.set('');
      amount.set('');
      evidence.set('');
      refresh();
    },
  });
  const session = useMyCashSession(orgId, counter);
  const owed = q.data?.tawidh.owedRupiah ?? '0';
  const [payKey, nextPayKey] = useIdempotencyKey(loanId, owed, session?.id, 'tawidh');
  const payTawidh = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loans/{loanId}/repayments', {
          params: path,
          body: {
            amountRupiah: owed,
            tawidhRupiah: owed,
            paidOn: businessToday(),
            cashSessionId: session?.id,
          },
          headers: { 'idempotency-key': payKey },
        }),
      ),
    onSuccess: () => {
      nextPayKey();
      refresh();
    },
  });
  const approve = useMutation({
    mutationFn: (approvalId: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/approvals/{approvalId}/approve', {
          params: { path: { orgId, approvalId } },
        }),
      ),
    onSuccess: refresh,
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  const d = q.data;
  const manage = active && can('loans.manage');
  const tawidhAllowed = d.akad === 'murabahah' || d.akad === 'ijarah';
  return (
    <Stack gap="sm" data-testid="late-payment">
      <Title order={4}>{t('latePayment.title')}</Title>
      <Text size="sm">{t('latePayment.intro')}</Text>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('latePayment.status')}
        </Text>
        <Badge color={d.unable ? 'orange' : 'teal'} data-testid="late-payment-status">
          {d.unable && d.unableSince
            ? t('latePayment.unableSince', { date: date(d.unableSince) })
            : t('latePayment.able')}
        </Badge>
      </Group>
      {manage && (
        <Stack gap="xs">
          <Group align="flex-end" wrap="wrap">
            <DayInput
              label={t('latePayment.effectiveOn')}
              {...effectiveOn.input}
              data-testid="unable-date"
            />
            <Textarea
              label={t('latePayment.reason')}
              description={t('latePayment.reasonHelp')}
              {...reason.input}
              autosize
              minRows={1}
              style={{ flex: 1, minWidth: 220 }}
              data-testid="unable-reason"
            />
          </Group>
          <Group>
            <Button
              size="sm"
              variant={d.unable ? 'default' : 'filled'}
              loading={mark.isPending}
              onClick={() => mark.mutate(d.unable)}
              data-testid="unable-submit"
            >
              {d.unable ? t('latePayment.lift') : t('latePayment.mark')}
            </Button>
          </Group>
          <ErrorAlert error={mark.error} />
        </Stack>
      )}
      {d.events.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="unable-history">
            <caption>{t('latePayment.history')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('latePayment.effectiveOn')}</Table.Th>
                <Table.Th>{t('latePayment.event')}</Table.Th>
                <Table.Th>{t('latePayment.reason')}</Table.Th>
                <Table.Th>{t('latePayment.recordedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{date(e.effectiveOn)}</Table.Td>
                  <Table.Td>{t(`latePayment.events.${e.event}`)}</Table.Td>
                  <Table.Td>{e.reason}</Table.Td>
                  <Table.Td>{e.recordedBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={5}>{t('latePayment.tawidhTitle')}</Title>
      <Text size="sm">{t('latePayment.tawidhIntro')}</Text>
      <Text size="sm" data-testid="tawidh-owed">
        {t('latePayment.owed', { amount: rupiah(d.tawidh.owedRupiah) })}
      </Text>
      {d.tawidh.items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="tawidh-items">
            <caption>{t('latePayment.items')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('latePayment.incurredOn')}</Table.Th>
                <Table.Th>{t('latePayment.description')}</Table.Th>
                <Table.Th>{t('latePayment.evidence')}</Table.Th>
                <Table.Th ta="right">{t('latePayment.amount')}</Table.Th>
                <Table.Th ta="right">{t('latePayment.paid')}</Table.Th>
                <Table.Th>{t('latePayment.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.tawidh.items.map((i) => (
                <Table.Tr key={i.id} data-testid="tawidh-item">
                  <Table.Td>{date(i.incurredOn)}</Table.Td>
                  <Table.Td>{i.description}</Table.Td>
                  <Table.Td>{i.evidenceRef}</Table.Td>
                  <Table.Td ta="right">{rupiah(i.amountRupiah)}</Table.Td>
                  <Table.Td ta="right">{rupiah(i.paidRupiah)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm">{t(`latePayment.states.${i.status}`)}</Text>
                      {i.status === 'pending' && i.approvalId && can('approvals.decide') && (
                        <Button
                          size="xs"
                          loading={approve.isPending}
                          onClick={() => approve.mutate(i.approvalId!)}
                          data-testid="tawidh-approve"
                        >
                          {t('latePayment.approve')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorAlert error={approve.error} />
      {counter && active && owed !== '0' && (
        <Group gap="xs">
          <Button
            size="sm"
            disabled={!session}
            loading={payTawidh.isPending}
            onClick={() => payTawidh.mutate()}
            h="auto"
            py={6}
            styles={{ label: { whiteSpace: 'normal' } }}
            data-testid="tawidh-pay"
          >
            {t('latePayment.pay', { amount: rupiah(owed) })}
          </Button>
          {!session && (
            <Text size="sm" c="dimmed">
              {t('loans.noSessionRepay')}
            </Text>
          )}
        </Group>
      )}
      <ErrorAlert error={payTawidh.error} />
      {manage && tawidhAllowed && (
        <Stack gap="xs">
          <Group align="flex-end" wrap="wrap">
            <DayInput label={t('latePayment.incurredOn')} {...incurredOn.input} />
            <TextInput
              label={t('latePayment.description')}
              {...description.input}
              style={{ flex: 1, minWidth: 220 }}
              data-testid="tawidh-description"
            />
          </Group>
          <Group align="flex-end" wrap="wrap">
            <RupiahInput
              label={t('latePayment.amount')}
              {...amount.input}
              data-testid="tawidh-amount"
            />
            <TextInput
              label={t('latePayment.evidence')}
              {...evidence.input}
              data-testid="tawidh-evidence"
            />
            <Select
              label={t('latePayment.paidFrom')}
              data={[
                { value: 'cash', label: t('latePayment.fromCash') },
                { value: 'bank', label: t('latePayment.fromBank') },
              ]}
              {...paidFrom.input}
              allowDeselect={false}
            />
          </Group>
          <Group>
            <Button
              size="sm"
              loading={addItem.isPending}
              onClick={() => addItem.mutate()}
              data-testid="tawidh-submit"
            >
              {t('latePayment.addItem')}
            </Button>
          </Group>
          <ErrorAlert error={addItem.error} />
        </Stack>
      )}
    </Stack>
  );
}
