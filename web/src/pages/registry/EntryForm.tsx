import { Button, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DayInput } from '../../components/DayInput';
import { AREAS, FORMS, SIZES, TYPES, type RegistryDetail } from './filters';
import { RegionSelect } from './regions';

const FIELDS = {
  name: '',
  nikKoperasi: '',
  nikCertificateValidUntil: '',
  badanHukumNumber: '',
  badanHukumDate: '',
  nib: '',
  npwp: '',
  cooperativeType: 'KSP',
  cooperativeForm: 'primer',
  sector: '',
  membershipArea: 'regency',
  address: '',
  provinceCode: '',
  regencyCode: '',
  districtCode: '',
  villageCode: '',
  latitude: '',
  longitude: '',
  memberCount: '',
  businessSize: '',
};
type Fields = typeof FIELDS;
type Key = keyof Fields;

const fromEntry = (d: RegistryDetail): Fields => {
  const f = { ...FIELDS };
  for (const k of Object.keys(f) as Key[]) {
    const v = d[k];
    f[k] = v === null || v === undefined ? '' : String(v);
  }
  return f;
};

const digits = (v: string) => v.replace(/[\s.\-/]/g, '');
const COORDINATE = /^-?[0-9]{1,3}(\.[0-9]{1,6})?$/;

/** The checks the server makes that a form can make first, as problem codes by field. */
function check(f: Fields): Partial<Record<Key, string>> {
  const p: Partial<Record<Key, string>> = {};
  if (f.name.trim().length < 3) p.name = 'NAME_SHORT';
  if (f.nikKoperasi && !/^[0-9]{16}$/.test(digits(f.nikKoperasi)))
    p.nikKoperasi = 'NIK_KOPERASI_INVALID';
  if (f.npwp && !/^[0-9]{15,16}$/.test(digits(f.npwp))) p.npwp = 'NPWP_INVALID';
  if (f.nib && !/^[0-9]{13}$/.test(digits(f.nib))) p.nib = 'NIB_INVALID';
  if (!f.provinceCode) p.provinceCode = 'REQUIRED';
  if (f.membershipArea === 'regency' && !f.regencyCode) p.regencyCode = 'REGENCY_REQUIRED';
  if ((f.latitude || f.longitude) && !COORDINATE.test(f.latitude))
    p.latitude = 'COORDINATES_INVALID';
  if ((f.latitude || f.longitude) && !COORDINATE.test(f.longitude))
    p.longitude = 'COORDINATES_INVALID';
  if (f.memberCount && !/^[0-9]{1,9}$/.test(f.memberCount)) p.memberCount = 'COUNT_INVALID';
  return p;
}

/**
 * A cooperative's registry data, new or corrected: checked here as the server will (formats,
 * required fields) and the server's answer shown on the fields it names.
 */
