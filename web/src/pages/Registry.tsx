import { Badge, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { PageTitle } from '../App';

interface Coop {
  id: string;
  name: string;
  cooperativeType: string | null;
  nikKoperasi: string | null;
  address: string | null;
}

export function RegistryPage() {
  const { t } = useTranslation();
  const { orgId } = useParams();
  const q = useQuery({
    queryKey: ['registry', orgId],
    queryFn: () => api<{ items: Coop[] }>('GET', `/orgs/${orgId}/supervised-cooperatives`),
  });
  return (
    <>
      <PageTitle>{t('registry.title')}</PageTitle>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('registry.name')}</Table.Th>
              <Table.Th>{t('registry.type')}</Table.Th>
              <Table.Th>{t('registry.nik')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data?.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{c.cooperativeType}</Badge>
                </Table.Td>
                <Table.Td>{c.nikKoperasi}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
