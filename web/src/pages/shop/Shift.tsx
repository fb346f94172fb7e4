import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { businessToday } from '../../calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RupiahInput } from '../../components/RupiahInput';
import { useField } from '../../components/useField';
import { digits, rupiah } from '../../format';
import type { Till } from './api';

export type CashSession = NonNullable<Answer<'/api/v1/orgs/{orgId}/cash-sessions/mine'>['session']>;

/** The cashier's own cash session (the shift), the same one the Teller page opens and closes. */
export function useMyShift(orgId: string) {
  return useQuery({
    queryKey: ['my-cash-session', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/cash-sessions/mine', { params: { path: { orgId } } }),
      ),
  });
}

/**
 * The shift on the till's cash desk: open it with a float when there is none, close it with a
 * count. Cash sales go into it; the till can sell only while it is open (or while offline).
 */
export function ShiftCard({
  orgId,
  till,
  session,
  known,
  waiting,
}: {
  orgId: string;
  till: Till;
  session: CashSession | null;
  /** false when the shift could not be read (offline) */
  known: boolean;
  /** sales of this device not yet recorded: the shift is closed only after they are */
  waiting: number;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const float = useField<number | string>(500_000);
  const counted = useField<number | string>('');
  const reason = useField('');
  const changed = () => void qc.invalidateQueries({ queryKey: ['my-cash-session', orgId] });
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions', {
          params: { path: { orgId } },
          body: {
            deskId: till.deskId,
            businessDate: businessToday(),
            openingFloatRupiah: digits(float.value) || '0',
          },
        }),
      ),
    onSuccess: changed,
  });
  const close = useMutation({
    mutationFn: (s: CashSession) =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/cash-sessions/{sessionId}/close', {
          params: { path: { orgId, sessionId: s.id } },
          body: {
            countedRupiah: digits(counted.value),
            varianceReason: reason.value || null,
            entryDate: s.businessDate,
          },
        }),
      ),
    onSuccess: () => {
      counted.set('');
      changed();
    },
  });
  if (!known)
    return (
      <Alert color="yellow" data-testid="pos-shift-unknown">
        {t('pos.shift.unknown')}
      </Alert>
    );
  if (session && session.deskId !== till.deskId)
    return (
      <Alert color="yellow" data-testid="pos-shift-other">
        {t('pos.shift.otherDesk', { desk: session.deskCode, tillDesk: till.deskCode })}
      </Alert>
    );
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('pos.shift.title')}</Text>
        {close.data && (
          <Alert color="green" data-testid="pos-shift-closed">
            {t('pos.shift.closed', { variance: rupiah(close.data.varianceRupiah ?? '0') })}
          </Alert>
        )}
        {session ? (
          <>
            <Text data-testid="pos-shift">
              {t('pos.shift.open', {
                desk: session.deskCode,
                date: session.businessDate,
                expected: rupiah(session.expectedRupiah),
              })}
            </Text>
            <ErrorAlert error={close.error} />
            <Group align="end" wrap="wrap">
              <RupiahInput
                label={t('pos.shift.counted')}
                {...counted.input}
                min={0}
                w={180}
                data-testid="pos-counted"
              />
              <TextInput label={t('pos.shift.reason')} {...reason.input} w={220} />
              <Button
                variant="default"
                onClick={() => close.mutate(session)}
                disabled={counted.value === '' || waiting > 0}
                loading={close.isPending}
                data-testid="pos-close-shift"
              >
                {t('pos.shift.close')}
              </Button>
            </Group>
            {waiting > 0 && (
              <Text size="sm" c="dimmed">
                {t('pos.shift.closeFirstSync')}
              </Text>
            )}
          </>
        ) : (
          <>
            <Text>{t('pos.shift.none')}</Text>
            <ErrorAlert error={open.error} />
            <Group align="end">
              <RupiahInput
                label={t('pos.shift.float')}
                {...float.input}
                min={0}
                w={180}
                data-testid="pos-float"
              />
              <Button
                onClick={() => open.mutate()}
                loading={open.isPending}
                data-testid="pos-open-shift"
              >
                {t('pos.shift.start')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
