import { Card, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { PageTitle } from '../App';
import { rupiah } from '../format';
import { useSession } from '../session';

interface CashSession {
  id: string;
  deskCode: string;
  businessDate: string;
  openingFloatRupiah: string;
  expectedRupiah: string;
}

export function KasirPage() {
  const { t } = useTranslation();
  const { orgId } = useParams();
  const { session } = useSession();
  const mine = useQuery({
    queryKey: ['my-cash-session', orgId],
    queryFn: () => api<{ session: CashSession | null }>('GET', `/orgs/${orgId}/cash-sessions/mine`),
  });
  const s = mine.data?.session;
  return (
    <Stack>
      <PageTitle>{t('kasir.title')}</PageTitle>
      <Text>{t('kasir.welcome', { name: session?.user.fullName ?? '' })}</Text>
      <Card withBorder>
        <Text fw={600}>{t('kasir.session')}</Text>
        {s ? (
          <Text data-testid="cash-session">
            {s.deskCode} · {s.businessDate} · {t('kasir.expected')}: {rupiah(s.expectedRupiah)}
          </Text>
        ) : (
          <Text c="dimmed">{t('kasir.noSession')}</Text>
        )}
      </Card>
      <Text size="sm" c="dimmed">
        {t('kasir.can')}
      </Text>
    </Stack>
  );
}
