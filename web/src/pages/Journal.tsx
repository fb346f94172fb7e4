import { Table, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api';
import { PageTitle, useOrgId } from '../App';
import { date, rupiah } from '../format';

export function JournalPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [text, setText] = useState('');
  const q = useQuery({
    queryKey: ['journal', orgId, text],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/journal', {
          params: { path: { orgId }, query: { limit: 100, ...(text ? { q: text } : {}) } },
        }),
      ),
  });
  return (
    <>
      <PageTitle>{t('journal.title')}</PageTitle>
      <TextInput
        mb="sm"
        maw={360}
        placeholder={t('journal.description')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('journal.date')}</Table.Th>
              <Table.Th>{t('journal.number')}</Table.Th>
              <Table.Th>{t('journal.description')}</Table.Th>
              <Table.Th ta="right">{t('journal.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data?.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{date(e.entryDate)}</Table.Td>
                <Table.Td>{e.number}</Table.Td>
                <Table.Td>{e.description}</Table.Td>
                <Table.Td ta="right">{rupiah(e.totalRupiah)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
