import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, unwrapJson, type Answer } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { businessToday } from '../calendar';
import { DayInput } from '../components/DayInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { RupiahInput } from '../components/RupiahInput';
import { useField } from '../components/useField';
import { date, digits, rupiah } from '../format';
import { useIdempotencyKey } from '../idempotency';

/**
 * Baitul maal of a KSPPS (docs/domain/baitul-maal.md): the four funds and their balances, the amil
 * status, receipts (kasir), distributions per asnaf or purpose (pengurus), and the laporan sumber
 * dan penyaluran dana zakat / sumber dan penggunaan dana kebajikan for a period.
 */

const FUNDS = ['zakat', 'infaq', 'wakaf', 'kebajikan'] as const;
type Fund = (typeof FUNDS)[number];
const SOURCES = [
  'member',
  'public',
  'internal',
  'non_halal',
  'wakaf_yield',
  'qardh_repaid',
] as const;
const ASNAF = [
  'fakir',
  'miskin',
  'amil',
  'mualaf',
  'riqab',
  'gharimin',
  'fisabilillah',
  'ibnu_sabil',
] as const;
const PURPOSES = [
  'sumbangan_sosial',
  'qardhul_hasan',
  'pendidikan',
  'kesehatan',
  'bencana',
  'ibadah',
  'lainnya',
] as const;
type Report = Answer<'/api/v1/orgs/{orgId}/baitul-maal/reports/{fund}'>;

const yearStart = () => `${businessToday().slice(0, 4)}-01-01`;
const pick = <T extends string>(xs: readonly T[], v: string | null, d: T): T =>
  xs.find((x) => x === v) ?? d;

