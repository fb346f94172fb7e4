import { Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../App';
import { CooperativePicker } from './assessments/Editor';
import { SanctionsTab } from './inspections/Sanctions';
import { VisitsTab } from './inspections/Visits';

/**
 * Inspections and the sanctions ladder (docs/domain/supervision-inspections.md): per cooperative,
 * the visits with their checklist, findings (photo and location), recommendations and follow-up;
 * and the ladder with its legal basis, the letters issued, the next step allowed (or why not yet),
 * issuing it, its PDF and its delivery.
 */
export function InspectionsPage() {
  const { t } = useTranslation();
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('visits');
  return (
    <Stack data-testid="inspections-page">
      <PageTitle>{t('inspections.title')}</PageTitle>
      <CooperativePicker
        label={t('inspections.cooperative')}
        value={registryId}
        onChange={setRegistryId}
        testId="inspections-cooperative"
        clearable
      />
      {!registryId && (
        <Text size="sm" c="gray.7">
          {t('inspections.pickCooperative')}
        </Text>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="visits" data-testid="inspections-tab-visits">
            {t('inspections.tabs.visits')}
          </Tabs.Tab>
          <Tabs.Tab value="sanctions" data-testid="inspections-tab-sanctions">
            {t('inspections.tabs.sanctions')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="visits" pt="md">
          <VisitsTab key={registryId ?? ''} registryId={registryId} />
        </Tabs.Panel>
        <Tabs.Panel value="sanctions" pt="md">
          {registryId ? (
            <SanctionsTab key={registryId} registryId={registryId} />
          ) : (
            <Text size="sm">{t('inspections.pickCooperative')}</Text>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
