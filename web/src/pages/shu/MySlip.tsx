import { Anchor, Card, Divider, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { date, rupiah } from '../../format';

type Slip = Answer<'/api/v1/orgs/{orgId}/me/shu'>['items'][number];

/** A line of the slip: what it is and the amount, the amount never wrapped. */
function Row({
  label,
  value,
  strong = false,
  testId,
}: {
  label: string;
  value: string;
  strong?: boolean;
  testId?: string;
}) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
      <Text size="sm" fw={strong ? 700 : 400} c="dark.9">
        {label}
      </Text>
      <Text
        size="sm"
        fw={strong ? 700 : 600}
        c="dark.9"
        style={{ whiteSpace: 'nowrap' }}
        data-testid={testId}
      >
        {value}
      </Text>
    </Group>
  );
}

/**
 * The member's own SHU slip in the portal (GET /orgs/:orgId/me/shu): how their share came from
 * their own savings and business, set against everyone's and the pools, then tax, deductions, the
 * net and where it was paid, with the PDF. Phone first, plain Indonesian, dark text on white.
 */
export function MyShuCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const slips = useQuery({
    queryKey: ['me-shu', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/me/shu', { params: { path: { orgId } } })),
    retry: false,
  });
  const items = slips.data?.items ?? [];
  const latest = items[0];
  if (!latest) return null;
  return (
    <Card withBorder data-testid="my-shu" component="section" aria-labelledby="my-shu-title">
      <SlipBody orgId={orgId} slip={latest} />
      {items.length > 1 && (
        <Stack gap={2} mt="sm">
          <Text size="sm" fw={600} c="dark.9">
            {t('shu.portal.older')}
          </Text>
          {items.slice(1).map((s) => (
            <Anchor
              key={s.run.id}
              size="sm"
              href={`/api/v1/orgs/${orgId}/me/shu/${s.run.year}/slip`}
              target="_blank"
            >
              {t('shu.portal.pdfYear', { year: s.run.year })}
            </Anchor>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function SlipBody({ orgId, slip }: { orgId: string; slip: Slip }) {
  const { t } = useTranslation();
  const { run, share } = slip;
  const average = run.jasaModalBasis === 'average';
  // the average of twelve month-ends, shown in whole rupiah (the share is computed on the sum)
  const shown = (v: string) => rupiah(average ? BigInt(v) / 12n : BigInt(v));
  const lines = run.lines.filter((l) => share.jasaUsahaLines[l.line] !== undefined);
  const deductWajib = BigInt(share.deductionWajibRupiah);
  const deductInstalments = BigInt(share.deductionInstalmentsRupiah);
  const lineName = (l: string) => t(`shu.lines.${l}`, { defaultValue: l });
  return (
    <Stack gap="xs">
      <Text fw={700} size="lg" component="h2" id="my-shu-title" c="dark.9">
        {t('shu.portal.title', { year: run.year })}
      </Text>
      <Text size="sm" c="dark.9">
        {t('shu.portal.intro', { shu: rupiah(run.shuRupiah) })}
      </Text>
      <Divider />
      <Text size="sm" fw={700} c="dark.9">
        {t('shu.portal.modalTitle')}
      </Text>
      <Text size="sm" c="dark.9" data-testid="my-shu-modal-text">
        {t(average ? 'shu.portal.modalTextAverage' : 'shu.portal.modalText', {
          mine: shown(share.capitalWeight),
          all: shown(run.capitalTotal),
          pool: rupiah(run.pools.jasaModal.poolRupiah),
        })}
      </Text>
      <Row
        label={t('shu.portal.jasaModal')}
        value={rupiah(share.jasaModalRupiah)}
        strong
        testId="my-shu-jasa-modal"
      />
      <Text size="sm" fw={700} c="dark.9">
        {t('shu.portal.usahaTitle')}
      </Text>
      {lines.length === 0 ? (
        <Text size="sm" c="dark.9">
          {t('shu.portal.noUsaha')}
        </Text>
      ) : (
        lines.map((l) => (
          <Text key={l.line} size="sm" c="dark.9">
            {t('shu.portal.usahaLine', {
              line: lineName(l.line),
              mine: rupiah(share.jasaUsahaLines[l.line]!.participation),
              all: rupiah(l.participationTotal),
              pool: rupiah(l.poolRupiah),
            })}
          </Text>
        ))
      )}
      <Row
        label={t('shu.portal.jasaUsaha')}
        value={rupiah(share.jasaUsahaRupiah)}
        strong
        testId="my-shu-jasa-usaha"
      />
      <Divider />
      <Row label={t('shu.portal.total')} value={rupiah(share.totalRupiah)} testId="my-shu-total" />
      {BigInt(share.taxRupiah) > 0n && (
        <Row label={t('shu.portal.tax')} value={`−${rupiah(share.taxRupiah)}`} />
      )}
      {deductWajib > 0n && (
        <Row label={t('shu.portal.deductWajib')} value={`−${rupiah(deductWajib)}`} />
      )}
      {deductInstalments > 0n && (
        <Row label={t('shu.portal.deductInstalments')} value={`−${rupiah(deductInstalments)}`} />
      )}
      <Row label={t('shu.portal.net')} value={rupiah(share.netRupiah)} strong testId="my-shu-net" />
      <Text size="sm" fw={600} c="dark.9" data-testid="my-shu-paid">
        {share.paidOn
          ? t(`shu.portal.paid.${share.paidChannel ?? 'sukarela'}`, { date: date(share.paidOn) })
          : t('shu.portal.unpaid', { date: date(run.payoutDate) })}
      </Text>
      <Anchor
        href={`/api/v1/orgs/${orgId}/me/shu/${run.year}/slip`}
        target="_blank"
        fw={600}
        data-testid="my-shu-pdf"
      >
        {t('shu.portal.pdf')}
      </Anchor>
    </Stack>
  );
}
