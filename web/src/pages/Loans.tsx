import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiError, apiRequest } from '../api';
import { PageTitle, useMembership } from '../App';
import { date, rupiah } from '../format';
import type { MemberRow } from './Members';

// Shapes of the loans API (src/http/routes/loans.ts) ------------------------------------------

interface Product {
  id: string;
  code: string;
  name: string;
  method: string;
  ratePercent: string;
  ratePeriod: string;
  frequency: string;
  minAmountRupiah: string;
  maxAmountRupiah: string;
  minTenor: number;
  maxTenor: number;
  penaltyKind: 'none' | 'daily_percent' | 'fixed';
  penaltyDailyPercent: string;
  penaltyFixedRupiah: string;
  penaltyGraceDays: number;
  active: boolean;
}

interface Simulation {
  principalRupiah: string;
  totalInterestRupiah: string;
  totalRupiah: string;
  provisiRupiah: string;
  adminFeeRupiah: string;
  netDisbursementRupiah: string;
  instalments: { instalmentNo: number; dueOn: string; principalRupiah: string; interestRupiah: string; totalRupiah: string; remainingRupiah: string }[];
}

interface Application {
  id: string;
  memberId: string;
  productId: string;
  amountRupiah: string;
  tenor: number;
  purpose: string;
  collateralValueRupiah: string;
  monthlyIncomeRupiah: string;
  monthlyExpensesRupiah: string;
  repaymentCapacityRupiah: string;
  analysisNotes: string | null;
  recommendation: 'approve' | 'reject' | null;
  status: string;
  approvalId: string | null;
  createdAt: string;
}

interface Loan {
  id: string;
  loanNumber: string;
  memberId: string;
  productId: string;
  tenor: number;
  principalRupiah: string;
  disbursedOn: string;
  maturityOn: string;
  status: 'active' | 'paid_off' | 'written_off';
  outstandingPrincipalRupiah: string;
  outstandingInterestRupiah: string;
  penaltyDueRupiah: string;
  daysPastDue: number;
  collectibility: 'L' | 'KL' | 'D' | 'M';
  autoDebit: boolean;
}

interface Instalment {
  instalmentNo: number;
  dueOn: string;
  principalRupiah: string;
  interestRupiah: string;
  penaltyRupiah: string;
  paidPrincipalRupiah: string;
  paidInterestRupiah: string;
  paidPenaltyRupiah: string;
  paidOn: string | null;
}

interface LoanDetail {
  loan: Loan;
  schedules: { version: number; reason: string; current: boolean; instalments: Instalment[] }[];
}

interface CollectionItem {
  loanId: string;
  loanNumber: string;
  member: string;
  daysPastDue: number;
  collectibility: string;
  outstandingRupiah: string;
  penaltyDueRupiah: string;
}

interface CashSession {
  id: string;
  deskCode: string;
  businessDate: string;
}

// Helpers -------------------------------------------------------------------------------------

/** Today in Jakarta (the cooperative's business day), as the teller page does. */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const newKey = () => `ui-${crypto.randomUUID()}`;
const digits = (v: number | string) => String(v).replace(/[^0-9]/g, '');
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const errorText = (e: unknown, fallback: string) => (e instanceof ApiError ? e.detail : fallback);
const CLASS_COLOR: Record<string, string> = { L: 'green', KL: 'yellow', D: 'orange', M: 'red' };
const STATUS_COLOR: Record<string, string> = {
  submitted: 'gray',
  analysed: 'blue',
  pending_approval: 'yellow',
  approved: 'teal',
  rejected: 'red',
  disbursed: 'green',
};

/**
 * An Idempotency-Key per distinct request: a retry or a double click of the same form sends the
 * same key (the money moves once); a changed form or the next payment gets a fresh one.
 */
function useIdempotencyKey(...parts: unknown[]): [string, () => void] {
  const [round, setRound] = useState(0);
  const key = useMemo(newKey, [round, ...parts]);
  return [key, () => setRound((r) => r + 1)];
}

function Money({ value, testId }: { value: string; testId?: string }) {
  return <span data-testid={testId}>{rupiah(value)}</span>;
}

