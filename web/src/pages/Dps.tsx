import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrapJson, type Answer } from '../api';
import { PageTitle, useCan, useOrgId } from '../App';
import { businessToday } from '../calendar';
import { DayInput } from '../components/DayInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { useField } from '../components/useField';
import { date, dateTime } from '../format';

/**
 * The Dewan Pengawas Syariah of a KSPPS (docs/domain/sharia-dps.md): the composition status of
 * Permenkop 11/2017 with its reasons, the members with their appointment, term, declarations and
 * certificates, the reviews waiting for the DPS (a DPS member decides them here with an opinion),
 * and the yearly opinions.
 */

type Overview = Answer<'/api/v1/orgs/{orgId}/dps'>;
type Member = Overview['members'][number];
type Review = Answer<'/api/v1/orgs/{orgId}/dps/reviews'>['items'][number];

/** A colour with at least 4.5:1 on white for the words that carry a state. */
const RED = '#b02525';
const GREEN = '#1b6e3a';

export function DpsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const q = useQuery({
    queryKey: ['dps', orgId],
    queryFn: () =>
      unwrapJson(client.GET('/api/v1/orgs/{orgId}/dps', { params: { path: { orgId } } })),
  });
  const c = q.data?.composition;
  return (
    <Stack>
      <PageTitle>{t('dps.title')}</PageTitle>
      <Text size="sm" c="dimmed">
        {t('dps.intro')}
      </Text>
      <ErrorAlert error={q.error} />
      {c && (
        <Alert
          color={c.compliant ? 'teal' : 'red'}
          title={c.compliant ? t('dps.status.compliant') : t('dps.status.notCompliant')}
          data-testid="dps-composition"
        >
          <Text size="sm">
            {t('dps.status.counts', {
              on: date(c.on),
              inOffice: c.inOffice,
              eligible: c.eligible,
              certified: c.certified,
            })}
          </Text>
          {c.reasons.length > 0 && (
            <List size="sm" mt="xs">
              {c.reasons.map((r, i) => (
                <List.Item key={i}>{t(`dps.reasons.${r.code}`, { name: r.name ?? '' })}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {q.data && (
        <>
          <Title order={3} size="h4">
            {t('dps.members.title')}
          </Title>
          {q.data.members.length === 0 && <Text c="dimmed">{t('dps.members.none')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} data-testid="dps-members">
            {q.data.members.map((m) => (
              <MemberCard key={m.id} m={m} />
            ))}
          </SimpleGrid>
        </>
      )}
      {can('dps.manage') && q.data && <AppointForm orgId={orgId} members={q.data.members} />}
      <Reviews orgId={orgId} />
      <Opinions orgId={orgId} />
      <Checklist orgId={orgId} />
    </Stack>
  );
}

function yesNo(t: (k: string) => string, v: boolean | null) {
  return v === null ? t('dps.decl.unset') : v ? t('dps.decl.yes') : t('dps.decl.no');
}

function MemberCard({ m }: { m: Member }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid={`dps-member-${m.id}`}>
      <Text fw={700}>{m.fullName}</Text>
      <Text size="sm">
        {m.isCooperativeMember ? t('dps.members.insider') : t('dps.members.outsider')} ·{' '}
        <Text span fw={600} c={m.inOffice ? GREEN : RED}>
          {m.inOffice ? t('dps.members.inOffice') : t('dps.members.notInOffice')}
        </Text>
      </Text>
      {m.appointedByRa && (
        <Text size="sm">
          {t('dps.members.appointed', {
            date: date(m.appointedByRa.date),
            reference: m.appointedByRa.reference,
          })}
        </Text>
      )}
      {m.termStart && (
        <Text size="sm">
          {t('dps.members.term', {
            from: date(m.termStart),
            to: m.termEnd ? date(m.termEnd) : t('dps.members.openEnded'),
            n: m.terms.length,
          })}
        </Text>
      )}
      {m.endedOn && (
        <Text size="sm" c={RED}>
          {t('dps.members.ended', {
            date: date(m.endedOn),
            reason: t(`dps.endReasons.${m.endReason ?? 'term_ended'}`),
          })}
        </Text>
      )}
      <Text size="sm">
        {t('dps.decl.noConviction')}: {yesNo(t, m.declarations.noConviction)}
        {m.declarations.noConvictionOn ? ` (${date(m.declarations.noConvictionOn)})` : ''}
      </Text>
      <Text size="sm">
        {t('dps.decl.noRelation')}: {yesNo(t, m.declarations.noRelation)}
        {m.declarations.noRelationOn ? ` (${date(m.declarations.noRelationOn)})` : ''}
      </Text>
      <Text size="sm" fw={600} mt="xs">
        {t('dps.certs.title')}
      </Text>
      {m.certificates.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('dps.certs.none')}
        </Text>
      )}
      {m.certificates.map((c) => (
        <Text size="sm" key={c.id} data-testid="dps-certificate">
          {t(`dps.certs.${c.kind}`)} — {c.issuer}, {c.number}, {date(c.issuedOn)}
          {' – '}
          {c.validUntil ? date(c.validUntil) : t('dps.certs.noExpiry')} ·{' '}
          <Text span fw={600} c={c.valid ? GREEN : RED}>
            {c.valid ? t('dps.certs.valid') : t('dps.certs.invalid')}
          </Text>
        </Text>
      ))}
    </Card>
  );
}

function Reviews({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['dps-reviews', orgId],
    queryFn: () =>
      unwrapJson(
        client.GET('/api/v1/orgs/{orgId}/dps/reviews', {
          params: { path: { orgId }, query: { status: 'pending' } },
        }),
      ),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('dps.reviews.title')}
      </Title>
      <ErrorAlert error={q.error} />
      {q.data?.items.length === 0 && <Text c="dimmed">{t('dps.reviews.none')}</Text>}
      {q.data?.items.map((r) => (
        <ReviewCard key={r.id} orgId={orgId} r={r} />
      ))}
    </Stack>
  );
}

function detailsText(r: Review): string | null {
  const d = r.details as { text?: unknown } | null;
  return d && typeof d.text === 'string' ? d.text : null;
}

function ReviewCard({ orgId, r }: { orgId: string; r: Review }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [opinion, setOpinion] = useState('');
  const [fatwa, setFatwa] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approved' | 'rejected') =>
      unwrapJson(
        client.POST('/api/v1/orgs/{orgId}/dps/reviews/{reviewId}/decide', {
          params: { path: { orgId, reviewId: r.id } },
          body: { decision, opinion, fatwaReference: fatwa.trim() === '' ? null : fatwa },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['dps-reviews', orgId] });
      void qc.invalidateQueries({ queryKey: ['dps', orgId] });
    },
  });
  const text = detailsText(r);
  return (
    <Card withBorder data-testid={`dps-pending-${r.id}`}>
      <Text fw={700}>{r.title}</Text>
      <Text size="sm">
        {t(`dps.subjects.${r.subject}`)} · {dateTime(r.requestedAt)} ·{' '}
        <Text span fw={600}>
          {r.effect === 'waits' ? t('dps.reviews.waits') : t('dps.reviews.flagged')}
        </Text>
      </Text>
      {text && (
        <Text size="sm" mt="xs">
          {text}
        </Text>
      )}
      {can('dps.review') && (
        <Stack gap="xs" mt="sm">
          <Textarea
            label={t('dps.reviews.opinion')}
            value={opinion}
            onChange={(e) => setOpinion(e.currentTarget.value)}
            autosize
            minRows={2}
            data-testid="dps-review-opinion"
          />
          <TextInput
            label={t('dps.reviews.fatwa')}
            value={fatwa}
            onChange={(e) => setFatwa(e.currentTarget.value)}
            data-testid="dps-review-fatwa"
          />
          <ErrorAlert error={decide.error} data-testid="dps-review-error" />
          <Group>
            <Button
              onClick={() => decide.mutate('approved')}
              loading={decide.isPending}
              data-testid="dps-review-approve"
            >
              {t('dps.reviews.approve')}
            </Button>
            <Button
              color="red"
              variant="outline"
              onClick={() => decide.mutate('rejected')}
              loading={decide.isPending}
              data-testid="dps-review-reject"
            >
              {t('dps.reviews.reject')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

function Opinions({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['dps-opinions', orgId],
    queryFn: () =>
      unwrapJson(client.GET('/api/v1/orgs/{orgId}/dps/opinions', { params: { path: { orgId } } })),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('dps.opinions.title')}
      </Title>
      <ErrorAlert error={q.error} />
      {q.data?.items.length === 0 && <Text c="dimmed">{t('dps.opinions.none')}</Text>}
      {q.data?.items.map((o) => (
        <Card withBorder key={o.bookYear} data-testid={`dps-opinion-${o.bookYear}`}>
          <Text fw={700}>
            {t('dps.opinions.year', { year: o.bookYear, date: date(o.opinionDate) })}
          </Text>
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {o.opinion}
          </Text>
          <Text size="sm" mt="xs">
            {t('dps.opinions.signed', { names: o.signedBy.map((s) => s.name).join(', ') })}
          </Text>
          <Text size="sm">
            {o.reportedToDsnOn
              ? t('dps.opinions.reported', {
                  date: date(o.reportedToDsnOn),
                  reference: o.dsnReportReference ?? '—',
                })
              : t('dps.opinions.notReported')}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/** Items 1–3 of the sharia-compliance checklist for last book year (the sharia rubric). */
function Checklist({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const year = Number(businessToday().slice(0, 4)) - 1;
  const q = useQuery({
    queryKey: ['dps-checklist', orgId, year],
    queryFn: () =>
      unwrapJson(
        client.GET('/api/v1/orgs/{orgId}/dps/checklist/{year}', {
          params: { path: { orgId, year } },
        }),
      ),
  });
  return (
    <Stack gap="xs" data-testid="dps-checklist">
      <Title order={3} size="h4">
        {t('dps.checklist.title', { year })}
      </Title>
      <ErrorAlert error={q.error} />
      {q.data?.items.map((i) => (
        <Text size="sm" key={i.item}>
          {t(`dps.checklist.item${i.item}`)}:{' '}
          <Text span fw={600} c={i.met ? GREEN : RED}>
            {i.met ? t('dps.checklist.met') : t('dps.checklist.notMet')}
          </Text>{' '}
          <Text span c="dimmed" size="xs">
            ({i.evidence.join('; ')})
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

/**
 * The pengurus records what the rapat anggota decided: a new DPS member with the meeting and the
 * term, and the two declarations; or a certificate of a member.
 */
function AppointForm({ orgId, members }: { orgId: string; members: Member[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const name = useField('');
  const kind = useField<string | null>('outsider');
  const raDate = useField('');
  const raReference = useField('');
  const start = useField('');
  const end = useField('');
  const [declared, setDeclared] = useState(false);
  const certFor = useField<string | null>(null);
  const certKind = useField<string | null>('dsn_mui_training');
  const issuer = useField('');
  const number = useField('');
  const issued = useField('');
  const validUntil = useField('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['dps', orgId] });
  const appoint = useMutation({
    mutationFn: () =>
      unwrapJson(
        client.POST('/api/v1/orgs/{orgId}/dps/members', {
          params: { path: { orgId } },
          body: {
            fullName: name.value,
            isCooperativeMember: kind.value === 'member',
            raDate: raDate.value,
            raReference: raReference.value,
            termStart: start.value,
            termEnd: end.value === '' ? null : end.value,
            declarations: declared
              ? {
                  noConviction: { value: true, on: raDate.value },
                  noRelation: { value: true, on: raDate.value },
                }
              : { noConviction: null, noRelation: null },
          },
        }),
      ),
    onSuccess: refresh,
  });
  const certify = useMutation({
    mutationFn: () =>
      unwrapJson(
        client.POST('/api/v1/orgs/{orgId}/dps/members/{dpsMemberId}/certificates', {
          params: { path: { orgId, dpsMemberId: certFor.value ?? '0' } },
          body: {
            kind: certKind.value === 'lsp_competency' ? 'lsp_competency' : 'dsn_mui_training',
            issuer: issuer.value,
            number: number.value,
            issuedOn: issued.value,
            validUntil: validUntil.value === '' ? null : validUntil.value,
          },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder data-testid="dps-appoint">
        <Title order={4} size="h5" mb="xs">
          {t('dps.forms.appoint')}
        </Title>
        <Stack gap="xs">
          <TextInput label={t('dps.forms.name')} {...name.input} data-testid="dps-appoint-name" />
          <Select
            label={t('dps.forms.kind')}
            {...kind.input}
            allowDeselect={false}
            data={[
              { value: 'outsider', label: t('dps.members.outsider') },
              { value: 'member', label: t('dps.members.insider') },
            ]}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DayInput
              label={t('dps.forms.raDate')}
              {...raDate.input}
              data-testid="dps-appoint-ra-date"
            />
            <TextInput
              label={t('dps.forms.raReference')}
              {...raReference.input}
              data-testid="dps-appoint-ra-ref"
            />
            <DayInput
              label={t('dps.forms.termStart')}
              {...start.input}
              data-testid="dps-appoint-start"
            />
            <DayInput label={t('dps.forms.termEnd')} {...end.input} data-testid="dps-appoint-end" />
          </SimpleGrid>
          <Checkbox
            label={t('dps.forms.declared')}
            checked={declared}
            onChange={(e) => setDeclared(e.currentTarget.checked)}
          />
          <ErrorAlert error={appoint.error} data-testid="dps-appoint-error" />
          <Button
            onClick={() => appoint.mutate()}
            loading={appoint.isPending}
            data-testid="dps-appoint-save"
          >
            {t('dps.forms.save')}
          </Button>
        </Stack>
      </Card>
      <Card withBorder data-testid="dps-certify">
        <Title order={4} size="h5" mb="xs">
          {t('dps.forms.certificate')}
        </Title>
        <Stack gap="xs">
          <Select
            label={t('dps.forms.member')}
            {...certFor.input}
            data={members
              .filter((m) => m.endedOn === null)
              .map((m) => ({ value: m.id, label: m.fullName }))}
          />
          <Select
            label={t('dps.forms.certKind')}
            {...certKind.input}
            allowDeselect={false}
            data={[
              { value: 'dsn_mui_training', label: t('dps.certs.dsn_mui_training') },
              { value: 'lsp_competency', label: t('dps.certs.lsp_competency') },
            ]}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('dps.forms.issuer')} {...issuer.input} />
            <TextInput label={t('dps.forms.number')} {...number.input} />
            <DayInput label={t('dps.forms.issued')} {...issued.input} />
            <DayInput label={t('dps.forms.validUntil')} {...validUntil.input} />
          </SimpleGrid>
          <ErrorAlert error={certify.error} />
          <Button onClick={() => certify.mutate()} loading={certify.isPending}>
            {t('dps.forms.save')}
          </Button>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
