import { Alert, type AlertProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api';

/** The server's problem+json detail (already in the user's language), or a generic message. */
export function ErrorAlert({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children'>) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" {...props}>
      {errorText(error, t('common.error'))}
    </Alert>
  );
}