function Stat({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

function useMemberName(orgId: string, memberId: string | undefined) {
  const q = useQuery({
    queryKey: ['member', orgId, memberId],
    enabled: memberId !== undefined,
    staleTime: 300_000,
    queryFn: () => api<{ memberNumber: string | null; fullName: string }>('GET', `/orgs/${orgId}/members/${memberId}`),
  });
  return q.data ? `${q.data.memberNumber ?? '—'} · ${q.data.fullName}` : `#${memberId ?? ''}`;
}

function MemberName({ orgId, memberId }: { orgId: string; memberId: string }) {
  return <>{useMemberName(orgId, memberId)}</>;
}

/** Search a member by name, number or NIK and pick one (active members only when `activeOnly`). */
function MemberPicker({ orgId, value, onChange, testId, activeOnly }: { orgId: string; value: string | null; onChange: (id: string | null) => void; testId: string; activeOnly?: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const hits = useQuery({
    queryKey: ['member-search', orgId, q, activeOnly ?? false],
    enabled: q.trim().length >= 2,
    queryFn: () =>
      api<{ items: MemberRow[] }>('GET', `/orgs/${orgId}/members?limit=20&q=${encodeURIComponent(q.trim())}${activeOnly ? '&status=active' : ''}`),
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label={t('loans.findMember')} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid={`${testId}-search`} />
      <Select
        label={t('loans.member')}
        data={(hits.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.memberNumber ?? '—'} · ${m.fullName}` }))}
        value={value}
        onChange={onChange}
        searchable
        nothingFoundMessage={q.trim().length >= 2 ? t('loans.noMember') : undefined}
        data-testid={`${testId}-select`}
      />
    </SimpleGrid>
  );
}

function useProducts(orgId: string) {
  return useQuery({
    queryKey: ['loan-products', orgId],
    queryFn: () => api<{ items: Product[] }>('GET', `/orgs/${orgId}/loan-products`),
  });
}

function ProductTerms({ p }: { p: Product }) {
  const { t } = useTranslation();
  const penalty =
    p.penaltyKind === 'daily_percent'
      ? t('loans.penaltyDaily', { percent: Number(p.penaltyDailyPercent), grace: p.penaltyGraceDays })
      : p.penaltyKind === 'fixed'
        ? t('loans.penaltyFixed', { amount: rupiah(p.penaltyFixedRupiah), grace: p.penaltyGraceDays })
        : t('loans.penaltyNone');
  return (
    <Text size="sm" c="dimmed" data-testid="product-terms">
      {t('loans.terms', {
        rate: Number(p.ratePercent),
        period: t(`loans.periods.${p.ratePeriod}`),
        method: t(`loans.methods.${p.method}`),
        frequency: t(`loans.frequencies.${p.frequency}`),
        min: rupiah(p.minAmountRupiah),
        max: rupiah(p.maxAmountRupiah),
        minTenor: p.minTenor,
        maxTenor: p.maxTenor,
      })}{' '}
      · {penalty}
    </Text>
  );
}

// The page ------------------------------------------------------------------------------------

export function LoansPage() {
  const { t } = useTranslation();
  const { orgId } = useParams();
  const m = useMembership();
  const roles = m?.roles ?? [];
  const can = {
    manage: roles.some((r) => r === 'pengurus' || r === 'petugas_kredit'),
    disburse: roles.some((r) => r === 'pengurus' || r === 'kasir'),
    counter: roles.includes('kasir'),
  };
  const [tab, setTab] = useState<string | null>(can.manage ? 'applications' : 'loans');
  const [loanId, setLoanId] = useState<string | null>(null);
  const openLoan = (id: string) => {
    setLoanId(id);
    setTab('loans');
  };
  if (!orgId) return null;
  return (
    <Stack>
      <PageTitle>{t('loans.title')}</PageTitle>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="simulate" data-testid="loans-tab-simulate">
            {t('loans.tabs.simulate')}
          </Tabs.Tab>
          <Tabs.Tab value="applications" data-testid="loans-tab-applications">
            {t('loans.tabs.applications')}
          </Tabs.Tab>
          <Tabs.Tab value="disburse" data-testid="loans-tab-disburse">
            {t('loans.tabs.disburse')}
          </Tabs.Tab>
          <Tabs.Tab value="loans" data-testid="loans-tab-loans">
            {t('loans.tabs.loans')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="simulate" pt="md">
          <Simulator orgId={orgId} />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <Applications orgId={orgId} canManage={can.manage} />
        </Tabs.Panel>
        <Tabs.Panel value="disburse" pt="md">
          <Disbursements orgId={orgId} canDisburse={can.disburse} counter={can.counter} onOpenLoan={openLoan} />
        </Tabs.Panel>
        <Tabs.Panel value="loans" pt="md">
          <Loans orgId={orgId} loanId={loanId} onSelect={setLoanId} counter={can.counter} canManage={can.manage} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

// (a) Simulator -------------------------------------------------------------------------------

function Simulator({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const products = useProducts(orgId);
  const [productId, setProductId] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [tenor, setTenor] = useState<number | string>('');
  const [startDate, setStartDate] = useState(today());
  const product = products.data?.items.find((p) => p.id === productId);
  const sim = useMutation({
    mutationFn: () =>
      api<Simulation>('POST', `/orgs/${orgId}/loan-simulations`, {
        productId,
        principalRupiah: digits(amount),
        tenor: Number(tenor),
        startDate,
      }),
  });
  return (
    <Stack>
      <Card withBorder>
        <Stack>
          <Select
            label={t('loans.product')}
            data={(products.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
            value={productId}
            onChange={setProductId}
            data-testid="sim-product"
          />
          {product && <ProductTerms p={product} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('loans.amount')} value={amount} onChange={setAmount} min={1} thousandSeparator="." decimalSeparator="," allowDecimal={false} data-testid="sim-amount" />
            <NumberInput label={t('loans.tenor')} value={tenor} onChange={setTenor} min={1} max={1000} allowDecimal={false} data-testid="sim-tenor" />
            <TextInput type="date" label={t('loans.startDate')} value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} data-testid="sim-start" />
          </SimpleGrid>
          {sim.error && <Alert color="red">{errorText(sim.error, t('common.error'))}</Alert>}
          <Button onClick={() => sim.mutate()} disabled={!productId || !digits(amount) || !tenor || !startDate} loading={sim.isPending} data-testid="sim-run">
            {t('loans.simulate')}
          </Button>
        </Stack>
      </Card>
      {sim.data && (
        <Card withBorder data-testid="sim-result">
          <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm">
            <Stat label={t('loans.totalInterest')}>{rupiah(sim.data.totalInterestRupiah)}</Stat>
            <Stat label={t('loans.total')} testId="sim-total">
              {rupiah(sim.data.totalRupiah)}
            </Stat>
            <Stat label={t('loans.fees')}>{rupiah(BigInt(sim.data.provisiRupiah) + BigInt(sim.data.adminFeeRupiah))}</Stat>
            <Stat label={t('loans.net')} testId="sim-net">
              {rupiah(sim.data.netDisbursementRupiah)}
            </Stat>
          </SimpleGrid>
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="sim-schedule">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('loans.no')}</Table.Th>
                  <Table.Th>{t('loans.dueOn')}</Table.Th>
                  <Table.Th ta="right">{t('loans.principal')}</Table.Th>
                  <Table.Th ta="right">{t('loans.interest')}</Table.Th>
                  <Table.Th ta="right">{t('loans.instalment')}</Table.Th>
                  <Table.Th ta="right">{t('loans.remaining')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sim.data.instalments.map((r) => (
                  <Table.Tr key={r.instalmentNo} data-testid="sim-row">
                    <Table.Td>{r.instalmentNo}</Table.Td>
                    <Table.Td>{date(r.dueOn)}</Table.Td>
                    <Table.Td ta="right">{rupiah(r.principalRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(r.interestRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(r.totalRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(r.remainingRupiah)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}

// (b) Applications ----------------------------------------------------------------------------

const STATUSES = ['submitted', 'analysed', 'pending_approval', 'approved', 'disbursed'] as const;

function Applications({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['loan-applications', orgId, status],
    queryFn: () => api<{ items: Application[] }>('GET', `/orgs/${orgId}/loan-applications?limit=30${status ? `&status=${status}` : ''}`),
  });
  return (
    <Stack>
      {canManage && <NewApplication orgId={orgId} onCreated={setCreated} />}
      {created && (
        <Alert color="green" withCloseButton onClose={() => setCreated(null)} data-testid="application-created" data-id={created}>
          {t('loans.created', { id: created })}
        </Alert>
      )}
      <Select
        label={t('loans.statusFilter')}
        data={[{ value: '', label: t('loans.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`loans.statuses.${s}`) }))]}
        value={status ?? ''}
        onChange={(v) => setStatus(v || null)}
        maw={320}
        data-testid="application-status-filter"
      />
      {list.data?.items.length === 0 && <Text c="dimmed">{t('loans.noApplications')}</Text>}
      {list.data?.items.map((a) => <ApplicationCard key={a.id} orgId={orgId} a={a} canManage={canManage} />)}
    </Stack>
  );
}

const EMPTY_APPLICATION = {
  amount: '' as number | string,
  tenor: '' as number | string,
  purpose: '',
  income: '' as number | string,
  expenses: '' as number | string,
  collateralKind: '',
  collateralDescription: '',
  collateralValue: '' as number | string,
  guarantorName: '',
  guarantorRelationship: '',
};

function NewApplication({ orgId, onCreated }: { orgId: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const products = useProducts(orgId);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [productId, setProductId] = useState<string | null>(null);
  const [f, setF] = useState(EMPTY_APPLICATION);
  const product = products.data?.items.find((p) => p.id === productId);
  const set = <K extends keyof typeof EMPTY_APPLICATION>(k: K, v: (typeof EMPTY_APPLICATION)[K]) => setF({ ...f, [k]: v });
  const create = useMutation({
    mutationFn: () =>
      api<Application>('POST', `/orgs/${orgId}/loan-applications`, {
        memberId,
        productId,
        amountRupiah: digits(f.amount),
        tenor: Number(f.tenor),
        purpose: f.purpose,
        monthlyIncomeRupiah: digits(f.income) || '0',
        monthlyExpensesRupiah: digits(f.expenses) || '0',
        collateral: f.collateralKind.trim()
          ? [{ kind: f.collateralKind, description: f.collateralDescription, valueRupiah: digits(f.collateralValue) || '0' }]
          : [],
        guarantor: f.guarantorName.trim() ? { name: f.guarantorName, relationship: f.guarantorRelationship || 'keluarga' } : null,
      }),
    onSuccess: (a) => {
      setF(EMPTY_APPLICATION);
      setMemberId(null);
      onCreated(a.id);
      void qc.invalidateQueries({ queryKey: ['loan-applications', orgId] });
    },
  });
  const num = (k: 'amount' | 'income' | 'expenses' | 'collateralValue', label: string) => (
    <NumberInput label={label} value={f[k]} onChange={(v) => set(k, v)} min={0} thousandSeparator="." decimalSeparator="," allowDecimal={false} data-testid={`app-${k}`} />
  );
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('loans.newApplication')}</Text>
        <MemberPicker orgId={orgId} value={memberId} onChange={setMemberId} testId="app-member" activeOnly />
        <Select
          label={t('loans.product')}
          data={(products.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
          value={productId}
          onChange={setProductId}
          data-testid="app-product"
        />
        {product && <ProductTerms p={product} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {num('amount', t('loans.amount'))}
          <NumberInput label={t('loans.tenor')} value={f.tenor} onChange={(v) => set('tenor', v)} min={1} max={1000} allowDecimal={false} data-testid="app-tenor" />
          {num('income', t('loans.income'))}
          {num('expenses', t('loans.expenses'))}
        </SimpleGrid>
        <TextInput label={t('loans.purpose')} value={f.purpose} onChange={(e) => set('purpose', e.currentTarget.value)} data-testid="app-purpose" />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('loans.collateralKind')} value={f.collateralKind} onChange={(e) => set('collateralKind', e.currentTarget.value)} />
          <TextInput label={t('loans.collateralDescription')} value={f.collateralDescription} onChange={(e) => set('collateralDescription', e.currentTarget.value)} />
          {num('collateralValue', t('loans.collateralValue'))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('loans.guarantorName')} value={f.guarantorName} onChange={(e) => set('guarantorName', e.currentTarget.value)} />
          <TextInput label={t('loans.guarantorRelationship')} value={f.guarantorRelationship} onChange={(e) => set('guarantorRelationship', e.currentTarget.value)} />
        </SimpleGrid>
        {create.error && (
          <Alert color="red" data-testid="app-error">
            {errorText(create.error, t('common.error'))}
          </Alert>
        )}
        <Button
          onClick={() => create.mutate()}
          disabled={!memberId || !productId || !digits(f.amount) || !f.tenor || f.purpose.trim().length < 3}
          loading={create.isPending}
          data-testid="app-submit"
        >
          {t('loans.apply')}
        </Button>
      </Stack>
    </Card>
  );
}

function ApplicationCard({ orgId, a, canManage }: { orgId: string; a: Application; canManage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const products = useProducts(orgId);
  const product = products.data?.items.find((p) => p.id === a.productId);
  const [notes, setNotes] = useState(a.analysisNotes ?? '');
  const [recommendation, setRecommendation] = useState<string | null>(a.recommendation ?? 'approve');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['loan-applications', orgId] });
  const analyse = useMutation({
    mutationFn: () => api('POST', `/orgs/${orgId}/loan-applications/${a.id}/analysis`, { notes, recommendation }),
    onSuccess: refresh,
  });
  const submit = useMutation({
    mutationFn: () => api<{ approvalId: string }>('POST', `/orgs/${orgId}/loan-applications/${a.id}/submit`),
    onSuccess: refresh,
  });
  const error = analyse.error ?? submit.error;
  const canAnalyse = canManage && (a.status === 'submitted' || a.status === 'analysed');
  const canSubmit = canManage && (a.status === 'analysed' || a.status === 'rejected');
  return (
    <Card withBorder data-testid={`application-${a.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>
            #{a.id} · <MemberName orgId={orgId} memberId={a.memberId} />
          </Text>
          <Badge color={STATUS_COLOR[a.status] ?? 'gray'} data-testid="application-status">
            {t(`loans.statuses.${a.status}`, { defaultValue: a.status })}
          </Badge>
        </Group>
        <Text size="sm">
          {product ? `${product.code} · ${product.name}` : `#${a.productId}`} · {rupiah(a.amountRupiah)} · {t('loans.tenorShort', { n: a.tenor })}
        </Text>
        <Text size="sm" c="dimmed">
          {a.purpose} · {t('loans.capacity')}: {rupiah(a.repaymentCapacityRupiah)}
          {BigInt(a.collateralValueRupiah) > 0n ? ` · ${t('loans.collateralValue')}: ${rupiah(a.collateralValueRupiah)}` : ''}
        </Text>
        {a.analysisNotes && !canAnalyse && (
          <Text size="sm">
            {t('loans.analysisNotes')}: {a.analysisNotes} ({a.recommendation ? t(`loans.recommend.${a.recommendation}`) : '—'})
          </Text>
        )}
        {canAnalyse && (
          <Stack gap="xs">
            <Textarea label={t('loans.analysisNotes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} data-testid="analysis-notes" />
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('loans.recommendation')}
                data={(['approve', 'reject'] as const).map((r) => ({ value: r, label: t(`loans.recommend.${r}`) }))}
                value={recommendation}
                onChange={setRecommendation}
                allowDeselect={false}
                data-testid="analysis-recommendation"
              />
              <Button variant="light" onClick={() => analyse.mutate()} disabled={notes.trim().length < 3 || !recommendation} loading={analyse.isPending} data-testid="analysis-save">
                {t('loans.saveAnalysis')}
              </Button>
            </Group>
          </Stack>
        )}
        {canSubmit && (
          <Button onClick={() => submit.mutate()} loading={submit.isPending} data-testid="application-submit">
            {t('loans.submit')}
          </Button>
        )}
        {a.status === 'pending_approval' && (
          <Text size="sm" c="dimmed">
            {t('loans.waiting')}
          </Text>
        )}
        {(a.status === 'approved' || a.status === 'disbursed') && (
          <Anchor size="sm" href={`/api/v1/orgs/${orgId}/loan-applications/${a.id}/contract?format=pdf`} target="_blank">
            {t('loans.contract')}
          </Anchor>
        )}
        {error && <Alert color="red">{errorText(error, t('common.error'))}</Alert>}
      </Stack>
    </Card>
  );
}

// (c) Disbursement ----------------------------------------------------------------------------

function Disbursements({ orgId, canDisburse, counter, onOpenLoan }: { orgId: string; canDisburse: boolean; counter: boolean; onOpenLoan: (id: string) => void }) {
  const { t } = useTranslation();
  const approved = useQuery({
    queryKey: ['loan-applications', orgId, 'approved'],
    queryFn: () => api<{ items: Application[] }>('GET', `/orgs/${orgId}/loan-applications?limit=50&status=approved`),
  });
  const mine = useQuery({
    queryKey: ['my-cash-session', orgId],
    enabled: counter,
    queryFn: () => api<{ session: CashSession | null }>('GET', `/orgs/${orgId}/cash-sessions/mine`),
  });
  const session = mine.data?.session ?? null;
  const [done, setDone] = useState<{ loanId: string; loanNumber: string; netRupiah: string; feesRupiah: string } | null>(null);
  return (
    <Stack>
      {counter &&
        (session ? (
          <Text size="sm" data-testid="loan-cash-session">
            {t('loans.session', { desk: session.deskCode, date: date(session.businessDate) })}
          </Text>
        ) : (
          <Alert color="yellow">{t('loans.noSession')}</Alert>
        ))}
      {done && (
        <Alert color="green" data-testid="disbursed">
          <Stack gap="xs">
            <Text>{t('loans.disbursed', { number: done.loanNumber, net: rupiah(done.netRupiah), fees: rupiah(done.feesRupiah) })}</Text>
            <Button size="xs" variant="white" w="fit-content" onClick={() => onOpenLoan(done.loanId)} data-testid="open-disbursed-loan">
              {t('loans.view')}
            </Button>
          </Stack>
        </Alert>
      )}
      {approved.data?.items.length === 0 && <Text c="dimmed">{t('loans.noApproved')}</Text>}
      {approved.data?.items.map((a) => (
        <DisburseCard key={a.id} orgId={orgId} a={a} canDisburse={canDisburse} session={session} onDone={setDone} />
      ))}
    </Stack>
  );
}

function DisburseCard({
  orgId,
  a,
  canDisburse,
  session,
  onDone,
}: {
  orgId: string;
  a: Application;
  canDisburse: boolean;
  session: CashSession | null;
  onDone: (d: { loanId: string; loanNumber: string; netRupiah: string; feesRupiah: string }) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const products = useProducts(orgId);
  const product = products.data?.items.find((p) => p.id === a.productId);
  // cash when the teller has an open session (it may still be loading), unless chosen otherwise
  const [channel, setChannel] = useState<'cash' | 'savings' | null>(null);
  const [disbursedOn, setDisbursedOn] = useState(today());
  const effectiveChannel = session && channel !== 'savings' ? 'cash' : 'savings';
  const [key, nextKey] = useIdempotencyKey(a.id, effectiveChannel, disbursedOn, session?.id);
  const go = useMutation({
    mutationFn: () =>
      apiRequest<{ loanId: string; loanNumber: string; netRupiah: string; feesRupiah: string }>(
        'POST',
        `/orgs/${orgId}/loan-applications/${a.id}/disbursement`,
        { channel: effectiveChannel, disbursedOn, ...(effectiveChannel === 'cash' && session ? { cashSessionId: session.id } : {}) },
        { 'idempotency-key': key },
      ),
    onSuccess: (r) => {
      nextKey();
      onDone(r.body);
      void qc.invalidateQueries({ queryKey: ['loan-applications', orgId] });
      void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] });
      void qc.invalidateQueries({ queryKey: ['loans', orgId] });
    },
  });
  return (
    <Card withBorder data-testid={`disburse-${a.id}`}>
      <Stack gap="xs">
        <Text fw={600}>
          #{a.id} · <MemberName orgId={orgId} memberId={a.memberId} />
        </Text>
        <Text size="sm">
          {product ? `${product.code} · ${product.name}` : `#${a.productId}`} · {rupiah(a.amountRupiah)} · {t('loans.tenorShort', { n: a.tenor })}
        </Text>
        <Anchor size="sm" href={`/api/v1/orgs/${orgId}/loan-applications/${a.id}/contract?format=pdf&startDate=${disbursedOn}`} target="_blank">
          {t('loans.contract')}
        </Anchor>
        {canDisburse && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('loans.channel')}
                data={[
                  { value: 'cash', label: t('loans.channels.cash'), disabled: !session },
                  { value: 'savings', label: t('loans.channels.savings') },
                ]}
                value={effectiveChannel}
                onChange={(v) => setChannel(v === 'cash' ? 'cash' : 'savings')}
                allowDeselect={false}
                data-testid="disburse-channel"
              />
              <TextInput type="date" label={t('loans.disbursedOn')} value={disbursedOn} onChange={(e) => setDisbursedOn(e.currentTarget.value)} data-testid="disburse-date" />
              <Button mt={{ base: 0, sm: 24 }} onClick={() => go.mutate()} disabled={!disbursedOn} loading={go.isPending} data-testid="disburse-submit">
                {t('loans.disburse')}
              </Button>
            </SimpleGrid>
            {go.error && <Alert color="red">{errorText(go.error, t('common.error'))}</Alert>}
          </>
        )}
      </Stack>
    </Card>
  );
}

// (d) Loans: lookup, detail, repayment ------------------------------------------------------

function ClassBadge({ c }: { c: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={CLASS_COLOR[c] ?? 'gray'} variant="light">
      {t(`loans.classes.${c}`, { defaultValue: c })}
    </Badge>
  );
}

function Loans({ orgId, loanId, onSelect, counter, canManage }: { orgId: string; loanId: string | null; onSelect: (id: string | null) => void; counter: boolean; canManage: boolean }) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState<string | null>(null);
  const ofMember = useQuery({
    queryKey: ['loans', orgId, 'member', memberId],
    enabled: memberId !== null,
    queryFn: () => api<{ items: Loan[] }>('GET', `/orgs/${orgId}/loans?limit=50&memberId=${memberId}`),
  });
  const collection = useQuery({
    queryKey: ['loans', orgId, 'collection'],
    enabled: memberId === null,
    queryFn: () => api<{ items: CollectionItem[] }>('GET', `/orgs/${orgId}/loan-collection?limit=20`),
  });
  return (
    <Stack>
      {loanId && <LoanDetailCard orgId={orgId} loanId={loanId} counter={counter} canManage={canManage} onClose={() => onSelect(null)} />}
      <Card withBorder>
        <Stack>
          <Text fw={600}>{t('loans.findLoans')}</Text>
          <MemberPicker orgId={orgId} value={memberId} onChange={setMemberId} testId="loan-member" />
          {memberId !== null && ofMember.data?.items.length === 0 && <Text c="dimmed">{t('loans.noLoans')}</Text>}
          {memberId !== null &&
            ofMember.data?.items.map((l) => (
              <LoanRowButton
                key={l.id}
                onClick={() => onSelect(l.id)}
                testId="member-loan"
                title={l.loanNumber}
                detail={`${rupiah(l.principalRupiah)} · ${t('loans.outstanding')} ${rupiah(l.outstandingPrincipalRupiah)} · ${t(`loans.loanStatuses.${l.status}`)}`}
                collectibility={l.collectibility}
              />
            ))}
        </Stack>
      </Card>
      {memberId === null && (
        <Card withBorder>
          <Stack gap="xs">
            <Text fw={600}>{t('loans.collection')}</Text>
            {collection.data?.items.length === 0 && <Text c="dimmed">{t('loans.noLoans')}</Text>}
            {collection.data?.items.map((c) => (
              <LoanRowButton
                key={c.loanId}
                onClick={() => onSelect(c.loanId)}
                testId="collection-loan"
                title={`${c.loanNumber} · ${c.member}`}
                detail={`${t('loans.dpdShort', { n: c.daysPastDue })} · ${t('loans.outstanding')} ${rupiah(c.outstandingRupiah)}${
                  BigInt(c.penaltyDueRupiah) > 0n ? ` · ${t('loans.penalty')} ${rupiah(c.penaltyDueRupiah)}` : ''
                }`}
                collectibility={c.collectibility}
              />
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function LoanRowButton({ onClick, testId, title, detail, collectibility }: { onClick: () => void; testId: string; title: string; detail: string; collectibility: string }) {
  return (
    <UnstyledButton onClick={onClick} data-testid={testId} p="xs" style={{ borderRadius: 4, border: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{title}</Text>
          <Text size="sm">{detail}</Text>
        </div>
        <ClassBadge c={collectibility} />
      </Group>
    </UnstyledButton>
  );
}

const remainingOf = (r: Instalment) => ({
  principal: BigInt(r.principalRupiah) - BigInt(r.paidPrincipalRupiah),
  interest: BigInt(r.interestRupiah) - BigInt(r.paidInterestRupiah),
  penalty: BigInt(r.penaltyRupiah) - BigInt(r.paidPenaltyRupiah),
});

function LoanDetailCard({ orgId, loanId, counter, canManage, onClose }: { orgId: string; loanId: string; counter: boolean; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['loans', orgId, 'detail', loanId],
    queryFn: () => api<LoanDetail>('GET', `/orgs/${orgId}/loans/${loanId}`),
  });
  const products = useProducts(orgId);
  const member = useMemberName(orgId, q.data?.loan.memberId);
  if (q.error) return <Alert color="red">{errorText(q.error, t('common.error'))}</Alert>;
  if (!q.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  const { loan } = q.data;
  const product = products.data?.items.find((p) => p.id === loan.productId);
  const rows = q.data.schedules.find((s) => s.current)?.instalments ?? [];
  const now = today();
  return (
    <Card withBorder data-testid="loan-detail">
      <Stack>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div>
            <Text fw={700} data-testid="loan-number">
              {loan.loanNumber}
            </Text>
            <Text size="sm">{member}</Text>
            <Text size="sm" c="dimmed">
              {product ? `${product.code} · ${product.name}` : ''} · {t('loans.tenorShort', { n: loan.tenor })}
            </Text>
          </div>
          <Group gap="xs">
            <Badge data-testid="loan-status">{t(`loans.loanStatuses.${loan.status}`)}</Badge>
            <Button size="xs" variant="subtle" onClick={() => void q.refetch()} data-testid="loan-refresh">
              {t('loans.refresh')}
            </Button>
            <Button size="xs" variant="subtle" onClick={onClose}>
              {t('loans.close')}
            </Button>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label={t('loans.principal')}>{rupiah(loan.principalRupiah)}</Stat>
          <Stat label={t('loans.outstanding')} testId="loan-outstanding">
            {rupiah(loan.outstandingPrincipalRupiah)}
          </Stat>
          <Stat label={t('loans.outstandingInterest')}>{rupiah(loan.outstandingInterestRupiah)}</Stat>
          <Stat label={t('loans.penaltyDue')} testId="loan-penalty">
            {rupiah(loan.penaltyDueRupiah)}
          </Stat>
          <Stat label={t('loans.dpd')} testId="loan-dpd">
            {loan.daysPastDue}
          </Stat>
          <Stat label={t('loans.collectibility')} testId="loan-collectibility">
            <ClassBadge c={loan.collectibility} />
          </Stat>
          <Stat label={t('loans.disbursedOnShort')}>{date(loan.disbursedOn)}</Stat>
          <Stat label={t('loans.maturity')}>{date(loan.maturityOn)}</Stat>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('loans.classNote')}
        </Text>
        {loan.status === 'active' && <AutoDebitSwitch orgId={orgId} loan={loan} canManage={canManage} onChanged={() => void q.refetch()} />}
        {counter && loan.status === 'active' && <Repayment orgId={orgId} loan={loan} rows={rows} onPaid={() => void q.refetch()} />}
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="loan-schedule">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('loans.no')}</Table.Th>
                <Table.Th>{t('loans.dueOn')}</Table.Th>
                <Table.Th ta="right">{t('loans.principal')}</Table.Th>
                <Table.Th ta="right">{t('loans.interest')}</Table.Th>
                <Table.Th ta="right">{t('loans.penalty')}</Table.Th>
                <Table.Th ta="right">{t('loans.paid')}</Table.Th>
                <Table.Th>{t('loans.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const paid = BigInt(r.paidPrincipalRupiah) + BigInt(r.paidInterestRupiah) + BigInt(r.paidPenaltyRupiah);
                const late = r.paidOn === null && r.dueOn < now ? daysBetween(r.dueOn, now) : 0;
                return (
                  <Table.Tr key={r.instalmentNo} data-testid="loan-row" c={late > 0 ? 'red' : undefined}>
                    <Table.Td>{r.instalmentNo}</Table.Td>
                    <Table.Td>{date(r.dueOn)}</Table.Td>
                    <Table.Td ta="right">{rupiah(r.principalRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(r.interestRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(r.penaltyRupiah)}</Table.Td>
                    <Table.Td ta="right">{rupiah(paid)}</Table.Td>
                    <Table.Td>
                      {r.paidOn ? t('loans.paidOnRow', { date: date(r.paidOn) }) : late > 0 ? t('loans.late', { days: late }) : '—'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

/** Surat kuasa debet: staff with the loans permission turn the loan's auto-debit from sukarela on or off. */
function AutoDebitSwitch({ orgId, loan, canManage, onChanged }: { orgId: string; loan: Loan; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const set = useMutation({
    mutationFn: (enabled: boolean) => api<{ autoDebit: boolean }>('PUT', `/orgs/${orgId}/loans/${loan.id}/auto-debit`, { enabled }),
    onSuccess: onChanged,
  });
  return (
    <Stack gap={4}>
      <Switch
        checked={loan.autoDebit}
        disabled={!canManage || set.isPending}
        onChange={(e) => set.mutate(e.currentTarget.checked)}
        label={t('loans.autoDebit')}
        description={t('loans.autoDebitHelp')}
        data-testid="loan-auto-debit"
      />
      {set.error && (
        <Alert color="red" data-testid="auto-debit-error">
          {errorText(set.error, t('common.error'))}
        </Alert>
      )}
    </Stack>
  );
}

function Repayment({ orgId, loan, rows, onPaid }: { orgId: string; loan: Loan; rows: Instalment[]; onPaid: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: ['my-cash-session', orgId],
    queryFn: () => api<{ session: CashSession | null }>('GET', `/orgs/${orgId}/cash-sessions/mine`),
  });
  const session = mine.data?.session ?? null;
  const [amount, setAmount] = useState<number | string>('');
  const [paidOn, setPaidOn] = useState(today());
  const [done, setDone] = useState<{ amount: string; penaltyRupiah: string; interestRupiah: string; principalRupiah: string } | null>(null);
  const [key, nextKey] = useIdempotencyKey(loan.id, digits(amount), paidOn, session?.id);
  const unpaid = rows.filter((r) => r.paidOn === null);
  // penalties are taken first (oldest first), then interest and principal instalment by instalment
  const penalties = unpaid.reduce((s, r) => s + remainingOf(r).penalty, 0n);
  const oldest = unpaid[0];
  const oldestPlusPenalty = oldest ? penalties + remainingOf(oldest).principal + remainingOf(oldest).interest : 0n;
  const arrears = unpaid.filter((r) => r.dueOn <= paidOn).reduce((s, r) => s + remainingOf(r).principal + remainingOf(r).interest, penalties);
  const pay = useMutation({
    mutationFn: () =>
      apiRequest<{ penaltyRupiah: string; interestRupiah: string; principalRupiah: string }>(
        'POST',
        `/orgs/${orgId}/loans/${loan.id}/repayments`,
        { amountRupiah: digits(amount), paidOn, cashSessionId: session?.id },
        { 'idempotency-key': key },
      ),
    onSuccess: (r) => {
      nextKey();
      setDone({ amount: digits(amount), ...r.body });
      setAmount('');
      onPaid();
      void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] });
      void qc.invalidateQueries({ queryKey: ['loans', orgId] });
    },
  });
  return (
    <Card withBorder bg="var(--mantine-color-default-hover)">
      <Stack gap="xs">
        <Text fw={600}>{t('loans.repayTitle')}</Text>
        {!session && <Alert color="yellow">{t('loans.noSessionRepay')}</Alert>}
        {done && (
          <Alert color="green" data-testid="repaid">
            {t('loans.repaid', {
              amount: rupiah(done.amount),
              penalty: rupiah(done.penaltyRupiah),
              interest: rupiah(done.interestRupiah),
              principal: rupiah(done.principalRupiah),
            })}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('loans.repayAmount')} value={amount} onChange={setAmount} min={1} thousandSeparator="." decimalSeparator="," allowDecimal={false} data-testid="repay-amount" />
          <TextInput type="date" label={t('loans.paidOn')} value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} data-testid="repay-date" />
        </SimpleGrid>
        <Group gap="xs" wrap="wrap">
          <Button size="xs" variant="light" disabled={!oldest} onClick={() => setAmount(oldestPlusPenalty.toString())} data-testid="fill-oldest">
            {t('loans.fillOldest', { amount: rupiah(oldestPlusPenalty) })}
          </Button>
          <Button size="xs" variant="light" disabled={arrears === 0n} onClick={() => setAmount(arrears.toString())} data-testid="fill-arrears">
            {t('loans.fillArrears', { amount: rupiah(arrears) })}
          </Button>
        </Group>
        {pay.error && (
          <Alert color="red" data-testid="repay-error">
            {errorText(pay.error, t('common.error'))}
          </Alert>
        )}
        <Button onClick={() => pay.mutate()} disabled={!session || !digits(amount) || !paidOn} loading={pay.isPending} data-testid="repay-submit">
          {t('loans.repay')}
        </Button>
      </Stack>
    </Card>
  );
}
