import { Container, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { LanguageToggle } from '../../LanguageToggle';
import { Logo } from '../../Logo';
import { linkApi } from './api';
import { HouseholdOrder } from './HouseholdOrder';

/** A household's ordering link, /pesan/:cooperativeId/:token (no sign-in; the link names it). */
export function PesanPage() {
  const { t } = useTranslation();
  const { cooperativeId = '', token = '' } = useParams();
  return (
    <Container size="xs" px="xs" py="md" data-testid="mlijo-pesan">
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Logo />
          <Text fw={700}>Sokoguru</Text>
        </Group>
        <LanguageToggle />
      </Group>
      <main>
        <Title order={1} size="h2" mb="sm" data-testid="page-title">
          {t('mlijo.orderTitle')}
        </Title>
        <HouseholdOrder api={linkApi(cooperativeId, token)} notFound={t('mlijo.notFound')} />
      </main>
    </Container>
  );
}
