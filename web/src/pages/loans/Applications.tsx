import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { rupiah } from '../../format';
import { NewApplication } from './NewApplication';
import { ProfitSharingTerms } from './ProfitSharingTerms';
import { MemberName, useProductLabel } from './shared';
import type { Application } from './types';

const STATUSES = ['submitted', 'analysed', 'pending_approval', 'approved', 'disbursed'] as const;
const STATUS_COLOR: Record<string, string> = {
  submitted: 'gray',
  analysed: 'blue',
  pending_approval: 'yellow',
  approved: 'teal',
  rejected: 'red',
  disbursed: 'green',
};

/** Applications by status; the credit officer adds, analyses and sends them to the committee. */
export function Applications({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['loan-applications', orgId, status],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/loan-applications', {
          params: { path: { orgId }, query: { limit: 30, ...(status ? { status } : {}) } },
        }),
      ),
  });
  return (
    <Stack>
      {canManage && <NewApplication orgId={orgId} onCreated={setCreated} />}
      {created && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setCreated(null)}
          data-testid="application-created"
          data-id={created}
        >
          {t('loans.created', { id: created })}
        </Alert>
      )}
      <Select
        label={t('loans.statusFilter')}
        data={[
          { value: '', label: t('loans.all') },
          ...STATUSES.map((s) => ({ value: s, label: t(`loans.statuses.${s}`) })),
        ]}
        value={status ?? ''}
        onChange={(v) => setStatus(v || null)}
        maw={320}
        data-testid="application-status-filter"
      />
      {list.data?.items.length === 0 && <Text c="dimmed">{t('loans.noApplications')}</Text>}
      {list.data?.items.map((a) => (
        <ApplicationCard key={a.id} orgId={orgId} a={a} canManage={canManage} />
      ))}
    </Stack>
  );
}

/** One application: member, product, amount and term (the disbursement card shows the same). */
export function ApplicationSummary({ orgId, a }: { orgId: string; a: Application }) {
  const { t } = useTranslation();
  const product = useProductLabel(orgId, a.productId);
  return (
    <Text size="sm">
      {product} · {rupiah(a.amountRupiah)} · {t('loans.tenorShort', { n: a.tenor })}
    </Text>
  );
}

function ApplicationCard({
  orgId,
  a,
  canManage,
}: {
  orgId: string;
  a: Application;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [notes, setNotes] = useState(a.analysisNotes ?? '');
  const [recommendation, setRecommendation] = useState<string | null>(
    a.recommendation ?? 'approve',
  );
  const refresh = () => void qc.invalidateQueries({ queryKey: ['loan-applications', orgId] });
  const analyse = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loan-applications/{applicationId}/analysis', {
          params: { path: { orgId, applicationId: a.id } },
          body: { notes, recommendation: recommendation === 'reject' ? 'reject' : 'approve' },
        }),
      ),
    onSuccess: refresh,
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loan-applications/{applicationId}/submit', {
          params: { path: { orgId, applicationId: a.id } },
        }),
      ),
    onSuccess: refresh,
  });
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
        <ApplicationSummary orgId={orgId} a={a} />
        <ProfitSharingTerms
          orgId={orgId}
          applicationId={a.id}
          productId={a.productId}
          canManage={canManage}
        />
        <Text size="sm" c="dimmed">
          {a.purpose} · {t('loans.capacity')}: {rupiah(a.repaymentCapacityRupiah)}
          {BigInt(a.collateralValueRupiah) > 0n
            ? ` · ${t('loans.collateralValue')}: ${rupiah(a.collateralValueRupiah)}`
            : ''}
        </Text>
        {a.analysisNotes && !canAnalyse && (
          <Text size="sm">
            {t('loans.analysisNotes')}: {a.analysisNotes} (
            {a.recommendation ? t(`loans.recommend.${a.recommendation}`) : '—'})
          </Text>
        )}
        {canAnalyse && (
          <Stack gap="xs">
            <Textarea
              label={t('loans.analysisNotes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="analysis-notes"
            />
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('loans.recommendation')}
                data={(['approve', 'reject'] as const).map((r) => ({
                  value: r,
                  label: t(`loans.recommend.${r}`),
                }))}
                value={recommendation}
                onChange={setRecommendation}
                allowDeselect={false}
                data-testid="analysis-recommendation"
              />
              <Button
                variant="light"
                onClick={() => analyse.mutate()}
                disabled={notes.trim().length < 3 || !recommendation}
                loading={analyse.isPending}
                data-testid="analysis-save"
              >
                {t('loans.saveAnalysis')}
              </Button>
            </Group>
          </Stack>
        )}
        {canSubmit && (
          <Button
            onClick={() => submit.mutate()}
            loading={submit.isPending}
            data-testid="application-submit"
          >
            {t('loans.submit')}
          </Button>
        )}
        {a.status === 'pending_approval' && (
          <Text size="sm" c="dimmed">
            {t('loans.waiting')}
          </Text>
        )}
        {(a.status === 'approved' || a.status === 'disbursed') && (
          <ContractLink orgId={orgId} applicationId={a.id} />
        )}
        <ErrorAlert error={analyse.error ?? submit.error} />
      </Stack>
    </Card>
  );
}

/** The loan agreement as PDF; with `startDate`, the schedule in it starts on that day. */
export function ContractLink({
  orgId,
  applicationId,
  startDate,
}: {
  orgId: string;
  applicationId: string;
  startDate?: string;
}) {
  const { t } = useTranslation();
  const href = `/api/v1/orgs/${orgId}/loan-applications/${applicationId}/contract?format=pdf${startDate ? `&startDate=${startDate}` : ''}`;
  return (
    <Anchor size="sm" href={href} target="_blank">
      {t('loans.contract')}
    </Anchor>
  );
}
