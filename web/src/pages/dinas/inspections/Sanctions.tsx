import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../../api';
import { useCan, useOrgId } from '../../../App';
import { businessToday } from '../../../calendar';
import { DayInput } from '../../../components/DayInput';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { date } from '../../../format';

type Standing = Answer<'/api/v1/orgs/{orgId}/sanctions/cooperatives/{registryId}'>;
type Step = Standing['ladder'][number]['step'];
type Letter = Standing['letters'][number];

/** The ladder of one cooperative: steps with their legal basis, letters, the next step and issuing it. */
export function SanctionsTab({ registryId }: { registryId: string }) {
  const { t, i18n } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const q = useQuery({
    queryKey: ['sanctions', orgId, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/sanctions/cooperatives/{registryId}', {
          params: { path: { orgId, registryId } },
        }),
      ),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  const s = q.data;
  if (!s) return null;
  const title = (step: Step | null) => {
    const l = s.ladder.find((x) => x.step === step);
    return l ? (i18n.language === 'en' ? l.titleEn : l.title) : '—';
  };
  const current = s.letters.find((l) => l.id === s.next.currentLetterId);
  return (
    <Stack data-testid="sanctions-tab">
      <Card withBorder component="section" data-testid="sanctions-next">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('inspections.sanctions.next')}
          </Title>
          {s.next.allowed ? (
            <Text data-testid="sanctions-next-text">
              {t('inspections.sanctions.allowed', { step: title(s.next.allowed) })}
            </Text>
          ) : s.next.blocked ? (
            <Alert color="orange.9" variant="light" data-testid="sanctions-next-text">
              {t(`inspections.sanctions.blocked.${s.next.blocked}`, {
                step: title(s.next.step),
                date: s.next.allowedFrom ? date(s.next.allowedFrom) : '',
              })}
              {current
                ? ` ${current.number}: ${t('inspections.sanctions.deadlineOn')} ${date(current.deadlineOn)}.`
                : ''}
            </Alert>
          ) : null}
          {can('dinas.supervise') && (
            // a fresh form whenever the ladder moves: the step, findings and deadline it proposes
            <IssueForm
              key={`${s.next.allowed}-${s.next.step}-${s.letters.length}-${s.next.currentLetterId}`}
              s={s}
              title={title}
            />
          )}
        </Stack>
      </Card>
      <LettersCard
        letters={s.letters}
        title={title}
        registryId={registryId}
        currentLetterId={s.next.currentLetterId}
      />
      {can('dinas.manage') && <NumberFormatCard />}
      <Card withBorder component="section">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('inspections.sanctions.ladder')}
          </Title>
          <Table.ScrollContainer
            minWidth={600}
            tabIndex={0}
            aria-label={t('inspections.sanctions.ladder')}
          >
            <Table data-testid="sanctions-ladder">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inspections.sanctions.step')}</Table.Th>
                  <Table.Th>{t('inspections.sanctions.basis')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.ladder.map((l) => {
                  const reached = s.letters.some((x) => x.step === l.step && !x.revocation);
                  return (
                    <Table.Tr key={l.step}>
                      <Table.Td>
                        <Text fw={reached ? 700 : 400}>
                          {l.order}. {i18n.language === 'en' ? l.titleEn : l.title}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {t('inspections.sanctions.days', { count: l.defaultCorrectionDays })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <List size="xs" spacing={2}>
                          {l.legalBasis.map((b) => (
                            <List.Item key={b.citation}>
                              {b.citation}{' '}
                              <Badge size="xs" color={b.confirmed ? 'teal.9' : 'orange.9'}>
                                {b.confirmed
                                  ? t('inspections.sanctions.confirmed')
                                  : t('inspections.sanctions.toConfirm')}
                              </Badge>
                              <Text size="xs" c="gray.7">
                                {b.note}
                              </Text>
                            </List.Item>
                          ))}
                        </List>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Card>
    </Stack>
  );
}

function IssueForm({ s, title }: { s: Standing; title: (step: Step | null) => string }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step | null>(s.next.allowed ?? s.next.step);
  const [findingIds, setFindingIds] = useState<string[]>(s.next.findingIds);
  const [correction, setCorrection] = useState('');
  const [deadlineOn, setDeadlineOn] = useState(s.next.defaultDeadline ?? '');
  const issue = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/sanctions/letters', {
          params: { path: { orgId } },
          body: {
            registryId: s.registryId,
            step: step!,
            findingIds,
            correction,
            ...(deadlineOn ? { deadlineOn } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setCorrection('');
      await qc.invalidateQueries({ queryKey: ['sanctions', orgId] });
    },
  });
  const open = s.findings.filter((f) => !f.resolved);
  if (open.length === 0 && s.letters.length === 0)
    return <Text size="sm">{t('inspections.sanctions.noOpenFindings')}</Text>;
  return (
    <Stack gap="xs">
      <Select
        label={t('inspections.sanctions.step')}
        data={s.ladder.map((l) => ({ value: l.step, label: title(l.step) }))}
        value={step}
        onChange={(v) => setStep(v)}
        allowDeselect={false}
        w={{ base: '100%', sm: 360 }}
        data-testid="issue-step"
      />
      <Checkbox.Group
        label={t('inspections.sanctions.findings')}
        value={findingIds}
        onChange={setFindingIds}
      >
        <Stack gap={4} mt={4}>
          {open.map((f) => (
            <Checkbox key={f.id} value={f.id} label={f.description} data-testid="issue-finding" />
          ))}
        </Stack>
      </Checkbox.Group>
      <Textarea
        label={t('inspections.sanctions.correction')}
        value={correction}
        onChange={(e) => setCorrection(e.currentTarget.value)}
        maxLength={4000}
        autosize
        minRows={2}
        data-testid="issue-correction"
      />
      <DayInput
        label={t('inspections.sanctions.deadlineOn')}
        value={deadlineOn}
        onChange={(e) => setDeadlineOn(e.currentTarget.value)}
        w={200}
        data-testid="issue-deadline"
      />
      {issue.error && <ErrorAlert error={issue.error} data-testid="issue-error" />}
      {issue.data && (
        <Text size="sm" c="teal.9" role="status">
          {t('inspections.sanctions.issued', { number: issue.data.number })}
        </Text>
      )}
      <Group>
        <Button
          onClick={() => issue.mutate()}
          loading={issue.isPending}
          disabled={!step || !correction.trim() || findingIds.length === 0}
          data-testid="issue-letter"
        >
          {t('inspections.sanctions.issue', { step: title(step) })}
        </Button>
      </Group>
    </Stack>
  );
}

function LettersCard({
  letters,
  title,
  registryId,
  currentLetterId,
}: {
  letters: Letter[];
  title: (step: Step | null) => string;
  registryId: string;
  currentLetterId: string | null;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  return (
    <Card withBorder component="section">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('inspections.sanctions.letters')}
        </Title>
        {letters.length === 0 && <Text size="sm">{t('inspections.sanctions.noLetters')}</Text>}
        {letters.map((l) => (
          <Card key={l.id} withBorder data-testid="letter">
            <Stack gap={4}>
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>
                  {title(l.step)} · {l.number}
                </Text>
                <Anchor
                  href={`/api/v1/orgs/${orgId}/sanctions/letters/${l.id}/letter.pdf`}
                  data-testid="letter-pdf"
                >
                  {t('inspections.sanctions.pdf', { number: l.number })}
                </Anchor>
              </Group>
              <Text size="sm">
                {t('inspections.sanctions.issuedOn')} {date(l.issuedOn)} ·{' '}
                {t('inspections.sanctions.deadlineOn')} {date(l.deadlineOn)} · {l.officerName}
              </Text>
              <Text size="sm" data-testid="letter-delivery">
                {t('inspections.sanctions.delivery')}:{' '}
                {l.delivery
                  ? t('inspections.sanctions.delivered', {
                      date: date(l.delivery.deliveredOn),
                      method: t(`inspections.sanctions.methods.${l.delivery.method}`),
                      by: l.delivery.receivedBy,
                    })
                  : t('inspections.sanctions.notDelivered')}
              </Text>
              {l.revocation && (
                <Badge color="red.9">
                  {t('inspections.sanctions.revoked', { date: date(l.revocation.revokedOn) })}
                </Badge>
              )}
              {!l.delivery && !l.revocation && can('dinas.supervise') && (
                <DeliveryForm letter={l} registryId={registryId} />
              )}
              {l.id === currentLetterId && can('dinas.supervise') && (
                <RevokeForm letter={l} registryId={registryId} />
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function DeliveryForm({ letter, registryId }: { letter: Letter; registryId: string }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [deliveredOn, setDeliveredOn] = useState(businessToday());
  const [method, setMethod] = useState<'hand' | 'post' | 'courier' | 'email'>('hand');
  const [receivedBy, setReceivedBy] = useState('');
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/sanctions/letters/{letterId}/delivery', {
          params: { path: { orgId, letterId: letter.id } },
          body: { deliveredOn, method, receivedBy },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sanctions', orgId, registryId] }),
  });
  return (
    <Stack gap={4}>
      <Group align="end" wrap="wrap">
        <DayInput
          label={t('inspections.sanctions.deliveredOn')}
          value={deliveredOn}
          onChange={(e) => setDeliveredOn(e.currentTarget.value)}
          data-testid="delivery-date"
        />
        <Select
          label={t('inspections.sanctions.method')}
          data={(['hand', 'post', 'courier', 'email'] as const).map((m) => ({
            value: m,
            label: t(`inspections.sanctions.methods.${m}`),
          }))}
          value={method}
          onChange={(v) => v && setMethod(v)}
          allowDeselect={false}
          w={180}
        />
        <TextInput
          label={t('inspections.sanctions.receivedBy')}
          value={receivedBy}
          onChange={(e) => setReceivedBy(e.currentTarget.value)}
          maxLength={200}
          data-testid="delivery-received-by"
        />
        <Button
          variant="default"
          onClick={() => record.mutate()}
          loading={record.isPending}
          disabled={!receivedBy.trim()}
          data-testid="delivery-record"
        >
          {t('inspections.sanctions.recordDelivery')}
        </Button>
      </Group>
      {record.error && <ErrorAlert error={record.error} />}
    </Stack>
  );
}

/** Revokes the latest letter issued in error: it stays on record and stops counting. */
function RevokeForm({ letter, registryId }: { letter: Letter; registryId: string }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/sanctions/letters/{letterId}/revoke', {
          params: { path: { orgId, letterId: letter.id } },
          body: { reason },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sanctions', orgId, registryId] }),
  });
  return (
    <Stack gap={4}>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('inspections.sanctions.revokeReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={2000}
          style={{ flex: '1 1 240px' }}
        />
        <Button
          variant="default"
          color="red.9"
          onClick={() => revoke.mutate()}
          loading={revoke.isPending}
          disabled={!reason.trim()}
        >
          {t('inspections.sanctions.revoke', { number: letter.number })}
        </Button>
      </Group>
      <Text size="xs" c="gray.7">
        {t('inspections.sanctions.revokeHint')}
      </Text>
      {revoke.error && <ErrorAlert error={revoke.error} />}
    </Stack>
  );
}

/** The office's letter-number format (its administrator's setting). */
function NumberFormatCard() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['sanction-settings', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/sanctions/settings', { params: { path: { orgId } } }),
      ),
  });
  const [format, setFormat] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/sanctions/settings', {
          params: { path: { orgId } },
          body: { numberFormat: format ?? '' },
        }),
      ),
    onSuccess: async () => {
      setFormat(null);
      await qc.invalidateQueries({ queryKey: ['sanction-settings', orgId] });
    },
  });
  if (!q.data) return null;
  return (
    <Card withBorder component="section">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('inspections.sanctions.numberFormat')}
        </Title>
        <Group align="end" wrap="wrap">
          <TextInput
            label={t('inspections.sanctions.numberFormatLabel')}
            value={format ?? q.data.numberFormat}
            onChange={(e) => setFormat(e.currentTarget.value)}
            maxLength={100}
            w={{ base: '100%', sm: 320 }}
          />
          <Button
            variant="default"
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={format === null || format === q.data.numberFormat}
          >
            {t('inspections.sanctions.numberFormatSave')}
          </Button>
        </Group>
        <Text size="xs" c="gray.7">
          {t('inspections.sanctions.numberFormatHint', { example: q.data.example })}
        </Text>
        {save.error && <ErrorAlert error={save.error} />}
      </Stack>
    </Card>
  );
}
