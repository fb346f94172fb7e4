import {
  Alert,
  Anchor,
  Button,
  Drawer,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkedBadge, StatusBadge } from './registry/badges';
import { EntryForm } from './registry/EntryForm';
import { FilterPanel } from './registry/FilterPanel';
import { EMPTY_FILTER, filterQuery, SORTS, type Filter } from './registry/filters';
import { WorkbookActions } from './registry/ImportPanel';
import { RegionName } from './registry/regions';
import { RegistryPanel } from './registry/RegistryDetail';

const PAGE_SIZE = 25;

/**
 * The supervising office's registry of cooperatives (docs/domain/supervision-registry.md): search
 * and filters on every field, saved filters, a sorted page of the key columns, the Excel import,
 * template and export, and one cooperative in a drawer.
 */
export function RegistryPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const canWrite = can('registry.write');
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [filter, setFilterState] = useState<Filter>(EMPTY_FILTER);
  const [sort, setSort] = useState<(typeof SORTS)[number]>('name');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, add] = useDisclosure(false);
  const [notice, setNotice] = useState<string | null>(null);
  const setFilter = (f: Filter) => {
    setFilterState(f);
    setPage(1);
  };
  const [debounced] = useDebouncedValue(filter, 300);
  const valid =
    /^[0-9]*$/.test(debounced.memberCountMin) && /^[0-9]*$/.test(debounced.memberCountMax);
  const query: Record<string, string> = { ...filterQuery(debounced), sort, direction };

  const office = useQuery({
    queryKey: ['org', orgId],
    queryFn: () => unwrap(client.GET('/api/v1/orgs/{orgId}', { params: { path: { orgId } } })),
  });
  const officeRegion = office.data ? (office.data.dinasRegionCode ?? '') : null;
  const list = useQuery({
    queryKey: ['registry', orgId, query, page],
    enabled: valid,
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/registry', {
          params: {
            path: { orgId },
            query: {
              ...query,
              ...(query.memberCountMin ? { memberCountMin: Number(query.memberCountMin) } : {}),
              ...(query.memberCountMax ? { memberCountMax: Number(query.memberCountMax) } : {}),
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
            },
          },
        }),
      ),
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack>
      <PageTitle>{t('registry.title')}</PageTitle>
      {notice && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-testid="registry-notice"
        >
          {notice}
        </Alert>
      )}
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <WorkbookActions
          orgId={orgId}
          exportQuery={new URLSearchParams(query).toString()}
          canWrite={canWrite}
          onNotice={setNotice}
        />
        {canWrite && officeRegion !== null && (
          <Button onClick={add.open} data-testid="registry-add">
            {t('registry.add')}
          </Button>
        )}
      </Group>
      <FilterPanel
        orgId={orgId}
        officeRegion={officeRegion}
        filter={filter}
        onChange={setFilter}
        onNotice={setNotice}
      />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm" data-testid="registry-total" aria-live="polite">
          {t('registry.total', { count: total })}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Select
            label={t('registry.sort')}
            size="xs"
            w={170}
            allowDeselect={false}
            data={SORTS.map((s) => ({ value: s, label: t(`registry.sorts.${s}`) }))}
            value={sort}
            onChange={(v) => {
              setSort(v ?? 'name');
              setPage(1);
            }}
            data-testid="registry-sort"
          />
          <Select
            label={t('registry.direction')}
            size="xs"
            w={120}
            allowDeselect={false}
            data={[
              { value: 'asc', label: t('registry.asc') },
              { value: 'desc', label: t('registry.desc') },
            ]}
            value={direction}
            onChange={(v) => {
              setDirection(v === 'desc' ? 'desc' : 'asc');
              setPage(1);
            }}
            data-testid="registry-direction"
          />
        </Group>
      </Group>
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover data-testid="registry-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('registry.name')}</Table.Th>
              <Table.Th>{t('registry.type')}</Table.Th>
              <Table.Th>{t('registry.region')}</Table.Th>
              <Table.Th ta="right">{t('registry.members')}</Table.Th>
              <Table.Th>{t('registry.status')}</Table.Th>
              <Table.Th>{t('registry.onSokoguru')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((r) => (
              <Table.Tr key={r.id} data-testid="registry-row">
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    ta="left"
                    onClick={() => setSelected(r.id)}
                    aria-label={t('registry.open', { name: r.name })}
                    data-testid="registry-open"
                  >
                    {r.name}
                  </Anchor>
                  {r.nikKoperasi && (
                    <Text size="xs" c="dimmed">
                      NIK {r.nikKoperasi}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.cooperativeType}</Table.Td>
                <Table.Td>
                  <RegionName code={r.districtCode ?? r.regencyCode ?? r.provinceCode} />
                </Table.Td>
                <Table.Td ta="right">{r.memberCount?.toLocaleString('id-ID') ?? '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  <LinkedBadge linked={r.linkedOrganizationId !== null} short />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.data && total === 0 && <Text size="sm">{t('registry.none')}</Text>}
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={setPage}
          siblings={phone ? 0 : 1}
          boundaries={1}
          getControlProps={(control) => ({
            'aria-label': t(`registry.page.${control}`),
          })}
          getItemProps={(n) => ({ 'aria-label': `${t('registry.pages')} ${n}` })}
          data-testid="registry-pagination"
        />
      )}
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size={phone ? '100%' : 'xl'}
        title={t('registry.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {selected && officeRegion !== null && (
          <RegistryPanel
            orgId={orgId}
            registryId={selected}
            officeRegion={officeRegion}
            canWrite={canWrite}
          />
        )}
      </Drawer>
      <Modal
        opened={adding}
        onClose={add.close}
        title={t('registry.add')}
        size="xl"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {officeRegion !== null && (
          <EntryForm
            orgId={orgId}
            officeRegion={officeRegion}
            onSaved={(d) => {
              add.close();
              void qc.invalidateQueries({ queryKey: ['registry', orgId] });
              setSelected(d.id);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
