import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../api';
import { parentCode } from './filters';

interface Region {
  code: string;
  name: string;
}

/** The Kemendagri regions directly below a code: '' → provinces … 6 digits → villages. */
async function childRegions(code: string): Promise<Region[]> {
  const path = { params: { path: { code } } };
  switch (code.length) {
    case 0:
      return (await unwrap(client.GET('/api/v1/regions/provinces'))).items;
    case 2:
      return (await unwrap(client.GET('/api/v1/regions/provinces/{code}/regencies', path))).items;
    case 4:
      return (await unwrap(client.GET('/api/v1/regions/regencies/{code}/districts', path))).items;
    case 6:
      return (await unwrap(client.GET('/api/v1/regions/districts/{code}/villages', path))).items;
    default:
      return [];
  }
}

/** The regions one level below `code` (Kemendagri codes, from the regions routes). */
export function useChildRegions(code: string | null) {
  return useQuery({
    queryKey: ['regions', code],
    enabled: code !== null && code.length < 10,
    staleTime: Infinity,
    queryFn: () => childRegions(code ?? ''),
  });
}

/** A region's name from its code (looked up among its parent's children), or the code itself. */
export function useRegionName(code: string | null | undefined): string | null {
  const list = useChildRegions(code ? parentCode(code) : null);
  if (!code) return null;
  return list.data?.find((r) => r.code === code)?.name ?? code;
}

export function RegionName({ code }: { code: string | null | undefined }) {
  const name = useRegionName(code);
  return <>{name ?? '—'}</>;
}

/** A select of the regions directly below `parent` ('' = provinces). */
export function RegionSelect({
  parent,
  label,
  value,
  onChange,
  testId,
  anyLabel,
  error,
}: {
  parent: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  anyLabel?: string;
  error?: string | undefined;
}) {
  const list = useChildRegions(parent);
  return (
    <Select
      label={label}
      searchable
      clearable
      placeholder={anyLabel}
      data={(list.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
      data-testid={testId}
    />
  );
}
