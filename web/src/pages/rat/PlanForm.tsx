import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap, type Body } from '../../api';
import { businessToday } from '../../calendar';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';

type PlanBody = Body<'/api/v1/orgs/{orgId}/rat/meetings'>;
type Item = NonNullable<PlanBody['agenda']>[number];
type Mode = PlanBody['mode'];

const KINDS = [
  'opening',
  'accountability',
  'supervision',
  'statements',
  'shu',
  'plan',
  'adart',
  'election',
  'other',
] as const;
const MAJORITIES = ['none', 'simple', 'two-thirds'] as const;

/** The usual agenda (the server's standardAgenda in src/services/rat.ts), to be edited. */
export function standardAgenda(year: number): Item[] {
  return [
    {
      title: 'Pembukaan dan pengesahan tata tertib rapat',
      kind: 'opening',
      majority: 'simple',
      ballot: 'open',
      motion: 'Tata tertib RAT disahkan',
    },
    {
      title: `Laporan pertanggungjawaban pengurus tahun buku ${year}`,
      kind: 'accountability',
      majority: 'simple',
      ballot: 'open',
      motion: `Laporan pertanggungjawaban pengurus tahun buku ${year} diterima`,
    },
    {
      title: `Laporan pengawas tahun buku ${year}`,
      kind: 'supervision',
      majority: 'none',
      ballot: 'open',
      motion: null,
    },
    {
      title: `Pengesahan laporan keuangan tahun buku ${year}`,
      kind: 'statements',
      majority: 'simple',
      ballot: 'open',
      motion: `Laporan keuangan tahun buku ${year} disahkan`,
    },
    {
      title: `Penetapan pembagian SHU tahun buku ${year}`,
      kind: 'shu',
      majority: 'simple',
      ballot: 'secret',
      motion: `Usulan pembagian SHU tahun buku ${year} disetujui`,
    },
    {
      title: `Rencana kerja dan RAPB tahun ${year + 1}`,
      kind: 'plan',
      majority: 'simple',
      ballot: 'open',
      motion: `Rencana kerja dan RAPB tahun ${year + 1} disahkan`,
    },
  ];
}

const num = (v: string | number, fallback: number) =>
  typeof v === 'number' ? v : Number.isFinite(Number(v)) && v !== '' ? Number(v) : fallback;

/**
 * The plan of a RAT (docs/domain/rat.md): book year, mode, date and time, place and link, the
 * reason when the date is after 30 June of the next year, the AD/ART rules and the agenda (the
 * usual six items, editable). The server's refusals land at their fields or above the button.
 */
