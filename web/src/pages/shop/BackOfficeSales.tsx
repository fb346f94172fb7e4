import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  NumberInput,
  PasswordInput,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { useCan } from '../../App';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { dateTime, digits, rupiah } from '../../format';
import { newIdempotencyKey } from '../../idempotency';
import { MemberPicker, shopKey } from './BackOfficeShared';

type Chain = Answer<'/api/v1/orgs/{orgId}/shop/tills/{tillId}/chain'>;

type Sale = Answer<'/api/v1/orgs/{orgId}/shop/sales/{saleId}'>;

/**
 * Tab "Penjualan": the day's sales (a cashier voids one or returns goods of it with a supervisor's
 * password), each till's receipt chain re-walked, members' credit limits.
 */
export function BackOfficeSales({ orgId, manage }: { orgId: string; manage: boolean }) {
  const { t } = useTranslation();
  const sell = useCan()('shop.sell');
  const [day, setDay] = useState(businessToday());
  const [tillId, setTillId] = useState<string | null>(null);
  const [adjusting, setAdjusting] = useState<{ id: string; receiptNumber: string } | null>(null);
  const phone = useMediaQuery('(max-width: 36em)');
  const tills = useQuery({
    queryKey: shopKey(orgId, 'tills'),
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shop/tills', { params: { path: { orgId } } })),
  });
  const sales = useQuery({
    queryKey: shopKey(orgId, 'sales', day, tillId),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/sales', {
          params: {
            path: { orgId },
            query: { limit: 500, ...(day ? { date: day } : {}), ...(tillId ? { tillId } : {}) },
          },
        }),
      ),
  });
  const items = sales.data?.items ?? [];
  const total = items
    .filter((s) => s.status === 'posted')
    .reduce((sum, s) => sum + BigInt(s.totalRupiah), 0n);
  return (
    <Stack gap="xl">
      <Stack>
        <Group align="end">
          <DayInput
            label={t('shop.sales.date')}
            value={day}
            onChange={(e) => setDay(e.currentTarget.value)}
            data-testid="shop-sales-date"
          />
          <Select
            label={t('shop.sales.till')}
            placeholder={t('shop.sales.allTills')}
            clearable
            value={tillId}
            onChange={setTillId}
            data={(tills.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.code} · ${x.name}`,
            }))}
          />
        </Group>
        <ErrorAlert error={sales.error ?? tills.error} />
        <Text size="sm" data-testid="shop-sales-summary">
          {t('shop.sales.summary', { count: items.length, total: rupiah(total) })}
        </Text>
        <Table.ScrollContainer minWidth={680}>
          <Table striped data-testid="shop-sales">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('shop.sales.receipt')}</Table.Th>
                <Table.Th>{t('shop.sales.soldAt')}</Table.Th>
                <Table.Th>{t('shop.sales.member')}</Table.Th>
                <Table.Th>{t('shop.sales.payment')}</Table.Th>
                <Table.Th ta="right">{t('shop.sales.total')}</Table.Th>
                <Table.Th>{t('shop.sales.status')}</Table.Th>
                {sell && <Table.Th>{t('shop.products.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="shop-sale-row" data-receipt={s.receiptNumber}>
                  <Table.Td>{s.receiptNumber}</Table.Td>
                  <Table.Td>{dateTime(s.soldAt)}</Table.Td>
                  <Table.Td>{s.memberName ?? '–'}</Table.Td>
                  <Table.Td>
                    {t(`shop.sales.methods.${s.paymentMethod}`, { defaultValue: s.paymentMethod })}
                  </Table.Td>
                  <Table.Td ta="right">{rupiah(s.totalRupiah)}</Table.Td>
                  <Table.Td>
                    {s.status === 'voided' ? (
                      <Badge color="red.8">{t('shop.sales.voided')}</Badge>
                    ) : (
                      t('shop.sales.posted')
                    )}
                    {s.offline && (
                      <Badge ml="xs" variant="outline" color="gray.8">
                        {t('shop.sales.offline')}
                      </Badge>
                    )}
                  </Table.Td>
                  {sell && (
                    <Table.Td>
                      {s.status === 'posted' && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setAdjusting({ id: s.id, receiptNumber: s.receiptNumber })}
                          aria-label={t('shop.adjust.openFor', { receipt: s.receiptNumber })}
                          data-testid="shop-sale-adjust"
                        >
                          {t('shop.adjust.open')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={adjusting !== null}
        onClose={() => setAdjusting(null)}
        title={t('shop.adjust.title', { receipt: adjusting?.receiptNumber ?? '' })}
        size="lg"
        fullScreen={phone}
      >
        {adjusting && <SaleAdjust orgId={orgId} saleId={adjusting.id} />}
      </Modal>
      <ChainCheck orgId={orgId} tills={tills.data?.items ?? []} />
      {manage && <CreditLimit orgId={orgId} />}
    </Stack>
  );
}

type Done =
  | { kind: 'return'; refundRupiah: string; refundMethod: string }
  | { kind: 'void'; totalRupiah: string; paymentMethod: string };

/**
 * A void (the whole sale) or a return (some base units of some lines) with a supervisor's username
 * and password (another user with shop.supervise, never the cashier). One Idempotency-Key per opened
 * modal, kept while the same submission is retried after a refusal (a refusal stores nothing) and
 * renewed after a success, so a second return from the same modal is a new request.
 */
function SaleAdjust({ orgId, saleId }: { orgId: string; saleId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  const [kind, setKind] = useState<'return' | 'void'>('return');
  const [qty, setQty] = useState<Record<number, string | number>>({});
  const [reason, setReason] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<Done | null>(null);
  const sale = useQuery({
    queryKey: shopKey(orgId, 'sale', saleId),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/sales/{saleId}', {
          params: { path: { orgId, saleId } },
        }),
      ),
  });
  const s = sale.data;
  const left = (l: Sale['lines'][number]) => BigInt(l.qtyBase) - BigInt(l.returnedQtyBase);
  const returning = (s?.lines ?? [])
    .map((l) => ({ lineNo: l.lineNo, qtyBase: digits(qty[l.lineNo] ?? '') }))
    .filter((l) => l.qtyBase !== '' && BigInt(l.qtyBase) > 0n);
  const approval = {
    reason: reason.trim(),
    supervisorUsername: username.trim(),
    supervisorPassword: password,
  };
  const submit = useMutation({
    mutationFn: async (): Promise<{ done: Done; sale: Sale }> => {
      const path = { orgId, saleId };
      const headers = { 'idempotency-key': key };
      if (kind === 'void') {
        const r = await unwrap(
          client.POST('/api/v1/orgs/{orgId}/shop/sales/{saleId}/void', {
            params: { path },
            body: approval,
            headers,
          }),
        );
        return {
          done: { kind, totalRupiah: r.totalRupiah, paymentMethod: r.paymentMethod },
          sale: r,
        };
      }
      const r = await unwrap(
        client.POST('/api/v1/orgs/{orgId}/shop/sales/{saleId}/returns', {
          params: { path },
          body: { lines: returning, ...approval },
          headers,
        }),
      );
      return {
        done: { kind, refundRupiah: r.refundRupiah, refundMethod: r.refundMethod },
        sale: r.sale,
      };
    },
    onSuccess: (r) => {
      setDone(r.done);
      setKey(newIdempotencyKey());
      setQty({});
      setPassword('');
      qc.setQueryData(shopKey(orgId, 'sale', saleId), r.sale);
      void qc.invalidateQueries({ queryKey: shopKey(orgId, 'sales') });
    },
  });
  if (!s) return <ErrorAlert error={sale.error} />;
  const voided = s.status === 'voided';
  const method = (m: string) => t(`shop.sales.methods.${m}`, { defaultValue: m });
  const ready =
    approval.reason.length >= 3 &&
    approval.supervisorUsername !== '' &&
    password !== '' &&
    (kind === 'void' || returning.length > 0) &&
    returning.every((r) => {
      const l = s.lines.find((x) => x.lineNo === r.lineNo);
      return !!l && BigInt(r.qtyBase) <= left(l);
    });
  return (
    <Stack data-testid="shop-adjust">
      <Text size="sm">
        {dateTime(s.soldAt)} · {method(s.paymentMethod)} · {rupiah(s.totalRupiah)}
        {s.member?.name ? ` · ${s.member.name}` : ''}
      </Text>
      {done && (
        <Alert color="green" data-testid="shop-adjust-done">
          {done.kind === 'return'
            ? t('shop.adjust.returned', {
                amount: rupiah(done.refundRupiah),
                method: method(done.refundMethod),
              })
            : t('shop.adjust.voidedDone', {
                amount: rupiah(done.totalRupiah),
                method: method(done.paymentMethod),
              })}
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        {t('shop.adjust.baseHint')}
      </Text>
      <Table.ScrollContainer minWidth={300}>
        <Table data-testid="shop-adjust-lines" horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shop.adjust.item')}</Table.Th>
              <Table.Th ta="right">{t('shop.adjust.sold')}</Table.Th>
              <Table.Th ta="right">{t('shop.adjust.returnedSoFar')}</Table.Th>
              {kind === 'return' && !voided && <Table.Th>{t('shop.adjust.returnNow')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.lines.map((l) => (
              <Table.Tr key={l.lineNo} data-testid="shop-adjust-line" data-line={l.lineNo}>
                <Table.Td>
                  {l.name}
                  <Text size="xs" c="dimmed">
                    {rupiah(l.amountRupiah)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {l.qty} {l.unit}
                  {l.qty !== l.qtyBase && (
                    <Text size="xs" c="dimmed">
                      = {l.qtyBase} {t('shop.adjust.base')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" data-testid="shop-adjust-returned">
                  {l.returnedQtyBase}
                </Table.Td>
                {kind === 'return' && !voided && (
                  <Table.Td>
                    {left(l) > 0n ? (
                      <NumberInput
                        aria-label={t('shop.adjust.qtyOf', {
                          name: l.name,
                          left: left(l).toString(),
                        })}
                        value={qty[l.lineNo] ?? ''}
                        onChange={(v) => setQty((q) => ({ ...q, [l.lineNo]: v }))}
                        allowDecimal={false}
                        allowNegative={false}
                        min={0}
                        max={Number(left(l))}
                        clampBehavior="strict"
                        w={80}
                        data-testid="shop-adjust-qty"
                      />
                    ) : (
                      <Text size="sm">{t('shop.adjust.allReturned')}</Text>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {voided ? (
        <Alert color="gray">
          {t('shop.adjust.alreadyVoided', { reason: s.voidReason ?? '–' })}
        </Alert>
      ) : (
        <>
          <Radio.Group
            label={t('shop.adjust.kind')}
            value={kind}
            onChange={(v) => setKind(v === 'void' ? 'void' : 'return')}
          >
            <Group mt="xs">
              <Radio
                value="return"
                label={t('shop.adjust.return')}
                data-testid="shop-adjust-return"
              />
              <Radio value="void" label={t('shop.adjust.void')} data-testid="shop-adjust-void" />
            </Group>
          </Radio.Group>
          {kind === 'void' && (
            <Text size="sm" data-testid="shop-adjust-void-hint">
              {t('shop.adjust.voidHint', {
                amount: rupiah(s.totalRupiah),
                method: method(s.paymentMethod),
              })}
            </Text>
          )}
          <TextInput
            label={t('shop.adjust.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={300}
            required
            data-testid="shop-adjust-reason"
          />
          <Text size="sm">{t('shop.adjust.supervisorHint')}</Text>
          <Group grow align="start" wrap="wrap">
            <TextInput
              label={t('shop.adjust.supervisor')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="off"
              required
              miw={200}
              data-testid="shop-adjust-supervisor"
            />
            <PasswordInput
              label={t('shop.adjust.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="off"
              required
              miw={200}
              data-testid="shop-adjust-password"
            />
          </Group>
          <ErrorAlert error={submit.error} data-testid="shop-adjust-error" />
          <Group justify="flex-end">
            <Button
              color={kind === 'void' ? 'red.8' : undefined}
              onClick={() => submit.mutate()}
              loading={submit.isPending}
              disabled={!ready}
              data-testid="shop-adjust-submit"
            >
              {kind === 'void' ? t('shop.adjust.submitVoid') : t('shop.adjust.submitReturn')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function ChainCheck({
  orgId,
  tills,
}: {
  orgId: string;
  tills: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const [results, setResults] = useState<Record<string, Chain>>({});
  const check = useMutation({
    mutationFn: (tillId: string) =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/tills/{tillId}/chain', {
          params: { path: { orgId, tillId } },
        }),
      ),
    onSuccess: (r) => setResults((rs) => ({ ...rs, [r.tillId]: r })),
  });
  return (
    <Stack>
      <Title order={3}>{t('shop.chain.title')}</Title>
      <Text size="sm">{t('shop.chain.hint')}</Text>
      <ErrorAlert error={check.error} />
      {tills.map((x) => {
        const r = results[x.id];
        return (
          <Card withBorder key={x.id} data-testid="shop-chain-till">
            <Group justify="space-between">
              <Text fw={600}>
                {x.code} · {x.name}
              </Text>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => check.mutate(x.id)}
                loading={check.isPending && check.variables === x.id}
                aria-label={`${t('shop.chain.check')} ${x.code}`}
              >
                {t('shop.chain.check')}
              </Button>
            </Group>
            {r &&
              (r.breaks.length === 0 ? (
                <Alert color="green" mt="xs" data-testid="shop-chain-ok">
                  {t('shop.chain.ok', { count: r.checked })}
                </Alert>
              ) : (
                <Alert color="red" mt="xs" data-testid="shop-chain-broken">
                  {t('shop.chain.broken', { count: r.breaks.length, checked: r.checked })}
                  <List size="sm" mt="xs">
                    {r.breaks.map((b) => (
                      <List.Item key={`${b.receiptNo}-${b.problem}`}>
                        {t(`shop.chain.problems.${b.problem}`, {
                          no: b.receiptNo,
                          expected: b.expected ?? '–',
                        })}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              ))}
          </Card>
        );
      })}
    </Stack>
  );
}

function CreditLimit({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [limit, setLimit] = useState<string | number>('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/shop/credit-limits/{memberId}', {
          params: { path: { orgId, memberId: memberId ?? '' } },
          body: { limitRupiah: digits(limit) || '0' },
        }),
      ),
  });
  const r = save.data;
  return (
    <Stack>
      <Title order={3}>{t('shop.credit.title')}</Title>
      <Text size="sm">{t('shop.credit.hint')}</Text>
      <ErrorAlert error={save.error} />
      <Group align="end" wrap="wrap">
        <MemberPicker
          orgId={orgId}
          label={t('shop.setup.member')}
          value={memberId}
          onChange={setMemberId}
          w={{ base: '100%', sm: 320 }}
        />
        <RupiahInput
          label={t('shop.credit.limit')}
          value={limit}
          onChange={setLimit}
          min={0}
          w={200}
        />
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!memberId}>
          {t('shop.save')}
        </Button>
      </Group>
      {r && (
        <Alert color="green">
          {t('shop.credit.saved', {
            limit: rupiah(r.limitRupiah),
            outstanding: rupiah(r.outstandingRupiah),
            available: rupiah(r.availableRupiah),
          })}
        </Alert>
      )}
    </Stack>
  );
}
