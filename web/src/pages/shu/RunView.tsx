import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { useCan } from '../../App';
import { ChartCard, compactRupiah, SERIES_COLORS } from '../../components/charts/ChartCard';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, percent, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { POSTS } from './Settings';

export type Run = Answer<'/api/v1/orgs/{orgId}/shu/runs/{runId}'>;
type Share = Answer<'/api/v1/orgs/{orgId}/shu/runs/{runId}/members'>['items'][number];
const PAGE = 20;

const POST_COLORS = [
  SERIES_COLORS.gray,
  SERIES_COLORS.blue,
  SERIES_COLORS.teal,
  SERIES_COLORS.grape,
  SERIES_COLORS.orange,
  SERIES_COLORS.red,
  SERIES_COLORS.yellow,
  'indigo.9',
];

/** One figure with its label, for the run's header. */
function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

/**
 * A run (simulation or final): the SHU and its split, the allocation per post (chart and
 * figures), the members' totals and shares, and for the year's final run the RAT request, the
 * distribution entry, the payouts and who has not collected.
 */
export function RunView({ orgId, run }: { orgId: string; run: Run }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const alloc = POSTS.map((p, i) => ({
    post: p,
    label: t(`shu.posts.${p}`),
    amount: run.pools.allocation[p] ?? '0',
    color: POST_COLORS[i]!,
  }));
  const top = alloc.reduce((a, b) => (BigInt(b.amount) > BigInt(a.amount) ? b : a));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['shu-runs', orgId] });
    void qc.invalidateQueries({ queryKey: ['shu-run', orgId, run.id] });
    void qc.invalidateQueries({ queryKey: ['shu-shares', orgId, run.id] });
    void qc.invalidateQueries({ queryKey: ['shu-uncollected', orgId, run.id] });
  };
  return (
    <Stack data-testid="shu-run">
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600} component="h2" size="lg">
              {t('shu.run.title', { kind: t(`shu.simulate.kind.${run.kind}`), year: run.year })}
            </Text>
            <Badge
              variant="filled"
              color={run.kind === 'final' ? 'green.9' : 'gray.7'}
              data-testid="shu-run-kind"
            >
              {t(`shu.simulate.kind.${run.kind}`)}
            </Badge>
          </Group>
          <Text size="sm">{t(`shu.run.source.${run.shuSource}`)}</Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t('shu.run.shu')} value={rupiah(run.shuRupiah)} testId="shu-run-shu" />
            <Figure label={t('shu.run.shuAnggota')} value={rupiah(run.shuAnggotaRupiah)} />
            <Figure label={t('shu.run.shuNonAnggota')} value={rupiah(run.shuNonAnggotaRupiah)} />
            <Figure label={t('shu.run.payoutDate')} value={date(run.payoutDate)} />
            <Figure
              label={t('shu.run.basis')}
              value={t(
                run.jasaModalBasis === 'average'
                  ? 'shu.settings.basisAverage'
                  : 'shu.settings.basisYearEnd',
              )}
            />
            <Figure label={t('shu.run.settingsVersion')} value={String(run.settingsVersion)} />
            <Figure
              label={t('shu.run.tax')}
              value={run.taxRule ? percent(run.taxRule.ratePercent) : t('shu.run.noTax')}
            />
            <Figure label={t('shu.run.capitalTotal')} value={rupiah(run.capitalTotal)} />
          </SimpleGrid>
        </Stack>
      </Card>
      <ChartCard
        title={t('shu.run.allocation')}
        headline={rupiah(run.shuRupiah)}
        summary={t('shu.run.allocationSummary', {
          shu: rupiah(run.shuRupiah),
          posts: alloc.length,
          top: top.label,
          amount: rupiah(top.amount),
        })}
        table={{
          columns: [t('shu.run.post'), t('shu.run.amount')],
          rows: alloc.map((a) => [a.label, rupiah(a.amount)]),
        }}
        testId="shu-allocation"
      >
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <BarChart
            h={260}
            data={alloc.map((a) => ({
              post: a.label,
              // display only: the figures beside carry the exact rupiah
              amount: Number(a.amount),
              color: a.color,
            }))}
            dataKey="post"
            orientation="vertical"
            series={[{ name: 'amount', label: t('shu.run.amount'), color: SERIES_COLORS.teal }]}
            valueFormatter={compactRupiah}
            yAxisProps={{ width: 130 }}
            withTooltip={false}
          />
          <Stack gap={4}>
            {alloc.map((a) => (
              <Group key={a.post} justify="space-between" wrap="nowrap">
                <Text size="sm">{a.label}</Text>
                <Text size="sm" fw={600}>
                  {rupiah(a.amount)}
                </Text>
              </Group>
            ))}
          </Stack>
        </SimpleGrid>
      </ChartCard>
      <Card withBorder>
        <Text fw={600} component="h3" size="md" mb="xs">
          {t('shu.run.totals')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} data-testid="shu-run-totals">
          <Figure label={t('shu.members.jasaModal')} value={rupiah(run.totals.jasaModalRupiah)} />
          <Figure label={t('shu.members.jasaUsaha')} value={rupiah(run.totals.jasaUsahaRupiah)} />
          <Figure label={t('shu.members.total')} value={rupiah(run.totals.totalRupiah)} />
          <Figure label={t('shu.members.tax')} value={rupiah(run.totals.taxRupiah)} />
          <Figure label={t('shu.members.deductions')} value={rupiah(run.totals.deductionsRupiah)} />
          <Figure
            label={t('shu.members.net')}
            value={rupiah(run.totals.netRupiah)}
            testId="shu-run-net"
          />
        </SimpleGrid>
        {run.lines.length > 0 && (
          <Table.ScrollContainer minWidth={480} mt="sm">
            <Table fz="sm">
              <Table.Caption>{t('shu.run.lines')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('shu.run.line')}</Table.Th>
                  <Table.Th ta="right">{t('shu.run.weight')}</Table.Th>
                  <Table.Th ta="right">{t('shu.run.participation')}</Table.Th>
                  <Table.Th ta="right">{t('shu.run.pool')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {run.lines.map((l) => (
                  <Table.Tr key={l.line}>
                    <Table.Td>{t(`shu.lines.${l.line}`, { defaultValue: l.line })}</Table.Td>
                    <Table.Td ta="right">{l.weight}</Table.Td>
                    <Table.Td ta="right">{rupiah(l.participationTotal)}</Table.Td>
                    <Table.Td ta="right">{rupiah(l.poolRupiah)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <FinalizeCard orgId={orgId} run={run} onDone={refresh} />
      {run.kind === 'final' && <DistributionCard orgId={orgId} run={run} onDone={refresh} />}
      <SharesCard orgId={orgId} run={run} onDone={refresh} />
      {run.kind === 'final' && run.distributionEntryId && (
        <SharesCard orgId={orgId} run={run} onDone={refresh} uncollected />
      )}
    </Stack>
  );
}

/** The maker-checker request for the year's final run, after the RAT, and its status. */
function FinalizeCard({ orgId, run, onDone }: { orgId: string; run: Run; onDone: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [payoutDate, setPayoutDate] = useState(run.payoutDate);
  const [ratReference, setRatReference] = useState('');
  const [ratDate, setRatDate] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const approvals = useQuery({
    queryKey: ['shu-approvals', orgId],
    enabled: can('approvals.read'),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/approvals', {
          params: { path: { orgId }, query: { limit: 100 } },
        }),
      ),
  });
  const mine = (approvals.data?.items ?? []).filter(
    (a) => a.action === 'shu.finalize' && a.summary.includes(String(run.year)),
  );
  const request = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shu/finalize', {
          params: { path: { orgId } },
          body: { year: run.year, payoutDate, ratReference: ratReference.trim(), ratDate },
        }),
      ),
    onSuccess: (r) => {
      setNotice(t('shu.finalize.requested', { year: r.year }));
      void approvals.refetch();
      onDone();
    },
  });
  const pending = mine.some((a) => a.status === 'pending');
  return (
    <Card withBorder data-testid="shu-finalize">
      <Stack gap="xs">
        <Text fw={600} component="h3" size="md">
          {t('shu.finalize.title')}
        </Text>
        {run.kind === 'final' ? (
          <Text size="sm" data-testid="shu-final-rat">
            {t('shu.finalize.finalExists', { year: run.year })} {run.ratReference ?? ''}
            {run.ratDate ? ` · ${date(run.ratDate)}` : ''}
          </Text>
        ) : (
          <Text size="sm">{t('shu.finalize.help')}</Text>
        )}
        {mine.map((a) => (
          <Text key={a.id} size="sm" data-testid="shu-finalize-status">
            {t('shu.finalize.status', {
              status: t(`shu.finalize.statuses.${a.status}`, { defaultValue: a.status }),
              summary: a.summary,
            })}
          </Text>
        ))}
        {notice && (
          <Alert color="green" data-testid="shu-finalize-notice">
            {notice}
          </Alert>
        )}
        <ErrorAlert error={request.error} />
        {run.kind === 'simulation' && can('shu.manage') && !pending && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('shu.finalize.ratReference')}
                value={ratReference}
                maxLength={200}
                onChange={(e) => setRatReference(e.currentTarget.value)}
                data-testid="shu-rat-reference"
              />
              <DayInput
                label={t('shu.finalize.ratDate')}
                value={ratDate}
                onChange={(e) => setRatDate(e.currentTarget.value)}
                data-testid="shu-rat-date"
              />
              <DayInput
                label={t('shu.simulate.payoutDate')}
                value={payoutDate}
                onChange={(e) => setPayoutDate(e.currentTarget.value)}
                data-testid="shu-final-payout"
              />
            </SimpleGrid>
            <Button
              onClick={() => request.mutate()}
              loading={request.isPending}
              disabled={!ratReference.trim() || !ratDate || !payoutDate}
              data-testid="shu-finalize-request"
            >
              {t('shu.finalize.request')}
            </Button>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The distribution entry of a final run, then the payouts into sukarela in one batch. */
function DistributionCard({ orgId, run, onDone }: { orgId: string; run: Run; onDone: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [notice, setNotice] = useState<string | null>(null);
  const [distKey, renewDist] = useIdempotencyKey('shu-distribution', run.id);
  const [payKey, renewPay] = useIdempotencyKey('shu-pay-savings', run.id);
  const distribute = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shu/runs/{runId}/distribution', {
          params: { path: { orgId, runId: run.id } },
          headers: { 'idempotency-key': distKey },
          body: {},
        }),
      ),
    onSuccess: (r) => {
      renewDist();
      setNotice(
        t('shu.distribution.postedOk', {
          number: r.number,
          amount: rupiah(r.membersPayableRupiah),
        }),
      );
      onDone();
    },
  });
  const paySavings = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shu/runs/{runId}/payments/savings', {
          params: { path: { orgId, runId: run.id } },
          headers: { 'idempotency-key': payKey },
          body: {},
        }),
      ),
    onSuccess: (r) => {
      renewPay();
      setNotice(t('shu.distribution.paidSavings', { count: r.paid, amount: rupiah(r.paidRupiah) }));
      onDone();
    },
  });
  return (
    <Card withBorder data-testid="shu-distribution">
      <Stack gap="xs">
        <Text fw={600} component="h3" size="md">
          {t('shu.distribution.title')}
        </Text>
        {notice && (
          <Alert color="green" data-testid="shu-distribution-notice">
            {notice}
          </Alert>
        )}
        <ErrorAlert error={distribute.error ?? paySavings.error} />
        {run.distributionEntryId ? (
          <Text size="sm" data-testid="shu-distributed">
            {t('shu.distribution.posted', {
              date: run.distributedOn ? date(run.distributedOn) : '',
              entry: run.distributionEntryId,
            })}
          </Text>
        ) : (
          can('shu.manage') && (
            <Button
              onClick={() => distribute.mutate()}
              loading={distribute.isPending}
              data-testid="shu-distribute"
            >
              {t('shu.distribution.post')}
            </Button>
          )
        )}
        {run.distributionEntryId && can('shu.manage') && (
          <Button
            variant="default"
            onClick={() => paySavings.mutate()}
            loading={paySavings.isPending}
            data-testid="shu-pay-savings"
          >
            {t('shu.distribution.paySavings')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

/** The members' shares (or those not collected yet), searchable and paged; cash at the counter. */
function SharesCard({
  orgId,
  run,
  onDone,
  uncollected = false,
}: {
  orgId: string;
  run: Run;
  onDone: () => void;
  uncollected?: boolean;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [paidCash, setPaidCash] = useState<{ memberId: string; text: string } | null>(null);
  const key = uncollected ? 'shu-uncollected' : 'shu-shares';
  const shares = useQuery({
    queryKey: [key, orgId, run.id, q, offset],
    queryFn: () =>
      unwrap(
        uncollected
          ? client.GET('/api/v1/orgs/{orgId}/shu/runs/{runId}/uncollected', {
              params: {
                path: { orgId, runId: run.id },
                query: { offset, limit: PAGE, ...(q.trim() ? { q: q.trim() } : {}) },
              },
            })
          : client.GET('/api/v1/orgs/{orgId}/shu/runs/{runId}/members', {
              params: {
                path: { orgId, runId: run.id },
                query: { offset, limit: PAGE, ...(q.trim() ? { q: q.trim() } : {}) },
              },
            }),
      ),
  });
  const payable = run.kind === 'final' && run.distributionEntryId !== null && can('shu.pay');
  const session = useQuery({
    queryKey: ['cash-session-mine', orgId],
    enabled: payable && can('cashdesk.operate'),
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/cash-sessions/mine', { params: { path: { orgId } } }),
      ),
  });
  const sessionId = session.data?.session?.id ?? null;
  const [cashKey, renewCash] = useIdempotencyKey('shu-cash', run.id);
  const payCash = useMutation({
    mutationFn: (m: Share) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shu/runs/{runId}/members/{memberId}/cash-payment', {
          params: { path: { orgId, runId: run.id, memberId: m.memberId } },
          headers: { 'idempotency-key': cashKey },
          body: { sessionId: sessionId! },
        }),
      ),
    onSuccess: (r) => {
      renewCash();
      setPaidCash({
        memberId: r.memberId,
        text: t('shu.distribution.paidCash', {
          amount: rupiah(r.paidRupiah),
          tax: rupiah(r.taxRupiah),
          number: r.number,
        }),
      });
      onDone();
    },
  });
  const total = shares.data?.total ?? 0;
  const items = shares.data?.items ?? [];
  const slipUrl = (memberId: string) =>
    `/api/v1/orgs/${orgId}/shu/runs/${run.id}/members/${memberId}/slip?format=pdf`;
  const title = uncollected ? t('shu.distribution.uncollected') : t('shu.members.title');
  return (
    <Card withBorder data-testid={uncollected ? 'shu-uncollected' : 'shu-shares'}>
      <Stack gap="xs">
        <Text fw={600} component="h3" size="md">
          {title}
        </Text>
        {paidCash && (
          <Alert color="green" data-testid="shu-cash-notice">
            {paidCash.text}{' '}
            <Anchor href={slipUrl(paidCash.memberId)} target="_blank">
              {t('shu.distribution.receipt')}
            </Anchor>
          </Alert>
        )}
        <ErrorAlert error={shares.error ?? payCash.error} />
        {payable && !uncollected && session.isSuccess && sessionId === null && (
          <Text size="sm">{t('shu.distribution.noSession')}</Text>
        )}
        <TextInput
          label={t('shu.members.search')}
          value={q}
          maxLength={100}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setOffset(0);
          }}
          data-testid={uncollected ? 'shu-uncollected-search' : 'shu-members-search'}
        />
        {shares.isSuccess && items.length === 0 ? (
          <Text size="sm">
            {uncollected ? t('shu.distribution.allCollected') : t('shu.members.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table
              striped
              fz="sm"
              data-testid={uncollected ? 'shu-uncollected-table' : 'shu-members-table'}
            >
              <Table.Caption>{title}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('shu.members.number')}</Table.Th>
                  <Table.Th>{t('shu.members.name')}</Table.Th>
                  <Table.Th ta="right">{t('shu.members.jasaModal')}</Table.Th>
                  <Table.Th ta="right">{t('shu.members.jasaUsaha')}</Table.Th>
                  <Table.Th ta="right">{t('shu.members.total')}</Table.Th>
                  <Table.Th ta="right">{t('shu.members.tax')}</Table.Th>
                  <Table.Th ta="right">{t('shu.members.deductions')}</Table.Th>
                  <Table.Th ta="right">{t('shu.members.net')}</Table.Th>
                  <Table.Th>{t('shu.members.paid')}</Table.Th>
                  <Table.Th>{t('shu.members.slip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.memberId}>
                    <Table.Td>{s.memberNumber ?? '–'}</Table.Td>
                    <Table.Td>{s.fullName}</Table.Td>
                    <Table.Td ta="right">{rupiah(s.jasaModalRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(s.jasaUsahaRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(s.totalRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(s.taxRupiah)}</Table.Td>
                    <Table.Td ta="right">
                      {rupiah(
                        BigInt(s.deductionWajibRupiah) + BigInt(s.deductionInstalmentsRupiah),
                      )}
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {rupiah(s.netRupiah)}
                    </Table.Td>
                    <Table.Td>
                      {s.paidOn ? (
                        `${date(s.paidOn)} · ${t(`shu.members.channel.${s.paidChannel ?? 'sukarela'}`)}`
                      ) : payable && sessionId !== null && BigInt(s.netRupiah) > 0n ? (
                        <Button
                          size="compact-sm"
                          variant="default"
                          loading={payCash.isPending && payCash.variables?.memberId === s.memberId}
                          onClick={() => payCash.mutate(s)}
                          data-testid={`shu-pay-cash-${s.memberNumber ?? s.memberId}`}
                        >
                          {t('shu.members.payCash')}
                        </Button>
                      ) : (
                        t('shu.members.unpaid')
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor size="sm" href={slipUrl(s.memberId)} target="_blank">
                        PDF
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {total > 0 && (
          <Group justify="space-between">
            <Text
              size="sm"
              data-testid={uncollected ? 'shu-uncollected-count' : 'shu-members-count'}
            >
              {t('shu.members.count', {
                from: offset + 1,
                to: Math.min(offset + PAGE, total),
                total,
              })}
            </Text>
            <Group gap="xs">
              <Button
                size="compact-sm"
                variant="default"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('shu.members.prev')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                disabled={offset + PAGE >= total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('shu.members.next')}
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
