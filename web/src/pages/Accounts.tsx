import { Badge, Button, Card, Group, Switch, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { ErrorAlert } from '../components/ErrorAlert';

type Account = Answer<'/api/v1/orgs/{orgId}/accounts'>['items'][number];

export function AccountsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const manage = useCan()('accounts.manage');
  const [form, setForm] = useState({ parentCode: '', code: '', name: '' });
  const q = useQuery({
    queryKey: ['accounts', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/accounts', { params: { path: { orgId } } })),
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/accounts', { params: { path: { orgId } }, body: form }),
      ),
    onSuccess: () => {
      setForm({ parentCode: '', code: '', name: '' });
      void qc.invalidateQueries({ queryKey: ['accounts', orgId] });
    },
  });
  const toggle = useMutation({
    mutationFn: (a: Account) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/accounts/{accountId}/active', {
          params: { path: { orgId, accountId: a.id } },
          body: { active: !a.active },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['accounts', orgId] }),
  });
  return (
    <>
      <PageTitle>{t('accounts.title')}</PageTitle>
      {manage && (
        <Card withBorder mb="md">
          <Text fw={600} mb="xs">
            {t('accounts.add')}
          </Text>
          <ErrorAlert error={add.error ?? toggle.error} mb="xs" />
          <Group grow align="end">
            <TextInput
              label={t('accounts.parent')}
              value={form.parentCode}
              onChange={(e) => setForm({ ...form, parentCode: e.currentTarget.value })}
            />
            <TextInput
              label={t('accounts.newCode')}
              value={form.code}
              onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
            />
            <TextInput
              label={t('accounts.accountName')}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
            <Button
              onClick={() => add.mutate()}
              loading={add.isPending}
              disabled={!form.parentCode || !form.code || form.name.length < 2}
            >
              {t('accounts.save')}
            </Button>
          </Group>
        </Card>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accounts.code')}</Table.Th>
              <Table.Th>{t('accounts.name')}</Table.Th>
              <Table.Th>{t('accounts.type')}</Table.Th>
              <Table.Th>{t('accounts.role')}</Table.Th>
              {manage && <Table.Th>{t('accounts.active')}</Table.Th>}
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
                {manage && (
                  <Table.Td>
                    {a.isPostable && (
                      <Switch
                        size="xs"
                        checked={a.active}
                        onChange={() => toggle.mutate(a)}
                        aria-label={`${t('accounts.active')} ${a.code}`}
                      />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
