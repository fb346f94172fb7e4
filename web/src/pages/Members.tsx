import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Drawer,
  FileButton,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, errorText, unwrap, upload } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { date, rupiah } from '../format';
import { ErrorAlert } from '../components/ErrorAlert';
import { businessToday, daysAgo } from '../calendar';

const EMPTY = {
  nik: '',
  fullName: '',
  birthPlace: '',
  birthDate: '',
  gender: 'P',
  address: '',
  phone: '',
  occupation: '',
  heirName: '',
  heirRelationship: '',
};

export function MembersPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [registerOpen, register] = useDisclosure(false);
  const [form, setForm] = useState(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const can = useCan();
  const canRegister = can('members.register');
  const canImport = can('members.import');
  const importFile = useMutation({
    mutationFn: (file: File) =>
      upload<{ imported: number }>(`/orgs/${orgId}/imports/members`, file),
    onSuccess: (r) => {
      setNotice(t('members.imported', { count: r.imported }));
      void qc.invalidateQueries({ queryKey: ['members', orgId] });
    },
  });

  const list = useQuery({
    queryKey: ['members', orgId, q],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/members', {
          params: { path: { orgId: orgId }, query: { limit: 50, ...(q ? { q } : {}) } },
        }),
      ),
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/members', {
          params: { path: { orgId: orgId } },
          body: {
            nik: form.nik,
            fullName: form.fullName,
            birthPlace: form.birthPlace || null,
            birthDate: form.birthDate,
            gender: form.gender === 'L' ? 'L' : 'P',
            address: form.address || null,
            phone: form.phone || null,
            occupation: form.occupation || null,
            ...(form.heirName
              ? {
                  heirs: [
                    { fullName: form.heirName, relationship: form.heirRelationship || 'keluarga' },
                  ],
                }
              : {}),
          },
        }),
      ),
    onSuccess: () => {
      register.close();
      setForm(EMPTY);
      setNotice(t('members.registered'));
      void qc.invalidateQueries({ queryKey: ['members', orgId] });
    },
  });
  const field = (key: keyof typeof EMPTY, label: string, props: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      data-testid={`member-${key}`}
      {...props}
    />
  );

  return (
    <Stack>
      <PageTitle>{t('members.title')}</PageTitle>
      {notice && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-testid="member-notice"
        >
          {notice}
        </Alert>
      )}
      <Group>
        <TextInput
          placeholder={t('members.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
          data-testid="member-search"
        />
        {canRegister && (
          <Button onClick={register.open} data-testid="member-register">
            {t('members.register')}
          </Button>
        )}
        {canImport && (
          <>
            <Anchor href={`/api/v1/orgs/${orgId}/exports/members`} size="sm">
              {t('members.export')}
            </Anchor>
            <Anchor href={`/api/v1/orgs/${orgId}/imports/members/template`} size="sm">
              {t('members.template')}
            </Anchor>
            <FileButton
              accept="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(f) => f && importFile.mutate(f)}
            >
              {(props) => (
                <Button
                  variant="light"
                  size="xs"
                  loading={importFile.isPending}
                  {...props}
                  data-testid="member-import"
                >
                  {t('members.import')}
                </Button>
              )}
            </FileButton>
          </>
        )}
      </Group>
      {importFile.error && (
        <Alert
          color="red"
          title={errorText(importFile.error, t('common.error'))}
          data-testid="import-errors"
        >
          {(importFile.error instanceof ApiError ? importFile.error.errors : [])
            .slice(0, 50)
            .map((e) => (
              <Text size="sm" key={e.field}>
                {e.message}
              </Text>
            ))}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {list.data ? `${list.data.total}` : ''}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped highlightOnHover data-testid="member-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('members.number')}</Table.Th>
              <Table.Th>{t('members.name')}</Table.Th>
              <Table.Th>{t('members.status')}</Table.Th>
              <Table.Th ta="right">{t('members.arrears')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((r) => (
              <Table.Tr
                key={r.id}
                onClick={() => setSelected(r.id)}
                style={{ cursor: 'pointer' }}
                data-testid="member-row"
              >
                <Table.Td>{r.memberNumber ?? '—'}</Table.Td>
                <Table.Td>{r.fullName}</Table.Td>
                <Table.Td>
                  <Badge
                    color={
                      r.status === 'active' ? 'green' : r.status === 'applicant' ? 'yellow' : 'gray'
                    }
                  >
                    {t(`members.statuses.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right" c={r.wajibArrearsRupiah !== '0' ? 'red' : undefined}>
                  {rupiah(r.wajibArrearsRupiah)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Modal opened={registerOpen} onClose={register.close} title={t('members.register')} size="lg">
        <Stack>
          <ErrorAlert error={submit.error} data-testid="member-error" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('nik', t('members.nik'), { inputMode: 'numeric', maxLength: 16 })}
            {field('fullName', t('members.name'))}
            {field('birthPlace', t('members.birthPlace'))}
            {field('birthDate', t('members.birthDate'), { type: 'date' })}
            <Select
              label={t('members.gender')}
              data={[
                { value: 'P', label: t('members.female') },
                { value: 'L', label: t('members.male') },
              ]}
              value={form.gender}
              onChange={(v) => setForm({ ...form, gender: v ?? 'P' })}
              data-testid="member-gender"
            />
            {field('phone', t('members.phone'), { inputMode: 'tel' })}
            {field('address', t('members.address'))}
            {field('occupation', t('members.occupation'))}
            {field('heirName', t('members.heir'))}
            {field('heirRelationship', t('members.relationship'))}
          </SimpleGrid>
          <Button
            onClick={() => submit.mutate()}
            loading={submit.isPending}
            data-testid="member-submit"
          >
            {t('members.submit')}
          </Button>
        </Stack>
      </Modal>

      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="lg"
        title={t('members.title')}
      >
        {selected && <MemberPanel orgId={orgId} memberId={selected} />}
      </Drawer>
    </Stack>
  );
}

export function MemberPanel({ orgId, memberId }: { orgId: string; memberId: string }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['member', orgId, memberId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/members/{memberId}', {
          params: { path: { orgId, memberId } },
        }),
      ),
  });
  const d = detail.data;
  if (!d) return <Text>{t('common.loading')}</Text>;
  return (
    <Stack data-testid="member-panel">
      <div>
        <Text fw={700} size="lg">
          {d.fullName}
        </Text>
        <Text c="dimmed" size="sm">
          {d.memberNumber ?? '—'} · {t(`members.statuses.${d.status}`)} · NIK {d.nik}
        </Text>
        <Text size="sm">
          {d.birthPlace ? `${d.birthPlace}, ` : ''}
          {date(d.birthDate)} · {d.phone ?? ''}
        </Text>
        <Text size="sm">{d.address}</Text>
        {d.memberNumber && (
          <Anchor
            href={`/api/v1/orgs/${orgId}/members/${memberId}/card.pdf`}
            target="_blank"
            size="sm"
          >
            {t('members.card')}
          </Anchor>
        )}
      </div>
      {d.wajib && (
        <Alert color={d.wajib.arrearsRupiah === '0' ? 'green' : 'red'} data-testid="member-arrears">
          {t('members.arrears')}: {rupiah(d.wajib.arrearsRupiah)} ({d.wajib.monthsOwed})
        </Alert>
      )}
      <Card withBorder>
        <Text fw={600}>{t('members.accounts')}</Text>
        <Table>
          <Table.Tbody>
            {d.accounts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.productName}
                  <Text size="xs" c="dimmed">
                    {a.accountNumber}
                    {a.maturityOn ? ` · ${date(a.maturityOn)}` : ''} ·{' '}
                    <Anchor size="xs" href={statementUrl(orgId, a.id, 'pdf')} target="_blank">
                      PDF
                    </Anchor>{' '}
                    <Anchor size="xs" href={statementUrl(orgId, a.id, 'xlsx')}>
                      Excel
                    </Anchor>
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{rupiah(a.balanceRupiah)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={700}>{t('members.total')}</Table.Td>
              <Table.Td ta="right" fw={700}>
                {rupiah(d.totals.savingsRupiah)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
      {d.loans.length > 0 && (
        <Card withBorder>
          <Text fw={600}>{t('members.loans')}</Text>
          {d.loans.map((l) => (
            <Group key={l.id} justify="space-between">
              <Text size="sm">
                {l.loanNumber} · {l.status} {l.collectibility ? `· ${l.collectibility}` : ''}
              </Text>
              <Text size="sm">{rupiah(l.outstandingPrincipalRupiah)}</Text>
            </Group>
          ))}
        </Card>
      )}
    </Stack>
  );
}

/** Rekening koran of the last twelve months. */
function statementUrl(orgId: string, accountId: string, format: 'pdf' | 'xlsx'): string {
  const to = businessToday();
  const from = daysAgo(365);
  return `/api/v1/orgs/${orgId}/savings-accounts/${accountId}/statement?from=${from}&to=${to}&format=${format}`;
}
