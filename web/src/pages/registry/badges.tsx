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

export function LinkedBadge({ linked }: { linked: boolean }) {
  const { t } = useTranslation();
  return linked ? (
    <Badge color="blue" data-testid="linked-badge">
      {t('registry.onSokoguru')}
    </Badge>
  ) : (
    <Badge variant="outline" color="dark" data-testid="linked-badge">
      {t('registry.notOnSokoguru')}
    </Badge>
  );
}
