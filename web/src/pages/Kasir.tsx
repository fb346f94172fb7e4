import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, unwrapWithStatus, type Answer } from '../api';
import { PageTitle, useOrgId } from '../App';
import { rupiah } from '../format';
import { useSession } from '../session';
import { newIdempotencyKey } from '../idempotency';
import { ErrorAlert } from '../components/ErrorAlert';
import { RupiahInput } from '../components/RupiahInput';
import { businessToday } from '../calendar';
import { useField } from '../components/useField';

type CashSession = NonNullable<Answer<'/api/v1/orgs/{orgId}/cash-sessions/mine'>['session']>;

/** A deposit or withdrawal done at the counter. */
type Movement = Answer<'/api/v1/orgs/{orgId}/savings/deposits', 'post'>;

/** A money-moving write: a fresh Idempotency-Key, so a double click moves the money once. */
const once = () => ({ 'idempotency-key': newIdempotencyKey() });

/** What each panel of an open session works with; every change it makes refreshes the session. */
interface SessionPanelProps {
  orgId: string;
  session: CashSession;
  onSessionChanged: () => void;
}

export function KasirPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const { session } = useSession();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: ['my-cash-session', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/cash-sessions/mine', {
          params: { path: { orgId: orgId } },
        }),
      ),
  });
  const s = mine.data?.session;
  const onSessionChanged = () =>
    void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] });
  return (
    <Stack>
      <PageTitle>{t('kasir.title')}</PageTitle>
      <Text>{t('kasir.welcome', { name: session?.user.fullName ?? '' })}</Text>
      <Card withBorder>
        <Text fw={600}>{t('kasir.session')}</Text>
        {s ? (
          <Text data-testid="cash-session">
            {s.deskCode} · {s.businessDate} · {t('kasir.expected')}: {rupiah(s.expectedRupiah)}
          </Text>
        ) : (
          <Text c="dimmed">{t('kasir.noSession')}</Text>
        )}
      </Card>
      {s ? (
        <>
          <Counter orgId={orgId} session={s} onSessionChanged={onSessionChanged} />
          <CashInOut orgId={orgId} session={s} onSessionChanged={onSessionChanged} />
          <CloseSession orgId={orgId} session={s} onSessionChanged={onSessionChanged} />
        </>
      ) : (
        <OpenSession orgId={orgId} onSessionChanged={onSessionChanged} />
      )}
      <Text size="sm" c="dimmed">
        {t('kasir.can')}
      </Text>
    </Stack>
  );
}

function OpenSession({ orgId, onSessionChanged }: Omit<SessionPanelProps, 'session'>) {
  const { t } = useTranslation();
  const desks = useQuery({
    queryKey: ['desks', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/cash-desks', { params: { path: { orgId } } })),
  });
  const desk = useField<string | null>(null);
  const float = useField<number | string>(5_000_000);
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions', {
          params: { path: { orgId } },
          body: {
            deskId: desk.value!,
            businessDate: businessToday(),
            openingFloatRupiah: String(float.value),
          },
        }),
      ),
    onSuccess: onSessionChanged,
  });
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('teller.openTitle')}</Text>
        <ErrorAlert error={open.error} />
        <Select
          label={t('teller.desk')}
          data={(desks.data?.items ?? []).map((d) => ({
            value: d.id,
            label: `${d.code} · ${d.name}`,
          }))}
          {...desk.input}
          data-testid="desk-select"
        />
        <RupiahInput label={t('teller.float')} {...float.input} min={0} data-testid="float-input" />
        <Button
          onClick={() => open.mutate()}
          disabled={!desk.value}
          loading={open.isPending}
          data-testid="open-session"
        >
          {t('teller.open')}
        </Button>
      </Stack>
    </Card>
  );
}

