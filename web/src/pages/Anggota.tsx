import { Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle, useMembership } from '../App';
import { useSession } from '../session';

export function AnggotaPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const m = useMembership();
  return (
    <Stack>
      <PageTitle>{t('anggota.title')}</PageTitle>
      <Card withBorder>
        <Text fw={600}>{t('anggota.welcome', { name: session?.user.fullName ?? '' })}</Text>
        <Text c="dimmed">{t('anggota.member', { org: m?.organizationName ?? '' })}</Text>
      </Card>
    </Stack>
  );
}
