import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<string, string> = {
  active: 'green',
  inactive: 'gray',
  in_liquidation: 'orange',
  dissolved: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} data-testid="status-badge">
      {t(`registry.statuses.${status}`)}
    </Badge>
  );
}

/** Whether the cooperative runs on Sokoguru; `short` under a column headed "Di Sokoguru". */
export function LinkedBadge({ linked, short = false }: { linked: boolean; short?: boolean }) {
  const { t } = useTranslation();
  const suffix = short ? 'Short' : '';
  return linked ? (
    <Badge color="blue" data-testid="linked-badge">
      {t(`registry.onSokoguru${suffix}`)}
    </Badge>
  ) : (
    <Badge variant="outline" color="dark" data-testid="linked-badge">
      {t(`registry.notOnSokoguru${suffix}`)}
    </Badge>
  );
}
