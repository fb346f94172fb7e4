import {
  ActionIcon,
  Button,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DayInput } from '../../components/DayInput';
import {
  activeFilters,
  AREAS,
  EMPTY_FILTER,
  filterFromSaved,
  filterQuery,
  FORMS,
  SIZES,
  STATUSES,
  TYPES,
  type Filter,
  type FilterKey,
} from './filters';
import { RegionSelect } from './regions';

/**
 * The registry's filter panel: the text search always in view, every other field under "more
 * filters" (one column on a phone), and the user's saved filters to apply, save and delete.
 */
export function FilterPanel({
  orgId,
  officeRegion,
  filter,
  onChange,
  onNotice,
}: {
  orgId: string;
  /** the office's region ('' for the ministry); null while unknown */
  officeRegion: string | null;
  filter: Filter;
  onChange: (f: Filter) => void;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [more, { toggle }] = useDisclosure(false);
  const set = (k: FilterKey) => (v: string | null) => onChange({ ...filter, [k]: v ?? '' });
  const text = (k: FilterKey) => ({
    value: filter[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(k)(e.currentTarget.value),
  });
  const choice = (k: FilterKey, label: string, options: { value: string; label: string }[]) => (
    <Select
      label={label}
      clearable
      placeholder={t('registry.any')}
      data={options}
      value={filter[k] || null}
      onChange={set(k)}
      data-testid={`filter-${k}`}
    />
  );
  // the region filter: a level below the office's region, then one below that
  const level1 = officeRegion === null ? null : filter.regionCode.slice(0, officeRegion.length + 2);
  const level1Length = officeRegion === null ? 0 : officeRegion.length + 2;
  const areaLabel = (len: number) =>
    len === 2
      ? t('registry.detail.province')
      : len === 4
        ? t('registry.detail.regency')
        : len === 6
          ? t('registry.detail.district')
          : t('registry.detail.village');
  const nextLength = (len: number) => (len === 6 ? 10 : len + 2);

  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('registry.search')}
          style={{ flex: 1, minWidth: 220 }}
          {...text('q')}
          data-testid="registry-search"
        />
        <Button variant="default" onClick={toggle} data-testid="registry-more-filters">
          {t('registry.moreFilters')}
          {activeFilters(filter) > 0 ? ` (${activeFilters(filter)})` : ''}
        </Button>
        <Button
          variant="subtle"
          onClick={() => onChange(EMPTY_FILTER)}
          data-testid="registry-clear-filters"
        >
          {t('registry.clear')}
        </Button>
      </Group>
      <Collapse expanded={more}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs" data-testid="registry-filters">
          {choice(
            'status',
            t('registry.status'),
            STATUSES.map((s) => ({ value: s, label: t(`registry.statuses.${s}`) })),
          )}
          {choice(
            'cooperativeType',
            t('registry.type'),
            TYPES.map((s) => ({ value: s, label: s })),
          )}
          {choice(
            'cooperativeForm',
            t('registry.form'),
            FORMS.map((s) => ({ value: s, label: t(`registry.forms.${s}`) })),
          )}
          {choice(
            'membershipArea',
            t('registry.area'),
            AREAS.map((s) => ({ value: s, label: t(`registry.areas.${s}`) })),
          )}
          {choice(
            'businessSize',
            t('registry.size'),
            SIZES.map((s) => ({ value: s, label: s })),
          )}
          {choice('linked', t('registry.onSokoguru'), [
            { value: 'true', label: t('registry.yes') },
            { value: 'false', label: t('registry.no') },
          ])}
          <TextInput label={t('registry.sector')} {...text('sector')} data-testid="filter-sector" />
          {officeRegion !== null && level1Length <= 10 && (
            <RegionSelect
              parent={officeRegion}
              label={areaLabel(level1Length)}
              anyLabel={t('registry.any')}
              value={level1 && level1.length === level1Length ? level1 : ''}
              onChange={(v) => onChange({ ...filter, regionCode: v })}
              testId="filter-region"
            />
          )}
          {officeRegion !== null &&
            level1 !== null &&
            level1.length === level1Length &&
            level1Length < 10 && (
              <RegionSelect
                parent={level1}
                label={areaLabel(nextLength(level1Length))}
                anyLabel={t('registry.any')}
                value={filter.regionCode.length > level1Length ? filter.regionCode : ''}
                onChange={(v) => onChange({ ...filter, regionCode: v || level1 })}
                testId="filter-subregion"
              />
            )}
          <TextInput
            label={t('registry.membersMin')}
            inputMode="numeric"
            {...text('memberCountMin')}
            error={
              filter.memberCountMin && !/^[0-9]+$/.test(filter.memberCountMin)
                ? t('registry.problems.COUNT_INVALID')
                : undefined
            }
            data-testid="filter-memberCountMin"
          />
          <TextInput
            label={t('registry.membersMax')}
            inputMode="numeric"
            {...text('memberCountMax')}
            error={
              filter.memberCountMax && !/^[0-9]+$/.test(filter.memberCountMax)
                ? t('registry.problems.COUNT_INVALID')
                : undefined
            }
            data-testid="filter-memberCountMax"
          />
          <DayInput
            label={t('registry.bhFrom')}
            {...text('badanHukumFrom')}
            data-testid="filter-badanHukumFrom"
          />
          <DayInput
            label={t('registry.bhTo')}
            {...text('badanHukumTo')}
            data-testid="filter-badanHukumTo"
          />
        </SimpleGrid>
      </Collapse>
      <SavedFilters orgId={orgId} filter={filter} onApply={onChange} onNotice={onNotice} />
    </Stack>
  );
}

