import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../App';
import { CertificatesTab } from './training/Certificates';
import { EventsTab } from './training/Events';
import { RequirementTab } from './training/Requirement';

/**
 * Training and certification (docs/domain/supervision-training.md): the office's training events
 * with their sessions, participants from the registry's cooperatives, attendance and results; the
 * competency certificates of the cooperatives' managers and staff with their expiry; which
 * savings-and-loan cooperatives meet the certification requirement.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('events');
  return (
    <Stack data-testid="training-page">
      <PageTitle>{t('training.title')}</PageTitle>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="events" data-testid="training-tab-events">
            {t('training.tabs.events')}
          </Tabs.Tab>
          <Tabs.Tab value="certificates" data-testid="training-tab-certificates">
            {t('training.tabs.certificates')}
          </Tabs.Tab>
          <Tabs.Tab value="requirement" data-testid="training-tab-requirement">
            {t('training.tabs.requirement')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="events" pt="md">
          <EventsTab />
        </Tabs.Panel>
        <Tabs.Panel value="certificates" pt="md">
          <CertificatesTab />
        </Tabs.Panel>
        <Tabs.Panel value="requirement" pt="md">
          <RequirementTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
