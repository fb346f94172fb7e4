import { Alert, Anchor, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, unwrapJson } from '../api';
import { PageTitle, useMembership, useOrgId } from '../App';
import { date, percent, rupiah } from '../format';
import { useSession } from '../session';
import { businessToday, daysAgo } from '../calendar';
import { DayInput } from '../components/DayInput';
import { useField } from '../components/useField';
import { MyShuCard } from './shu/MySlip';
import { MyRatCard } from './rat/MyRatCard';
import { MyMarketplaceCard } from './marketplace/MyMarketplace';

/** The member's own page, phone first: balances, arrears, history, statement downloads, loans. */
/** 'YYYY-MM' as "Juni 2025" / "June 2025". */
function monthName(period: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${period}-01T00:00:00Z`));
}

export function AnggotaPage() {
  const { t, i18n } = useTranslation();
  const orgId = useOrgId();
  const { session } = useSession();
  const m = useMembership();
  const me = useQuery({
    queryKey: ['me-member', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/me/member', { params: { path: { orgId } } })),
    retry: false,
  });
  const d = me.data;
  const accounts = (d?.accounts ?? []).filter((a) => a.status !== 'closed');
  const [picked, setPicked] = useState<string | null>(null);
  const account =
    picked ?? accounts.find((a) => a.kind === 'sukarela')?.id ?? accounts[0]?.id ?? null;
  const from = useField(daysAgo(90));
  const to = useField(businessToday());
  const st = useQuery({
    queryKey: ['me-statement', orgId, account, from.value, to.value],
    enabled: account !== null,
    queryFn: () =>
      unwrapJson(
        client.GET('/api/v1/orgs/{orgId}/me/savings-accounts/{accountId}/statement', {
          params: {
            path: { orgId, accountId: account! },
            query: { from: from.value, to: to.value },
          },
        }),
      ),
  });
  const bagiHasil = useQuery({
    queryKey: ['me-bagi-hasil', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/me/bagi-hasil', { params: { path: { orgId } } })),
    retry: false,
  });
  // the latest month's lines (a member of a KSPPS with mudharabah savings; none elsewhere)
  const shares = bagiHasil.data?.items ?? [];
  const latest = shares.filter((l) => l.period === shares[0]?.period);
  return (
    <Stack>
      <PageTitle>{t('anggota.title')}</PageTitle>
      <Card withBorder>
        <Text fw={600}>{t('anggota.welcome', { name: session?.user.fullName ?? '' })}</Text>
        <Text c="dimmed">{t('anggota.member', { org: m?.organizationName ?? '' })}</Text>
        {d && (
          <Text size="sm" c="dimmed" data-testid="my-number">
            {d.memberNumber} · {t(`members.statuses.${d.status}`)}
          </Text>
        )}
      </Card>
      <MyRatCard orgId={orgId} />
      {d && <MyMarketplaceCard orgId={orgId} />}
      {d && (
        <>
          <Card withBorder>
            <Text fw={600} mb="xs">
              {t('portal.balances')}
            </Text>
            <Stack gap={6}>
              {accounts.map((a) => (
                <Group key={a.id} justify="space-between" wrap="nowrap">
                  <div>
                    <Text size="sm">{a.productName}</Text>
                    <Text size="xs" c="dimmed">
                      {a.accountNumber}
                      {a.maturityOn ? ` · ${date(a.maturityOn)}` : ''}
                    </Text>
                  </div>
                  <Text fw={600} data-testid={`balance-${a.kind}`}>
                    {rupiah(a.balanceRupiah)}
                  </Text>
                </Group>
              ))}
              <Group justify="space-between">
                <Text fw={700}>{t('members.total')}</Text>
                <Text fw={700}>{rupiah(d.totals.savingsRupiah)}</Text>
              </Group>
            </Stack>
          </Card>
          {latest.length > 0 && (
            <Card withBorder data-testid="my-bagi-hasil">
              <Text fw={600}>
                {t('bagiHasil.portal.title')} · {monthName(latest[0]!.period, i18n.language)}
              </Text>
              <Text size="xs" c="dimmed" mb="xs">
                {t('bagiHasil.portal.note')}
              </Text>
              <Stack gap={6}>
                {latest.map((l) => (
                  <Group key={l.accountId} justify="space-between" wrap="nowrap">
                    <div>
                      <Text size="sm">{l.productName}</Text>
                      <Text size="xs" c="dimmed" data-testid="my-bagi-hasil-nisbah">
                        {t('bagiHasil.portal.line', {
                          nisbah: percent(l.nisbahAnggotaPercent),
                          rate: percent(l.ratePerMonthPercent),
                        })}
                      </Text>
                    </div>
                    <Text fw={600} c="green" data-testid="my-bagi-hasil-amount">
                      +{rupiah(l.shareRupiah)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Card>
          )}
          <MyShuCard orgId={orgId} />
          {d.wajib &&
            (d.wajib.arrearsRupiah === '0' ? (
              <Alert color="green">{t('portal.noArrears')}</Alert>
            ) : (
              <Alert color="red" title={t('portal.arrears')} data-testid="my-arrears">
                {t('portal.arrearsText', {
                  amount: rupiah(d.wajib.arrearsRupiah),
                  months: d.wajib.monthsOwed,
                })}
              </Alert>
            ))}
          <Card withBorder>
            <Text fw={600} mb="xs">
              {t('portal.history')}
            </Text>
            {accounts.length > 1 && (
              <SegmentedControl
                fullWidth
                size="xs"
                mb="xs"
                value={account ?? ''}
                onChange={setPicked}
                data={accounts.map((a) => ({ value: a.id, label: t(`members.kinds.${a.kind}`) }))}
              />
            )}
            <Group grow mb="xs">
              <DayInput label={t('portal.from')} {...from.input} />
              <DayInput label={t('portal.to')} {...to.input} />
            </Group>
            {st.data && (
              <>
                <Text size="sm" c="dimmed">
                  {t('portal.opening')}: {rupiah(st.data.openingBalanceRupiah)}
                </Text>
                <Table fz="sm" data-testid="my-history">
                  <Table.Tbody>
                    {st.data.lines.map((l) => (
                      <Table.Tr key={l.transactionId}>
                        <Table.Td>{date(l.date)}</Table.Td>
                        <Table.Td>
                          {t(`portal.movements.${l.kind}`, { defaultValue: l.kind })}
                          {l.nisbahAnggotaPercent && (
                            <Text size="xs" c="dimmed">
                              {t('bagiHasil.portal.line', {
                                nisbah: percent(l.nisbahAnggotaPercent),
                                rate: percent(l.ratePerMonthPercent),
                              })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right" c={l.debitRupiah !== '0' ? 'red' : 'green'}>
                          {l.debitRupiah !== '0'
                            ? `−${rupiah(l.debitRupiah)}`
                            : `+${rupiah(l.creditRupiah)}`}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Text size="sm" fw={600}>
                  {t('portal.closing')}: {rupiah(st.data.closingBalanceRupiah)}
                </Text>
                <Group gap="md" mt="xs">
                  <Anchor
                    href={`/api/v1/orgs/${orgId}/me/savings-accounts/${account}/statement?from=${from.value}&to=${to.value}&format=pdf`}
                    target="_blank"
                    size="sm"
                  >
                    {t('portal.download')} (PDF)
                  </Anchor>
                  <Anchor
                    href={`/api/v1/orgs/${orgId}/me/savings-accounts/${account}/statement?from=${from.value}&to=${to.value}&format=xlsx`}
                    size="sm"
                  >
                    Excel
                  </Anchor>
                </Group>
              </>
            )}
          </Card>
          <Card withBorder>
            <Text fw={600} mb="xs">
              {t('portal.loans')}
            </Text>
            {d.loans.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('portal.noLoans')}
              </Text>
            ) : (
              d.loans.map((l) => (
                <Group key={l.id} justify="space-between">
                  <Text size="sm">{l.loanNumber}</Text>
                  <Text size="sm">{rupiah(l.outstandingPrincipalRupiah)}</Text>
                </Group>
              ))
            )}
          </Card>
          <Card withBorder>
            <Text fw={600} mb="xs">
              {t('portal.profile')}
            </Text>
            <Text size="sm">{d.fullName}</Text>
            <Text size="sm">{d.address}</Text>
            <Text size="sm">{d.phone}</Text>
            <Anchor href={`password`} size="sm">
              {t('nav.password')}
            </Anchor>
          </Card>
        </>
      )}
    </Stack>
  );
}
