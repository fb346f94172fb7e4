import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';

/** The shop's back office (docs/domain/shop.md): queries shared by its tabs. */

export type CatalogueItem = Answer<'/api/v1/orgs/{orgId}/shop/catalogue'>['items'][number];
export type Outlet = Answer<'/api/v1/orgs/{orgId}/shop/outlets'>['items'][number];
export type Supplier = Answer<'/api/v1/orgs/{orgId}/shop/suppliers'>['items'][number];
export type StockRow = Answer<'/api/v1/orgs/{orgId}/shop/stock'>['items'][number];

/** Every query of the back office starts with this key, so a write refreshes what it changed. */
export const shopKey = (orgId: string, ...rest: unknown[]) => ['shop', orgId, ...rest];

export function useOutlets(orgId: string) {
  return useQuery({
    queryKey: shopKey(orgId, 'outlets'),
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shop/outlets', { params: { path: { orgId } } })),
  });
}

export function useSuppliers(orgId: string) {
  return useQuery({
    queryKey: shopKey(orgId, 'suppliers'),
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shop/suppliers', { params: { path: { orgId } } })),
  });
}

export function useCatalogue(orgId: string) {
  return useQuery({
    queryKey: shopKey(orgId, 'catalogue'),
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shop/catalogue', { params: { path: { orgId } } })),
  });
}

/** A quantity in base units, with thousands separated the Indonesian way. */
export const qty = (v: string | bigint): string =>
  (typeof v === 'bigint' ? v : BigInt(v)).toLocaleString('id-ID');

/** Text matches a search in any of the fields (case-insensitive). */
export const matches = (search: string, ...fields: (string | null)[]): boolean => {
  const s = search.trim().toLowerCase();
  return s === '' || fields.some((f) => f?.toLowerCase().includes(s));
};

/**
 * An active member picked by number or name: the member list (GET /members) searched as one
 * types; the value is the member's id.
 */
export function MemberPicker({
  orgId,
  ...props
}: { orgId: string } & Omit<SelectProps, 'data' | 'searchable' | 'onSearchChange'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // once a member is picked the search box shows "number · name": search by the number then
  const [q] = useDebouncedValue((search.split(' · ')[0] ?? '').trim(), 250);
  const list = useQuery({
    queryKey: ['members', orgId, 'picker', q],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/members', {
          params: { path: { orgId }, query: { limit: 20, status: 'active', ...(q ? { q } : {}) } },
        }),
      ),
  });
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t('shop.members.none')}
      onSearchChange={setSearch}
      data={(list.data?.items ?? []).map((m) => ({
        value: m.id,
        label: `${m.memberNumber ?? '–'} · ${m.fullName}`,
      }))}
      {...props}
    />
  );
}
