import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  PasswordInput,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, client, errorText, unwrap, type Role } from '../api';
import { PageTitle, useMembership, useOrgId } from '../App';

const COOP_ROLES: Role[] = ['admin', 'pengurus', 'pengawas', 'kasir', 'petugas_kredit', 'anggota'];
const DINAS_ROLES: Role[] = ['dinas_admin', 'dinas_pembina', 'dinas_pengawas'];

export function UsersPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const m = useMembership();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['users', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/users', { params: { path: { orgId: orgId } } })),
  });
  const [form, setForm] = useState({
    username: '',
    fullName: '',
    password: '',
    roles: [] as Role[],
  });
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/users', {
          params: { path: { orgId: orgId } },
          body: form,
        }),
      ),
    onSuccess: async () => {
      setForm({ username: '', fullName: '', password: '', roles: [] });
      setError(null);
      await qc.invalidateQueries({ queryKey: ['users', orgId] });
    },
    onError: (e) => setError(errorText(e, t('common.error'))),
  });
  const roles = m?.organizationKind === 'dinas' ? DINAS_ROLES : COOP_ROLES;
  const mayManage = can(m, 'users.manage');
  return (
    <Stack>
      <PageTitle>{t('users.title')}</PageTitle>
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Tbody>
            {q.data?.items.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.username}</Table.Td>
                <Table.Td>{u.fullName}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {u.roles.map((r) => (
                      <Badge key={r} variant="light">
                        {r}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {mayManage && (
        <Card withBorder maw={520}>
          <Stack>
            {error && <Alert color="red">{error}</Alert>}
            <TextInput
              label={t('login.username')}
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
            />
            <TextInput
              label={t('users.fullName')}
              value={form.fullName}
              onChange={(e) => setForm({ ...form, fullName: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('login.password')}
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
            <MultiSelect
              label={t('users.roles')}
              data={roles}
              value={form.roles}
              onChange={(v) => setForm({ ...form, roles: roles.filter((r) => v.includes(r)) })}
            />
            <Button onClick={() => create.mutate()} loading={create.isPending}>
              {t('users.add')}
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
