import { Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { useCan } from '../../App';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import type { RegistryDetail } from './filters';
import { useFieldProblem } from './RegistryDetail';

/**
 * The office's own record of a cooperative: the officer in charge (early-warning alerts go to
 * them; the office's administrator assigns) and the RATs it held, each against its deadline of
 * 30 June after the book year (docs/domain/supervision-early-warning.md).
 */
export function SupervisionCard({
  orgId,
  entry,
  canWrite,
  onSaved,
}: {
  orgId: string;
  entry: RegistryDetail;
  canWrite: boolean;
  onSaved: (d: RegistryDetail) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const officers = useQuery({
    queryKey: ['officers', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/officers', { params: { path: { orgId } } })),
  });
  const assign = useMutation({
    mutationFn: (officerUserId: string | null) =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/registry/{registryId}/officer', {
          params: { path: { orgId, registryId: entry.id } },
          body: { officerUserId },
        }),
      ),
    onSuccess: onSaved,
  });
  const officerName =
    entry.officer?.fullName ??
    (entry.officer ? t('registry.supervision.otherOffice') : t('registry.supervision.noOfficer'));
  return (
    <Card withBorder data-testid="registry-supervision">
      <Stack gap="xs">
        <Text fw={600}>{t('registry.supervision.title')}</Text>
        {can('dinas.manage') && officers.data ? (
          <Select
            label={t('registry.supervision.officer')}
            data={officers.data.items.map((u) => ({ value: u.userId, label: u.fullName }))}
            value={entry.officer?.userId ?? null}
            placeholder={t('registry.supervision.noOfficer')}
            clearable
            // clicking the officer already in charge must not unassign them (the clear button does)
            allowDeselect={false}
            onChange={(v) => assign.mutate(v)}
            disabled={assign.isPending}
            data-testid="registry-officer"
          />
        ) : (
          <Text size="sm">
            {t('registry.supervision.officer')}: {officerName}
          </Text>
        )}
        {assign.error && <ErrorAlert error={assign.error} />}
        <Text fw={600} size="sm" mt="xs">
          {t('registry.supervision.rats')}
        </Text>
        {entry.rats.length === 0 ? (
          <Text size="sm">{t('registry.supervision.noRats')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={360}>
            <Table data-testid="registry-rats">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registry.supervision.bookYear')}</Table.Th>
                  <Table.Th>{t('registry.supervision.heldOn')}</Table.Th>
                  <Table.Th>{t('registry.supervision.deadline')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entry.rats.map((r) => (
                  <Table.Tr key={r.bookYear}>
                    <Table.Td>{r.bookYear}</Table.Td>
                    <Table.Td>{date(r.heldOn)}</Table.Td>
                    <Table.Td>{date(r.deadline)}</Table.Td>
                    <Table.Td>
                      <Badge color={r.timeliness === 'on_time' ? 'green.9' : 'orange.9'}>
                        {t(`registry.supervision.${r.timeliness}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite && <RatForm orgId={orgId} registryId={entry.id} onSaved={onSaved} />}
      </Stack>
    </Card>
  );
}

function RatForm({
  orgId,
  registryId,
  onSaved,
}: {
  orgId: string;
  registryId: string;
  onSaved: (d: RegistryDetail) => void;
}) {
  const { t } = useTranslation();
  const lastYear = Number(businessToday().slice(0, 4)) - 1;
  const [bookYear, setBookYear] = useState<number>(lastYear);
  const [heldOn, setHeldOn] = useState('');
  const [shown, setShown] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/registry/{registryId}/rats', {
          params: { path: { orgId, registryId } },
          body: { bookYear, heldOn },
        }),
      ),
    onSuccess: (d) => {
      setHeldOn('');
      setShown(false);
      onSaved(d);
    },
  });
  const problem = useFieldProblem(save.error);
  const heldOnError = shown && heldOn === '' ? t('registry.problems.REQUIRED') : problem('heldOn');
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <NumberInput
        label={t('registry.supervision.bookYear')}
        value={bookYear}
        onChange={(v) => setBookYear(Number(v))}
        min={1945}
        max={lastYear}
        allowDecimal={false}
        w={120}
        error={problem('bookYear')}
        data-testid="rat-book-year"
      />
      <DayInput
        label={t('registry.supervision.heldOn')}
        value={heldOn}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setHeldOn(e.currentTarget.value)}
        error={heldOnError}
        data-testid="rat-held-on"
      />
      <Button
        variant="light"
        loading={save.isPending}
        onClick={() => {
          setShown(true);
          if (heldOn !== '') save.mutate();
        }}
        data-testid="rat-submit"
      >
        {t('registry.supervision.recordRat')}
      </Button>
    </Group>
  );
}