function Counter({ orgId, session, onSessionChanged }: SessionPanelProps) {
  const { t } = useTranslation();
  const q = useField('');
  const account = useField<string | null>(null);
  const amount = useField<number | string>('');
  const [last, setLast] = useState<Movement | null>(null);
  const [pending, setPending] = useState(false);
  const hits = useQuery({
    queryKey: ['account-search', orgId, q.value],
    enabled: q.value.trim().length >= 2,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/savings-accounts', {
          params: { path: { orgId }, query: { limit: 20, q: q.value.trim() } },
        }),
      ),
  });
  const move = useMutation({
    mutationFn: (kind: 'deposits' | 'withdrawals') =>
      unwrapWithStatus(
        client.POST(`/api/v1/orgs/{orgId}/savings/${kind}`, {
          params: { path: { orgId } },
          body: {
            sessionId: session.id,
            accountId: account.value!,
            amountRupiah: String(amount.value),
          },
          headers: once(),
        }),
      ),
    onSuccess: (r) => {
      if (r.status === 202) {
        setPending(true);
        setLast(null);
      } else {
        setPending(false);
        setLast(r.body);
      }
      amount.set('');
      onSessionChanged();
      void hits.refetch();
    },
  });
  const receipt = (format: string) =>
    `/api/v1/orgs/${orgId}/savings-transactions/${last?.transactionId}/receipt?format=${format}`;
  return (
    <Card withBorder>
      <Stack>
        <TextInput label={t('teller.findAccount')} {...q.input} data-testid="account-search" />
        <Select
          label={t('teller.account')}
          data={(hits.data?.items ?? [])
            .filter((a) => a.status !== 'closed')
            .map((a) => ({
              value: a.id,
              label: `${a.accountNumber} · ${a.memberName} · ${a.productName} · ${rupiah(a.balanceRupiah)}`,
            }))}
          {...account.input}
          searchable
          data-testid="account-select"
        />
        <RupiahInput label={t('teller.amount')} {...amount.input} data-testid="amount-input" />
        <ErrorAlert error={move.error} data-testid="teller-error" />
        <Group>
          <Button
            onClick={() => move.mutate('deposits')}
            disabled={!account.value || !amount.value}
            loading={move.isPending}
            data-testid="deposit"
          >
            {t('teller.deposit')}
          </Button>
          <Button
            variant="outline"
            onClick={() => move.mutate('withdrawals')}
            disabled={!account.value || !amount.value}
            loading={move.isPending}
            data-testid="withdraw"
          >
            {t('teller.withdraw')}
          </Button>
        </Group>
        {pending && <Alert color="yellow">{t('teller.pending')}</Alert>}
        {last && (
          <Alert color="green" data-testid="teller-done">
            <Text>
              {t('teller.done', {
                kind: last.kind === 'deposit' ? t('teller.deposit') : t('teller.withdraw'),
                amount: BigInt(last.amountRupiah).toLocaleString('id-ID'),
                balance: rupiah(last.balanceAfterRupiah),
              })}
            </Text>
            <Group gap="md">
              <Anchor c="blue.9" href={receipt('58mm')} target="_blank" data-testid="receipt-58">
                {t('teller.receipt58')}
              </Anchor>
              <Anchor c="blue.9" href={receipt('80mm')} target="_blank" data-testid="receipt-80">
                {t('teller.receipt80')}
              </Anchor>
              <Anchor c="blue.9" href={receipt('a4')} target="_blank">
                {t('teller.receiptA4')}
              </Anchor>
            </Group>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function CloseSession({ orgId, session, onSessionChanged }: SessionPanelProps) {
  const { t } = useTranslation();
  const counted = useField<number | string>('');
  const reason = useField('');
  const close = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions/{sessionId}/close', {
          params: { path: { orgId, sessionId: session.id } },
          body: {
            countedRupiah: String(counted.value),
            varianceReason: reason.value || null,
            entryDate: session.businessDate,
          },
        }),
      ),
    onSuccess: onSessionChanged,
  });
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('teller.closeTitle')}</Text>
        <ErrorAlert error={close.error} />
        <Group grow>
          <RupiahInput label={t('teller.counted')} {...counted.input} min={0} />
          <TextInput label={t('teller.reason')} {...reason.input} />
        </Group>
        <Button
          variant="light"
          onClick={() => close.mutate()}
          disabled={counted.value === ''}
          loading={close.isPending}
        >
          {t('teller.close')}
        </Button>
      </Stack>
    </Card>
  );
}

function CashInOut({ orgId, session, onSessionChanged }: SessionPanelProps) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const accountCode = useField('');
  const description = useField('');
  const amount = useField<number | string>('');
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      unwrapWithStatus(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions/{sessionId}/transactions', {
          params: { path: { orgId, sessionId: session.id } },
          body: {
            direction,
            accountCode: accountCode.value,
            amountRupiah: String(amount.value),
            description: description.value,
            entryDate: session.businessDate,
          },
          headers: once(),
        }),
      ),
    onSuccess: (r) => {
      setDone(t('cash.done', { number: r.body.number }));
      amount.set('');
      description.set('');
      onSessionChanged();
    },
  });
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('cash.title')}</Text>
        <ErrorAlert error={save.error} />
        {done && <Alert color="green">{done}</Alert>}
        <Select
          label={t('cash.direction')}
          data={[
            { value: 'in', label: t('cash.in') },
            { value: 'out', label: t('cash.out') },
          ]}
          value={direction}
          onChange={(v) => setDirection(v === 'out' ? 'out' : 'in')}
        />
        <Group grow>
          <TextInput label={t('cash.account')} {...accountCode.input} />
          <RupiahInput label={t('cash.amount')} {...amount.input} />
        </Group>
        <TextInput label={t('cash.description')} {...description.input} />
        <Button
          variant="light"
          onClick={() => save.mutate()}
          disabled={!accountCode.value || !amount.value || description.value.trim().length < 3}
          loading={save.isPending}
        >
          {t('cash.save')}
        </Button>
      </Stack>
    </Card>
  );
}