export function EntryForm({
  orgId,
  entry,
  officeRegion,
  onSaved,
}: {
  orgId: string;
  entry?: RegistryDetail;
  officeRegion: string;
  onSaved: (d: RegistryDetail) => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<Fields>(() =>
    entry
      ? fromEntry(entry)
      : {
          ...FIELDS,
          provinceCode: officeRegion.slice(0, 2),
          regencyCode: officeRegion.length === 4 ? officeRegion : '',
        },
  );
  const [shown, setShown] = useState(false);
  const local = check(f);
  const save = useMutation({
    mutationFn: () => {
      const opt = (v: string) => (v.trim() === '' ? null : v.trim());
      const body = {
        name: f.name.trim(),
        nikKoperasi: opt(f.nikKoperasi),
        nikCertificateValidUntil: opt(f.nikCertificateValidUntil),
        badanHukumNumber: opt(f.badanHukumNumber),
        badanHukumDate: opt(f.badanHukumDate),
        nib: opt(f.nib),
        npwp: opt(f.npwp),
        cooperativeType: f.cooperativeType as (typeof TYPES)[number],
        cooperativeForm: f.cooperativeForm as (typeof FORMS)[number],
        sector: opt(f.sector),
        membershipArea: f.membershipArea as (typeof AREAS)[number],
        address: opt(f.address),
        provinceCode: f.provinceCode,
        regencyCode: opt(f.regencyCode),
        districtCode: opt(f.districtCode),
        villageCode: opt(f.villageCode),
        latitude: opt(f.latitude),
        longitude: opt(f.longitude),
        memberCount: f.memberCount ? Number(f.memberCount) : null,
        businessSize: (opt(f.businessSize) as (typeof SIZES)[number] | null) ?? null,
      };
      return entry
        ? unwrap(
            client.PUT('/api/v1/orgs/{orgId}/registry/{registryId}', {
              params: { path: { orgId, registryId: entry.id } },
              body,
            }),
          )
        : unwrap(
            client.POST('/api/v1/orgs/{orgId}/registry', { params: { path: { orgId } }, body }),
          );
    },
    onSuccess: onSaved,
  });
  const server: Record<string, string> = {};
  if (save.error instanceof ApiError)
    for (const e of save.error.errors) server[e.field] ??= e.message;
  const problem = (k: Key) => {
    const code = (shown ? local[k] : undefined) ?? server[k];
    if (!code) return undefined;
    const text = t(`registry.problems.${code}`, { defaultValue: '' });
    return text || code;
  };
  const set = (k: Key) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const input = (k: Key, label: string, props: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={f[k]}
      onChange={(e) => set(k)(e.currentTarget.value)}
      error={problem(k)}
      data-testid={`entry-${k}`}
      {...props}
    />
  );
  const select = (k: Key, label: string, data: { value: string; label: string }[]) => (
    <Select
      label={label}
      data={data}
      value={f[k] || null}
      allowDeselect={false}
      onChange={(v) => set(k)(v ?? '')}
      error={problem(k)}
      data-testid={`entry-${k}`}
    />
  );
  return (
    <Stack>
      <ErrorAlert error={save.error} data-testid="entry-error" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {input('name', t('registry.name'), { required: true, maxLength: 200 })}
        {input('nikKoperasi', t('registry.nik'), { inputMode: 'numeric' })}
        <DayInput
          label={t('registry.detail.certificate')}
          value={f.nikCertificateValidUntil}
          onChange={(e) => set('nikCertificateValidUntil')(e.currentTarget.value)}
          error={problem('nikCertificateValidUntil')}
        />
        {input('badanHukumNumber', t('registry.detail.bhNumber'))}
        <DayInput
          label={t('registry.detail.bhDate')}
          value={f.badanHukumDate}
          onChange={(e) => set('badanHukumDate')(e.currentTarget.value)}
          error={problem('badanHukumDate')}
        />
        {input('nib', 'NIB', { inputMode: 'numeric' })}
        {input('npwp', 'NPWP', { inputMode: 'numeric' })}
        {select(
          'cooperativeType',
          t('registry.type'),
          TYPES.map((x) => ({ value: x, label: x })),
        )}
        {select(
          'cooperativeForm',
          t('registry.form'),
          FORMS.map((x) => ({ value: x, label: t(`registry.forms.${x}`) })),
        )}
        {select(
          'membershipArea',
          t('registry.area'),
          AREAS.map((x) => ({ value: x, label: t(`registry.areas.${x}`) })),
        )}
        {input('sector', t('registry.sector'))}
        <Select
          label={t('registry.size')}
          clearable
          data={SIZES.map((x) => ({ value: x, label: x }))}
          value={f.businessSize || null}
          onChange={(v) => set('businessSize')(v ?? '')}
        />
        {input('memberCount', t('registry.memberCount'), { inputMode: 'numeric' })}
        {input('address', t('registry.detail.address'), { maxLength: 500 })}
        <RegionSelect
          parent=""
          label={t('registry.detail.province')}
          value={f.provinceCode}
          onChange={(v) =>
            setF((x) => ({
              ...x,
              provinceCode: v,
              regencyCode: '',
              districtCode: '',
              villageCode: '',
            }))
          }
          testId="entry-provinceCode"
          error={problem('provinceCode')}
        />
        {f.provinceCode && (
          <RegionSelect
            parent={f.provinceCode}
            label={t('registry.detail.regency')}
            value={f.regencyCode}
            onChange={(v) =>
              setF((x) => ({ ...x, regencyCode: v, districtCode: '', villageCode: '' }))
            }
            testId="entry-regencyCode"
            error={problem('regencyCode')}
          />
        )}
        {f.regencyCode && (
          <RegionSelect
            parent={f.regencyCode}
            label={t('registry.detail.district')}
            value={f.districtCode}
            onChange={(v) => setF((x) => ({ ...x, districtCode: v, villageCode: '' }))}
            testId="entry-districtCode"
            error={problem('districtCode')}
          />
        )}
        {f.districtCode && (
          <RegionSelect
            parent={f.districtCode}
            label={t('registry.detail.village')}
            value={f.villageCode}
            onChange={set('villageCode')}
            testId="entry-villageCode"
            error={problem('villageCode')}
          />
        )}
        {input('latitude', t('registry.detail.latitude'), {
          inputMode: 'decimal',
          placeholder: '-6.889',
        })}
        {input('longitude', t('registry.detail.longitude'), {
          inputMode: 'decimal',
          placeholder: '109.675',
        })}
      </SimpleGrid>
      <Button
        loading={save.isPending}
        onClick={() => {
          setShown(true);
          if (Object.keys(local).length === 0) save.mutate();
        }}
        data-testid="entry-submit"
      >
        {t('registry.detail.save')}
      </Button>
    </Stack>
  );
}
