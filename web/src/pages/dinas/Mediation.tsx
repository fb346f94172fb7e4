import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ScrollableTable } from '../../components/charts/ChartCard';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, rupiah } from '../../format';
import { CooperativePicker } from './assessments/Editor';

/**
 * Mediation (docs/domain/supervision-mediation.md): the cases the signed-in officer opened or is
 * assigned to (nobody else sees them, enforced in the database); a new case of a cooperative; in
 * a case the parties and their claims, the meetings and their minutes, the agreement with its
 * instalment plan and each payment, and closing it.
 */

type Detail = Answer<'/api/v1/orgs/{orgId}/mediation/cases/{caseId}'>;
const STATE_COLOR = { paid: 'green', partial: 'blue', overdue: 'red', due: 'gray' } as const;
const STATUS_COLOR = {
  open: 'blue',
  agreement: 'orange',
  resolved: 'green',
  failed: 'red',
} as const;

export function MediationPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const [opening, setOpening] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['mediation', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/mediation/cases', { params: { path: { orgId } } })),
  });
  return (
    <Stack data-testid="mediation-page">
      <PageTitle>{t('mediation.title')}</PageTitle>
      <Text size="sm" c="gray.7">
        {t('mediation.intro')}
      </Text>
      {may('registry.write') && (
        <Group>
          <Button onClick={() => setOpening((x) => !x)} data-testid="mediation-new">
            {t('mediation.new')}
          </Button>
        </Group>
      )}
      {opening && (
        <NewCase
          onOpened={(id) => {
            setOpening(false);
            setOpenId(id);
          }}
        />
      )}
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <Text c="gray.7">{t('mediation.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <ScrollableTable label={t('mediation.title')}>
          <Table fz="sm" miw={720} data-testid="mediation-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mediation.case')}</Table.Th>
                <Table.Th>{t('mediation.opened')}</Table.Th>
                <Table.Th>{t('mediation.status')}</Table.Th>
                <Table.Th ta="right">{t('mediation.claims')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id} data-testid="mediation-row">
                  <Table.Td>
                    {/* the title opens the case too: on a phone the button may be off-screen */}
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      fw={600}
                      c="blue.9"
                      ta="left"
                      onClick={() => setOpenId(c.id)}
                    >
                      {c.title}
                    </Anchor>
                    <Text size="xs" c="gray.7">
                      {c.cooperative} · {t(`mediation.kind.${c.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{date(c.openedOn)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[c.status]} variant="light">
                      {t(`mediation.statusName.${c.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{rupiah(c.claimsRupiah)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => setOpenId(c.id)}
                      aria-label={t('mediation.openFor', { title: c.title })}
                    >
                      {t('mediation.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
      {openId && <CaseView key={openId} caseId={openId} />}
    </Stack>
  );
}

function NewCase({ onOpened }: { onOpened: (id: string) => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const queryClient = useQueryClient();
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [kind, setKind] = useState<'gagal_bayar' | 'sengketa'>('gagal_bayar');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [officers, setOfficers] = useState<string[]>([]);
  const people = useQuery({
    queryKey: ['officers', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/officers', { params: { path: { orgId } } })),
  });
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mediation/cases', {
          params: { path: { orgId } },
          body: { registryId: registryId ?? '', kind, title, summary, officerUserIds: officers },
        }),
      ),
    onSuccess: async (c) => {
      await queryClient.invalidateQueries({ queryKey: ['mediation', orgId] });
      onOpened(c.id);
    },
  });
  return (
    <Card withBorder data-testid="mediation-new-form">
      <Stack gap="xs">
        <CooperativePicker
          label={t('mediation.cooperative')}
          value={registryId}
          onChange={setRegistryId}
          testId="mediation-cooperative"
        />
        <NativeSelect
          label={t('mediation.kindLabel')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as typeof kind)}
          data={[
            { value: 'gagal_bayar', label: t('mediation.kind.gagal_bayar') },
            { value: 'sengketa', label: t('mediation.kind.sengketa') },
          ]}
        />
        <TextInput
          label={t('mediation.caseTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-testid="mediation-title"
        />
        <Textarea
          label={t('mediation.summary')}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="mediation-summary"
        />
        <MultiSelect
          label={t('mediation.officers')}
          description={t('mediation.officersHint')}
          data={(people.data?.items ?? []).map((p) => ({ value: p.userId, label: p.fullName }))}
          value={officers}
          onChange={setOfficers}
          data-testid="mediation-officers"
        />
        {open.error && <ErrorAlert error={open.error} />}
        <Group>
          <Button
            onClick={() => open.mutate()}
            loading={open.isPending}
            disabled={!registryId || title.trim().length < 3 || summary.trim() === ''}
            data-testid="mediation-open"
          >
            {t('mediation.openCase')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function CaseView({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const orgId = useOrgId();
  const queryClient = useQueryClient();
  const key = ['mediation-case', orgId, caseId];
  const q = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/mediation/cases/{caseId}', {
          params: { path: { orgId, caseId } },
        }),
      ),
  });
  const done = async (d: Detail) => {
    queryClient.setQueryData(key, d);
    await queryClient.invalidateQueries({ queryKey: ['mediation', orgId] });
  };
  const c = q.data;
  const loaded = c !== undefined;
  // bring the case into view once it is there (on a phone it opens below the list)
  useEffect(() => {
    if (loaded) box.current?.scrollIntoView({ block: 'start' });
  }, [loaded]);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!c) return null;
  const closed = c.status === 'resolved' || c.status === 'failed';
  return (
    <Card withBorder data-testid="mediation-case" ref={box}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {c.title}
          </Title>
          <Badge color={STATUS_COLOR[c.status]} variant="light" data-testid="mediation-status">
            {t(`mediation.statusName.${c.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {c.cooperative} · {t(`mediation.kind.${c.kind}`)} · {t('mediation.opened')}{' '}
          {date(c.openedOn)} · {c.officers.map((o) => o.fullName).join(', ')}
        </Text>
        <Text size="sm" c="gray.7">
          {c.summary}
        </Text>

        <Title order={3} size="h5">
          {t('mediation.parties')} ({rupiah(c.claimsRupiah)})
        </Title>
        {c.partyList.map((p) => (
          <Text key={p.id} size="sm" data-testid="mediation-party">
            {t(`mediation.role.${p.role}`)}: <b>{p.name}</b>
            {p.claimRupiah ? ` — ${rupiah(p.claimRupiah)}` : ''}
            {p.claim ? ` (${p.claim})` : ''}
          </Text>
        ))}
        {!closed && <PartyForm caseId={caseId} onDone={done} />}

        <Title order={3} size="h5">
          {t('mediation.meetings')}
        </Title>
        {c.meetings.map((m) => (
          <Card key={m.id} withBorder padding="xs" data-testid="mediation-meeting">
            <Text size="xs" c="gray.7">
              {date(m.heldOn)}
              {m.place ? ` · ${m.place}` : ''} · {m.recordedBy}
            </Text>
            <Text size="sm">{m.minutes}</Text>
            <Text size="xs" c="gray.7">
              {t('mediation.attendees')}: {m.attendees}
            </Text>
          </Card>
        ))}
        {!closed && <MeetingForm caseId={caseId} onDone={done} />}

        <Title order={3} size="h5">
          {t('mediation.agreement')}
        </Title>
        {c.agreement ? (
          <Agreement c={c} onDone={done} />
        ) : c.status === 'open' ? (
          <AgreementForm caseId={caseId} onDone={done} />
        ) : (
          <Text size="sm">{t('mediation.noAgreement')}</Text>
        )}
        {!closed && <CloseForm c={c} onDone={done} />}
        {closed && (
          <Alert color={c.status === 'resolved' ? 'green' : 'red'}>
            {date(c.closedOn ?? '')}: {c.closingNote}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

type Done = (d: Detail) => Promise<void>;

function PartyForm({ caseId, onDone }: { caseId: string; onDone: Done }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [role, setRole] = useState<'pengadu' | 'koperasi' | 'lainnya'>('pengadu');
  const [name, setName] = useState('');
  const [claim, setClaim] = useState('');
  const [amount, setAmount] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mediation/cases/{caseId}/parties', {
          params: { path: { orgId, caseId } },
          body: {
            role,
            name,
            claim: claim.trim() || null,
            claimRupiah: amount.replace(/\D/g, '') || null,
          },
        }),
      ),
    onSuccess: async (d) => {
      setName('');
      setClaim('');
      setAmount('');
      await onDone(d);
    },
  });
  return (
    <Group align="flex-end" wrap="wrap" data-testid="mediation-party-form">
      <NativeSelect
        label={t('mediation.roleLabel')}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as typeof role)}
        data={(['pengadu', 'koperasi', 'lainnya'] as const).map((r) => ({
          value: r,
          label: t(`mediation.role.${r}`),
        }))}
      />
      <TextInput
        label={t('mediation.partyName')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        data-testid="mediation-party-name"
      />
      <TextInput
        label={t('mediation.claim')}
        value={claim}
        onChange={(e) => setClaim(e.currentTarget.value)}
      />
      <TextInput
        label={t('mediation.claimRupiah')}
        inputMode="numeric"
        value={amount}
        onChange={(e) => setAmount(e.currentTarget.value)}
        data-testid="mediation-party-amount"
      />
      <Button
        variant="default"
        onClick={() => add.mutate()}
        loading={add.isPending}
        disabled={name.trim() === ''}
        data-testid="mediation-party-add"
      >
        {t('mediation.addParty')}
      </Button>
      {add.error && <ErrorAlert error={add.error} w="100%" />}
    </Group>
  );
}

function MeetingForm({ caseId, onDone }: { caseId: string; onDone: Done }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [heldOn, setHeldOn] = useState('');
  const [place, setPlace] = useState('');
  const [attendees, setAttendees] = useState('');
  const [minutes, setMinutes] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mediation/cases/{caseId}/meetings', {
          params: { path: { orgId, caseId } },
          body: { heldOn, place: place.trim() || null, attendees, minutes },
        }),
      ),
    onSuccess: async (d) => {
      setHeldOn('');
      setPlace('');
      setAttendees('');
      setMinutes('');
      await onDone(d);
    },
  });
  return (
    <Stack gap={6} data-testid="mediation-meeting-form">
      <Group align="flex-end" wrap="wrap">
        <DayInput
          label={t('mediation.heldOn')}
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
          data-testid="mediation-meeting-date"
        />
        <TextInput
          label={t('mediation.place')}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
        />
      </Group>
      <TextInput
        label={t('mediation.attendees')}
        value={attendees}
        onChange={(e) => setAttendees(e.currentTarget.value)}
        data-testid="mediation-meeting-attendees"
      />
      <Textarea
        label={t('mediation.minutes')}
        value={minutes}
        onChange={(e) => setMinutes(e.currentTarget.value)}
        autosize
        minRows={2}
        data-testid="mediation-meeting-minutes"
      />
      {add.error && <ErrorAlert error={add.error} />}
      <Group>
        <Button
          variant="default"
          onClick={() => add.mutate()}
          loading={add.isPending}
          disabled={!heldOn || !attendees.trim() || !minutes.trim()}
          data-testid="mediation-meeting-add"
        >
          {t('mediation.addMeeting')}
        </Button>
      </Group>
    </Stack>
  );
}

function AgreementForm({ caseId, onDone }: { caseId: string; onDone: Done }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [signedOn, setSignedOn] = useState('');
  const [terms, setTerms] = useState('');
  const [total, setTotal] = useState('');
  const [count, setCount] = useState('3');
  const [firstDueOn, setFirstDueOn] = useState('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mediation/cases/{caseId}/agreement', {
          params: { path: { orgId, caseId } },
          body: {
            signedOn,
            terms,
            totalRupiah: total.replace(/\D/g, ''),
            instalments: Number(count),
            firstDueOn,
          },
        }),
      ),
    onSuccess: onDone,
  });
  return (
    <Stack gap={6} data-testid="mediation-agreement-form">
      <Group align="flex-end" wrap="wrap">
        <DayInput
          label={t('mediation.signedOn')}
          value={signedOn}
          onChange={(e) => setSignedOn(e.currentTarget.value)}
          data-testid="mediation-signed-on"
        />
        <TextInput
          label={t('mediation.total')}
          inputMode="numeric"
          value={total}
          onChange={(e) => setTotal(e.currentTarget.value)}
          data-testid="mediation-total"
        />
        <TextInput
          label={t('mediation.instalments')}
          inputMode="numeric"
          value={count}
          onChange={(e) => setCount(e.currentTarget.value)}
          data-testid="mediation-count"
        />
        <DayInput
          label={t('mediation.firstDue')}
          value={firstDueOn}
          onChange={(e) => setFirstDueOn(e.currentTarget.value)}
          data-testid="mediation-first-due"
        />
      </Group>
      <Textarea
        label={t('mediation.terms')}
        value={terms}
        onChange={(e) => setTerms(e.currentTarget.value)}
        autosize
        minRows={2}
        data-testid="mediation-terms"
      />
      {save.error && <ErrorAlert error={save.error} />}
      <Group>
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={!signedOn || !terms.trim() || !total || !firstDueOn}
          data-testid="mediation-agreement-save"
        >
          {t('mediation.saveAgreement')}
        </Button>
      </Group>
    </Stack>
  );
}

function Agreement({ c, onDone }: { c: Detail; onDone: Done }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const a = c.agreement!;
  const pay = useMutation({
    mutationFn: (i: { no: number; amountRupiah: string }) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mediation/cases/{caseId}/payments', {
          params: { path: { orgId, caseId: c.id } },
          body: { no: i.no, paidOn: c.today, amountRupiah: i.amountRupiah },
        }),
      ),
    onSuccess: onDone,
  });
  return (
    <Stack gap={6} data-testid="mediation-agreement">
      <Text size="sm">
        {date(a.signedOn)}: {a.terms}
      </Text>
      <Text size="sm" data-testid="mediation-progress">
        {t('mediation.progress', {
          paid: rupiah(a.paidRupiah),
          owed: rupiah(a.owedRupiah),
          overdue: rupiah(a.overdueRupiah),
          count: a.overdueCount,
        })}
      </Text>
      <ScrollableTable label={t('mediation.agreement')}>
        <Table fz="sm" miw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('mediation.dueOn')}</Table.Th>
              <Table.Th ta="right">{t('mediation.amount')}</Table.Th>
              <Table.Th ta="right">{t('mediation.paid')}</Table.Th>
              <Table.Th>{t('mediation.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.instalments.map((i) => (
              <Table.Tr key={i.no} data-testid="mediation-instalment">
                <Table.Td>{i.no}</Table.Td>
                <Table.Td>{date(i.dueOn)}</Table.Td>
                <Table.Td ta="right">{rupiah(i.amountRupiah)}</Table.Td>
                <Table.Td ta="right">{rupiah(i.paidRupiah)}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[i.state]} variant="light">
                    {t(`mediation.state.${i.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {i.state !== 'paid' && c.status === 'agreement' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() =>
                        pay.mutate({
                          no: i.no,
                          amountRupiah: (BigInt(i.amountRupiah) - BigInt(i.paidRupiah)).toString(),
                        })
                      }
                      aria-label={t('mediation.payFor', { no: i.no })}
                      data-testid="mediation-pay"
                    >
                      {t('mediation.pay')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
      {pay.error && <ErrorAlert error={pay.error} />}
    </Stack>
  );
}

function CloseForm({ c, onDone }: { c: Detail; onDone: Done }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [note, setNote] = useState('');
  const close = useMutation({
    mutationFn: (status: 'resolved' | 'failed') =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/mediation/cases/{caseId}/close', {
          params: { path: { orgId, caseId: c.id } },
          body: { status, note },
        }),
      ),
    onSuccess: onDone,
  });
  return (
    <Stack gap={6} data-testid="mediation-close-form">
      <TextInput
        label={t('mediation.closingNote')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        data-testid="mediation-closing-note"
      />
      {close.error && <ErrorAlert error={close.error} />}
      <Group>
        <Button
          variant="default"
          disabled={!note.trim()}
          onClick={() => close.mutate('resolved')}
          data-testid="mediation-resolve"
        >
          {t('mediation.resolve')}
        </Button>
        <Button
          variant="default"
          disabled={!note.trim()}
          onClick={() => close.mutate('failed')}
          data-testid="mediation-fail"
        >
          {t('mediation.fail')}
        </Button>
      </Group>
    </Stack>
  );
}
