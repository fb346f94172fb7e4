import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
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
import { Link } from 'react-router-dom';
import { client, unwrap, type Answer } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ScrollableTable } from '../../components/charts/ChartCard';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { date, digits, rupiah } from '../../format';

/**
 * Funding referrals (docs/domain/supervision-funding.md): the region's cooperatives ranked by
 * readiness for a chosen programme (LPDB-KUMKM conventional or sharia, UMi), a cooperative's
 * checklist with the figure behind each item, the referral itself, its outcome step by step, and
 * the document package (PDF and Excel).
 */

type ReadinessList = Answer<'/api/v1/orgs/{orgId}/funding/readiness'>;
type Readiness = ReadinessList['items'][number]['readiness'];
type Referral = Answer<'/api/v1/orgs/{orgId}/funding/referrals'>['items'][number];
type Programme = ReadinessList['programme'];
type Status = Referral['status'];

const PROGRAMMES: Programme[] = ['lpdb_konvensional', 'lpdb_syariah', 'umi'];
const NEXT: Record<Status, Status[]> = {
  referred: ['under_review'],
  under_review: ['approved', 'rejected'],
  approved: ['disbursed'],
  rejected: [],
  disbursed: [],
};
const STATE_COLOR = { met: 'green', not_met: 'red', needs_confirmation: 'orange' } as const;
const STATUS_COLOR: Record<Status, string> = {
  referred: 'gray',
  under_review: 'orange',
  approved: 'green',
  rejected: 'red',
  disbursed: 'green',
};