export function PlanForm({
  orgId,
  onDone,
  onCancel,
}: {
  orgId: string;
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const thisYear = Number(businessToday().slice(0, 4));
  const [bookYear, setBookYear] = useState(thisYear - 1);
  const [mode, setMode] = useState<Mode>('in-person');
  const [scheduledOn, setScheduledOn] = useState('');
  const [startsAt, setStartsAt] = useState('09:00');
  const [location, setLocation] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [lateReason, setLateReason] = useState('');
  const [qn, setQn] = useState(1);
  const [qd, setQd] = useState(2);
  const [qPlus, setQPlus] = useState(true);
  const [secondCall, setSecondCall] = useState(true);
  const [sn, setSn] = useState(1);
  const [sd, setSd] = useState(5);
  const [sPlus, setSPlus] = useState(false);
  const [proxies, setProxies] = useState(0);
  const [proxiesCount, setProxiesCount] = useState(true);
  const [leadDays, setLeadDays] = useState(14);
  const [agenda, setAgenda] = useState<Item[]>(() => standardAgenda(thisYear - 1));
  const [agendaTouched, setAgendaTouched] = useState(false);

  const deadline = `${bookYear + 1}-06-30`;
  const late = scheduledOn !== '' && scheduledOn > deadline;
  const online = mode !== 'in-person';
  const inPerson = mode !== 'online';

  const changeYear = (y: number) => {
    setBookYear(y);
    // the usual agenda names the year; follow it until the user edits the agenda
    if (!agendaTouched && y >= 2000 && y <= 2100) setAgenda(standardAgenda(y));
  };
  const editAgenda = (next: Item[]) => {
    setAgendaTouched(true);
    setAgenda(next);
  };
  const setItem = (i: number, patch: Partial<Item>) =>
    editAgenda(agenda.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const move = (i: number, by: number) => {
    const next = [...agenda];
    const [x] = next.splice(i, 1);
    next.splice(i + by, 0, x!);
    editAgenda(next);
  };

  const plan = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings', {
          params: { path: { orgId } },
          body: {
            bookYear,
            mode,
            scheduledOn,
            startsAt,
            location: inPerson ? location.trim() || null : null,
            onlineUrl: online ? onlineUrl.trim() || null : null,
            lateReason: late ? lateReason.trim() || null : null,
            rules: {
              quorum: { numerator: qn, denominator: qd, plusOne: qPlus },
              secondCallQuorum: secondCall
                ? { numerator: sn, denominator: sd, plusOne: sPlus }
                : null,
              proxiesPerHolderMax: proxies,
              proxiesCountForQuorum: proxiesCount,
              invitationLeadDays: leadDays,
            },
            agenda: agenda.map((a) => ({
              ...a,
              motion: a.majority === 'none' ? null : a.motion?.trim() || null,
            })),
          },
        }),
      ),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: ['rat-meetings', orgId] });
      onDone(m.id);
    },
  });
  // the problem+json's per-field messages (body.scheduledOn, body.agenda.2.title, …)
  const fieldErrors = plan.error instanceof ApiError ? plan.error.errors : [];
  const err = (field: string) =>
    fieldErrors.find((e) => e.field === `body.${field}` || e.field.startsWith(`body.${field}.`))
      ?.message;

  return (
    <Card withBorder data-testid="rat-plan">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          plan.mutate();
        }}
      >
        <Stack>
          <Text fw={600} component="h2" size="lg">
            {t('ratMeeting.plan')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <NumberInput
              label={t('ratMeeting.bookYear')}
              value={bookYear}
              onChange={(v) => changeYear(num(v, bookYear))}
              min={2000}
              max={2100}
              allowDecimal={false}
              thousandSeparator={false}
              error={err('bookYear')}
              data-testid="rat-plan-year"
            />
            <Select
              label={t('ratMeeting.mode')}
              value={mode}
              onChange={(v) => v && setMode(v)}
              allowDeselect={false}
              data={(['in-person', 'online', 'hybrid'] as const).map((m) => ({
                value: m,
                label: t(`ratMeeting.modes.${m}`),
              }))}
              error={err('mode')}
              data-testid="rat-plan-mode"
            />
            <DayInput
              label={t('ratMeeting.date')}
              value={scheduledOn}
              onChange={(e) => setScheduledOn(e.currentTarget.value)}
              required
              error={err('scheduledOn')}
              data-testid="rat-plan-date"
            />
            <TextInput
              type="time"
              label={t('ratMeeting.time')}
              value={startsAt}
              onChange={(e) => setStartsAt(e.currentTarget.value)}
              required
              error={err('startsAt')}
              data-testid="rat-plan-time"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {inPerson && (
              <TextInput
                label={t('ratMeeting.location')}
                value={location}
                onChange={(e) => setLocation(e.currentTarget.value)}
                maxLength={300}
                error={err('location')}
                data-testid="rat-plan-location"
              />
            )}
            {online && (
              <TextInput
                label={t('ratMeeting.onlineUrl')}
                description={t('ratMeeting.onlineUrlHelp')}
                value={onlineUrl}
                onChange={(e) => setOnlineUrl(e.currentTarget.value)}
                placeholder="https://"
                error={err('onlineUrl')}
                data-testid="rat-plan-url"
              />
            )}
          </SimpleGrid>
          {late && (
            <Textarea
              label={t('ratMeeting.lateReason')}
              description={t('ratMeeting.lateHelp', { year: bookYear + 1 })}
              value={lateReason}
              onChange={(e) => setLateReason(e.currentTarget.value)}
              maxLength={500}
              autosize
              minRows={2}
              error={err('lateReason')}
              data-testid="rat-plan-late-reason"
            />
          )}

          <Text fw={600} component="h3" size="md">
            {t('ratMeeting.rules')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Fieldset legend={t('ratMeeting.quorum')}>
              <Group align="flex-end" wrap="wrap">
                <NumberInput
                  label={t('ratMeeting.numerator')}
                  value={qn}
                  onChange={(v) => setQn(num(v, qn))}
                  min={0}
                  max={100}
                  w={110}
                  allowDecimal={false}
                  error={err('rules.quorum')}
                  data-testid="rat-plan-quorum-n"
                />
                <NumberInput
                  label={t('ratMeeting.denominator')}
                  value={qd}
                  onChange={(v) => setQd(num(v, qd))}
                  min={1}
                  max={100}
                  w={110}
                  allowDecimal={false}
                  data-testid="rat-plan-quorum-d"
                />
                <Checkbox
                  label={t('ratMeeting.plusOne')}
                  checked={qPlus}
                  onChange={(e) => setQPlus(e.currentTarget.checked)}
                  mb={8}
                />
              </Group>
            </Fieldset>
            <Fieldset legend={t('ratMeeting.secondCall')}>
              <Stack gap="xs">
                <Checkbox
                  label={t('ratMeeting.secondCallNone')}
                  checked={!secondCall}
                  onChange={(e) => setSecondCall(!e.currentTarget.checked)}
                />
                {secondCall && (
                  <Group align="flex-end" wrap="wrap">
                    <NumberInput
                      label={t('ratMeeting.numerator')}
                      value={sn}
                      onChange={(v) => setSn(num(v, sn))}
                      min={0}
                      max={100}
                      w={110}
                      allowDecimal={false}
                      error={err('rules.secondCallQuorum')}
                    />
                    <NumberInput
                      label={t('ratMeeting.denominator')}
                      value={sd}
                      onChange={(v) => setSd(num(v, sd))}
                      min={1}
                      max={100}
                      w={110}
                      allowDecimal={false}
                    />
                    <Checkbox
                      label={t('ratMeeting.plusOne')}
                      checked={sPlus}
                      onChange={(e) => setSPlus(e.currentTarget.checked)}
                      mb={8}
                    />
                  </Group>
                )}
              </Stack>
            </Fieldset>
            <NumberInput
              label={t('ratMeeting.proxies')}
              value={proxies}
              onChange={(v) => setProxies(num(v, proxies))}
              min={0}
              max={10}
              allowDecimal={false}
              error={err('rules.proxiesPerHolderMax')}
              data-testid="rat-plan-proxies"
            />
            <NumberInput
              label={t('ratMeeting.leadDays')}
              value={leadDays}
              onChange={(v) => setLeadDays(num(v, leadDays))}
              min={0}
              max={60}
              allowDecimal={false}
              error={err('rules.invitationLeadDays')}
              data-testid="rat-plan-lead"
            />
            {proxies > 0 && (
              <Checkbox
                label={t('ratMeeting.proxiesCount')}
                checked={proxiesCount}
                onChange={(e) => setProxiesCount(e.currentTarget.checked)}
              />
            )}
          </SimpleGrid>

          <Text fw={600} component="h3" size="md">
            {t('ratMeeting.agenda')}
          </Text>
          <Text size="sm">{t('ratMeeting.agendaHelp')}</Text>
          <Stack gap="sm" data-testid="rat-plan-agenda">
            {agenda.map((a, i) => {
              const n = i + 1;
              return (
                <Card key={i} withBorder padding="sm" data-testid={`rat-plan-item-${n}`}>
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="nowrap">
                      <Text fw={600} size="sm">
                        {t('ratMeeting.item', { n })}
                      </Text>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="default"
                          aria-label={t('ratMeeting.moveUp', { n })}
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          aria-label={t('ratMeeting.moveDown', { n })}
                          disabled={i === agenda.length - 1}
                          onClick={() => move(i, 1)}
                        >
                          ↓
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          aria-label={t('ratMeeting.removeItem', { n })}
                          disabled={agenda.length === 1}
                          onClick={() => editAgenda(agenda.filter((_, j) => j !== i))}
                        >
                          ✕
                        </ActionIcon>
                      </Group>
                    </Group>
                    <TextInput
                      label={t('ratMeeting.itemTitle')}
                      value={a.title}
                      onChange={(e) => setItem(i, { title: e.currentTarget.value })}
                      maxLength={300}
                      error={err(`agenda.${i}.title`)}
                    />
                    <SimpleGrid cols={{ base: 1, sm: 3 }}>
                      <Select
                        label={t('ratMeeting.kind')}
                        value={a.kind}
                        allowDeselect={false}
                        onChange={(v) => v && setItem(i, { kind: v })}
                        data={KINDS.map((k) => ({ value: k, label: t(`ratMeeting.kinds.${k}`) }))}
                      />
                      <Select
                        label={t('ratMeeting.majority')}
                        value={a.majority}
                        allowDeselect={false}
                        onChange={(v) => v && setItem(i, { majority: v })}
                        data={MAJORITIES.map((k) => ({
                          value: k,
                          label: t(`ratMeeting.majorities.${k}`),
                        }))}
                      />
                      <Select
                        label={t('ratMeeting.ballot')}
                        value={a.ballot ?? 'open'}
                        allowDeselect={false}
                        disabled={a.majority === 'none'}
                        onChange={(v) => v && setItem(i, { ballot: v })}
                        data={(['open', 'secret'] as const).map((k) => ({
                          value: k,
                          label: t(`ratMeeting.ballots.${k}`),
                        }))}
                      />
                    </SimpleGrid>
                    {a.majority !== 'none' && (
                      <TextInput
                        label={t('ratMeeting.motion')}
                        value={a.motion ?? ''}
                        onChange={(e) => setItem(i, { motion: e.currentTarget.value })}
                        maxLength={1000}
                        error={err(`agenda.${i}.motion`)}
                      />
                    )}
                  </Stack>
                </Card>
              );
            })}
            <Button
              variant="default"
              onClick={() =>
                editAgenda([
                  ...agenda,
                  { title: '', kind: 'other', majority: 'simple', ballot: 'open', motion: '' },
                ])
              }
              disabled={agenda.length >= 50}
              data-testid="rat-plan-add-item"
            >
              {t('ratMeeting.addItem')}
            </Button>
          </Stack>
          <ErrorAlert error={plan.error} data-testid="rat-plan-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('ratMeeting.cancel')}
            </Button>
            <Button type="submit" loading={plan.isPending} data-testid="rat-plan-save">
              {t('ratMeeting.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
