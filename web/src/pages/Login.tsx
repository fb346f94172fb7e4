import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { client, errorText, landingFor, unwrap } from '../api';
import { LanguageToggle } from '../LanguageToggle';
import { Logo } from '../Logo';
import { useSession } from '../session';
import { useField, type Field } from '../components/useField';

export function LoginPage() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const navigate = useNavigate();
  const username = useField('');
  const password = useField('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = session?.memberships[0];
  if (session && first) return <Navigate to={landingFor(first)} replace />;

  // The two sign-in fields differ only in name: required, bound to their state, labelled login.<name>
  // and tagged login-<name> (login-username, login-password: the browser tests' handles).
  const credential = (name: 'username' | 'password', field: Field<string>) => ({
    label: t(`login.${name}`),
    ...field.input,
    required: true,
    'data-testid': `login-${name}`,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await unwrap(
        client.POST('/api/v1/auth/login', {
          body: { username: username.value.trim(), password: password.value },
        }),
      );
      setSession(s);
      const m = s.memberships[0];
      void navigate(m ? landingFor(m) : '/login');
    } catch (err) {
      setError(errorText(err, t('common.error')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Group justify="space-between">
              <Group gap="xs">
                <Logo size={36} />
                <div>
                  <Text fw={700}>Sokoguru</Text>
                  <Text size="xs" c="dimmed">
                    {t('app.tagline')}
                  </Text>
                </div>
              </Group>
              <LanguageToggle />
            </Group>
            <Title order={3} data-testid="login-title">
              {t('login.title')}
            </Title>
            {error && (
              <Alert color="red" data-testid="login-error">
                {error}
              </Alert>
            )}
            <TextInput {...credential('username', username)} autoComplete="username" />
            <PasswordInput {...credential('password', password)} autoComplete="current-password" />
            <Button type="submit" loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('login.demo')}
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