export function FundingReferralsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [programme, setProgramme] = useState<Programme>('lpdb_konvensional');
  const [open, setOpen] = useState<string | null>(null);
  const programmes = useQuery({
    queryKey: ['funding-programmes', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/funding/programmes', { params: { path: { orgId } } }),
      ),
  });
  const list = useQuery({
    queryKey: ['funding-readiness', orgId, programme],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/funding/readiness', {
          params: { path: { orgId }, query: { programme } },
        }),
      ),
  });
  const chosen = programmes.data?.items.find((p) => p.code === programme);
  const openItem = list.data?.items.find((i) => i.registryId === open);
  return (
    <Stack data-testid="funding-page">
      <PageTitle>{t('funding.title')}</PageTitle>
      <Text size="sm" c="gray.7">
        {t('funding.intro')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('funding.programme')}
          value={programme}
          onChange={(e) => {
            setProgramme(e.currentTarget.value as Programme);
            setOpen(null);
          }}
          data={PROGRAMMES.map((p) => ({
            value: p,
            label: programmes.data?.items.find((x) => x.code === p)?.name ?? p,
          }))}
          data-testid="funding-programme"
        />
      </Group>
      {chosen && (
        <Text size="xs" c="gray.7" data-testid="funding-source">
          {chosen.lender} · {chosen.source}
          {chosen.ourReading ? ` · ${t('funding.ourReading')}` : ''}
        </Text>
      )}
      {list.error && <ErrorAlert error={list.error} />}
      {openItem && (
        <Checklist
          key={`${openItem.registryId}-${programme}`}
          registryId={openItem.registryId}
          name={openItem.name}
          readiness={openItem.readiness}
          onClose={() => setOpen(null)}
        />
      )}
      <Title order={2} size="h4">
        {t('funding.readiness')}
      </Title>
      {list.data && (
        <ScrollableTable label={t('funding.readiness')}>
          <Table data-testid="funding-readiness" fz="sm" miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('funding.cooperative')}</Table.Th>
                <Table.Th>{t('funding.state')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((i) => (
                <Table.Tr key={i.registryId} data-testid="funding-row">
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/o/${orgId}/supervision/${i.registryId}`}
                      c="blue.9"
                    >
                      {i.name}
                    </Anchor>
                    <Text size="xs" c="gray.7">
                      {i.cooperativeType}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={i.readiness.ready ? 'green' : 'orange'}
                      variant="light"
                      data-testid="funding-ready"
                    >
                      {i.readiness.ready ? t('funding.ready') : t('funding.notReady')}
                    </Badge>
                    <Text size="xs" c="gray.7">
                      {t('funding.metOf', {
                        met: i.readiness.metRequired,
                        required: i.readiness.required,
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => setOpen(i.registryId)}
                      aria-label={t('funding.openFor', { name: i.name })}
                      data-testid="funding-open"
                    >
                      {t('funding.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
      {list.data && list.data.items.length === 0 && <Text c="gray.7">{t('funding.none')}</Text>}
      <Referrals />
    </Stack>
  );
}

function Checklist({
  registryId,
  name,
  readiness,
  onClose,
}: {
  registryId: string;
  name: string;
  readiness: Readiness;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState<string | number>('');
  const [purpose, setPurpose] = useState('');
  const [auditConfirmed, setAuditConfirmed] = useState(false);
  const asks = readiness.items.some((i) => i.required && i.state === 'needs_confirmation');
  const blocked = readiness.items.some((i) => i.required && i.state === 'not_met');
  const refer = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/funding/referrals', {
          params: { path: { orgId } },
          body: {
            registryId,
            programme: readiness.programme,
            amountRequestedRupiah: digits(amount),
            purpose,
            auditConfirmed,
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['funding-referrals', orgId] });
    },
  });
  return (
    <Card withBorder data-testid="funding-checklist">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {t('funding.checklistOf', { name })}
        </Title>
        <Button size="compact-sm" variant="default" onClick={onClose}>
          {t('funding.close')}
        </Button>
      </Group>
      <ScrollableTable label={t('funding.checklistOf', { name })}>
        <Table fz="sm" miw={560} mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('funding.requirement')}</Table.Th>
              <Table.Th>{t('funding.state')}</Table.Th>
              <Table.Th>{t('funding.figure')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {readiness.items.map((i) => (
              <Table.Tr key={i.item} data-testid={`funding-item-${i.item}`}>
                <Table.Td>
                  {t(`funding.item.${i.item}`)}
                  <Text size="xs" c="gray.7">
                    {i.required ? t('funding.required') : t('funding.info')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[i.state]} variant="light">
                    {t(`funding.itemState.${i.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{i.figure}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
      {may('registry.write') && (
        <Stack gap="xs" mt="sm" data-testid="funding-refer-form">
          <Title order={3} size="h5">
            {t('funding.refer')}
          </Title>
          {blocked && <Text size="sm">{t('funding.notReadyHint')}</Text>}
          <Group align="flex-end" wrap="wrap">
            <RupiahInput
              label={t('funding.amountRequested')}
              value={amount}
              onChange={setAmount}
              data-testid="funding-amount"
            />
            <TextInput
              label={t('funding.purpose')}
              value={purpose}
              onChange={(e) => setPurpose(e.currentTarget.value)}
              maxLength={2000}
              miw={260}
              data-testid="funding-purpose"
            />
          </Group>
          {asks && (
            <Checkbox
              label={t('funding.auditConfirmed')}
              checked={auditConfirmed}
              onChange={(e) => setAuditConfirmed(e.currentTarget.checked)}
              data-testid="funding-audit"
            />
          )}
          <Group>
            <Button
              onClick={() => refer.mutate()}
              loading={refer.isPending}
              disabled={blocked || digits(amount) === '' || purpose.trim() === ''}
              data-testid="funding-submit"
            >
              {t('funding.submit')}
            </Button>
          </Group>
          {refer.error && <ErrorAlert error={refer.error} />}
          {refer.data && (
            <Alert color="green" data-testid="funding-referred">
              {t('funding.referred', { number: refer.data.letterNumber })}
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  );
}

function Referrals() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const list = useQuery({
    queryKey: ['funding-referrals', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/funding/referrals', {
          params: { path: { orgId }, query: {} },
        }),
      ),
  });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('funding.referrals')}
      </Title>
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && (
        <Text c="gray.7">{t('funding.noReferrals')}</Text>
      )}
      {list.data && list.data.items.length > 0 && (
        <ScrollableTable label={t('funding.referrals')}>
          <Table data-testid="funding-referrals" fz="sm" miw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('funding.letter')}</Table.Th>
                <Table.Th>{t('funding.cooperative')}</Table.Th>
                <Table.Th>{t('funding.amount')}</Table.Th>
                <Table.Th>{t('funding.statusLabel')}</Table.Th>
                <Table.Th>{t('funding.package')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <ReferralRow key={r.id} referral={r} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
    </Stack>
  );
}

function ReferralRow({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const queryClient = useQueryClient();
  const next = NEXT[r.status];
  const [moving, setMoving] = useState(false);
  const [status, setStatus] = useState<Status | ''>(next[0] ?? '');
  const [on, setOn] = useState('');
  const [amount, setAmount] = useState<string | number>('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const withAmount = status === 'approved' || status === 'disbursed';
  const move = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/funding/referrals/{referralId}/status', {
          params: { path: { orgId, referralId: r.id } },
          body: {
            status: status as Status,
            ...(on ? { on } : {}),
            ...(withAmount ? { amountRupiah: digits(amount) } : {}),
            ...(status === 'rejected' ? { reason } : {}),
            ...(note.trim() ? { note } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setMoving(false);
      await queryClient.invalidateQueries({ queryKey: ['funding-referrals', orgId] });
    },
  });
  return (
    <>
      <Table.Tr data-testid="funding-referral">
        <Table.Td>
          {r.letterNumber}
          <Text size="xs" c="gray.7">
            {date(r.referredOn)} · {r.officerName}
          </Text>
        </Table.Td>
        <Table.Td>
          {r.cooperativeName}
          <Text size="xs" c="gray.7">
            {r.programme === 'umi'
              ? 'UMi'
              : r.programme === 'lpdb_syariah'
                ? 'LPDB syariah'
                : 'LPDB'}
            {' · '}
            {r.purpose}
          </Text>
        </Table.Td>
        <Table.Td>
          {rupiah(r.amountRequestedRupiah)}
          {r.amountApprovedRupiah && (
            <Text size="xs" c="gray.7">
              {t('funding.approvedAmount', { amount: rupiah(r.amountApprovedRupiah) })}
            </Text>
          )}
          {r.amountDisbursedRupiah && (
            <Text size="xs" c="gray.7">
              {t('funding.disbursedAmount', { amount: rupiah(r.amountDisbursedRupiah) })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Badge color={STATUS_COLOR[r.status]} variant="light" data-testid="funding-status">
            {t(`funding.status.${r.status}`)}
          </Badge>
          <Text size="xs" c="gray.7">
            {date(r.statusOn)}
            {r.history.at(-1)?.reason ? ` · ${r.history.at(-1)?.reason}` : ''}
          </Text>
        </Table.Td>
        <Table.Td>
          <Group gap="xs">
            <Anchor
              href={`/api/v1${r.pdfHref}`}
              size="sm"
              c="blue.9"
              aria-label={t('funding.pdf', { number: r.letterNumber })}
              data-testid="funding-pdf"
            >
              PDF
            </Anchor>
            <Anchor
              href={`/api/v1${r.xlsxHref}`}
              size="sm"
              c="blue.9"
              aria-label={t('funding.xlsx', { number: r.letterNumber })}
            >
              Excel
            </Anchor>
          </Group>
        </Table.Td>
        <Table.Td>
          {may('registry.write') && next.length > 0 && (
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => setMoving((m) => !m)}
              aria-expanded={moving}
              aria-label={t('funding.moveFor', { number: r.letterNumber })}
              data-testid="funding-move"
            >
              {t('funding.move')}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {moving && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <Group align="flex-end" wrap="wrap" data-testid="funding-move-form">
              <NativeSelect
                label={t('funding.nextStatus')}
                value={status}
                onChange={(e) => setStatus(e.currentTarget.value as Status)}
                data={next.map((s) => ({ value: s, label: t(`funding.status.${s}`) }))}
                data-testid="funding-next-status"
              />
              <DayInput
                label={t('funding.on')}
                value={on}
                onChange={(e) => setOn(e.currentTarget.value)}
                data-testid="funding-on"
              />
              {withAmount && (
                <RupiahInput
                  label={t('funding.statusAmount')}
                  value={amount}
                  onChange={setAmount}
                  data-testid="funding-status-amount"
                />
              )}
              {status === 'rejected' && (
                <Textarea
                  label={t('funding.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  maxLength={2000}
                  autosize
                  miw={260}
                  data-testid="funding-reason"
                />
              )}
              <TextInput
                label={t('funding.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                maxLength={2000}
              />
              <Button
                onClick={() => move.mutate()}
                loading={move.isPending}
                data-testid="funding-save-status"
              >
                {t('funding.save')}
              </Button>
            </Group>
            {move.error && <ErrorAlert error={move.error} mt="xs" />}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
