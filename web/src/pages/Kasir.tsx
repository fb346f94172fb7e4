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

type CashSession = NonNullable<Answer<'/api/v1/orgs/{orgId}/cash-sessions/mine'>['session']>;

/** A deposit or withdrawal done at the counter. */
type Movement = Answer<'/api/v1/orgs/{orgId}/savings/deposits', 'post'>;

/** A money-moving write: a fresh Idempotency-Key, so a double click moves the money once. */
const once = () => ({ 'idempotency-key': newIdempotencyKey() });

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
          <Counter
            orgId={orgId}
            session={s}
            onMoved={() => void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] })}
          />
          <CashInOut
            orgId={orgId}
            session={s}
            onMoved={() => void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] })}
          />
          <CloseSession
            orgId={orgId}
            session={s}
            onClosed={() => void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] })}
          />
        </>
      ) : (
        <OpenSession
          orgId={orgId}
          onOpened={() => void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] })}
        />
      )}
      <Text size="sm" c="dimmed">
        {t('kasir.can')}
      </Text>
    </Stack>
  );
}

function OpenSession({ orgId, onOpened }: { orgId: string; onOpened: () => void }) {
  const { t } = useTranslation();
  const desks = useQuery({
    queryKey: ['desks', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/cash-desks', { params: { path: { orgId } } })),
  });
  const [desk, setDesk] = useState<string | null>(null);
  const [float, setFloat] = useState<number | string>(5_000_000);
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions', {
          params: { path: { orgId } },
          body: { deskId: desk!, businessDate: businessToday(), openingFloatRupiah: String(float) },
        }),
      ),
    onSuccess: onOpened,
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
          value={desk}
          onChange={setDesk}
          data-testid="desk-select"
        />
        <RupiahInput
          label={t('teller.float')}
          value={float}
          onChange={setFloat}
          min={0}
          data-testid="float-input"
        />
        <Button
          onClick={() => open.mutate()}
          disabled={!desk}
          loading={open.isPending}
          data-testid="open-session"
        >
          {t('teller.open')}
        </Button>
      </Stack>
    </Card>
  );
}

function Counter({
  orgId,
  session,
  onMoved,
}: {
  orgId: string;
  session: CashSession;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [account, setAccount] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [last, setLast] = useState<Movement | null>(null);
  const [pending, setPending] = useState(false);
  const hits = useQuery({
    queryKey: ['account-search', orgId, q],
    enabled: q.trim().length >= 2,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/savings-accounts', {
          params: { path: { orgId }, query: { limit: 20, q: q.trim() } },
        }),
      ),
  });
  const move = useMutation({
    mutationFn: (kind: 'deposits' | 'withdrawals') =>
      unwrapWithStatus(
        client.POST(`/api/v1/orgs/{orgId}/savings/${kind}`, {
          params: { path: { orgId } },
          body: { sessionId: session.id, accountId: account!, amountRupiah: String(amount) },
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
      setAmount('');
      onMoved();
      void hits.refetch();
    },
  });
  const receipt = (format: string) =>
    `/api/v1/orgs/${orgId}/savings-transactions/${last?.transactionId}/receipt?format=${format}`;
  return (
    <Card withBorder>
      <Stack>
        <TextInput
          label={t('teller.findAccount')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="account-search"
        />
        <Select
          label={t('teller.account')}
          data={(hits.data?.items ?? [])
            .filter((a) => a.status !== 'closed')
            .map((a) => ({
              value: a.id,
              label: `${a.accountNumber} · ${a.memberName} · ${a.productName} · ${rupiah(a.balanceRupiah)}`,
            }))}
          value={account}
          onChange={setAccount}
          searchable
          data-testid="account-select"
        />
        <RupiahInput
          label={t('teller.amount')}
          value={amount}
          onChange={setAmount}
          min={1}
          data-testid="amount-input"
        />
        <ErrorAlert error={move.error} data-testid="teller-error" />
        <Group>
          <Button
            onClick={() => move.mutate('deposits')}
            disabled={!account || !amount}
            loading={move.isPending}
            data-testid="deposit"
          >
            {t('teller.deposit')}
          </Button>
          <Button
            variant="outline"
            onClick={() => move.mutate('withdrawals')}
            disabled={!account || !amount}
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
              <Anchor href={receipt('58mm')} target="_blank" data-testid="receipt-58">
                {t('teller.receipt58')}
              </Anchor>
              <Anchor href={receipt('80mm')} target="_blank" data-testid="receipt-80">
                {t('teller.receipt80')}
              </Anchor>
              <Anchor href={receipt('a4')} target="_blank">
                {t('teller.receiptA4')}
              </Anchor>
            </Group>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function CloseSession({
  orgId,
  session,
  onClosed,
}: {
  orgId: string;
  session: CashSession;
  onClosed: () => void;
}) {
  const { t } = useTranslation();
  const [counted, setCounted] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const close = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions/{sessionId}/close', {
          params: { path: { orgId, sessionId: session.id } },
          body: {
            countedRupiah: String(counted),
            varianceReason: reason || null,
            entryDate: session.businessDate,
          },
        }),
      ),
    onSuccess: onClosed,
  });
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('teller.closeTitle')}</Text>
        <ErrorAlert error={close.error} />
        <Group grow>
          <RupiahInput label={t('teller.counted')} value={counted} onChange={setCounted} min={0} />
          <TextInput
            label={t('teller.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </Group>
        <Button
          variant="light"
          onClick={() => close.mutate()}
          disabled={counted === ''}
          loading={close.isPending}
        >
          {t('teller.close')}
        </Button>
      </Stack>
    </Card>
  );
}

function CashInOut({
  orgId,
  session,
  onMoved,
}: {
  orgId: string;
  session: CashSession;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [accountCode, setAccountCode] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      unwrapWithStatus(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions/{sessionId}/transactions', {
          params: { path: { orgId, sessionId: session.id } },
          body: {
            direction,
            accountCode,
            amountRupiah: String(amount),
            description,
            entryDate: session.businessDate,
          },
          headers: once(),
        }),
      ),
    onSuccess: (r) => {
      setDone(t('cash.done', { number: r.body.number }));
      setAmount('');
      setDescription('');
      onMoved();
    },
  });
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('cash.title')}</Text>
        <ErrorAlert error={save.error} />
        {done && <Alert color="green">{done}</Alert>}
        <Select
          data={[
            { value: 'in', label: t('cash.in') },
            { value: 'out', label: t('cash.out') },
          ]}
          value={direction}
          onChange={(v) => setDirection(v === 'out' ? 'out' : 'in')}
        />
        <Group grow>
          <TextInput
            label={t('cash.account')}
            value={accountCode}
            onChange={(e) => setAccountCode(e.currentTarget.value)}
          />
          <RupiahInput label={t('cash.amount')} value={amount} onChange={setAmount} min={1} />
        </Group>
        <TextInput
          label={t('cash.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Button
          variant="light"
          onClick={() => save.mutate()}
          disabled={!accountCode || !amount || description.trim().length < 3}
          loading={save.isPending}
        >
          {t('cash.save')}
        </Button>
      </Stack>
    </Card>
  );
}
