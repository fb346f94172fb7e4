import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { digits, rupiah } from '../format';
import { DayInput } from '../components/DayInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { useField } from '../components/useField';
import { businessToday } from '../calendar';
import { YearEndCard } from './books/YearEnd';

interface Line {
  accountCode: string;
  debit: string;
  credit: string;
}

export function BooksPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const can = useCan();
  const canManual = can('journal.manual');
  const canClose = can('periods.close');
  const entryDate = useField(businessToday());
  const description = useField('');
  const [lines, setLines] = useState<Line[]>([
    { accountCode: '', debit: '', credit: '' },
    { accountCode: '', debit: '', credit: '' },
  ]);
  const [notice, setNotice] = useState<string | null>(null);
  const debit = lines.reduce((s, l) => s + BigInt(digits(l.debit) || '0'), 0n);
  const credit = lines.reduce((s, l) => s + BigInt(digits(l.credit) || '0'), 0n);

  const periods = useQuery({
    queryKey: ['periods', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/periods', { params: { path: { orgId } } })),
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/journal/manual', {
          params: { path: { orgId } },
          body: {
            entryDate: entryDate.value,
            description: description.value,
            lines: lines
              .filter((l) => l.accountCode)
              .map((l) => ({
                accountCode: l.accountCode.trim(),
                ...(digits(l.debit) ? { debitRupiah: digits(l.debit) } : {}),
                ...(digits(l.credit) ? { creditRupiah: digits(l.credit) } : {}),
              })),
          },
        }),
      ),
    onSuccess: () => {
      setNotice(t('books.submitted'));
      description.set('');
      setLines([
        { accountCode: '', debit: '', credit: '' },
        { accountCode: '', debit: '', credit: '' },
      ]);
    },
  });
  const close = useMutation({
    mutationFn: (period: string) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/periods/{period}/close', {
          params: { path: { orgId, period } },
        }),
      ),
    onSuccess: (_r, p) => {
      setNotice(t('books.closedOk', { period: p }));
      void qc.invalidateQueries({ queryKey: ['periods', orgId] });
    },
  });
  const set = (i: number, patch: Partial<Line>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  // the month to close next: the first open one, or the month after the last closed
  const items = periods.data?.items ?? [];
  const nextAfter = (p: string) => {
    const [y, mo] = p.split('-').map(Number);
    return mo === 12 ? `${y! + 1}-01` : `${y}-${String(mo! + 1).padStart(2, '0')}`;
  };
  const lastClosed = [...items].reverse().find((p) => p.status === 'closed')?.period;
  const firstOpen =
    items.find((p) => p.status !== 'closed')?.period ??
    (lastClosed ? nextAfter(lastClosed) : undefined);
  const rows =
    firstOpen && !items.some((p) => p.period === firstOpen)
      ? [...items, { period: firstOpen, status: 'open', closedAt: null }]
      : items;

  return (
    <Stack>
      <PageTitle>{t('nav.books')}</PageTitle>
      {notice && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-testid="books-notice"
        >
          {notice}
        </Alert>
      )}
      {canManual && (
        <Card withBorder>
          <Stack>
            <Text fw={600}>{t('books.manual')}</Text>
            <ErrorAlert error={submit.error} />
            <Group grow>
              <DayInput label={t('books.date')} {...entryDate.input} />
              <TextInput
                label={t('books.description')}
                {...description.input}
                data-testid="manual-description"
              />
            </Group>
            {lines.map((l, i) => (
              <Group key={i} grow wrap="nowrap">
                <TextInput
                  placeholder={t('books.account')}
                  value={l.accountCode}
                  onChange={(e) => set(i, { accountCode: e.currentTarget.value })}
                  data-testid={`manual-account-${i}`}
                />
                <TextInput
                  placeholder={t('books.debit')}
                  inputMode="numeric"
                  value={l.debit}
                  onChange={(e) => set(i, { debit: e.currentTarget.value, credit: '' })}
                  data-testid={`manual-debit-${i}`}
                />
                <TextInput
                  placeholder={t('books.credit')}
                  inputMode="numeric"
                  value={l.credit}
                  onChange={(e) => set(i, { credit: e.currentTarget.value, debit: '' })}
                  data-testid={`manual-credit-${i}`}
                />
              </Group>
            ))}
            <Group justify="space-between">
              <Button
                variant="subtle"
                onClick={() => setLines([...lines, { accountCode: '', debit: '', credit: '' }])}
              >
                {t('books.addLine')}
              </Button>
              <Text size="sm" c={debit === credit ? 'dimmed' : 'red'}>
                {rupiah(debit)} / {rupiah(credit)}{' '}
                {debit !== credit ? `· ${t('books.unbalanced')}` : ''}
              </Text>
            </Group>
            <Button
              onClick={() => submit.mutate()}
              disabled={debit === 0n || debit !== credit || description.value.trim().length < 3}
              loading={submit.isPending}
              data-testid="manual-submit"
            >
              {t('books.submit')}
            </Button>
          </Stack>
        </Card>
      )}
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('books.periods')}
        </Text>
        <ErrorAlert error={close.error} />
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('books.period')}</Table.Th>
              <Table.Th>{t('books.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Td>{p.period}</Table.Td>
                <Table.Td>
                  <Badge color={p.status === 'closed' ? 'gray' : 'green'} variant="light">
                    {p.status === 'closed' ? t('books.closed') : t('books.open')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {canClose && p.period === firstOpen && p.period.endsWith('-12') && (
                    <Text size="sm">{t('books.decemberByYearEnd')}</Text>
                  )}
                  {canClose && p.period === firstOpen && !p.period.endsWith('-12') && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => close.mutate(p.period)}
                      loading={close.isPending}
                      data-testid="close-period"
                    >
                      {t('books.close')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <YearEndCard orgId={orgId} />
    </Stack>
  );
}
