import { Badge, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { rupiah } from '../../format';
import type { CashSession, Product } from './types';

const CLASS_COLOR: Record<string, string> = { L: 'green', KL: 'yellow', D: 'orange', M: 'red' };

/** A labelled figure in a card's grid. */
export function Stat({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
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

/** Collectibility (L, KL, D, M) as a coloured badge with its name. */
export function ClassBadge({ c }: { c: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={CLASS_COLOR[c] ?? 'gray'} variant="light">
      {t(`loans.classes.${c}`, { defaultValue: c })}
    </Badge>
  );
}

export function useMemberName(orgId: string, memberId: string | undefined): string {
  const q = useQuery({
    queryKey: ['member', orgId, memberId],
    enabled: memberId !== undefined,
    staleTime: 300_000,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/members/{memberId}', {
          params: { path: { orgId, memberId: memberId! } },
        }),
      ),
  });
  return q.data ? `${q.data.memberNumber ?? '—'} · ${q.data.fullName}` : `#${memberId ?? ''}`;
}

export function MemberName({ orgId, memberId }: { orgId: string; memberId: string }) {
  return <>{useMemberName(orgId, memberId)}</>;
}

/** Search a member by name, number or NIK and pick one (active members only when `activeOnly`). */
export function MemberPicker({
  orgId,
  value,
  onChange,
  testId,
  activeOnly,
}: {
  orgId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  testId: string;
  activeOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const searching = q.trim().length >= 2;
  const hits = useQuery({
    queryKey: ['member-search', orgId, q, activeOnly ?? false],
    enabled: searching,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/members', {
          params: {
            path: { orgId },
            query: { limit: 20, q: q.trim(), ...(activeOnly ? { status: 'active' } : {}) },
          },
        }),
      ),
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('loans.findMember')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid={`${testId}-search`}
      />
      <Select
        label={t('loans.member')}
        data={(hits.data?.items ?? []).map((m) => ({
          value: m.id,
          label: `${m.memberNumber ?? '—'} · ${m.fullName}`,
        }))}
        value={value}
        onChange={onChange}
        searchable
        nothingFoundMessage={searching ? t('loans.noMember') : undefined}
        data-testid={`${testId}-select`}
      />
    </SimpleGrid>
  );
}

export function useProducts(orgId: string) {
  return useQuery({
    queryKey: ['loan-products', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/loan-products', { params: { path: { orgId } } })),
  });
}

/** The product's code and name, or its id while the products load. */
export function useProductLabel(orgId: string, productId: string): string {
  const p = useProducts(orgId).data?.items.find((x) => x.id === productId);
  return p ? `${p.code} · ${p.name}` : `#${productId}`;
}

/** Pick an active loan product and see its terms. */
export function ProductSelect({
  orgId,
  value,
  onChange,
  testId,
}: {
  orgId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const items = useProducts(orgId).data?.items ?? [];
  const product = items.find((p) => p.id === value);
  return (
    <>
      <Select
        label={t('loans.product')}
        data={items
          .filter((p) => p.active)
          .map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
        value={value}
        onChange={onChange}
        data-testid={testId}
      />
      {product && <ProductTerms p={product} />}
    </>
  );
}

function ProductTerms({ p }: { p: Product }) {
  const { t } = useTranslation();
  const penalty =
    p.penaltyKind === 'daily_percent'
      ? t('loans.penaltyDaily', {
          percent: Number(p.penaltyDailyPercent),
          grace: p.penaltyGraceDays,
        })
      : p.penaltyKind === 'fixed'
        ? t('loans.penaltyFixed', {
            amount: rupiah(p.penaltyFixedRupiah),
            grace: p.penaltyGraceDays,
          })
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

/** The teller's open cash session, if any (cash disbursements and repayments go through it). */
export function useMyCashSession(orgId: string, enabled = true): CashSession | null {
  const mine = useQuery({
    queryKey: ['my-cash-session', orgId],
    enabled,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/cash-sessions/mine', { params: { path: { orgId } } }),
      ),
  });
  return mine.data?.session ?? null;
}
