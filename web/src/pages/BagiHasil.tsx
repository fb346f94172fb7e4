import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { businessToday } from '../calendar';
import {
  ChartCard,
  compactRupiah,
  monthLabel,
  SERIES_COLORS,
} from '../components/charts/ChartCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { RupiahInput } from '../components/RupiahInput';
import { percent, rupiah } from '../format';

/**
 * A KSPPS's monthly profit distribution to its mudharabah funds (docs/domain/sharia-bagi-hasil.md):
 * the manager runs the month-end here, then reads the month's rekonsiliasi pendapatan dan bagi
 * hasil and each product's pool, nisbah and equivalent rate; the settings say revenue or profit
 * sharing and the weight of each fund type.
 */

type Distribution = Answer<'/api/v1/orgs/{orgId}/bagi-hasil/distributions/{period}'>;
type Settings = Answer<'/api/v1/orgs/{orgId}/bagi-hasil/settings'>;

/** The month before `day` ('YYYY-MM-DD' → 'YYYY-MM'): the month a close usually runs for. */
function previousMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The last `n` months up to `last`, newest first. */
function monthsUpTo(last: string, n: number): string[] {
  const out: string[] = [];
  let y = Number(last.slice(0, 4));
  let m = Number(last.slice(5, 7));
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

export function BagiHasilPage() {
  const { t, i18n } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const can = useCan();
  const list = useQuery({
    queryKey: ['bagi-hasil', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/bagi-hasil/distributions', {
          params: { path: { orgId } },
        }),
      ),
  });
  const months = list.data?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const period = picked ?? months[0]?.period ?? null;
  const report = useQuery({
    queryKey: ['bagi-hasil', orgId, period],
    enabled: period !== null,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/bagi-hasil/distributions/{period}', {
          params: { path: { orgId, period: period! }, query: { format: 'json' } },
        }),
      ) as Promise<Distribution>,
  });

  const chartRows = [...months].reverse().slice(-12);
  return (
    <Stack>
      <PageTitle>{t('nav.bagi-hasil')}</PageTitle>
      <Text size="sm" c="dimmed">
        {t('bagiHasil.intro')}
      </Text>
      {can('monthend.run') && (
        <MonthEndCard
          onDone={(p) => {
            setPicked(p);
            void qc.invalidateQueries({ queryKey: ['bagi-hasil', orgId] });
          }}
        />
      )}
      {months.length === 0 && list.isSuccess && (
        <Alert color="blue" data-testid="bagi-hasil-none">
          {t('bagiHasil.none')}
        </Alert>
      )}
      {months.length > 0 && (
        <ChartCard
          testId="bagi-hasil-chart"
          title={t('bagiHasil.chart.title')}
          summary={t('bagiHasil.chart.summary', {
            months: chartRows.length,
            total: rupiah(chartRows.reduce((s, m) => s + BigInt(m.distributedRupiah), 0n)),
          })}
          table={{
            columns: [t('bagiHasil.month'), t('bagiHasil.income'), t('bagiHasil.distributed')],
            rows: chartRows.map((m) => [
              monthLabel(m.period, i18n.language),
              rupiah(m.incomeRupiah),
              rupiah(m.distributedRupiah),
            ]),
          }}
        >
          <BarChart
            h={200}
            data={chartRows.map((m) => ({
              month: monthLabel(m.period, i18n.language),
              income: Number(m.incomeRupiah),
              distributed: Number(m.distributedRupiah),
            }))}
            dataKey="month"
            series={[
              { name: 'income', label: t('bagiHasil.income'), color: SERIES_COLORS.gray },
              { name: 'distributed', label: t('bagiHasil.distributed'), color: SERIES_COLORS.teal },
            ]}
            valueFormatter={compactRupiah}
            yAxisProps={{ width: 56 }}
            withLegend
          />
        </ChartCard>
      )}
      {months.length > 0 && (
        <Select
          label={t('bagiHasil.month')}
          data={months.map((m) => ({ value: m.period, label: m.period }))}
          value={period}
          onChange={setPicked}
          allowDeselect={false}
          maw={240}
          data-testid="bagi-hasil-month"
        />
      )}
      <ErrorAlert error={report.error} />
      {report.data && <DistributionReport d={report.data} orgId={orgId} />}
      <WadiahBonusCard editable={can('savings.products')} />
      <SettingsCard editable={can('savings.products')} />
    </Stack>
  );
}

