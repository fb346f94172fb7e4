import { Badge, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { PageTitle } from '../App';

interface Account {
  id: string;
  code: string;
  name: string;
  accountType: string;
  isPostable: boolean;
  role: string | null;
  active: boolean;
}

export function AccountsPage() {
  const { t } = useTranslation();
  const { orgId } = useParams();
  const q = useQuery({
    queryKey: ['accounts', orgId],
    queryFn: () => api<{ items: Account[] }>('GET', `/orgs/${orgId}/accounts`),
  });
  return (
    <>
      <PageTitle>{t('accounts.title')}</PageTitle>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accounts.code')}</Table.Th>
              <Table.Th>{t('accounts.name')}</Table.Th>
              <Table.Th>{t('accounts.type')}</Table.Th>
              <Table.Th>{t('accounts.role')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data?.items.map((a) => (
              <Table.Tr
                key={a.id}
                fw={a.isPostable ? undefined : 700}
                c={a.active ? undefined : 'dimmed'}
              >
                <Table.Td>{a.code}</Table.Td>
                <Table.Td pl={a.isPostable ? 28 : a.code.length > 1 ? 16 : 8}>{a.name}</Table.Td>
                <Table.Td>{a.accountType}</Table.Td>
                <Table.Td>{a.role && <Badge variant="light">{a.role}</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
