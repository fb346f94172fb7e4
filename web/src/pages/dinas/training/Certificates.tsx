import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../../api';
import { useCan, useOrgId } from '../../../App';
import { DayInput } from '../../../components/DayInput';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { date } from '../../../format';
import { CooperativePicker } from '../assessments/Editor';
import { POSITIONS } from './Events';
import { FormProblems } from './FormProblems';

const FILTERS = ['alert', 'all', 'expired', 'expiring', 'valid'] as const;
type Filter = (typeof FILTERS)[number];

/** Badge colours by expiry, dark enough for white text at WCAG AA. */
const STATUS_COLOR = { valid: 'green.9', expiring: 'orange.9', expired: 'red.9' } as const;

/**
 * The region's competency certificates, soonest to end first, with their expiry (expired, or
 * expiring within 90 days); filtered by status and cooperative; a new one.
 */
export function CertificatesTab() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const [filter, setFilter] = useState<Filter>('all');
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const writer = may('dinas.training');
  const q = useQuery({
    queryKey: ['certificates', orgId, filter, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/certificates', {
          params: {
            path: { orgId },
            query: { status: filter, limit: 200, ...(registryId ? { registryId } : {}) },
          },
        }),
      ),
  });
  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label={t('training.certificates.filter')}
          data={FILTERS.map((f) => ({ value: f, label: t(`training.certificates.${f}`) }))}
          value={filter}
          allowDeselect={false}
          onChange={(v) => v && setFilter(v)}
          data-testid="certificates-filter"
        />
        <CooperativePicker
          label={t('training.field.cooperative')}
          value={registryId}
          onChange={setRegistryId}
          clearable
          testId="certificates-cooperative"
        />
        {writer && !adding && (
          <Button onClick={() => setAdding(true)} data-testid="certificate-new">
            {t('training.certificates.add')}
          </Button>
        )}
      </Group>
      {adding && <NewCertificate onClose={() => setAdding(false)} />}
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && (
        <Text size="sm" c="gray.7">
          {t('training.certificates.summary', { count: q.data.total, today: date(q.data.today) })}
        </Text>
      )}
      {q.data && q.data.items.length === 0 && (
        <Text c="gray.7">{t('training.certificates.none')}</Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <Table.ScrollContainer
          minWidth={writer ? 1080 : 900}
          tabIndex={0}
          aria-label={t('training.tabs.certificates')}
        >
          <Table data-testid="certificates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('training.field.holderName')}</Table.Th>
                <Table.Th>{t('training.field.cooperative')}</Table.Th>
                <Table.Th>{t('training.field.scheme')}</Table.Th>
                <Table.Th>{t('training.field.issuer')}</Table.Th>
                <Table.Th>{t('training.field.issuedOn')}</Table.Th>
                <Table.Th>{t('training.field.validUntil')}</Table.Th>
                <Table.Th>{t('training.field.status')}</Table.Th>
                {writer && <Table.Th>{t('training.field.leftOn')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((k) => (
                <Table.Tr key={k.id} data-testid="certificate-row">
                  <Table.Td>
                    <Text size="sm">{k.holderName}</Text>
                    <Text size="xs" c="gray.7">
                      {t(`training.position.${k.position}`)}
                      {k.leftOn
                        ? ` · ${t('training.certificates.left', { date: date(k.leftOn) })}`
                        : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{k.cooperative}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{k.scheme}</Text>
                    <Text size="xs" c="gray.7">
                      {k.certificateNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>{k.issuer}</Table.Td>
                  <Table.Td>{date(k.issuedOn)}</Table.Td>
                  <Table.Td>{date(k.validUntil)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[k.status]} data-testid="certificate-status">
                      {t(`training.certificates.${k.status}`)}
                    </Badge>
                    <Text size="xs" c="gray.7">
                      {k.daysLeft >= 0
                        ? t('training.certificates.daysLeft', { count: k.daysLeft })
                        : t('training.certificates.daysAgo', { count: -k.daysLeft })}
                    </Text>
                  </Table.Td>
                  {writer && (
                    <Table.Td>
                      <LeftOnCell id={k.id} holder={k.holderName} leftOn={k.leftOn} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function NewCertificate({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [position, setPosition] = useState<(typeof POSITIONS)[number]>('manajer');
  const [f, setF] = useState({
    holderName: '',
    scheme: '',
    certificateNumber: '',
    issuer: '',
    issuedOn: '',
    validUntil: '',
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/certificates', {
          params: { path: { orgId } },
          body: { registryId: registryId ?? '', position, ...f },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['certificates', orgId] });
      await qc.invalidateQueries({ queryKey: ['certificate-requirement', orgId] });
      onClose();
    },
  });
  const text = (key: 'holderName' | 'scheme' | 'certificateNumber' | 'issuer') => (
    <TextInput
      label={t(`training.field.${key}`)}
      value={f[key]}
      onChange={(e) => setF({ ...f, [key]: e.currentTarget.value })}
      data-testid={`certificate-${key}`}
      required
    />
  );
  const day = (key: 'issuedOn' | 'validUntil') => (
    <DayInput
      label={t(`training.field.${key}`)}
      value={f[key]}
      onChange={(e) => setF({ ...f, [key]: e.currentTarget.value })}
      data-testid={`certificate-${key}`}
      required
    />
  );
  return (
    <Card withBorder data-testid="certificate-form">
      <Stack>
        <Title order={2} size="h4">
          {t('training.certificates.add')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CooperativePicker
            label={t('training.field.cooperative')}
            value={registryId}
            onChange={setRegistryId}
            testId="certificate-cooperative"
          />
          {text('holderName')}
          <Select
            label={t('training.field.position')}
            data={POSITIONS.map((p) => ({ value: p, label: t(`training.position.${p}`) }))}
            value={position}
            allowDeselect={false}
            onChange={(v) => v && setPosition(v)}
            data-testid="certificate-position"
          />
          {text('scheme')}
          {text('certificateNumber')}
          {text('issuer')}
          {day('issuedOn')}
          {day('validUntil')}
        </SimpleGrid>
        <FormProblems error={save.error} />
        <Group>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!registryId}
            data-testid="certificate-save"
          >
            {t('training.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('training.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The day the holder stopped serving the cooperative: recorded, changed or cleared. */
function LeftOnCell({ id, holder, leftOn }: { id: string; holder: string; leftOn: string | null }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [day, setDay] = useState(leftOn ?? '');
  const save = useMutation({
    mutationFn: (value: string | null) =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/certificates/{certificateId}/left-on', {
          params: { path: { orgId, certificateId: id } },
          body: { leftOn: value },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['certificates', orgId] });
      await qc.invalidateQueries({ queryKey: ['certificate-requirement', orgId] });
    },
  });
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <DayInput
          aria-label={t('training.leftOnFor', { name: holder })}
          value={day}
          onChange={(e) => setDay(e.currentTarget.value)}
          size="xs"
          w={140}
        />
        <Button
          size="xs"
          variant="default"
          onClick={() => save.mutate(day === '' ? null : day)}
          loading={save.isPending}
          aria-label={t('training.saveLeftOnFor', { name: holder })}
        >
          {t('training.save')}
        </Button>
      </Group>
      <FormProblems error={save.error} />
    </Stack>
  );
}