function MonthEndCard({ onDone }: { onDone: (period: string) => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const last = previousMonth(businessToday());
  const [period, setPeriod] = useState<string>(last);
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (p: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/month-end/{period}', {
          params: { path: { orgId, period: p } },
        }),
      ),
    onSuccess: (r) => {
      setDone(t('bagiHasil.monthEnd.done', { period: r.period, steps: r.steps.length }));
      onDone(r.period);
    },
  });
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t('bagiHasil.monthEnd.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('bagiHasil.monthEnd.intro')}
      </Text>
      <ErrorAlert error={run.error} />
      {done && (
        <Alert color="green" mb="xs" data-testid="month-end-done">
          {done}
        </Alert>
      )}
      <Group align="end">
        <Select
          label={t('bagiHasil.month')}
          data={monthsUpTo(last, 13)}
          value={period}
          onChange={(v) => v && setPeriod(v)}
          allowDeselect={false}
          maw={200}
          data-testid="month-end-period"
        />
        <Button
          onClick={() => run.mutate(period)}
          loading={run.isPending}
          data-testid="month-end-run"
        >
          {t('bagiHasil.monthEnd.run')}
        </Button>
      </Group>
    </Card>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function DistributionReport({ d, orgId }: { d: Distribution; orgId: string }) {
  const { t } = useTranslation();
  const k = d.rekonsiliasi;
  const file = `/api/v1/orgs/${orgId}/bagi-hasil/distributions/${d.period}?format=`;
  const row = (label: string, amount: string, strong = false) => (
    <Table.Tr>
      <Table.Td fw={strong ? 700 : undefined}>{label}</Table.Td>
      <Table.Td ta="right" fw={strong ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {rupiah(amount)}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack data-testid="bagi-hasil-report">
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Figure
            label={t('bagiHasil.income')}
            value={rupiah(k.incomeRupiah)}
            testId="bagi-hasil-income"
          />
          <Figure
            label={t('bagiHasil.distributed')}
            value={rupiah(d.distributedRupiah)}
            testId="bagi-hasil-distributed"
          />
          <Figure label={t('bagiHasil.retained')} value={rupiah(d.retainedRupiah)} />
          <Figure
            label={t('bagiHasil.averageFinancing')}
            value={rupiah(d.averageFinancingRupiah)}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed" mt="xs">
          {t(d.basis === 'revenue' ? 'bagiHasil.basis.revenueNote' : 'bagiHasil.basis.profitNote')}{' '}
          {t(
            d.divisorIs === 'financing' ? 'bagiHasil.divisor.financing' : 'bagiHasil.divisor.funds',
          )}
        </Text>
        <Group gap="md" mt="xs">
          <Anchor href={`${file}pdf`} target="_blank">
            {t('bagiHasil.pdf')}
          </Anchor>
          <Anchor href={`${file}xlsx`}>{t('bagiHasil.xlsx')}</Anchor>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('bagiHasil.rekonsiliasi.title')}
        </Title>
        <Table fz="sm" data-testid="bagi-hasil-rekonsiliasi">
          <Table.Tbody>
            {row(t('bagiHasil.rekonsiliasi.accrual'), k.accrualIncomeRupiah)}
            {row(t('bagiHasil.rekonsiliasi.unreceived'), `-${k.unreceivedCurrentRupiah}`)}
            {row(t('bagiHasil.rekonsiliasi.receivedPrevious'), k.receivedPreviousRupiah)}
            {d.basis === 'profit' &&
              row(t('bagiHasil.rekonsiliasi.costs'), `-${k.operatingCostsRupiah}`)}
            {row(t('bagiHasil.rekonsiliasi.available'), k.incomeRupiah, true)}
            {row(t('bagiHasil.rekonsiliasi.members'), d.distributedRupiah)}
            {row(t('bagiHasil.rekonsiliasi.kspps'), d.retainedRupiah)}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('bagiHasil.products.title')}
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" striped data-testid="bagi-hasil-products">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bagiHasil.products.product')}</Table.Th>
                <Table.Th ta="right">{t('bagiHasil.products.accounts')}</Table.Th>
                <Table.Th ta="right">{t('bagiHasil.products.average')}</Table.Th>
                <Table.Th ta="right">{t('bagiHasil.products.weight')}</Table.Th>
                <Table.Th ta="right">{t('bagiHasil.products.share')}</Table.Th>
                <Table.Th ta="right">{t('bagiHasil.products.nisbah')}</Table.Th>
                <Table.Th ta="right">{t('bagiHasil.products.pool')}</Table.Th>
                <Table.Th ta="right">{t('bagiHasil.products.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.products.map((p) => (
                <Table.Tr key={p.productId} data-testid="bagi-hasil-product">
                  <Table.Td>
                    {p.name}
                    <Text size="xs" c="dimmed">
                      {t(`bagiHasil.akad.${p.akad}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{p.accounts.toLocaleString('id-ID')}</Table.Td>
                  <Table.Td ta="right">{rupiah(p.averageBalanceRupiah)}</Table.Td>
                  <Table.Td ta="right">{percent(p.weightPercent)}</Table.Td>
                  <Table.Td ta="right">{rupiah(p.incomeShareRupiah)}</Table.Td>
                  <Table.Td ta="right">{percent(p.nisbahAnggotaPercent)}</Table.Td>
                  <Table.Td ta="right" fw={700}>
                    {rupiah(p.poolRupiah)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {p.ratePerMonthPercent === null
                      ? '–'
                      : t('bagiHasil.products.rateValue', {
                          month: percent(p.ratePerMonthPercent),
                          year: percent(p.rateAnnualPercent),
                        })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('bagiHasil.products.rateNote')}
        </Text>
      </Card>
    </Stack>
  );
}

function SettingsCard({ editable }: { editable: boolean }) {
  const orgId = useOrgId();
  const settings = useQuery({
    queryKey: ['bagi-hasil-settings', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/bagi-hasil/settings', { params: { path: { orgId } } }),
      ),
  });
  if (!settings.data) return null;
  // a fresh form whenever the stored settings change
  return (
    <SettingsForm
      key={settings.data.updatedAt ?? 'defaults'}
      stored={settings.data}
      editable={editable}
    />
  );
}

function SettingsForm({ stored, editable }: { stored: Settings; editable: boolean }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Settings>(stored);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (s: Settings) =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/bagi-hasil/settings', {
          params: { path: { orgId } },
          body: {
            basis: s.basis,
            weightWadiahBps: s.weightWadiahBps,
            weightMudharabahBps: s.weightMudharabahBps,
            weightBerjangkaBps: s.weightBerjangkaBps,
          },
        }),
      ),
    onSuccess: (s) => {
      setSaved(true);
      qc.setQueryData(['bagi-hasil-settings', orgId], s);
    },
  });
  const weight = (key: 'weightWadiahBps' | 'weightMudharabahBps' | 'weightBerjangkaBps') => (
    <NumberInput
      label={t(`bagiHasil.settings.${key}`)}
      suffix=" %"
      min={0}
      max={100}
      decimalScale={2}
      decimalSeparator=","
      value={draft[key] / 100}
      readOnly={!editable}
      onChange={(v) =>
        setDraft({ ...draft, [key]: Math.round((typeof v === 'number' ? v : 0) * 100) })
      }
      data-testid={`bagi-hasil-${key}`}
    />
  );
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t('bagiHasil.settings.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('bagiHasil.settings.intro')}
      </Text>
      <ErrorAlert error={save.error} />
      {saved && (
        <Alert color="green" mb="xs" withCloseButton onClose={() => setSaved(false)}>
          {t('bagiHasil.settings.saved')}
        </Alert>
      )}
      <Stack gap="xs">
        <SegmentedControl
          value={draft.basis}
          disabled={!editable}
          onChange={(v) => setDraft({ ...draft, basis: v })}
          data={[
            { value: 'revenue', label: t('bagiHasil.basis.revenue') },
            { value: 'profit', label: t('bagiHasil.basis.profit') },
          ]}
          aria-label={t('bagiHasil.settings.basis')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {weight('weightMudharabahBps')}
          {weight('weightBerjangkaBps')}
          {weight('weightWadiahBps')}
        </SimpleGrid>
        {draft.updatedBy && (
          <Text size="xs" c="dimmed">
            {t('bagiHasil.settings.setBy', { name: draft.updatedBy })}
          </Text>
        )}
        {editable && (
          <Button
            onClick={() => save.mutate(draft)}
            loading={save.isPending}
            data-testid="bagi-hasil-settings-save"
            w="fit-content"
          >
            {t('bagiHasil.settings.save')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The wadiah bonus: a voluntary gift decided after the month (possibly zero), proposed here and
 * carried out only when another person approves it on the Approvals page.
 */
function WadiahBonusCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const decisions = useQuery({
    queryKey: ['wadiah-bonus', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/bagi-hasil/wadiah-bonus', {
          params: { path: { orgId } },
        }),
      ),
  });
  const last = previousMonth(businessToday());
  const [period, setPeriod] = useState<string>(last);
  const [pool, setPool] = useState<number | string>('');
  const [minimum, setMinimum] = useState<number | string>(0);
  const [sent, setSent] = useState<string | null>(null);
  const propose = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/bagi-hasil/wadiah-bonus', {
          params: { path: { orgId } },
          body: {
            period,
            poolRupiah: String(pool === '' ? 0 : pool),
            minimumAverageRupiah: String(minimum === '' ? 0 : minimum),
          },
        }),
      ),
    onSuccess: (r) => {
      setSent(t('bagiHasil.bonus.sent', { period: r.period }));
      void qc.invalidateQueries({ queryKey: ['wadiah-bonus', orgId] });
    },
  });
  const items = decisions.data?.items ?? [];
  return (
    <Card withBorder data-testid="wadiah-bonus">
      <Title order={3} size="h5" mb="xs">
        {t('bagiHasil.bonus.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('bagiHasil.bonus.intro')}
      </Text>
      {items.length > 0 && (
        <Table fz="sm" mb="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bagiHasil.month')}</Table.Th>
              <Table.Th ta="right">{t('bagiHasil.bonus.paid')}</Table.Th>
              <Table.Th ta="right">{t('bagiHasil.products.accounts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.period}>
                <Table.Td>{d.period}</Table.Td>
                <Table.Td ta="right">{rupiah(d.paidRupiah)}</Table.Td>
                <Table.Td ta="right">{d.accounts.toLocaleString('id-ID')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable && (
        <>
          <ErrorAlert error={propose.error} />
          {sent && (
            <Alert color="green" mb="xs" data-testid="wadiah-bonus-sent">
              {sent}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('bagiHasil.month')}
              data={monthsUpTo(last, 13)}
              value={period}
              onChange={(v) => v && setPeriod(v)}
              allowDeselect={false}
            />
            <RupiahInput
              label={t('bagiHasil.bonus.pool')}
              min={0}
              value={pool}
              onChange={setPool}
              data-testid="wadiah-bonus-pool"
            />
            <RupiahInput
              label={t('bagiHasil.bonus.minimum')}
              min={0}
              value={minimum}
              onChange={setMinimum}
            />
          </SimpleGrid>
          <Button
            mt="xs"
            w="fit-content"
            onClick={() => propose.mutate()}
            loading={propose.isPending}
            disabled={pool === ''}
            data-testid="wadiah-bonus-propose"
          >
            {t('bagiHasil.bonus.propose')}
          </Button>
        </>
      )}
    </Card>
  );
}
