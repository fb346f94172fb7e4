import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../../api';
import { useCan, useOrgId } from '../../../App';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { dateTime } from '../../../format';

export interface Thresholds {
  liquidityMinBps: number;
  nplMaxBps: number;
  capitalMinBps: number;
  assetGrowthMinBps: number;
  missingReportsMax: number;
  ratGraceDays: number;
}
const PERCENT_KEYS: (keyof Thresholds)[] = [
  'liquidityMinBps',
  'nplMaxBps',
  'capitalMinBps',
  'assetGrowthMinBps',
];

/**
 * The office's thresholds: everyone sees those in force and may try other values on the watch
 * list (`onTry`); the office's administrator saves them for everyone (a new dated setting).
 */
export function ThresholdsCard({ onTry }: { onTry: (t: Thresholds | null) => void }) {
  const orgId = useOrgId();
  const q = useQuery({
    queryKey: ['warning-thresholds', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/warning-thresholds', {
          params: { path: { orgId } },
        }),
      ),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  // a new form whenever the thresholds in force change, starting from them
  return <ThresholdsForm key={q.data.setAt ?? 'defaults'} state={q.data} onTry={onTry} />;
}

function ThresholdsForm({
  state,
  onTry,
}: {
  state: { thresholds: Thresholds; setBy: string | null; setAt: string | null };
  onTry: (t: Thresholds | null) => void;
}) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const can = useCan();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Thresholds>(state.thresholds);
  const save = useMutation({
    mutationFn: (body: Thresholds) =>
      unwrap(
        client.PUT('/api/v1/orgs/{orgId}/health/warning-thresholds', {
          params: { path: { orgId } },
          body,
        }),
      ),
    onSuccess: async () => {
      onTry(null);
      await qc.invalidateQueries({ queryKey: ['warning-thresholds', orgId] });
      await qc.invalidateQueries({ queryKey: ['watch-list', orgId] });
    },
  });
  const field = (key: keyof Thresholds) => {
    const percent = PERCENT_KEYS.includes(key);
    return (
      <NumberInput
        key={key}
        label={t(`watchList.threshold.${key}`)}
        value={percent ? draft[key] / 100 : draft[key]}
        decimalScale={percent ? 2 : 0}
        decimalSeparator=","
        allowNegative={key === 'capitalMinBps' || key === 'assetGrowthMinBps'}
        suffix={percent ? ' %' : undefined}
        onChange={(v) =>
          setDraft((d) => ({ ...d, [key]: Math.round(Number(v) * (percent ? 100 : 1)) }))
        }
        data-testid={`threshold-${key}`}
      />
    );
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('watchList.thresholdsTitle')}
        </Title>
        <Text size="sm" c="gray.7" data-testid="thresholds-set-by">
          {state.setBy && state.setAt
            ? t('watchList.setBy', { name: state.setBy, at: dateTime(state.setAt) })
            : t('watchList.defaultsInForce')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
          {(Object.keys(draft) as (keyof Thresholds)[]).map(field)}
        </SimpleGrid>
        {save.error && <ErrorAlert error={save.error} />}
        <Group>
          <Button variant="default" onClick={() => onTry(draft)} data-testid="watch-list-apply">
            {t('watchList.apply')}
          </Button>
          {can('dinas.manage') && (
            <Button
              onClick={() => save.mutate(draft)}
              loading={save.isPending}
              data-testid="thresholds-save"
            >
              {t('watchList.save')}
            </Button>
          )}
          <Button
            variant="subtle"
            onClick={() => {
              setDraft(state.thresholds);
              onTry(null);
            }}
          >
            {t('watchList.reset')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
