import { Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { rupiah } from '../../format';
import { LoanDetailCard } from './LoanDetail';
import { ClassBadge, MemberPicker } from './shared';

/** Find a member's loans, or pick one from the collection list; the chosen loan opens above. */
export function LoanList({
  orgId,
  loanId,
  onSelect,
  counter,
  canManage,
}: {
  orgId: string;
  loanId: string | null;
  onSelect: (id: string | null) => void;
  counter: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState<string | null>(null);
  const ofMember = useQuery({
    queryKey: ['loans', orgId, 'member', memberId],
    enabled: memberId !== null,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/loans', {
          params: { path: { orgId }, query: { limit: 50, memberId: memberId! } },
        }),
      ),
  });
  const collection = useQuery({
    queryKey: ['loans', orgId, 'collection'],
    enabled: memberId === null,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/loan-collection', {
          params: { path: { orgId }, query: { limit: 20 } },
        }),
      ),
  });
  return (
    <Stack>
      {loanId && (
        <LoanDetailCard
          orgId={orgId}
          loanId={loanId}
          counter={counter}
          canManage={canManage}
          onClose={() => onSelect(null)}
        />
      )}
      <Card withBorder>
        <Stack>
          <Text fw={600}>{t('loans.findLoans')}</Text>
          <MemberPicker
            orgId={orgId}
            value={memberId}
            onChange={setMemberId}
            testId="loan-member"
          />
          {memberId !== null && ofMember.data?.items.length === 0 && (
            <Text c="dimmed">{t('loans.noLoans')}</Text>
          )}
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
                  BigInt(c.penaltyDueRupiah) > 0n
                    ? ` · ${t('loans.penalty')} ${rupiah(c.penaltyDueRupiah)}`
                    : ''
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

function LoanRowButton({
  onClick,
  testId,
  title,
  detail,
  collectibility,
}: {
  onClick: () => void;
  testId: string;
  title: string;
  detail: string;
  collectibility: string;
}) {
  return (
    <UnstyledButton
      onClick={onClick}
      data-testid={testId}
      p="xs"
      style={{ borderRadius: 4, border: '1px solid var(--mantine-color-default-border)' }}
    >
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
