import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, errorText, unwrap } from '../api';
import { PageTitle } from '../App';

export function PasswordPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    try {
      await unwrap(
        client.POST('/api/v1/auth/change-password', {
          body: { currentPassword: current, newPassword: next },
        }),
      );
      setMsg({ ok: true, text: t('password.done') });
      setCurrent('');
      setNext('');
    } catch (e) {
      setMsg({ ok: false, text: errorText(e, t('common.error')) });
    }
  };
  return (
    <Stack maw={420}>
      <PageTitle>{t('password.title')}</PageTitle>
      {msg && <Alert color={msg.ok ? 'green' : 'red'}>{msg.text}</Alert>}
      <PasswordInput
        label={t('password.current')}
        value={current}
        onChange={(e) => setCurrent(e.currentTarget.value)}
        autoComplete="current-password"
      />
      <PasswordInput
        label={t('password.next')}
        value={next}
        onChange={(e) => setNext(e.currentTarget.value)}
        autoComplete="new-password"
      />
      <Button onClick={() => void save()}>{t('password.save')}</Button>
    </Stack>
  );
}
