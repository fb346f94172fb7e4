import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { useCan } from '../../App';
import { businessToday } from '../../calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, dateTime, rupiah } from '../../format';

const STATEMENTS = ['neraca', 'phu', 'perubahan-ekuitas', 'arus-kas'] as const;

/**
 * Tutup buku tahunan (docs/domain/year-end.md): the year's status, its close (after a
 * confirmation), the request to re-open it (approved by another user on the approvals page) and
 * the year's statements with the prior year beside them.
 */
export function YearEndCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const [year, setYear] = useState(Number(businessToday().slice(0, 4)) - 1);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const y = String(year);
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2099;

  const status = useQuery({
    queryKey: ['year', orgId, y],
    enabled: valid,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/years/{year}', { params: { path: { orgId, year: y } } }),
      ),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['year', orgId, y] });
    void qc.invalidateQueries({ queryKey: ['periods', orgId] });
  };
  const close = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/years/{year}/close', {
          params: { path: { orgId, year: y } },
        }),
      ),
    onSuccess: (r) => {
      setConfirming(false);
      setNotice(t('books.yearEnd.closedOk', { year: r.year, shu: rupiah(r.shuRupiah) }));
      refresh();
    },
    onError: () => setConfirming(false),
  });
  const reopen = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/years/{year}/reopen', {
          params: { path: { orgId, year: y } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      setReason('');
      setNotice(t('books.yearEnd.reopenRequested'));
      refresh();
    },
  });

  const s = status.data;
  const closed = s?.status === 'closed';
  const pending = s?.reopenings.some((r) => r.status === 'pending') ?? false;
  return (
    <Card withBorder data-testid="year-end">
      <Stack>
        <Text fw={600} component="h2" size="md">
          {t('books.yearEnd.title')}
        </Text>
        {notice && (
          <Alert
            color="green"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setNotice(null)}
            data-testid="year-end-notice"
          >
            {notice}
          </Alert>
        )}
        <ErrorAlert error={close.error ?? reopen.error ?? status.error} />
        <Group align="flex-end">
          <NumberInput
            label={t('books.yearEnd.year')}
            value={year}
            onChange={(v) => setYear(typeof v === 'number' ? v : Number(v))}
            min={2000}
            max={2099}
            allowDecimal={false}
            thousandSeparator={false}
            w={120}
            data-testid="year-end-year"
          />
          {s && (
            <Badge
              color={closed ? 'gray' : 'green'}
              variant="light"
              size="lg"
              data-testid="year-end-status"
            >
              {closed ? t('books.yearEnd.closed') : t('books.yearEnd.open')}
            </Badge>
          )}
        </Group>
        {s && closed && s.closedAt && (
          <Text size="sm">
            {t('books.yearEnd.closedBy', {
              at: dateTime(s.closedAt),
              by: s.closedBy ?? t('books.yearEnd.system'),
            })}
          </Text>
        )}
        {s && !closed && s.openMonths.length > 0 && (
          <Text size="sm">
            {t('books.yearEnd.openMonths', { months: s.openMonths.join(', ') })}
          </Text>
        )}
        {s && s.entries.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Caption>{t('books.yearEnd.entries')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('books.yearEnd.number')}</Table.Th>
                  <Table.Th>{t('books.date')}</Table.Th>
                  <Table.Th>{t('books.description')}</Table.Th>
                  <Table.Th ta="right">{t('books.yearEnd.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.number}</Table.Td>
                    <Table.Td>{date(e.entryDate)}</Table.Td>
                    <Table.Td>
                      {e.description}
                      {e.kind !== 'closing' && (
                        <Text span size="sm" fw={600}>
                          {' '}
                          ({t(`books.yearEnd.kind.${e.kind}`)})
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{rupiah(e.totalRupiah)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {s && s.reopenings.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('books.yearEnd.reopenings')}
            </Text>
            <List size="sm" data-testid="year-end-reopenings">
              {s.reopenings.map((r) => (
                <List.Item key={r.approvalId}>
                  {t(`books.yearEnd.reopenStatus.${r.status}`)}: {r.reason} (
                  {t('books.yearEnd.requested', {
                    by: r.requestedBy,
                    at: dateTime(r.requestedAt),
                  })}
                  {r.decidedBy && r.decidedAt
                    ? `; ${t('books.yearEnd.decided', { by: r.decidedBy, at: dateTime(r.decidedAt) })}`
                    : ''}
                  )
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {s && can('periods.close') && !closed && (
          <Button
            onClick={() => setConfirming(true)}
            loading={close.isPending}
            data-testid="year-end-close"
          >
            {t('books.yearEnd.close', { year: s.year })}
          </Button>
        )}
        {s && can('periods.reopen') && closed && !pending && (
          <Stack gap="xs">
            <Textarea
              label={t('books.yearEnd.reason')}
              description={t('books.yearEnd.reasonHelp')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
              autosize
              minRows={2}
              data-testid="year-end-reason"
            />
            <Button
              variant="default"
              onClick={() => reopen.mutate()}
              disabled={reason.trim().length < 10}
              loading={reopen.isPending}
              data-testid="year-end-reopen"
            >
              {t('books.yearEnd.reopen')}
            </Button>
          </Stack>
        )}
        {s && pending && <Text size="sm">{t('books.yearEnd.pending')}</Text>}
        {valid && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('books.yearEnd.statements', { year, prior: year - 1 })}
            </Text>
            {STATEMENTS.map((k) => {
              const url = `/api/v1/orgs/${orgId}/years/${y}/statements/${k}`;
              return (
                <Group key={k} gap="md">
                  <Text size="sm" w={200}>
                    {t(`statements.kinds.${k}`)}
                  </Text>
                  <Anchor size="sm" href={`${url}?format=pdf`} target="_blank">
                    {t('statements.pdf')}
                  </Anchor>
                  <Anchor size="sm" href={`${url}?format=xlsx`}>
                    {t('statements.xlsx')}
                  </Anchor>
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('books.yearEnd.confirmTitle', { year })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm">{t('books.yearEnd.confirmText', { year })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('books.yearEnd.cancel')}
            </Button>
            <Button
              onClick={() => close.mutate()}
              loading={close.isPending}
              data-testid="year-end-confirm"
            >
              {t('books.yearEnd.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