/** The user's saved filters: choose one to apply it; save the current one under a name. */
function SavedFilters({
  orgId,
  filter,
  onApply,
  onNotice,
}: {
  orgId: string;
  filter: Filter;
  onApply: (f: Filter) => void;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [name, setName] = useState('');
  const saved = useQuery({
    queryKey: ['registry-filters', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/registry-filters', { params: { path: { orgId } } })),
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/registry-filters', {
          params: { path: { orgId } },
          body: { name: name.trim(), filter: filterQuery(filter) },
        }),
      ),
    onSuccess: (f) => {
      onNotice(t('registry.saved.done', { name: f.name }));
      setName('');
      setChosen(f.id);
      void qc.invalidateQueries({ queryKey: ['registry-filters', orgId] });
    },
  });
  const remove = useMutation({
    mutationFn: (filterId: string) =>
      unwrap(
        client.DELETE('/api/v1/orgs/{orgId}/registry-filters/{filterId}', {
          params: { path: { orgId, filterId } },
        }),
      ),
    onSuccess: () => {
      setChosen(null);
      void qc.invalidateQueries({ queryKey: ['registry-filters', orgId] });
    },
  });
  const items = saved.data?.items ?? [];
  return (
    <Stack gap={4}>
      <Group align="flex-end" wrap="wrap" gap="xs">
        <Select
          label={t('registry.saved.label')}
          style={{ minWidth: 200, flex: 1 }}
          clearable
          data={items.map((f) => ({ value: f.id, label: f.name }))}
          value={chosen}
          onChange={(id) => {
            setChosen(id);
            const f = items.find((x) => x.id === id);
            if (f) onApply(filterFromSaved(f.filter));
          }}
          data-testid="saved-filter-select"
        />
        {chosen && (
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('registry.saved.delete')}
            title={t('registry.saved.delete')}
            onClick={() => remove.mutate(chosen)}
            data-testid="saved-filter-delete"
          >
            ✕
          </ActionIcon>
        )}
        <TextInput
          label={t('registry.saved.name')}
          style={{ minWidth: 160, flex: 1 }}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="saved-filter-name"
        />
        <Button
          variant="light"
          disabled={name.trim() === ''}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="saved-filter-save"
        >
          {t('registry.saved.save')}
        </Button>
      </Group>
      <ErrorAlert error={save.error ?? remove.error} />
    </Stack>
  );
}