export function BaitulMaalPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const q = useQuery({
    queryKey: ['baitul-maal', orgId],
    queryFn: () =>
      unwrapJson(client.GET('/api/v1/orgs/{orgId}/baitul-maal', { params: { path: { orgId } } })),
  });
  const amil = q.data?.amil;
  return (
    <Stack>
      <PageTitle>{t('baitulMaal.title')}</PageTitle>
      <Text size="sm" c="dimmed">
        {t('baitulMaal.intro')}
      </Text>
      <ErrorAlert error={q.error} />
      {q.data && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="bm-funds">
          {q.data.funds.map((f) => (
            <Card withBorder key={f.fund} data-testid={`bm-fund-${f.fund}`}>
              <Text size="sm" c="dimmed">
                {t(`baitulMaal.funds.${f.fund}`)} ({f.fundAccountCode})
              </Text>
              <Text fw={700} size="lg">
                {rupiah(f.balanceRupiah)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('baitulMaal.ownCash', { code: f.cashAccountCode, amount: rupiah(f.cashRupiah) })}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {q.data && (
        <Alert color={amil ? 'teal' : 'yellow'} data-testid="bm-amil">
          {amil
            ? amil.amilStatus === 'none'
              ? t('baitulMaal.amil.none', { to: amil.forwardedTo ?? '' })
              : t(`baitulMaal.amil.${amil.amilStatus}`, {
                  number: amil.referenceNumber ?? '',
                  date: amil.referenceDate ? date(amil.referenceDate) : '',
                })
            : t('baitulMaal.amil.unset')}
        </Alert>
      )}
      <Tabs defaultValue="report" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="report">{t('baitulMaal.tabs.report')}</Tabs.Tab>
          {can('baitulmaal.receive') && (
            <Tabs.Tab value="receive" data-testid="bm-tab-receive">
              {t('baitulMaal.tabs.receive')}
            </Tabs.Tab>
          )}
          {can('baitulmaal.write') && (
            <Tabs.Tab value="distribute" data-testid="bm-tab-distribute">
              {t('baitulMaal.tabs.distribute')}
            </Tabs.Tab>
          )}
          {can('baitulmaal.write') && <Tabs.Tab value="amil">{t('baitulMaal.tabs.amil')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="report" pt="md">
          <FundReport orgId={orgId} />
        </Tabs.Panel>
        <Tabs.Panel value="receive" pt="md">
          <ReceiptForm orgId={orgId} />
        </Tabs.Panel>
        <Tabs.Panel value="distribute" pt="md">
          <DistributionForm orgId={orgId} />
        </Tabs.Panel>
        <Tabs.Panel value="amil" pt="md">
          <AmilForm orgId={orgId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function FundReport({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [fund, setFund] = useState<'zakat' | 'kebajikan'>('zakat');
  const from = useField(yearStart());
  const to = useField(businessToday());
  const [shown, setShown] = useState({ fund, from: from.value, to: to.value });
  const file = `/api/v1/orgs/${orgId}/baitul-maal/reports/${shown.fund}/file?from=${shown.from}&to=${shown.to}`;
  const q = useQuery({
    queryKey: ['baitul-maal-report', orgId, shown],
    queryFn: () =>
      unwrapJson(
        client.GET('/api/v1/orgs/{orgId}/baitul-maal/reports/{fund}', {
          params: { path: { orgId, fund: shown.fund }, query: { from: shown.from, to: shown.to } },
        }),
      ),
  });
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('baitulMaal.report.kind')}
          value={fund}
          onChange={(v) => setFund(v === 'kebajikan' ? 'kebajikan' : 'zakat')}
          data={[
            { value: 'zakat', label: t('baitulMaal.report.zakat') },
            { value: 'kebajikan', label: t('baitulMaal.report.kebajikan') },
          ]}
          data-testid="bm-report-kind"
        />
        <DayInput label={t('baitulMaal.report.from')} {...from.input} />
        <DayInput label={t('baitulMaal.report.to')} {...to.input} />
        <Button
          onClick={() => setShown({ fund, from: from.value, to: to.value })}
          data-testid="bm-report-show"
        >
          {t('baitulMaal.report.show')}
        </Button>
        <Anchor href={`${file}&format=pdf`} target="_blank">
          {t('baitulMaal.report.pdf')}
        </Anchor>
        <Anchor href={`${file}&format=xlsx`}>{t('baitulMaal.report.xlsx')}</Anchor>
      </Group>
      <ErrorAlert error={q.error} />
      {q.data && <ReportTable report={q.data} />}
    </Stack>
  );
}

function ReportTable({ report }: { report: Exclude<Report, string | Blob> }) {
  const { t } = useTranslation();
  const zakat = report.fund === 'zakat';
  const label = (k: string) => t(`baitulMaal.keys.${k}`, { defaultValue: k });
  const row = (name: string, amount: string, bold = false, testId?: string) => (
    <Table.Tr key={name} fw={bold ? 700 : undefined} data-testid={testId}>
      <Table.Td>{name}</Table.Td>
      <Table.Td ta="right">{rupiah(amount)}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="xs" data-testid="bm-report">
      <Title order={3} size="h4" ta="center">
        {zakat ? t('baitulMaal.report.zakatTitle') : t('baitulMaal.report.kebajikanTitle')}
      </Title>
      <Text ta="center" size="sm">
        {date(report.from)} – {date(report.to)}
      </Text>
      <Table.ScrollContainer minWidth={300}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('baitulMaal.report.item')}</Table.Th>
              <Table.Th ta="right">{t('baitulMaal.report.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row(t('baitulMaal.report.opening'), report.openingRupiah, true)}
            <Table.Tr>
              <Table.Td colSpan={2} fw={600}>
                {t('baitulMaal.report.sources')}
              </Table.Td>
            </Table.Tr>
            {report.receipts.map((r) => row(label(r.key), r.amountRupiah))}
            {row(t('baitulMaal.report.sourcesTotal'), report.receiptsTotalRupiah, true)}
            <Table.Tr>
              <Table.Td colSpan={2} fw={600}>
                {zakat ? t('baitulMaal.report.uses') : t('baitulMaal.report.usesKebajikan')}
              </Table.Td>
            </Table.Tr>
            {report.distributions.map((r) => row(label(r.key), r.amountRupiah))}
            {row(t('baitulMaal.report.usesTotal'), report.distributionsTotalRupiah, true)}
            {row(t('baitulMaal.report.closing'), report.closingRupiah, true, 'bm-closing')}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ReceiptForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fund = useField<string | null>('zakat');
  const source = useField<string | null>('public');
  const giver = useField('');
  const amount = useField<number | string>('');
  const on = useField(businessToday());
  const cash = useField('');
  const description = useField('');
  const [done, setDone] = useState<string | null>(null);
  const body = {
    fund: pick(FUNDS, fund.value, 'zakat'),
    source: pick(SOURCES, source.value, 'public'),
    receiptDate: on.value,
    giverName: giver.value.trim() || null,
    amountRupiah: digits(amount.value),
    cashAccountCode: cash.value.trim() || null,
    description: description.value,
  };
  const [key, nextKey] = useIdempotencyKey(JSON.stringify(body));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/baitul-maal/receipts', {
          params: { path: { orgId } },
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: (r) => {
      nextKey();
      setDone(r.posted.number);
      amount.set('');
      void qc.invalidateQueries({ queryKey: ['baitul-maal', orgId] });
    },
  });
  return (
    <Stack maw={640}>
      {done && (
        <Alert color="green" data-testid="bm-received">
          {t('baitulMaal.posted', { number: done })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('baitulMaal.form.fund')}
          {...fund.input}
          data={FUNDS.map((f) => ({ value: f, label: t(`baitulMaal.funds.${f}`) }))}
          data-testid="bm-receipt-fund"
        />
        <Select
          label={t('baitulMaal.form.source')}
          {...source.input}
          data={SOURCES.filter((s) => s !== 'member').map((s) => ({
            value: s,
            label: t(`baitulMaal.keys.${s}`),
          }))}
          data-testid="bm-receipt-source"
        />
        <TextInput label={t('baitulMaal.form.giver')} {...giver.input} data-testid="bm-giver" />
        <RupiahInput
          label={t('baitulMaal.form.amount')}
          {...amount.input}
          data-testid="bm-receipt-amount"
        />
        <DayInput label={t('baitulMaal.form.date')} {...on.input} />
        <TextInput
          label={t('baitulMaal.form.cashAccount')}
          description={t('baitulMaal.form.cashAccountHint')}
          {...cash.input}
        />
      </SimpleGrid>
      <TextInput
        label={t('baitulMaal.form.description')}
        {...description.input}
        data-testid="bm-receipt-description"
      />
      <ErrorAlert error={save.error} data-testid="bm-receipt-error" />
      <Button
        onClick={() => save.mutate()}
        disabled={!digits(amount.value) || description.value.trim().length < 3}
        loading={save.isPending}
        data-testid="bm-receipt-save"
      >
        {t('baitulMaal.form.receive')}
      </Button>
    </Stack>
  );
}

function DistributionForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fund = useField<string | null>('zakat');
  const asnaf = useField<string | null>('fakir');
  const purpose = useField<string | null>('sumbangan_sosial');
  const recipient = useField('');
  const amount = useField<number | string>('');
  const on = useField(businessToday());
  const cash = useField('');
  const description = useField('');
  const [done, setDone] = useState<string | null>(null);
  const f: Fund = pick(FUNDS, fund.value, 'zakat');
  const body = {
    fund: f,
    asnaf: f === 'zakat' ? pick(ASNAF, asnaf.value, 'fakir') : null,
    purpose: f === 'zakat' ? null : pick(PURPOSES, purpose.value, 'lainnya'),
    distributionDate: on.value,
    recipientName: recipient.value.trim() || null,
    amountRupiah: digits(amount.value),
    cashAccountCode: cash.value.trim() || null,
    description: description.value,
  };
  const [key, nextKey] = useIdempotencyKey(JSON.stringify(body));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/baitul-maal/distributions', {
          params: { path: { orgId } },
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: (r) => {
      nextKey();
      setDone(r.posted.number);
      amount.set('');
      void qc.invalidateQueries({ queryKey: ['baitul-maal', orgId] });
    },
  });
  return (
    <Stack maw={640}>
      {f === 'wakaf' && <Alert color="yellow">{t('baitulMaal.form.wakafNote')}</Alert>}
      {done && (
        <Alert color="green" data-testid="bm-distributed">
          {t('baitulMaal.posted', { number: done })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('baitulMaal.form.fund')}
          {...fund.input}
          data={FUNDS.map((x) => ({ value: x, label: t(`baitulMaal.funds.${x}`) }))}
          data-testid="bm-dist-fund"
        />
        {f === 'zakat' ? (
          <Select
            label={t('baitulMaal.form.asnaf')}
            {...asnaf.input}
            data={ASNAF.map((a) => ({ value: a, label: t(`baitulMaal.keys.${a}`) }))}
            data-testid="bm-dist-asnaf"
          />
        ) : (
          <Select
            label={t('baitulMaal.form.purpose')}
            {...purpose.input}
            data={PURPOSES.map((p) => ({ value: p, label: t(`baitulMaal.keys.${p}`) }))}
            data-testid="bm-dist-purpose"
          />
        )}
        <TextInput
          label={t('baitulMaal.form.recipient')}
          {...recipient.input}
          data-testid="bm-recipient"
        />
        <RupiahInput
          label={t('baitulMaal.form.amount')}
          {...amount.input}
          data-testid="bm-dist-amount"
        />
        <DayInput label={t('baitulMaal.form.date')} {...on.input} />
        <TextInput
          label={t('baitulMaal.form.cashAccount')}
          description={t('baitulMaal.form.cashAccountHint')}
          {...cash.input}
          data-testid="bm-dist-cash"
        />
      </SimpleGrid>
      <TextInput
        label={t('baitulMaal.form.description')}
        {...description.input}
        data-testid="bm-dist-description"
      />
      <ErrorAlert error={save.error} data-testid="bm-dist-error" />
      <Button
        onClick={() => save.mutate()}
        disabled={!digits(amount.value) || description.value.trim().length < 3}
        loading={save.isPending}
        data-testid="bm-dist-save"
      >
        {t('baitulMaal.form.distribute')}
      </Button>
    </Stack>
  );
}

function AmilForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useField<string | null>('upz');
  const number = useField('');
  const on = useField('');
  const to = useField('');
  const s = pick(['laz', 'upz', 'none'] as const, status.value, 'upz');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/baitul-maal/amil-status', {
          params: { path: { orgId } },
          body:
            s === 'none'
              ? { amilStatus: s, forwardedTo: to.value.trim() || null }
              : {
                  amilStatus: s,
                  referenceNumber: number.value.trim() || null,
                  referenceDate: on.value || null,
                },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['baitul-maal', orgId] }),
  });
  return (
    <Stack maw={640}>
      <Select
        label={t('baitulMaal.amilForm.status')}
        {...status.input}
        data={(['laz', 'upz', 'none'] as const).map((v) => ({
          value: v,
          label: t(`baitulMaal.amilForm.${v}`),
        }))}
      />
      {s === 'none' ? (
        <TextInput label={t('baitulMaal.amilForm.forwardedTo')} {...to.input} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('baitulMaal.amilForm.number')} {...number.input} />
          <DayInput label={t('baitulMaal.amilForm.date')} {...on.input} />
        </SimpleGrid>
      )}
      <ErrorAlert error={save.error} />
      {save.isSuccess && (
        <Badge color="teal" variant="light">
          {t('baitulMaal.amilForm.saved')}
        </Badge>
      )}
      <Button onClick={() => save.mutate()} loading={save.isPending}>
        {t('baitulMaal.amilForm.save')}
      </Button>
    </Stack>
  );
}
