import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/api.ts';
import type { Me } from '../api/types.ts';
import { ME_KEY } from '../auth/session.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api.post<Me>('/api/auth/login', { email: email.trim(), password }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate();
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} aria-label="Вход в систему">
          <Stack>
            <div>
              <Title order={1} size="h2" c="blue.8">
                Маршрут
              </Title>
              <Text c="dimmed" size="sm">
                Профессиональное развитие педагогов муниципалитета
              </Text>
            </div>
            <TextInput
              label="Электронная почта"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoFocus
            />
            <PasswordInput
              label="Пароль"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <ErrorAlert error={login.error} title="Вход не выполнен" />
            <Button type="submit" loading={login.isPending} fullWidth>
              Войти
            </Button>
            <Text size="xs" c="dimmed">
              Нет пароля или забыли его? Попросите у методиста или администратора ссылку для входа.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
