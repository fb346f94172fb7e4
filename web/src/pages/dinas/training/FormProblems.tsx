import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../../api';

/** A refused save: the server's message and, per field, what is wrong with it in words. */
export function FormProblems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problems = error instanceof ApiError ? error.errors : [];
  const fieldLabel = (field: string) => {
    const m = /^sessions\.(\d+)\.(\w+)$/.exec(field);
    const name = m?.[2] ?? field;
    const label = t(`training.field.${name}`, { defaultValue: name });
    return m ? `${t('training.sessionN', { n: Number(m[1]) + 1 })} · ${label}` : label;
  };
  return (
    <Alert color="red" data-testid="training-form-error">
      {errorText(error, t('common.error'))}
      {problems.length > 0 && (
        <List size="sm" mt={4}>
          {problems.map((p) => (
            <List.Item key={`${p.field}-${p.message}`}>
              {fieldLabel(p.field)}:{' '}
              {t(`training.problem.${p.message}`, { defaultValue: p.message })}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
