import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import { EntryForm } from './EntryForm';
import { ORGANS, STATUSES, termExpired, type RegistryDetail } from './filters';
import { RegionName } from './regions';
import { SupervisionCard } from './SupervisionCard';
import { LinkedBadge, StatusBadge } from './badges';

/** One cooperative of the registry: identity, address, organs with terms, status history. */
export function RegistryPanel({
  orgId,
  registryId,
  officeRegion,
  canWrite,
}: {
  orgId: string;
  registryId: string;
  officeRegion: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, edit] = useDisclosure(false);
  const [notice, setNotice] = useState<string | null>(null);
  const key = ['registry-entry', orgId, registryId];
  const detail = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/registry/{registryId}', {
          params: { path: { orgId, registryId } },
        }),
      ),
  });
  const changed = (d: RegistryDetail) => {
    qc.setQueryData(key, d);
    void qc.invalidateQueries({ queryKey: ['registry', orgId] });
    setNotice(t('registry.detail.saved'));
  };
  const d = detail.data;
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!d) return <Text>{t('common.loading')}</Text>;
  const today = businessToday();
  const row = (label: string, value: ReactNode) => (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </>
  );
  return (
    <Stack data-testid="registry-panel">
      <div>
        <Title order={3} data-testid="registry-panel-name">
          {d.name}
        </Title>
        <Group gap="xs" mt={4}>
          <StatusBadge status={d.status} />
          <LinkedBadge linked={d.linkedOrganizationId !== null} />
          <Badge variant="outline" color="dark">
            {d.cooperativeType}
          </Badge>
        </Group>
        {d.linkedOrganizationId && (
          <Text size="sm" mt="xs">
            {t('registry.detail.linked')}
          </Text>
        )}
      </div>
      {notice && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-testid="registry-panel-notice"
        >
          {notice}
        </Alert>
      )}
      {canWrite && (
        <Group>
          <Button variant="light" onClick={edit.open} data-testid="registry-edit">
            {t('registry.detail.edit')}
          </Button>
        </Group>
      )}
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('registry.detail.identity')}
        </Text>
        <SimpleGrid cols={2} spacing={4} verticalSpacing={4}>
          {row(t('registry.nik'), d.nikKoperasi)}
          {row(
            t('registry.detail.certificate'),
            d.nikCertificateValidUntil && date(d.nikCertificateValidUntil),
          )}
          {row(t('registry.detail.bhNumber'), d.badanHukumNumber)}
          {row(t('registry.detail.bhDate'), d.badanHukumDate && date(d.badanHukumDate))}
          {row('NIB', d.nib)}
          {row('NPWP', d.npwp)}
          {row(t('registry.form'), t(`registry.forms.${d.cooperativeForm}`))}
          {row(t('registry.sector'), d.sector)}
          {row(t('registry.area'), t(`registry.areas.${d.membershipArea}`))}
          {row(t('registry.size'), d.businessSize)}
          {row(t('registry.memberCount'), d.memberCount?.toLocaleString('id-ID'))}
          {row(t('registry.statusSince'), date(d.statusSince))}
        </SimpleGrid>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('registry.detail.address')}
        </Text>
        <SimpleGrid cols={2} spacing={4} verticalSpacing={4} data-testid="registry-address">
          {row(t('registry.detail.address'), d.address)}
          {row(t('registry.detail.village'), d.villageCode && <RegionName code={d.villageCode} />)}
          {row(
            t('registry.detail.district'),
            d.districtCode && <RegionName code={d.districtCode} />,
          )}
          {row(t('registry.detail.regency'), d.regencyCode && <RegionName code={d.regencyCode} />)}
          {row(t('registry.detail.province'), <RegionName code={d.provinceCode} />)}
          {row(
            t('registry.detail.coordinates'),
            d.latitude && d.longitude && (
              <>
                {d.latitude}, {d.longitude}{' '}
                <Anchor
                  size="sm"
                  href={`https://www.openstreetmap.org/?mlat=${d.latitude}&mlon=${d.longitude}#map=16/${d.latitude}/${d.longitude}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('registry.detail.map')}
                </Anchor>
              </>
            ),
          )}
        </SimpleGrid>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('registry.organs.title')}
        </Text>
        {d.organs.length === 0 ? (
          <Text size="sm">{t('registry.organs.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table data-testid="registry-organs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registry.organs.organ')}</Table.Th>
                  <Table.Th>{t('registry.organs.fullName')}</Table.Th>
                  <Table.Th>{t('registry.organs.term')}</Table.Th>
                  <Table.Th>{t('registry.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.organs.map((m) => {
                  const expired = termExpired(m.termEnd, today);
                  return (
                    <Table.Tr key={m.id} data-testid="registry-organ" data-expired={expired}>
                      <Table.Td>
                        {t(`registry.organs.kinds.${m.organ}`)}
                        {m.position ? ` · ${m.position}` : ''}
                      </Table.Td>
                      <Table.Td>
                        {m.fullName}
                        {m.phone && (
                          <Text size="xs" c="dimmed">
                            {m.phone}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {date(m.termStart)} – {m.termEnd ? date(m.termEnd) : '…'}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={expired ? 'red' : 'green'}>
                          {expired ? t('registry.organs.expired') : t('registry.organs.current')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite && <OrganForm orgId={orgId} registryId={d.id} onSaved={changed} />}
      </Card>
      <SupervisionCard orgId={orgId} entry={d} canWrite={canWrite} onSaved={changed} />
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('registry.detail.history')}
        </Text>
        <Table.ScrollContainer minWidth={360}>
          <Table data-testid="registry-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('registry.detail.effectiveOn')}</Table.Th>
                <Table.Th>{t('registry.status')}</Table.Th>
                <Table.Th>{t('registry.detail.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...d.statusHistory].reverse().map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{date(h.effectiveOn)}</Table.Td>
                  <Table.Td>{t(`registry.statuses.${h.status}`)}</Table.Td>
                  <Table.Td>{h.reason ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canWrite && <StatusForm orgId={orgId} entry={d} onSaved={changed} />}
      </Card>
      <Modal opened={editing} onClose={edit.close} title={t('registry.detail.edit')} size="xl">
        <EntryForm
          orgId={orgId}
          entry={d}
          officeRegion={officeRegion}
          onSaved={(x) => {
            edit.close();
            changed(x);
          }}
        />
      </Modal>
    </Stack>
  );
}

/** The server's problem for a field, in words (the codes of the registry's checks). */
export function useFieldProblem(error: unknown) {
  const { t } = useTranslation();
  return (field: string): string | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    const e = error.errors.find((x) => x.field === field);
    if (!e) return undefined;
    const code =
      field === 'effectiveOn' && e.message === 'DATE_INVALID' ? 'EFFECTIVE_DATE' : e.message;
    return t(`registry.problems.${code}`, { defaultValue: '' }) || e.message;
  };
}

function StatusForm({
  orgId,
  entry,
  onSaved,
}: {
  orgId: string;
  entry: RegistryDetail;
  onSaved: (d: RegistryDetail) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [effectiveOn, setEffectiveOn] = useState(businessToday());
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/registry/{registryId}/status', {
          params: { path: { orgId, registryId: entry.id } },
          body: {
            status: status as (typeof STATUSES)[number],
            effectiveOn,
            reason: reason.trim(),
          },
        }),
      ),
    onSuccess: (d) => {
      setStatus(null);
      setReason('');
      setShown(false);
      onSaved(d);
    },
  });
  const problem = useFieldProblem(save.error);
  const local = {
    status: !status ? 'REQUIRED' : status === entry.status ? 'STATUS_UNCHANGED' : undefined,
    effectiveOn: !effectiveOn
      ? 'REQUIRED'
      : effectiveOn < entry.statusSince || effectiveOn > businessToday()
        ? 'EFFECTIVE_DATE'
        : undefined,
    reason: reason.trim() === '' ? 'REQUIRED' : undefined,
  };
  const show = (k: keyof typeof local) =>
    shown && local[k] ? t(`registry.problems.${local[k]}`) : problem(k);
  return (
    <Stack gap="xs" mt="sm">
      <Text fw={600} size="sm">
        {t('registry.detail.changeStatus')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Select
          label={t('registry.detail.newStatus')}
          data={STATUSES.map((s) => ({ value: s, label: t(`registry.statuses.${s}`) }))}
          value={status}
          onChange={setStatus}
          error={show('status')}
          data-testid="status-new"
        />
        <DayInput
          label={t('registry.detail.effectiveOn')}
          value={effectiveOn}
          onChange={(e) => setEffectiveOn(e.currentTarget.value)}
          error={show('effectiveOn')}
          data-testid="status-date"
        />
      </SimpleGrid>
      <Textarea
        label={t('registry.detail.reason')}
        value={reason}
        maxLength={1000}
        autosize
        minRows={2}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={show('reason')}
        data-testid="status-reason"
      />
      <ErrorAlert
        error={save.error instanceof ApiError && save.error.errors.length > 0 ? null : save.error}
      />
      <Button
        variant="light"
        loading={save.isPending}
        onClick={() => {
          setShown(true);
          if (!local.status && !local.effectiveOn && !local.reason) save.mutate();
        }}
        data-testid="status-submit"
      >
        {t('registry.detail.changeStatus')}
      </Button>
    </Stack>
  );
}

function OrganForm({
  orgId,
  registryId,
  onSaved,
}: {
  orgId: string;
  registryId: string;
  onSaved: (d: RegistryDetail) => void;
}) {
  const { t } = useTranslation();
  const empty = {
    organ: 'pengurus',
    position: '',
    fullName: '',
    phone: '',
    termStart: '',
    termEnd: '',
  };
  const [f, setF] = useState(empty);
  const [shown, setShown] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/registry/{registryId}/organs', {
          params: { path: { orgId, registryId } },
          body: {
            organ: f.organ as (typeof ORGANS)[number],
            position: f.position.trim() || null,
            fullName: f.fullName.trim(),
            phone: f.phone.trim() || null,
            termStart: f.termStart,
            termEnd: f.termEnd || null,
          },
        }),
      ),
    onSuccess: (d) => {
      setF(empty);
      setShown(false);
      onSaved(d);
    },
  });
  const problem = useFieldProblem(save.error);
  const local: Record<string, string | undefined> = {
    fullName: f.fullName.trim() === '' ? 'REQUIRED' : undefined,
    termStart: f.termStart === '' ? 'REQUIRED' : undefined,
    termEnd:
      f.termEnd && f.termStart && f.termEnd < f.termStart ? 'TERM_END_BEFORE_START' : undefined,
  };
  const show = (k: string) => (shown && local[k] ? t(`registry.problems.${local[k]}`) : problem(k));
  const text = (k: keyof typeof empty) => ({
    value: f[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setF({ ...f, [k]: e.currentTarget.value }),
    error: show(k),
  });
  return (
    <Stack gap="xs" mt="sm">
      <Text fw={600} size="sm">
        {t('registry.organs.add')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Select
          label={t('registry.organs.organ')}
          data={ORGANS.map((o) => ({ value: o, label: t(`registry.organs.kinds.${o}`) }))}
          value={f.organ}
          allowDeselect={false}
          onChange={(v) => setF({ ...f, organ: v ?? 'pengurus' })}
        />
        <TextInput label={t('registry.organs.position')} maxLength={100} {...text('position')} />
        <TextInput
          label={t('registry.organs.fullName')}
          maxLength={200}
          {...text('fullName')}
          data-testid="organ-name"
        />
        <TextInput label={t('registry.organs.phone')} inputMode="tel" {...text('phone')} />
        <DayInput
          label={t('registry.organs.termStart')}
          {...text('termStart')}
          data-testid="organ-start"
        />
        <DayInput
          label={t('registry.organs.termEnd')}
          {...text('termEnd')}
          data-testid="organ-end"
        />
      </SimpleGrid>
      <Button
        variant="light"
        loading={save.isPending}
        onClick={() => {
          setShown(true);
          if (Object.values(local).every((v) => !v)) save.mutate();
        }}
        data-testid="organ-submit"
      >
        {t('registry.organs.add')}
      </Button>
    </Stack>
  );
}
