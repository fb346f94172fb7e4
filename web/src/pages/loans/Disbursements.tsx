import { Alert, Button, Card, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, rupiah } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { ApplicationSummary, ContractLink } from './Applications';
import { MemberName, useMyCashSession } from './shared';
import type { Application, CashSession, Disbursed } from './types';

/** Approved applications waiting for their money: in cash at the counter or into sukarela. */
export function Disbursements({
  orgId,
  canDisburse,
  counter,
  onOpenLoan,
}: {
  orgId: string;
  canDisburse: boolean;
  counter: boolean;
  onOpenLoan: (id: string) => void;
}) {
  const { t } = useTranslation();
  const approved = useQuery({
    queryKey: ['loan-applications', orgId, 'approved'],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/loan-applications', {
          params: { path: { orgId }, query: { limit: 50, status: 'approved' } },
        }),
      ),
  });
  const session = useMyCashSession(orgId, counter);
  const [done, setDone] = useState<Disbursed | null>(null);
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
            <Text>
              {t('loans.disbursed', {
                number: done.loanNumber,
                net: rupiah(done.netRupiah),
                fees: rupiah(done.feesRupiah),
              })}
            </Text>
            <Button
              size="xs"
              variant="white"
              w="fit-content"
              onClick={() => onOpenLoan(done.loanId)}
              data-testid="open-disbursed-loan"
            >
              {t('loans.view')}
            </Button>
          </Stack>
        </Alert>
      )}
      {approved.data?.items.length === 0 && <Text c="dimmed">{t('loans.noApproved')}</Text>}
      {approved.data?.items.map((a) => (
        <DisburseCard
          key={a.id}
          orgId={orgId}
          a={a}
          canDisburse={canDisburse}
          session={session}
          onDone={setDone}
        />
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
  onDone: (d: Disbursed) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // cash when the teller has an open session (it may still be loading), unless chosen otherwise
  const [channel, setChannel] = useState<'cash' | 'savings' | null>(null);
  const [disbursedOn, setDisbursedOn] = useState(businessToday());
  const effectiveChannel = session && channel !== 'savings' ? 'cash' : 'savings';
  const [key, nextKey] = useIdempotencyKey(a.id, effectiveChannel, disbursedOn, session?.id);
  const go = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/loan-applications/{applicationId}/disbursement', {
          params: { path: { orgId, applicationId: a.id } },
          body: {
            channel: effectiveChannel,
            disbursedOn,
            ...(effectiveChannel === 'cash' && session ? { cashSessionId: session.id } : {}),
          },
          headers: { 'idempotency-key': key },
        }),
      ),
    onSuccess: (r) => {
      nextKey();
      onDone(r);
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
        <ApplicationSummary orgId={orgId} a={a} />
        <ContractLink orgId={orgId} applicationId={a.id} startDate={disbursedOn} />
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
              <DayInput
                label={t('loans.disbursedOn')}
                value={disbursedOn}
                onChange={(e) => setDisbursedOn(e.currentTarget.value)}
                data-testid="disburse-date"
              />
              <Button
                mt={{ base: 0, sm: 24 }}
                onClick={() => go.mutate()}
                disabled={!disbursedOn}
                loading={go.isPending}
                data-testid="disburse-submit"
              >
                {t('loans.disburse')}
              </Button>
            </SimpleGrid>
            <ErrorAlert error={go.error} />
          </>
        )}
      </Stack>
    </Card>
  );
}
